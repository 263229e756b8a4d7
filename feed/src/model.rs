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
    /// The static layout of a large archive (`_gazette.archive`), if any.
    pub archive: Option<Archive>,
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
}

/// Position of this document in a paged list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    pub number: u32,
    pub total_pages: u32,
    pub total_stories: u64,
}

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
    /// The URL of the photo for cards and link previews (JSON Feed `image`);
    /// without one, the first photo serves. See [`Article::card_image`].
    pub lead_photo: Option<String>,
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    pub authors: Vec<Author>,
    /// The slug of the story's topic.
    pub topic: Option<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub views: Option<u64>,
    pub credits: Vec<Credit>,
    pub content: Content,
    /// Photos beyond those in the body, shown after them.
    pub gallery: Vec<Image>,
}

/// The story's text: typed blocks, or HTML still to be turned into blocks by
/// the platform's inert parser (the browser's `DOMParser`) when it is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Blocks(Vec<Block>),
    Html(String),
}

impl Default for Content {
    fn default() -> Self {
        Content::Blocks(Vec::new())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Heading { level: u8, text: String },
    Image(Image),
    Quote { content: Vec<Inline>, cite: Option<String> },
    List { ordered: bool, items: Vec<Vec<Inline>> },
    Code(String),
}

#[derive(Debug, Clone, PartialEq)]
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
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Other widths of the same photo, for `srcset`.
    pub variants: Vec<ImageVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageVariant {
    pub url: String,
    pub width: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    pub name: Option<String>,
    pub url: Option<String>,
    pub avatar: Option<String>,
}

/// A newsroom credit such as "Draft: XU Ke".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    pub role: String,
    pub name: String,
}

/// Something in the feed that could not be used as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
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
    /// Body photos in order, then the gallery: what the lightbox walks through.
    pub fn photos(&self) -> Vec<&Image> {
        let mut photos: Vec<&Image> = match &self.content {
            Content::Blocks(blocks) => blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Image(image) => Some(image),
                    _ => None,
                })
                .collect(),
            Content::Html(_) => Vec::new(),
        };
        photos.extend(self.gallery.iter());
        photos
    }

    /// The photo for cards and link previews: the one the feed named as its
    /// `image`, else the first photo of the story.
    pub fn card_image(&self) -> Option<&Image> {
        let mut photos = self.photos().into_iter();
        match &self.lead_photo {
            Some(url) => photos.find(|p| &p.url == url),
            None => photos.next(),
        }
    }

    /// The text of the story, for reading time and search.
    pub fn plain_text(&self) -> String {
        match &self.content {
            Content::Blocks(blocks) => {
                let mut out = String::new();
                for block in blocks {
                    block.push_text(&mut out);
                    out.push('\n');
                }
                out
            }
            Content::Html(html) => super::text::html_to_text(html),
        }
    }

    /// Minutes to read at 230 words a minute, at least one. Chinese and
    /// Japanese text has no spaces, so its characters count at 500 a minute.
    pub fn reading_minutes(&self) -> u32 {
        let text = self.plain_text();
        let words = text.split_whitespace().count() as u32;
        let cjk = text.chars().filter(|&c| super::search::is_cjk(c)).count() as u32;
        (words * 60 / 230 + cjk * 60 / 500).div_ceil(60).max(1)
    }
}

impl Block {
    /// The block's words without markup.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        match self {
            Block::Paragraph(content) | Block::Quote { content, .. } => push_inline_text(content, out),
            Block::Heading { text, .. } | Block::Code(text) => out.push_str(text),
            Block::Image(image) => {
                if let Some(caption) = &image.caption {
                    out.push_str(caption);
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    push_inline_text(item, out);
                    out.push('\n');
                }
            }
        }
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

    fn paragraph(text: &str) -> Block {
        Block::Paragraph(vec![Inline::Text(text.to_owned())])
    }

    #[test]
    fn photos_are_body_then_gallery() {
        let photo = |url: &str| Image {
            url: url.to_owned(),
            ..Image::default()
        };
        let article = Article {
            content: Content::Blocks(vec![
                paragraph("a"),
                Block::Image(photo("1.jpg")),
                paragraph("b"),
                Block::Image(photo("2.jpg")),
            ]),
            gallery: vec![photo("3.jpg")],
            ..Article::default()
        };
        let urls: Vec<&str> = article.photos().iter().map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["1.jpg", "2.jpg", "3.jpg"]);
    }

    #[test]
    fn reading_time() {
        let words = "word ".repeat(460);
        let article = Article {
            content: Content::Blocks(vec![paragraph(&words)]),
            ..Article::default()
        };
        assert_eq!(article.reading_minutes(), 2);
        let short = Article {
            content: Content::Blocks(vec![paragraph("hi")]),
            ..Article::default()
        };
        assert_eq!(short.reading_minutes(), 1);
        let chinese = Article {
            content: Content::Blocks(vec![paragraph(&"字".repeat(1000))]),
            ..Article::default()
        };
        assert_eq!(chinese.reading_minutes(), 2);
    }

    #[test]
    fn plain_text_walks_inlines() {
        let article = Article {
            content: Content::Blocks(vec![Block::Paragraph(vec![
                Inline::Text("See ".into()),
                Inline::Link {
                    url: "https://x".into(),
                    content: vec![Inline::Emphasis(vec![Inline::Text("this".into())])],
                },
            ])]),
            ..Article::default()
        };
        assert_eq!(article.plain_text(), "See this\n");
    }
}
