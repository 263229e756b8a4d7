use leptos::prelude::*;

use crate::browser::IN_BROWSER;
use crate::catalog::{fill, use_catalog, Catalog};
use crate::feed::{Problem, ProblemKind};
use crate::newsroom::Newsroom;

/// A quiet line when the feed held stories that could not be shown; the
/// details (each path, line and column) are in the browser console.
#[component]
pub fn FeedNotice(
    /// What [`skipped_summary`] says of the feed now (reactive).
    summary: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    move || summary().map(|text| view! { <p class="feed-notice" role="status">{text}</p> })
}

/// "You are offline: showing stories as of …" while the stories shown are
/// the service worker's copy of the feed; the feed is read again as soon as
/// the browser is back online, so new stories arrive without a reload.
#[component]
pub fn OfflineNotice(newsroom: Newsroom) -> impl IntoView {
    let tr = use_catalog();
    if IN_BROWSER {
        let back_online = window_event_listener(leptos::ev::online, move |_| {
            if newsroom.offline_as_of_untracked().is_some() {
                newsroom.reload_feed();
            }
        });
        on_cleanup(move || back_online.remove());
    }
    move || {
        newsroom.offline_as_of().map(|kept| {
            let text = fill(tr.offline_as_of(), &[("time", &tr.date_time(&kept))]);
            view! { <p class="offline-notice" role="status">{text}</p> }
        })
    }
}

/// "2 stories in the feed could not be shown (1 without an id, 1 without
/// content)", grouped by the kind of fault; `None` when none was left out.
pub fn skipped_summary<'p>(tr: &Catalog, skipped: impl Iterator<Item = &'p Problem>) -> Option<String> {
    let mut reasons: Vec<(&str, u64)> = Vec::new();
    let mut count = 0;
    for problem in skipped {
        count += 1;
        let why = reason(tr, problem.kind);
        match reasons.iter_mut().find(|(r, _)| *r == why) {
            Some((_, n)) => *n += 1,
            None => reasons.push((why, 1)),
        }
    }
    if count == 0 {
        return None;
    }
    let what = tr.count(tr.stories_not_shown(), count);
    let why = reasons
        .iter()
        .map(|(r, n)| format!("{} {r}", tr.number(*n)))
        .collect::<Vec<_>>()
        .join(tr.list_separator());
    Some(fill(tr.details_in_console(), &[("what", &what), ("why", &why)]))
}

/// Why a story was left out, short enough to count.
fn reason(tr: &Catalog, kind: ProblemKind) -> &str {
    match kind {
        ProblemKind::NoId => tr.skipped_without_id(),
        ProblemKind::NoContent => tr.skipped_without_content(),
        ProblemKind::RepeatedId => tr.skipped_repeated_id(),
        ProblemKind::WrongType => tr.skipped_wrong_type(),
        ProblemKind::NotAnObject => tr.skipped_not_object(),
        _ => tr.skipped_malformed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::read_feed;

    #[test]
    fn skipped_stories_are_counted_by_the_kind_of_fault() {
        let feed = read_feed(
            br#"{"title": "T", "items": ["not a story", {"id": "a", "content_text": "ok"}, {"title": "no id", "content_text": "x"}, {"id": 5, "title": 7, "content_text": "x"}, {"id": "b"}, {"id": "a", "content_text": "again"}]}"#,
            "/feed.json",
        )
        .unwrap();
        let summary = skipped_summary(
            crate::catalog::english(),
            feed.problems.iter().filter(|p| p.skipped_story),
        )
        .unwrap();
        assert_eq!(
            summary,
            "5 stories in the feed could not be shown (1 that are not objects, 1 without an id, \
             1 with a field of the wrong type, 1 without content, 1 repeating an id). Details are in the browser console."
        );
        assert_eq!(skipped_summary(crate::catalog::english(), std::iter::empty()), None);
    }
}
