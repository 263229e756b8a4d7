use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::reach_phrase;
use crate::newsroom::use_newsroom;
use crate::page_shell::declare_page_drawn;
use crate::store::Reach;

/// The page for any path that is not a route.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound /> }
}

/// What a reader sees for an unknown page, topic or story: a sentence and
/// the ways back. With `reach`, what was asked for is further back in a
/// feed paged by `next_url` than the app has looked: the page says how far
/// back it looked, and offers to look further, never "not found" for what
/// it did not reach.
#[component]
pub fn NotFound(
    #[prop(optional)] reach: Option<Reach>,
    /// What was asked for: "story" or "page".
    #[prop(default = "story")]
    what: &'static str,
) -> impl IntoView {
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    declare_page_drawn();
    // The story or page is further back, or it is nowhere.
    let (title, heading, said) = match &reach {
        Some(reach) => (
            "Further back",
            if what == "page" {
                "This page is further back"
            } else {
                "This story is further back"
            },
            format!(
                "The site looked through {} and did not reach this {what}. The feed has older pages.",
                reach_phrase(reach)
            ),
        ),
        None => (
            "Page not found",
            "Page not found",
            "There is no story or page at this address. It may have moved, or the link may be mistyped.".to_owned(),
        ),
    };
    let further_shown = reach.is_some();
    let further = reach.map(|_| {
        view! { <button type="button" class="button" on:click=move |_| newsroom.look_further()>"Look further back"</button> }
    });
    view! {
        <Title text=move || format!("{title} – {}", newsroom.site_title_tracked()) />
        <section class="not-found">
            <h1>{heading}</h1>
            <p>{said}</p>
            <p class="not-found-actions">{further}<a class="button" class:button-quiet=further_shown href=paths.home()>"Go to the front page"</a></p>
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
                    {topics.into_iter().map(|t| view! { <li><a href=paths.topic(&t.topic.slug)>{t.topic.name}</a></li> }).collect_view()}
                    <li><a href=paths.all_topics()>"All topics"</a></li>
                </ul>
            }
        })
    }
}
