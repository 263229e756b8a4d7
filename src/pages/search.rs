use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{CardStyle, ListSkeleton, LoadFailure, StoryCard};
use crate::newsroom::use_newsroom;

use super::page_title;

/// `/search?q=`: stories whose text holds every word of the query.
#[component]
pub fn SearchPage() -> impl IntoView {
    let newsroom = use_newsroom();
    let query = use_query_map();
    let content = move || {
        newsroom.track();
        let q = query.read().get("q").unwrap_or_default();
        Suspend::new(async move {
            newsroom.search(q.clone()).await.map(|results| {
                let heading = if q.trim().is_empty() { "Search".to_owned() } else { format!("Search results for “{}”", q.trim()) };
                let count = results.len();
                Effect::new(move |_| newsroom.mark_page_drawn());
                view! {
                    <Title text=page_title(&newsroom, &heading) />
                    <header class="page-header">
                        <h1>{heading}</h1>
                        {(!q.trim().is_empty()).then(|| view! {
                            <p class="page-count" role="status">{match count { 0 => "No stories match.".to_owned(), 1 => "1 story".to_owned(), n => format!("{n} stories") }}</p>
                        })}
                    </header>
                    <div class="card-grid">
                        {results.into_iter().map(|article| view! { <StoryCard article style=CardStyle::Standard level=2 /> }).collect_view()}
                    </div>
                }
            })
        })
    };
    view! {
        <ErrorBoundary fallback=|errors| view! { <LoadFailure errors /> }>
            <Suspense fallback=|| view! { <ListSkeleton /> }>{content}</Suspense>
        </ErrorBoundary>
    }
}
