//! The feed's wire types: JSON Feed 1.1 and Gazette's `_gazette` extension,
//! defined once with serde, as the tools write feeds and as the JSON Schema
//! in `docs/feed-format.schema.json` describes them (generated from these
//! types by schemars; a test fails when the committed file is stale).
//!
//! The site itself reads feeds with the tolerant reader in [`crate::read`],
//! which keeps a story when a neighbour is broken and names every fault with
//! its line and column; serde gives up on a document at its first fault. The
//! two are kept in step by round-trip tests: every feed the reader reads,
//! written through these types and read again, gives the same stories.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Article, Author, Block, Cell, Credit, Edition, Feed, Image, Inline, Site, StoryLink, Topic};

/// A JSON Feed document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "A JSON Feed 1.1 document, with Gazette's `_gazette` extension")]
pub struct FeedDocument {
    /// `https://jsonfeed.org/version/1.1`; `…/version/1`, `1`, `1.0` and `1.1` are read too.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    /// The site's name, in the header and every page title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The tagline under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The site's public address: canonical links, sitemaps and previews are built from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    /// A BCP 47 language tag such as `en` or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    /// The default authors of stories that name none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<AuthorEntry>,
    /// JSON Feed 1.0's single author, still read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<AuthorEntry>,
    /// The next, older page of the feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    #[serde(rename = "_gazette", default, skip_serializing_if = "Option::is_none")]
    pub gazette: Option<FeedExtension>,
    /// The stories, newest first.
    pub items: Vec<ItemEntry>,
}

/// A provider whose player the site allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlayerEntry {
    Youtube,
    Vimeo,
}

impl PlayerEntry {
    /// The players `site` allows, as the wire writes them.
    pub fn of_site(site: &Site) -> Vec<PlayerEntry> {
        site.players
            .iter()
            .filter_map(|key| match key.as_str() {
                "youtube" => Some(PlayerEntry::Youtube),
                "vimeo" => Some(PlayerEntry::Vimeo),
                _ => None,
            })
            .collect()
    }
}

/// `_gazette` on the feed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct FeedExtension {
    /// The site's topics, in display order: the header and the front page show the first eight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicEntry>,
    /// The layout of a paged archive, written by `gazette build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<ArchiveEntry>,
    /// Where this document sits in a paged list (a topic's page file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageEntry>,
    /// The site's editions, one per language, declared once in the default
    /// edition's feed (`gazette build` copies the list into the others).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<EditionEntry>,
    /// Providers whose privacy-enhanced players a reader may start in the
    /// page (`youtube`: youtube-nocookie.com, `vimeo`: player.vimeo.com with
    /// `dnt=1`). Without them an embed is only a link to the provider. The
    /// published pages' Content Security Policy allows frames from exactly
    /// these players' hosts; nothing loads before the reader asks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub players: Vec<PlayerEntry>,
    /// The installed app's theme colour (`#rrggbb`), in its manifest; the
    /// site's accent when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"))]
    pub theme_color: Option<String>,
    /// The installed app's background while it starts (`#rrggbb`); white when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"))]
    pub background_color: Option<String>,
}

/// One edition: a language with its own feed at `{prefix}feed.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EditionEntry {
    /// A BCP 47 tag: `en`, `zh-Hans`, `ar`.
    pub lang: String,
    /// The edition's name in its own language: "English", "中文".
    pub name: String,
    /// Its path below the site's base, such as `zh/`; empty (or absent) for the default edition.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(regex(pattern = r"^([^\s/?#A-Z]+/)*$"))]
    pub prefix: String,
    /// `ltr` or `rtl`; by default, that of the language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<Direction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// The same story in another edition, by its `id` there or its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TranslationEntry {
    /// The other edition's language, as `_gazette.editions` names it.
    pub lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The story's page in the other edition; `gazette build` fills it in from the `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct TopicEntry {
    #[schemars(regex(pattern = r"^[^\s/?#A-Z]+$"))]
    pub slug: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many stories the whole archive holds in the topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ArchiveEntry {
    pub total_items: u64,
    /// One story's file, with `{slug}`: `articles/{slug}.json`.
    pub article_url: String,
    /// One page of a topic, with `{topic}` and `{page}`: `topics/{topic}/page-{page}.json`.
    pub topic_page_url: String,
    #[schemars(range(min = 1, max = 1000))]
    pub topic_page_size: u32,
    /// The newest stories of every topic, for the front page's sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections_url: Option<String>,
    /// The folder of a Pagefind index of every story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_url: Option<String>,
    /// One page of a person's stories, with `{person}` and `{page}`: `people/{person}/page-{page}.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_page_url: Option<String>,
    /// The stories read most across the archive, most first, so that no page
    /// reads every story to rank them (`gazette build` writes it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub most_read: Vec<RankedEntry>,
}

/// A story among the most read: its address, headline and view count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RankedEntry {
    /// The story's segment of `/articles/{slug}`.
    pub slug: String,
    pub title: String,
    pub views: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PageEntry {
    #[schemars(range(min = 1))]
    pub number: u32,
    pub total_pages: u32,
    pub total_items: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("anyOf" = [{ "required": ["name"] }, { "required": ["url"] }]))]
pub struct AuthorEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
}

/// A story's id: a string, or a number read as its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// A story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("anyOf" = [
    { "required": ["content_html"] },
    { "required": ["content_text"] },
    { "required": ["_gazette"], "properties": { "_gazette": { "required": ["body"] } } }
]))]
pub struct ItemEntry {
    /// Unique and stable.
    pub id: Id,
    /// The story's page on the publisher's site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For link posts: the page the story is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_url: Option<String>,
    /// The headline; a story without one gets its first words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_html: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    /// The standfirst, and the text on story cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The story's main photo: on cards and link previews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner_image: Option<String>,
    /// RFC 3339; RFC 2822 and dates without seconds or zone are read too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<AuthorEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<AuthorEntry>,
    /// Without `_gazette.topics`, every tag is a topic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Image attachments join the story's photos.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentEntry>,
    #[serde(rename = "_gazette", default, skip_serializing_if = "Option::is_none")]
    pub gazette: Option<ItemExtension>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AttachmentEntry {
    pub url: String,
    pub mime_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_in_bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_in_seconds: Option<u64>,
}

/// `_gazette` on a story.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ItemExtension {
    /// The URL segment of `/articles/{slug}`: lower-case letters (of any script), digits and single hyphens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[^\s/?#A-Z-]+(-[^\s/?#A-Z-]+)*$"))]
    pub slug: Option<String>,
    /// A slug from `_gazette.topics`: the story's kicker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub views: Option<u64>,
    /// "Draft: LIU Yang", "Revision: CHENG Wei".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<CreditEntry>,
    /// The story as typed blocks; when given, it is what Gazette shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Vec<BlockEntry>>,
    /// More photos after those in the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gallery: Vec<ImageEntry>,
    /// The same story in the site's other editions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<TranslationEntry>,
    /// What was put right after publication, shown at the end of the story.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionEntry>,
    /// The next newer and older story of the whole archive, written by
    /// `gazette build` in each copy of a paged archive's stories: a story read
    /// from one file still links to its true neighbours. Without it, a
    /// story's neighbours are the stories beside it in the feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbours: Option<NeighboursEntry>,
}

/// A story's neighbours; a missing one means the story is at that end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NeighboursEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<StoryLinkEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<StoryLinkEntry>,
}

/// Another story, named by its address and headline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StoryLinkEntry {
    /// The story's segment of `/articles/{slug}`.
    pub slug: String,
    pub title: String,
}

/// A correction: when it was made (RFC 3339) and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CorrectionEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreditEntry {
    pub role: String,
    pub name: String,
}

/// A photo.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ImageEntry {
    pub url: String,
    /// What the photo shows, for people who cannot see it; the caption stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Of the largest variant: the page reserves its space and nothing shifts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100_000))]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100_000))]
    pub height: Option<u32>,
    /// Other widths of the photo, for `srcset`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub srcset: Vec<VariantEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VariantEntry {
    pub url: String,
    #[schemars(range(min = 1, max = 100_000))]
    pub width: u32,
    /// The variant's format when it is not the photo's own (`image/webp`):
    /// offered to the browsers that read it.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^image/[a-z0-9.+-]+$"))]
    pub mime_type: Option<String>,
}

/// A block of a story's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum BlockEntry {
    Paragraph(TextOrContent),
    Heading(HeadingEntry),
    Image(ImageEntry),
    Quote(QuoteEntry),
    List(ListEntry),
    Table(TableEntry),
    /// Shown as written, line for line.
    Code(CodeEntry),
    /// A player or document of another site, shown as a link to it (a
    /// facade): nothing of the other site loads before the reader asks.
    Embed(EmbedEntry),
    /// Audio the page plays in the browser's own controls.
    Audio(MediaEntry),
    /// Video the page plays in the browser's own controls.
    Video(MediaEntry),
    /// A chart or diagram in SVG, kept through a strict SVG allowlist (no
    /// scripts, styles, images, links or outside references) and shown as an
    /// image of itself.
    Graphic(GraphicEntry),
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct GraphicEntry {
    /// The graphic's markup: one `<svg>` element.
    pub svg: String,
    /// Its accessible name; else its own `<title>`, else the words it draws.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct EmbedEntry {
    /// The player's or the item's address at its provider (a YouTube
    /// `embed/ID` player or `watch?v=ID` page alike).
    pub url: String,
    /// A name for it: a video's title, a form's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who has it, when the address does not say it plainly ("YouTube").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// A still of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100_000))]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100_000))]
    pub height: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct MediaEntry {
    pub url: String,
    /// Its format: `audio/mpeg`, `video/mp4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A video's still before it plays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_in_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_in_bytes: Option<u64>,
}

/// Plain `text`, or `content` (inline content).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("anyOf" = [{ "required": ["text"] }, { "required": ["content"] }]))]
pub struct TextOrContent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<InlineEntry>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("anyOf" = [{ "required": ["text"] }, { "required": ["content"] }]))]
pub struct HeadingEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<InlineEntry>>,
    /// 2 to 6; the headline is the page's only level 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2, max = 6))]
    pub level: Option<u8>,
    /// The heading's id, which the story's own links name (`"url":
    /// "#methods"`); the page's own ids (`main`, `photo-1`…) are not taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("anyOf" = [{ "required": ["text"] }, { "required": ["content"] }, { "required": ["blocks"] }]))]
pub struct QuoteEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<InlineEntry>>,
    /// Blocks of its own: paragraphs, lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<BlockEntry>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ListEntry {
    pub items: Vec<ListItemEntry>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// The number of an ordered list's first item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct TableEntry {
    pub rows: Vec<Vec<CellEntry>>,
    /// The column headings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub head: Vec<CellEntry>,
    /// Whether each row's first cell heads its row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_headings: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CodeEntry {
    pub text: String,
}

/// A list item: its text, its inline content, or blocks of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ListItemEntry {
    Text(String),
    Content(Vec<InlineEntry>),
    Blocks { blocks: Vec<BlockEntry> },
}

/// A table cell: its text or its inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum CellEntry {
    Text(String),
    Content(Vec<InlineEntry>),
}

/// Inline content: a string, or a typed object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum InlineEntry {
    Text(String),
    Typed(TypedInline),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TypedInline {
    Emphasis(TextOrContent),
    Strong(TextOrContent),
    Link(LinkEntry),
    Code(CodeEntry),
    Break,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("anyOf" = [{ "required": ["text"] }, { "required": ["content"] }]))]
pub struct LinkEntry {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<InlineEntry>>,
}

/// The JSON Schema of [`FeedDocument`], as committed in `docs/feed-format.schema.json`.
pub fn schema() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(FeedDocument)).expect("a schema is JSON");
    // Rust's integer widths are not JSON Schema formats: validators warn of them.
    strip_integer_formats(&mut schema);
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$id".to_owned(),
            "https://gazette.example/feed-format.schema.json".into(),
        );
        object.insert(
            "description".to_owned(),
            "What Gazette reads, generated from its wire types (feed/src/wire.rs). Gazette itself is more \
             tolerant than this schema (see docs/feed-format.md); a feed that passes it is read without warnings."
                .into(),
        );
    }
    serde_json::to_string_pretty(&schema).expect("a schema is JSON") + "\n"
}

fn strip_integer_formats(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map
                .get("format")
                .and_then(|f| f.as_str())
                .is_some_and(|f| f.starts_with("uint") || f.starts_with("int"))
            {
                map.remove("format");
            }
            map.values_mut().for_each(strip_integer_formats);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_integer_formats),
        _ => {}
    }
}

impl FeedDocument {
    /// A document as serde reads it: strict, all or nothing, its first fault
    /// the error. Tools read feeds Gazette wrote with it; the site reads with
    /// the tolerant reader.
    pub fn from_json(bytes: &[u8]) -> serde_json::Result<FeedDocument> {
        serde_json::from_slice(bytes)
    }

    /// A feed as the reader read it, written back: the stories with their
    /// typed bodies and photos, the topics the site declared. Read again, it
    /// gives the same stories.
    pub fn from_feed(feed: &Feed) -> FeedDocument {
        let site = &feed.site;
        FeedDocument {
            version: "https://jsonfeed.org/version/1.1".to_owned(),
            title: site.title.clone(),
            description: site.tagline.clone(),
            home_page_url: site.home_page_url.clone(),
            feed_url: site.feed_url.clone(),
            language: site.language.clone(),
            icon: site.icon.clone(),
            favicon: site.favicon.clone(),
            authors: site.authors.iter().map(AuthorEntry::from).collect(),
            author: None,
            next_url: feed.next_url.clone(),
            gazette: (site.topics_declared || !site.editions.is_empty() || !site.players.is_empty()).then(|| {
                FeedExtension {
                    topics: if site.topics_declared {
                        site.topics.iter().map(TopicEntry::from).collect()
                    } else {
                        Vec::new()
                    },
                    editions: site.editions.iter().map(EditionEntry::from).collect(),
                    players: site
                        .players
                        .iter()
                        .filter_map(|p| match p.as_str() {
                            "youtube" => Some(PlayerEntry::Youtube),
                            "vimeo" => Some(PlayerEntry::Vimeo),
                            _ => None,
                        })
                        .collect(),
                    ..FeedExtension::default()
                }
            }),
            items: feed.articles.iter().map(|a| ItemEntry::from_article(a, site)).collect(),
        }
    }
}

impl From<&Edition> for EditionEntry {
    fn from(edition: &Edition) -> EditionEntry {
        EditionEntry {
            lang: edition.language.clone(),
            name: edition.name.clone(),
            prefix: edition.prefix.clone(),
            dir: Some(if edition.direction == "rtl" {
                Direction::Rtl
            } else {
                Direction::Ltr
            }),
        }
    }
}

impl From<&Topic> for TopicEntry {
    fn from(topic: &Topic) -> TopicEntry {
        TopicEntry {
            slug: topic.slug.clone(),
            name: topic.name.clone(),
            description: topic.description.clone(),
            count: topic.story_count,
        }
    }
}

impl From<&Author> for AuthorEntry {
    fn from(author: &Author) -> AuthorEntry {
        AuthorEntry {
            name: author.name.clone(),
            url: author.url.clone(),
            avatar: author.avatar.clone(),
        }
    }
}

impl From<&Image> for ImageEntry {
    fn from(image: &Image) -> ImageEntry {
        ImageEntry {
            url: image.url.clone(),
            alt: Some(image.alt.clone()).filter(|a| !a.is_empty()),
            caption: image.caption.clone(),
            credit: image.credit.clone(),
            width: image.width,
            height: image.height,
            srcset: image
                .variants
                .iter()
                .map(|v| VariantEntry {
                    url: v.url.clone(),
                    width: v.width,
                    mime_type: v.mime_type.clone(),
                })
                .collect(),
        }
    }
}

impl ItemEntry {
    fn from_article(article: &Article, site: &Site) -> ItemEntry {
        // A story's tags say which topics it is in (a site that declares its
        // topics also names the first); an empty body is written as empty
        // text, which is content all the same.
        let body = (!article.body.is_empty()).then(|| article.body.iter().map(BlockEntry::from).collect());
        ItemEntry {
            id: Id::Text(article.id.clone()),
            url: article.url.clone(),
            external_url: article.external_url.clone(),
            title: Some(article.title.clone()),
            content_html: None,
            content_text: article.body.is_empty().then(String::new),
            summary: article.summary.clone(),
            image: article.card_image().map(|i| i.url.clone()),
            banner_image: None,
            date_published: article.published.map(|d| d.to_string()),
            date_modified: article.modified.map(|d| d.to_string()),
            authors: article.authors.iter().map(AuthorEntry::from).collect(),
            author: None,
            tags: article.tags.clone(),
            language: article.language.clone(),
            attachments: Vec::new(),
            gazette: Some(ItemExtension {
                slug: Some(article.slug.clone()),
                topic: if site.topics_declared {
                    article.topic().map(str::to_owned)
                } else {
                    None
                },
                views: article.views,
                credits: article
                    .credits
                    .iter()
                    .map(|c: &Credit| CreditEntry {
                        role: c.role.clone(),
                        name: c.name.clone(),
                    })
                    .collect(),
                body,
                gallery: article.gallery().iter().map(ImageEntry::from).collect(),
                corrections: article
                    .corrections
                    .iter()
                    .map(|c| CorrectionEntry {
                        date: c.date.map(|d| d.to_string()),
                        text: c.text.clone(),
                    })
                    .collect(),
                translations: article
                    .translations
                    .iter()
                    .map(|t| TranslationEntry {
                        lang: t.language.clone(),
                        id: t.id.clone(),
                        url: t.url.clone(),
                    })
                    .collect(),
                neighbours: article.neighbours.as_ref().map(|n| NeighboursEntry {
                    newer: n.newer.as_ref().map(StoryLinkEntry::from),
                    older: n.older.as_ref().map(StoryLinkEntry::from),
                }),
            }),
        }
    }
}

impl From<&StoryLink> for StoryLinkEntry {
    fn from(link: &StoryLink) -> Self {
        StoryLinkEntry {
            slug: link.slug.clone(),
            title: link.title.clone(),
        }
    }
}

fn inline_entries(inlines: &[Inline]) -> Vec<InlineEntry> {
    inlines.iter().map(InlineEntry::from).collect()
}

fn content(inlines: &[Inline]) -> TextOrContent {
    TextOrContent {
        text: None,
        content: Some(inline_entries(inlines)),
    }
}

fn cell(inlines: &[Inline]) -> CellEntry {
    CellEntry::Content(inline_entries(inlines))
}

fn text_of(inlines: &[Inline]) -> String {
    let mut text = String::new();
    crate::model::push_inline_text(inlines, &mut text);
    text
}

impl From<&Block> for BlockEntry {
    fn from(block: &Block) -> BlockEntry {
        match block {
            Block::Paragraph(inlines) => BlockEntry::Paragraph(content(inlines)),
            Block::Heading {
                level,
                content: inlines,
                anchor,
            } => BlockEntry::Heading(HeadingEntry {
                text: None,
                content: Some(inline_entries(inlines)),
                level: Some(*level),
                id: anchor.clone(),
            }),
            Block::Photo { image, .. } => BlockEntry::Image(ImageEntry::from(image)),
            Block::Quote { blocks, cite } => BlockEntry::Quote(QuoteEntry {
                blocks: Some(blocks.iter().map(BlockEntry::from).collect()),
                cite: cite.clone(),
                ..QuoteEntry::default()
            }),
            Block::List { ordered, start, items } => BlockEntry::List(ListEntry {
                items: items
                    .iter()
                    .map(|item| ListItemEntry::Blocks {
                        blocks: item.iter().map(BlockEntry::from).collect(),
                    })
                    .collect(),
                ordered: *ordered,
                start: *start,
            }),
            Block::Table(table) => BlockEntry::Table(TableEntry {
                // A row heading stands first in its row, as `row_headings` says.
                row_headings: table
                    .rows
                    .iter()
                    .any(|row| row.first().is_some_and(|c: &Cell| c.header)),
                rows: table
                    .rows
                    .iter()
                    .map(|row| row.iter().map(|c| cell(&c.content)).collect())
                    .collect(),
                head: table.head.iter().map(|c| cell(c)).collect(),
                caption: Some(text_of(&table.caption)).filter(|c| !c.is_empty()),
            }),
            Block::Code(text) => BlockEntry::Code(CodeEntry { text: text.clone() }),
            Block::Embed(embed) => BlockEntry::Embed(EmbedEntry {
                url: embed.url.clone(),
                title: embed.title.clone(),
                provider: Some(embed.provider.clone()),
                thumbnail: embed.thumbnail.clone(),
                width: embed.width,
                height: embed.height,
            }),
            Block::Media(media) => {
                let entry = MediaEntry {
                    url: media.url.clone(),
                    mime_type: media.mime_type.clone(),
                    title: media.title.clone(),
                    poster: media.poster.clone(),
                    duration_in_seconds: media.duration_seconds,
                    size_in_bytes: media.size_bytes,
                };
                match media.kind {
                    crate::model::MediaKind::Audio => BlockEntry::Audio(entry),
                    crate::model::MediaKind::Video => BlockEntry::Video(entry),
                }
            }
            Block::Graphic(graphic) => BlockEntry::Graphic(GraphicEntry {
                svg: graphic.svg.clone(),
                title: Some(graphic.label.clone()).filter(|l| !l.is_empty()),
            }),
        }
    }
}

impl From<&Inline> for InlineEntry {
    fn from(inline: &Inline) -> InlineEntry {
        let typed = match inline {
            Inline::Text(text) => return InlineEntry::Text(text.clone()),
            Inline::Emphasis(inner) => TypedInline::Emphasis(content(inner)),
            Inline::Strong(inner) => TypedInline::Strong(content(inner)),
            Inline::Link { url, content: inner } => TypedInline::Link(LinkEntry {
                url: url.clone(),
                text: None,
                content: Some(inline_entries(inner)),
            }),
            Inline::Code(text) => TypedInline::Code(CodeEntry { text: text.clone() }),
            Inline::LineBreak => TypedInline::Break,
        };
        InlineEntry::Typed(typed)
    }
}

#[cfg(all(test, feature = "html5ever"))]
mod tests {
    use super::*;
    use crate::read_feed;

    /// Written through the wire types and read again: the same stories.
    fn assert_round_trip(name: &str, bytes: &[u8]) {
        let Ok(feed) = read_feed(bytes, "https://example.org/feed.json") else {
            return;
        };
        let written = serde_json::to_string(&FeedDocument::from_feed(&feed)).expect("the wire types serialize");
        let again = read_feed(written.as_bytes(), "https://example.org/feed.json")
            .unwrap_or_else(|e| panic!("{name}: the written feed is refused: {e}"));
        assert_eq!(again.site.title, feed.site.title, "{name}");
        assert_eq!(again.site.topics, feed.site.topics, "{name}");
        assert_eq!(again.articles.len(), feed.articles.len(), "{name}");
        for (read, back) in feed.articles.iter().zip(&again.articles) {
            assert_eq!(back, read, "{name}: {} does not survive the wire types", read.slug);
        }
        // And serde reads what it wrote.
        let parsed: FeedDocument = serde_json::from_str(&written).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parsed, FeedDocument::from_feed(&feed), "{name}");
    }

    #[test]
    fn the_sample_feed_survives_the_wire_types() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/feed.json")).unwrap();
        assert_round_trip("public/feed.json", &bytes);
        // serde reads the sample as it is, too.
        let sample: FeedDocument = serde_json::from_slice(&bytes).expect("the sample is a FeedDocument");
        assert_eq!(sample.items.len(), 24);
    }

    #[test]
    fn every_corpus_feed_survives_the_wire_types() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/jsonfeed");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "SKIPPED: {} is absent (the shared corpora are not beside this clone)",
                dir.display()
            );
            return;
        };
        let mut feeds = 0;
        for path in entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert_round_trip(&name, &std::fs::read(&path).unwrap());
            feeds += 1;
        }
        assert_eq!(feeds, 30);
    }

    #[test]
    fn the_nested_markdown_fixture_survives_the_wire_types() {
        let html = include_str!("../../tests/fixtures/nested-markdown.html");
        let feed = format!(
            r#"{{"version": "1.1", "title": "T", "items": [{{"id": "a", "title": "A", "content_html": {}}}]}}"#,
            serde_json::to_string(html).unwrap()
        );
        assert_round_trip("nested-markdown.html", feed.as_bytes());
    }

    /// The committed schema is the one these types make: `make schema` (or
    /// `GAZETTE_WRITE_SCHEMA=1 cargo test -p gazette-feed schema`) rewrites it.
    #[test]
    fn the_committed_schema_is_made_from_the_wire_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/feed-format.schema.json");
        let made = schema();
        if std::env::var_os("GAZETTE_WRITE_SCHEMA").is_some() {
            std::fs::write(&path, &made).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap();
        assert!(
            committed == made,
            "docs/feed-format.schema.json is stale: run `make schema` and commit it"
        );
    }
}
