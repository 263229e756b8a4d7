//! `gazette build`: the static layout of a large archive.
//!
//! One 20,000-story feed is far too much to download for one page. The
//! layout below lets every page of the site fetch only what it shows (see
//! docs/feed-format.md, "Large archives"):
//!
//! - `feed.json`: the newest stories, the topics with their counts, and
//!   `_gazette.archive` naming the other files; `next_url` chains the rest;
//! - `feed-N.json`: the rest of the feed, page by page (beside `feed.json`,
//!   so relative URLs in the stories mean the same in every page);
//! - `articles/{slug}.json`: one story each;
//! - `topics/{topic}/page-N.json`: one page of a topic, with `_gazette.page`;
//! - `sections.json`: the newest stories of every topic, for the front page.
//!
//! Stories are copied as the feed wrote them, plus `_gazette.slug` and
//! `_gazette.topic`, so that a story read alone keeps its address and topic.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use gazette::feed::html5::Html5ever;
use gazette::feed::json::{self, Node, Value};
use gazette::feed::{read_parsed, Article, Feed, FeedError};

use crate::input;
use crate::progress::Progress;
use crate::search_index;

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

impl Options {
    pub fn from_args(args: &[String]) -> Result<Options, String> {
        let mut input = None;
        let mut out = None;
        let mut page_size = 50;
        let mut topic_page_size = TOPIC_PAGE_SIZE;
        let mut search = true;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let mut value = |name: &str| rest.next().cloned().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--page-size" => page_size = number(&value("--page-size")?)?,
                "--topic-page-size" => topic_page_size = number(&value("--topic-page-size")?)?,
                "--no-search" => search = false,
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
                path if input.is_none() => input = Some(PathBuf::from(path)),
                extra => return Err(format!("unexpected argument {extra:?}")),
            }
        }
        Ok(Options {
            input: input.ok_or("build needs an INPUT feed file or folder")?,
            out: out.ok_or("build needs --out DIR")?,
            page_size,
            topic_page_size,
            feed_url: "/feed.json".to_owned(),
            search,
        })
    }
}

fn number(text: &str) -> Result<usize, String> {
    text.parse()
        .ok()
        .filter(|n| (1..=10_000).contains(n))
        .ok_or(format!("{text:?} is not a page size from 1 to 10000"))
}

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
    for problem in feed.problems.iter().filter(|p| p.skipped_story) {
        let origin = problem
            .path
            .strip_prefix("items[")
            .and_then(|p| p.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| input.origins.get(i));
        eprintln!("gazette: left out: {} ({})", problem, origin.map_or("", String::as_str));
    }
    let paged = feed.articles.len() > options.page_size;
    let pagefind = if paged && options.search {
        search_index::find_pagefind()
    } else {
        None
    };
    if paged && options.search && pagefind.is_none() {
        eprintln!(
            "gazette: Pagefind not found (npm install pagefind, or set GAZETTE_PAGEFIND): \
             search will cover only the stories a reader has loaded"
        );
    }
    let search_url = pagefind.as_ref().map(|_| format!("{}/", search_index::FOLDER));
    let files = layout(
        &root,
        &feed,
        &indices,
        options.page_size,
        options.topic_page_size,
        search_url.as_deref(),
    );
    let mut progress = Progress::new("writing", files.len());
    for (path, content) in &files {
        write_file(&options.out.join(path), content)?;
        progress.advance();
    }
    progress.finish();
    if let Some(pagefind) = &pagefind {
        let indexing = Instant::now();
        search_index::write(pagefind, &feed, &options.out)?;
        eprintln!(
            "gazette: indexed {} stories for search in {}/{} ({} ms)",
            feed.articles.len(),
            options.out.display(),
            search_index::FOLDER,
            indexing.elapsed().as_millis()
        );
    }
    eprintln!(
        "gazette: wrote {} file{} for {} stories in {} topics to {} ({} ms)",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        feed.articles.len(),
        feed.site.topics.len(),
        options.out.display(),
        started.elapsed().as_millis()
    );
    // What was read is the whole feed now, whatever layout it came in.
    feed.site.archive = None;
    feed.next_url = None;
    feed.page = None;
    Ok(feed)
}

fn write_file(path: &Path, content: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Every file of the layout, as (path relative to the output folder, JSON text).
pub fn layout(
    root: &Node,
    feed: &Feed,
    indices: &[usize],
    page_size: usize,
    topic_page_size: usize,
    search_url: Option<&str>,
) -> Vec<(String, String)> {
    let items = root.get("items").and_then(Node::as_array).unwrap_or_default();
    // Newest first, as the site shows them; the sort is stable, so undated
    // stories keep the feed's order after the dated ones.
    let mut order: Vec<usize> = (0..feed.articles.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(feed.articles[i].published.map(|d| d.unix_seconds()).unwrap_or(i64::MIN)));
    let stories: Vec<(&Article, String)> = order
        .iter()
        .map(|&i| (&feed.articles[i], story_json(&items[indices[i]], &feed.articles[i])))
        .collect();

    let mut by_topic: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (position, (article, _)) in stories.iter().enumerate() {
        for topic in &article.topics {
            by_topic.entry(topic.as_str()).or_default().push(position);
        }
    }
    let topics = topics_json(feed, &by_topic);
    let head = head_json(root);
    // Only the main page is the feed `feed_url` names.
    let main_head = match root.get("feed_url") {
        Some(url) => format!("{head}\"feed_url\":{url},"),
        None => head.clone(),
    };
    let document = |head: &str, gazette: &str, positions: &mut dyn Iterator<Item = usize>, next_url: Option<String>| {
        let mut text = format!("{{{head}\"_gazette\":{{{gazette}}},\"items\":[");
        for (n, position) in positions.enumerate() {
            if n > 0 {
                text.push(',');
            }
            text.push_str(&stories[position].1);
        }
        text.push(']');
        if let Some(url) = next_url {
            text.push_str(&format!(",\"next_url\":\"{url}\""));
        }
        text.push_str("}\n");
        text
    };

    let total = stories.len();
    if total <= page_size {
        return vec![(
            "feed.json".to_owned(),
            document(&main_head, &format!("\"topics\":{topics}"), &mut (0..total), None),
        )];
    }

    let mut files = Vec::new();
    let feed_pages = total.div_ceil(page_size);
    let search = search_url.map_or(String::new(), |url| format!(",\"search_url\":\"{url}\""));
    let archive = format!(
        "\"archive\":{{\"total_items\":{total},\"article_url\":\"articles/{{slug}}.json\",\"topic_page_url\":\"topics/{{topic}}/page-{{page}}.json\",\"topic_page_size\":{topic_page_size},\"sections_url\":\"sections.json\"{search}}}"
    );
    for page in 1..=feed_pages {
        let name = if page == 1 {
            "feed.json".to_owned()
        } else {
            format!("feed-{page}.json")
        };
        let gazette = if page == 1 {
            format!("\"topics\":{topics},{archive}")
        } else {
            format!("\"topics\":{topics}")
        };
        let next = (page < feed_pages).then(|| format!("feed-{}.json", page + 1));
        let mut positions = (page - 1) * page_size..(page * page_size).min(total);
        let head = if page == 1 { &main_head } else { &head };
        files.push((name, document(head, &gazette, &mut positions, next)));
    }
    for (position, (article, _)) in stories.iter().enumerate() {
        files.push((
            format!("articles/{}.json", article.slug),
            document(
                &head,
                &format!("\"topics\":{topics}"),
                &mut std::iter::once(position),
                None,
            ),
        ));
    }
    for topic in &feed.site.topics {
        let positions = by_topic.get(topic.slug.as_str()).map(Vec::as_slice).unwrap_or_default();
        let pages = positions.len().div_ceil(topic_page_size).max(1);
        for page in 1..=pages {
            let chunk = positions
                .iter()
                .copied()
                .skip((page - 1) * topic_page_size)
                .take(topic_page_size);
            let gazette = format!(
                "\"topics\":{topics},\"page\":{{\"number\":{page},\"total_pages\":{pages},\"total_items\":{}}}",
                positions.len()
            );
            files.push((
                format!("topics/{}/page-{page}.json", topic.slug),
                document(&head, &gazette, &mut chunk.into_iter(), None),
            ));
        }
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
    files.push((
        "sections.json".to_owned(),
        document(&head, &format!("\"topics\":{topics}"), &mut newest.into_iter(), None),
    ));
    files
}

/// The feed-level fields every file repeats, as `"key":value,` pairs.
fn head_json(root: &Node) -> String {
    let mut head = String::from("\"version\":\"https://jsonfeed.org/version/1.1\",");
    for key in [
        "title",
        "description",
        "home_page_url",
        "language",
        "icon",
        "favicon",
        "authors",
        "author",
    ] {
        if let Some(value) = root.get(key) {
            head.push_str(&format!("\"{key}\":{value},"));
        }
    }
    head
}

/// The site's topics with their story counts: in the order a feed declares
/// them, or, for topics made from tags, largest first, the order the site
/// then features them in.
fn topics_json(feed: &Feed, by_topic: &BTreeMap<&str, Vec<usize>>) -> String {
    let count = |slug: &str| by_topic.get(slug).map_or(0, Vec::len);
    let mut topics: Vec<_> = feed.site.topics.iter().collect();
    if !feed.site.topics_declared {
        topics.sort_by_key(|t| std::cmp::Reverse(count(&t.slug)));
    }
    let mut out = String::from("[");
    for (i, topic) in topics.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"slug\":");
        let _ = json::write_string(&mut out, &topic.slug);
        out.push_str(",\"name\":");
        let _ = json::write_string(&mut out, &topic.name);
        if let Some(description) = &topic.description {
            out.push_str(",\"description\":");
            let _ = json::write_string(&mut out, description);
        }
        out.push_str(&format!(",\"count\":{}}}", count(&topic.slug)));
    }
    out.push(']');
    out
}

/// A story as the feed wrote it, with `_gazette.slug` and `_gazette.topic`
/// set to what the site resolved.
fn story_json(item: &Node, article: &Article) -> String {
    let mut item = item.clone();
    let string = |s: &str| Node {
        value: Value::String(Cow::Owned(s.to_owned())),
        offset: 0,
        end: 0,
    };
    if let Value::Object(members) = &mut item.value {
        let position = members
            .iter()
            .rposition(|(k, v)| k == "_gazette" && matches!(v.value, Value::Object(_)));
        let index = match position {
            Some(i) => i,
            None => {
                members.retain(|(k, _)| k != "_gazette");
                members.push((
                    Cow::Borrowed("_gazette"),
                    Node {
                        value: Value::Object(Vec::new()),
                        offset: 0,
                        end: 0,
                    },
                ));
                members.len() - 1
            }
        };
        if let Value::Object(extension) = &mut members[index].1.value {
            extension.retain(|(k, _)| k != "slug" && k != "topic");
            extension.push((Cow::Borrowed("slug"), string(&article.slug)));
            if let Some(topic) = article.topic() {
                extension.push((Cow::Borrowed("topic"), string(topic)));
            }
        }
    }
    item.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::feed::read_feed;

    /// A feed of `n` stories over three topics, dated one hour apart.
    fn synthetic(n: usize) -> String {
        let items: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id": "s{i}", "title": "Story {i}", "content_text": "Text {i}", "image": "images/p{i}.jpg", "date_published": "2026-01-01T{:02}:00:00Z", "tags": ["{}"]}}"#,
                    i % 24,
                    ["Art", "Research", "Campus Life"][i % 3]
                )
            })
            .collect();
        format!(
            r#"{{"version": "1", "title": "Big", "description": "Many stories", "items": [{}]}}"#,
            items.join(",")
        )
    }

    fn build(text: &str, page_size: usize) -> BTreeMap<String, String> {
        let root = json::parse(text).unwrap();
        let (feed, indices) = read_parsed(text, &root, "/feed.json", &Html5ever).unwrap();
        layout(&root, &feed, &indices, page_size, 4, Some("pagefind/"))
            .into_iter()
            .collect()
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
        assert_eq!(files.len(), 3 + 30 + 9 + 1);
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
