//! Every word the interface shows, per language: English built in, the
//! others read from `public/strings/{language}.json` (data, so a page ships
//! only its own edition's words: the publisher writes the catalog into each
//! page it prerenders, and the app reads it from there).
//!
//! A catalog also says how its language writes numbers, dates and plurals,
//! so that a date reads "April 15, 2024", "2024年4月15日" or "15 أبريل 2024"
//! alike when prerendered and in the browser: the same Rust formats both.

use leptos::prelude::*;
use std::borrow::Cow;

use crate::feed::json::{self, Node};
use crate::feed::text::primary_language;
use crate::feed::Timestamp;

/// A message that depends on a count: the forms of the language's plural
/// categories (CLDR), each with `{n}` for the number. English has `one` and
/// `other`, Chinese `other` only, Arabic all six.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plural {
    pub zero: Option<Cow<'static, str>>,
    pub one: Option<Cow<'static, str>>,
    pub two: Option<Cow<'static, str>>,
    pub few: Option<Cow<'static, str>>,
    pub many: Option<Cow<'static, str>>,
    pub other: Cow<'static, str>,
}

impl Plural {
    fn english(one: &'static str, other: &'static str) -> Plural {
        Plural {
            zero: None,
            one: Some(Cow::Borrowed(one)),
            two: None,
            few: None,
            many: None,
            other: Cow::Borrowed(other),
        }
    }

    fn form(&self, category: Category) -> &str {
        let chosen = match category {
            Category::Zero => &self.zero,
            Category::One => &self.one,
            Category::Two => &self.two,
            Category::Few => &self.few,
            Category::Many => &self.many,
            Category::Other => &None,
        };
        chosen.as_deref().unwrap_or(&self.other)
    }
}

/// CLDR's plural categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The plural category of the whole number `n` in `language` (a BCP 47
/// tag), by CLDR's rules for the languages Gazette has catalogs for (a
/// native test checks them against CLDR's own samples); others count as
/// English does.
pub fn plural_category(language: &str, n: u64) -> Category {
    let (last, last_two) = (n % 10, n % 100);
    match primary_language(language).as_str() {
        "zh" | "ja" | "ko" | "th" | "vi" | "id" | "ms" => Category::Other,
        "ar" => match (n, last_two) {
            (0, _) => Category::Zero,
            (1, _) => Category::One,
            (2, _) => Category::Two,
            (_, 3..=10) => Category::Few,
            (_, 11..=99) => Category::Many,
            _ => Category::Other,
        },
        "ru" | "uk" => match (last, last_two) {
            (1, _) if last_two != 11 => Category::One,
            (2..=4, _) if !(12..=14).contains(&last_two) => Category::Few,
            _ => Category::Many,
        },
        "pl" => match (n, last, last_two) {
            (1, _, _) => Category::One,
            (_, 2..=4, _) if !(12..=14).contains(&last_two) => Category::Few,
            _ => Category::Many,
        },
        "he" => match n {
            1 => Category::One,
            2 => Category::Two,
            _ => Category::Other,
        },
        // French and Portuguese say "0 vue" like "1 vue"; these and Spanish and
        // Italian have "many" for exact millions ("1 000 000 de vues").
        "fr" | "pt" if n <= 1 => Category::One,
        "fr" | "pt" | "es" | "it" if n != 0 && n % 1_000_000 == 0 => Category::Many,
        "fr" | "pt" => Category::Other,
        "fa" | "hi" | "bn" if n <= 1 => Category::One,
        _ if n == 1 => Category::One,
        _ => Category::Other,
    }
}

macro_rules! catalog {
    (
        texts { $($text:ident: $english:expr,)* }
        plurals { $($plural:ident: ($one:expr, $other:expr),)* }
    ) => {
        /// The catalog's keys, each a place in its lists: one table of
        /// words per language, not a field per key, so that reading a
        /// catalog is one loop however many words it holds.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum Text { $($text,)* }
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum Count { $($plural,)* }

        const TEXT_KEYS: &[&str] = &[$(stringify!($text),)*];
        const ENGLISH_TEXTS: &[&str] = &[$($english,)*];
        const PLURAL_KEYS: &[&str] = &[$(stringify!($plural),)*];
        const ENGLISH_PLURALS: &[(&str, &str)] = &[$(($one, $other),)*];

        /// Each key, as the code asks for it: `tr.search()`.
        impl Catalog {
            $(pub fn $text(&self) -> &str {
                &self.texts[Text::$text as usize]
            })*
            $(pub fn $plural(&self) -> &Plural {
                &self.plurals[Count::$plural as usize]
            })*
        }
    };
}

/// The interface's words in one language; `{name}` in a text is filled in
/// by [`fill`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    texts: Vec<Cow<'static, str>>,
    plurals: Vec<Plural>,
}

impl Catalog {
    /// The built-in catalog, and the fallback for a key another lacks.
    pub fn english() -> Catalog {
        Catalog {
            texts: ENGLISH_TEXTS.iter().map(|text| Cow::Borrowed(*text)).collect(),
            plurals: ENGLISH_PLURALS
                .iter()
                .map(|(one, other)| Plural::english(one, other))
                .collect(),
        }
    }

    /// Each text with its key (the plurals aside): what a test looks for
    /// when it checks that a page speaks only its own edition's words.
    pub fn texts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        TEXT_KEYS
            .iter()
            .copied()
            .zip(self.texts.iter().map(|text| text.as_ref()))
    }

    /// Every key, as the JSON catalogs spell them.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        TEXT_KEYS.iter().chain(PLURAL_KEYS).copied()
    }

    #[cfg(test)]
    fn entries(&self) -> Vec<(&'static str, Entry<'_>)> {
        let texts = TEXT_KEYS
            .iter()
            .zip(&self.texts)
            .map(|(key, text)| (*key, Entry::Text(text)));
        let plurals = PLURAL_KEYS
            .iter()
            .zip(&self.plurals)
            .map(|(key, plural)| (*key, Entry::Plural(plural)));
        texts.chain(plurals).collect()
    }

    /// Sets `key` from a JSON value; false for a key or a value of the
    /// wrong shape.
    fn set(&mut self, key: &str, value: &Node) -> bool {
        if let Some(i) = TEXT_KEYS.iter().position(|k| *k == key) {
            let Some(text) = value.as_str() else { return false };
            self.texts[i] = Cow::Owned(text.to_owned());
        } else if let Some(i) = PLURAL_KEYS.iter().position(|k| *k == key) {
            let Some(plural) = read_plural(value) else { return false };
            self.plurals[i] = plural;
        } else {
            return false;
        }
        true
    }
}

catalog! {
    texts {
        // How the language writes: its tag, direction, digits and dates.
        language: "en",
        direction: "ltr",
        digits: "0123456789",
        group_separator: ",",
        // CLDR's grouping: the last group's size, the size of those before it
        // (Indian numbering writes 1,00,000: "3,2"), and the fewest digits a
        // number has before it is grouped at all (Spanish writes 1873 but 18.730).
        grouping: "3,3,1",
        months: "January|February|March|April|May|June|July|August|September|October|November|December",
        date_long: "{month} {day}, {year}",
        date_and_time: "{date}, {time}",
        list_separator: ", ",
        page_title: "{page} – {site}",

        // The frame of every page.
        skip_to_content: "Skip to main content",
        site_title_loading: "News",
        topics_button: "Topics",
        site_search: "Site search",
        search_stories: "Search stories",
        search_button: "Search",
        home: "Home",
        topics_nav: "Topics",
        all_topics: "All topics",
        latest_stories: "Latest stories",
        footer_topics: "Topics",
        json_feed: "JSON Feed",
        needs_javascript: "This news site needs JavaScript to show this page. Its stories are also available as a {feed}.",
        editions: "Editions",
        read_in: "Read in {language}",
        language_names: "zh=中文|ar=العربية|en=English",
        published_with: " · Published with Gazette",

        // The front page and lists.
        top_story: "Top story",
        latest: "Latest",
        more_latest: "More of the latest stories",
        more_from: "More from {topic}",
        more_stories: "More stories",
        most_read: "Most read",
        no_stories_yet: "There are no stories in the feed yet.",
        no_stories_in_topic: "No stories in this topic yet.",
        topic_page_heading: "{topic}, page {page}",
        every_story: "Every story, newest first.",
        latest_in: "The latest stories in {topic}.",
        every_topic_of: "Every topic of {site}, with how many stories each holds.",
        no_topics: "The feed names no topics.",
        every_story_link: "Every story, newest first",
        stories_by: "Stories by {name}, and those crediting them, newest first.",
        more_about: "More about {name}",

        // Pagination.
        pages: "Pages",
        page_status: "Page {page} of {total}",
        page_link: "Page {page}",
        previous: "Previous",
        next: "Next",

        // An article.
        about_story: "About this story",
        min_read: "{n} min read",
        photos_heading: "Photos ({n})",
        by: "By {names}",
        credits: "Credits",
        credit_role: "{role}:",
        read_original: "Read on the publisher's site",
        // A story the feed gives only as a headline and a link: `{site}` is the link.
        read_at: "Read this story at {site}",
        // An embedded player or document, shown as a link to it: `{provider}` is "YouTube", "Spotify"…
        open_on: "Open on {provider}",
        // A story's audio or video file.
        audio: "Audio",
        video: "Video",
        download: "Download",
        share: "Share",
        share_photo: "Share photo {n}",
        link_copied: "Link copied",
        link_not_copied: "The link could not be copied",
        updated: "Updated {date}",
        newer_older: "Newer and older stories",
        previous_story: "Previous story",
        next_story: "Next story",
        open_photo: " (photo {n} of {count}: open in the photo viewer)",
        table_region: "Table",
        loading_stories: "Loading stories",
        loading_story: "Loading the story",

        // The photo viewer.
        viewer_title: "Photos: {title}",
        viewer_position: "Photo {n} / {count}",
        viewer_thumb: "Photo {n} of {count}",
        viewer_thumb_caption: "Photo {n} of {count}: {caption}",
        close: "Close",
        close_hint: "Close (Esc)",
        photos_strip: "Photos",
        all_photos: "All photos",
        previous_photo: "Previous photo ({key})",
        next_photo: "Next photo ({key})",
        photo_missing: "This photo could not be loaded.",

        // Search.
        search: "Search",
        search_for: "Search: {query}",
        search_help: "Every word counts; put words in quotes for an exact phrase. Use the arrow keys to move through the results.",
        search_needs_script: "Search runs in your browser, and JavaScript is off here. Every story is on the {front_page} and on its topic's page.",
        front_page: "front page",
        search_older: "Search older stories",
        searched_not_all: "Searched {reach}, not the whole archive.",
        filter_by_topic: "Filter results by topic",
        search_all_topics: "Search all topics",
        tip_spelling: "Check the spelling, or try fewer or shorter words.",
        tip_quotes: "Words in quotes must appear together; try them without quotes.",
        more_results: "More results ({shown} of {total} shown)",
        in_topic: " in {topic}",
        open_quote: "“",
        close_quote: "”",

        // Looking back through a feed paged by `next_url`.
        looking_back: "Looking through older stories: page {page}",
        stop: "Stop",
        reach_back_to: ", back to {date}",
        reach: "{stories} ({pages}{back})",
        no_match: "No stories match {query}{within}.",

        // Not found.
        further_back: "Further back",
        page_further_back: "This page is further back",
        story_further_back: "This story is further back",
        not_reached_page: "The site looked through {reach} and did not reach this page. The feed has older pages.",
        not_reached_story: "The site looked through {reach} and did not reach this story. The feed has older pages.",
        not_found: "Page not found",
        not_found_text: "There is no story or page at this address. It may have moved, or the link may be mistyped.",
        look_further: "Look further back",
        go_front: "Go to the front page",
        browse_topic: "Browse a topic",

        // When the feed fails.
        something_wrong: "Something went wrong",
        try_again: "Try again",
        code_missing: "This page could not be loaded",
        detail_code: "Part of the site's code did not arrive. Check your connection and try again.",
        trying_again: "Trying again…",
        shown_as_published: " This page is shown as it was published.",
        feed_unreachable: "The news feed could not be reached",
        feed_timeout: "The news feed took too long to answer",
        feed_not_found: "The news feed was not found",
        feed_server_error: "The server could not deliver the news feed",
        feed_missing: "The news feed is missing",
        feed_incomplete: "The news feed arrived incomplete",
        feed_unreadable: "The news feed could not be read",
        detail_network: "The request for {url} failed before the server answered. Check your connection and try again.",
        detail_timeout: "{url} did not answer within {seconds} seconds.",
        detail_status: "The server answered {status} for {url}.",
        detail_empty: "{url} came back empty.",
        detail_html: "{url} returned a web page instead of JSON; the feed file may be missing on the server.",
        detail_json: "{url} is not valid JSON: {error}.",
        detail_feed: "{url} is {error}.",
        details_in_console: "{what} ({why}). Details are in the browser console.",

        // Reading offline.
        offline_as_of: "You are offline: showing stories as of {time}.",
        offline_title: "You are offline",
        offline_explain: "This page was not saved for reading offline.",
        offline_saved_intro: "These stories you opened before can be read:",
        offline_none_saved: "No stories have been saved on this device yet.",
        offline_front_page: "Go to the front page",
        skipped_without_id: "without an id",
        skipped_without_content: "without content",
        skipped_repeated_id: "repeating an id",
        skipped_wrong_type: "with a field of the wrong type",
        skipped_not_object: "that are not objects",
        skipped_malformed: "malformed",
    }
    plurals {
        views: ("{n} view", "{n} views"),
        stories: ("{n} story", "{n} stories"),
        topics_count: ("{n} topic", "{n} topics"),
        type_to_search: ("Type to search {n} story.", "Type to search {n} stories."),
        stories_match: ("{n} story matches {query}{within}.", "{n} stories match {query}{within}."),
        recent_stories: ("the most recent story", "the {n} most recent stories"),
        feed_pages: ("{n} page of the feed", "{n} pages of the feed"),
        stories_not_shown: ("{n} story in the feed could not be shown", "{n} stories in the feed could not be shown"),
        corrections_heading: ("Correction", "Corrections"),
        story_age: ("This story is more than {n} year old.", "This story is more than {n} years old."),
    }
}

impl Default for Catalog {
    fn default() -> Catalog {
        Catalog::english()
    }
}

fn read_plural(value: &Node) -> Option<Plural> {
    let form = |key: &str| -> Option<Option<Cow<'static, str>>> {
        match value.get(key) {
            None => Some(None),
            Some(node) => node.as_str().map(|s| Some(Cow::Owned(s.to_owned()))),
        }
    };
    value.as_object()?;
    Some(Plural {
        zero: form("zero")?,
        one: form("one")?,
        two: form("two")?,
        few: form("few")?,
        many: form("many")?,
        other: form("other")??,
    })
}

/// What is wrong with a catalog file: each key it lacks or does not know.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogFaults {
    pub missing: Vec<&'static str>,
    pub unknown: Vec<String>,
    pub malformed: Option<String>,
}

impl CatalogFaults {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.unknown.is_empty() && self.malformed.is_none()
    }
}

impl Catalog {
    /// Reads a JSON catalog; a key it lacks keeps its English words, and
    /// every fault is returned beside the catalog.
    pub fn from_json(text: &str) -> (Catalog, CatalogFaults) {
        let mut catalog = Catalog::english();
        let mut faults = CatalogFaults::default();
        let root = match json::parse(text) {
            Ok(root) => root,
            Err(e) => {
                faults.malformed = Some(e.to_string());
                return (catalog, faults);
            }
        };
        let Some(members) = root.as_object() else {
            faults.malformed = Some(format!("the catalog is {}, not an object", root.kind()));
            return (catalog, faults);
        };
        for (key, value) in members {
            // `_checked_by` and the like are notes for the catalog's readers.
            if key.starts_with('_') {
                continue;
            }
            if !catalog.set(key, value) {
                faults.unknown.push(key.to_string());
            }
        }
        faults.missing = Catalog::keys()
            .filter(|key| !members.iter().any(|(k, _)| k == key))
            .collect();
        (catalog, faults)
    }

    /// A number with the language's digits and grouping: "1,873",
    /// "1,00,000" in Hindi, "1873" but "18 730" in Polish.
    pub fn number(&self, n: u64) -> String {
        let plain = n.to_string();
        let grouping = self.grouping();
        let mut sizes = grouping
            .split(',')
            .map(|size| size.parse::<usize>().unwrap_or(3).max(1));
        let (last, before) = (sizes.next().unwrap_or(3), sizes.next().unwrap_or(3));
        let minimum = sizes.next().unwrap_or(1);
        let grouped = plain.len() >= last + minimum;
        // Where a separator goes, counted as digits from the right.
        let separator_after = |from_right: usize| grouped && from_right >= last && (from_right - last) % before == 0;
        let digits: Vec<char> = self.digits().chars().collect();
        let mut out = String::with_capacity(plain.len() * 2);
        for (i, c) in plain.chars().enumerate() {
            let from_right = plain.len() - i;
            if i > 0 && separator_after(from_right) {
                out.push_str(self.group_separator());
            }
            let d = c.to_digit(10).unwrap_or(0) as usize;
            out.push(digits.get(d).copied().unwrap_or(c));
        }
        out
    }

    /// `plural`'s form for `n`, with `{n}` as the language writes the number.
    pub fn count(&self, plural: &Plural, n: u64) -> String {
        fill(
            plural.form(plural_category(self.language(), n)),
            &[("n", &self.number(n))],
        )
    }

    /// The day a story was published, in the calendar of the place that
    /// wrote it (the time zone of its timestamp, not the reader's).
    pub fn date(&self, date: &Timestamp) -> String {
        let months = self.months();
        let month = months
            .split('|')
            .nth(date.month.saturating_sub(1) as usize)
            .unwrap_or_default();
        fill(
            self.date_long(),
            &[
                ("month", month),
                ("day", &self.number(date.day as u64)),
                ("year", &self.year(date.year)),
            ],
        )
    }

    /// The time of day on the 24-hour clock, in the zone of the timestamp
    /// (the newsroom's, not the reader's): "16:45".
    pub fn time(&self, date: &Timestamp) -> String {
        self.in_digits(&format!("{:02}:{:02}", date.hour, date.minute))
    }

    /// A date and its time of day: "November 24, 2026, 16:45".
    pub fn date_time(&self, date: &Timestamp) -> String {
        fill(
            self.date_and_time(),
            &[("date", &self.date(date)), ("time", &self.time(date))],
        )
    }

    /// A year, without a thousands separator.
    fn year(&self, year: i32) -> String {
        self.in_digits(&year.to_string())
    }

    /// `text` with its ASCII digits in the language's own.
    fn in_digits(&self, text: &str) -> String {
        let digits: Vec<char> = self.digits().chars().collect();
        text.chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| digits.get(d as usize).copied())
                    .unwrap_or(c)
            })
            .collect()
    }

    /// "Page title – Site title".
    pub fn title(&self, page: &str, site: &str) -> String {
        if page.is_empty() || page == site {
            site.to_owned()
        } else {
            fill(self.page_title(), &[("page", page), ("site", site)])
        }
    }

    /// A quoted phrase, with the language's quotation marks.
    pub fn quoted(&self, text: &str) -> String {
        format!("{}{text}{}", self.open_quote(), self.close_quote())
    }

    /// How this language names `language` (a BCP 47 tag), from its list of
    /// language names by primary subtag ("英文" for `en` in Chinese); `None`
    /// for a language it does not name.
    pub fn language_name(&self, language: &str) -> Option<&str> {
        let primary = primary_language(language);
        self.language_names().split('|').find_map(|pair| {
            let (tag, name) = pair.split_once('=')?;
            (tag == primary).then_some(name)
        })
    }

    /// Whether the language reads right to left.
    pub fn is_rtl(&self) -> bool {
        self.direction() == "rtl"
    }
}

#[cfg(test)]
enum Entry<'c> {
    Text(&'c str),
    Plural(&'c Plural),
}

/// `template` with each `{name}` replaced by its value; an unknown name is
/// left as written, so a catalog's mistake shows rather than vanishes.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub use crate::feed::text::direction_of;

/// The catalogs beside English, each by its file's name below `strings/`
/// (a CLDR locale) and the primary language subtags it serves.
pub const CATALOG_FILES: &[(&str, &[&str])] = &[
    ("zh-Hans", &["zh"]),
    ("zh-Hant", &[]),
    ("ar", &["ar"]),
    ("es", &["es"]),
    ("fr", &["fr"]),
    ("de", &["de"]),
    ("pt", &["pt"]),
    ("it", &["it"]),
    ("nl", &["nl"]),
    ("pl", &["pl"]),
    ("ru", &["ru"]),
    ("uk", &["uk"]),
    ("tr", &["tr"]),
    ("fa", &["fa"]),
    ("ur", &["ur"]),
    ("hi", &["hi"]),
    ("bn", &["bn"]),
    ("id", &["id", "in"]),
    ("vi", &["vi"]),
    ("ja", &["ja"]),
    ("ko", &["ko"]),
    ("he", &["he", "iw"]),
    ("sw", &["sw"]),
];

/// The file below `strings/` that holds the catalog for `language` (a BCP
/// 47 tag): `zh-Hans` for Chinese, `zh-Hant` for Chinese in traditional
/// characters (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`), `ar` for Arabic…;
/// `None` for English (built in) and for languages without a catalog yet,
/// which read in English.
pub fn catalog_file(language: &str) -> Option<&'static str> {
    let primary = primary_language(language);
    if primary == "zh" {
        let traditional = language
            .split(['-', '_'])
            .skip(1)
            .any(|subtag| ["hant", "tw", "hk", "mo"].contains(&subtag.to_ascii_lowercase().as_str()));
        return Some(if traditional { "zh-Hant" } else { "zh-Hans" });
    }
    CATALOG_FILES
        .iter()
        .find(|(_, languages)| languages.contains(&primary.as_str()))
        .map(|(file, _)| *file)
}

/// Keys that are not words shown as they stand: how the language writes,
/// and the frames that hold other words or content.
const FORMAT_KEYS: &[&str] = &[
    "language",
    "direction",
    "digits",
    "group_separator",
    "grouping",
    "months",
    "list_separator",
    "language_names",
    "page_title",
    "open_quote",
    "close_quote",
];

impl Catalog {
    /// The catalog with each of its words wrapped in an isolate of its own
    /// direction (U+2066 LEFT-TO-RIGHT or U+2067 RIGHT-TO-LEFT ISOLATE …
    /// U+2069 POP DIRECTIONAL ISOLATE: in plain text what `<bdi dir>` is in
    /// markup), for a page written the other way: "1 min read" and "…12
    /// years old." then read so in a right-to-left page, not "min read 1"
    /// and ".…12 years old". Text, not markup, so that every word is
    /// isolated wherever it is shown, in an attribute or a title too.
    pub fn isolated(&self) -> Catalog {
        let open = if self.is_rtl() { '\u{2067}' } else { '\u{2066}' };
        let isolate = |text: &str| Cow::Owned(format!("{open}{text}\u{2069}"));
        let mut catalog = self.clone();
        for (key, text) in TEXT_KEYS.iter().zip(&mut catalog.texts) {
            if !FORMAT_KEYS.contains(key) && !text.is_empty() {
                *text = isolate(text);
            }
        }
        for plural in &mut catalog.plurals {
            let forms = [
                &mut plural.zero,
                &mut plural.one,
                &mut plural.two,
                &mut plural.few,
                &mut plural.many,
            ];
            for form in forms.into_iter().flatten() {
                *form = isolate(form);
            }
            plural.other = isolate(&plural.other);
        }
        catalog
    }
}

/// The catalog a page in `language` draws with: `catalog`, or where the
/// page is written the other way (a right-to-left newsroom whose language
/// has no catalog reads in English) its [`Catalog::isolated`] copy. The
/// prerenderer and the app both choose here, so the two pages are one.
pub fn for_page(catalog: &'static Catalog, language: &str) -> &'static Catalog {
    if direction_of(language) == catalog.direction() {
        return catalog;
    }
    // Made once per catalog: the prerenderer draws every page of an
    // edition with the same one.
    static ISOLATED: std::sync::Mutex<Vec<(usize, &'static Catalog)>> = std::sync::Mutex::new(Vec::new());
    let key = catalog as *const Catalog as usize;
    let mut made = ISOLATED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, isolated)) = made.iter().find(|(k, _)| *k == key) {
        return isolated;
    }
    let isolated = catalog.isolated().leak();
    made.push((key, isolated));
    isolated
}

/// The id of the `<script type="application/json">` in which a prerendered
/// page carries its catalog (absent: English).
pub const ELEMENT_ID: &str = "gazette-catalog";

/// The catalog the app draws with. One per language lives as long as the
/// program (a page's, or the publisher's for each edition), so components
/// hold it as a plain reference in every closure.
pub fn use_catalog() -> &'static Catalog {
    use_context::<&'static Catalog>().unwrap_or_else(english)
}

/// The built-in English catalog, made once.
pub fn english() -> &'static Catalog {
    static ENGLISH: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(Catalog::english)
}

impl Catalog {
    /// Keeps the catalog for the rest of the program: a page reads one, the
    /// publisher one per language.
    pub fn leak(self) -> &'static Catalog {
        Box::leak(Box::new(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogs shipped beside the app, by language, as files.
    fn shipped() -> Vec<(&'static str, String)> {
        CATALOG_FILES
            .iter()
            .map(|(file, _)| {
                let path = format!("{}/public/strings/{file}.json", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                (*file, text)
            })
            .collect()
    }

    fn catalog(language: &str) -> Catalog {
        match shipped().into_iter().find(|(l, _)| *l == language) {
            Some((_, text)) => Catalog::from_json(&text).0,
            None => Catalog::english(),
        }
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    #[test]
    fn every_catalog_has_every_key_and_no_other() {
        for (language, text) in shipped() {
            let (catalog, faults) = Catalog::from_json(&text);
            assert!(faults.is_empty(), "public/strings/{language}.json: {faults:?}");
            assert_eq!(catalog.language(), language);
            // Each catalog says who or what checked its words.
            assert!(
                text.contains("\"_checked_by\""),
                "public/strings/{language}.json says nothing of who checked it"
            );
        }
    }

    #[test]
    fn every_translation_keeps_the_placeholders_of_the_english() {
        let english = Catalog::english();
        for (language, _) in shipped() {
            let catalog = catalog(language);
            for ((key, theirs), (_, ours)) in catalog.entries().into_iter().zip(english.entries()) {
                match (theirs, ours) {
                    (Entry::Text(theirs), Entry::Text(ours)) => {
                        // Month names and digits are data, not messages.
                        if !["months", "digits", "grouping", "language_names"].contains(&key) {
                            assert_eq!(placeholders(theirs), placeholders(ours), "{language} {key}: {theirs}");
                        }
                    }
                    (Entry::Plural(theirs), Entry::Plural(ours)) => {
                        let allowed = placeholders(&ours.other);
                        for form in [&theirs.zero, &theirs.one, &theirs.two, &theirs.few, &theirs.many]
                            .into_iter()
                            .flatten()
                            .chain(std::iter::once(&theirs.other))
                        {
                            let used = placeholders(form);
                            assert!(used.iter().all(|p| allowed.contains(p)), "{language} {key}: {form}");
                            // A form may leave out the number ("قصة واحدة"), never the rest.
                            let others: Vec<_> = allowed.iter().filter(|p| **p != "n").collect();
                            assert!(others.iter().all(|p| used.contains(p)), "{language} {key}: {form}");
                        }
                    }
                    _ => panic!("{language} {key}: a text where a plural belongs, or the reverse"),
                }
            }
        }
    }

    #[test]
    fn every_plural_has_the_forms_its_language_uses() {
        for (language, _) in shipped() {
            let catalog = catalog(language);
            let used: Vec<Category> = (0..=200)
                .chain([1_000_000])
                .map(|n| plural_category(language, n))
                .collect();
            for (key, entry) in catalog.entries() {
                let Entry::Plural(plural) = entry else { continue };
                let given = |category: Category| match category {
                    Category::Zero => plural.zero.is_some(),
                    Category::One => plural.one.is_some(),
                    Category::Two => plural.two.is_some(),
                    Category::Few => plural.few.is_some(),
                    Category::Many => plural.many.is_some(),
                    Category::Other => true,
                };
                for category in &used {
                    assert!(given(*category), "{language} {key} lacks its {category:?} form");
                }
            }
        }
    }

    /// Every key is asked for somewhere: by the catalog itself (`self.key`)
    /// or by the code that draws (`tr.key`, the name it always goes by).
    #[test]
    fn every_key_is_used() {
        // Tests and definitions do not count as uses.
        let source = crate::rust_sources(&["src", "cli/src"]).concat();
        let used = |key: &str| {
            ["tr.", "self."]
                .iter()
                .any(|owner| source.contains(&format!("{owner}{key}()")))
        };
        let unused: Vec<_> = Catalog::keys().filter(|key| !used(key)).collect();
        assert!(unused.is_empty(), "keys no code asks for: {unused:?}");
    }

    /// The plural rules agree with CLDR's, sample by sample (`@integer 0,
    /// 2~16, 100…`) from cldr-core's plurals.json, which the set-up installs.
    #[test]
    fn plural_rules_agree_with_cldr_samples() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/node_modules/cldr-core/supplemental/plurals.json"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("SKIPPED: {path} is missing (run make setup): plural rules not checked against CLDR");
            return;
        };
        let data = json::parse(&text).unwrap();
        let rules = data
            .get("supplemental")
            .and_then(|s| s.get("plurals-type-cardinal"))
            .unwrap();
        let categories = [
            ("zero", Category::Zero),
            ("one", Category::One),
            ("two", Category::Two),
            ("few", Category::Few),
            ("many", Category::Many),
            ("other", Category::Other),
        ];
        let mut checked = 0;
        for file in CATALOG_FILES.iter().map(|(file, _)| *file).chain(["en"]) {
            let locale = rules
                .get(file)
                .or_else(|| rules.get(file.split('-').next().unwrap()))
                .unwrap();
            for (name, category) in categories {
                let Some(rule) = locale.get(&format!("pluralRule-count-{name}")).and_then(Node::as_str) else {
                    continue;
                };
                let Some(samples) = rule.split("@integer").nth(1) else {
                    continue;
                };
                let samples = samples.split('@').next().unwrap();
                for sample in samples.split(',').map(str::trim) {
                    // "1c6" is a compact form of a number listed already; "…" says "and so on".
                    let Some((from, to)) = sample.split_once('~').or(Some((sample, sample))) else {
                        continue;
                    };
                    let (Ok(from), Ok(to)) = (from.parse::<u64>(), to.parse::<u64>()) else {
                        continue;
                    };
                    for n in from..=to {
                        assert_eq!(
                            plural_category(file, n),
                            category,
                            "{file}: {n} is {name} in CLDR ({rule})"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 500, "only {checked} samples checked");
    }

    #[test]
    fn numbers_grouped_as_cldr_says() {
        let grouped = |grouping: &'static str, separator: &'static str, n: u64| {
            let mut catalog = Catalog::english();
            catalog.texts[Text::grouping as usize] = Cow::Borrowed(grouping);
            catalog.texts[Text::group_separator as usize] = Cow::Borrowed(separator);
            catalog.number(n)
        };
        assert_eq!(grouped("3,3,1", ",", 1_234_567), "1,234,567");
        assert_eq!(grouped("3,2,1", ",", 10_000_000), "1,00,00,000");
        assert_eq!(grouped("3,2,1", ",", 1_000), "1,000");
        assert_eq!(grouped("3,3,2", ".", 1_873), "1873");
        assert_eq!(grouped("3,3,2", ".", 18_730), "18.730");
        assert_eq!(grouped("3,3,1", ",", 999), "999");
    }

    #[test]
    fn dates_in_each_language_as_its_readers_write_them() {
        let date = Timestamp::parse("2024-04-15T23:30:00-07:00").unwrap();
        assert_eq!(catalog("en").date(&date), "April 15, 2024");
        assert_eq!(catalog("zh-Hans").date(&date), "2024年4月15日");
        assert_eq!(catalog("ar").date(&date), "15 أبريل 2024");
        assert_eq!(catalog("es").date(&date), "15 de abril de 2024");
        assert_eq!(catalog("de").date(&date), "15. April 2024");
        assert_eq!(catalog("ru").date(&date), "15 апреля 2024\u{202f}г.");
        assert_eq!(catalog("pl").date(&date), "15 kwietnia 2024");
        assert_eq!(catalog("ja").date(&date), "2024年4月15日");
        assert_eq!(catalog("ko").date(&date), "2024년 4월 15일");
        assert_eq!(catalog("fa").date(&date), "۱۵ آوریل ۲۰۲۴");
        assert_eq!(catalog("bn").date(&date), "১৫ এপ্রিল, ২০২৪");
        assert_eq!(catalog("he").date(&date), "15 באפריל 2024");
    }

    #[test]
    fn numbers_and_plurals_in_each_language() {
        let en = catalog("en");
        assert_eq!(en.number(1873), "1,873");
        assert_eq!(en.number(1_234_567), "1,234,567");
        assert_eq!(en.number(999), "999");
        assert_eq!(en.count(en.views(), 1), "1 view");
        assert_eq!(en.count(en.views(), 1873), "1,873 views");
        let zh = catalog("zh-Hans");
        assert_eq!(zh.count(zh.views(), 1), "1 次阅读");
        assert_eq!(zh.count(zh.views(), 2), "2 次阅读");
        let ar = catalog("ar");
        assert_eq!(ar.count(ar.views(), 1), "مشاهدة واحدة");
        assert_eq!(ar.count(ar.views(), 2), "مشاهدتان");
        assert_eq!(ar.count(ar.views(), 5), "5 مشاهدات");
        assert_eq!(ar.count(ar.views(), 11), "11 مشاهدة");
        assert_eq!(ar.count(ar.views(), 100), "100 مشاهدة");
        assert_eq!(ar.count(ar.views(), 103), "103 مشاهدات");
        assert!(ar.is_rtl() && !zh.is_rtl());
        let ru = catalog("ru");
        let counted: Vec<String> = [1, 2, 5, 21, 112].iter().map(|n| ru.count(ru.stories(), *n)).collect();
        assert_eq!(
            counted[0].split(' ').nth(1),
            counted[3].split(' ').nth(1),
            "21 takes 1's form"
        );
        assert_ne!(
            counted[1].split(' ').nth(1),
            counted[2].split(' ').nth(1),
            "2 and 5 take different forms"
        );
        assert_eq!(catalog("es").number(1873), "1873");
        assert_eq!(catalog("es").number(18_730), "18.730");
        assert_eq!(catalog("hi").number(1_000_000), "10,00,000");
        assert_eq!(catalog("fa").number(1873), "۱٬۸۷۳");
    }

    #[test]
    fn a_faulty_catalog_is_named_and_falls_back_to_english() {
        let (catalog, faults) = Catalog::from_json(r#"{"search": "Suche", "serch": "x", "views": "no plural"}"#);
        assert_eq!(catalog.search(), "Suche");
        assert_eq!(catalog.close(), "Close");
        assert_eq!(faults.unknown, ["serch", "views"]);
        assert!(faults.missing.contains(&"close"));
        assert!(Catalog::from_json("[1]").1.malformed.is_some());
    }

    #[test]
    fn a_page_written_the_other_way_gets_its_words_isolated_and_nothing_else_changes() {
        let english = english();
        // A right-to-left newsroom whose language has no catalog (Pashto).
        let for_pashto = for_page(english, "ps");
        assert_eq!(fill(for_pashto.min_read(), &[("n", "1")]), "\u{2066}1 min read\u{2069}");
        assert_eq!(for_pashto.count(for_pashto.stories(), 2), "\u{2066}2 stories\u{2069}");
        assert_eq!(for_pashto.search(), "\u{2066}Search\u{2069}");
        assert_eq!(
            fill(for_pashto.read_in(), &[("language", "English")]),
            "\u{2066}Read in English\u{2069}"
        );
        // How it writes stays as it is: tag, direction, digits, months, frames.
        assert_eq!(for_pashto.language(), "en");
        assert_eq!(for_pashto.direction(), "ltr");
        assert_eq!(for_pashto.months(), english.months());
        assert_eq!(for_pashto.page_title(), english.page_title());
        assert_eq!(for_pashto.number(1873), "1,873");
        assert!(std::ptr::eq(for_pashto, for_page(english, "ps-AF")), "made once");
        // The same direction: the catalog itself.
        assert!(std::ptr::eq(for_page(english, "ja"), english));
        let arabic = catalog("ar").leak();
        assert!(std::ptr::eq(for_page(arabic, "ar"), arabic));
        assert!(for_page(arabic, "en").search().starts_with('\u{2067}'));
    }

    #[test]
    fn fill_leaves_an_unknown_name_in_sight() {
        assert_eq!(fill("{a} and {b}", &[("a", "x")]), "x and {b}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }
}
