//! A differential test of `gazette import` against Python's feedparser, the
//! reference for how a mature reader reads a feed: for every feed of the
//! RSS corpora and of the project's own fixtures, Gazette must read at
//! least the items, titles, links, dates, authors and photos feedparser
//! reads. Where Gazette leaves something out on purpose (a junk image), the
//! rule is named.
//!
//! feedparser runs once, for all the feeds, through tools/feedparser_view.py
//! with Debian's python3-feedparser (tools/setup.sh installs it); Gazette
//! converts the feeds meanwhile. Every difference of every feed is gathered
//! before the test fails, so that its report is the whole list.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::{DateTime, NaiveDateTime, Utc};
use gazette::feed::wire::{Id, ItemEntry};
use serde::Deserialize;

/// Debian's python, which has python3-feedparser (a pyenv or venv python on
/// PATH does not).
const PYTHON: &str = "/usr/bin/python3";

/// What feedparser read in one document (see tools/feedparser_view.py).
#[derive(Deserialize)]
struct FeedparserFeed {
    /// Whether feedparser found the document not well-formed (or wrongly
    /// declared), and read it with its loose parser.
    bozo: bool,
    bozo_exception: Option<String>,
    entries: Vec<FeedparserEntry>,
}

#[derive(Deserialize)]
struct FeedparserEntry {
    title: Option<String>,
    link: Option<String>,
    id: Option<String>,
    /// UTC instants, "YYYY-MM-DDTHH:MM:SSZ".
    published: Option<String>,
    published_written: Option<String>,
    updated: Option<String>,
    authors: Vec<String>,
    images: Vec<FeedparserImage>,
}

#[derive(Deserialize)]
struct FeedparserImage {
    url: String,
    width: Option<i64>,
    height: Option<i64>,
    /// The element it came from: "enclosure", "media:content" or "media:thumbnail".
    source: String,
}

/// One thing feedparser reads that Gazette does not read alike.
struct Mismatch {
    /// The feed, as "corpus/file".
    file: String,
    /// feedparser's entry index, and Gazette's item index when it differs.
    item: Option<(usize, Option<usize>)>,
    field: &'static str,
    feedparser: String,
    gazette: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file)?;
        match self.item {
            Some((index, None)) => write!(f, "item {index}: ")?,
            Some((index, Some(gazette_index))) => write!(f, "item {index} (Gazette's item {gazette_index}): ")?,
            None => {}
        }
        write!(
            f,
            "{}: feedparser {}, gazette {}",
            self.field, self.feedparser, self.gazette
        )
    }
}

#[test]
fn gazette_reads_at_least_what_feedparser_reads() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut feeds: Vec<(String, PathBuf)> = Vec::new();
    for corpus in ["rss", "rss-wild"] {
        let dir = manifest.join("../../shared/corpora").join(corpus);
        if dir.is_dir() {
            feeds.extend(feeds_in(&dir, corpus));
        } else {
            eprintln!(
                "skipped: {} is absent (the corpora live beside the project)",
                dir.display()
            );
        }
    }
    feeds.extend(feeds_in(&manifest.join("../tests/fixtures"), "fixtures"));

    let has_feedparser = Command::new(PYTHON)
        .args(["-c", "import feedparser"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !has_feedparser {
        eprintln!("skipped: {PYTHON} cannot import feedparser (tools/setup.sh installs python3-feedparser)");
        return;
    }

    // feedparser takes seconds over the corpora, so Gazette converts the
    // feeds while it runs; a thread drains its output, which fills a pipe.
    let child = Command::new(PYTHON)
        .arg(manifest.join("../tools/feedparser_view.py"))
        .args(feeds.iter().map(|(_, path)| path))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let feedparser = std::thread::spawn(move || child.wait_with_output());
    let converted: Vec<_> = feeds
        .iter()
        .map(|(name, path)| super::convert(name, &std::fs::read(path).unwrap()))
        .collect();
    let output = feedparser.join().unwrap().expect("feedparser_view.py runs");
    assert!(
        output.status.success(),
        "feedparser_view.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut read: BTreeMap<String, FeedparserFeed> =
        serde_json::from_slice(&output.stdout).expect("feedparser_view.py prints JSON");

    let mut summary = Vec::new();
    let mut mismatches = Vec::new();
    for ((name, path), gazette) in feeds.iter().zip(converted) {
        let reference = read
            .remove(&path.display().to_string())
            .expect("feedparser read every feed");
        let file = if reference.bozo {
            format!("{name} [bozo]")
        } else {
            name.clone()
        };
        let mut line = format!("{name}: feedparser {} entries", reference.entries.len());
        if let Some(exception) = &reference.bozo_exception {
            line += &format!(" (bozo: {exception})");
        }
        if name.ends_with(".json") {
            line += " (feedparser 6.0 reads no JSON Feed)";
        }
        match gazette {
            Err(refusal) => {
                line += &format!(", Gazette refused it: {refusal}");
                if !reference.entries.is_empty() {
                    mismatches.push(Mismatch {
                        file: file.clone(),
                        item: None,
                        field: "whole feed",
                        feedparser: format!("{} entries", reference.entries.len()),
                        gazette: format!("refused it: {refusal}"),
                    });
                }
            }
            Ok(imported) => {
                let items = &imported.document.items;
                line += &format!(", Gazette {} items", items.len());
                let facts = Facts {
                    // feedparser read the document in another encoding
                    // than the declared one, and its text is mojibake.
                    misdecoded: reference
                        .bozo_exception
                        .as_deref()
                        .is_some_and(|e| e.starts_with("CharacterEncodingOverride")),
                    yandex_related: std::fs::read(path)
                        .is_ok_and(|bytes| bytes.windows(16).any(|w| w == b"<yandex:related ")),
                };
                compare(&file, &reference.entries, items, &facts, &mut mismatches);
            }
        }
        summary.push(line);
    }

    let report = format!(
        "{} feeds compared:\n{}\n\n{} differences:\n{}",
        summary.len(),
        summary.join("\n"),
        mismatches.len(),
        mismatches.iter().map(|m| m.to_string()).collect::<Vec<_>>().join("\n")
    );
    eprintln!("{report}");
    assert!(mismatches.is_empty(), "{report}");
}

/// The feeds of a directory, named "label/file", in file-name order.
fn feeds_in(dir: &Path, label: &str) -> Vec<(String, PathBuf)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|e| ["xml", "rss", "atom", "rdf", "json"].iter().any(|x| e == *x))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| (format!("{label}/{}", path.file_name().unwrap().to_string_lossy()), path))
        .collect()
}

/// What is known of a whole document where feedparser is the one astray.
struct Facts {
    /// feedparser read the text in another encoding than the declared one
    /// (EUC-JP with JIS X 0213 characters, read as windows-1252): its titles
    /// and names are mojibake, so they are not compared.
    misdecoded: bool,
    /// Yandex Turbo's `<yandex:related>` holds `<link>`s of other stories,
    /// and feedparser takes the last for the item's own.
    yandex_related: bool,
}

/// Whether feedparser's entry is nothing Gazette could show: no title, no
/// link (Gazette leaves such an item out and names it).
fn is_empty(entry: &FeedparserEntry) -> bool {
    entry.title.as_deref().is_none_or(|t| t.trim().is_empty())
        && entry.link.as_deref().is_none_or(|l| l.trim().is_empty())
}

/// Checks one feed's items against feedparser's entries.
fn compare(
    file: &str,
    entries: &[FeedparserEntry],
    items: &[ItemEntry],
    facts: &Facts,
    mismatches: &mut Vec<Mismatch>,
) {
    let mut differ = |item, field, feedparser: String, gazette: String| {
        mismatches.push(Mismatch {
            file: file.to_owned(),
            item,
            field,
            feedparser,
            gazette,
        })
    };
    let showable = entries.iter().filter(|e| !is_empty(e)).count();
    if items.len() < showable {
        differ(
            None,
            "item count",
            format!("{showable} entries with a title or a link"),
            format!("{} items", items.len()),
        );
    }
    for (index, entry) in entries.iter().enumerate() {
        if is_empty(entry) {
            eprintln!("{file}: item {index}: left out on purpose: it has no title and no link");
            continue;
        }
        let Some((gazette_index, item)) = counterpart(entry, index, items, !facts.yandex_related) else {
            differ(
                Some((index, None)),
                "item",
                format!("{:?} <{}>", entry.title.as_deref().unwrap_or(""), shown(&entry.link)),
                "has no item for it".to_owned(),
            );
            continue;
        };
        let at = Some((index, (gazette_index != index).then_some(gazette_index)));

        // Titles, as plain text.
        let theirs = entry.title.as_deref().map(plain_text).filter(|t| !t.is_empty());
        let ours = item.title.as_deref().map(plain_text).filter(|t| !t.is_empty());
        match (&theirs, &ours) {
            (Some(_), None) => differ(at, "title missing", quoted(&theirs), "none".to_owned()),
            (Some(a), Some(b)) if !facts.misdecoded && !same_text(a, b) => {
                differ(at, "title differs", quoted(&theirs), quoted(&ours))
            }
            _ => {}
        }

        // The link, which may be Gazette's page of the story or the page a
        // link post is about.
        // Not a web address (a `tag:` id taken for the link) or another
        // story's (Yandex's related stories) is not the story's link.
        let link = entry
            .link
            .as_deref()
            .map(str::trim)
            .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
            .filter(|_| !facts.yandex_related);
        if let Some(link) = link {
            let ours = [&item.url, &item.external_url];
            if !ours.iter().any(|l| l.as_deref().map(str::trim) == Some(link)) {
                let field = if ours.iter().all(|l| l.is_none()) {
                    "link missing"
                } else {
                    "link differs"
                };
                differ(
                    at,
                    field,
                    format!("<{link}>"),
                    format!("url {}, external_url {}", shown(&item.url), shown(&item.external_url)),
                );
            }
        }

        // Dates, as instants. Without a publication date, the update date
        // is the story's date.
        let only_updated = entry.published.is_none();
        if let Some(expected) = entry.published.as_ref().or(entry.updated.as_ref()) {
            let misread = entry
                .published_written
                .as_deref()
                .and_then(|written| feedparser_misread(written, expected, item.date_published.as_deref()));
            if let Some(rule) = misread {
                eprintln!("{file}: item {index}: date {expected} not compared: {rule}");
            } else if let Some(how) = date_difference(expected, item.date_published.as_deref()) {
                let field = match (how, only_updated) {
                    ("missing", false) => "date_published missing",
                    ("missing", true) => "date_published missing (feedparser has only the update date)",
                    (_, false) => "date_published differs",
                    (_, true) => "date_published differs (feedparser has only the update date)",
                };
                differ(at, field, expected.clone(), quoted(&item.date_published));
            }
        }
        if let (Some(published), Some(updated)) = (&entry.published, &entry.updated) {
            // Gazette leaves out an update date that equals the publication date.
            let left_out_as_same = item.date_modified.is_none() && parse_instant(updated) == parse_instant(published);
            if let Some(how) = date_difference(updated, item.date_modified.as_deref()).filter(|_| !left_out_as_same) {
                let field = if how == "missing" {
                    "date_modified missing"
                } else {
                    "date_modified differs"
                };
                differ(at, field, updated.clone(), quoted(&item.date_modified));
            }
        }

        // Authors, by name.
        let names: Vec<&str> = item
            .authors
            .iter()
            .chain(&item.author)
            .filter_map(|a| a.name.as_deref())
            .map(str::trim)
            .collect();
        // A name Gazette read out of feedparser's (which kept a contact's
        // address or stray punctuation around it) is the same name.
        let missing: Vec<&str> = entry
            .authors
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty() && !facts.misdecoded)
            .filter(|a| !names.iter().any(|n| n == a || (!n.is_empty() && a.contains(n))))
            .collect();
        if !missing.is_empty() {
            differ(at, "authors missing", format!("{missing:?}"), format!("{names:?}"));
        }

        // Photos: the card's, the gallery's, the attachments' or the body's.
        for image in &entry.images {
            if has_image(item, &image.url) {
                continue;
            }
            // A thumbnail is a card's picture: a story has one (the
            // largest), as feed readers show one.
            if image.source == "media:thumbnail" && item.image.is_some() {
                eprintln!(
                    "{file}: item {index}: thumbnail <{}>: the story has its picture already",
                    image.url
                );
                continue;
            }
            if let Some(kept) = same_upload(item, &image.url) {
                eprintln!(
                    "{file}: item {index}: image <{}> kept at another size: <{kept}>",
                    image.url
                );
                continue;
            }
            let dimension = |d: Option<i64>| d.and_then(|d| u32::try_from(d).ok());
            if let Some(rule) = is_junk(&image.url, dimension(image.width), dimension(image.height)) {
                eprintln!(
                    "{file}: item {index}: image <{}> ({}) left out on purpose: {rule}",
                    image.url, image.source
                );
                continue;
            }
            let gallery = item.gazette.as_ref().map_or(0, |g| g.gallery.len());
            differ(
                at,
                "image missing",
                format!("<{}> ({})", image.url, image.source),
                format!("image {}, {gallery} gallery photos", shown(&item.image)),
            );
        }
    }
}

/// Gazette's item for feedparser's entry at `index`: the item at the same
/// place when it is the same story (same id or link), else the item with
/// that id or link, else the item at the same place.
fn counterpart<'a>(
    entry: &FeedparserEntry,
    index: usize,
    items: &'a [ItemEntry],
    by_link: bool,
) -> Option<(usize, &'a ItemEntry)> {
    let same_story = |item: &ItemEntry| {
        let id = match &item.id {
            Id::Text(text) => text.trim().to_owned(),
            Id::Number(number) => number.to_string(),
        };
        let same_id = entry
            .id
            .as_deref()
            .map(str::trim)
            .is_some_and(|i| !i.is_empty() && i == id);
        let same_link = by_link
            && entry.link.as_deref().map(str::trim).is_some_and(|link| {
                !link.is_empty()
                    && [&item.url, &item.external_url]
                        .iter()
                        .any(|l| l.as_deref().map(str::trim) == Some(link))
            });
        same_id || same_link
    };
    items
        .get(index)
        .filter(|item| same_story(item))
        .map(|item| (index, item))
        .or_else(|| items.iter().enumerate().find(|(_, item)| same_story(item)))
        .or_else(|| items.get(index).map(|item| (index, item)))
}

/// Whether Gazette keeps the photo at `url` in the story: as its image, in
/// its gallery or attachments (which join its photos), or in its body.
fn has_image(item: &ItemEntry, url: &str) -> bool {
    let url = url.trim();
    let gallery = item
        .gazette
        .iter()
        .flat_map(|g| &g.gallery)
        .map(|photo| photo.url.as_str());
    let attachments = item.attachments.iter().map(|a| a.url.as_str());
    let in_body = item.content_html.as_deref().is_some_and(|html| {
        // In HTML an address's `&` is usually written `&amp;`.
        html.contains(url) || html.contains(&url.replace('&', "&amp;"))
    });
    [item.image.as_deref(), item.banner_image.as_deref()]
        .into_iter()
        .flatten()
        .chain(gallery)
        .chain(attachments)
        .any(|ours| ours.trim() == url)
        || in_body
}

/// Why Gazette may leave out a photo that feedparser reads, as the rule's
/// name; None for a photo it must keep. Conservative: only addresses that
/// are never a story's photo.
fn is_junk(url: &str, width: Option<u32>, height: Option<u32>) -> Option<&'static str> {
    let without_scheme = url.trim().split_once("//").map_or(url, |(_, rest)| rest);
    let (host, path) = without_scheme
        .find(['/', '?', '#'])
        .map_or((without_scheme, ""), |at| without_scheme.split_at(at));
    let host = host.to_ascii_lowercase();
    let path = path.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
    let file_name = path.rsplit('/').next().unwrap_or("");
    let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if on("pixel.wp.com") || on("stats.wordpress.com") {
        Some("junk: WordPress stats pixel (pixel.wp.com, stats.wordpress.com)")
    } else if on("feeds.feedburner.com") && (path.starts_with("/~ff/") || path.starts_with("/~r/")) {
        Some("junk: FeedBurner flare or tracker (feeds.feedburner.com/~ff/, /~r/)")
    } else if on("doubleclick.net") || host.contains("googlesyndication") {
        Some("junk: advertising (doubleclick.net, googlesyndication)")
    } else if on("gravatar.com") {
        Some("junk: avatar (gravatar.com)")
    } else if file_name.starts_with("share-")
        || file_name.starts_with("share_")
        || ["sharebutton", "share-button", "share_button"]
            .iter()
            .any(|s| file_name.contains(s))
    {
        Some("junk: share button (a file named share-…, share_… or …share-button…)")
    } else if [width, height].iter().flatten().any(|d| (1..50).contains(d)) {
        // 0 is how some feeds say "unknown", so it does not count.
        Some("junk: declared smaller than 50 pixels (a tracking pixel or an icon)")
    } else {
        None
    }
}

/// Why feedparser's reading of a date as `written` is not the date, when
/// Gazette's reading is the date as written; None when feedparser's is.
fn feedparser_misread(written: &str, feedparser: &str, gazette: Option<&str>) -> Option<&'static str> {
    let (theirs, ours) = (parse_instant(feedparser)?, parse_instant(gazette?)?);
    let written = written.trim();
    let hours = (ours - theirs).num_hours();
    if written.ends_with(" PM") && hours == 12 {
        return Some("feedparser ignores PM (\"02:02:33 PM\" read as 02:02)");
    }
    // "2020/1/10 14:33:00": feedparser reads no one-digit month or day with slashes.
    let day: Vec<&str> = written.split(' ').next().unwrap_or("").split('/').collect();
    if day.len() == 3
        && day[0].len() == 4
        && ours.format("%Y/%-m/%-d").to_string() == written.split(' ').next().unwrap_or("")
    {
        return Some("feedparser misreads a year/month/day date with one-digit parts");
    }
    None
}

/// The address in Gazette's story of the same WordPress upload as `url`
/// at another size (`photo-500x260.jpg` and `photo-840x473.jpg`): Gazette
/// keeps the larger one.
fn same_upload(item: &ItemEntry, url: &str) -> Option<String> {
    fn upload(url: &str) -> Option<String> {
        let (stem, extension) = url.trim().rsplit_once('.')?;
        let (name, size) = stem.rsplit_once('-')?;
        let (width, height) = size.split_once('x')?;
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        (digits(width) && digits(height)).then(|| format!("{name}.{extension}"))
    }
    let wanted = upload(url)?;
    let body = item.content_html.as_deref().unwrap_or("");
    [item.image.as_deref(), item.banner_image.as_deref()]
        .into_iter()
        .flatten()
        .chain(
            item.gazette
                .iter()
                .flat_map(|g| g.gallery.iter().map(|p| p.url.as_str())),
        )
        .find(|ours| upload(ours).as_deref() == Some(wanted.as_str()))
        .map(str::to_owned)
        .or_else(|| {
            body.contains(wanted.rsplit_once('.')?.0)
                .then(|| "the body's copy".to_owned())
        })
}

/// Titles that read the same: JIS's WAVE DASH (U+301C), which Python's
/// EUC-JP codec gives, is the FULLWIDTH TILDE (U+FF5E) that the WHATWG
/// codec (browsers', encoding_rs's) gives for the same bytes.
fn same_text(feedparser: &str, gazette: &str) -> bool {
    feedparser == gazette || feedparser.replace('\u{301C}', "\u{FF5E}") == gazette.replace('\u{301C}', "\u{FF5E}")
}

/// "missing" or "differs" when Gazette's date is not the instant feedparser
/// read, None when it is.
fn date_difference(feedparser: &str, gazette: Option<&str>) -> Option<&'static str> {
    match gazette.map(parse_instant) {
        None => Some("missing"),
        Some(Some(instant)) if Some(instant) == parse_instant(feedparser) => None,
        Some(_) => Some("differs"),
    }
}

/// A date as an instant. A date without a zone counts as UTC, as everywhere
/// in Gazette (and in feedparser).
fn parse_instant(date: &str) -> Option<DateTime<Utc>> {
    let date = date.trim();
    DateTime::parse_from_rfc3339(date)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(date, "%Y-%m-%dT%H:%M:%S")
                .ok()
                .map(|d| d.and_utc())
        })
}

/// A title as plain text: tags dropped, entities decoded once, whitespace
/// squashed, so that "A &amp; <b>B</b>" and "A & B" compare equal. Both
/// sides go through it, Gazette's reading of a title and feedparser's.
fn plain_text(text: &str) -> String {
    super::plain_text(text)
}

fn quoted(text: &Option<String>) -> String {
    text.as_ref().map_or_else(|| "none".to_owned(), |t| format!("{t:?}"))
}

fn shown(link: &Option<String>) -> String {
    link.as_ref()
        .map_or_else(|| "none".to_owned(), |l| format!("<{}>", l.trim()))
}
