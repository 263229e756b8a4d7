use leptos::prelude::*;
use leptos_meta::Title;

use crate::newsroom::use_newsroom;

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
    let topics = move || newsroom.site().map(|s| s.topics).unwrap_or_default();
    let topic_paths = paths.clone();
    Effect::new(move |_| newsroom.mark_page_drawn());
    view! {
        <Title text=move || format!("Page not found – {}", newsroom.site_title_tracked()) />
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no story or page at this address. It may have moved, or the link may be mistyped."</p>
            <p><a class="button" href=paths.home()>"Go to the front page"</a></p>
            {move || {
                let topics = topics();
                let paths = topic_paths.clone();
                (!topics.is_empty()).then(|| view! {
                    <h2>"Browse a topic"</h2>
                    <ul class="topic-list">
                        {topics.into_iter().map(|t| view! { <li><a href=paths.topic(&t.slug)>{t.name}</a></li> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
