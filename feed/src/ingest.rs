//! Ingest: a story as the reader found it in the feed becomes the story the
//! pages show, with everything they need derived once, here: the body as
//! typed blocks (`content_html` through the platform's HTML5 parser and the
//! allowlist), the photos numbered and each shown once, the card photo,
//! the headline and slug where the feed gives none, reading time and the
//! text that search reads. The prerenderer and the browser run this same
//! code, so a prerendered page and the page the app draws cannot differ.

use super::date::Timestamp;
use super::html::HtmlParser;
use super::model::*;
use super::text::{excerpt, slugify};

/// A story as read from the feed: typed and checked, not yet ingested.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub id: String,
    /// `_gazette.slug`, when the feed gives one.
    pub slug: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub external_url: Option<String>,
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    pub authors: Vec<Author>,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub views: Option<u64>,
    pub credits: Vec<Credit>,
    pub translations: Vec<Translation>,
    pub corrections: Vec<Correction>,
    pub content: Content,
    pub gallery: Vec<Image>,
    /// JSON Feed `image`: the photo for cards, by URL.
    pub image: Option<String>,
    pub banner_image: Option<String>,
    /// The URLs of attachments whose type is an image.
    pub image_attachments: Vec<String>,
    /// Attachments that are audio or video: played after the body.
    pub media_attachments: Vec<Media>,
    /// `_gazette.neighbours`: the story's place in a paged archive.
    pub neighbours: Option<Neighbours>,
}

/// The story's text as the feed gave it.
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

/// The story ready to show. `base` resolves the HTML's relative URLs.
pub fn article(item: Item, parser: &dyn HtmlParser, base: &str) -> Article {
    let mut body = match item.content {
        Content::Blocks(blocks) => blocks,
        Content::Html(html) => parser.story_blocks(&html, base),
    };
    // An episode's or a newscast's file plays at the end of its story,
    // unless the body plays it already.
    for media in item.media_attachments {
        let played = body.iter().any(|b| matches!(b, Block::Media(m) if m.url == media.url));
        if !played {
            body.push(Block::Media(media));
        }
    }
    let mut photos = Vec::new();
    number_photos(&mut body, &mut photos);
    let body_photos = photos.len();
    for image in item.gallery {
        if find_photo(&photos, &image.url).is_none() {
            photos.push(image);
        }
    }
    let named = item
        .image
        .iter()
        .chain(&item.banner_image)
        .chain(&item.image_attachments);
    for url in named {
        if find_photo(&photos, url).is_none() {
            photos.push(Image {
                url: url.clone(),
                ..Image::default()
            });
        }
    }
    let card_photo = match &item.image {
        Some(url) => find_photo(&photos, url),
        None => (!photos.is_empty()).then_some(0),
    };
    let mut text = String::new();
    push_blocks_text(&body, &mut text);
    let mut authors = item.authors;
    for author in &mut authors {
        author.slug = author.name.as_deref().map(slugify).filter(|s| !s.is_empty());
    }
    let mut credits = item.credits;
    for credit in &mut credits {
        credit.slug = slugify(&credit.name);
    }
    // A summary that is only the story's own opening (a CMS's excerpt, or
    // the whole text again) is not a standfirst: it would say it twice.
    let summary = item.summary.filter(|summary| !opens(&text, summary));
    let title = item
        .title
        .unwrap_or_else(|| derived_title(summary.as_deref().unwrap_or(&text)));
    let mut article = Article {
        id: item.id,
        slug: String::new(),
        title,
        summary,
        url: item.url,
        external_url: item.external_url,
        published: item.published,
        modified: item.modified,
        authors,
        topics: item.topics,
        tags: item.tags,
        language: item.language,
        views: item.views,
        credits,
        translations: item.translations,
        corrections: item.corrections,
        body,
        photos,
        body_photos,
        card_photo,
        reading_minutes: reading_minutes(&text),
        text,
        neighbours: item.neighbours,
    };
    article.slug = item.slug.unwrap_or_else(|| derived_slug(&article));
    article
}

/// Gives each photo block its number, adding its photo to `photos` unless
/// an earlier block shows the same one.
fn number_photos(blocks: &mut [Block], photos: &mut Vec<Image>) {
    for block in blocks {
        match block {
            Block::Photo { image, number } => {
                *number = find_photo(photos, &image.url).unwrap_or_else(|| {
                    photos.push(image.clone());
                    photos.len() - 1
                });
            }
            Block::Quote { blocks, .. } => number_photos(blocks, photos),
            Block::List { items, .. } => {
                for item in items {
                    number_photos(item, photos);
                }
            }
            _ => {}
        }
    }
}

/// The photo that `url` names: its own URL or one of its other widths.
fn find_photo(photos: &[Image], url: &str) -> Option<usize> {
    photos
        .iter()
        .position(|p| p.url == url || p.variants.iter().any(|v| v.url == url))
}

/// Minutes to read at 230 words a minute, at least one. Chinese and
/// Japanese text has no spaces, so its characters count at 500 a minute.
/// Whether `summary` is how `text` begins, spaces aside (a CMS may join
/// paragraphs with none) and an excerpt's closing ellipsis left out.
fn opens(text: &str, summary: &str) -> bool {
    let summary = summary.trim_end().trim_end_matches(['…', '.', ' ', '[', ']', '\u{a0}']);
    let mut words = text.chars().filter(|c| !c.is_whitespace());
    let mut any = false;
    for c in summary.chars().filter(|c| !c.is_whitespace()) {
        any = true;
        if words.next() != Some(c) {
            return false;
        }
    }
    any
}

pub fn reading_minutes(text: &str) -> u32 {
    let words = text.split_whitespace().count() as u32;
    let cjk = text.chars().filter(|&c| super::search::is_cjk(c)).count() as u32;
    (words * 60 / 230 + cjk * 60 / 500).div_ceil(60).max(1)
}

/// A headline for a story without a title (micro-blog posts have none).
fn derived_title(text: &str) -> String {
    let title = excerpt(text, 90);
    if title.is_empty() {
        "Untitled story".to_owned()
    } else {
        title
    }
}

/// From the last segment of the story's URL, else its title, else its id.
fn derived_slug(article: &Article) -> String {
    let from_url = article.url.as_deref().and_then(|url| {
        let path = url.split(['?', '#']).next()?;
        let path = path
            .split_once("://")
            .map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
        // Addresses carry their letters percent-encoded: `C%2B%2B%E9%9D%A2`.
        let segment = super::url::percent_decode(path.trim_end_matches('/').rsplit('/').next()?);
        let stem = segment.rsplit_once('.').map_or(
            segment.as_str(),
            |(stem, ext)| if ext.len() <= 5 { stem } else { &segment },
        );
        let slug = slugify(stem);
        // Numbers and "index" say nothing; a title makes a better URL.
        (!slug.is_empty() && slug != "index" && !slug.chars().all(|c| c.is_ascii_digit())).then_some(slug)
    });
    from_url
        .or_else(|| Some(slugify(&article.title)).filter(|s| !s.is_empty() && article.title != "Untitled story"))
        .or_else(|| Some(slugify(&article.id)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "story".to_owned())
}

#[cfg(all(test, feature = "html5ever"))]
mod tests {
    use super::*;
    use crate::html5::Html5ever;

    fn ingest(item: Item) -> Article {
        article(item, &Html5ever, "/feed.json")
    }

    fn photo(url: &str) -> Image {
        Image {
            url: url.to_owned(),
            ..Image::default()
        }
    }

    fn photo_urls(article: &Article) -> Vec<&str> {
        article.photos.iter().map(|p| p.url.as_str()).collect()
    }

    #[test]
    fn photos_are_numbered_once_body_then_gallery_then_the_feeds_own() {
        let article = ingest(Item {
            id: "a".into(),
            content: Content::Html(
                r#"<p>One</p><img src="1.jpg"><ul><li>In a list <img src="2.jpg"></li></ul><p><img src="1.jpg"></p>"#
                    .into(),
            ),
            gallery: vec![photo("/3.jpg"), photo("/1.jpg")],
            image: Some("/2.jpg".into()),
            banner_image: Some("/4.jpg".into()),
            image_attachments: vec!["/3.jpg".into(), "/5.jpg".into()],
            ..Item::default()
        });
        assert_eq!(photo_urls(&article), ["/1.jpg", "/2.jpg", "/3.jpg", "/4.jpg", "/5.jpg"]);
        assert_eq!(article.body_photos, 2);
        assert_eq!(article.gallery().len(), 3);
        assert_eq!(article.card_photo, Some(1), "the feed's image is the card photo");
        let numbers: Vec<usize> = article
            .body
            .iter()
            .flat_map(|b| match b {
                Block::Photo { number, .. } => vec![*number],
                Block::List { items, .. } => items
                    .iter()
                    .flatten()
                    .filter_map(|b| match b {
                        Block::Photo { number, .. } => Some(*number),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            })
            .collect();
        assert_eq!(numbers, [0, 1, 0], "a photo shown twice keeps its one number");
    }

    #[test]
    fn the_feeds_image_is_found_among_a_photos_other_widths() {
        let mut body_photo = photo("/a-800.jpg");
        body_photo.variants = vec![
            ImageVariant {
                url: "/a-400.jpg".into(),
                width: 400,
                mime_type: None,
            },
            ImageVariant {
                url: "/a-1600.jpg".into(),
                width: 1600,
                mime_type: None,
            },
        ];
        let article = ingest(Item {
            id: "a".into(),
            content: Content::Blocks(vec![Block::Photo {
                image: body_photo,
                number: 0,
            }]),
            image: Some("/a-1600.jpg".into()),
            ..Item::default()
        });
        assert_eq!(
            photo_urls(&article),
            ["/a-800.jpg"],
            "shown once, not again in a gallery"
        );
        assert_eq!(article.card_photo, Some(0));
        assert!(article.gallery().is_empty());
    }

    #[test]
    fn a_summary_that_is_the_story_s_own_opening_is_not_a_standfirst() {
        let body = "<p>The library opens all night.</p><p>Bring your card.</p>";
        let with_summary = |summary: &str| {
            ingest(Item {
                summary: Some(summary.into()),
                content: Content::Html(body.into()),
                ..Item::default()
            })
            .summary
        };
        assert_eq!(with_summary("The library opens all night.Bring your card."), None);
        assert_eq!(with_summary("The library opens all […]"), None);
        assert_eq!(with_summary("The library opens all night…"), None);
        assert_eq!(
            with_summary("Exams start on Monday.").as_deref(),
            Some("Exams start on Monday.")
        );
    }

    #[test]
    fn text_reading_time_title_and_slug_are_derived_once() {
        let article = ingest(Item {
            id: "tag:x,2024:1".into(),
            url: Some("https://blog.example/posts/C%2B%2B%E9%9D%A2%E8%AF%95%E9%A2%98/".into()),
            content: Content::Html(format!("<p>{}</p><ul><li>item</li></ul>", "word ".repeat(459))),
            ..Item::default()
        });
        assert_eq!(
            article.slug, "c-面试题",
            "letters decoded from the address, not hex bytes"
        );
        assert!(article.title.starts_with("word word"));
        assert!(article.text.trim_end().ends_with("item"));
        assert_eq!(article.reading_minutes, 2);
        let chinese = ingest(Item {
            id: "z".into(),
            content: Content::Html(format!("<p>{}</p>", "字".repeat(1000))),
            ..Item::default()
        });
        assert_eq!(chinese.reading_minutes, 2);
        assert!(chinese.slug.starts_with("字字"), "a slug in the headline's own letters");
    }
}
