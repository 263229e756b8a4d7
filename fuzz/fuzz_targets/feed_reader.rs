//! Any bytes as a feed: the reader must answer with a feed or an error,
//! never panic, and what it accepts must hold together.
#![no_main]

use gazette_feed::{read_feed, Content};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(feed) = read_feed(data, "/news/feed.json") else {
        return;
    };
    let mut slugs = std::collections::HashSet::new();
    for article in &feed.articles {
        assert!(!article.id.is_empty() && !article.title.is_empty());
        assert!(slugs.insert(article.slug.clone()), "slugs are unique: {}", article.slug);
        for photo in article.photos() {
            assert!(!photo.url.to_ascii_lowercase().starts_with("javascript:"));
        }
        let _ = article.plain_text();
        let _ = article.reading_minutes();
        let _ = article.card_image();
        if let Content::Html(html) = &article.content {
            let _ = gazette_feed::html::strip_inline_code(html);
        }
    }
    for problem in &feed.problems {
        assert!(problem.line >= 1 && problem.column >= 1);
    }
});
