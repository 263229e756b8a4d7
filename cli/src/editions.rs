//! A site in several languages: the editions the default feed declares,
//! each a feed of its own at `{prefix}feed.json`, and the links between a
//! story and its translations. Stories name their translations by `id` (or
//! by URL); before the feeds are laid out, every translation gets the
//! address of its story, relative to the feed that names it, and a story
//! named as a translation names its original back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gazette::feed::html5::Html5ever;
use gazette::feed::text::same_language;
use gazette::feed::{json, read_parsed, Edition};
use gazette::paths::{encode_segment, Paths};
use serde_json::{Map, Value};

/// One edition's feed file and its stories: `(id, slug)` in item order.
struct EditionFeed {
    edition: Edition,
    file: PathBuf,
    source: Value,
    /// For each item of `source`: the story's id and slug, if it was read.
    stories: Vec<Option<(String, String)>>,
}

/// The feed file of `edition` in the site folder `dir`.
pub fn feed_file(dir: &Path, edition: &Edition) -> PathBuf {
    dir.join(&edition.prefix).join("feed.json")
}

/// The edition's paths: the site's base, plus its prefix.
pub fn paths(site: &Paths, edition: &Edition) -> Paths {
    Paths::new(&format!("{}{}", site.home(), edition.prefix))
}

/// Reads each edition's feed in `dir` and writes it back with its
/// translations linked both ways. Returns what could not be linked: each
/// translation that names no story, as `file: items[i]: message`.
pub fn link_translations(dir: &Path, site: &Paths, editions: &[Edition]) -> Result<Vec<String>, String> {
    linked(dir, site, editions, true)
}

/// What [`link_translations`] would report, with nothing written.
pub fn translation_faults(dir: &Path, site: &Paths, editions: &[Edition]) -> Result<Vec<String>, String> {
    linked(dir, site, editions, false)
}

fn linked(dir: &Path, site: &Paths, editions: &[Edition], write: bool) -> Result<Vec<String>, String> {
    let mut feeds = Vec::new();
    for edition in editions {
        let file = feed_file(dir, edition);
        if !file.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let source: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let root = json::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut stories = vec![None; source["items"].as_array().map_or(0, Vec::len)];
        if let Ok((feed, indices)) = read_parsed(&text, &root, &paths(site, edition).feed(), &Html5ever) {
            for (article, index) in feed.articles.iter().zip(indices) {
                if let Some(slot) = stories.get_mut(index) {
                    *slot = Some((article.id.clone(), article.slug.clone()));
                }
            }
        }
        feeds.push(EditionFeed {
            edition: edition.clone(),
            file,
            source,
            stories,
        });
    }
    let faults = link(&mut feeds);
    for feed in feeds.iter().filter(|_| write) {
        let text = serde_json::to_string(&feed.source).map_err(|e| e.to_string())?;
        std::fs::write(&feed.file, text).map_err(|e| format!("cannot write {}: {e}", feed.file.display()))?;
    }
    Ok(faults)
}

/// What a translation named: a story of another edition, found.
#[derive(Clone)]
struct Found {
    edition: usize,
    slug: String,
    id: String,
}

fn link(feeds: &mut [EditionFeed]) -> Vec<String> {
    let mut faults = Vec::new();
    // Every story by id, and by its page's path below the site.
    let mut by_id: HashMap<(usize, String), String> = HashMap::new();
    for (e, feed) in feeds.iter().enumerate() {
        for (id, slug) in feed.stories.iter().flatten() {
            by_id.insert((e, id.clone()), slug.clone());
        }
    }
    let by_path = |feeds: &[EditionFeed], url: &str| -> Option<Found> {
        feeds.iter().enumerate().find_map(|(e, feed)| {
            feed.stories.iter().flatten().find_map(|(id, slug)| {
                let path = format!("{}articles/{}/", feed.edition.prefix, encode_segment(slug));
                url.trim_end_matches('/')
                    .ends_with(path.trim_end_matches('/'))
                    .then(|| Found {
                        edition: e,
                        slug: slug.clone(),
                        id: id.clone(),
                    })
            })
        })
    };
    // (edition, item) → the stories it names, found.
    let mut links: Vec<((usize, usize), Found)> = Vec::new();
    for (e, feed) in feeds.iter().enumerate() {
        let Some(items) = feed.source["items"].as_array() else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(list) = item["_gazette"]["translations"].as_array() else {
                continue;
            };
            for (t, translation) in list.iter().enumerate() {
                let lang = translation["lang"].as_str().unwrap_or_default();
                let target = feeds.iter().position(|f| same_language(&f.edition.language, lang));
                let found = match (
                    target,
                    translation["id"]
                        .as_str()
                        .map(str::to_owned)
                        .or_else(|| translation["id"].as_u64().map(|n| n.to_string())),
                ) {
                    (Some(target), Some(id)) => by_id.get(&(target, id.clone())).map(|slug| Found {
                        edition: target,
                        slug: slug.clone(),
                        id,
                    }),
                    _ => translation["url"].as_str().and_then(|url| by_path(feeds, url)),
                };
                match found {
                    Some(found) if found.edition != e => links.push(((e, i), found)),
                    _ => faults.push(format!(
                        "{}: items[{i}]._gazette.translations[{t}]: names no story of {}",
                        feed.file.display(),
                        if target.is_some() {
                            format!("the {lang} edition")
                        } else {
                            format!("an edition in {lang:?}")
                        }
                    )),
                }
            }
        }
    }
    // The links both ways, each once.
    let mut all: Vec<((usize, usize), Found)> = Vec::new();
    for ((e, i), found) in &links {
        all.push(((*e, *i), found.clone()));
        if let Some(j) = feeds[found.edition]
            .stories
            .iter()
            .position(|s| s.as_ref().is_some_and(|(id, _)| *id == found.id))
        {
            if let Some((id, slug)) = feeds[*e].stories.get(*i).cloned().flatten() {
                all.push(((found.edition, j), Found { edition: *e, slug, id }));
            }
        }
    }
    let prefixes: Vec<String> = feeds.iter().map(|f| f.edition.prefix.clone()).collect();
    let languages: Vec<String> = feeds.iter().map(|f| f.edition.language.clone()).collect();
    for ((e, i), found) in all {
        let url = relative_url(&prefixes[e], &prefixes[found.edition], &found.slug);
        let Some(item) = feeds[e].source["items"].get_mut(i) else {
            continue;
        };
        let Some(item) = item.as_object_mut() else { continue };
        let extension = item.entry("_gazette").or_insert_with(|| Value::Object(Map::new()));
        let Some(extension) = extension.as_object_mut() else {
            continue;
        };
        let list = extension
            .entry("translations")
            .or_insert_with(|| Value::Array(Vec::new()));
        let Some(list) = list.as_array_mut() else { continue };
        let language = &languages[found.edition];
        let entry = list
            .iter_mut()
            .find(|t| t["lang"].as_str().is_some_and(|l| same_language(l, language)));
        match entry {
            Some(entry) => {
                if let Some(entry) = entry.as_object_mut() {
                    entry.insert("id".to_owned(), found.id.clone().into());
                    entry.insert("url".to_owned(), url.into());
                }
            }
            None => list.push(serde_json::json!({ "lang": language, "id": found.id, "url": url })),
        }
    }
    faults
}

/// The address of story `slug` of the edition at prefix `to`, relative to
/// the feed of the edition at prefix `from` (`zh/` to `` is `../articles/x/`).
fn relative_url(from: &str, to: &str, slug: &str) -> String {
    let up = "../".repeat(from.matches('/').count());
    format!("{up}{to}articles/{}/", encode_segment(slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(language: &str, prefix: &str) -> Edition {
        Edition {
            language: language.to_owned(),
            name: language.to_owned(),
            prefix: prefix.to_owned(),
            direction: "ltr".to_owned(),
        }
    }

    #[test]
    fn translations_are_linked_both_ways_and_a_wrong_one_is_named() {
        let dir = std::env::temp_dir().join(format!("gazette-editions-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("zh")).unwrap();
        std::fs::write(
            dir.join("feed.json"),
            r#"{"title": "News", "items": [{"id": "en-1", "content_text": "One", "_gazette": {"slug": "one"}}, {"id": "en-2", "content_text": "Two"}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("zh/feed.json"),
            r#"{"title": "新闻", "items": [{"id": "zh-1", "content_text": "一", "_gazette": {"slug": "一", "translations": [{"lang": "en", "id": "en-1"}]}}, {"id": "zh-2", "content_text": "二", "_gazette": {"translations": [{"lang": "en", "id": "nowhere"}]}}]}"#,
        )
        .unwrap();
        let editions = [edition("en", ""), edition("zh-Hans", "zh/")];
        let faults = link_translations(&dir, &Paths::new("/news/"), &editions).unwrap();
        assert_eq!(faults.len(), 1, "{faults:?}");
        assert!(
            faults[0].ends_with("zh/feed.json: items[1]._gazette.translations[0]: names no story of the en edition"),
            "{faults:?}"
        );

        let read =
            |file: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap() };
        let zh = read("zh/feed.json");
        assert_eq!(zh["items"][0]["_gazette"]["translations"][0]["url"], "../articles/one/");
        let en = read("feed.json");
        assert_eq!(
            en["items"][0]["_gazette"]["translations"],
            serde_json::json!([{"lang": "zh-Hans", "id": "zh-1", "url": "zh/articles/%E4%B8%80/"}])
        );
        assert!(en["items"][1]["_gazette"].is_null());

        // Linked again, nothing is repeated.
        link_translations(&dir, &Paths::new("/news/"), &editions).unwrap();
        assert_eq!(
            read("feed.json")["items"][0]["_gazette"]["translations"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn relative_addresses_between_editions() {
        assert_eq!(relative_url("", "zh/", "x"), "zh/articles/x/");
        assert_eq!(relative_url("zh/", "", "x"), "../articles/x/");
        assert_eq!(relative_url("zh/", "ar/", "x"), "../ar/articles/x/");
    }
}
