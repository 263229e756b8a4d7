//! Search results, whichever engine found them: the stories the app holds,
//! searched in memory (a small feed), or a large archive's Pagefind index.
//! What a query means is in [`crate::feed::search`].

use std::sync::Arc;

use crate::feed::search::{Query, SearchText};
use crate::feed::{Article, Timestamp};

/// Results shown at first, and added by each "More results".
pub const RESULTS_PER_STEP: usize = 20;

/// One story found: what a result shows and what its excerpt is cut from.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    /// The story's text, for an excerpt around the matched words.
    pub body: String,
    pub published: Option<Timestamp>,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// The best matches, at most the limit asked for.
    pub hits: Vec<SearchHit>,
    /// How many stories match in all (in the chosen topic, if any).
    pub total: usize,
    /// How many stories match in every topic.
    pub all_topics_total: usize,
    /// How many stories match in each topic, whatever topic is chosen; most first.
    pub topic_counts: Vec<(String, usize)>,
    /// Whether the whole archive was searched, not only the stories loaded.
    pub whole_archive: bool,
}

impl SearchHit {
    fn from_article(article: &Article) -> SearchHit {
        SearchHit {
            slug: article.slug.clone(),
            title: article.title.clone(),
            summary: article.summary.clone(),
            body: article.text.clone(),
            published: article.published,
            topic: article.topic().map(str::to_owned),
        }
    }
}

/// The folded text of every story, made once per version of the store.
pub fn search_texts(articles: &[Arc<Article>]) -> Vec<SearchText> {
    articles
        .iter()
        .map(|a| SearchText::new(&a.title, a.summary.as_deref().unwrap_or(""), &a.text))
        .collect()
}

/// Searches `articles` (newest first, with their `texts`): every term
/// required, most relevant first, then newest.
pub fn search_articles(
    articles: &[Arc<Article>],
    texts: &[SearchText],
    query: &Query,
    topic: Option<&str>,
    limit: usize,
) -> SearchResults {
    // Best score first, then feed order (newest first), packed into one
    // number so the sort is the plain one the highlighter uses too.
    let mut found: Vec<u64> = texts
        .iter()
        .enumerate()
        .filter_map(|(order, text)| Some((u64::from(u32::MAX - text.score(query)?) << 32) | order as u64))
        .collect();
    let order_of = |packed: u64| (packed & 0xFFFF_FFFF) as usize;
    let mut topic_counts: Vec<(String, usize)> = Vec::new();
    for order in found.iter().map(|&p| order_of(p)) {
        for slug in &articles[order].topics {
            match topic_counts.iter_mut().find(|(s, _)| s == slug) {
                Some(entry) => entry.1 += 1,
                None => topic_counts.push((slug.clone(), 1)),
            }
        }
    }
    rank_topic_counts(&mut topic_counts);
    let all_topics_total = found.len();
    if let Some(topic) = topic {
        found.retain(|&p| articles[order_of(p)].in_topic(topic));
    }
    crate::feed::search::sort_packed(&mut found);
    SearchResults {
        total: found.len(),
        hits: found
            .iter()
            .take(limit)
            .map(|&p| SearchHit::from_article(&articles[order_of(p)]))
            .collect(),
        topic_counts,
        all_topics_total,
        whole_archive: false,
    }
}

/// Topics with the most matches first, then by slug.
pub fn rank_topic_counts(counts: &mut [(String, usize)]) {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

#[cfg(test)]
mod tests {
    use super::*;
    fn article(title: &str, topic: &str, body: &str) -> Arc<Article> {
        Arc::new(Article {
            slug: title.to_lowercase().replace(' ', "-"),
            title: title.into(),
            topics: vec![topic.into()],
            text: body.into(),
            ..Article::default()
        })
    }

    fn titles(results: &SearchResults) -> Vec<&str> {
        results.hits.iter().map(|h| h.title.as_str()).collect()
    }

    #[test]
    fn relevance_first_then_newest_with_counts_per_topic() {
        let articles = vec![
            article("Lantern night", "world", "paper and light"),
            article("Cafe hours", "student-life", "the moon over the lantern stall"),
            article("Moon lanterns", "world", "a full moon"),
            article("Older moon", "research", "craters"),
        ];
        let texts = search_texts(&articles);
        let all = search_articles(&articles, &texts, &Query::parse("moon"), None, 10);
        assert_eq!(titles(&all), ["Moon lanterns", "Older moon", "Cafe hours"]);
        assert_eq!(all.total, 3);
        assert_eq!(
            all.topic_counts,
            [
                ("research".to_owned(), 1),
                ("student-life".to_owned(), 1),
                ("world".to_owned(), 1)
            ]
        );
        let world = search_articles(&articles, &texts, &Query::parse("lantern"), Some("world"), 10);
        assert_eq!(titles(&world), ["Lantern night", "Moon lanterns"]);
        assert_eq!(
            world.topic_counts[0],
            ("world".to_owned(), 2),
            "counts ignore the chosen topic"
        );
        let limited = search_articles(&articles, &texts, &Query::parse("moon"), None, 1);
        assert_eq!((limited.hits.len(), limited.total), (1, 3));
    }
}
