//! `gazette import`: the feed a newsroom's CMS already writes (RSS 0.9x,
//! 1.0 and 2.0, Atom 1.0, JSON Feed 1.0) as a Gazette feed (JSON Feed 1.1).
//!
//! feed-rs reads every format into one model; this module maps that model
//! onto the wire types the site reads. Two things feed-rs gives up are read
//! from the XML itself in one quick-xml pass (the outline below): where each
//! item starts, so that a fault names its line, and each date as written,
//! since feed-rs turns every date into UTC and a newsroom's page should say
//! the time in the newsroom's own zone.

use std::path::Path;
use std::process::ExitCode;

use feed_rs::model::{Entry, MediaObject, Text};
use gazette::feed::text::html_to_text;
use gazette::feed::wire::{AuthorEntry, FeedDocument, Id, ImageEntry, ItemEntry, ItemExtension};
use gazette::feed::Timestamp;
use quick_xml::events::Event;

/// A converted feed and what could not be converted, one line per item
/// left out or value dropped, each naming where it is.
pub struct Imported {
    pub document: FeedDocument,
    pub faults: Vec<String>,
}

pub fn run(input: &Path, out: &Path) -> Result<ExitCode, String> {
    let bytes = std::fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let name = input.display().to_string();
    let imported = convert(&name, &bytes)?;
    for fault in &imported.faults {
        eprintln!("{fault}");
    }
    let mut json = serde_json::to_string_pretty(&imported.document).map_err(|e| e.to_string())?;
    json.push('\n');
    std::fs::write(out, json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "gazette: {name}: {} {} written to {}, {} left out",
        imported.document.items.len(),
        if imported.document.items.len() == 1 {
            "story"
        } else {
            "stories"
        },
        out.display(),
        imported.faults.iter().filter(|f| f.contains(": error: ")).count()
    );
    Ok(if imported.document.items.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Converts the feed in `bytes` (`name` is how faults name it). A document
/// that is not a feed, or is not well-formed, is refused with the line and
/// column of the fault.
pub fn convert(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    let text = String::from_utf8_lossy(bytes);
    let is_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let outline = if is_json {
        None
    } else {
        // Lines and columns count in the text as read; a feed in another
        // encoding than UTF-8 has the same lines, its markup being ASCII.
        Some(outline(&text).map_err(|(position, message)| {
            let (line, column) = line_and_column(&text, position);
            format!("{name}:{line}:{column}: error: {message}")
        })?)
    };
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("{name}:1:1: error: not a feed: {e}"))?;
    // Positions and dates are matched to feed-rs's entries by order, which
    // holds when both saw the same items.
    let outline = outline.filter(|items| items.len() == feed.entries.len());
    let mut faults = Vec::new();
    let mut items = Vec::new();
    for (index, entry) in feed.entries.iter().enumerate() {
        let written = outline.as_ref().map(|items| &items[index]);
        let (line, column) = written.map_or((1, 1), |item| line_and_column(&text, item.start));
        let at = |level: &str, message: &str| format!("{name}:{line}:{column}: {level}: items[{index}]: {message}");
        match item(entry, written, feed.language.as_deref()) {
            Ok((item, notes)) => {
                faults.extend(notes.iter().map(|note| at("warning", note)));
                items.push(item);
            }
            Err(why) => faults.push(at("error", &format!("{why}; left out"))),
        }
    }
    let home_page_url = feed
        .links
        .iter()
        .find(|link| !matches!(link.rel.as_deref(), Some("self" | "hub" | "next" | "prev")))
        .map(|link| link.href.clone());
    let title = feed
        .title
        .as_ref()
        .map(plain)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            faults.push(format!(
                "{name}:1:1: warning: the feed has no title; it is called by its address"
            ));
            home_page_url.clone().unwrap_or_else(|| "News".to_owned())
        });
    let document = FeedDocument {
        version: "https://jsonfeed.org/version/1.1".to_owned(),
        title,
        description: feed.description.as_ref().map(plain).filter(|d| !d.is_empty()),
        home_page_url,
        feed_url: None,
        language: feed.language.clone(),
        icon: feed.logo.as_ref().or(feed.icon.as_ref()).map(|image| image.uri.clone()),
        favicon: feed.icon.as_ref().map(|image| image.uri.clone()),
        authors: feed.authors.iter().filter_map(author).collect(),
        author: None,
        next_url: None,
        gazette: None,
        items,
    };
    Ok(Imported { document, faults })
}

/// What the XML says of one item that feed-rs does not keep.
#[derive(Debug, Default)]
struct WrittenItem {
    /// The byte offset of its start tag.
    start: usize,
    published: Option<String>,
    modified: Option<String>,
}

/// Every `<item>` and `<entry>` of the document in order, or the byte
/// offset and description of the first fault that makes it not well-formed.
fn outline(text: &str) -> Result<Vec<WrittenItem>, (usize, String)> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut items = Vec::new();
    // The depth of the item being read, and the date field open in it.
    let mut current: Option<(usize, WrittenItem)> = None;
    let mut field: Option<&'static str> = None;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| (reader.error_position() as usize, e.to_string()))?;
        match event {
            Event::Start(start) => {
                let local = start.local_name().into_inner().to_ascii_lowercase();
                open.push((start.name().into_inner().to_owned(), at));
                let depth = open.len();
                match &mut current {
                    None if local == "item" || local == "entry" => {
                        current = Some((
                            depth,
                            WrittenItem {
                                start: at,
                                ..Default::default()
                            },
                        ));
                    }
                    Some((item_depth, _)) if depth == *item_depth + 1 => {
                        field = match local.as_str() {
                            "pubdate" | "published" | "issued" | "date" | "created" => Some("published"),
                            "updated" | "modified" => Some("modified"),
                            _ => None,
                        };
                    }
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let (Some(which), Some((_, item))) = (field, &mut current) {
                    let text = text.trim().to_owned();
                    let slot = if which == "published" {
                        &mut item.published
                    } else {
                        &mut item.modified
                    };
                    if slot.is_none() && !text.is_empty() {
                        *slot = Some(text);
                    }
                }
            }
            Event::End(_) => {
                field = None;
                let depth = open.len();
                open.pop();
                if current.as_ref().is_some_and(|(item_depth, _)| *item_depth == depth) {
                    items.extend(current.take().map(|(_, item)| item));
                }
            }
            Event::Empty(start) => {
                let local = start.local_name().into_inner().to_ascii_lowercase();
                if current.is_none() && (local == "item" || local == "entry") {
                    items.push(WrittenItem {
                        start: at,
                        ..Default::default()
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let lower = text.to_ascii_lowercase();
    match open.last() {
        Some((name, start)) => Err((
            text.len(),
            format!(
                "the document ends inside <{name}>, opened at line {}; the feed is cut off",
                line_and_column(text, *start).0
            ),
        )),
        None if items.is_empty() && !["<rss", "<feed", "<rdf"].iter().any(|root| lower.contains(root)) => Err((
            0,
            "no <rss>, <feed> or <rdf:RDF> element: this is not an RSS or Atom feed".to_owned(),
        )),
        None => Ok(items),
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// One story, with notes on what of it was dropped; or why it cannot be one.
fn item(
    entry: &Entry,
    written: Option<&WrittenItem>,
    feed_language: Option<&str>,
) -> Result<(ItemEntry, Vec<String>), String> {
    let mut notes = Vec::new();
    let title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let (content_html, content_text) = match &entry.content {
        Some(content) if content.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
            let body = content.body.clone();
            if content.content_type.to_string().contains("html") {
                (body, None)
            } else {
                (None, body)
            }
        }
        _ => match &entry.summary {
            Some(summary) if is_html(summary) => (Some(summary.content.clone()), None),
            Some(summary) => (None, Some(summary.content.clone())),
            None => (None, None),
        },
    };
    // The summary is the standfirst only beside a body of its own.
    let summary = entry
        .content
        .as_ref()
        .and(entry.summary.as_ref())
        .map(plain)
        .filter(|s| !s.is_empty());
    if title.is_none() && content_html.is_none() && content_text.is_none() {
        return Err("the item has no title, description or content".to_owned());
    }
    let date = |written: Option<&String>,
                parsed: Option<chrono::DateTime<chrono::Utc>>,
                what: &str,
                notes: &mut Vec<String>| {
        match written {
            Some(text) => match Timestamp::parse(text) {
                Some(timestamp) => Some(timestamp.to_string()),
                None => {
                    notes.push(format!("{what} {text:?} is not a date Gazette reads; left out"));
                    None
                }
            },
            None => parsed.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        }
    };
    let date_published = date(
        written.and_then(|w| w.published.as_ref()),
        entry.published,
        "the date",
        &mut notes,
    );
    let date_modified = date(
        written.and_then(|w| w.modified.as_ref()),
        entry.updated,
        "the update date",
        &mut notes,
    )
    .filter(|modified| Some(modified) != date_published.as_ref());
    let url = entry
        .links
        .iter()
        .find(|link| matches!(link.rel.as_deref(), None | Some("alternate")))
        .map(|link| link.href.clone());
    let gallery: Vec<ImageEntry> = entry.media.iter().flat_map(photos).collect();
    let body_photo = content_html.as_deref().and_then(first_photo);
    let image = gallery.first().map(|photo| photo.url.clone()).or(body_photo);
    let mut tags: Vec<String> = Vec::new();
    for category in &entry.categories {
        let name = category.label.as_deref().unwrap_or(&category.term).trim();
        if !name.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            tags.push(name.to_owned());
        }
    }
    let language = entry.language.clone().filter(|l| Some(l.as_str()) != feed_language);
    let item = ItemEntry {
        id: Id::Text(entry.id.clone()),
        url,
        external_url: None,
        title,
        content_html,
        content_text,
        summary,
        image,
        banner_image: None,
        date_published,
        date_modified,
        authors: entry.authors.iter().filter_map(author).collect(),
        author: None,
        tags,
        language,
        attachments: Vec::new(),
        gazette: (!gallery.is_empty()).then(|| ItemExtension {
            gallery,
            ..Default::default()
        }),
    };
    Ok((item, notes))
}

fn is_html(text: &Text) -> bool {
    text.content_type.to_string().contains("html")
}

/// A title or summary as plain text.
fn plain(text: &Text) -> String {
    let content = if is_html(text) || text.content.contains('<') {
        html_to_text(&text.content)
    } else {
        text.content.clone()
    };
    content.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn author(person: &feed_rs::model::Person) -> Option<AuthorEntry> {
    let name = person.name.trim();
    (!name.is_empty()).then(|| AuthorEntry {
        name: Some(name.to_owned()),
        url: person.uri.clone(),
        avatar: None,
    })
}

/// The photos of one `media:group`, `media:content` or enclosure, with the
/// caption and credit Media RSS gives them; a thumbnail stands in for an
/// object that has no image of its own.
fn photos(object: &MediaObject) -> Vec<ImageEntry> {
    let caption = object
        .description
        .as_ref()
        .or(object.title.as_ref())
        .map(plain)
        .filter(|c| !c.is_empty());
    let credit = (!object.credits.is_empty())
        .then(|| {
            object
                .credits
                .iter()
                .map(|c| c.entity.trim())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|c| !c.is_empty());
    let photo = |url: String, width: Option<u32>, height: Option<u32>| ImageEntry {
        url,
        alt: None,
        caption: caption.clone(),
        credit: credit.clone(),
        width: width.filter(|w| *w > 0),
        height: height.filter(|h| *h > 0),
        srcset: Vec::new(),
    };
    let images: Vec<ImageEntry> = object
        .content
        .iter()
        .filter(|content| {
            content.content_type.as_ref().map_or_else(
                || content.url.as_ref().is_some_and(|u| looks_like_photo(u.path())),
                |t| t.to_string().starts_with("image/"),
            )
        })
        .filter_map(|content| Some(photo(content.url.as_ref()?.to_string(), content.width, content.height)))
        .collect();
    if !images.is_empty()
        || object.content.iter().any(|c| {
            c.content_type
                .as_ref()
                .is_some_and(|t| !t.to_string().starts_with("image/"))
        })
    {
        // A podcast's audio keeps its thumbnail as cover art, not as a photo.
        return images;
    }
    object
        .thumbnails
        .iter()
        .take(1)
        .map(|thumbnail| {
            photo(
                thumbnail.image.uri.clone(),
                thumbnail.image.width,
                thumbnail.image.height,
            )
        })
        .collect()
}

fn looks_like_photo(path: &str) -> bool {
    let path = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The address of the first `<img>` in a story's HTML (lol_html, as the
/// HTML arrives: a broken tag later in the body does not matter).
fn first_photo(html: &str) -> Option<String> {
    let found = std::cell::RefCell::new(None::<String>);
    let handlers = vec![lol_html::element!("img[src]", |el| {
        let mut found = found.borrow_mut();
        if found.is_none() {
            *found = el.get_attribute("src").filter(|src| !src.starts_with("data:"));
        }
        Ok(())
    })];
    crate::shell::rewrite(html, handlers).ok()?;
    found.into_inner()
}

#[cfg(test)]
mod tests;
