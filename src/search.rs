//! Finding stories by the words in them: case and accents folded, every
//! word required, headline matches ranked first, then the newest.

use std::sync::Arc;

use crate::feed::text::fold;
use crate::feed::Article;

pub fn search(articles: &[Arc<Article>], query: &str) -> Vec<Arc<Article>> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u32, usize, &Arc<Article>)> = articles
        .iter()
        .enumerate()
        .filter_map(|(order, article)| {
            let title = fold(&article.title);
            let summary = fold(article.summary.as_deref().unwrap_or(""));
            let body = fold(&article.plain_text());
            let mut score = 0;
            for word in &words {
                let in_title = title.contains(word.as_str());
                if !in_title && !summary.contains(word.as_str()) && !body.contains(word.as_str()) {
                    return None;
                }
                score += if in_title { 3 } else { 1 };
            }
            Some((score, order, article))
        })
        .collect();
    // Articles arrive newest first, so their order breaks ties by recency.
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, a)| a.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{Block, Content, Inline};

    fn article(title: &str, body: &str) -> Arc<Article> {
        Arc::new(Article {
            slug: title.to_lowercase(),
            title: title.into(),
            content: Content::Blocks(vec![Block::Paragraph(vec![Inline::Text(body.into())])]),
            ..Article::default()
        })
    }

    #[test]
    fn every_word_required_title_first() {
        let articles = vec![
            article("Moon festival", "lanterns"),
            article("Café night", "the moon was full"),
            article("Rover", "gravel"),
        ];
        let found: Vec<String> = search(&articles, "MOON").iter().map(|a| a.title.clone()).collect();
        assert_eq!(found, ["Moon festival", "Café night"]);
        assert_eq!(search(&articles, "moon lanterns").len(), 1);
        assert_eq!(search(&articles, "cafe").len(), 1, "accents fold");
        assert!(search(&articles, "  ").is_empty());
    }
}
