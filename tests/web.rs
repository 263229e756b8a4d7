//! Browser tests: components mounted into headless Chromium, asserted on
//! their DOM. Run with `make test-browser` (wasm-pack test --headless --chrome).
#![cfg(target_arch = "wasm32")]

use gazette::app::App;
use gazette::components::feed_notice::skipped_summary;
use gazette::components::{
    ArticleMeta, BodyBlocks, FeedNotice, Figure, Lightbox, LoadFailure, Pagination, PhotoViewer,
};
use gazette::feed::read_feed_with;
use gazette::feed::{Block, Image, ImageVariant, Inline, Timestamp, Topic};
use gazette::html_parser::{read_feed, PlatformParser};
use gazette::loading::{interpret, LoadError};
use gazette::newsroom::Newsroom;
use gazette::page_shell::PageShell;
use gazette::paths::Paths;
use gazette::store::Store;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE_FEED: &[u8] = include_bytes!("../public/feed.json");

fn sample_store() -> Store {
    Store::from_feed(
        read_feed_with(SAMPLE_FEED, "/feed.json", &PlatformParser::default()).expect("the sample feed reads"),
    )
}

/// A fresh element on the page to mount into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn text(root: &web_sys::Element) -> String {
    root.text_content().unwrap_or_default()
}

fn select(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

/// Provides what the app provides its pages: the paths, a page shell, and
/// a newsroom that holds `store` and never fetches.
fn provide_fixed(paths: Paths, store: Store) -> (PageShell, Newsroom) {
    let shell = PageShell::new(paths.clone());
    let newsroom = Newsroom::fixed(shell, store);
    provide_context(shell);
    provide_context(newsroom);
    (shell, newsroom)
}

/// Mounts `view` with a newsroom that holds the sample feed and never fetches.
fn mount<V: IntoView + 'static>(base: &str, view: impl FnOnce() -> V + 'static) -> (web_sys::HtmlElement, impl Sized) {
    let root = container();
    let paths = Paths::new(base);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_fixed(paths, sample_store());
        view()
    });
    (root, handle)
}

/// The whole app at `path`, drawn from the sample feed without fetching.
fn mount_app_at(path: &str) -> (web_sys::HtmlElement, impl Sized) {
    mount_app_with(path, sample_store())
}

/// The whole app at `path`, drawn from `store` without fetching.
fn mount_app_with(path: &str, store: Store) -> (web_sys::HtmlElement, impl Sized) {
    go_to(path);
    let root = container();
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <App paths=Paths::new("/") initial=store live=false /> },
    );
    (root, handle)
}

/// Waits until the app has drawn all it draws: it draws its page in pieces,
/// each after a frame of its own (`takeover::Later`), so one tick is not
/// enough. Settled is the markup unchanged over several frames.
async fn settled(root: &web_sys::Element) {
    let mut last = String::new();
    let mut unchanged = 0;
    for _ in 0..400 {
        gazette::browser::yield_to_next_frame().await;
        leptos::task::tick().await;
        let now = root.inner_html();
        if now == last {
            unchanged += 1;
            if unchanged == 5 {
                return;
            }
        } else {
            unchanged = 0;
            last = now;
        }
    }
    panic!("the app never settled");
}

/// Points the browser at `path` before an `App` is mounted, as a fresh load would.
fn go_to(path: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

#[wasm_bindgen_test]
async fn article_meta_shows_topic_date_views_and_reading_time() {
    let topic = Topic {
        slug: "university-news".into(),
        name: "University News".into(),
        description: None,
        story_count: None,
    };
    let (root, _handle) = mount("/news/", move || {
        view! { <ArticleMeta topics=vec![topic] published=Timestamp::parse("2024-04-15T10:00:00+08:00") views=Some(1873) reading_minutes=Some(3) /> }
    });
    leptos::task::tick().await;
    let link = select(&root, "a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/news/topics/university-news/")
    );
    assert_eq!(link.text_content().as_deref(), Some("University News"));
    let time = select(&root, "time");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2024-04-15T10:00:00+08:00")
    );
    assert_eq!(time.text_content().as_deref(), Some("April 15, 2024"));
    assert!(text(&root).contains("1,873 views"), "{}", text(&root));
    assert!(text(&root).contains("3 min read"));
}

/// Components take their words from the catalog the app provides: the same
/// metadata line in Chinese and in Arabic, and the viewer's keys reversed.
#[wasm_bindgen_test]
async fn components_speak_the_catalogs_language() {
    use gazette::catalog::Catalog;
    for (json, date, views, reading) in [
        (
            include_str!("../public/strings/zh-Hans.json"),
            "2024年4月15日",
            "1,873 次阅读",
            "阅读约 3 分钟",
        ),
        (
            include_str!("../public/strings/ar.json"),
            "15 أبريل 2024",
            "1,873 مشاهدة",
            "مدة القراءة 3 د",
        ),
    ] {
        let catalog = Catalog::from_json(json).0.leak();
        let (root, _handle) = mount("/", move || {
            provide_context(catalog);
            view! { <ArticleMeta topics=vec![] published=Timestamp::parse("2024-04-15T23:30:00-07:00") views=Some(1873) reading_minutes=Some(3) /> }
        });
        leptos::task::tick().await;
        assert_eq!(select(&root, "time").text_content().as_deref(), Some(date));
        assert!(text(&root).contains(views), "{}", text(&root));
        assert!(text(&root).contains(reading), "{}", text(&root));
        assert_eq!(
            select(&root, "ul").get_attribute("aria-label").as_deref(),
            Some(catalog.about_story())
        );
    }
}

#[wasm_bindgen_test]
async fn figure_has_caption_credit_srcset_and_size() {
    let image = Image {
        url: "/images/a-960.jpg".into(),
        alt: "A furnace".into(),
        caption: Some("The new furnace".into()),
        credit: Some("Photo: Lab".into()),
        credit_content: vec![
            Inline::Text("Photo: ".into()),
            Inline::Link {
                url: "https://lab.example.edu/".into(),
                content: vec![Inline::Text("Lab".into())],
            },
        ],
        width: Some(960),
        height: Some(640),
        variants: vec![
            ImageVariant {
                url: "/images/a-480.jpg".into(),
                width: 480,
                mime_type: None,
            },
            ImageVariant {
                url: "/images/a-960.jpg".into(),
                width: 960,
                mime_type: None,
            },
        ],
        ..Image::default()
    };
    let (root, _handle) = mount("/", move || view! { <Figure image /> });
    leptos::task::tick().await;
    let img = select(&root, "figure img");
    assert_eq!(img.get_attribute("alt").as_deref(), Some("A furnace"));
    assert_eq!(img.get_attribute("width").as_deref(), Some("960"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("640"));
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(
        img.get_attribute("srcset").as_deref(),
        Some("/images/a-480.jpg 480w, /images/a-960.jpg 960w")
    );
    assert!(img.get_attribute("sizes").is_some());
    assert_eq!(
        select(&root, "figcaption .caption").text_content().as_deref(),
        Some("The new furnace")
    );
    assert_eq!(
        select(&root, "figcaption .credit").text_content().as_deref(),
        Some("Photo: Lab")
    );
    assert_eq!(
        select(&root, "figcaption .credit a").get_attribute("href").as_deref(),
        Some("https://lab.example.edu/"),
        "a link in a credit stays a link"
    );
}

#[wasm_bindgen_test]
async fn pagination_marks_the_current_page() {
    let (root, _handle) = mount(
        "/",
        || view! { <Pagination first=Paths::new("/").topic("research") current=6 total=12 /> },
    );
    leptos::task::tick().await;
    let current = select(&root, "[aria-current=page]");
    assert_eq!(current.text_content().as_deref(), Some("6"));
    assert_eq!(
        current.get_attribute("href").as_deref(),
        Some("/topics/research/?page=6")
    );
    assert!(text(&root).contains("Page 6 of 12"));
    assert_eq!(
        select(&root, "a[rel=prev]").get_attribute("href").as_deref(),
        Some("/topics/research/?page=5")
    );
    assert_eq!(
        select(&root, "a[rel=next]").get_attribute("href").as_deref(),
        Some("/topics/research/?page=7")
    );
    assert_eq!(
        select(&root, "li a").get_attribute("href").as_deref(),
        Some("/topics/research/"),
        "page 1 has no query"
    );
    assert_eq!(count(&root, ".gap"), 2, "distant pages are elided");
}

#[wasm_bindgen_test]
async fn body_text_is_never_markup() {
    let blocks = vec![
        Block::Paragraph(vec![Inline::Text(
            "<img src=x onerror=alert(1)> & <script>alert(2)</script>".into(),
        )]),
        Block::Paragraph(vec![Inline::Link {
            url: "https://example.org/".into(),
            content: vec![Inline::Text("out".into())],
        }]),
    ];
    let (root, _handle) = mount("/", move || view! { <BodyBlocks blocks /> });
    leptos::task::tick().await;
    assert_eq!(count(&root, "img, script"), 0);
    assert!(text(&root).contains("<img src=x onerror=alert(1)> & <script>alert(2)</script>"));
    assert_eq!(
        select(&root, "a").get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
}

#[wasm_bindgen_test]
async fn load_failure_is_an_alert_with_a_retry_button() {
    let error: LoadError = interpret("/feed.json", "/feed.json", 200, b"{\"items\": [")
        .await
        .unwrap_err();
    let (root, _handle) = mount("/", move || {
        let errors = ArcRwSignal::new(Errors::default());
        errors.update(|e| e.insert(0.into(), error));
        view! { <LoadFailure errors site_title="Caldera University News".to_owned() /> }
    });
    leptos::task::tick().await;
    let alert = select(&root, "[role=alert]");
    assert_eq!(
        select(&alert, "h1").text_content().as_deref(),
        Some("The news feed arrived incomplete")
    );
    assert!(text(&alert).contains("line 1, column 12"), "{}", text(&alert));
    assert_eq!(select(&alert, "button").text_content().as_deref(), Some("Try again"));
}

#[wasm_bindgen_test]
async fn feed_notice_counts_skipped_stories() {
    let feed = read_feed(br#"{"title": "T", "items": [{"id": "a", "content_text": "ok"}, {"title": "no id", "content_text": "x"}, {"id": "b"}]}"#, "/feed.json").await.unwrap();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let (_, newsroom) = provide_fixed(Paths::new("/"), Store::from_feed(feed));
        view! { <FeedNotice summary=move || newsroom.with_store(|s| skipped_summary(gazette::catalog::english(), s.skipped_stories())) /> }
    });
    leptos::task::tick().await;
    let notice = text(&root);
    assert!(notice.contains("2 stories in the feed could not be shown"), "{notice}");
    assert!(
        notice.contains("1 without an id") && notice.contains("1 without content"),
        "{notice}"
    );
}

#[wasm_bindgen_test]
async fn front_page_lists_stories_as_article_links() {
    let (root, _handle) = mount_app_at("/");
    settled(&root).await;
    let links = root.query_selector_all("main .card-headline a").unwrap();
    assert!(links.length() >= 7, "lead and latest stories: {}", links.length());
    let first = links.item(0).unwrap().unchecked_into::<web_sys::Element>();
    assert!(first.get_attribute("href").unwrap().starts_with("/articles/"));
    assert_eq!(count(&root, "h1"), 1);
    assert!(text(&select(&root, "header")).contains("Caldera University News"));
}

#[wasm_bindgen_test]
async fn article_page_puts_the_headline_in_the_article() {
    let (root, _handle) = mount_app_at("/articles/library-cat-mochi/");
    settled(&root).await;
    assert_eq!(count(&root, "h1"), 1);
    let h1 = select(&root, "article h1");
    assert_eq!(
        h1.text_content().as_deref(),
        Some("Meet Mochi, the cat who runs the library")
    );
    assert!(count(&root, "article figure img") >= 2);
    let credits = text(&select(&root, ".credits"));
    assert!(
        credits.contains("Draft: LI Na") && credits.contains("Revision: XU Lan"),
        "{credits}"
    );
    go_to("/");
}

#[wasm_bindgen_test]
async fn a_story_given_as_a_headline_and_a_link_says_where_to_read_it() {
    // A link blog's or a podcast's item, as `gazette import` writes it.
    let feed = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "Links", "items": [
        {"id": "a", "title": "Release notes for 4.2", "url": "https://releases.example.org/4.2/", "content_text": ""}]}"#;
    let store = Store::from_feed(read_feed_with(feed, "/feed.json", &PlatformParser::default()).unwrap());
    let slug = store.articles()[0].slug.clone();
    let (root, _handle) = mount_app_with(&format!("/articles/{slug}/"), store);
    settled(&root).await;
    assert_eq!(
        select(&root, "article h1").text_content().as_deref(),
        Some("Release notes for 4.2")
    );
    let elsewhere = select(&root, "article .story-body .read-elsewhere");
    assert_eq!(text(&elsewhere), "Read this story at releases.example.org");
    assert_eq!(
        select(&elsewhere, "a").get_attribute("href").as_deref(),
        Some("https://releases.example.org/4.2/")
    );
    assert_eq!(count(&root, ".original-link"), 0, "said once, at the top");
    go_to("/");
}

#[wasm_bindgen_test]
async fn a_player_is_a_facade_and_audio_plays_in_native_controls() {
    use gazette::feed::{Embed, Media, MediaKind};
    let blocks = vec![
        Block::Embed(Embed {
            url: "https://www.youtube.com/watch?v=abc".into(),
            provider: "YouTube".into(),
            title: Some("Lab tour".into()),
            thumbnail: Some("https://i.ytimg.com/vi/abc/hqdefault.jpg".into()),
            width: Some(560),
            height: Some(315),
            player: None,
        }),
        Block::Media(Media {
            kind: MediaKind::Audio,
            url: "https://pod.example/12.mp3".into(),
            mime_type: Some("audio/mpeg".into()),
            poster: None,
            title: Some("Episode 12".into()),
            duration_seconds: Some(725),
            size_bytes: Some(34_400_000),
        }),
    ];
    let (root, _handle) = mount("/", move || view! { <BodyBlocks blocks /> });
    leptos::task::tick().await;
    assert_eq!(
        count(&root, "iframe"),
        0,
        "nothing of the provider loads before the reader asks"
    );
    let facade = select(&root, "figure.embed a.embed-facade");
    assert_eq!(
        facade.get_attribute("href").as_deref(),
        Some("https://www.youtube.com/watch?v=abc")
    );
    assert_eq!(facade.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(text(&facade), "Open on YouTubeLab tour");
    assert_eq!(select(&facade, "img").get_attribute("alt").as_deref(), Some(""));
    let audio = select(&root, "figure.media audio");
    assert!(audio.has_attribute("controls"));
    assert_eq!(audio.get_attribute("preload").as_deref(), Some("none"));
    assert_eq!(audio.get_attribute("aria-label").as_deref(), Some("Episode 12"));
    assert_eq!(
        select(&audio, "source").get_attribute("type").as_deref(),
        Some("audio/mpeg")
    );
    let caption = text(&select(&root, "figure.media figcaption"));
    assert!(
        caption.contains("12:05 · 34 MB") && caption.contains("Download"),
        "{caption}"
    );
}

/// An inline SVG chart, read by the browser's own parser, is drawn as an
/// image of itself that the browser decodes, named by its title; what runs
/// or loads in it is gone.
#[wasm_bindgen_test]
async fn an_svg_chart_is_an_image_of_itself_with_its_title() {
    use gazette::feed::html::{blocks_from_html, strip_inline_code, HtmlParser};
    let html = r##"<p>Enrolment grew.</p><svg viewBox="0 0 200 100" onload="window.__svg=1"><title>Enrolment by year</title>
        <defs><linearGradient id="g"><stop offset="0" stop-color="#1b4d8c"/><stop offset="1" stop-color="#8cb4e6"/></linearGradient></defs>
        <rect x="10" y="40" width="30" height="60" fill="url(#g)" style="stroke:#000"/><script>window.__svg=1</script>
        <text x="10" y="20">12,400</text></svg>"##;
    let blocks = blocks_from_html(
        &PlatformParser::default().parse(&strip_inline_code(html)),
        "https://news.example.edu/",
    );
    let graphic = blocks.iter().find_map(|b| match b {
        Block::Graphic(g) => Some(g.clone()),
        _ => None,
    });
    let graphic = graphic.expect("the chart is a graphic block");
    assert!(graphic.svg.contains(r##"<linearGradient id="g">"##), "{}", graphic.svg);
    assert!(graphic.svg.contains(r##"stroke="#000""##), "{}", graphic.svg);
    assert!(!graphic.svg.contains("script") && !graphic.svg.contains("onload"));
    let (root, _handle) = mount("/", move || view! { <BodyBlocks blocks /> });
    leptos::task::tick().await;
    assert_eq!(count(&root, "svg"), 0, "no SVG element in the page itself");
    let img: web_sys::HtmlImageElement = select(&root, "figure.graphic img").unchecked_into();
    assert_eq!(img.alt(), "Enrolment by year");
    assert_eq!(
        (
            img.get_attribute("width").as_deref(),
            img.get_attribute("height").as_deref()
        ),
        (Some("200"), Some("100"))
    );
    wasm_bindgen_futures::JsFuture::from(img.decode())
        .await
        .expect("the graphic decodes as an image");
    assert_eq!(img.natural_width(), 200);
    let marker = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__svg".into()).unwrap();
    assert!(marker.is_undefined(), "nothing in the graphic ran");
}

#[wasm_bindgen_test]
async fn unknown_paths_show_not_found() {
    let (root, _handle) = mount_app_at("/no/such/page");
    settled(&root).await;
    assert_eq!(select(&root, "h1").text_content().as_deref(), Some("Page not found"));
    assert!(count(&root, ".not-found a") >= 2);
    go_to("/");
}

/// Waits `ms` milliseconds on the browser's clock.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn press(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn photo(n: usize) -> Image {
    Image {
        url: format!("/images/photo-{n}.jpg"),
        alt: format!("Photo number {n}"),
        caption: Some(format!("Caption {n}")),
        width: Some(800),
        height: Some(600),
        ..Image::default()
    }
}

#[wasm_bindgen_test]
async fn the_viewer_follows_keys_and_the_address() {
    let root = container();
    let viewer_slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = viewer_slot.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let (shell, _) = provide_fixed(Paths::new("/"), Store::default());
        shell.mark_live();
        let viewer = PhotoViewer::new(3);
        provide_context(viewer);
        slot.set(Some(viewer));
        view! { <Lightbox photos=vec![photo(1), photo(2), photo(3)] title="A story".to_owned() /> }
    });
    leptos::task::tick().await;
    let viewer = viewer_slot.get().unwrap();
    let dialog = select(&root, "dialog");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert!(!dialog.has_attribute("open"), "closed until a photo is chosen");

    viewer.open(0);
    leptos::task::tick().await;
    assert!(dialog.has_attribute("open"));
    assert_eq!(
        select(&root, ".viewer-position").text_content().as_deref(),
        Some("Photo 1 / 3")
    );
    assert_eq!(window().location().hash().unwrap(), "#photo-1");

    press(&dialog, "ArrowRight");
    leptos::task::tick().await;
    assert_eq!(viewer.index(), Some(1));
    assert_eq!(window().location().hash().unwrap(), "#photo-2");
    press(&dialog, "End");
    leptos::task::tick().await;
    assert_eq!(
        select(&root, ".viewer-position").text_content().as_deref(),
        Some("Photo 3 / 3")
    );
    assert_eq!(
        select(&root, ".viewer-next").get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    press(&dialog, "ArrowRight");
    press(&dialog, "Home");
    leptos::task::tick().await;
    assert_eq!(viewer.index(), Some(0));
    assert_eq!(
        select(&root, ".viewer-thumb[aria-current=true]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Photo 1 of 3: Caption 1")
    );

    press(&dialog, "Escape");
    // Closing goes Back through the entry opening added.
    sleep(100).await;
    leptos::task::tick().await;
    assert_eq!(viewer.index(), None);
    assert!(!dialog.has_attribute("open"));
    assert_eq!(window().location().hash().unwrap(), "");
}

#[wasm_bindgen_test]
async fn highlighting_marks_matches_as_text_never_markup() {
    use gazette::components::Highlighted;
    use gazette::feed::search::Query;
    let (root, _handle) = mount("/", || {
        view! {
            <p><Highlighted text="Café <b>crème</b> at the CAFÉ, 赏月".to_owned() query=Query::parse("cafe 赏月 crem") /></p>
        }
    });
    leptos::task::tick().await;
    let marks: Vec<String> = (0..count(&root, "mark"))
        .map(|i| {
            root.query_selector_all("mark")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(marks, ["Café", "crèm", "CAFÉ", "赏月"], "a prefix marks the part typed");
    assert_eq!(count(&root, "b"), 0, "feed text stays text");
    assert_eq!(text(&root), "Café <b>crème</b> at the CAFÉ, 赏月");
}

#[wasm_bindgen_test]
async fn search_results_rank_headlines_first_and_mark_every_match() {
    let (root, _handle) = mount_app_at("/search/?q=library");
    for _ in 0..20 {
        if count(&root, ".search-result") > 0 {
            break;
        }
        sleep(20).await;
    }
    let results = root.query_selector_all(".search-result-headline").unwrap();
    let headlines: Vec<String> = (0..results.length())
        .map(|i| results.item(i).unwrap().text_content().unwrap())
        .collect();
    assert!(headlines.len() >= 3, "{headlines:?}");
    let in_headline: Vec<bool> = headlines.iter().map(|h| h.to_lowercase().contains("library")).collect();
    let mut sorted = in_headline.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(in_headline, sorted, "headline matches first: {headlines:?}");
    assert!(count(&root, ".search-result-headline mark") >= 1);
    let marks = root.query_selector_all(".search-results mark").unwrap();
    for i in 0..marks.length() {
        assert_eq!(marks.item(i).unwrap().text_content().unwrap().to_lowercase(), "library");
    }
    assert!(text(&select(&root, ".search-count")).ends_with("match “library”."));
    go_to("/");
}

#[wasm_bindgen_test]
async fn a_passage_in_chinese_is_marked_as_chinese() {
    let blocks = vec![
        Block::Paragraph(vec![Inline::Text("The festival was bilingual.".into())]),
        Block::Paragraph(vec![Inline::Text("学生们在草坪上赏月。".into())]),
    ];
    let (root, _handle) = mount("/", move || view! { <BodyBlocks blocks /> });
    leptos::task::tick().await;
    assert_eq!(count(&root, "p[lang]"), 1);
    assert_eq!(select(&root, "p[lang]").get_attribute("lang").as_deref(), Some("zh"));
}

/// The nested-Markdown fixture every reader of HTML is tested on.
const NESTED_MARKDOWN: &str = include_str!("fixtures/nested-markdown.html");

/// The first place two readings of the same stories differ, if any.
fn first_difference(a: &gazette::feed::Feed, b: &gazette::feed::Feed) -> Option<String> {
    if a.articles.len() != b.articles.len() {
        return Some(format!("{} stories against {}", a.articles.len(), b.articles.len()));
    }
    for (x, y) in a.articles.iter().zip(&b.articles) {
        if x == y {
            continue;
        }
        let block = x.body.iter().zip(&y.body).position(|(p, q)| p != q);
        return Some(match block {
            Some(i) => format!(
                "{}: block {i}:\n  DOMParser: {:?}\n  html5ever: {:?}",
                x.slug, x.body[i], y.body[i]
            ),
            None => format!("{}:\n  DOMParser: {x:?}\n  html5ever: {y:?}", x.slug),
        });
    }
    (a != b).then(|| "the feeds differ outside their stories".to_owned())
}

/// The strings of the XSS corpus: each `payload` of its JSON files, each line of its text files.
fn xss_vectors() -> Vec<String> {
    let mut vectors = Vec::new();
    for (_, text) in gazette_corpora::XSS_JSON {
        let root = gazette::feed::json::parse(text).expect("the XSS corpus is JSON");
        for entry in root.as_array().unwrap_or_default() {
            if let Some(payload) = entry.get("payload").and_then(|p| p.as_str()) {
                vectors.push(payload.to_owned());
            }
        }
    }
    for (_, text) in gazette_corpora::XSS_TEXT {
        vectors.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned));
    }
    vectors
}

/// The prerenderer reads stories with html5ever, the browser with
/// `DOMParser`: both must give the same stories, block for block, or a
/// prerendered page and the page the app draws would differ.
#[wasm_bindgen_test]
fn the_browsers_parser_and_html5ever_read_every_story_alike() {
    use gazette::browser::DomParser;
    use gazette::feed::html::{blocks_from_html, strip_inline_code, HtmlParser};
    use gazette::feed::html5::Html5ever;

    let base = "https://example.org/news/feed.json";
    let blocks = |parser: &dyn HtmlParser, html: &str| blocks_from_html(&parser.parse(&strip_inline_code(html)), base);
    let nested = blocks(&DomParser, NESTED_MARKDOWN);
    assert_eq!(
        nested,
        blocks(&Html5ever, NESTED_MARKDOWN),
        "the nested-Markdown fixture"
    );
    assert!(nested.len() > 8, "{nested:?}");

    if !gazette_corpora::PRESENT {
        web_sys::console::log_1(
            &format!("SKIPPED the corpus comparison: {} is absent", gazette_corpora::LOCATION).into(),
        );
        return;
    }
    let mut stories = 0;
    for (name, text) in gazette_corpora::JSON_FEEDS {
        let dom = read_feed_with(text.as_bytes(), base, &DomParser);
        let html5 = read_feed_with(text.as_bytes(), base, &Html5ever);
        match (&dom, &html5) {
            (Ok(a), Ok(b)) => {
                if let Some(difference) = first_difference(a, b) {
                    panic!("{name}: {difference}");
                }
                stories += a.articles.len();
            }
            _ => assert_eq!(dom, html5, "{name}"),
        }
    }
    assert!(stories > 300, "{stories} stories compared");
    let vectors = xss_vectors();
    assert!(vectors.len() > 500, "{} XSS vectors", vectors.len());
    for vector in &vectors {
        assert_eq!(blocks(&DomParser, vector), blocks(&Html5ever, vector), "{vector}");
    }
    web_sys::console::log_1(
        &format!(
            "DOMParser and html5ever agree on {stories} corpus stories and {} XSS vectors",
            vectors.len()
        )
        .into(),
    );
}
