//! The search index of a large archive, built by Pagefind (`npm install
//! pagefind`, which brings its own binary): the app loads it on demand and
//! fetches only the few small index and fragment files a query touches.
//!
//! Pagefind indexes HTML, so every story becomes a small page written for it
//! alone: the story's words in `data-pagefind-body`, and in `data-pagefind-meta`
//! what a result shows (slug, headline, summary, date, topic). Pagefind splits
//! words at spaces, so each run of Chinese, Japanese or Korean characters is
//! also indexed as its overlapping character pairs, after an invisible
//! separator (U+2063) that the app cuts the page's text at.

use std::path::{Path, PathBuf};
use std::process::Command;

use gazette::feed::search::{cjk_pairs, is_cjk};
use gazette::feed::{Article, Feed};

use crate::xml::xml_escape;

/// The folder, beside `feed.json`, that holds the index.
pub const FOLDER: &str = "pagefind";

/// Pagefind's command: `GAZETTE_PAGEFIND` when set, else `pagefind` on the
/// `PATH` or in `./node_modules/.bin` (where `make setup` installs it).
pub fn find_pagefind() -> Option<PathBuf> {
    crate::tools::find("pagefind", "GAZETTE_PAGEFIND")
}

/// The file in the index's folder that says what it was made from: the
/// hash of every story's search page.
const MADE_FROM: &str = "gazette-index-of.txt";

/// Whether the index was made now or was already the index of these stories.
pub enum Indexed {
    Made,
    Unchanged,
}

/// Writes `out/pagefind/`: the index of every story in `feed`. An index
/// made from the very same stories is kept as it stands: Pagefind takes
/// minutes and gigabytes for a large archive.
pub fn write(pagefind: &Path, feed: &Feed, out: &Path) -> Result<Indexed, String> {
    let language = feed.site.language.as_deref().unwrap_or("en");
    let made_from = feed
        .articles
        .iter()
        .fold(crate::hashing::fnv1a(language.as_bytes()), |hash, article| {
            let page = story_page(article, language);
            hash.rotate_left(5) ^ crate::hashing::fnv1a(format!("{}\0{page}", article.slug).as_bytes())
        });
    let made_from = format!("{made_from:016x}\n");
    let folder = out.join(FOLDER);
    if std::fs::read_to_string(folder.join(MADE_FROM)).is_ok_and(|held| held == made_from) {
        crate::written::record_folder(&folder);
        return Ok(Indexed::Unchanged);
    }
    let pages = std::env::temp_dir().join(format!("gazette-search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&pages);
    let result = (|| {
        for article in &feed.articles {
            let dir = pages.join(&article.slug);
            std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            std::fs::write(dir.join("index.html"), story_page(article, language))
                .map_err(|e| format!("cannot write the search page of {}: {e}", article.slug))?;
        }
        let output = Command::new(pagefind)
            .arg("--site")
            .arg(&pages)
            .arg("--output-path")
            .arg(out.join(FOLDER))
            .output()
            .map_err(|e| format!("cannot run Pagefind ({}): {e}", pagefind.display()))?;
        if !output.status.success() {
            crate::written::record_folder(&folder);
            return Err(format!(
                "Pagefind failed ({}):\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        std::fs::write(folder.join(MADE_FROM), &made_from)
            .map_err(|e| format!("cannot write {}: {e}", folder.join(MADE_FROM).display()))?;
        crate::written::record_folder(&folder);
        Ok(Indexed::Made)
    })();
    let _ = std::fs::remove_dir_all(&pages);
    result
}

fn story_page(article: &Article, language: &str) -> String {
    let text = &article.text;
    let summary = article.summary.as_deref().unwrap_or("");
    let mut page = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>",
        xml_escape(language)
    );
    page.push_str(&xml_escape(&article.title));
    page.push_str("</title></head><body data-pagefind-body>");
    for (key, value) in [
        ("slug", Some(article.slug.as_str())),
        ("title", Some(article.title.as_str())),
        ("summary", article.summary.as_deref()),
        ("topic", article.topic()),
    ] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            page.push_str(&format!(
                "<meta data-pagefind-meta=\"{key}[content]\" content=\"{}\">",
                xml_escape(value)
            ));
        }
    }
    if let Some(date) = article.published {
        page.push_str(&format!(
            "<meta data-pagefind-meta=\"date[content]\" content=\"{}\">",
            date
        ));
    }
    for topic in &article.topics {
        page.push_str(&format!(
            "<meta data-pagefind-filter=\"topic[content]\" content=\"{}\">",
            xml_escape(topic)
        ));
    }
    // Pagefind weighs a headline above the body as it would on a real page.
    page.push_str(&format!(
        "<h1>{}</h1><p>{}</p>",
        xml_escape(&article.title),
        xml_escape(summary)
    ));
    for paragraph in text.split('\n').filter(|p| !p.trim().is_empty()) {
        page.push_str(&format!("<p>{}</p>", xml_escape(paragraph)));
    }
    let pairs = cjk_runs(&format!("{}\n{summary}\n{text}", article.title));
    if !pairs.is_empty() {
        page.push_str(&format!("<p>\u{2063} {}</p>", pairs.join(" ")));
    }
    page.push_str("</body></html>");
    page
}

/// The character pairs of every CJK run in `text`.
fn cjk_runs(text: &str) -> Vec<String> {
    let mut pairs = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_cjk(c) {
            run.push(c);
        } else if !run.is_empty() {
            pairs.extend(cjk_pairs(&std::mem::take(&mut run)));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::feed::Timestamp;

    #[test]
    fn a_story_page_carries_its_words_meta_and_character_pairs() {
        let article = Article {
            slug: "moon".into(),
            title: "Moon <night> 赏月".into(),
            summary: Some("Lanterns \"lit\"".into()),
            topics: vec!["world".into(), "art".into()],
            published: Timestamp::parse("2026-09-28T21:00:00+08:00"),
            text: "分享故事".into(),
            ..Article::default()
        };
        let page = story_page(&article, "en");
        assert!(page.contains("<h1>Moon &lt;night&gt; 赏月</h1>"), "{page}");
        assert!(page.contains("data-pagefind-meta=\"summary[content]\" content=\"Lanterns &quot;lit&quot;\""));
        assert!(page.contains("content=\"2026-09-28T21:00:00+08:00\""));
        assert!(page.contains("data-pagefind-filter=\"topic[content]\" content=\"world\""));
        assert!(
            page.contains("data-pagefind-filter=\"topic[content]\" content=\"art\""),
            "a story is found under each of its topics"
        );
        assert!(page.contains("\u{2063} 赏月 分享 享故 故事"), "{page}");
    }
}
