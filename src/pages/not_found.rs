use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::catalog::{fill, use_catalog};
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
    let tr = use_catalog();
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    declare_page_drawn();
    // The story or page is further back, or it is nowhere.
    let (title, heading, said) = match &reach {
        Some(reach) => {
            let (heading, said) = if what == "page" {
                (tr.page_further_back(), tr.not_reached_page())
            } else {
                (tr.story_further_back(), tr.not_reached_story())
            };
            (
                tr.further_back(),
                heading,
                fill(said, &[("reach", &reach_phrase(tr, reach))]),
            )
        }
        None => (tr.not_found(), tr.not_found(), tr.not_found_text().to_string()),
    };
    let further_shown = reach.is_some();
    let further = reach.map(|_| {
        view! { <button type="button" class="button" on:click=move |_| newsroom.look_further()>{tr.look_further()}</button> }
    });
    view! {
        <Title text=move || tr.title(title, &newsroom.site_title_tracked()) />
        <Meta name="robots" content="noindex, max-image-preview:large" />
        <section class="not-found">
            <h1>{heading}</h1>
            <p>{said}</p>
            <p class="not-found-actions">{further}<a class="button" class:button-quiet=further_shown href=paths.home()>{tr.go_front()}</a></p>
            <BrowseTopics />
        </section>
    }
}

/// The largest topics, and the page of all of them.
#[component]
fn BrowseTopics() -> impl IntoView {
    let tr = use_catalog();
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    move || {
        let topics = newsroom.with_store(|s| s.featured_topics());
        let paths = paths.clone();
        (!topics.is_empty()).then(|| {
            view! {
                <h2>{tr.browse_topic()}</h2>
                <ul class="topic-list">
                    {topics.into_iter().map(|t| view! { <li><a href=paths.topic(&t.topic.slug)>{t.topic.name}</a></li> }).collect_view()}
                    <li><a href=paths.all_topics()>{tr.all_topics()}</a></li>
                </ul>
            }
        })
    }
}
