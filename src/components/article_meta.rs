use leptos::prelude::*;

use crate::catalog::{fill, use_catalog};
use crate::feed::{Timestamp, Topic};
use crate::paths::use_paths;

/// The line under a headline: topic, date, views and reading time, as on the
/// seed page ("University News · April 15, 2024 · 1,873 views · 3 min read").
#[component]
pub fn ArticleMeta(
    /// The story's topics, its kicker first.
    topics: Vec<Topic>,
    published: Option<Timestamp>,
    views: Option<u64>,
    #[prop(optional)] reading_minutes: Option<u32>,
) -> impl IntoView {
    let paths = use_paths();
    let tr = use_catalog();
    // Each topic an item of the line, as the date and the views are.
    let topics = topics
        .into_iter()
        .map(|t| view! { <li class="meta-topic"><a href=paths.topic(&t.slug)>{t.name}</a></li> })
        .collect_view();
    let date =
        published.map(|d| view! { <li class="meta-date"><time datetime=d.to_string()>{tr.date(&d)}</time></li> });
    let views = views.map(|v| view! { <li class="meta-views">{tr.count(tr.views(), v)}</li> });
    let reading = reading_minutes
        .map(|m| view! { <li class="meta-reading">{fill(tr.min_read(), &[("n", &tr.number(m as u64))])}</li> });
    view! { <ul class="article-meta" aria-label=tr.about_story()>{topics}{date}{views}{reading}</ul> }
}
