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
