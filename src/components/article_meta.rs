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
    /// Shown as "Updated …" when it is more than five minutes after `published`.
    #[prop(optional_no_strip)]
    modified: Option<Timestamp>,
    views: Option<u64>,
    /// None for a story with no body of its own (a headline and a link).
    #[prop(optional_no_strip)]
    reading_minutes: Option<u32>,
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
    let updated = modified.filter(|m| published.is_some_and(|p| was_updated(&p, m))).map(|m| {
        let (before, after) = tr.updated().split_once("{date}").unwrap_or((tr.updated(), ""));
        view! { <li class="meta-updated">{(!before.is_empty()).then_some(before)}<time datetime=m.to_string()>{tr.date_time(&m)}</time>{(!after.is_empty()).then_some(after)}</li> }
    });
    let views = views.map(|v| view! { <li class="meta-views">{tr.count(tr.views(), v)}</li> });
    let reading = reading_minutes
        .map(|m| view! { <li class="meta-reading">{fill(tr.min_read(), &[("n", &tr.number(m as u64))])}</li> });
    view! { <ul class="article-meta" aria-label=tr.about_story()>{topics}{date}{updated}{views}{reading}</ul> }
}

/// Whether a story changed after it was published: more than five minutes
/// later (a fix of a typo just after publishing is not an update).
pub fn was_updated(published: &Timestamp, modified: &Timestamp) -> bool {
    modified.unix_seconds() - published.unix_seconds() > 5 * 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_is_more_than_five_minutes_after_publication() {
        let at = |t: &str| Timestamp::parse(t).unwrap();
        assert!(!was_updated(
            &at("2026-11-24T10:00:00+08:00"),
            &at("2026-11-24T10:05:00+08:00")
        ));
        assert!(was_updated(
            &at("2026-11-24T10:00:00+08:00"),
            &at("2026-11-24T10:05:01+08:00")
        ));
        // The same moment written in another zone is no update.
        assert!(!was_updated(
            &at("2026-11-24T10:00:00+08:00"),
            &at("2026-11-24T02:00:00Z")
        ));
    }
}
