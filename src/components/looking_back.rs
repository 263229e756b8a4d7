use leptos::prelude::*;

use crate::catalog::{fill, use_catalog, Catalog};
use crate::newsroom::Newsroom;
use crate::store::Reach;

/// While the app follows a feed's `next_url` pages to find what the reader
/// asked for: which page it is reading, and a way to stop.
#[component]
pub fn LookingBack(newsroom: Newsroom) -> impl IntoView {
    let tr = use_catalog();
    move || {
        newsroom.looking_at().map(|page| {
            view! {
                <div class="looking-back" role="status">
                    <p>{fill(tr.looking_back(), &[("page", &tr.number(page as u64))])}</p>
                    <button type="button" class="button" on:click=move |_| newsroom.stop_looking()>{tr.stop()}</button>
                </div>
            }
        })
    }
}

/// How far back the stories looked through reach: "the 250 most recent
/// stories (50 pages of the feed, back to March 3, 2024)".
pub fn reach_phrase(tr: &Catalog, reach: &Reach) -> String {
    let back = reach
        .oldest
        .map(|date| fill(tr.reach_back_to(), &[("date", &tr.date(&date))]))
        .unwrap_or_default();
    fill(
        tr.reach(),
        &[
            ("stories", &tr.count(tr.recent_stories(), reach.stories as u64)),
            ("pages", &tr.count(tr.feed_pages(), reach.pages as u64)),
            ("back", &back),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_says_how_far_back() {
        let reach = Reach {
            stories: 1250,
            pages: 50,
            oldest: crate::feed::Timestamp::parse("2024-03-03T10:00:00Z"),
        };
        assert_eq!(
            reach_phrase(crate::catalog::english(), &reach),
            "the 1,250 most recent stories (50 pages of the feed, back to March 3, 2024)"
        );
        let one = Reach {
            stories: 1,
            pages: 1,
            oldest: None,
        };
        assert_eq!(
            reach_phrase(crate::catalog::english(), &one),
            "the most recent story (1 page of the feed)"
        );
    }
}
