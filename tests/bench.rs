//! Parse and index of a 10,000-story feed in the browser: Gazette's wasm
//! path against `JSON.parse` of the same text plus the same indexing in
//! JavaScript; and Gazette's positional reader against serde's derived
//! deserializer of the same text (the `wire` types). A benchmark run by
//! `make bench`, not part of `make test`.
#![cfg(target_arch = "wasm32")]

use gazette::feed::read_feed_with;
use gazette::feed::synthetic;
use gazette::html_parser::PlatformParser;

/// The reading itself, as the app does it but in one go: the app's read
/// yields to the page between slices, which is the page's time, not the reader's.
fn read_feed(bytes: &[u8], url: &str) -> Result<gazette::feed::Feed, gazette::feed::FeedError> {
    read_feed_with(bytes, url, &PlatformParser::default())
}
use gazette::store::Store;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What Gazette's store does, written in JavaScript: parse, resolve each
/// story's slug, topic and date, index by slug, sort newest first, group by topic.
const JS_INDEX: &str = r#"
    const feed = JSON.parse(text);
    const bySlug = new Map();
    const stories = [];
    for (const item of feed.items) {
        if (typeof item !== 'object' || item === null || item.id == null) continue;
        const g = item._gazette || {};
        const story = {
            id: String(item.id), slug: g.slug, title: item.title, summary: item.summary,
            topic: g.topic, views: g.views, credits: g.credits, body: g.body,
            date: Date.parse(item.date_published), image: item.image,
        };
        bySlug.set(story.slug, story);
        stories.push(story);
    }
    stories.sort((a, b) => b.date - a.date);
    const byTopic = new Map();
    for (const s of stories) {
        if (!byTopic.has(s.topic)) byTopic.set(s.topic, []);
        byTopic.get(s.topic).push(s);
    }
    return stories.length;
"#;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[wasm_bindgen_test]
fn parse_and_index_10000_stories_against_javascript() {
    const STORIES: usize = 10_000;
    let text = synthetic::archive(STORIES);
    let js = js_sys::Function::new_with_args("text", JS_INDEX);
    let js_text = JsValue::from_str(&text);
    let (mut wasm_times, mut js_times) = (Vec::new(), Vec::new());
    // Alternate the two, so that neither gets a warmer machine.
    for _ in 0..7 {
        let start = now();
        let store = Store::from_feed(read_feed(text.as_bytes(), "/feed.json").expect("the synthetic feed reads"));
        wasm_times.push(now() - start);
        assert_eq!(store.articles().len(), STORIES);

        let start = now();
        let count = js.call1(&JsValue::NULL, &js_text).expect("the JavaScript indexer runs");
        js_times.push(now() - start);
        assert_eq!(count.as_f64(), Some(STORIES as f64));
    }
    let (wasm, js) = (median(&mut wasm_times), median(&mut js_times));
    let line = format!(
        "BENCH wasm-vs-js stories={STORIES} bytes={} wasm_ms={wasm:.1} js_ms={js:.1} ratio={:.2} budget=2.00",
        text.len(),
        wasm / js
    );
    web_sys::console::log_1(&line.into());
}

/// Why the site reads feeds with its own positional reader and not with
/// serde: this measures what serde would cost in time. serde parses into
/// the wire types only (no model, no validation, no slugs), so its figure is
/// a lower bound for a serde-based reader.
#[wasm_bindgen_test]
fn positional_reader_against_serde_on_10000_stories() {
    const STORIES: usize = 10_000;
    let text = synthetic::archive(STORIES);
    let (mut reader_times, mut serde_times) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let start = now();
        let feed = read_feed(text.as_bytes(), "/feed.json").expect("the synthetic feed reads");
        reader_times.push(now() - start);
        assert_eq!(feed.articles.len(), STORIES);

        let start = now();
        let document =
            gazette_feed::wire::FeedDocument::from_json(text.as_bytes()).expect("serde reads the synthetic feed");
        serde_times.push(now() - start);
        assert_eq!(document.items.len(), STORIES);
    }
    let (reader, serde) = (median(&mut reader_times), median(&mut serde_times));
    let line = format!(
        "BENCH reader-vs-serde stories={STORIES} reader_ms={reader:.1} serde_ms={serde:.1} serde_ratio={:.2}",
        serde / reader
    );
    web_sys::console::log_1(&line.into());
}
