use super::*;

const WORDPRESS: &str = include_str!("../../../tests/fixtures/wordpress-export.xml");

fn corpus() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/rss");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the RSS corpus lives beside the project)",
            dir.display()
        );
        None
    }
}

/// Whether `gazette validate` passes the converted feed, and its report.
fn validates(imported: &Imported) -> (String, bool) {
    let json = serde_json::to_string(&imported.document).unwrap();
    crate::validate::report("out.json", json.as_bytes())
}

#[test]
fn the_feed_is_written_into_a_folder_not_made_yet() {
    let dir = std::env::temp_dir().join(format!("gazette-import-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("wordpress.xml");
    std::fs::write(&input, WORDPRESS).unwrap();
    let out = dir.join("new-site/public/feed.json");
    let status = run(&input, &out, &Options::default()).unwrap();
    assert_eq!(status, ExitCode::SUCCESS);
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written["title"], "Harbour College Newsroom");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_wordpress_feed_keeps_its_bylines_topics_photos_and_zones() {
    let imported = convert("wordpress.xml", WORDPRESS.as_bytes()).unwrap();
    let items = &imported.document.items;
    assert_eq!(imported.document.title, "Harbour College Newsroom");
    assert_eq!(
        imported.document.home_page_url.as_deref(),
        Some("https://news.harbour.example.edu/")
    );
    assert_eq!(items.len(), 3, "the item with neither title nor content is left out");
    let rowing = &items[0];
    assert_eq!(rowing.authors[0].name.as_deref(), Some("ZHAO Min"));
    assert_eq!(rowing.tags, ["Campus Life", "Sport"]);
    assert_eq!(rowing.date_published.as_deref(), Some("2026-11-30T09:30:00+08:00"));
    assert_eq!(
        rowing.summary.as_deref(),
        Some("The eight crossed the line two lengths ahead after a dawn race in fog.")
    );
    assert!(rowing.content_html.as_deref().unwrap().contains("<figcaption"));
    let gallery = &rowing.gazette.as_ref().unwrap().gallery;
    assert_eq!(
        gallery[0].caption.as_deref(),
        Some("The crew on the podium with the cup")
    );
    assert_eq!(gallery[0].credit.as_deref(), Some("Photo: LIN Hao"));
    assert_eq!((gallery[0].width, gallery[0].height), (Some(1600), Some(1067)));
    assert_eq!(rowing.image.as_deref(), Some(gallery[0].url.as_str()));
    // An enclosure that is a photo joins the story's photos.
    assert!(items[1].image.as_deref().unwrap().ends_with("library-hours.png"));
    // Without media, the body's first photo is the card's.
    let seahorses = &items[2];
    assert_eq!(seahorses.image, None);
    assert!(seahorses.content_html.as_deref().unwrap().contains("212 seahorses"));
    assert_eq!(
        seahorses.summary, None,
        "a description that is the body is not also its standfirst"
    );

    let fault = imported
        .faults
        .iter()
        .find(|f| f.contains("error"))
        .expect("the empty item is reported");
    assert!(
        fault.starts_with("wordpress.xml:51:2: error: items[2]: the item has no title"),
        "{fault}"
    );
    let (report, ok) = validates(&imported);
    assert!(ok, "{report}");
    assert!(report.contains("3 stories read, 0 left out"), "{report}");
}

#[test]
fn the_first_photo_of_a_body() {
    let html =
        r#"<p>x</p><img src="data:image/gif;base64,R0l"><figure><img src="/a.jpg" alt="A"></figure><img src="/b.jpg">"#;
    assert_eq!(first_photo(html).as_deref(), Some("/a.jpg"));
    assert_eq!(first_photo("<p>No photo</p>"), None);
}

#[test]
fn a_cut_off_or_foreign_document_is_refused_with_its_line_and_column() {
    let cut = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<title>T</title>\n";
    let refused = convert("cut.xml", cut.as_bytes()).err().unwrap();
    assert!(
        refused.starts_with("cut.xml:5:1: error: the document ends inside <channel>, opened at line 3"),
        "{refused}"
    );
    let mismatched = "<rss>\n  <channel><title>T</titel></channel></rss>";
    let refused = convert("bad.xml", mismatched.as_bytes()).err().unwrap();
    assert!(refused.starts_with("bad.xml:2:"), "{refused}");
    let html = convert("page.html", b"<html><body><p>Hello</p></body></html>")
        .err()
        .unwrap();
    assert!(html.contains("not an RSS or Atom feed"), "{html}");
}

#[test]
fn json_feed_1_0_is_written_as_1_1() {
    let feed = r#"{"version": "https://jsonfeed.org/version/1", "title": "Old", "author": {"name": "Desk"},
        "items": [{"id": "1", "title": "One", "content_html": "<p>One.</p>", "date_published": "2026-11-01T08:00:00+08:00", "tags": ["News"]}]}"#;
    let imported = convert("old.json", feed.as_bytes()).unwrap();
    assert_eq!(imported.document.version, "https://jsonfeed.org/version/1.1");
    assert_eq!(imported.document.items[0].tags, ["News"]);
    assert!(validates(&imported).1);
}

#[test]
fn every_well_formed_feed_of_the_rss_corpus_imports_and_validates() {
    let Some(dir) = corpus() else { return };
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "xml" || e == "rss"));
    files.sort();
    assert_eq!(files.len(), 15, "the corpus's 15 feeds");
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        let result = convert(&name, &bytes);
        if name.contains("invalid") {
            let refused = result.err().expect("the malformed feed is refused");
            assert!(refused.starts_with(&format!("{name}:")), "{refused}");
            let position: Vec<&str> = refused.splitn(4, ':').collect();
            assert!(
                position[1].parse::<u32>().unwrap() > 1 && position[2].parse::<u32>().is_ok(),
                "{refused}"
            );
            continue;
        }
        let imported = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!imported.document.items.is_empty(), "{name}: no stories");
        let (report, ok) = validates(&imported);
        assert!(ok, "{name}: {report}");
        for item in &imported.document.items {
            if let Some(date) = &item.date_published {
                assert!(Timestamp::parse(date).is_some(), "{name}: {date}");
            }
        }
    }
}

/// The texts of the faults that are warnings.
fn warnings(imported: &Imported) -> Vec<&str> {
    imported
        .faults
        .iter()
        .map(String::as_str)
        .filter(|f| f.contains(": warning: "))
        .collect()
}

#[test]
fn an_atom_author_without_a_name_is_no_byline() {
    let jekyll = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Lab news</title><id>/feed.xml</id>
<entry><title>Release 2.1</title><id>/2026/11/release</id><link href="https://lab.example.org/2026/11/release/"/>
<author><name></name></author><content type="html">Out now.</content></entry>
<entry><title>Open day</title><id>/2026/11/open-day</id><link href="https://lab.example.org/2026/11/open-day/"/>
<author><uri>https://lab.example.org/</uri></author><content type="html">Come by.</content></entry>
<entry><title>New chair</title><id>/2026/11/chair</id><link href="https://lab.example.org/2026/11/chair/"/>
<author><name>Wen Li</name></author><content type="html">Welcome.</content></entry></feed>"#;
    let imported = convert("jekyll.xml", jekyll.as_bytes()).unwrap();
    let bylines: Vec<Vec<Option<&str>>> = imported
        .document
        .items
        .iter()
        .map(|item| item.authors.iter().map(|a| a.name.as_deref()).collect())
        .collect();
    assert_eq!(bylines, [vec![], vec![], vec![Some("Wen Li")]]);
}

#[test]
fn rss_in_a_default_namespace_keeps_its_stories_and_its_title() {
    let feed = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns="http://backend.userland.com/rss2">
<channel><title>Harbour Radio</title><link>https://radio.harbour.example.edu/</link>
<item><title>Night shift</title><link>https://radio.harbour.example.edu/night</link><description>On air till two.</description></item>
</channel></rss>"#;
    let imported = convert("userland.xml", feed.as_bytes()).unwrap();
    assert_eq!(imported.document.title, "Harbour Radio");
    assert_eq!(imported.document.items.len(), 1);
    assert!(
        !imported.faults.iter().any(|f| f.contains("no title")),
        "{:?}",
        imported.faults
    );
}

#[test]
fn an_undeclared_latin_1_feed_is_read_and_the_first_odd_byte_named() {
    let mut feed = b"<rss version=\"2.0\">\n<channel><title>Gazette de l'Universit".to_vec();
    feed.push(0xE9);
    feed.extend_from_slice(b"</title>\n<item><title>Caf");
    feed.push(0xE9);
    feed.extend_from_slice(b" du campus</title><link>https://u.example.fr/cafe</link></item></channel></rss>");
    let imported = convert("latin.xml", &feed).unwrap();
    assert_eq!(imported.document.title, "Gazette de l'Université");
    assert_eq!(imported.document.items[0].title.as_deref(), Some("Café du campus"));
    assert!(
        imported
            .faults
            .iter()
            .any(|f| f.starts_with("latin.xml:2:39: warning: ") && f.contains("windows-1252")),
        "{:?}",
        imported.faults
    );
}

#[test]
fn a_headline_and_a_link_is_a_story_and_a_permalink_guid_is_its_address() {
    let feed = r#"<rss version="2.0"><channel><title>Links</title><link>https://links.example.org/</link>
<item><title>Release notes for 4.2</title><link>https://releases.example.org/4.2/</link></item>
<item><title>Episode 12</title><guid>https://pod.example.org/12</guid><description>Talk.</description></item>
<item><title>Episode 11</title><guid isPermaLink="false">pod-11</guid><description>Talk.</description></item>
</channel></rss>"#;
    let imported = convert("links.xml", feed.as_bytes()).unwrap();
    let items = &imported.document.items;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].url.as_deref(), Some("https://releases.example.org/4.2/"));
    assert_eq!(
        items[0].content_text.as_deref(),
        Some(""),
        "JSON Feed asks for a content field"
    );
    assert_eq!(
        items[1].url.as_deref(),
        Some("https://pod.example.org/12"),
        "RSS's guid is a permalink by default"
    );
    assert_eq!(items[2].url, None, "isPermaLink=\"false\" is no address");
    let (report, ok) = validates(&imported);
    assert!(ok && report.contains("3 stories read, 0 left out"), "{report}");
}

#[test]
fn dates_come_from_the_best_field_as_written() {
    let feed = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Notes</title><id>https://notes.example.org/</id>
<link rel="alternate" href="https://notes.example.org/"/>
<entry><title>Only updated</title><id>https://notes.example.org/a</id><updated>2026-11-30T23:17:00+01:00</updated><content>A</content></entry>
<entry><title>Issued and published</title><id>https://notes.example.org/b</id><issued>2005-09-21T14:58:00</issued><published>2005-09-21T18:55:36Z</published><content>B</content></entry>
</feed>"#;
    let imported = convert("notes.xml", feed.as_bytes()).unwrap();
    let items = &imported.document.items;
    assert_eq!(
        items[0].date_published.as_deref(),
        Some("2026-11-30T23:17:00+01:00"),
        "its offset kept: 30 November in Spain"
    );
    assert_eq!(items[0].date_modified, None);
    assert_eq!(
        items[1].date_published.as_deref(),
        Some("2005-09-21T18:55:36Z"),
        "published over Atom 0.3's issued"
    );
    let wild = r#"<rss version="2.0"><channel><title>Forum</title><link>https://bbs.example.cn/</link>
<item><title>帖子</title><link>https://bbs.example.cn/1</link><pubDate>2020/1/10 14:33:00</pubDate><description>x</description></item>
<item><title>Newscast</title><link>https://bbs.example.cn/2</link><pubDate>Sat, Dec 16 2023 02:02:33 PM</pubDate><description>x</description></item>
</channel></rss>"#;
    let imported = convert("wild.xml", wild.as_bytes()).unwrap();
    let dates: Vec<_> = imported
        .document
        .items
        .iter()
        .map(|i| i.date_published.as_deref())
        .collect();
    assert_eq!(dates, [Some("2020-01-10T14:33:00"), Some("2023-12-16T14:02:33")]);
}

#[test]
fn relative_addresses_resolve_against_the_newsroom_never_the_gazette_site() {
    let feed = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.qemu.org/feed.xml"><title>QEMU</title>
<link rel="self" href="/feed.xml"/><link rel="alternate" href="/"/><id>https://www.qemu.org/</id>
<entry xml:base="2025/08/26/"><title>Release</title><id>r</id><link href="release.html"/>
<content type="html" xml:base="https://www.qemu.org/2025/08/26/body/">&lt;img src="../shot.png"&gt; &lt;a href="/download/"&gt;get it&lt;/a&gt;</content></entry>
</feed>"#;
    let imported = convert("qemu.xml", feed.as_bytes()).unwrap();
    let item = &imported.document.items[0];
    assert_eq!(
        item.url.as_deref(),
        Some("https://www.qemu.org/2025/08/26/release.html")
    );
    let body = item.content_html.as_deref().unwrap();
    assert!(
        body.contains(r#"src="https://www.qemu.org/2025/08/26/shot.png""#),
        "{body}"
    );
    assert!(body.contains(r#"href="https://www.qemu.org/download/""#), "{body}");
    assert_eq!(item.image.as_deref(), Some("https://www.qemu.org/2025/08/26/shot.png"));

    // Jekyll's saved feed names no absolute address at all.
    let jekyll = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>//</id><link href="/feed.xml" rel="self"/>
<entry><title>Post</title><id>/2024/post</id><link href="/2024/post.html"/><content type="html">&lt;img src="/images/a.jpg"&gt;</content></entry></feed>"#;
    let bare = convert("jekyll.xml", jekyll.as_bytes()).unwrap();
    let warned: Vec<_> = warnings(&bare)
        .into_iter()
        .filter(|w| w.contains("--base URL"))
        .collect();
    assert_eq!(warned.len(), 1, "warned once: {:?}", bare.faults);
    assert!(warned[0].contains("its 4 relative addresses"), "{}", warned[0]);
    let options = Options {
        base: Some("https://blog.example.net/feed.xml".to_owned()),
        site_url: Some("https://news.example.net".to_owned()),
    };
    let based = convert_with("jekyll.xml", jekyll.as_bytes(), &options).unwrap();
    let item = &based.document.items[0];
    assert_eq!(item.url.as_deref(), Some("https://blog.example.net/2024/post.html"));
    assert!(item
        .content_html
        .as_deref()
        .unwrap()
        .contains("https://blog.example.net/images/a.jpg"));
    assert!(!based.faults.iter().any(|f| f.contains("--base")), "{:?}", based.faults);
    assert_eq!(
        based.document.home_page_url.as_deref(),
        Some("https://news.example.net/"),
        "--site-url is the site's address"
    );
    assert_eq!(
        based.document.feed_url.as_deref(),
        Some("https://news.example.net/feed.json")
    );
}

#[test]
fn the_home_page_is_the_alternate_link_and_the_cms_address_is_named() {
    let blogger = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>tag:blogger.com,1999:blog-1</id>
<link rel="http://schemas.google.com/g/2005#feed" href="https://x.blogspot.com/feeds/posts/default"/>
<link rel="alternate" type="text/html" href="https://x.blogspot.com/"/>
<entry><title>Post</title><id>tag:blogger.com,1999:post-1</id><link rel="alternate" href="https://x.blogspot.com/2024/01/post.html"/><content type="html">Hi</content></entry></feed>"#;
    let imported = convert("blogger.xml", blogger.as_bytes()).unwrap();
    assert_eq!(
        imported.document.home_page_url.as_deref(),
        Some("https://x.blogspot.com/")
    );
    assert_eq!(
        imported.document.feed_url, None,
        "the CMS's feed is not the Gazette site's"
    );
    assert!(
        warnings(&imported).iter().any(
            |w| w.contains("the site's address is the CMS's (https://x.blogspot.com/)") && w.contains("--site-url URL")
        ),
        "{:?}",
        imported.faults
    );
}

#[test]
fn feed_junk_is_never_a_photo() {
    let feed = r#"<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Blog</title><link>https://blog.example.org/</link>
<item><title>Post</title><link>https://blog.example.org/post</link>
<media:content url="https://secure.gravatar.com/avatar/abc?s=96" medium="image"/>
<description><![CDATA[<p>Words.</p><img src="https://pixel.wp.com/b.gif?host=blog" width="1" height="1"><a href="https://feeds.feedburner.com/~ff/Blog?a=x"><img src="https://feeds.feedburner.com/~ff/Blog?d=y"></a><img src="https://feeds.feedburner.com/~r/Blog/~4/z"><img src="https://ad.doubleclick.net/ad/x.jpg"><img src="https://blog.example.org/icons/rss.png" width="16" height="16">]]></description></item>
</channel></rss>"#;
    let imported = convert("junk.xml", feed.as_bytes()).unwrap();
    let item = &imported.document.items[0];
    assert_eq!(item.image, None, "{:?}", item.image);
    assert!(item.gazette.is_none(), "no gallery of junk");
    let json = serde_json::to_string(&imported.document).unwrap();
    let story = gazette::feed::read_feed(json.as_bytes(), "/feed.json").unwrap();
    let photos = story.articles[0]
        .body
        .iter()
        .filter(|b| matches!(b, gazette::feed::Block::Photo { .. }))
        .count();
    assert_eq!(photos, 0, "the body shows none of it: {:?}", story.articles[0].body);
}

/// Every feed of `../shared/corpora/rss-wild` (real CMS output, legacy
/// encodings, some broken) comes in whole: every item a story that
/// `gazette validate` passes, no address left relative unless warned, no
/// junk as a photo.
#[test]
fn every_feed_of_the_wild_corpus_comes_in_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/rss-wild");
    if !dir.is_dir() {
        eprintln!(
            "skipped: {} is absent (the corpora live beside the project)",
            dir.display()
        );
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "xml" || e == "json"));
    files.sort();
    assert!(files.len() >= 38, "{} feeds", files.len());
    let mut stories = 0;
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let items_written = if name.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()["items"]
                .as_array()
                .map_or(0, Vec::len)
        } else {
            text.matches("<item").count() + text.matches("<entry").count()
        };
        let imported = convert(&name, &bytes).unwrap_or_else(|e| panic!("{name}: refused: {e}"));
        let items = &imported.document.items;
        assert!(!items.is_empty(), "{name}: no stories");
        assert!(
            !imported.faults.iter().any(|f| f.contains(": error: ")),
            "{name}: a story left out: {:?}",
            imported.faults
        );
        assert!(
            items.len() <= items_written && items.len() * 2 >= items_written.min(2),
            "{name}: {} of about {items_written}",
            items.len()
        );
        let (report, ok) = validates(&imported);
        assert!(
            ok && report.contains(&format!("{} ", items.len())) && report.contains(" 0 left out"),
            "{name}: {report}"
        );
        let relative_warned = imported.faults.iter().any(|f| f.contains("--base URL"));
        for item in items {
            for url in [&item.url, &item.image, &item.external_url].into_iter().flatten() {
                assert!(
                    relative_warned || addresses::is_absolute(url),
                    "{name}: {url} is relative"
                );
            }
            if let Some(image) = &item.image {
                assert!(
                    !is_feed_furniture(image, None, None),
                    "{name}: junk as a photo: {image}"
                );
            }
        }
        stories += items.len();
    }
    eprintln!("rss-wild: {stories} stories, none left out");
}

#[test]
fn a_video_feed_s_story_is_its_description_and_its_thumbnail() {
    let feed = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>Channel</title>
<link rel="alternate" href="https://www.youtube.com/channel/UC1"/>
<entry><id>yt:video:abc</id><title>Lab tour</title><link rel="alternate" href="https://www.youtube.com/watch?v=abc"/><published>2026-11-20T10:00:00+00:00</published>
<media:group><media:title>Lab tour</media:title><media:content url="https://www.youtube.com/v/abc?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
<media:thumbnail url="https://i4.ytimg.com/vi/abc/hqdefault.jpg" width="480" height="360"/><media:description>A walk through the new robotics lab.</media:description></media:group></entry></feed>"#;
    let imported = convert("channel.xml", feed.as_bytes()).unwrap();
    let item = &imported.document.items[0];
    assert_eq!(
        item.content_text.as_deref(),
        Some("A walk through the new robotics lab.")
    );
    assert_eq!(item.image.as_deref(), Some("https://i4.ytimg.com/vi/abc/hqdefault.jpg"));
}

#[test]
fn atom_xhtml_content_is_its_markup_as_written_escapes_kept() {
    // RFC 4287 §3.1.1.3: the content is the children of one XHTML <div>;
    // "&lt;h1&gt;" in a code sample is text, not a heading.
    let feed = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lab notes</title><id>urn:x</id><updated>2026-11-30T09:00:00Z</updated>
<entry><title>Headings in HTTP</title><id>https://notes.example.edu/http</id><updated>2026-11-30T09:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Write <code>&lt;h1&gt;</code> once &amp; only once.</p><pre>&lt;h1&gt;Title&lt;/h1&gt;</pre></div></content></entry>
<entry><title>Prefixed</title><id>https://notes.example.edu/prefixed</id><updated>2026-11-30T09:00:00Z</updated>
<content type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>Plain words.</xhtml:p></xhtml:div></content></entry>
</feed>"#;
    let imported = convert("notes.xml", feed.as_bytes()).unwrap();
    let html = imported.document.items[0].content_html.as_deref().unwrap();
    assert_eq!(
        html,
        "<p>Write <code>&lt;h1&gt;</code> once &amp; only once.</p><pre>&lt;h1&gt;Title&lt;/h1&gt;</pre>"
    );
    // Prefixed elements are left to feed-rs's reading: the words are kept.
    let prefixed = &imported.document.items[1];
    let words = prefixed
        .content_html
        .as_deref()
        .or(prefixed.content_text.as_deref())
        .unwrap_or("");
    assert!(words.contains("Plain words."), "{words}");
}

#[test]
fn xhtml_children_are_the_inside_of_the_one_div() {
    assert_eq!(
        xhtml_children("\n <div xmlns='x'><p>a</p></div>\n").as_deref(),
        Some("<p>a</p>")
    );
    assert_eq!(xhtml_children("<div/>").as_deref(), Some(""));
    assert_eq!(xhtml_children("<p>no div</p>"), None);
    assert_eq!(xhtml_children("<divider>x</divider>"), None);
    assert_eq!(xhtml_children("<div><x:p>a</x:p></div>"), None);
}
