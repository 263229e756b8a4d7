//! Reading what `gazette build` is given: one feed file, or a folder of
//! story files beside a `_site.json`, joined into one feed document.

use std::path::Path;

use gazette::feed::json::{self, Node};
use serde_json::value::RawValue;

/// The input as one JSON Feed text, and a name for each story's origin.
pub struct Input {
    pub text: String,
    /// Where `items[i]` came from, for messages about folder input.
    pub origins: Vec<String>,
}

pub fn load(path: &Path) -> Result<Input, String> {
    if path.is_dir() {
        load_folder(path)
    } else {
        load_chain(path)
    }
}

/// The most pages of a `next_url` chain read as one feed: far more than any
/// archive has, and a bound for a chain that loops through new names.
const MAX_CHAIN_PAGES: usize = 100_000;

/// A feed file and, when it names a `next_url` that is a file beside it (as
/// a paged archive does, and as `gazette build` writes one), every page the
/// chain leads to, joined into one feed: the first page's own fields and
/// every page's stories.
fn load_chain(path: &Path) -> Result<Input, String> {
    let first = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (first_text, first_root) = parse_file(path, &first)?;
    if first_root.get("next_url").and_then(Node::as_str).is_none() {
        let count = first_root.get("items").and_then(Node::as_array).map_or(0, <[_]>::len);
        let name = path.display().to_string();
        return Ok(Input {
            text: first_text.to_owned(),
            origins: (0..count).map(|i| format!("{name} items[{i}]")).collect(),
        });
    }
    let mut items = Vec::new();
    let mut origins = Vec::new();
    let mut seen = vec![path.canonicalize().unwrap_or_else(|_| path.to_owned())];
    collect_items(path, first_text, &first_root, &mut items, &mut origins);
    let mut next = next_page(path, &first_root)?;
    while let Some(page) = next {
        let canonical = page.canonicalize().unwrap_or_else(|_| page.clone());
        if seen.contains(&canonical) {
            crate::report::note(format_args!(
                "{} leads back to {}; the chain ends there",
                path.display(),
                page.display()
            ));
            break;
        }
        if seen.len() >= MAX_CHAIN_PAGES {
            crate::report::note(format_args!(
                "stopped after {MAX_CHAIN_PAGES} pages of the next_url chain"
            ));
            break;
        }
        seen.push(canonical);
        let bytes = std::fs::read(&page)
            .map_err(|e| format!("cannot read {} (next_url of the page before): {e}", page.display()))?;
        let (text, root) = parse_file(&page, &bytes)?;
        collect_items(&page, text, &root, &mut items, &mut origins);
        next = next_page(&page, &root)?;
    }
    crate::report::note(format_args!(
        "read {} stories from {} pages of the next_url chain from {}",
        items.len(),
        seen.len(),
        path.display()
    ));
    let members = first_root
        .as_object()
        .ok_or_else(|| format!("{}: must be a JSON object", path.display()))?;
    let head = members.iter().filter(|(k, _)| k != "items" && k != "next_url");
    Ok(Input {
        text: join_feed(head, &items)?,
        origins,
    })
}

/// The file a page's `next_url` names, resolved beside it; `None` at the
/// end of the chain, or (with a warning) when it names a page on the web.
fn next_page(page: &Path, root: &Node) -> Result<Option<std::path::PathBuf>, String> {
    let Some(url) = root.get("next_url").and_then(Node::as_str).map(str::trim) else {
        return Ok(None);
    };
    if url.is_empty() {
        return Ok(None);
    }
    if url.contains("://") || url.starts_with("//") {
        crate::report::note(format_args!(
            "{} names its next page on the web ({url}); save the pages beside it to include them",
            page.display()
        ));
        return Ok(None);
    }
    let file = url.split(['?', '#']).next().unwrap_or(url);
    let file = gazette::feed::url::percent_decode(file);
    let dir = page.parent().unwrap_or_else(|| Path::new("."));
    Ok(Some(if let Some(rooted) = file.strip_prefix('/') {
        // A site-rooted address: read it from the folder the chain started in.
        dir.join(rooted.rsplit('/').next().unwrap_or(rooted))
    } else {
        dir.join(file)
    }))
}

/// A feed document from its top-level members and its stories' JSON, each
/// copied as written.
fn join_feed<'a>(
    members: impl Iterator<Item = &'a (std::borrow::Cow<'a, str>, Node<'a>)>,
    items: &[String],
) -> Result<String, String> {
    #[derive(serde::Serialize)]
    struct Joined {
        #[serde(flatten)]
        head: serde_json::Map<String, serde_json::Value>,
        items: Vec<Box<RawValue>>,
    }
    let head = members
        .map(|(key, value)| {
            let value = serde_json::from_str(&value.to_string()).map_err(|e| format!("{key}: {e}"))?;
            Ok((key.to_string(), value))
        })
        .collect::<Result<_, String>>()?;
    let items = items
        .iter()
        .map(|item| RawValue::from_string(item.clone()).map_err(|e| e.to_string()))
        .collect::<Result<_, String>>()?;
    serde_json::to_string(&Joined { head, items }).map_err(|e| e.to_string())
}

fn load_folder(dir: &Path) -> Result<Input, String> {
    let site_path = dir.join("_site.json");
    let site_bytes = std::fs::read(&site_path).map_err(|e| {
        format!(
            "cannot read {}: {e} (a folder needs _site.json with the feed's own fields)",
            site_path.display()
        )
    })?;
    let (site_text, site) = parse_file(&site_path, &site_bytes)?;
    let Some(members) = site.as_object() else {
        return Err(format!("{}: must be a JSON object", site_path.display()));
    };
    let mut items: Vec<String> = Vec::new();
    let mut origins = Vec::new();
    collect_items(&site_path, site_text, &site, &mut items, &mut origins);

    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "_site.json"))
        .collect();
    files.sort();
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let (text, node) = parse_file(&file, &bytes)?;
        if node.get("items").is_some() {
            collect_items(&file, text, &node, &mut items, &mut origins);
        } else {
            items.push(text[node.offset..node.end].to_owned());
            origins.push(file.display().to_string());
        }
    }

    let text = join_feed(members.iter().filter(|(k, _)| k != "items"), &items)?;
    Ok(Input { text, origins })
}

fn parse_file<'a>(path: &Path, bytes: &'a [u8]) -> Result<(&'a str, Node<'a>), String> {
    json::parse_bytes(bytes).map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line, e.column))
}

fn collect_items(path: &Path, text: &str, feed: &Node, items: &mut Vec<String>, origins: &mut Vec<String>) {
    for (i, item) in feed
        .get("items")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        items.push(text[item.offset..item.end].to_owned());
        origins.push(format!("{} items[{i}]", path.display()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(input: &Input) -> Vec<String> {
        let root = json::parse(&input.text).unwrap();
        root.get("items")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.get("id").unwrap().as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn a_next_url_chain_of_files_is_read_as_one_feed() {
        let dir = std::env::temp_dir().join(format!("gazette-chain-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("older")).unwrap();
        std::fs::write(
            dir.join("feed.json"),
            r#"{"version": "1.1", "title": "Chained", "next_url": "older/page-2.json", "items": [{"id": "a", "content_text": "A"}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("older/page-2.json"),
            r#"{"version": "1.1", "title": "Chained", "next_url": "page-3.json?x=1", "items": [{"id": "b", "content_text": "B"}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("older/page-3.json"),
            r#"{"version": "1.1", "title": "Chained", "next_url": "page-2.json", "items": [{"id": "c", "content_text": "C"}]}"#,
        )
        .unwrap();
        let input = load(&dir.join("feed.json")).unwrap();
        assert_eq!(ids(&input), ["a", "b", "c"], "every page once, a loop cut");
        assert!(
            input.origins[1].ends_with("page-2.json items[0]"),
            "{:?}",
            input.origins
        );
        let root = json::parse(&input.text).unwrap();
        assert!(root.get("next_url").is_none(), "the joined feed is whole");
        assert_eq!(root.get("title").and_then(Node::as_str), Some("Chained"));

        // A chain that goes on to the web ends where the files do.
        std::fs::write(
            dir.join("older/page-3.json"),
            r#"{"title": "Chained", "next_url": "https://example.org/page-4.json", "items": [{"id": "c", "content_text": "C"}]}"#,
        )
        .unwrap();
        assert_eq!(ids(&load(&dir.join("feed.json")).unwrap()), ["a", "b", "c"]);
        // A missing page is named.
        std::fs::remove_file(dir.join("older/page-3.json")).unwrap();
        let err = load(&dir.join("feed.json")).err().unwrap();
        assert!(err.contains("page-3.json") && err.contains("next_url"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_becomes_one_feed() {
        let dir = std::env::temp_dir().join(format!("gazette-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_site.json"),
            r#"{"version": "1.1", "title": "Site", "items": [{"id": "s"}]}"#,
        )
        .unwrap();
        std::fs::write(dir.join("b.json"), r#"{"id": "b", "content_text": "B"}"#).unwrap();
        std::fs::write(dir.join("a.json"), r#"{"items": [{"id": "a1"}, {"id": "a2"}]}"#).unwrap();
        std::fs::write(dir.join("notes.txt"), "ignored").unwrap();
        let input = load(&dir).unwrap();
        let root = json::parse(&input.text).unwrap();
        let ids: Vec<&str> = root
            .get("items")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.get("id").unwrap().as_str().unwrap())
            .collect();
        assert_eq!(ids, ["s", "a1", "a2", "b"]);
        assert_eq!(root.get("title").unwrap().as_str(), Some("Site"));
        assert!(input.origins[3].ends_with("b.json"));
        std::fs::write(dir.join("c.json"), "{\"id\": ").unwrap();
        let err = load(&dir).err().unwrap();
        assert!(err.contains("c.json:1:8"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
