//! A JSON Feed (1.0 or 1.1) imported as it is: every field the site reads is
//! kept as the publisher wrote it (dates with their offsets and their own
//! text, `external_url`, the declared `image`, the authors), nothing is
//! invented (no summary cut from the body), and only what JSON Feed 1.1
//! changed is written anew (`author` becomes `authors`). Values of the wrong
//! kind where nothing is meant (`"external_url": null`) are dropped; a story
//! that cannot be read is left out and named with its line and column.

use gazette::feed::json::{line_column, parse_bytes};
use gazette::feed::wire::{FeedDocument, ItemEntry};
use serde_json::Value;

use super::plain_text;

/// The fields a story can do without, dropped (with a warning) when one of
/// them is what keeps the story from being read.
const DISPENSABLE: [&str; 7] = [
    "attachments",
    "_gazette",
    "authors",
    "author",
    "tags",
    "banner_image",
    "language",
];

/// The feed, its stories, and what was dropped or left out, each named with its place.
pub fn convert(name: &str, bytes: &[u8]) -> Result<(FeedDocument, Vec<String>), String> {
    let mut top: Value = serde_json::from_slice(bytes)
        .map_err(|e| format!("{name}:{}:{}: error: not valid JSON: {e}", e.line(), e.column()))?;
    // Each story's place in the text, for its messages.
    let places = story_places(bytes);
    let Some(object) = top.as_object_mut() else {
        return Err(format!(
            "{name}:1:1: error: not a JSON Feed: the document is not an object"
        ));
    };
    let Some(Value::Array(items)) = object.remove("items") else {
        return Err(format!("{name}:1:1: error: not a JSON Feed: it has no \"items\" array"));
    };
    drop_nulls(&mut top);
    // The wire type wants its list; the stories are read one by one below.
    if let Some(object) = top.as_object_mut() {
        object.insert("items".to_owned(), Value::Array(Vec::new()));
    }
    let mut faults = Vec::new();
    let mut document: FeedDocument = serde_json::from_value(top).unwrap_or_else(|e| {
        faults.push(format!(
            "{name}:1:1: warning: the feed's own fields could not all be read ({e}); kept its stories"
        ));
        FeedDocument::default()
    });
    document.version = "https://jsonfeed.org/version/1.1".to_owned();
    if let Some(author) = document.author.take() {
        if document.authors.is_empty() {
            document.authors.push(author);
        }
    }
    document.title = plain_text(&document.title);
    document.description = document
        .description
        .as_deref()
        .map(plain_text)
        .filter(|d| !d.is_empty());
    for (index, mut item) in items.into_iter().enumerate() {
        let (line, column) = places.get(index).copied().unwrap_or((1, 1));
        let at = |level: &str, message: &str| format!("{name}:{line}:{column}: {level}: items[{index}]: {message}");
        drop_nulls(&mut item);
        match story(item) {
            Ok((mut entry, dropped)) => {
                for field in dropped {
                    faults.push(at("warning", &format!("{field} could not be read; left out")));
                }
                if let Some(author) = entry.author.take() {
                    if entry.authors.is_empty() {
                        entry.authors.push(author);
                    }
                }
                entry.title = entry.title.as_deref().map(plain_text).filter(|t| !t.is_empty());
                entry.summary = entry.summary.as_deref().map(plain_text).filter(|s| !s.is_empty());
                document.items.push(entry);
            }
            Err(e) => faults.push(at("error", &format!("{e}; left out"))),
        }
    }
    Ok((document, faults))
}

/// A story read into the wire type, dropping the dispensable fields that
/// stop it being read; the names of those dropped.
fn story(item: Value) -> Result<(ItemEntry, Vec<&'static str>), serde_json::Error> {
    let first = match serde_json::from_value::<ItemEntry>(item.clone()) {
        Ok(entry) => return Ok((entry, Vec::new())),
        Err(e) => e,
    };
    let mut item = item;
    let mut dropped = Vec::new();
    for field in DISPENSABLE {
        let Some(object) = item.as_object_mut() else { break };
        let Some(value) = object.remove(field) else { continue };
        match serde_json::from_value::<ItemEntry>(item.clone()) {
            Ok(entry) => {
                dropped.push(field);
                return Ok((entry, dropped));
            }
            Err(_) => {
                // Not this one (or not only this one): put it back.
                if let Some(object) = item.as_object_mut() {
                    object.insert(field.to_owned(), value);
                }
            }
        }
    }
    Err(first)
}

/// Removes `null`s from objects: JSON Feed has no null values, and a null
/// where a string or a list belongs means the value is not there.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(object) => {
            object.retain(|_, v| !v.is_null());
            object.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// The line and column of each story's opening brace.
fn story_places(bytes: &[u8]) -> Vec<(usize, usize)> {
    let Ok((source, root)) = parse_bytes(bytes) else {
        return Vec::new();
    };
    root.get("items")
        .and_then(|items| items.as_array())
        .map(|items| items.iter().map(|item| line_column(source, item.offset)).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_feed_comes_in_as_written() {
        let feed = r#"{"version": "https://jsonfeed.org/version/1", "title": "Rose &amp; Co", "home_page_url": "https://rose.example.org/",
          "author": {"name": "Rose"},
          "items": [
            {"id": "a", "title": "Workflow: Add Task &amp; Sub Tasks", "url": "https://rose.example.org/a?x=1&y=2",
             "external_url": "https://elsewhere.example/b", "image": "https://rose.example.org/a.jpg",
             "content_html": "<p>Body <img src=\"https://rose.example.org/b.jpg\"></p>",
             "date_published": "2022-07-26 13:01:01", "date_modified": "2026-12-01T00:17:00+01:00"},
            {"id": "b", "content_text": "Text", "external_url": null, "attachments": [{"url": "https://x.example/a.mp3", "mime_type": "audio/mpeg", "duration_in_seconds": 100.5}]},
            {"title": 7}
          ]}"#;
        let (document, faults) = convert("rose.json", feed.as_bytes()).unwrap();
        assert_eq!(document.version, "https://jsonfeed.org/version/1.1");
        assert_eq!(document.title, "Rose & Co");
        assert_eq!(document.authors[0].name.as_deref(), Some("Rose"));
        let a = &document.items[0];
        assert_eq!(a.title.as_deref(), Some("Workflow: Add Task & Sub Tasks"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://rose.example.org/a?x=1&y=2"),
            "no &amp; in an address"
        );
        assert_eq!(a.external_url.as_deref(), Some("https://elsewhere.example/b"));
        assert_eq!(
            a.image.as_deref(),
            Some("https://rose.example.org/a.jpg"),
            "the declared photo, not the body's"
        );
        assert_eq!(a.summary, None, "no summary invented");
        assert_eq!(
            a.date_published.as_deref(),
            Some("2022-07-26 13:01:01"),
            "a date keeps its text"
        );
        assert_eq!(
            a.date_modified.as_deref(),
            Some("2026-12-01T00:17:00+01:00"),
            "and its offset"
        );
        let b = &document.items[1];
        assert_eq!(b.external_url, None);
        assert!(b.attachments.is_empty());
        assert_eq!(document.items.len(), 2);
        assert!(
            faults
                .iter()
                .any(|f| f.starts_with("rose.json:8:") && f.contains("items[1]: attachments could not be read")),
            "{faults:?}"
        );
        assert!(
            faults
                .iter()
                .any(|f| f.contains("error: items[2]:") && f.ends_with("left out")),
            "{faults:?}"
        );
    }

    #[test]
    fn what_is_not_a_json_feed_is_refused_with_its_place() {
        let refused = convert("bad.json", b"{\n  \"title\": \"x\",\n  \"items\": [,]\n}").unwrap_err();
        assert!(refused.starts_with("bad.json:3:"), "{refused}");
        let refused = convert("list.json", b"[]").unwrap_err();
        assert!(refused.contains("not an object"), "{refused}");
    }
}
