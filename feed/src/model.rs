//! The typed model every page works from. The reader builds it once from a
//! feed; nothing past the reader sees JSON. Every URL in it has passed the
//! URL policy and every string is plain text.

use super::date::Timestamp;

/// One feed document: the site it describes and the stories it holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feed {
    pub site: Site,
    pub articles: Vec<Article>,
    /// The next, older page of this feed (JSON Feed `next_url`).
    pub next_url: Option<String>,
    /// Where this document sits in a paged list, when it says (`_gazette.page`).
    pub page: Option<PageInfo>,
    /// Stories left out and fields ignored, each with where and why.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Site {
    pub title: String,
    /// The feed's `description`, shown as the tagline under the title.
    pub tagline: Option<String>,
    pub home_page_url: Option<String>,
    pub feed_url: Option<String>,
    /// A BCP 47 tag such as `en` or `zh-CN`.
    pub language: Option<String>,
    pub icon: Option<String>,
    pub favicon: Option<String>,
    pub authors: Vec<Author>,
    /// In display order.
    pub topics: Vec<Topic>,
    /// Whether the feed declares its topics (`_gazette.topics`), and so
    /// their order; else they are made from tags, in order of first use.
    pub topics_declared: bool,
    /// The static layout of a large archive (`_gazette.archive`), if any.
    pub archive: Option<Archive>,
    /// The site's editions (`_gazette.editions`): one per language, the
    /// default first; empty for a site in one language.
    pub editions: Vec<Edition>,
    /// The providers whose players the site allows (`_gazette.players`,
    /// keys of [`crate::embed::PLAYERS`]).
    pub players: Vec<String>,
}

/// One edition of a site: its stories in one language, under its own path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// A BCP 47 tag: `en`, `zh-Hans`, `ar`.
    pub language: String,
    /// Its name in its own language: "English", "中文", "العربية".
    pub name: String,
    /// Below the site's base: empty for the default edition, else `zh/`.
    pub prefix: String,
    /// `rtl` or `ltr`.
    pub direction: String,
}

/// A correction to a story: when it was made, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub date: Option<Timestamp>,
    pub text: String,
}

/// Another edition's version of a story, by the story's `id` or its URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub language: String,
    pub id: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    /// How many stories the whole archive holds in this topic, when known.
    pub story_count: Option<u64>,
}

/// Where a paged archive keeps its parts, so a page fetches only what it shows.
/// Each template holds `{slug}`, `{topic}` or `{page}` placeholders and is
/// resolved against the feed's own address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    pub total_stories: u64,
    /// One JSON Feed per story, e.g. `articles/{slug}.json`.
    pub article_url: String,
    /// One JSON Feed per page of a topic, e.g. `topics/{topic}/page-{page}.json`.
    pub topic_page_url: String,
    /// Stories per topic page.
    pub topic_page_size: u32,
    /// The newest stories of every topic, for the front page's sections.
    pub sections_url: Option<String>,
    /// A Pagefind index of every story (the folder holding `pagefind.js`),
    /// so that search covers the archive without downloading it.
    pub search_url: Option<String>,
    /// One JSON Feed per page of a person's stories, e.g. `people/{person}/page-{page}.json`.
    pub person_page_url: Option<String>,
    /// The stories read most across the archive, most first.
    pub most_read: Vec<RankedStory>,
}

/// Position of this document in a paged list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    pub number: u32,
    pub total_pages: u32,
    pub total_stories: u64,
}

/// A story ready to be shown: what the feed said, and everything the pages
/// need derived from it once, by [`crate::ingest`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// The feed's `id`: unique and stable.
    pub id: String,
    /// The URL segment of `/articles/{slug}`.
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    /// The story's own page on the publisher's site.
    pub url: Option<String>,
    /// The page a link post points at.
    pub external_url: Option<String>,
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    pub authors: Vec<Author>,
    /// The slugs of every topic the story is in; the first is its kicker.
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub views: Option<u64>,
    pub credits: Vec<Credit>,
    /// The same story in other editions.
    pub translations: Vec<Translation>,
    /// What was put right since it was published, in the feed's order.
    pub corrections: Vec<Correction>,
    /// The story's text as typed blocks, whatever form the feed gave it in.
    pub body: Vec<Block>,
    /// Every photo of the story, each once and numbered by its place here:
    /// the body's in reading order, then the gallery's, then the feed's
    /// `image`, `banner_image` and image attachments that neither shows.
    pub photos: Vec<Image>,
    /// How many of `photos` stand in the body; the rest make its gallery.
    pub body_photos: usize,
    /// The photo for cards and link previews, by its number: the one the
    /// feed named as its `image`, else the first.
    pub card_photo: Option<usize>,
    /// Minutes to read, at least one.
    pub reading_minutes: u32,
    /// The body's words without markup, for search and excerpts.
    pub text: String,
    /// The next newer and older story of the whole archive, when the feed
    /// is a page of one and says (`_gazette.neighbours`); else they are the
    /// stories beside it in the feed.
    pub neighbours: Option<Neighbours>,
}

/// A story's neighbours in the archive, newest first; `None` at either end.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Neighbours {
    pub newer: Option<StoryLink>,
    pub older: Option<StoryLink>,
}

/// A story named by another: its address and headline.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryLink {
    pub slug: String,
    pub title: String,
}

/// One block of a story's body. Lists and quotes hold blocks of their own,
/// as real feeds nest them (Markdown writes lists inside list items and
/// quotes inside lists).
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Heading {
        level: u8,
        content: Vec<Inline>,
        /// The story's id for it, which its own links (`#methods`) name.
        anchor: Option<String>,
    },
    /// A photo and its place among the story's photos (see
    /// [`Article::photos`]); the reader leaves `number` at 0, ingest sets it.
    Photo {
        image: Image,
        number: usize,
    },
    Quote {
        blocks: Vec<Block>,
        cite: Option<String>,
    },
    List {
        ordered: bool,
        /// The number of the first item of an ordered list, when not 1.
        start: Option<u32>,
        items: Vec<Vec<Block>>,
    },
    Table(Table),
    Code(String),
    /// A player or a document of another site (a YouTube video, a Spotify
    /// episode, a form): shown as a facade that links to it; nothing of the
    /// other site is loaded before the reader asks.
    Embed(Embed),
    /// Audio or video the page plays itself, in the browser's own controls.
    Media(Media),
    /// An inline `<svg>` chart or diagram, through the SVG allowlist.
    Graphic(Graphic),
}

/// A graphic the story drew in SVG, kept through [`crate::svg`]'s allowlist
/// and shown as an image of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graphic {
    /// The allowlisted SVG document (`<svg xmlns=…>…</svg>`).
    pub svg: String,
    /// Its accessible name: its `<title>`, else the words it draws.
    pub label: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// What an embedded player or document is, read from its `<iframe>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// The item's own page at the provider (the video's, not the player's).
    pub url: String,
    /// Who has it: "YouTube", "Vimeo", "Spotify", else the host's name.
    pub provider: String,
    pub title: Option<String>,
    /// The provider's still of it, where it has a known one.
    pub thumbnail: Option<String>,
    /// The player's declared size, for its shape.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The provider's privacy-enhanced player, which activating the facade
    /// loads in its place: only for a provider the site allows
    /// (`_gazette.players`), else `None` and the facade stays a link.
    pub player: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Audio,
    Video,
}

/// An audio or video file: an enclosure, an attachment, an `<audio>` or
/// `<video>` in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub kind: MediaKind,
    pub url: String,
    pub mime_type: Option<String>,
    /// A video's still before it plays.
    pub poster: Option<String>,
    pub title: Option<String>,
    pub duration_seconds: Option<u64>,
    pub size_bytes: Option<u64>,
}

/// A simple data table: an optional header row, then rows of cells whose
/// content is inline text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: Vec<Inline>,
    /// The column headings; empty when the table has none.
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// A heading for its row (`<th>` outside the header row).
    pub header: bool,
    pub content: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link { url: String, content: Vec<Inline> },
    Code(String),
    LineBreak,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Image {
    pub url: String,
    /// Empty when the feed gave none and no caption can stand in.
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The caption and the credit as inline content, when they hold links
    /// (a photographer's page, a licence); empty when their text says all.
    pub caption_content: Vec<Inline>,
    pub credit_content: Vec<Inline>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Other widths of the same photo, for `srcset`.
    pub variants: Vec<ImageVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageVariant {
    pub url: String,
    pub width: u32,
    /// A format not every browser reads (`image/webp`), offered in a
    /// `<source>` of its own; `None` for the photo's own format.
    pub mime_type: Option<String>,
}

impl ImageVariant {
    /// Puts `variants` narrowest first, as `srcset` lists them. One
    /// function for every reader, so the wasm carries one copy of the sort.
    #[inline(never)]
    pub fn sort_by_width(variants: &mut [ImageVariant]) {
        variants.sort_by_key(|v| v.width);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    pub name: Option<String>,
    pub url: Option<String>,
    pub avatar: Option<String>,
    /// Their page's segment, `/people/{slug}`, made from the name by
    /// ingest; `None` for an author known only by a URL.
    pub slug: Option<String>,
}

/// A newsroom credit such as "Draft: XU Ke".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Credit {
    pub role: String,
    pub name: String,
    /// Their page's segment, `/people/{slug}`, made from the name by ingest
    /// (empty for a name with no letters or digits, which gets no page).
    pub slug: String,
}

/// Someone named in a byline or a credit, with the stories they are in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub slug: String,
    pub name: String,
    /// Their own page, from the feed's author object.
    pub url: Option<String>,
    pub avatar: Option<String>,
}

/// A story among the most read, as a paged archive lists them
/// (`_gazette.archive.most_read`) so that no page reads every story to rank them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedStory {
    pub slug: String,
    pub title: String,
    pub views: u64,
}

/// What kind of fault a [`Problem`] is, so that a reader can be told how
/// many stories were left out for which reason without reading messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A story, author, photo or block that is not a JSON object.
    NotAnObject,
    /// A field of the wrong JSON type.
    WrongType,
    /// A story without an id (and without a URL to stand in).
    NoId,
    /// A story without `content_html`, `content_text` or `_gazette.body`.
    NoContent,
    /// A story repeating an earlier one's id.
    RepeatedId,
    /// A date that cannot be read.
    BadDate,
    /// A URL the policy refuses.
    RefusedUrl,
    /// A value that does not hold together: a topic without a name, an
    /// unknown block type, a count that is not a whole number.
    Malformed,
    /// Something the feed leaves unsaid: its version, its title.
    Unstated,
}

/// Something in the feed that could not be used as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// A JSON path such as `items[3].date_published`.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Whether a whole story was left out because of it.
    pub skipped_story: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} (line {}, column {}): {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl Article {
    /// The story's first topic: the one named above its headline.
    pub fn topic(&self) -> Option<&str> {
        self.topics.first().map(String::as_str)
    }

    pub fn in_topic(&self, slug: &str) -> bool {
        self.topics.iter().any(|t| t == slug)
    }

    /// Whether the person `slug` wrote the story or is in its credits.
    pub fn involves(&self, slug: &str) -> bool {
        self.people().any(|person| person == slug)
    }

    /// The people the story names, bylines first, then credits: whose
    /// pages list it. (The rule for the browser's store and the build's
    /// archive layout alike.)
    pub fn people(&self) -> impl Iterator<Item = &str> {
        self.authors
            .iter()
            .filter_map(|a| a.slug.as_deref())
            .chain(self.credits.iter().map(|c| c.slug.as_str()))
            .filter(|slug| !slug.is_empty())
    }

    /// What orders every list of stories, newest first: sorted stably by
    /// it, stories of equal or no date keep the feed's order, the undated
    /// after the dated. (The rule for the browser's store and the build's
    /// archive layout alike.)
    pub fn newest_first(&self) -> std::cmp::Reverse<i64> {
        std::cmp::Reverse(self.published.map_or(i64::MIN, |d| d.unix_seconds()))
    }

    /// The photo for cards and link previews.
    pub fn card_image(&self) -> Option<&Image> {
        self.photos.get(self.card_photo?)
    }

    /// The photos beyond those in the body, shown after it.
    pub fn gallery(&self) -> &[Image] {
        self.photos.get(self.body_photos..).unwrap_or_default()
    }
}

impl Block {
    /// The block's words without markup.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    pub fn push_text(&self, out: &mut String) {
        match self {
            Block::Paragraph(content) | Block::Heading { content, .. } => push_inline_text(content, out),
            Block::Code(text) => out.push_str(text),
            Block::Embed(Embed { title, .. }) | Block::Media(Media { title, .. }) => {
                if let Some(title) = title {
                    out.push_str(title);
                }
            }
            Block::Graphic(graphic) => out.push_str(&graphic.label),
            Block::Photo { image, .. } => {
                if let Some(caption) = &image.caption {
                    out.push_str(caption);
                }
            }
            Block::Quote { blocks, cite } => {
                push_blocks_text(blocks, out);
                if let Some(cite) = cite {
                    out.push_str(cite);
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    push_blocks_text(item, out);
                }
            }
            Block::Table(table) => {
                push_inline_text(&table.caption, out);
                for cell in &table.head {
                    push_inline_text(cell, out);
                    out.push('\t');
                }
                for row in &table.rows {
                    out.push('\n');
                    for cell in row {
                        push_inline_text(&cell.content, out);
                        out.push('\t');
                    }
                }
            }
        }
    }
}

/// The text of `blocks`, one block a line.
pub fn push_blocks_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        block.push_text(out);
        out.push('\n');
    }
}

pub fn push_inline_text(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { content: inner, .. } => {
                push_inline_text(inner, out)
            }
            Inline::LineBreak => out.push('\n'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_blocks_give_all_their_text() {
        let paragraph = |t: &str| Block::Paragraph(vec![Inline::Text(t.into())]);
        let blocks = vec![Block::List {
            ordered: false,
            start: None,
            items: vec![
                vec![
                    paragraph("one"),
                    Block::List {
                        ordered: true,
                        start: Some(3),
                        items: vec![vec![paragraph("nested")]],
                    },
                ],
                vec![Block::Quote {
                    blocks: vec![paragraph("quoted")],
                    cite: Some("Someone".into()),
                }],
            ],
        }];
        let mut text = String::new();
        push_blocks_text(&blocks, &mut text);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["one", "nested", "quoted", "Someone"]
        );
    }
}
