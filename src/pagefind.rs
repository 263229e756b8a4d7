//! Search in a large archive through its Pagefind index (written by
//! `gazette build`): Pagefind's own script is loaded on demand, the first
//! time a reader opens the search page, and each query fetches only the
//! index chunks and story fragments it needs.

use crate::feed::json::{self, Node};
use crate::feed::search::Query;
use crate::feed::Timestamp;
use crate::search::{rank_topic_counts, SearchHit, SearchResults};

/// What Pagefind found, as its script hands it over (JSON text).
pub fn read_results(text: &str) -> Option<SearchResults> {
    let root = json::parse(text).ok()?;
    let total = root.get("total")?.as_u64()? as usize;
    let mut topic_counts: Vec<(String, usize)> = root
        .get("topics")
        .map(|topics| {
            topics
                .as_object()
                .unwrap_or_default()
                .iter()
                .filter_map(|(slug, count)| Some((slug.to_string(), count.as_u64()? as usize)))
                .filter(|(_, count)| *count > 0)
                .collect()
        })
        .unwrap_or_default();
    rank_topic_counts(&mut topic_counts);
    // In the order the engine ranked them (relevance, then newest).
    let hits = root
        .get("hits")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(read_hit)
        .collect();
    Some(SearchResults {
        hits,
        total,
        topic_counts,
        all_topics_total: total,
        whole_archive: true,
    })
}

fn read_hit(hit: &Node) -> Option<SearchHit> {
    let meta = hit.get("meta")?;
    let text = |key: &str| meta.get(key).and_then(Node::as_str).map(str::to_owned);
    // The index adds character pairs for CJK search after U+2063; they are
    // for matching only.
    let content = hit.get("content").and_then(Node::as_str).unwrap_or("");
    let body = content.split('\u{2063}').next().unwrap_or("").to_owned();
    Some(SearchHit {
        slug: text("slug")?,
        title: text("title")?,
        summary: text("summary"),
        body,
        published: text("date").as_deref().and_then(Timestamp::parse),
        topic: text("topic"),
    })
}

/// Starts loading the engine so the first query does not wait for it.
pub fn preload(folder: &str) {
    crate::browser::pagefind_preload(folder);
}

/// Searches the index in `folder` (the URL of the folder holding `pagefind.js`).
pub async fn search(folder: &str, query: &Query, topic: Option<&str>, limit: usize) -> Result<SearchResults, String> {
    let text =
        crate::browser::pagefind_results(folder, &query.to_pagefind(), topic.unwrap_or(""), limit as u32).await?;
    let mut results =
        read_results(&text).ok_or_else(|| "the search index answered in an unexpected shape".to_owned())?;
    // The engine counts matches in the chosen topic only; a story in
    // several topics is counted in each, so this is an upper bound.
    if topic.is_some() {
        results.all_topics_total = results.topic_counts.iter().map(|t| t.1).sum();
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_engine_order_and_leave_out_the_character_pairs() {
        let text = r#"{"total":3,"topics":{"world":2,"research":1,"art":0},"hits":[
            {"meta":{"slug":"best","title":"Best","summary":"S"},"content":""},
            {"meta":{"slug":"new","title":"New","date":"2026-01-01T00:00:00Z"},"content":"New story."},
            {"meta":{"slug":"old","title":"Old","date":"2020-01-01T00:00:00Z","topic":"world"},"content":"Old story. \u2063 赏月"},
            {"meta":{"title":"No slug"}}]}"#;
        let results = read_results(text).unwrap();
        let slugs: Vec<&str> = results.hits.iter().map(|h| h.slug.as_str()).collect();
        assert_eq!(slugs, ["best", "new", "old"]);
        assert_eq!(results.hits[2].body, "Old story. ");
        assert_eq!(
            results.topic_counts,
            [("world".to_owned(), 2), ("research".to_owned(), 1)]
        );
        assert_eq!(results.total, 3);
        assert!(read_results("[]").is_none());
    }
}
