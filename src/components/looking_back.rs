use leptos::prelude::*;

use crate::feed::text::group_thousands;
use crate::newsroom::Newsroom;
use crate::store::Reach;

/// While the app follows a feed's `next_url` pages to find what the reader
/// asked for: which page it is reading, and a way to stop.
#[component]
pub fn LookingBack(newsroom: Newsroom) -> impl IntoView {
    move || {
        newsroom.looking_at().map(|page| {
            view! {
                <div class="looking-back" role="status">
                    <p>"Looking through older stories: page "{page}</p>
                    <button type="button" class="button" on:click=move |_| newsroom.stop_looking()>"Stop"</button>
                </div>
            }
        })
    }
}

/// How far back the stories looked through reach: "the 250 most recent
/// stories (50 pages of the feed, back to March 3, 2024)".
pub fn reach_phrase(reach: &Reach) -> String {
    let mut phrase = match reach.stories {
        1 => "the most recent story (".to_owned(),
        n => format!("the {} most recent stories (", group_thousands(n as u64)),
    };
    phrase.push_str(&group_thousands(reach.pages as u64));
    phrase.push_str(if reach.pages == 1 {
        " page of the feed"
    } else {
        " pages of the feed"
    });
    if let Some(date) = reach.oldest {
        phrase.push_str(", back to ");
        phrase.push_str(&date.long_date());
    }
    phrase.push(')');
    phrase
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
            reach_phrase(&reach),
            "the 1,250 most recent stories (50 pages of the feed, back to March 3, 2024)"
        );
        let one = Reach {
            stories: 1,
            pages: 1,
            oldest: None,
        };
        assert_eq!(reach_phrase(&one), "the most recent story (1 page of the feed)");
    }
}
