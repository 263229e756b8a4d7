use leptos::prelude::*;

use crate::newsroom::use_newsroom;

/// A quiet line when the feed held stories that could not be shown; the
/// details (each path, line and column) are in the browser console.
#[component]
pub fn FeedNotice() -> impl IntoView {
    let newsroom = use_newsroom();
    let summary = move || {
        newsroom.with_store(|s| {
            let skipped: Vec<&str> = s.skipped_stories().map(|p| reason(&p.message)).collect();
            if skipped.is_empty() {
                return None;
            }
            let mut reasons: Vec<(&str, usize)> = Vec::new();
            for r in skipped.iter() {
                match reasons.iter_mut().find(|(x, _)| x == r) {
                    Some((_, n)) => *n += 1,
                    None => reasons.push((r, 1)),
                }
            }
            let count = skipped.len();
            let what = if count == 1 {
                "1 story in the feed could not be shown".to_owned()
            } else {
                format!("{count} stories in the feed could not be shown")
            };
            let why = reasons
                .iter()
                .map(|(r, n)| format!("{n} {r}"))
                .collect::<Vec<_>>()
                .join(", ");
            Some(format!("{what} ({why}). Details are in the browser console."))
        })
    };
    move || summary().map(|text| view! { <p class="feed-notice" role="status">{text}</p> })
}

/// The reason part of a problem message, short enough to count.
fn reason(message: &str) -> &str {
    let message = message.trim_end_matches("; story left out");
    if message.contains("no id") {
        "without an id"
    } else if message.contains("no content") {
        "without content"
    } else if message.contains("repeats the id") {
        "repeating an id"
    } else if message.contains("should be") {
        "with a field of the wrong type"
    } else {
        "malformed"
    }
}
