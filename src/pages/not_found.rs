use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::reach_phrase;
use crate::newsroom::use_newsroom;
use crate::store::Reach;

/// The page for any path that is not a route.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound /> }
}

/// What a reader sees for an unknown page, topic or story: a sentence and
/// the ways back.
#[component]
pub fn NotFound() -> impl IntoView {
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    Effect::new(move |_| newsroom.mark_page_drawn());
    view! {
        <Title text=move || format!("Page not found – {}", newsroom.site_title_tracked()) />
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no story or page at this address. It may have moved, or the link may be mistyped."</p>
            <p><a class="button" href=paths.home()>"Go to the front page"</a></p>
            <BrowseTopics />
        </section>
    }
}

/// What a reader sees for a story or page further back in a feed paged by
/// `next_url` than the app has looked: how far back it looked, and a way
/// to look further. Never "not found" for what was not reached.
#[component]
pub fn NotReached(reach: Reach, #[prop(default = "story")] what: &'static str) -> impl IntoView {
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    Effect::new(move |_| newsroom.mark_page_drawn());
    view! {
        <Title text=move || format!("Further back – {}", newsroom.site_title_tracked()) />
        <section class="not-found">
            <h1>{format!("This {what} is further back")}</h1>
            <p>
                {format!(
                    "The site looked through {} and did not reach this {what}. The feed has older pages.",
                    reach_phrase(&reach)
                )}
            </p>
            <p class="not-found-actions">
                <button type="button" class="button" on:click=move |_| newsroom.look_further()>"Look further back"</button>
                <a class="button button-quiet" href=paths.home()>"Go to the front page"</a>
            </p>
            <BrowseTopics />
        </section>
    }
}

/// The largest topics, and the page of all of them.
#[component]
fn BrowseTopics() -> impl IntoView {
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    move || {
        let topics = newsroom.with_store(|s| s.featured_topics());
        let paths = paths.clone();
        (!topics.is_empty()).then(|| {
            view! {
                <h2>"Browse a topic"</h2>
                <ul class="topic-list">
                    {topics.into_iter().map(|t| view! { <li><a href=paths.topic(&t.slug)>{t.name}</a></li> }).collect_view()}
                    <li><a href=paths.all_topics()>"All topics"</a></li>
                </ul>
            }
        })
    }
}
