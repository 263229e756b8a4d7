use super::*;
use std::path::{Path, PathBuf};

fn read(json: &str) -> Feed {
    read_feed(json.as_bytes(), "/news/feed.json").unwrap_or_else(|e| panic!("{e}"))
}

fn problems(feed: &Feed) -> Vec<String> {
    feed.problems.iter().map(|p| p.to_string()).collect()
}

const GAZETTE_FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Campus Courier",
  "description": "News from the campus",
  "language": "en",
  "_gazette": {"topics": [
    {"slug": "research", "name": "Research", "description": "Labs and findings"},
    {"slug": "student-life", "name": "Student Life"}
  ]},
  "items": [{
    "id": "2024-0001",
    "title": "A new furnace for the materials lab",
    "summary": "The lab can now test alloys at 1,600 °C.",
    "date_published": "2024-04-15T09:30:00+08:00",
    "image": "images/furnace-1200.jpg",
    "content_html": "<p>fallback</p>",
    "_gazette": {
      "slug": "new-furnace",
      "topic": "research",
      "views": 1873,
      "credits": [{"role": "Draft", "name": "LI Wen"}, {"role": "Revision", "name": "ZHOU Lan"}],
      "body": [
        {"type": "paragraph", "content": ["The lab ", {"type": "emphasis", "text": "finally"}, " has it. ", {"type": "link", "url": "https://example.edu/lab", "text": "Visit"}]},
        {"type": "image", "url": "images/furnace-1200.jpg", "alt": "A furnace", "caption": "The furnace", "credit": "Photo: Lab", "width": 1200, "height": 800,
         "srcset": [{"url": "images/furnace-1200.jpg", "width": 1200}, {"url": "images/furnace-600.jpg", "width": 600}]},
        {"type": "heading", "text": "What comes next"},
        {"type": "list", "items": ["one", [{"type": "strong", "text": "two"}]]},
        {"type": "quote", "text": "It is hot.", "cite": "A technician"},
        {"type": "marquee", "text": "nope"}
      ],
      "gallery": [{"url": "images/lab-2.jpg", "caption": "The lab at night", "width": 800, "height": 600}]
    }
  }]
}"#;

#[test]
fn reads_the_gazette_extension() {
    let feed = read(GAZETTE_FEED);
    assert_eq!(feed.site.title, "Campus Courier");
    assert_eq!(feed.site.tagline.as_deref(), Some("News from the campus"));
    let topics: Vec<&str> = feed.site.topics.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(topics, ["research", "student-life"]);
    assert_eq!(feed.site.topics[0].description.as_deref(), Some("Labs and findings"));

    let article = &feed.articles[0];
    assert_eq!(article.slug, "new-furnace");
    assert_eq!(article.topic(), Some("research"));
    assert_eq!(article.views, Some(1873));
    assert_eq!(
        article.credits,
        vec![
            Credit {
                role: "Draft".into(),
                name: "LI Wen".into(),
                slug: "li-wen".into(),
            },
            Credit {
                role: "Revision".into(),
                name: "ZHOU Lan".into(),
                slug: "zhou-lan".into(),
            }
        ]
    );
    assert_eq!(article.published.unwrap().long_date(), "April 15, 2024");
    let blocks = &article.body;
    assert_ne!(
        blocks[0],
        Block::Paragraph(vec![Inline::Text("fallback".into())]),
        "the body wins over content_html"
    );
    assert_eq!(blocks.len(), 5, "the unknown block is dropped");
    assert_eq!(
        blocks[0],
        Block::Paragraph(vec![
            Inline::Text("The lab ".into()),
            Inline::Emphasis(vec![Inline::Text("finally".into())]),
            Inline::Text(" has it. ".into()),
            Inline::Link {
                url: "https://example.edu/lab".into(),
                content: vec![Inline::Text("Visit".into())]
            },
        ])
    );
    let Block::Photo {
        image: photo,
        number: 0,
    } = &blocks[1]
    else {
        panic!()
    };
    assert_eq!(photo.url, "/news/images/furnace-1200.jpg");
    assert_eq!((photo.width, photo.height), (Some(1200), Some(800)));
    assert_eq!(photo.variants.iter().map(|v| v.width).collect::<Vec<_>>(), [600, 1200]);
    assert_eq!(
        blocks[2],
        Block::Heading {
            level: 2,
            content: vec![Inline::Text("What comes next".into())],
            anchor: None,
        }
    );
    assert!(matches!(&blocks[3], Block::List { ordered: false, items, .. } if items.len() == 2));
    assert_eq!(
        article.gallery()[0].alt,
        "The lab at night",
        "alt falls back to the caption"
    );
    assert_eq!(article.photos.len(), 2);
    assert_eq!(
        article.card_image().map(|i| i.caption.as_deref()),
        Some(Some("The furnace")),
        "the card photo carries the body photo's details"
    );
    let warnings = problems(&feed);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("items[0]._gazette.body[5]") && w.contains("unknown block type \"marquee\"")),
        "{warnings:?}"
    );
}

#[test]
fn a_foreign_feed_gets_slugs_topics_and_photos() {
    let feed = read(
        r#"{"version": "https://jsonfeed.org/version/1", "title": "Blog", "items": [
            {"id": "1", "url": "https://blog.example.com/2024/hello-world.html", "title": "Hello", "content_text": "Para one.\nLine two.\n\nPara two.", "tags": ["Campus Life", "Art"], "image": "https://blog.example.com/a.jpg", "attachments": [{"url": "b.png", "mime_type": "image/png"}, {"url": "c.mp3", "mime_type": "audio/mpeg"}]},
            {"id": "2", "title": "Hello", "content_html": "<p>x</p>", "tags": ["art"]},
            {"id": "3", "title": "Hello", "content_html": "<p>y</p>"}
        ]}"#,
    );
    let slugs: Vec<&str> = feed.articles.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["hello-world", "hello", "hello-2"]);
    let topics: Vec<(&str, &str)> = feed
        .site
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(topics, [("campus-life", "Campus Life"), ("art", "Art")]);
    assert_eq!(feed.articles[0].topic(), Some("campus-life"));
    assert_eq!(
        feed.articles[0].topics,
        ["campus-life", "art"],
        "every tag is a topic of the story"
    );
    assert_eq!(feed.articles[1].topic(), Some("art"));
    assert_eq!(feed.articles[2].topic(), None);
    let blocks = &feed.articles[0].body;
    assert_eq!(blocks.len(), 3, "two paragraphs and the audio attachment: {blocks:?}");
    assert!(matches!(&blocks[2], Block::Media(m) if m.url == "/news/c.mp3"));
    assert_eq!(
        blocks[0],
        Block::Paragraph(vec![
            Inline::Text("Para one.".into()),
            Inline::LineBreak,
            Inline::Text("Line two.".into())
        ])
    );
    let photos: Vec<&str> = feed.articles[0].photos.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(photos, ["https://blog.example.com/a.jpg", "/news/b.png"]);
    assert_eq!(
        feed.articles[0].card_image().unwrap().url,
        "https://blog.example.com/a.jpg"
    );
    assert_eq!(
        feed.articles[1].body,
        [Block::Paragraph(vec![Inline::Text("x".into())])]
    );
}

#[test]
fn bad_stories_are_skipped_and_named() {
    let feed = read(
        r#"{"version": "1.1", "title": "T", "items": [
            {"id": "ok", "content_text": "fine"},
            {"title": "no id", "content_text": "x"},
            {"id": true, "content_text": "x"},
            {"id": "no-content", "title": "x"},
            {"id": "wrong-title", "title": 5, "content_text": "x"},
            "not an object",
            {"id": "ok", "content_text": "duplicate"},
            {"id": 42, "content_text": "numeric ids are fine"},
            {"url": "https://x.example/p", "content_text": "url stands in for id"}
        ]}"#,
    );
    let ids: Vec<&str> = feed.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ok", "42", "https://x.example/p"]);
    let skipped: Vec<String> = feed
        .problems
        .iter()
        .filter(|p| p.skipped_story)
        .map(|p| p.to_string())
        .collect();
    assert_eq!(skipped.len(), 6, "{skipped:?}");
    assert!(
        skipped[0].starts_with("items[1].id (line 3, column 13): the story has no id"),
        "{}",
        skipped[0]
    );
    assert!(skipped[1].contains("items[2].id") && skipped[1].contains("found a boolean"));
    assert!(skipped[2].contains("items[3]") && skipped[2].contains("no content_html, content_text"));
    assert!(skipped[3].contains("items[4].title") && skipped[3].contains("should be a string, found a number"));
    assert!(skipped[4].contains("items[5]") && skipped[4].contains("found a string"));
    assert!(skipped[5].contains("items[6].id") && skipped[5].contains("repeats the id of items[0]"));
}

#[test]
fn lesser_faults_only_drop_the_value() {
    let feed = read(
        r#"{"title": "T", "items": [{"id": "a", "content_text": "x", "date_published": "last Tuesday",
            "url": "javascript:alert(1)", "image": "data:text/html,<script>", "authors": [{"avatar": "x.png"}, {"name": "Ann"}],
            "_gazette": {"views": -3, "topic": "nowhere", "slug": "Bad Slug"}}]}"#,
    );
    let article = &feed.articles[0];
    assert_eq!(article.published, None);
    assert_eq!(article.url, None);
    assert_eq!(article.card_image(), None);
    assert_eq!(article.views, None);
    assert_eq!(
        article.authors,
        vec![Author {
            name: Some("Ann".into()),
            slug: Some("ann".into()),
            ..Author::default()
        }]
    );
    assert_eq!(article.slug, "x", "derived from the title, which came from the content");
    let text = problems(&feed).join("\n");
    for expected in [
        "version",
        "date_published",
        "items[0].url",
        "items[0].image",
        "authors[0]",
        "_gazette.views",
        "_gazette.topic",
        "_gazette.slug",
    ] {
        assert!(text.contains(expected), "no warning about {expected}:\n{text}");
    }
    assert!(feed.problems.iter().all(|p| !p.skipped_story));
}

#[test]
fn whole_document_failures() {
    let err = |json: &str| read_feed(json.as_bytes(), "/feed.json").unwrap_err().to_string();
    assert_eq!(err("[]"), "not a JSON Feed: the document is an array, not an object");
    assert_eq!(err("{\"title\": \"x\"}"), "not a JSON Feed: it has no \"items\" array");
    assert_eq!(
        err("{\"items\": {}}"),
        "not a JSON Feed: \"items\" is an object, not an array"
    );
    assert!(err("<!DOCTYPE html><html>").starts_with("invalid JSON at line 1, column 1: unexpected character '<'"));
    assert!(err("{\"items\": [").contains("truncated"));
}

#[test]
fn version_and_author_variants() {
    for version in [
        "1",
        "1.0",
        "1.1",
        "http://jsonfeed.org/version/1",
        "https://jsonfeed.org/version/1.1",
    ] {
        let feed = read(&format!(r#"{{"version": "{version}", "title": "T", "items": []}}"#));
        assert!(feed.problems.is_empty(), "{version}: {:?}", feed.problems);
    }
    let feed = read(
        r#"{"version": "1.1", "title": "T", "authors": [{"name": "Desk"}], "items": [
            {"id": "a", "content_text": "x", "author": {"name": "Old"}, "authors": [{"name": "New"}]},
            {"id": "b", "content_text": "y"}
        ]}"#,
    );
    let names = |a: &Article| a.authors.iter().filter_map(|x| x.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&feed.articles[0]), ["New", "Old"]);
    assert_eq!(names(&feed.articles[1]), ["Desk"], "the feed's authors stand in");
}

#[test]
fn titles_are_text_with_references_decoded() {
    let feed = read(
        r#"{"title": "Blog &#8211; Lab", "items": [{"id": "a", "title": "<b>Bold</b> &amp; more", "content_html": "<p>Hello <i>there</i></p>"}, {"id": "b", "content_text": "A micro post without a title that goes on for quite a while, longer than any headline should be allowed to run."}]}"#,
    );
    assert_eq!(feed.site.title, "Blog – Lab");
    assert_eq!(feed.articles[0].title, "<b>Bold</b> & more");
    assert!(feed.articles[1].title.ends_with('…'));
    assert!(feed.articles[1].title.chars().count() <= 91);
}

#[test]
fn archive_layout_and_page_info() {
    let feed = read(
        r#"{"title": "T", "next_url": "feed/page-2.json", "_gazette": {
            "topics": [{"slug": "a", "name": "A", "count": 12}],
            "archive": {"total_items": 20000, "article_url": "articles/{slug}.json", "topic_page_url": "topics/{topic}/page-{page}.json", "topic_page_size": 12, "sections_url": "sections.json"},
            "page": {"number": 1, "total_pages": 834, "total_items": 20000}
        }, "items": []}"#,
    );
    let archive = feed.site.archive.unwrap();
    assert_eq!(archive.article_url, "/news/articles/{slug}.json");
    assert_eq!(archive.topic_page_url, "/news/topics/{topic}/page-{page}.json");
    assert_eq!(archive.sections_url.as_deref(), Some("/news/sections.json"));
    assert_eq!(feed.next_url.as_deref(), Some("/news/feed/page-2.json"));
    assert_eq!(
        feed.page,
        Some(PageInfo {
            number: 1,
            total_pages: 834,
            total_stories: 20000
        })
    );
    assert_eq!(feed.site.topics[0].story_count, Some(12));
}

fn corpus(name: &str) -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpora")
        .join(name);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "SKIPPED: {} is absent (the shared corpora are not beside this clone)",
            dir.display()
        );
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Some(files)
}

/// Every real feed is shown or refused with a message; the invalid ones are refused.
#[test]
fn real_feeds_corpus() {
    let Some(files) = corpus("jsonfeed") else {
        return;
    };
    assert_eq!(files.len(), 30);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let result = read_feed(&std::fs::read(&path).unwrap(), "https://example.org/feed.json");
        match (name.as_str(), result) {
            ("gofeed-invalid.json" | "rsparser-allthis-partial-TRUNCATED.json", Err(FeedError::Json(e))) => {
                assert!(e.line > 0 && e.column > 0, "{name}: {e}")
            }
            (_, Ok(feed)) if !name.contains("invalid") && !name.contains("TRUNCATED") => {
                let shown = feed.articles.len();
                let skipped = feed.problems.iter().filter(|p| p.skipped_story).count();
                assert!(shown + skipped > 0 || name.contains("empty"), "{name}: nothing read");
                for article in &feed.articles {
                    assert!(
                        !article.title.is_empty() && !article.slug.is_empty() && !article.id.is_empty(),
                        "{name}: {article:?}"
                    );
                }
            }
            (_, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

#[test]
fn real_feed_details() {
    let Some(_) = corpus("jsonfeed") else { return };
    let load = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/corpora/jsonfeed")
            .join(name);
        read_feed(&std::fs::read(path).unwrap(), "https://example.org/feed.json").unwrap()
    };
    let bom = load("jsonfeed-net-Simple-utf8-bom.json");
    assert_eq!(bom.articles.len(), 2);
    let influx = load("feed-rs-jsonfeed_elastic_1.1-influxdata.json");
    assert_eq!(influx.site.title, "Blog – InfluxData");
    assert!(
        influx
            .articles
            .iter()
            .any(|a| a.published.is_some_and(|d| d.offset_minutes == Some(-420))),
        "RFC 2822 dates"
    );
    let curt = load("rsparser-curt.json");
    assert!(
        curt.articles.iter().all(|a| a.published.is_some()),
        "dates without seconds or zone"
    );
    let fraction = load("gofeed-version_json_10.json");
    assert!(fraction.articles[0].published.is_some());
    let pxlnv = load("rsparser-pxlnv.json");
    assert!(
        !pxlnv.problems.iter().any(|p| p.path == "version"),
        "http:// version URL"
    );
    let authors = load("rsparser-authors.json");
    assert_eq!(authors.articles.len(), 4);
}

/// feedparser's one-field cases: each is shown or refused with a message.
#[test]
fn edge_case_corpus() {
    let Some(files) = corpus("jsonfeed-edgecases") else {
        return;
    };
    assert!(files.len() >= 106);
    let mut refused = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match read_feed(&std::fs::read(path).unwrap(), "https://example.org/feed.json") {
            Ok(feed) => {
                for article in &feed.articles {
                    assert!(!article.id.is_empty() && !article.slug.is_empty(), "{name}");
                }
            }
            Err(e) => {
                refused += 1;
                assert!(!e.to_string().is_empty(), "{name}");
                if name.contains("nan") || name.contains("infinity") {
                    assert!(matches!(e, FeedError::Json(_)), "{name}: {e}");
                }
            }
        }
    }
    assert!(refused < files.len());
    let html_title = read_feed(
        &std::fs::read(
            files
                .iter()
                .find(|p| p.ends_with("feedparser-items-title-html-is-ignored.json"))
                .unwrap(),
        )
        .unwrap(),
        "/f.json",
    );
    if let Ok(feed) = html_title {
        assert!(
            feed.articles
                .iter()
                .all(|a| !a.title.contains("<script>") || a.title.contains("<blink>")),
            "HTML stays text"
        );
    }
}

#[test]
fn a_bad_credit_translation_or_correction_is_named_and_the_others_kept() {
    let feed = read_feed(
        br#"{"version": "1.1", "title": "T", "items": [{"id": "a", "content_text": "a", "_gazette": {
            "credits": [{"role": "Draft"}, {"role": "Revision", "name": "Bo Chen"}],
            "translations": [{"lang": "zh"}, {"lang": "zh", "id": 7}],
            "corrections": [{"date": "2026-01-02"}, {"text": "Fixed a name."}]
        }}, {"id": "b", "content_text": "b", "_gazette": {"credits": "Bo Chen"}}]}"#,
        "/feed.json",
    )
    .unwrap();
    let story = &feed.articles[0];
    assert_eq!(story.credits.len(), 1);
    assert_eq!(
        (story.credits[0].name.as_str(), story.credits[0].slug.as_str()),
        ("Bo Chen", "bo-chen")
    );
    assert_eq!(story.translations.len(), 1);
    assert_eq!(
        story.translations[0].id.as_deref(),
        Some("7"),
        "a numeric id is read as its text"
    );
    assert_eq!(story.corrections.len(), 1);
    assert_eq!(story.corrections[0].text, "Fixed a name.");
    let text = problems(&feed).join("\n");
    for expected in [
        "items[0]._gazette.credits[0]",
        "a credit needs a \"role\" and a \"name\"",
        "items[0]._gazette.translations[0]",
        "a translation needs a \"lang\" and an \"id\" or a \"url\"",
        "items[0]._gazette.corrections[0]",
        "a correction needs its \"text\"",
        "items[1]._gazette.credits",
        "should be an array, found a string; ignored",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    assert_eq!(feed.articles.len(), 2, "no story is left out for a bad entry");
}

/// Counts the pauses it is asked for and makes the read wait at each, as
/// the browser's slices do.
struct CountingPause {
    pauses: usize,
}

impl Pause for CountingPause {
    async fn before_each_story(&mut self) {
        self.pauses += 1;
        PendingOnce(false).await;
    }
}

/// A future that is pending once, then ready: a pause that really stops.
struct PendingOnce(bool);

impl std::future::Future for PendingOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

#[test]
fn a_read_in_slices_pauses_before_each_story_and_reads_the_same_feed() {
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "title": "A", "content_html": "<p>One</p>"},
        {"id": "a", "title": "Again", "content_html": "<p>Repeated</p>"},
        {"id": "b", "title": "B", "content_text": "Two"},
        {"id": "c", "title": "C", "content_text": "Three"}
    ]}"#;
    let mut pause = CountingPause { pauses: 0 };
    let mut polls = 0;
    let sliced = {
        let mut reading = std::pin::pin!(read_feed_in_slices(
            json.as_bytes(),
            "/feed.json",
            &crate::html5::Html5ever,
            &mut pause
        ));
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            polls += 1;
            if let std::task::Poll::Ready(result) = std::future::Future::poll(reading.as_mut(), &mut context) {
                break result.unwrap();
            }
        }
    };
    // Before each of the four items, a repeated one included: four pauses,
    // each a poll of its own.
    assert_eq!(pause.pauses, 4);
    assert_eq!(polls, 5);
    assert_eq!(
        sliced,
        read(json),
        "the same stories, problems and site as a read in one go"
    );
}

/// A pause that counts the times the reader asked for the HTML parser and
/// answers as told (the browser fetches that code on demand).
struct MarkupPause {
    asked: usize,
    arrives: bool,
}

impl Pause for MarkupPause {
    async fn before_each_story(&mut self) {}

    async fn markup_needed(&mut self) -> bool {
        self.asked += 1;
        self.arrives
    }
}

fn read_asking_for_markup(json: &str, arrives: bool) -> (Result<Feed, FeedError>, usize) {
    let mut pause = MarkupPause { asked: 0, arrives };
    let result = at_once(read_feed_in_slices(
        json.as_bytes(),
        "/feed.json",
        &crate::html5::Html5ever,
        &mut pause,
    ));
    (result, pause.asked)
}

#[test]
fn the_html_parser_is_asked_for_once_and_only_by_a_story_that_comes_as_html_or_a_graphic() {
    let published = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "content_html": "<p>One</p>", "_gazette": {"body": [{"type": "paragraph", "text": "One"}]}},
        {"id": "b", "content_text": "Two"}]}"#;
    let (feed, asked) = read_asking_for_markup(published, true);
    assert_eq!(feed.unwrap().articles.len(), 2);
    assert_eq!(asked, 0, "blocks ready-made and plain text need no HTML parser");

    let as_html = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "content_text": "Text first"},
        {"id": "b", "content_html": "<p>One</p>"},
        {"id": "c", "content_html": "<p>Two</p>"}]}"#;
    let (feed, asked) = read_asking_for_markup(as_html, true);
    assert_eq!(feed.unwrap(), read_feed(as_html.as_bytes(), "/feed.json").unwrap());
    assert_eq!(asked, 1, "asked once, before the first story in HTML");

    let graphic = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "_gazette": {"body": [{"type": "list", "items": [{"blocks": [{"type": "graphic", "svg": "<svg viewBox='0 0 2 2'><rect width='1' height='1'/></svg>"}]}]}]}}]}"#;
    let (feed, asked) = read_asking_for_markup(graphic, true);
    assert!(matches!(feed.unwrap().articles[0].body[0], Block::List { .. }));
    assert_eq!(asked, 1, "a graphic, however deep, is SVG to parse");

    let (feed, asked) = read_asking_for_markup(as_html, false);
    assert_eq!(
        feed.unwrap_err(),
        FeedError::CodeMissing,
        "no story is read without the code that reads it"
    );
    assert_eq!(asked, 1);
}

#[test]
fn players_audio_and_video_are_blocks_from_html_typed_blocks_and_attachments() {
    let feed = read(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "content_html": "<p>Watch:</p><iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/abc123\" title=\"Lab tour\"></iframe><video controls poster=\"https://x.example/p.jpg\"><source src=\"https://x.example/v.mp4\" type=\"video/mp4\"><track src=\"c.vtt\"></video><p>After.</p>"},
        {"id": "b", "content_text": "Episode 12.", "attachments": [{"url": "http://pod.example/12.mp3", "mime_type": "audio/mpeg", "duration_in_seconds": 725.4, "size_in_bytes": 34400000, "title": "Episode 12"}]},
        {"id": "c", "content_html": "<p>x</p>", "_gazette": {"body": [
          {"type": "embed", "url": "https://open.spotify.com/embed/episode/xyz", "title": "Ep"},
          {"type": "audio", "url": "https://pod.example/1.mp3", "mime_type": "audio/mpeg"},
          {"type": "video", "url": "https://pod.example/1.mp4", "poster": "https://pod.example/1.jpg"}]}}]}"#,
    );
    assert!(feed.problems.is_empty(), "{:?}", problems(&feed));
    let a = &feed.articles[0].body;
    assert!(
        matches!(&a[1], Block::Embed(e) if e.provider == "YouTube" && e.url == "https://www.youtube.com/watch?v=abc123" && e.title.as_deref() == Some("Lab tour") && e.width == Some(560)),
        "{a:?}"
    );
    assert!(
        matches!(&a[2], Block::Media(m) if m.kind == MediaKind::Video && m.url == "https://x.example/v.mp4" && m.poster.as_deref() == Some("https://x.example/p.jpg") && m.mime_type.as_deref() == Some("video/mp4")),
        "{a:?}"
    );
    assert_eq!(a.len(), 4, "{a:?}");
    let b = &feed.articles[1].body;
    assert!(
        matches!(b.last(), Some(Block::Media(m)) if m.kind == MediaKind::Audio && m.duration_seconds == Some(725) && m.size_bytes == Some(34_400_000)),
        "{b:?}"
    );
    let c = &feed.articles[2].body;
    assert!(
        matches!(&c[0], Block::Embed(e) if e.provider == "Spotify" && e.url == "https://open.spotify.com/episode/xyz")
    );
    assert!(matches!(&c[1], Block::Media(m) if m.kind == MediaKind::Audio));
    assert!(matches!(&c[2], Block::Media(m) if m.kind == MediaKind::Video && m.poster.is_some()));
}

#[test]
fn neighbours_are_read_and_a_malformed_one_is_named() {
    let feed = read(
        r#"{"title": "T", "items": [
            {"id": "a", "content_text": "x", "_gazette": {"neighbours": {"newer": {"slug": "b", "title": "B"}}}},
            {"id": "c", "content_text": "y", "_gazette": {"neighbours": {"older": {"slug": "Not A Slug", "title": "D"}}}},
            {"id": "e", "content_text": "z", "_gazette": {"neighbours": ["b"]}}
        ]}"#,
    );
    let neighbours = feed.articles[0].neighbours.clone().unwrap();
    assert_eq!(
        neighbours.newer.map(|n| (n.slug, n.title)),
        Some(("b".into(), "B".into()))
    );
    assert_eq!(neighbours.older, None, "the oldest story");
    assert!(feed.articles[1].neighbours.is_none() && feed.articles[2].neighbours.is_none());
    let text = problems(&feed).join("\n");
    assert!(
        text.contains("items[1]._gazette.neighbours") && text.contains("items[2]._gazette.neighbours"),
        "{text}"
    );
}
