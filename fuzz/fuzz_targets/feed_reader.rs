//! Any bytes as a feed: the reader must answer with a feed or an error,
//! never panic, and what it accepts must hold together.
#![no_main]

use gazette_feed::read_feed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(feed) = read_feed(data, "/news/feed.json") else {
        return;
    };
    let mut slugs = std::collections::HashSet::new();
    for article in &feed.articles {
        assert!(!article.id.is_empty() && !article.title.is_empty());
        assert!(slugs.insert(article.slug.clone()), "slugs are unique: {}", article.slug);
        for photo in &article.photos {
            assert!(!photo.url.to_ascii_lowercase().starts_with("javascript:"));
        }
        assert!(article.reading_minutes >= 1);
        assert!(article.body_photos <= article.photos.len());
        assert!(article.card_photo.is_none_or(|n| n < article.photos.len()));
    }
    for problem in &feed.problems {
        assert!(problem.line >= 1 && problem.column >= 1);
    }
});
