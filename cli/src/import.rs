//! `gazette import`: the feed a newsroom's CMS already writes (RSS 0.9x,
//! 1.0 and 2.0, Atom 1.0, JSON Feed 1.0 and 1.1) as a Gazette feed (JSON
//! Feed 1.1), whole: every story, with its address, date, byline and photos.
//!
//! An XML feed is decoded first (`decode`: its declared encoding, else UTF-8,
//! else windows-1252, as browsers read it), then read by feed-rs into one
//! model that this module maps onto the wire types the site reads. What
//! feed-rs gives up is read from the XML itself in one quick-xml pass (the
//! outline below): where each item starts, so that a fault names its line;
//! each date as written, since feed-rs turns every date into UTC and a
//! newsroom's page should say the time in the newsroom's own zone; whether a
//! `<guid>` is the story's address; and the `xml:base` of each body. A JSON
//! Feed is read as it is (`json`). Either way, every address is then made
//! absolute against the newsroom's site (`addresses`), never left to resolve
//! against the Gazette site.

mod addresses;
mod dates;
mod decode;
mod json;

use std::path::Path;
use std::process::ExitCode;

use feed_rs::model::{Entry, MediaObject, Text};
use gazette::feed::text::html_to_text;
use gazette::feed::url::is_feed_furniture;
use gazette::feed::wire::{AttachmentEntry, AuthorEntry, FeedDocument, Id, ImageEntry, ItemEntry, ItemExtension};
use gazette::feed::Timestamp;
use quick_xml::events::{BytesStart, Event};

use addresses::Resolver;

/// A converted feed and what could not be converted, one line per item
/// left out or value dropped, each naming where it is.
pub struct Imported {
    pub document: FeedDocument,
    pub faults: Vec<String>,
}

/// What the site owner tells the importer that the feed cannot.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The address the feed was fetched from: the base of addresses the feed
    /// leaves relative when it names no absolute one itself.
    pub base: Option<String>,
    /// Where the Gazette site will live: its canonical links, link previews
    /// and sitemaps are built from it.
    pub site_url: Option<String>,
}

pub fn run(input: &Path, out: &Path, options: &Options) -> Result<ExitCode, String> {
    let bytes = std::fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let name = input.display().to_string();
    let imported = convert_with(&name, &bytes, options)?;
    for fault in &imported.faults {
        crate::report::diagnostic(fault);
    }
    let mut json = serde_json::to_string_pretty(&imported.document).map_err(|e| e.to_string())?;
    json.push('\n');
    // `--out site/feed.json` for a site not made yet: its folder is made, as
    // `cargo new` or `hugo new site` make theirs.
    if let Some(folder) = out.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    std::fs::write(out, json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    crate::report::note(format_args!(
        "{name}: {} {} written to {}, {} left out",
        imported.document.items.len(),
        if imported.document.items.len() == 1 {
            "story"
        } else {
            "stories"
        },
        out.display(),
        imported.faults.iter().filter(|f| f.contains(": error: ")).count()
    ));
    Ok(if imported.document.items.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// [`convert_with`] with nothing told.
#[cfg(test)]
pub fn convert(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    convert_with(name, bytes, &Options::default())
}

/// Converts the feed in `bytes` (`name` is how faults name it). A document
/// that is not a feed, or is not well-formed, is refused with the line and
/// column of the fault.
pub fn convert_with(name: &str, bytes: &[u8], options: &Options) -> Result<Imported, String> {
    let is_json = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        == Some(&b'{');
    let (mut document, mut faults, bases) = if is_json {
        let (document, faults) = json::convert(name, bytes)?;
        let bases = vec![ItemBases::default(); document.items.len()];
        (document, faults, bases)
    } else {
        from_xml(name, bytes)?
    };
    settle_addresses(name, &mut document, &bases, options, &mut faults);
    Ok(Imported { document, faults })
}

/// The `xml:base`s an item's addresses resolve against, nearest first.
#[derive(Debug, Clone, Default)]
struct ItemBases {
    /// The body's own (`<content xml:base>`).
    content: Option<String>,
    /// The item's (`<entry xml:base>`, or inherited from the feed's).
    item: Option<String>,
}

/// Makes every address of the document absolute (see `addresses`), and
/// puts the site where the owner says it will be.
fn settle_addresses(
    name: &str,
    document: &mut FeedDocument,
    bases: &[ItemBases],
    options: &Options,
    faults: &mut Vec<String>,
) {
    let mut resolver = Resolver::default();
    let fetched_from = options.base.as_deref();
    let feed_base = addresses::base(&[
        document.feed_url.as_deref(),
        document.home_page_url.as_deref(),
        fetched_from,
    ])
    .or_else(|| addresses::base(&[fetched_from]));
    resolver.field(&mut document.home_page_url, feed_base.as_deref());
    resolver.field(&mut document.feed_url, feed_base.as_deref());
    resolver.field(&mut document.icon, feed_base.as_deref());
    resolver.field(&mut document.favicon, feed_base.as_deref());
    for (item, bases) in document
        .items
        .iter_mut()
        .zip(bases.iter().chain(std::iter::repeat(&ItemBases::default())))
    {
        let item_base = addresses::base(&[bases.item.as_deref(), feed_base.as_deref()]);
        resolver.field(&mut item.url, item_base.as_deref());
        // The story's own address is the base of what it holds.
        let story_base = addresses::base(&[item.url.as_deref(), item_base.as_deref()]);
        let body_base = addresses::base(&[bases.content.as_deref(), story_base.as_deref()]);
        resolver.field(&mut item.external_url, story_base.as_deref());
        // A photo taken from the body resolves as the body's addresses do.
        let image_base = match (&item.image, &item.content_html) {
            (Some(image), Some(html)) if !addresses::is_absolute(image) && html.contains(image.as_str()) => &body_base,
            _ => &story_base,
        };
        resolver.field(&mut item.image, image_base.as_deref());
        resolver.field(&mut item.banner_image, story_base.as_deref());
        for attachment in &mut item.attachments {
            attachment.url = resolver.absolute(&attachment.url, story_base.as_deref());
        }
        if let Some(extension) = item.gazette.as_mut() {
            for photo in &mut extension.gallery {
                photo.url = resolver.absolute(&photo.url, story_base.as_deref());
            }
        }
        for author in &mut item.authors {
            resolver.field(&mut author.url, story_base.as_deref());
            resolver.field(&mut author.avatar, story_base.as_deref());
        }
        if let Some(html) = &item.content_html {
            item.content_html = Some(resolver.html(html, body_base.as_deref()));
        }
    }
    if resolver.unresolved > 0 {
        faults.push(format!(
            "{name}:1:1: warning: the feed names no absolute address to resolve its {} relative {} against; they stay relative, and would lead into the Gazette site: give the address the feed was fetched from (gazette import FEED --base URL)",
            resolver.unresolved,
            if resolver.unresolved == 1 { "address" } else { "addresses" }
        ));
    }
    match (&options.site_url, &document.home_page_url) {
        (Some(site), _) => {
            let site = if site.ends_with('/') { site.clone() } else { format!("{site}/") };
            document.feed_url = Some(format!("{site}feed.json"));
            document.home_page_url = Some(site);
        }
        (None, Some(home)) => faults.push(format!(
            "{name}:1:1: warning: the site's address is the CMS's ({home}): canonical links, link previews and the sitemap will point there; give the address the Gazette site will have with --site-url URL"
        )),
        (None, None) => faults.push(format!(
            "{name}:1:1: warning: the feed names no home page: the site will have no canonical links, sitemap or RSS feed; give its address with --site-url URL"
        )),
    }
    if options.site_url.is_none() {
        // The CMS's own feed address is not the Gazette feed's.
        document.feed_url = None;
    }
}

/// Reads an XML feed: its document, its faults, and each item's bases.
fn from_xml(name: &str, bytes: &[u8]) -> Result<(FeedDocument, Vec<String>, Vec<ItemBases>), String> {
    let decoded = decode::decode(bytes);
    // Each "LINE:COLUMN: what" of the decoding, as a warning.
    let mut faults: Vec<String> = decoded
        .warnings
        .iter()
        .map(|w| match w.split_once(": ") {
            Some((place, what)) => format!("{name}:{place}: warning: {what}"),
            None => format!("{name}:1:1: warning: {w}"),
        })
        .collect();
    // The decoder keeps every position: lines and columns in `text` are the file's.
    let text = decoded.text;
    let outline = outline(&text).map_err(|(position, message)| {
        let (line, column) = line_and_column(&text, position);
        format!("{name}:{line}:{column}: error: {message}")
    })?;
    let feed = feed_rs::parser::Builder::new()
        .build()
        .parse(text.as_bytes())
        .map_err(|e| format!("{name}:1:1: error: not a feed: {e}"))?;
    // Positions and dates are matched to feed-rs's entries by order, which
    // holds when both saw the same items.
    let items_written = (outline.items.len() == feed.entries.len()).then_some(&outline.items);
    let mut items = Vec::new();
    let mut bases = Vec::new();
    for (index, entry) in feed.entries.iter().enumerate() {
        let written = items_written.map(|items| &items[index]);
        let (line, column) = written.map_or((1, 1), |item| line_and_column(&text, item.start));
        let at = |level: &str, message: &str| format!("{name}:{line}:{column}: {level}: items[{index}]: {message}");
        match item(entry, written, feed.language.as_deref()) {
            Ok((item, notes)) => {
                faults.extend(notes.iter().map(|note| at("warning", note)));
                items.push(item);
                bases.push(ItemBases {
                    content: written.and_then(|w| w.content_base.clone()),
                    item: written.and_then(|w| w.base.clone()).or_else(|| outline.base.clone()),
                });
            }
            Err(why) => faults.push(at("error", &format!("{why}; left out"))),
        }
    }
    // The site's home: its `alternate` link (Blogger also names its feed,
    // `…#feed`), else the first link that is neither the feed nor a page of it.
    let home_page_url = feed
        .links
        .iter()
        .find(|link| matches!(link.rel.as_deref(), None | Some("alternate")) && !link.href.trim().is_empty())
        .or_else(|| {
            feed.links.iter().find(|link| {
                !matches!(link.rel.as_deref(), Some("self" | "hub" | "next" | "prev" | "previous"))
                    && !link.rel.as_deref().is_some_and(|r| r.contains('#'))
            })
        })
        .map(|link| link.href.trim().to_owned())
        .or_else(|| outline.base.clone());
    let feed_url = feed
        .links
        .iter()
        .find(|link| link.rel.as_deref() == Some("self"))
        .map(|link| link.href.trim().to_owned());
    let title = feed
        .title
        .as_ref()
        .map(plain)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            faults.push(format!(
                "{name}:1:1: warning: the feed has no title; it is called by its address"
            ));
            home_page_url
                .as_deref()
                .and_then(gazette::feed::url::host)
                .unwrap_or("News")
                .to_owned()
        });
    let document = FeedDocument {
        version: "https://jsonfeed.org/version/1.1".to_owned(),
        title,
        description: feed.description.as_ref().map(plain).filter(|d| !d.is_empty()),
        home_page_url,
        feed_url,
        language: feed.language.clone(),
        icon: feed.logo.as_ref().or(feed.icon.as_ref()).map(|image| image.uri.clone()),
        favicon: feed.icon.as_ref().map(|image| image.uri.clone()),
        authors: feed.authors.iter().filter_map(author).collect(),
        author: None,
        next_url: None,
        gazette: None,
        items,
    };
    Ok((document, faults, bases))
}

/// What the XML says of one item that feed-rs does not keep.
#[derive(Debug, Default)]
struct WrittenItem {
    /// The byte offset of its start tag.
    start: usize,
    /// The publication date as written, and how much its element is
    /// trusted: `published` and `pubDate` over Atom 0.3's `issued` (often
    /// zoneless beside a `published`) over `dc:date` and `created`.
    published: Option<(u8, String)>,
    modified: Option<String>,
    /// `<itunes:author>`: a podcast's credit for the episode.
    itunes_author: Option<String>,
    /// Media RSS photos wherever they are in the item, as written: feed-rs
    /// misses those nested in a `<link>` (BBC) or under a mistyped
    /// namespace (`https://search.yahoo.com/mrss/`, a WordPress plugin's).
    media_photos: Vec<WrittenPhoto>,
    media_thumbnails: Vec<WrittenPhoto>,
    /// Its `<guid>`, when that is its address: RSS's default, unless
    /// `isPermaLink="false"`, and only an http(s) address.
    permalink: Option<String>,
    /// Its own `xml:base`, and its body's (`<content xml:base>`).
    base: Option<String>,
    content_base: Option<String>,
    /// An Atom `<content type="xhtml">`'s markup as written: the children
    /// of its `<div>` (RFC 4287 §3.1.1.3), escapes kept. feed-rs gives its
    /// text unescaped, so a code sample's `&lt;h1&gt;` would become a heading.
    xhtml_content: Option<String>,
}

/// A photo's address and declared size, from a `media:` element.
#[derive(Debug, Clone)]
struct WrittenPhoto {
    url: String,
    width: Option<u32>,
    height: Option<u32>,
}

impl WrittenItem {
    /// Keeps the photo a `media:content` or `media:thumbnail` element names.
    fn note_media(&mut self, element: &BytesStart) {
        let name = element.name().into_inner().to_ascii_lowercase();
        let (Some(kind), Some(url)) = (name.strip_prefix("media:"), attribute(element, "url")) else {
            return;
        };
        let size = |name| attribute(element, name).and_then(|v| v.trim().parse().ok());
        let photo = WrittenPhoto {
            url: url.trim().to_owned(),
            width: size("width"),
            height: size("height"),
        };
        let is_image = attribute(element, "medium").is_some_and(|m| m == "image")
            || attribute(element, "type").is_some_and(|t| t.starts_with("image/"))
            || looks_like_photo(photo.url.split(['?', '#']).next().unwrap_or(""));
        match kind {
            "content" if is_image => self.media_photos.push(photo),
            "thumbnail" => self.media_thumbnails.push(photo),
            _ => {}
        }
    }
}

/// What the XML says of the feed that feed-rs does not keep.
#[derive(Debug, Default)]
struct Outline {
    items: Vec<WrittenItem>,
    /// The root's or the channel's `xml:base`.
    base: Option<String>,
}

/// Every `<item>` and `<entry>` of the document in order, or the byte
/// offset and description of the first fault that makes it not well-formed.
fn outline(text: &str) -> Result<Outline, (usize, String)> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut outline = Outline::default();
    // The depth of the item being read, and the field open in it.
    let mut current: Option<(usize, WrittenItem)> = None;
    let mut field: Option<Field> = None;
    // An item's `<content type="xhtml">`: its depth and where its markup begins.
    let mut xhtml: Option<(usize, usize)> = None;
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
                let base = attribute(&start, "xml:base");
                if let Some((_, item)) = &mut current {
                    item.note_media(&start);
                }
                match &mut current {
                    None if local == "item" || local == "entry" => {
                        current = Some((
                            depth,
                            WrittenItem {
                                start: at,
                                base,
                                ..Default::default()
                            },
                        ));
                    }
                    None if depth <= 2 && outline.base.is_none() => outline.base = base,
                    Some((item_depth, item)) if depth == *item_depth + 1 => {
                        let qualified = start.name().into_inner().to_ascii_lowercase();
                        field = match local.as_str() {
                            "pubdate" | "published" => Some(Field::Published(0)),
                            "issued" => Some(Field::Published(1)),
                            "date" | "created" => Some(Field::Published(2)),
                            "updated" | "modified" => Some(Field::Modified),
                            "author" if qualified.starts_with("itunes:") => Some(Field::ItunesAuthor),
                            // An Atom entry's id is often its address (and
                            // feedparser takes it for the link when there is none).
                            "id" => Some(Field::Permalink),
                            "guid" => {
                                let permalink = attribute(&start, "ispermalink")
                                    .is_none_or(|v| v.trim().eq_ignore_ascii_case("true"));
                                permalink.then_some(Field::Permalink)
                            }
                            _ => None,
                        };
                        if local == "content"
                            && attribute(&start, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("xhtml"))
                        {
                            xhtml = Some((depth, reader.buffer_position() as usize));
                        }
                        if (local == "content" || local == "encoded") && base.is_some() {
                            item.content_base = base;
                        }
                    }
                    // A date written as HTML (Drupal's `<time datetime>` in `<pubDate>`).
                    Some((_, item)) if local == "time" => {
                        if let (Some(Field::Published(_) | Field::Modified), Some(datetime)) =
                            (field, attribute(&start, "datetime"))
                        {
                            field.unwrap().fill(item, &datetime);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let (Some(which), Some((_, item))) = (field, &mut current) {
                    let text = text.trim().to_owned();
                    which.fill(item, &text);
                }
            }
            Event::CData(data) => {
                if let (Some(which), Some((_, item))) = (field, &mut current) {
                    which.fill(item, data.into_inner().trim());
                }
            }
            Event::End(_) => {
                let depth = open.len();
                open.pop();
                if let (Some((content_depth, from)), Some((_, item))) = (xhtml, &mut current) {
                    if content_depth == depth {
                        item.xhtml_content = xhtml_children(&text[from..at]);
                        xhtml = None;
                    }
                }
                if current.as_ref().is_some_and(|(item_depth, _)| *item_depth + 1 == depth) {
                    field = None;
                }
                if current.as_ref().is_some_and(|(item_depth, _)| *item_depth == depth) {
                    outline.items.extend(current.take().map(|(_, item)| item));
                }
            }
            Event::Empty(start) => {
                let local = start.local_name().into_inner().to_ascii_lowercase();
                if let Some((_, item)) = &mut current {
                    item.note_media(&start);
                }
                if current.is_none() && (local == "item" || local == "entry") {
                    outline.items.push(WrittenItem {
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
        None if outline.items.is_empty() && !["<rss", "<feed", "<rdf"].iter().any(|root| lower.contains(root)) => {
            Err((
                0,
                "no <rss>, <feed> or <rdf:RDF> element: this is not an RSS or Atom feed".to_owned(),
            ))
        }
        None => Ok(outline),
    }
}

/// A field of an item the outline keeps as written.
#[derive(Debug, Clone, Copy)]
enum Field {
    /// With its rank: the lower, the more trusted.
    Published(u8),
    Modified,
    Permalink,
    ItunesAuthor,
}

impl Field {
    /// Keeps the first non-empty value written for this field.
    fn fill(self, item: &mut WrittenItem, text: &str) {
        if text.is_empty() {
            return;
        }
        let slot = match self {
            Field::Published(rank) => {
                if item.published.as_ref().is_none_or(|(kept, _)| rank < *kept) {
                    item.published = Some((rank, text.to_owned()));
                }
                return;
            }
            Field::ItunesAuthor => &mut item.itunes_author,
            Field::Modified => &mut item.modified,
            Field::Permalink if text.starts_with("http://") || text.starts_with("https://") => &mut item.permalink,
            Field::Permalink => return,
        };
        if slot.is_none() {
            *slot = Some(text.to_owned());
        }
    }
}

/// An attribute's value, by its name (lower case, `xml:base` as written).
fn attribute(start: &BytesStart, name: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref().eq_ignore_ascii_case(name))
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The markup inside an XHTML construct's one `<div>`, as written; `None`
/// when it is not that shape or its elements are namespace-prefixed
/// (`<xhtml:p>`, which HTML would not read as a paragraph).
fn xhtml_children(written: &str) -> Option<String> {
    let inside = written.trim();
    let open_end = inside.find('>')?;
    let open = &inside[..open_end];
    let name = open
        .strip_prefix('<')?
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()?;
    if name != "div" {
        return None;
    }
    if open.ends_with('/') {
        return Some(String::new());
    }
    let children = inside[open_end + 1..].trim_end().strip_suffix("</div>")?;
    let prefixed = children.match_indices('<').any(|(at, _)| {
        children[at + 1..]
            .split(['>', ' ', '/'])
            .next()
            .is_some_and(|name| name.contains(':'))
    });
    (!prefixed).then(|| children.to_owned())
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    decode::position(&text[..end])
}

/// One story, with notes on what of it was dropped; or why it cannot be one.
fn item(
    entry: &Entry,
    written: Option<&WrittenItem>,
    feed_language: Option<&str>,
) -> Result<(ItemEntry, Vec<String>), String> {
    let mut notes = Vec::new();
    let title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let xhtml = written
        .and_then(|w| w.xhtml_content.clone())
        .filter(|x| !x.trim().is_empty());
    let (content_html, content_text) = match &entry.content {
        Some(_) if xhtml.is_some() => (xhtml, None),
        Some(content) if content.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
            let body = content.body.clone();
            if content.content_type.to_string().contains("html") {
                (body, None)
            } else {
                (None, body)
            }
        }
        _ => match entry.summary.as_ref().or_else(|| media_description(entry)) {
            Some(summary) if summary.content.trim().is_empty() => (None, None),
            Some(summary) if is_html(summary) || summary.content.contains('<') => (Some(summary.content.clone()), None),
            Some(summary) => (None, Some(summary.content.clone())),
            None => (None, None),
        },
    };
    // The summary is the standfirst only beside a body of its own.
    let summary = entry
        .content
        .as_ref()
        .filter(|c| c.body.as_deref().is_some_and(|b| !b.trim().is_empty()))
        .and(entry.summary.as_ref())
        .map(plain)
        .filter(|s| !s.is_empty());
    // The story's page: its link, else its `<guid>` when that is its address.
    let url = entry
        .links
        .iter()
        .find(|link| matches!(link.rel.as_deref(), None | Some("alternate")) && !link.href.trim().is_empty())
        .map(|link| link.href.trim().to_owned())
        .or_else(|| written.and_then(|w| w.permalink.clone()));
    if title.is_none() && content_html.is_none() && content_text.is_none() {
        return Err("the item has no title, description or content".to_owned());
    }
    // A headline and a link is a story (a link blog's, a podcast's): its
    // page says where to read it. JSON Feed asks for a content field.
    let content_text = match (&content_html, content_text) {
        (None, None) if url.is_some() => Some(String::new()),
        (None, None) => return Err("the item has a title but neither a body nor an address".to_owned()),
        (_, text) => text,
    };
    let date = |written: Option<&String>,
                parsed: Option<chrono::DateTime<chrono::Utc>>,
                what: &str,
                notes: &mut Vec<String>| {
        match written {
            Some(text) => match Timestamp::parse(text).or_else(|| dates::wild(text)) {
                Some(timestamp) => Some(timestamp.to_string()),
                None => match parsed {
                    // feed-rs reads more forms than Gazette's reader; its UTC will do.
                    Some(parsed) => Some(parsed.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                    None => {
                        notes.push(format!("{what} {text:?} is not a date Gazette reads; left out"));
                        None
                    }
                },
            },
            None => parsed.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        }
    };
    let mut date_published = date(
        written.and_then(|w| w.published.as_ref().map(|(_, text)| text)),
        entry.published,
        "the date",
        &mut notes,
    );
    let mut date_modified = date(
        written.and_then(|w| w.modified.as_ref()),
        entry.updated,
        "the update date",
        &mut notes,
    );
    // An entry that says only when it was updated (Atom requires no more)
    // was published then, as far as anyone can tell.
    if date_published.is_none() {
        date_published = date_modified.take();
    }
    let date_modified = date_modified.filter(|modified| Some(modified) != date_published.as_ref());
    let media: Vec<Photos> = entry.media.iter().map(photos).collect();
    let gallery: Vec<ImageEntry> = media.iter().flat_map(|m| m.full.iter().cloned()).collect();
    let body_photo = content_html.as_deref().and_then(first_photo);
    // The largest copy of a declared photo wins, then the body's first; a
    // thumbnail only when there is no other.
    let largest = |photos: &[WrittenPhoto]| {
        photos
            .iter()
            .filter(|p| !is_feed_furniture(&p.url, p.width, p.height))
            .max_by_key(|p| p.width.unwrap_or(0))
            .map(|p| p.url.clone())
    };
    let image = gallery
        .iter()
        .max_by_key(|photo| photo.width.unwrap_or(0))
        .map(|photo| photo.url.clone())
        .or_else(|| written.and_then(|w| largest(&w.media_photos)))
        .or(body_photo)
        .or_else(|| media.iter().find_map(|m| m.thumbnail.as_ref().map(|t| t.url.clone())))
        .or_else(|| written.and_then(|w| largest(&w.media_thumbnails)));
    let mut tags: Vec<String> = Vec::new();
    for category in &entry.categories {
        let name = category.label.as_deref().unwrap_or(&category.term).trim();
        if !name.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            tags.push(name.to_owned());
        }
    }
    let language = entry.language.clone().filter(|l| Some(l.as_str()) != feed_language);
    let mut authors: Vec<AuthorEntry> = entry.authors.iter().filter_map(author).collect();
    // A podcast names the episode's credit in <itunes:author>, beside or
    // instead of the person who posted it (<dc:creator>).
    if let Some(credit) = written.and_then(|w| w.itunes_author.as_deref()) {
        if !authors.iter().any(|a| a.name.as_deref() == Some(credit)) {
            authors.push(AuthorEntry {
                name: Some(credit.to_owned()),
                url: None,
                avatar: None,
            });
        }
    }
    let item = ItemEntry {
        id: Id::Text(entry.id.trim().to_owned()),
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
        authors,
        author: None,
        tags,
        language,
        attachments: media_files(entry),
        gazette: (!gallery.is_empty()).then(|| ItemExtension {
            gallery,
            ..Default::default()
        }),
    };
    Ok((item, notes))
}

/// The item's audio and video files (a podcast's episode, a newscast, an
/// RSS enclosure or a `media:content`), as JSON Feed attachments: the page
/// plays them.
fn media_files(entry: &Entry) -> Vec<AttachmentEntry> {
    let mut files: Vec<AttachmentEntry> = Vec::new();
    for object in &entry.media {
        for content in &object.content {
            let (Some(url), Some(kind)) = (&content.url, &content.content_type) else {
                continue;
            };
            let kind = kind.to_string();
            if !(kind.starts_with("audio/") || kind.starts_with("video/"))
                || files.iter().any(|f| f.url == url.as_str())
            {
                continue;
            }
            files.push(AttachmentEntry {
                url: url.to_string(),
                mime_type: kind,
                title: object.title.as_ref().map(plain).filter(|t| !t.is_empty()),
                size_in_bytes: content.size.filter(|s| *s > 0),
                duration_in_seconds: content
                    .duration
                    .or(object.duration)
                    .map(|d| d.as_secs())
                    .filter(|d| *d > 0),
            });
        }
    }
    files
}

/// A video's or an episode's own words (`media:description`, what YouTube
/// and Vimeo feeds say of each video), for an item that has no other.
fn media_description(entry: &Entry) -> Option<&Text> {
    entry
        .media
        .iter()
        .find_map(|m| m.description.as_ref().filter(|d| !d.content.trim().is_empty()))
}

fn is_html(text: &Text) -> bool {
    text.content_type.to_string().contains("html")
}

/// A title or summary as plain text.
fn plain(text: &Text) -> String {
    if is_html(text) {
        plain_text(&text.content)
    } else {
        gazette::feed::text::squash_whitespace(&text.content)
    }
}

/// Text that may hold HTML (a `<p>`, an escaped `&amp;`) as plain text:
/// no tag or entity is ever shown as it is written.
pub(crate) fn plain_text(text: &str) -> String {
    let text = if text.contains('<') || text.contains('&') {
        html_to_text(text)
    } else {
        text.to_owned()
    };
    gazette::feed::text::squash_whitespace(&text)
}

/// What feed-rs calls an Atom person without a name.
const NAMELESS_ATOM_PERSON: &str = "unknown";

fn author(person: &feed_rs::model::Person) -> Option<AuthorEntry> {
    // feed-rs keeps RSS's <author> (and <managingEditor>, <webMaster>) as
    // an email named after its element; the text is often a name, or
    // "email (Name)", or "Name <email>".
    let contact = ["author", "managingEditor", "webMaster"].contains(&person.name.as_str());
    let name = match person.email.as_deref().map(str::trim) {
        Some(written) if contact => name_in_contact(written),
        // feed-rs names an Atom person whose <name> is empty or missing
        // "unknown" (Jekyll writes `<author><name></name></author>`): no
        // byline, rather than one made up.
        _ if person.name == NAMELESS_ATOM_PERSON => "",
        _ => person.name.trim(),
    };
    (!name.is_empty()).then(|| AuthorEntry {
        name: Some(name.to_owned()),
        url: person
            .uri
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned),
        avatar: None,
    })
}

/// The name in an RSS contact: "jo@example.org (Jo Lin)" and "Jo Lin
/// <jo@example.org>" name Jo Lin, "Jo Lin" is a name, a bare address none
/// (a byline never shows an email address).
fn name_in_contact(written: &str) -> &str {
    if !written.contains('@') {
        return written;
    }
    if let Some((_, rest)) = written.split_once('(') {
        return rest.trim_end().trim_end_matches(')').trim();
    }
    match written.split_once('<') {
        Some((name, _)) => name.trim().trim_matches('"').trim(),
        None => "",
    }
}

/// The photos of one `media:group`, `media:content` or enclosure: each at
/// full size, with the caption and credit Media RSS gives them, and its
/// thumbnail apart. None of them the feed's furniture (a pixel, an advert).
struct Photos {
    full: Vec<ImageEntry>,
    thumbnail: Option<ImageEntry>,
}

fn photos(object: &MediaObject) -> Photos {
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
    let photo = |url: String, width: Option<u32>, height: Option<u32>| {
        let (width, height) = (width.filter(|w| *w > 0), height.filter(|h| *h > 0));
        (!is_feed_furniture(&url, width, height)).then(|| ImageEntry {
            url,
            alt: None,
            caption: caption.clone(),
            credit: credit.clone(),
            width,
            height,
            srcset: Vec::new(),
        })
    };
    let full: Vec<ImageEntry> = object
        .content
        .iter()
        .filter(|content| {
            content.content_type.as_ref().map_or_else(
                || content.url.as_ref().is_some_and(|u| looks_like_photo(u.path())),
                |t| t.to_string().starts_with("image/"),
            )
        })
        .filter_map(|content| photo(content.url.as_ref()?.to_string(), content.width, content.height))
        .collect();
    // A video's or an episode's thumbnail: the story's picture when it has
    // no photo of its own (a YouTube feed's, a podcast's cover).
    let thumbnail = object
        .thumbnails
        .iter()
        .max_by_key(|t| t.image.width.unwrap_or(0))
        .and_then(|t| photo(t.image.uri.clone(), t.image.width, t.image.height));
    Photos { full, thumbnail }
}

fn looks_like_photo(path: &str) -> bool {
    let path = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The address of the first `<img>` in a story's HTML that is a photo of
/// the story (lol_html, as the HTML arrives: a broken tag later in the body
/// does not matter).
fn first_photo(html: &str) -> Option<String> {
    let found = std::cell::RefCell::new(None::<String>);
    let handlers = vec![lol_html::element!("img[src]", |el| {
        let mut found = found.borrow_mut();
        if found.is_none() {
            let size = |name: &str| el.get_attribute(name).and_then(|v| v.trim().parse::<u32>().ok());
            *found = el
                .get_attribute("src")
                .map(|src| src.trim().to_owned())
                .filter(|src| !src.starts_with("data:") && !src.is_empty())
                .filter(|src| !is_feed_furniture(src, size("width"), size("height")));
        }
        Ok(())
    })];
    crate::shell::rewrite(html, handlers).ok()?;
    found.into_inner()
}

#[cfg(test)]
mod differential;
#[cfg(test)]
mod tests;
