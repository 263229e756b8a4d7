//! `gazette build`: the static layout of a large archive.
//!
//! One 20,000-story feed is far too much to download for one page. The
//! layout below lets every page of the site fetch only what it shows (see
//! docs/feed-format.md, "Large archives"):
//!
//! - `feed.json`: the newest stories, the topics with their counts, and
//!   `_gazette.archive` naming the other files and listing the most read;
//!   `next_url` chains the rest;
//! - `feed-N.json`: the rest of the feed, page by page (beside `feed.json`,
//!   so relative URLs in the stories mean the same in every page);
//! - `articles/{slug}.json`: one story each;
//! - `topics/{topic}/page-N.json`: one page of a topic, with `_gazette.page`;
//! - `people/{person}/page-N.json`: one page of the stories someone wrote
//!   or is credited in;
//! - `sections.json`: the newest stories of every topic, for the front page.
//!
//! Stories are copied as the feed wrote them, plus `_gazette.slug` and
//! `_gazette.topic`, so that a story read alone keeps its address and topic.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use gazette::feed::html5::Html5ever;
use gazette::feed::json;
use gazette::feed::wire::{
    ArchiveEntry, FeedExtension, NeighboursEntry, PageEntry, RankedEntry, StoryLinkEntry, TopicEntry,
};
use gazette::feed::{read_parsed, Article, Feed, FeedError, Neighbours, StoryLink};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::input;
use crate::progress::Progress;
use crate::search_index;

#[derive(Clone)]
pub struct Options {
    pub input: PathBuf,
    pub out: PathBuf,
    pub page_size: usize,
    pub topic_page_size: usize,
    /// Where the site serves `feed.json` (`/news/feed.json`): the feed's
    /// relative URLs are read against it.
    pub feed_url: String,
    /// Whether to index a paged archive for search with Pagefind.
    pub search: bool,
}

/// Stories per topic page: the app's own page size, so a page is one file.
pub const TOPIC_PAGE_SIZE: usize = gazette::store::TOPIC_PAGE_SIZE;
const SECTION_SIZE: usize = 3;

pub fn run(options: &Options) -> Result<ExitCode, String> {
    lay_out(options).map(|_| ExitCode::SUCCESS)
}

/// Writes the layout and returns the whole feed as read.
pub fn lay_out(options: &Options) -> Result<Feed, String> {
    let started = Instant::now();
    let input = input::load(&options.input)?;
    let root = json::parse(&input.text).map_err(|e| format!("{}: {e}", options.input.display()))?;
    let (mut feed, indices) = match read_parsed(&input.text, &root, &options.feed_url, &Html5ever) {
        Ok(read) => read,
        Err(FeedError::Json(e)) => return Err(format!("{}: {e}", options.input.display())),
        Err(e) => return Err(format!("{}: {e}", options.input.display())),
    };
    // The parsed tree is several times the feed's size: gone before the copy below is made.
    drop(root);
    for problem in feed.problems.iter().filter(|p| p.skipped_story) {
        let origin = problem
            .path
            .strip_prefix("items[")
            .and_then(|p| p.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| input.origins.get(i));
        crate::report::note(format_args!(
            "left out: {} ({})",
            problem,
            origin.map_or("", String::as_str)
        ));
    }
    // A feed that declares no language says the one its stories are in:
    // in its pages' `lang` and `dir`, and in the feed published beside
    // them, so the app reads the same.
    let detected = feed
        .site
        .language
        .is_none()
        .then(|| crate::language::detect(&feed))
        .flatten();
    if let Some(language) = &detected {
        crate::report::note(format_args!(
            "{}: the feed declares no language; its stories are in {language:?}, which the site now says (give \"language\" in the feed to choose)",
            options.input.display()
        ));
        feed.site.language = Some(language.clone());
    }
    let paged = feed.articles.len() > options.page_size;
    let pagefind = if paged && options.search {
        search_index::find_pagefind()
    } else {
        None
    };
    if paged && options.search && pagefind.is_none() {
        crate::report::note(format_args!(
            "Pagefind not found (npm install pagefind, or set GAZETTE_PAGEFIND): \
             search will cover only the stories a reader has loaded"
        ));
    }
    let search_url = pagefind.as_ref().map(|_| format!("{}/", search_index::FOLDER));
    // The stories are copied as the feed wrote them: numbers as written, unknown fields kept.
    let mut source = Source::parse(&input.text).map_err(|e| format!("{}: {e}", options.input.display()))?;
    if let Some(language) = detected {
        source.head.insert("language".to_owned(), Value::String(language));
    }
    // Written as each is made: the layout of a large archive is several
    // times the feed's size.
    let progress = Progress::new("writing the archive's story files", feed.articles.len());
    let files = layout(
        &source,
        &feed,
        &indices,
        options.page_size,
        options.topic_page_size,
        search_url.as_deref(),
        &mut |path, content| {
            if path.starts_with("articles/") {
                progress.advance();
            }
            crate::written::write(&options.out.join(&path), content.as_bytes())
        },
    )?;
    drop(source);
    progress.finish();
    if let Some(pagefind) = &pagefind {
        let indexing = Instant::now();
        match search_index::write(pagefind, &feed, &options.out)? {
            search_index::Indexed::Made => crate::report::note(format_args!(
                "indexed {} stories for search in {}/{} ({} ms)",
                feed.articles.len(),
                options.out.display(),
                search_index::FOLDER,
                indexing.elapsed().as_millis()
            )),
            search_index::Indexed::Unchanged => crate::report::note(format_args!(
                "the search index in {}/{} is already the index of these {} stories; kept ({} ms)",
                options.out.display(),
                search_index::FOLDER,
                feed.articles.len(),
                indexing.elapsed().as_millis()
            )),
        }
    }
    crate::report::note(format_args!(
        "wrote {} file{} for {} {} in {} topics to {} ({} ms)",
        files,
        if files == 1 { "" } else { "s" },
        feed.articles.len(),
        if feed.articles.len() == 1 { "story" } else { "stories" },
        feed.site.topics.len(),
        options.out.display(),
        started.elapsed().as_millis()
    ));
    // What was read is the whole feed now, whatever layout it came in.
    feed.site.archive = None;
    feed.next_url = None;
    feed.page = None;
    Ok(feed)
}

/// A feed as written: the fields every file of the layout repeats, parsed,
/// and its items as their own text, which is copied as written (numbers as
/// written, unknown fields kept) and never held as a tree: for a large
/// archive the tree would be several times the feed's size.
pub struct Source<'a> {
    pub head: Map<String, Value>,
    pub items: Vec<&'a RawValue>,
}

impl<'a> Source<'a> {
    pub fn parse(text: &'a str) -> Result<Source<'a>, serde_json::Error> {
        let top: std::collections::BTreeMap<String, &'a RawValue> = serde_json::from_str(text)?;
        let mut head = Map::new();
        let mut items = Vec::new();
        for (key, raw) in top {
            match key.as_str() {
                "items" => items = serde_json::from_str::<Vec<&'a RawValue>>(raw.get()).unwrap_or_default(),
                key if HEAD_FIELDS.contains(&key) || key == "feed_url" || key == "_gazette" => {
                    head.insert(key.to_owned(), serde_json::from_str(raw.get())?);
                }
                _ => {}
            }
        }
        Ok(Source { head, items })
    }
}

/// One document of the layout: the feed's own fields, `_gazette`, a page of
/// stories, and the next page.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    head: &'a Map<String, Value>,
    #[serde(rename = "_gazette")]
    gazette: &'a FeedExtension,
    items: Vec<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
}

/// The feed-level fields every file repeats, in the order the feed wrote them.
const HEAD_FIELDS: [&str; 8] = [
    "title",
    "description",
    "home_page_url",
    "language",
    "icon",
    "favicon",
    "authors",
    "author",
];

/// Every file of the layout, each handed to `write` as (path relative to
/// the output folder, JSON text) as it is made, so that no more than one is
/// held at a time; returns how many. `source` is the feed as written (its
/// stories are copied as written), `feed` the same feed as the reader read
/// it, `indices` the item each story came from.
pub fn layout(
    source: &Source,
    feed: &Feed,
    indices: &[usize],
    page_size: usize,
    topic_page_size: usize,
    search_url: Option<&str>,
    write: &mut dyn FnMut(String, String) -> Result<(), String>,
) -> Result<usize, String> {
    let mut count = 0;
    let mut write = |name: String, text: String| {
        count += 1;
        write(name, text)
    };
    let items = &source.items;
    // Newest first, as the site shows them; the sort is stable, so undated
    // stories keep the feed's order after the dated ones.
    let mut order: Vec<usize> = (0..feed.articles.len()).collect();
    order.sort_by_key(|&i| feed.articles[i].newest_first());
    // In a paged archive each copy of a story names its neighbours, which
    // the file it is read from may not hold.
    let names_neighbours = order.len() > page_size;
    let at = |position: Option<usize>| position.and_then(|p| order.get(p)).map(|&i| &feed.articles[i]);
    let stories: Vec<(&Article, Box<RawValue>)> = order
        .iter()
        .enumerate()
        .map(|(position, &i)| {
            let neighbours = names_neighbours.then(|| Neighbours {
                newer: at(position.checked_sub(1)).map(link_to),
                older: at(Some(position + 1)).map(link_to),
            });
            let article = &feed.articles[i];
            (article, story_value(items[indices[i]], article, neighbours))
        })
        .collect();

    let mut by_topic: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (position, (article, _)) in stories.iter().enumerate() {
        for topic in &article.topics {
            by_topic.entry(topic.as_str()).or_default().push(position);
        }
    }
    let mut by_person: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (position, (article, _)) in stories.iter().enumerate() {
        for person in article.people() {
            let theirs = by_person.entry(person).or_default();
            if theirs.last() != Some(&position) {
                theirs.push(position);
            }
        }
    }
    let topics = topic_entries(feed, &by_topic);
    // The other files name the topics only so that their stories' topics
    // read: without counts and in an order of their own, so that a new
    // story changes none of them but those it is in.
    let mut named_topics: Vec<TopicEntry> = topics
        .iter()
        .map(|t| TopicEntry {
            count: None,
            ..t.clone()
        })
        .collect();
    if !feed.site.topics_declared {
        named_topics.sort_by(|a, b| a.slug.cmp(&b.slug));
    }
    let colour = |key: &str| {
        source
            .head
            .get("_gazette")
            .and_then(|g| g.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let extension = |archive: Option<ArchiveEntry>, page: Option<PageEntry>, main: bool| FeedExtension {
        theme_color: colour("theme_color"),
        background_color: colour("background_color"),
        topics: if main { topics.clone() } else { named_topics.clone() },
        archive,
        page,
        // The declaration of the site's editions stays with the feed it was made in.
        editions: feed
            .site
            .editions
            .iter()
            .map(gazette::feed::wire::EditionEntry::from)
            .collect(),
        players: gazette::feed::wire::PlayerEntry::of_site(&feed.site),
    };
    let mut head = Map::new();
    head.insert("version".to_owned(), "https://jsonfeed.org/version/1.1".into());
    for key in HEAD_FIELDS {
        if let Some(value) = source.head.get(key) {
            head.insert(key.to_owned(), value.clone());
        }
    }
    // Only the main page is the feed `feed_url` names.
    let mut main_head = head.clone();
    if let Some(url) = source.head.get("feed_url") {
        main_head.insert("feed_url".to_owned(), url.clone());
    }
    let document = |head: &Map<String, Value>,
                    gazette: &FeedExtension,
                    positions: &mut dyn Iterator<Item = usize>,
                    next_url: Option<String>| {
        let items = positions.map(|position| &*stories[position].1).collect();
        let text = serde_json::to_string(&Document {
            head,
            gazette,
            items,
            next_url,
        })
        .expect("a feed document is JSON");
        text + "\n"
    };

    let total = stories.len();
    if total <= page_size {
        write(
            "feed.json".to_owned(),
            document(&main_head, &extension(None, None, true), &mut (0..total), None),
        )?;
        return Ok(count);
    }

    let feed_pages = total.div_ceil(page_size);
    let archive = ArchiveEntry {
        total_items: total as u64,
        article_url: "articles/{slug}.json".to_owned(),
        topic_page_url: "topics/{topic}/page-{page}.json".to_owned(),
        topic_page_size: topic_page_size as u32,
        sections_url: Some("sections.json".to_owned()),
        search_url: search_url.map(str::to_owned),
        person_page_url: Some("people/{person}/page-{page}.json".to_owned()),
        most_read: most_read(&stories),
    };
    let plain = extension(None, None, false);
    for page in 1..=feed_pages {
        let name = if page == 1 {
            "feed.json".to_owned()
        } else {
            format!("feed-{page}.json")
        };
        let next = (page < feed_pages).then(|| format!("feed-{}.json", page + 1));
        let mut positions = (page - 1) * page_size..(page * page_size).min(total);
        let text = if page == 1 {
            document(
                &main_head,
                &extension(Some(archive.clone()), None, true),
                &mut positions,
                next,
            )
        } else {
            document(&head, &plain, &mut positions, next)
        };
        write(name, text)?;
    }
    for (position, (article, _)) in stories.iter().enumerate() {
        write(
            format!("articles/{}.json", article.slug),
            document(&head, &plain, &mut std::iter::once(position), None),
        )?;
    }
    // A topic's or a person's stories, a page per file, each saying where it stands.
    let mut paged = |folder: String, positions: &[usize]| {
        let pages = positions.len().div_ceil(topic_page_size).max(1);
        for page in 1..=pages {
            let chunk = positions
                .iter()
                .copied()
                .skip((page - 1) * topic_page_size)
                .take(topic_page_size);
            let info = PageEntry {
                number: page as u32,
                total_pages: pages as u32,
                total_items: positions.len() as u64,
            };
            write(
                format!("{folder}/page-{page}.json"),
                document(&head, &extension(None, Some(info), false), &mut chunk.into_iter(), None),
            )?;
        }
        Ok::<(), String>(())
    };
    for topic in &feed.site.topics {
        let positions = by_topic.get(topic.slug.as_str()).map(Vec::as_slice).unwrap_or_default();
        paged(format!("topics/{}", topic.slug), positions)?;
    }
    for (person, positions) in &by_person {
        paged(format!("people/{person}"), positions)?;
    }
    let mut newest: Vec<usize> = feed
        .site
        .topics
        .iter()
        .flat_map(|t| {
            by_topic
                .get(t.slug.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .take(SECTION_SIZE)
                .copied()
        })
        .collect();
    newest.sort_unstable();
    newest.dedup();
    write(
        "sections.json".to_owned(),
        document(&head, &plain, &mut newest.into_iter(), None),
    )?;
    Ok(count)
}

/// How many stories the archive's most-read list names.
const MOST_READ: usize = 10;

/// The stories with the most views, most first (ties to the newer), so that
/// the site shows them without reading every story.
fn most_read(stories: &[(&Article, Box<RawValue>)]) -> Vec<RankedEntry> {
    gazette::feed::lists::most_read(stories.len(), |i| stories[i].0.views, MOST_READ)
        .into_iter()
        .map(|position| RankedEntry {
            slug: stories[position].0.slug.clone(),
            title: stories[position].0.title.clone(),
            views: stories[position].0.views.unwrap_or_default(),
        })
        .collect()
}

fn link_to(article: &Article) -> StoryLink {
    StoryLink {
        slug: article.slug.clone(),
        title: article.title.clone(),
    }
}

/// The site's topics with their story counts: in the order a feed declares
/// them, or, for topics made from tags, largest first, the order the site
/// then features them in.
fn topic_entries(feed: &Feed, by_topic: &BTreeMap<&str, Vec<usize>>) -> Vec<TopicEntry> {
    let count = |slug: &str| by_topic.get(slug).map_or(0, Vec::len);
    let mut topics: Vec<_> = feed.site.topics.iter().collect();
    if !feed.site.topics_declared {
        topics.sort_by_key(|t| std::cmp::Reverse(count(&t.slug)));
    }
    topics
        .into_iter()
        .map(|topic| TopicEntry {
            count: Some(count(&topic.slug) as u64),
            ..TopicEntry::from(topic)
        })
        .collect()
}

/// A story as the feed wrote it, with `_gazette.slug` and `_gazette.topic`
/// set to what the site resolved, and its `_gazette.neighbours` in a paged
/// archive.
fn story_value(item: &RawValue, article: &Article, neighbours: Option<Neighbours>) -> Box<RawValue> {
    // A story the reader read is JSON; as written, with numbers as written.
    let Ok(mut item) = serde_json::from_str::<Value>(item.get()) else {
        return item.to_owned();
    };
    if let Value::Object(members) = &mut item {
        if !members.get("_gazette").is_some_and(Value::is_object) {
            members.shift_remove("_gazette");
            members.insert("_gazette".to_owned(), Value::Object(Map::new()));
        }
        if let Some(Value::Object(extension)) = members.get_mut("_gazette") {
            extension.shift_remove("slug");
            extension.shift_remove("topic");
            extension.insert("slug".to_owned(), article.slug.clone().into());
            if let Some(topic) = article.topic() {
                extension.insert("topic".to_owned(), topic.into());
            }
            extension.shift_remove("neighbours");
            if let Some(neighbours) = neighbours {
                let entry = NeighboursEntry {
                    newer: neighbours.newer.as_ref().map(StoryLinkEntry::from),
                    older: neighbours.older.as_ref().map(StoryLinkEntry::from),
                };
                extension.insert(
                    "neighbours".to_owned(),
                    serde_json::to_value(entry).expect("neighbours are JSON"),
                );
            }
        }
    }
    serde_json::value::to_raw_value(&item).expect("a story is JSON")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::feed::read_feed;

    /// A feed of `n` stories over three topics, dated one hour apart.
    fn synthetic(n: usize) -> String {
        let items: Vec<Value> = (0..n)
            .map(|i| {
                let topic = ["Art", "Research", "Campus Life"][i % 3];
                let author = ["Ann Lee", "Bo Chen"][i % 2];
                serde_json::json!({
                    "id": format!("s{i}"),
                    "title": format!("Story {i}"),
                    "content_text": format!("Text {i}"),
                    "image": format!("images/p{i}.jpg"),
                    "date_published": format!("2026-01-01T{:02}:00:00Z", i % 24),
                    "tags": [topic],
                    "authors": [{ "name": author }],
                    "_gazette": { "views": i * 10 },
                })
            })
            .collect();
        serde_json::json!({ "version": "1", "title": "Big", "description": "Many stories", "items": items }).to_string()
    }

    fn build(text: &str, page_size: usize) -> BTreeMap<String, String> {
        let root = json::parse(text).unwrap();
        let (feed, indices) = read_parsed(text, &root, "/feed.json", &Html5ever).unwrap();
        let source = Source::parse(text).unwrap();
        let mut files = BTreeMap::new();
        layout(
            &source,
            &feed,
            &indices,
            page_size,
            4,
            Some("pagefind/"),
            &mut |name, text| {
                files.insert(name, text);
                Ok(())
            },
        )
        .unwrap();
        files
    }

    #[test]
    fn a_short_feed_stays_one_file() {
        let files = build(&synthetic(5), 50);
        assert_eq!(files.keys().collect::<Vec<_>>(), ["feed.json"]);
        let feed = read_feed(files["feed.json"].as_bytes(), "/feed.json").unwrap();
        assert_eq!(feed.articles.len(), 5);
        assert!(feed.problems.is_empty(), "{:?}", feed.problems);
        assert_eq!(
            feed.site.topics.iter().map(|t| t.story_count).collect::<Vec<_>>(),
            [Some(2), Some(2), Some(1)]
        );
    }

    #[test]
    fn a_long_feed_is_laid_out_for_the_site() {
        let files = build(&synthetic(30), 10);
        let read =
            |name: &str| read_feed(files[name].as_bytes(), "/feed.json").unwrap_or_else(|e| panic!("{name}: {e}"));

        let first = read("feed.json");
        assert_eq!(first.articles.len(), 10);
        assert_eq!(first.next_url.as_deref(), Some("/feed-2.json"));
        let archive = first.site.archive.clone().unwrap();
        assert_eq!(archive.total_stories, 30);
        assert_eq!(archive.article_url, "/articles/{slug}.json");
        assert_eq!(archive.topic_page_url, "/topics/{topic}/page-{page}.json");
        assert_eq!(archive.topic_page_size, 4);
        assert!(read("feed-3.json").next_url.is_none());

        // Walking next_url reaches every story exactly once, newest first.
        let mut all = Vec::new();
        for name in ["feed.json", "feed-2.json", "feed-3.json"] {
            all.extend(
                read(name)
                    .articles
                    .into_iter()
                    .map(|a| (a.id, a.published.unwrap().unix_seconds())),
            );
        }
        assert_eq!(all.len(), 30);
        assert!(all.windows(2).all(|w| w[0].1 >= w[1].1));

        let story = read("articles/story-7.json");
        assert_eq!(story.articles[0].slug, "story-7");
        assert_eq!(story.articles[0].topic(), Some("research"));
        assert!(story.problems.is_empty(), "{:?}", story.problems);

        let page = read("topics/research/page-2.json");
        assert_eq!(
            page.page.map(|p| (p.number, p.total_pages, p.total_stories)),
            Some((2, 3, 10))
        );
        assert_eq!(page.articles.len(), 4);
        assert!(page.articles.iter().all(|a| a.in_topic("research")));
        assert_eq!(read("topics/research/page-3.json").articles.len(), 2);

        let sections = read("sections.json");
        assert_eq!(sections.articles.len(), 9, "three per topic");
        // Each person's stories, a page at a time, named in the main feed.
        assert_eq!(
            archive.person_page_url.as_deref(),
            Some("/people/{person}/page-{page}.json")
        );
        let theirs = read("people/ann-lee/page-2.json");
        assert_eq!(
            theirs.page.map(|p| (p.number, p.total_pages, p.total_stories)),
            Some((2, 4, 15))
        );
        assert!(theirs.articles.iter().all(|a| a.involves("ann-lee")));
        // The most read, ranked once for the whole archive.
        let ranked: Vec<(&str, u64)> = archive.most_read.iter().map(|r| (r.slug.as_str(), r.views)).collect();
        assert_eq!(ranked.len(), 10);
        assert_eq!(ranked[..2], [("story-29", 290), ("story-28", 280)]);
        assert_eq!(files.len(), 3 + 30 + 9 + 8 + 1);

        // Only the main page counts the topics: the other files change only
        // when their own stories do.
        assert!(files["feed.json"].contains(r#""count":10"#));
        for name in [
            "feed-2.json",
            "articles/story-7.json",
            "topics/research/page-2.json",
            "sections.json",
        ] {
            assert!(!files[name].contains(r#""count":"#), "{name} counts the topics");
        }
        // Every copy of a story names its neighbours in the whole archive.
        let neighbours = |name: &str, slug: &str| {
            let feed = read(name);
            let story = feed.articles.iter().find(|a| a.slug == slug).unwrap();
            let n = story
                .neighbours
                .clone()
                .unwrap_or_else(|| panic!("{slug} in {name} has no neighbours"));
            (n.newer.map(|l| l.slug), n.older.map(|l| l.title))
        };
        let expected = (Some("story-8".to_owned()), Some("Story 6".to_owned()));
        for name in ["articles/story-7.json", "feed-2.json", "topics/research/page-1.json"] {
            if name != "topics/research/page-1.json" || read(name).articles.iter().any(|a| a.slug == "story-7") {
                assert_eq!(neighbours(name, "story-7"), expected, "{name}");
            }
        }
        // Dated by the hour of one day: story 23 is the newest, story 24 (the
        // second at midnight) the oldest.
        assert_eq!(neighbours("feed.json", "story-23").0, None, "the newest has no newer");
        assert_eq!(neighbours("feed-3.json", "story-24").1, None, "the oldest has no older");
    }

    #[test]
    fn a_short_feed_names_no_neighbours() {
        let files = build(&synthetic(5), 50);
        let feed = read_feed(files["feed.json"].as_bytes(), "/feed.json").unwrap();
        assert!(feed.articles.iter().all(|a| a.neighbours.is_none()));
    }

    #[test]
    fn stories_keep_their_own_fields() {
        let text = r#"{"version": "1.1", "title": "T", "_gazette": {"topics": [{"slug": "a", "name": "A"}]}, "items": [
            {"id": "1", "content_text": "x", "_gazette": {"topic": "a", "views": 12, "slug": "first"}, "_other": {"n": 1.50}},
            {"id": "2", "content_text": "y", "_gazette": "not an object"}
        ]}"#;
        let files = build(text, 1);
        let one = &files["articles/first.json"];
        assert!(
            one.contains(r#""_other":{"n":1.50}"#),
            "numbers are copied as written: {one}"
        );
        assert!(one.contains(r#""views":12"#));
        let two = read_feed(files["articles/y.json"].as_bytes(), "/feed.json").unwrap();
        assert_eq!(
            two.articles[0].slug, "y",
            "a story without a title is named by its first words"
        );
    }
}
