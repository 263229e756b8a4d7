//! Turns a JSON Feed document into the typed model, tolerantly.
//!
//! Rules (docs/feed-format.md explains them for feed authors):
//! - A document that is not JSON, not an object, or has no `items` array is
//!   refused with a message that says so.
//! - A story is left out, and the others kept, when it is not an object, has
//!   no usable id (nor a `url` to stand in), has no content at all, repeats an
//!   earlier id, or gives a standard field the wrong JSON type.
//! - Lesser faults (a date that cannot be read, a URL the policy refuses, a
//!   malformed author, photo or block) drop just that value with a warning.
//!
//! The reader runs on every page load, on feeds of thousands of stories, so
//! the paths in messages (`items[3].date_published`) are built on the stack
//! as it descends and only written out when there is something to say.

use rustc_hash::FxHashMap as HashMap;
use std::fmt;

use super::date::Timestamp;
use super::embed::embed_of;
use super::html::HtmlParser;
use super::ingest::{self, Content, Item};
use super::json::{self, JsonError, Node, Value};
use super::model::*;
use super::text::{decode_entities, is_slug, slugify, squash_whitespace};
use super::url::{is_feed_furniture, safe_url, UrlUse};

/// Why a whole document could not be read as a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    Json(JsonError),
    NotAFeed(String),
    /// The code that reads the stories' HTML could not be had (the browser
    /// fetches it on demand, and the network failed).
    CodeMissing,
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::Json(e) => e.fmt(f),
            FeedError::NotAFeed(why) => write!(f, "not a JSON Feed: {why}"),
            FeedError::CodeMissing => f.write_str("its HTML reader did not arrive"),
        }
    }
}

impl std::error::Error for FeedError {}

/// Reads one feed document and ingests its stories (see [`crate::ingest`]),
/// reading `content_html` with `parser`. `document_url` is where it was
/// fetched from (absolute, or path-only such as `/news/feed.json`); relative
/// URLs in the feed are resolved against it.
pub fn read_feed_with(bytes: &[u8], document_url: &str, parser: &dyn HtmlParser) -> Result<Feed, FeedError> {
    at_once(read_feed_in_slices(bytes, document_url, parser, &mut Unpaused))
}

/// Where a long read may stop and let its caller's world go on: the browser
/// app yields to the page between stories when its slice of time is spent,
/// so that reading a feed never blocks a reader's tap for long.
pub trait Pause {
    /// Called before each story (so the document's parse and the site's
    /// fields are a slice of their own, and each story one after); the read
    /// resumes when the future is ready.
    fn before_each_story(&mut self) -> impl std::future::Future<Output = ()>;

    /// Called before the first story whose HTML must be read (its
    /// `content_html`, or a graphic's SVG), until it gives `true`: the
    /// parser's allowlist is ready when the future is (the browser fetches
    /// that code on demand); `false` fails the read with
    /// [`FeedError::CodeMissing`].
    fn markup_needed(&mut self) -> impl std::future::Future<Output = bool> {
        async { true }
    }
}

/// Reads without stopping.
pub struct Unpaused;

impl Pause for Unpaused {
    async fn before_each_story(&mut self) {}
}

/// [`read_feed_with`], pausing between stories as `pause` says.
pub async fn read_feed_in_slices(
    bytes: &[u8],
    document_url: &str,
    parser: &dyn HtmlParser,
    pause: &mut impl Pause,
) -> Result<Feed, FeedError> {
    let (source, root) = json::parse_bytes(bytes).map_err(FeedError::Json)?;
    read_parsed_in_slices(source, &root, document_url, parser, pause)
        .await
        .map(|(feed, _)| feed)
}

/// The result of a read that never pauses: [`Unpaused`] is always ready,
/// so one poll finishes it.
fn at_once<T>(read: impl std::future::Future<Output = T>) -> T {
    let mut read = std::pin::pin!(read);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match read.as_mut().poll(&mut context) {
        std::task::Poll::Ready(result) => result,
        std::task::Poll::Pending => unreachable!("a read that never pauses is ready at once"),
    }
}

/// [`read_feed_with`] html5ever, outside the browser.
#[cfg(feature = "html5ever")]
pub fn read_feed(bytes: &[u8], document_url: &str) -> Result<Feed, FeedError> {
    read_feed_with(bytes, document_url, &super::html5::Html5ever)
}

/// Reads an already parsed document; also returns, for each article, the
/// index in `items` it came from (tools that rewrite feeds need it).
pub fn read_parsed(
    source: &str,
    root: &Node,
    document_url: &str,
    parser: &dyn HtmlParser,
) -> Result<(Feed, Vec<usize>), FeedError> {
    at_once(read_parsed_in_slices(source, root, document_url, parser, &mut Unpaused))
}

async fn read_parsed_in_slices(
    source: &str,
    root: &Node<'_>,
    document_url: &str,
    parser: &dyn HtmlParser,
    pause: &mut impl Pause,
) -> Result<(Feed, Vec<usize>), FeedError> {
    if root.as_object().is_none() {
        return Err(FeedError::NotAFeed(format!(
            "the document is {}, not an object",
            root.kind()
        )));
    }
    let mut reader = Reader {
        source,
        base: document_url,
        parser,
        problems: Vec::new(),
        item_indices: Vec::new(),
    };
    let feed = reader.feed(root, pause).await?;
    Ok((feed, reader.item_indices))
}

/// Whether an item's typed blocks hold a graphic, whose SVG is parsed as
/// HTML. Errs towards yes (any `"type": "graphic"` in `_gazette.body`): a
/// wrong yes only fetches code not needed.
fn has_graphic(item: &Node) -> bool {
    fn mentions_graphic(node: &Node) -> bool {
        match &node.value {
            Value::Array(nodes) => nodes.iter().any(mentions_graphic),
            Value::Object(fields) => fields
                .iter()
                .any(|(key, value)| (key == "type" && value.as_str() == Some("graphic")) || mentions_graphic(value)),
            _ => false,
        }
    }
    item.get("_gazette")
        .and_then(|ext| ext.get("body"))
        .is_some_and(mentions_graphic)
}

/// Where a value sits in the document: a chain of keys and indices living on
/// the stack, written out (`items[3]._gazette.body[2]`) only for a message.
#[derive(Clone, Copy)]
enum At<'p> {
    Root,
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

impl<'p> At<'p> {
    fn key(&'p self, key: &'p str) -> At<'p> {
        At::Key(self, key)
    }

    fn index(&'p self, index: usize) -> At<'p> {
        At::Index(self, index)
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root => Ok(()),
            At::Key(At::Root, key) => f.write_str(key),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

struct Reader<'s> {
    source: &'s str,
    base: &'s str,
    parser: &'s dyn HtmlParser,
    problems: Vec<Problem>,
    item_indices: Vec<usize>,
}

/// A fault that leaves a story out: where, what kind, and why.
struct Skip {
    offset: usize,
    path: String,
    kind: ProblemKind,
    message: String,
}

impl Skip {
    fn new(node: &Node, at: &At, kind: ProblemKind, message: impl Into<String>) -> Skip {
        Skip {
            offset: node.offset,
            path: at.to_string(),
            kind,
            message: message.into(),
        }
    }

    fn wrong_type(node: &Node, at: &At, expected: &str) -> Skip {
        Skip::new(
            node,
            at,
            ProblemKind::WrongType,
            format!("should be {expected}, found {}", node.kind()),
        )
    }
}

type ItemResult<T> = Result<T, Skip>;

const URL_REFUSED: &str = "this URL is not allowed (only http, https and relative URLs are); ignored";
const FURNITURE: &str =
    "a tracking pixel, an advert, a button or an image under 50 px, not a photo of the story; ignored";

impl<'s> Reader<'s> {
    fn note(&mut self, offset: usize, path: String, kind: ProblemKind, message: String, skipped_story: bool) {
        let (line, column) = json::line_column(self.source, offset);
        self.problems.push(Problem {
            kind,
            path,
            line,
            column,
            message,
            skipped_story,
        });
    }

    fn warn(&mut self, node: &Node, at: &At, kind: ProblemKind, message: impl Into<String>) {
        self.note(node.offset, at.to_string(), kind, message.into(), false);
    }

    async fn feed(&mut self, root: &Node<'_>, pause: &mut impl Pause) -> Result<Feed, FeedError> {
        let top = At::Root;
        match root.get("version").map(|v| (v, v.as_str())) {
            Some((_, Some(v))) if is_known_version(v) => {}
            Some((node, _)) => self.warn(
                node,
                &top.key("version"),
                ProblemKind::Unstated,
                "unknown JSON Feed version; read as version 1.1",
            ),
            None => self.warn(
                root,
                &top.key("version"),
                ProblemKind::Unstated,
                "no version given; read as JSON Feed 1.1",
            ),
        }
        let items = match root.get("items") {
            Some(node) => node
                .as_array()
                .ok_or_else(|| FeedError::NotAFeed(format!("\"items\" is {}, not an array", node.kind())))?,
            None => return Err(FeedError::NotAFeed("it has no \"items\" array".into())),
        };
        let extension = root.get("_gazette").filter(|n| n.as_object().is_some());
        let mut site = self.site(root, extension);
        let declared_topics = extension.is_some() && !site.topics.is_empty();

        let mut articles = Vec::with_capacity(items.len());
        let mut seen_ids: HashMap<String, usize> = HashMap::with_capacity_and_hasher(items.len(), Default::default());
        let mut seen_slugs: HashMap<String, usize> = HashMap::with_capacity_and_hasher(items.len(), Default::default());
        let mut tag_topics: Vec<Topic> = Vec::new();
        let list = top.key("items");
        let mut markup_ready = false;
        for (index, item) in items.iter().enumerate() {
            pause.before_each_story().await;
            if !markup_ready && has_graphic(item) {
                markup_ready = pause.markup_needed().await;
                if !markup_ready {
                    return Err(FeedError::CodeMissing);
                }
            }
            let at = list.index(index);
            match self.item(item, &at, &site) {
                Ok(story) => {
                    if let Some(&first) = seen_ids.get(&story.id) {
                        let message = format!("repeats the id of items[{first}]; story left out");
                        self.note(
                            item.offset,
                            at.key("id").to_string(),
                            ProblemKind::RepeatedId,
                            message,
                            true,
                        );
                        continue;
                    }
                    seen_ids.insert(story.id.clone(), index);
                    if !markup_ready && matches!(story.content, Content::Html(_)) {
                        markup_ready = pause.markup_needed().await;
                        if !markup_ready {
                            return Err(FeedError::CodeMissing);
                        }
                    }
                    let mut article = ingest::article(story, self.parser, self.base);
                    crate::embed::allow_players(&mut article.body, &site.players);
                    article.slug = unique_slug(article.slug, &mut seen_slugs);
                    if declared_topics {
                        add_declared_tag_topics(&mut article, &site.topics);
                    } else {
                        collect_tag_topics(&mut article, &mut tag_topics);
                    }
                    articles.push(article);
                    self.item_indices.push(index);
                }
                Err(skip) => self.note(
                    skip.offset,
                    skip.path,
                    skip.kind,
                    format!("{}; story left out", skip.message),
                    true,
                ),
            }
        }
        if declared_topics {
            site.topics_declared = true;
        } else {
            site.topics = tag_topics;
        }
        let next_url = self.url_field(root, &top, "next_url", UrlUse::Resource);
        let page = extension
            .and_then(|ext| ext.get("page"))
            .and_then(|node| self.page_info(node));
        Ok(Feed {
            site,
            articles,
            next_url,
            page,
            problems: std::mem::take(&mut self.problems),
        })
    }

    fn site(&mut self, root: &Node, extension: Option<&Node>) -> Site {
        let top = At::Root;
        let home_page_url = self.url_field(root, &top, "home_page_url", UrlUse::Link);
        // Canonical links, link previews, the sitemap and feed.xml all
        // need the site's absolute address; a relative one is no address.
        if let Some(written) = root.get("home_page_url").and_then(|n| n.as_str()) {
            let written = written.trim();
            let absolute = written.starts_with("https://") || written.starts_with("http://");
            if !written.is_empty() && !absolute {
                self.warn(
                    root.get("home_page_url").unwrap_or(root),
                    &top.key("home_page_url"),
                    ProblemKind::Malformed,
                    format!("{written:?} is not an absolute address: canonical links, link previews, sitemap.xml and feed.xml need the site's whole address (https://…/); gazette import --site-url URL writes it"),
                );
            }
        }
        let title = match self.text_field(root, &top, "title") {
            Some(title) => title,
            None => {
                self.warn(root, &top.key("title"), ProblemKind::Unstated, "the feed has no title");
                home_page_url
                    .as_deref()
                    .and_then(host_of)
                    .unwrap_or("Untitled feed")
                    .to_owned()
            }
        };
        let mut authors = self.authors(root, &top);
        authors.dedup();
        let (topics, archive, editions, players) = match extension {
            Some(ext) => (
                self.declared_topics(ext),
                ext.get("archive").and_then(|a| self.archive(a)),
                ext.get("editions").map(|e| self.editions(e)).unwrap_or_default(),
                ext.get("players").map(|p| self.players(p)).unwrap_or_default(),
            ),
            None => (Vec::new(), None, Vec::new(), Vec::new()),
        };
        Site {
            title,
            tagline: self.text_field(root, &top, "description"),
            home_page_url,
            feed_url: self.url_field(root, &top, "feed_url", UrlUse::Resource),
            language: self.text_field(root, &top, "language"),
            icon: self.url_field(root, &top, "icon", UrlUse::Image),
            favicon: self.url_field(root, &top, "favicon", UrlUse::Image),
            authors,
            topics,
            topics_declared: false,
            archive,
            editions,
            players,
        }
    }

    /// `_gazette.players`: the providers (keys of [`crate::embed::PLAYERS`])
    /// whose players the site allows; an unknown one is named and ignored.
    fn players(&mut self, node: &Node) -> Vec<String> {
        let at = At::Root.key("_gazette");
        let at = at.key("players");
        let Some(list) = node.as_array() else {
            self.warn(
                node,
                &at,
                ProblemKind::WrongType,
                format!("should be an array of provider names, found {}; ignored", node.kind()),
            );
            return Vec::new();
        };
        let mut players = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            match entry
                .as_str()
                .filter(|key| crate::embed::PLAYERS.iter().any(|(k, _, _)| k == key))
            {
                Some(key) if !players.iter().any(|p| p == key) => players.push(key.to_owned()),
                Some(_) => {}
                None => {
                    let known: Vec<&str> = crate::embed::PLAYERS.iter().map(|(k, _, _)| *k).collect();
                    self.warn(
                        entry,
                        &at.index(i),
                        ProblemKind::Malformed,
                        format!("is not a player Gazette knows ({}); ignored", known.join(", ")),
                    );
                }
            }
        }
        players
    }

    /// `_gazette.editions`: each a language, a name and a path prefix (the
    /// default edition's empty), at most one per prefix and per language.
    fn editions(&mut self, node: &Node) -> Vec<Edition> {
        let at = At::Root.key("_gazette");
        let at = at.key("editions");
        let Some(list) = node.as_array() else {
            self.warn(
                node,
                &at,
                ProblemKind::WrongType,
                "should be an array of editions; ignored",
            );
            return Vec::new();
        };
        let mut editions: Vec<Edition> = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let entry_at = at.index(i);
            let text = |key: &str| entry.get(key).and_then(Node::as_str).and_then(clean_text);
            let (Some(language), Some(name)) = (text("lang"), text("name")) else {
                self.warn(
                    entry,
                    &entry_at,
                    ProblemKind::Malformed,
                    "an edition needs a \"lang\" and a \"name\"; ignored",
                );
                continue;
            };
            let prefix = text("prefix").unwrap_or_default();
            let prefix = prefix.trim_matches('/');
            if !prefix.split('/').all(|segment| segment.is_empty() || is_slug(segment)) {
                self.warn(
                    entry,
                    &entry_at.key("prefix"),
                    ProblemKind::Malformed,
                    "a prefix is a path such as \"zh\": lower-case letters, digits and hyphens; ignored",
                );
                continue;
            }
            let prefix = if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            };
            let direction = match text("dir").as_deref() {
                Some("rtl") => "rtl",
                Some("ltr") => "ltr",
                _ => crate::text::direction_of(&language),
            }
            .to_owned();
            if editions.iter().any(|e| e.prefix == prefix || e.language == language) {
                self.warn(
                    entry,
                    &entry_at,
                    ProblemKind::Malformed,
                    "a second edition with this prefix or language; ignored",
                );
                continue;
            }
            editions.push(Edition {
                language,
                name,
                prefix,
                direction,
            });
        }
        if !editions.is_empty() && !editions.iter().any(|e| e.prefix.is_empty()) {
            self.warn(
                node,
                &at,
                ProblemKind::Malformed,
                "no edition has the empty prefix (the site's root); editions ignored",
            );
            return Vec::new();
        }
        // The default edition first, the others as declared.
        if let Some(default) = editions.iter().position(|e| e.prefix.is_empty()) {
            editions[..=default].rotate_right(1);
        }
        editions
    }

    /// A text field outside a story: a wrong type is a warning, blank is absent.
    fn text_field(&mut self, obj: &Node, at: &At, key: &str) -> Option<String> {
        let node = obj.get(key)?;
        match node.as_str() {
            Some(text) => clean_text(text),
            None if node.is_null() => None,
            None => {
                self.warn(
                    node,
                    &at.key(key),
                    ProblemKind::WrongType,
                    format!("should be a string, found {}; ignored", node.kind()),
                );
                None
            }
        }
    }

    /// A URL field outside a story: a wrong type or a refused URL is a warning.
    fn url_field(&mut self, obj: &Node, at: &At, key: &str, used_for: UrlUse) -> Option<String> {
        let node = obj.get(key)?;
        let Some(raw) = node.as_str() else {
            if !node.is_null() {
                self.warn(
                    node,
                    &at.key(key),
                    ProblemKind::WrongType,
                    format!("should be a URL string, found {}; ignored", node.kind()),
                );
            }
            return None;
        };
        if raw.trim().is_empty() {
            return None;
        }
        let url = safe_url(raw, self.base, used_for);
        if url.is_none() {
            self.warn(node, &at.key(key), ProblemKind::RefusedUrl, URL_REFUSED);
        }
        url
    }

    fn declared_topics(&mut self, ext: &Node) -> Vec<Topic> {
        let top = At::Root;
        let extension = top.key("_gazette");
        let list = extension.key("topics");
        let Some(node) = ext.get("topics") else {
            return Vec::new();
        };
        let Some(entries) = node.as_array() else {
            self.warn(
                node,
                &list,
                ProblemKind::WrongType,
                format!("should be an array, found {}; ignored", node.kind()),
            );
            return Vec::new();
        };
        let mut topics: Vec<Topic> = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let at = list.index(i);
            let slug = entry
                .get("slug")
                .and_then(Node::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let name = entry.get("name").and_then(Node::as_str).and_then(clean_text);
            let (Some(raw_slug), Some(name)) = (slug, name) else {
                self.warn(
                    entry,
                    &at,
                    ProblemKind::Malformed,
                    "a topic needs a \"slug\" and a \"name\"; ignored",
                );
                continue;
            };
            let slug = if is_slug(raw_slug) {
                raw_slug.to_owned()
            } else {
                slugify(raw_slug)
            };
            if slug.is_empty() || topics.iter().any(|t| t.slug == slug) {
                self.warn(
                    entry,
                    &at,
                    ProblemKind::Malformed,
                    format!("the topic slug {raw_slug:?} is empty or repeated; ignored"),
                );
                continue;
            }
            let description = self.text_field(entry, &at, "description");
            let story_count = entry.get("count").and_then(Node::as_u64);
            topics.push(Topic {
                slug,
                name,
                description,
                story_count,
            });
        }
        topics
    }

    fn archive(&mut self, node: &Node) -> Option<Archive> {
        let template = |key: &str| node.get(key).and_then(Node::as_str).map(str::to_owned);
        let archive = (|| {
            Some(Archive {
                total_stories: node.get("total_items")?.as_u64()?,
                article_url: template("article_url").filter(|t| t.contains("{slug}"))?,
                topic_page_url: template("topic_page_url").filter(|t| t.contains("{topic}") && t.contains("{page}"))?,
                topic_page_size: node
                    .get("topic_page_size")?
                    .as_u64()
                    .filter(|n| (1..=1000).contains(n))? as u32,
                sections_url: template("sections_url"),
                search_url: template("search_url"),
                person_page_url: template("person_page_url").filter(|t| t.contains("{person}") && t.contains("{page}")),
                most_read: Vec::new(),
            })
        })();
        let Some(archive) = archive else {
            let at = At::Root;
            self.warn(
                node,
                &at.key("_gazette").key("archive"), ProblemKind::Malformed,
                "needs total_items, article_url with {slug}, topic_page_url with {topic} and {page}, and topic_page_size; ignored",
            );
            return None;
        };
        Some(Archive {
            article_url: self.template_url(&archive.article_url),
            topic_page_url: self.template_url(&archive.topic_page_url),
            sections_url: archive
                .sections_url
                .as_deref()
                .and_then(|u| safe_url(u, self.base, UrlUse::Resource)),
            search_url: archive
                .search_url
                .as_deref()
                .and_then(|u| safe_url(u, self.base, UrlUse::Resource)),
            person_page_url: archive.person_page_url.as_deref().map(|t| self.template_url(t)),
            most_read: node
                .get("most_read")
                .map(|list| self.ranked_stories(list))
                .unwrap_or_default(),
            ..archive
        })
    }

    /// `_gazette.archive.most_read`: each entry a slug, a headline and a
    /// view count; a malformed one is left out and named.
    fn ranked_stories(&mut self, list: &Node) -> Vec<RankedStory> {
        let root = At::Root;
        let extension = root.key("_gazette");
        let archive = extension.key("archive");
        let fault = "a most-read entry needs a \"slug\", a \"title\" and whole-number \"views\"; ignored";
        let mut ranked = Vec::new();
        self.entries(list, &archive.key("most_read"), fault, &mut |_, entry, _| {
            let text = |key: &str| entry.get(key).and_then(Node::as_str).and_then(clean_text);
            ranked.push(RankedStory {
                slug: text("slug")?,
                title: text("title")?,
                views: entry.get("views").and_then(Node::as_u64)?,
            });
            Some(())
        });
        ranked
    }

    /// An array of entries (credits, corrections, …), each read by `read`
    /// (which keeps what it reads): one it cannot read is left out and named
    /// by its place with `fault`, so one bad entry never hides the others.
    /// (`dyn`, so that the wasm carries this loop once for every kind.)
    fn entries(
        &mut self,
        node: &Node,
        at: &At,
        fault: &str,
        read: &mut dyn FnMut(&mut Self, &Node, &At) -> Option<()>,
    ) {
        let Some(list) = node.as_array() else {
            self.warn(
                node,
                at,
                ProblemKind::WrongType,
                format!("should be an array, found {}; ignored", node.kind()),
            );
            return;
        };
        for (i, entry) in list.iter().enumerate() {
            let entry_at = at.index(i);
            if read(self, entry, &entry_at).is_none() {
                self.warn(entry, &entry_at, ProblemKind::Malformed, fault);
            }
        }
    }

    /// Resolves a URL template against the feed, keeping its `{…}` placeholders.
    fn template_url(&self, template: &str) -> String {
        let marked = template.replace('{', "\u{1}").replace('}', "\u{2}");
        let resolved = super::url::resolve(self.base, &marked);
        resolved.replace('\u{1}', "{").replace('\u{2}', "}")
    }

    fn page_info(&mut self, node: &Node) -> Option<PageInfo> {
        let info = (|| {
            let number = node.get("number")?.as_u64()?;
            let total_pages = node.get("total_pages")?.as_u64()?;
            let total_stories = node.get("total_items")?.as_u64()?;
            (number >= 1 && number <= total_pages.max(1)).then_some(PageInfo {
                number: number as u32,
                total_pages: total_pages as u32,
                total_stories,
            })
        })();
        if info.is_none() {
            let at = At::Root;
            self.warn(
                node,
                &at.key("_gazette").key("page"),
                ProblemKind::Malformed,
                "needs whole numbers number ≤ total_pages and total_items; ignored",
            );
        }
        info
    }

    /// JSON Feed 1.1 `authors` and the 1.0 `author`, merged.
    fn authors(&mut self, obj: &Node, at: &At) -> Vec<Author> {
        let mut authors = Vec::new();
        if let Some(node) = obj.get("authors") {
            let list_at = at.key("authors");
            match node.as_array() {
                Some(list) => {
                    for (i, entry) in list.iter().enumerate() {
                        if let Some(author) = self.author(entry, &list_at.index(i)) {
                            authors.push(author);
                        }
                    }
                }
                None if node.is_null() => {}
                None => self.warn(
                    node,
                    &list_at,
                    ProblemKind::WrongType,
                    format!("should be an array, found {}; ignored", node.kind()),
                ),
            }
        }
        if let Some(node) = obj.get("author") {
            if let Some(author) = self.author(node, &at.key("author")) {
                if !authors.contains(&author) {
                    authors.push(author);
                }
            }
        }
        authors
    }

    fn author(&mut self, node: &Node, at: &At) -> Option<Author> {
        if node.as_object().is_none() {
            if !node.is_null() {
                self.warn(
                    node,
                    at,
                    ProblemKind::NotAnObject,
                    format!("an author should be an object, found {}; ignored", node.kind()),
                );
            }
            return None;
        }
        let author = Author {
            name: self.text_field(node, at, "name"),
            url: self.url_field(node, at, "url", UrlUse::Link),
            avatar: self.url_field(node, at, "avatar", UrlUse::Image),
            slug: None,
        };
        if author.name.is_none() && author.url.is_none() {
            self.warn(
                node,
                at,
                ProblemKind::Malformed,
                "an author needs a name or a url; ignored",
            );
            return None;
        }
        Some(author)
    }

    fn item(&mut self, item: &Node, at: &At, site: &Site) -> ItemResult<Item> {
        if item.as_object().is_none() {
            return Err(Skip::new(
                item,
                at,
                ProblemKind::NotAnObject,
                format!("a story should be an object, found {}", item.kind()),
            ));
        }
        let url = self.item_url(item, at, "url", UrlUse::Link)?;
        let id = match item.get("id") {
            Some(Node {
                value: Value::String(s),
                ..
            }) if !s.trim().is_empty() => s.trim().to_owned(),
            // JSON Feed 1.1 asks readers to turn a numeric id into a string.
            Some(Node {
                value: Value::Number(n),
                ..
            }) => (*n).to_owned(),
            Some(node) if !matches!(node.value, Value::String(_) | Value::Null) => {
                return Err(Skip::new(
                    node,
                    &at.key("id"),
                    ProblemKind::WrongType,
                    format!("the id should be a string, found {}", node.kind()),
                ))
            }
            _ => match &url {
                Some(url) => {
                    self.warn(
                        item,
                        &at.key("id"),
                        ProblemKind::NoId,
                        "no id; the url stands in for it",
                    );
                    url.clone()
                }
                None => {
                    return Err(Skip::new(
                        item,
                        &at.key("id"),
                        ProblemKind::NoId,
                        "the story has no id (and no url to stand in)",
                    ))
                }
            },
        };
        let extension = item.get("_gazette").filter(|n| n.as_object().is_some());
        let extension_at = at.key("_gazette");
        let body = match extension.and_then(|ext| ext.get("body")) {
            Some(node) => self.blocks(node, &extension_at.key("body")),
            None => None,
        };
        // The standard content is checked either way, but only copied when it is what will be shown.
        let content_html = item_str(item, at, "content_html")?;
        let content_text = item_str(item, at, "content_text")?;
        let title = item_str(item, at, "title")?.and_then(clean_text);
        let content =
            match (body, content_html, content_text) {
                (Some(blocks), _, _) => Content::Blocks(blocks),
                (None, Some(html), _) if !html.trim().is_empty() => Content::Html(html.to_owned()),
                (None, _, Some(text)) if !text.trim().is_empty() => Content::Blocks(text_blocks(text)),
                // An empty content field is still content, as the spec reads; the story shows its headline.
                (None, Some(_), _) | (None, _, Some(_)) => Content::default(),
                // A headline and where the story is (a link blog's, a podcast's, a
                // "read more" feed's items) is a story: its page says where to read it.
                (None, None, None) if title.is_some() && url.is_some() => {
                    self.warn(
                        item,
                        &at.key("content_html"),
                        ProblemKind::NoContent,
                        "no content_html or content_text; the story is its headline and a link to where it is",
                    );
                    Content::default()
                }
                (None, None, None) => return Err(Skip::new(
                    item,
                    at,
                    ProblemKind::NoContent,
                    "the story has no content_html, content_text or _gazette.body, nor a title and url to stand for it",
                )),
            };
        let summary = item_str(item, at, "summary")?.and_then(clean_text);
        let published = self.item_date(item, at, "date_published")?;
        let modified = self.item_date(item, at, "date_modified")?;
        let external_url = self.item_url(item, at, "external_url", UrlUse::Link)?;
        let language = item_str(item, at, "language")?.and_then(clean_text);
        let tags = self.tags(item, at)?;
        let mut authors = self.authors(item, at);
        if authors.is_empty() {
            authors.clone_from(&site.authors);
        }
        let image = self.item_photo_url(item, at, "image")?;
        let banner_image = self.item_photo_url(item, at, "banner_image")?;

        let mut story = Item {
            id,
            title,
            summary,
            url,
            external_url,
            published,
            modified,
            authors,
            tags,
            language,
            content,
            image,
            banner_image,
            image_attachments: self.image_attachments(item, at),
            media_attachments: self.media_attachments(item, at),
            ..Item::default()
        };
        if let Some(ext) = extension {
            self.apply_extension(&mut story, ext, &extension_at, site);
        }
        Ok(story)
    }

    /// A story's `image` or `banner_image`, unless it is the feed's furniture
    /// (a tracking pixel, an advert: see `is_feed_furniture`).
    fn item_photo_url(&mut self, item: &Node, at: &At, key: &str) -> ItemResult<Option<String>> {
        let url = self.item_url(item, at, key, UrlUse::Image)?;
        match url {
            Some(url) if is_feed_furniture(&url, None, None) => {
                if let Some(node) = item.get(key) {
                    self.warn(node, &at.key(key), ProblemKind::RefusedUrl, FURNITURE);
                }
                Ok(None)
            }
            url => Ok(url),
        }
    }

    fn item_url(&mut self, item: &Node, at: &At, key: &str, used_for: UrlUse) -> ItemResult<Option<String>> {
        let Some(raw) = item_str(item, at, key)? else {
            return Ok(None);
        };
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let url = safe_url(raw, self.base, used_for);
        if url.is_none() {
            self.warn(
                item.get(key).unwrap_or(item),
                &at.key(key),
                ProblemKind::RefusedUrl,
                URL_REFUSED,
            );
        }
        Ok(url)
    }

    fn item_date(&mut self, item: &Node, at: &At, key: &str) -> ItemResult<Option<Timestamp>> {
        let Some(text) = item_str(item, at, key)? else {
            return Ok(None);
        };
        if text.trim().is_empty() {
            return Ok(None);
        }
        let date = Timestamp::parse(text);
        if date.is_none() {
            self.warn(
                item.get(key).unwrap_or(item),
                &at.key(key),
                ProblemKind::BadDate,
                format!("{text:?} is not a date in RFC 3339 or RFC 2822 form; ignored"),
            );
        }
        Ok(date)
    }

    fn tags(&mut self, item: &Node, at: &At) -> ItemResult<Vec<String>> {
        let Some(node) = item.get("tags") else {
            return Ok(Vec::new());
        };
        let tags_at = at.key("tags");
        let Some(list) = node.as_array() else {
            return if node.is_null() {
                Ok(Vec::new())
            } else {
                Err(Skip::wrong_type(node, &tags_at, "an array of strings"))
            };
        };
        let mut tags = Vec::with_capacity(list.len());
        for (i, tag) in list.iter().enumerate() {
            match tag.as_str().and_then(clean_text) {
                Some(t) if !tags.contains(&t) => tags.push(t),
                Some(_) => {}
                None => self.warn(
                    tag,
                    &tags_at.index(i),
                    ProblemKind::WrongType,
                    "a tag should be a non-empty string; ignored",
                ),
            }
        }
        Ok(tags)
    }

    fn apply_extension(&mut self, article: &mut Item, ext: &Node, at: &At, site: &Site) {
        if let Some(node) = ext.get("slug") {
            match node.as_str().map(str::trim) {
                Some(s) if is_slug(s) => article.slug = Some(s.to_owned()),
                _ => self.warn(
                    node,
                    &at.key("slug"),
                    ProblemKind::Malformed,
                    "a slug must be lower-case letters, digits and single hyphens; one is derived instead",
                ),
            }
        }
        if let Some(node) = ext.get("topic") {
            match node.as_str() {
                Some(t) if site.topics.iter().any(|topic| topic.slug == t) => article.topics = vec![t.to_owned()],
                _ => self.warn(
                    node,
                    &at.key("topic"),
                    ProblemKind::Malformed,
                    "not the slug of a topic in _gazette.topics; ignored",
                ),
            }
        }
        if let Some(node) = ext.get("views") {
            match node.as_u64() {
                Some(n) => article.views = Some(n),
                None => self.warn(
                    node,
                    &at.key("views"),
                    ProblemKind::Malformed,
                    "views must be a whole number, 0 or more; ignored",
                ),
            }
        }
        if let Some(node) = ext.get("neighbours") {
            let mut neighbours = Neighbours::default();
            let mut readable = node.as_object().is_some();
            for (key, slot) in [("newer", &mut neighbours.newer), ("older", &mut neighbours.older)] {
                if let Some(entry) = node.get(key) {
                    let text = |key: &str| entry.get(key).and_then(Node::as_str).and_then(clean_text);
                    *slot = text("slug")
                        .filter(|s| is_slug(s))
                        .zip(text("title"))
                        .map(|(slug, title)| StoryLink { slug, title });
                    readable &= slot.is_some();
                }
            }
            if readable {
                article.neighbours = Some(neighbours);
            } else {
                self.warn(
                    node,
                    &at.key("neighbours"),
                    ProblemKind::Malformed,
                    "each neighbour needs a \"slug\" and a \"title\"; ignored",
                );
            }
        }
        if let Some(node) = ext.get("credits") {
            let fault = "a credit needs a \"role\" and a \"name\"; ignored";
            let credits = &mut article.credits;
            self.entries(node, &at.key("credits"), fault, &mut |_, entry, _| {
                let text = |key: &str| entry.get(key).and_then(Node::as_str).and_then(clean_text);
                credits.push(Credit {
                    role: text("role")?,
                    name: text("name")?,
                    slug: String::new(),
                });
                Some(())
            });
        }
        if let Some(node) = ext.get("translations") {
            let fault = "a translation needs a \"lang\" and an \"id\" or a \"url\"; ignored";
            let translations = &mut article.translations;
            self.entries(node, &at.key("translations"), fault, &mut |reader, entry, entry_at| {
                let language = entry.get("lang").and_then(Node::as_str).and_then(clean_text);
                let id = entry.get("id").and_then(|id| match &id.value {
                    crate::json::Value::Number(n) => Some((*n).to_owned()),
                    _ => id.as_str().and_then(clean_text),
                });
                let url = reader.url_field(entry, entry_at, "url", UrlUse::Link);
                if id.is_none() && url.is_none() {
                    return None;
                }
                translations.push(Translation {
                    language: language?,
                    id,
                    url,
                });
                Some(())
            });
        }
        if let Some(node) = ext.get("corrections") {
            let fault = "a correction needs its \"text\"; ignored";
            let corrections = &mut article.corrections;
            self.entries(node, &at.key("corrections"), fault, &mut |_, entry, _| {
                corrections.push(Correction {
                    date: entry.get("date").and_then(Node::as_str).and_then(Timestamp::parse),
                    text: entry.get("text").and_then(Node::as_str).and_then(clean_text)?,
                });
                Some(())
            });
        }
        if let Some(node) = ext.get("gallery") {
            let gallery_at = at.key("gallery");
            match node.as_array() {
                Some(list) => {
                    for (i, entry) in list.iter().enumerate() {
                        if let Some(image) = self.image(entry, &gallery_at.index(i)) {
                            article.gallery.push(image);
                        }
                    }
                }
                None => self.warn(
                    node,
                    &gallery_at,
                    ProblemKind::WrongType,
                    "should be an array of photos; ignored",
                ),
            }
        }
    }

    /// The story's attachments that are audio or video: a podcast's
    /// episode, a newscast.
    fn media_attachments(&mut self, item: &Node, at: &At) -> Vec<Media> {
        let Some(list) = item.get("attachments").and_then(Node::as_array) else {
            return Vec::new();
        };
        let attachments_at = at.key("attachments");
        let mut media = Vec::new();
        for (i, attachment) in list.iter().enumerate() {
            let mime_type = attachment
                .get("mime_type")
                .and_then(Node::as_str)
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let kind = if mime_type.starts_with("audio/") {
                MediaKind::Audio
            } else if mime_type.starts_with("video/") {
                MediaKind::Video
            } else {
                continue;
            };
            let raw = attachment.get("url").and_then(Node::as_str).unwrap_or("");
            let Some(url) = safe_url(raw, self.base, UrlUse::Image) else {
                self.warn(
                    attachment,
                    &attachments_at.index(i).key("url"),
                    ProblemKind::RefusedUrl,
                    URL_REFUSED,
                );
                continue;
            };
            media.push(Media {
                kind,
                url,
                mime_type: Some(mime_type).filter(|t| t.len() < 80),
                poster: None,
                title: attachment.get("title").and_then(Node::as_str).and_then(clean_text),
                duration_seconds: attachment.get("duration_in_seconds").and_then(Node::as_whole_u64),
                size_bytes: attachment.get("size_in_bytes").and_then(Node::as_u64),
            });
        }
        media
    }

    /// The URLs of the story's attachments that are images.
    fn image_attachments(&mut self, item: &Node, at: &At) -> Vec<String> {
        let mut urls = Vec::new();
        let Some(list) = item.get("attachments").and_then(Node::as_array) else {
            return urls;
        };
        let attachments_at = at.key("attachments");
        for (i, attachment) in list.iter().enumerate() {
            let is_image = attachment
                .get("mime_type")
                .and_then(Node::as_str)
                .is_some_and(|m| m.trim().get(..6).is_some_and(|p| p.eq_ignore_ascii_case("image/")));
            if !is_image {
                continue;
            }
            let raw = attachment.get("url").and_then(Node::as_str).unwrap_or("");
            match safe_url(raw, self.base, UrlUse::Image) {
                Some(url) if is_feed_furniture(&url, None, None) => self.warn(
                    attachment,
                    &attachments_at.index(i).key("url"),
                    ProblemKind::RefusedUrl,
                    FURNITURE,
                ),
                Some(url) => urls.push(url),
                None => self.warn(
                    attachment,
                    &attachments_at.index(i).key("url"),
                    ProblemKind::RefusedUrl,
                    URL_REFUSED,
                ),
            }
        }
        urls
    }

    fn image(&mut self, node: &Node, at: &At) -> Option<Image> {
        if node.as_object().is_none() {
            self.warn(
                node,
                at,
                ProblemKind::NotAnObject,
                format!("a photo should be an object, found {}; ignored", node.kind()),
            );
            return None;
        }
        let raw = node.get("url").and_then(Node::as_str).unwrap_or("");
        let Some(url) = safe_url(raw, self.base, UrlUse::Image) else {
            self.warn(
                node,
                &at.key("url"),
                ProblemKind::RefusedUrl,
                "a photo needs an http, https or relative url; ignored",
            );
            return None;
        };
        let text = |key: &str| node.get(key).and_then(Node::as_str).and_then(clean_text);
        let dimension = |key: &str| {
            node.get(key)
                .and_then(Node::as_u64)
                .filter(|n| (1..=100_000).contains(n))
                .map(|n| n as u32)
        };
        if is_feed_furniture(&url, dimension("width"), dimension("height")) {
            self.warn(node, &at.key("url"), ProblemKind::RefusedUrl, FURNITURE);
            return None;
        }
        let caption = text("caption");
        let mut variants = Vec::new();
        if let Some(list) = node.get("srcset").and_then(Node::as_array) {
            for (i, entry) in list.iter().enumerate() {
                let width = entry
                    .get("width")
                    .and_then(Node::as_u64)
                    .filter(|n| (1..=100_000).contains(n));
                let url = entry
                    .get("url")
                    .and_then(Node::as_str)
                    .and_then(|u| safe_url(u, self.base, UrlUse::Image));
                let mime_type = entry
                    .get("type")
                    .and_then(Node::as_str)
                    .filter(|t| t.starts_with("image/") && t.len() < 40)
                    .map(str::to_owned);
                match (url, width) {
                    (Some(url), Some(width)) => variants.push(ImageVariant {
                        url,
                        width: width as u32,
                        mime_type,
                    }),
                    _ => self.warn(
                        entry,
                        &at.key("srcset").index(i),
                        ProblemKind::Malformed,
                        "a variant needs a url and a width; ignored",
                    ),
                }
            }
            ImageVariant::sort_by_width(&mut variants);
        }
        Some(Image {
            url,
            alt: text("alt").or_else(|| caption.clone()).unwrap_or_default(),
            caption,
            credit: text("credit"),
            width: dimension("width"),
            height: dimension("height"),
            variants,
            ..Image::default()
        })
    }

    /// `_gazette.body`; `None` (with a warning) when it is not a usable list.
    fn blocks(&mut self, node: &Node, at: &At) -> Option<Vec<Block>> {
        let Some(list) = node.as_array() else {
            self.warn(
                node,
                at,
                ProblemKind::WrongType,
                format!(
                    "should be an array of blocks, found {}; the standard content is used",
                    node.kind()
                ),
            );
            return None;
        };
        let mut blocks = Vec::with_capacity(list.len());
        for (i, entry) in list.iter().enumerate() {
            let block_at = at.index(i);
            match self.block(entry, &block_at) {
                Ok(block) => blocks.push(block),
                Err(why) => self.warn(
                    entry,
                    &block_at,
                    ProblemKind::Malformed,
                    format!("{why}; block ignored"),
                ),
            }
        }
        (!blocks.is_empty()).then_some(blocks)
    }

    fn block(&mut self, node: &Node, at: &At) -> Result<Block, String> {
        let kind = node
            .get("type")
            .and_then(Node::as_str)
            .ok_or("a block needs a \"type\"")?;
        let text = |key: &str| node.get(key).and_then(Node::as_str).and_then(clean_text);
        match kind {
            "paragraph" => Ok(Block::Paragraph(self.inline_content(node, at)?)),
            "heading" => {
                let level = node.get("level").and_then(Node::as_u64).unwrap_or(2).clamp(2, 6) as u8;
                Ok(Block::Heading {
                    level,
                    content: self
                        .inline_content(node, at)
                        .map_err(|_| "a heading needs \"text\" or \"content\"")?,
                    anchor: text("id").and_then(|id| crate::url::story_anchor(&id)),
                })
            }
            "quote" => Ok(Block::Quote {
                blocks: match node.get("blocks") {
                    Some(blocks) => self.nested_blocks(blocks, &at.key("blocks"))?,
                    None => vec![Block::Paragraph(self.inline_content(node, at)?)],
                },
                cite: text("cite"),
            }),
            "list" => {
                let items = node
                    .get("items")
                    .and_then(Node::as_array)
                    .ok_or("a list needs \"items\"")?;
                let items_at = at.key("items");
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let item_at = items_at.index(i);
                    out.push(match (item.as_str(), item.get("blocks")) {
                        (Some(s), _) => vec![Block::Paragraph(vec![Inline::Text(s.to_owned())])],
                        (None, Some(blocks)) => self.nested_blocks(blocks, &item_at.key("blocks"))?,
                        (None, None) => vec![Block::Paragraph(self.inlines(item, &item_at)?)],
                    });
                }
                Ok(Block::List {
                    ordered: node.get("ordered").and_then(Node::as_bool).unwrap_or(false),
                    start: node
                        .get("start")
                        .and_then(Node::as_u64)
                        .filter(|&n| n != 1)
                        .and_then(|n| u32::try_from(n).ok()),
                    items: out,
                })
            }
            "table" => self.table(node, at).map(Block::Table),
            "code" => Ok(Block::Code(
                node.get("text")
                    .and_then(Node::as_str)
                    .ok_or("a code block needs \"text\"")?
                    .to_owned(),
            )),
            "image" => self
                .image(node, at)
                .map(|image| Block::Photo { image, number: 0 })
                .ok_or_else(|| "the photo could not be used".to_owned()),
            "embed" => {
                let url = text("url").and_then(|u| safe_url(&u, self.base, UrlUse::Link));
                let size = |key: &str| {
                    node.get(key)
                        .and_then(Node::as_u64)
                        .and_then(|n| u32::try_from(n).ok())
                        .filter(|n| *n > 0)
                };
                let mut embed = url
                    .and_then(|url| embed_of(&url, text("title"), size("width"), size("height")))
                    .ok_or("an embed needs a web address in \"url\"")?;
                if let Some(provider) = text("provider") {
                    embed.provider = provider;
                }
                if let Some(thumbnail) = text("thumbnail").and_then(|t| safe_url(&t, self.base, UrlUse::Image)) {
                    embed.thumbnail = Some(thumbnail);
                }
                Ok(Block::Embed(embed))
            }
            "audio" | "video" => Ok(Block::Media(Media {
                kind: if kind == "audio" {
                    MediaKind::Audio
                } else {
                    MediaKind::Video
                },
                url: text("url")
                    .and_then(|u| safe_url(&u, self.base, UrlUse::Image))
                    .ok_or_else(|| format!("{kind} needs an address in \"url\""))?,
                mime_type: text("mime_type").filter(|t| t.len() < 80),
                poster: text("poster").and_then(|p| safe_url(&p, self.base, UrlUse::Image)),
                title: text("title"),
                duration_seconds: node.get("duration_in_seconds").and_then(Node::as_u64),
                size_bytes: node.get("size_in_bytes").and_then(Node::as_u64),
            })),
            "graphic" => {
                let markup = node
                    .get("svg")
                    .and_then(Node::as_str)
                    .ok_or("a graphic needs its markup in \"svg\"")?;
                let mut graphic = self
                    .parser
                    .graphic(markup)
                    .ok_or("a graphic's \"svg\" must be an <svg> element that draws something")?;
                if let Some(title) = text("title") {
                    graphic.label = title;
                }
                Ok(Block::Graphic(graphic))
            }
            other => Err(format!("unknown block type {other:?}")),
        }
    }

    /// The blocks of a list item or a quote: the same rules as the body's.
    fn nested_blocks(&mut self, node: &Node, at: &At) -> Result<Vec<Block>, String> {
        let list = node.as_array().ok_or("\"blocks\" should be an array of blocks")?;
        let mut blocks = Vec::with_capacity(list.len());
        for (i, entry) in list.iter().enumerate() {
            let block_at = at.index(i);
            match self.block(entry, &block_at) {
                Ok(block) => blocks.push(block),
                Err(why) => self.warn(
                    entry,
                    &block_at,
                    ProblemKind::Malformed,
                    format!("{why}; block ignored"),
                ),
            }
        }
        Ok(blocks)
    }

    /// `{"type": "table", "caption", "head": [cell…], "rows": [[cell…]…], "row_headings"}`,
    /// each cell a string or inline content; with `row_headings`, the first
    /// cell of each row heads it.
    fn table(&mut self, node: &Node, at: &At) -> Result<Table, String> {
        let rows = node
            .get("rows")
            .and_then(Node::as_array)
            .ok_or("a table needs \"rows\" of cells")?;
        let row_headings = node.get("row_headings").and_then(Node::as_bool).unwrap_or(false);
        let mut table = Table::default();
        if let Some(caption) = node.get("caption").and_then(Node::as_str).and_then(clean_text) {
            table.caption = vec![Inline::Text(caption)];
        }
        let head_at = at.key("head");
        for (i, cell) in node
            .get("head")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            table.head.push(self.cell(cell, &head_at.index(i))?);
        }
        let rows_at = at.key("rows");
        for (r, row) in rows.iter().enumerate() {
            let row_at = rows_at.index(r);
            let mut cells = Vec::new();
            for (c, cell) in row.as_array().unwrap_or_default().iter().enumerate() {
                cells.push(Cell {
                    header: row_headings && c == 0,
                    content: self.cell(cell, &row_at.index(c))?,
                });
            }
            table.rows.push(cells);
        }
        Ok(table)
    }

    /// A table cell: a string or inline content.
    fn cell(&mut self, node: &Node, at: &At) -> Result<Vec<Inline>, String> {
        match node.as_str() {
            Some(text) => Ok(vec![Inline::Text(text.to_owned())]),
            None => self.inlines(node, at),
        }
    }

    /// A block's `content` (inline array) or its plain `text`.
    fn inline_content(&mut self, node: &Node, at: &At) -> Result<Vec<Inline>, String> {
        if let Some(content) = node.get("content") {
            return self.inlines(content, &at.key("content"));
        }
        match node.get("text").and_then(Node::as_str) {
            Some(text) if !text.trim().is_empty() => Ok(vec![Inline::Text(text.to_owned())]),
            _ => Err("needs \"text\" or \"content\"".into()),
        }
    }

    fn inlines(&mut self, node: &Node, at: &At) -> Result<Vec<Inline>, String> {
        let list = node.as_array().ok_or("inline content should be an array")?;
        let mut out = Vec::with_capacity(list.len());
        for (i, entry) in list.iter().enumerate() {
            if let Some(text) = entry.as_str() {
                out.push(Inline::Text(text.to_owned()));
                continue;
            }
            let inline_at = at.index(i);
            match self.inline(entry, &inline_at) {
                Ok(inline) => out.push(inline),
                Err(why) => self.warn(entry, &inline_at, ProblemKind::Malformed, format!("{why}; ignored")),
            }
        }
        Ok(out)
    }

    fn inline(&mut self, node: &Node, at: &At) -> Result<Inline, String> {
        let kind = node
            .get("type")
            .and_then(Node::as_str)
            .ok_or("an inline needs a \"type\"")?;
        let children = |reader: &mut Self| match node.get("content") {
            Some(content) => reader.inlines(content, &at.key("content")),
            None => node
                .get("text")
                .and_then(Node::as_str)
                .map(|t| vec![Inline::Text(t.to_owned())])
                .ok_or_else(|| "needs \"text\" or \"content\"".to_owned()),
        };
        Ok(match kind {
            "emphasis" => Inline::Emphasis(children(self)?),
            "strong" => Inline::Strong(children(self)?),
            "code" => Inline::Code(
                node.get("text")
                    .and_then(Node::as_str)
                    .ok_or("code needs \"text\"")?
                    .to_owned(),
            ),
            "break" => Inline::LineBreak,
            "link" => {
                let content = children(self)?;
                let raw = node.get("url").and_then(Node::as_str).unwrap_or("");
                match crate::url::story_fragment(raw).or_else(|| safe_url(raw, self.base, UrlUse::Link)) {
                    Some(url) => Inline::Link { url, content },
                    None => {
                        self.warn(
                            node,
                            &at.key("url"),
                            ProblemKind::RefusedUrl,
                            "this link URL is not allowed; shown as text",
                        );
                        let mut text = String::new();
                        push_inline_text(&content, &mut text);
                        Inline::Text(text)
                    }
                }
            }
            other => return Err(format!("unknown inline type {other:?}")),
        })
    }
}

fn is_known_version(v: &str) -> bool {
    let v = v.trim();
    matches!(v, "1" | "1.0" | "1.1")
        || v.trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .starts_with("jsonfeed.org/version/1")
}

/// A story-level string field, borrowed: a wrong type leaves the story out.
fn item_str<'n>(item: &'n Node, at: &At, key: &str) -> ItemResult<Option<&'n str>> {
    match item.get(key) {
        None => Ok(None),
        Some(node) => match &node.value {
            Value::String(s) => Ok(Some(s)),
            Value::Null => Ok(None),
            _ => Err(Skip::wrong_type(node, &at.key(key), "a string")),
        },
    }
}

/// Plain text for display: references decoded, white space squashed; blank is absent.
fn clean_text(raw: &str) -> Option<String> {
    // Most fields are already clean: copy them without the two passes.
    let clean = !raw.starts_with(' ')
        && !raw.ends_with(' ')
        && !raw.contains("  ")
        && !raw
            .bytes()
            .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
        && (raw.is_ascii() || !raw.chars().any(|c| c.is_whitespace() && c != ' '));
    let text = if clean {
        raw.to_owned()
    } else {
        squash_whitespace(&decode_entities(raw))
    };
    (!text.is_empty()).then_some(text)
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}

/// `content_text` as paragraphs split at blank lines, single newlines kept as breaks.
fn text_blocks(text: &str) -> Vec<Block> {
    let normalized = text.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|paragraph| {
            let mut content = Vec::new();
            for (i, line) in paragraph.lines().enumerate() {
                if i > 0 {
                    content.push(Inline::LineBreak);
                }
                content.push(Inline::Text(line.trim().to_owned()));
            }
            Block::Paragraph(content)
        })
        .collect()
}

/// Appends `-2`, `-3`, … until the slug is free, in feed order, so the same
/// feed always gives the same slugs.
fn unique_slug(slug: String, seen: &mut HashMap<String, usize>) -> String {
    if !seen.contains_key(&slug) {
        seen.insert(slug.clone(), 1);
        return slug;
    }
    let mut n = 1;
    loop {
        n += 1;
        let candidate = format!("{slug}-{n}");
        if !seen.contains_key(&candidate) {
            seen.insert(candidate.clone(), n);
            return candidate;
        }
    }
}

/// A feed without declared topics gets one per tag, in order of first use;
/// a story is in the topic of each of its tags, the first its kicker.
fn collect_tag_topics(article: &mut Article, topics: &mut Vec<Topic>) {
    for tag in &article.tags {
        let slug = slugify(tag);
        if slug.is_empty() || article.topics.contains(&slug) {
            continue;
        }
        if !topics.iter().any(|t| t.slug == slug) {
            topics.push(Topic {
                slug: slug.clone(),
                name: tag.clone(),
                description: None,
                story_count: None,
            });
        }
        article.topics.push(slug);
    }
}

/// In a feed that declares its topics, a story is also in each declared
/// topic one of its tags names.
fn add_declared_tag_topics(article: &mut Article, declared: &[Topic]) {
    for tag in &article.tags {
        let slug = slugify(tag);
        if !article.topics.contains(&slug) && declared.iter().any(|t| t.slug == slug) {
            article.topics.push(slug);
        }
    }
}

#[cfg(test)]
mod tests;
