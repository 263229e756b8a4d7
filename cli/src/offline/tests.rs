use super::*;

const SHELL: &str = "<!doctype html><html lang=en><meta charset=utf-8><meta http-equiv=Content-Security-Policy content=\"default-src 'self'\"><base href=/news/><link rel=stylesheet href=/news/main-0a1b2c3d4e5f6a7b.css><script type=module src=loader-00112233aabbccdd.js></script><body><div id=app></div><noscript>JS</noscript></body></html>";

/// A folder of its own, removed after the test.
struct Folder(std::path::PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("gazette-offline-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A published folder's app: the loader naming its glue and wasm, and a snippet.
fn app_folder(name: &str) -> Folder {
    let dir = Folder::new(name);
    std::fs::write(
        dir.path().join("loader-00112233aabbccdd.js"),
        "const bindings = await import('/news/gazette-web-9f8e7d6c5b4a3921.js');\nawait bindings.default({ module_or_path: '/news/gazette-web-9f8e7d6c5b4a3921_bg.wasm' });\nworker.register(scope + 'sw.js'); import('/news/gazette-web-9f8e7d6c5b4a3921.js');",
    )
    .unwrap();
    for file in [
        "gazette-web-9f8e7d6c5b4a3921.js",
        "gazette-web-9f8e7d6c5b4a3921_bg.wasm",
        "sw.js",
    ] {
        std::fs::write(dir.path().join(file), "x").unwrap();
    }
    std::fs::create_dir_all(dir.path().join("snippets/gazette-1234/")).unwrap();
    std::fs::write(dir.path().join("snippets/gazette-1234/inline0.js"), "export {}").unwrap();
    dir
}

#[test]
fn the_app_files_are_what_the_shell_and_its_loader_name() {
    let dir = app_folder("files");
    let files = app_files(dir.path(), SHELL, &Paths::new("/news/")).unwrap();
    assert_eq!(
        files,
        vec![
            ("main-0a1b2c3d4e5f6a7b.css".to_owned(), Kept::Hashed),
            ("gazette-web-9f8e7d6c5b4a3921.js".to_owned(), Kept::Hashed),
            ("gazette-web-9f8e7d6c5b4a3921_bg.wasm".to_owned(), Kept::Hashed),
            ("loader-00112233aabbccdd.js".to_owned(), Kept::Hashed),
            ("snippets/gazette-1234/inline0.js".to_owned(), Kept::Build),
        ]
    );
    let no_wasm = SHELL.replace("loader-00112233aabbccdd.js", "other.js");
    std::fs::write(dir.path().join("other.js"), "console.log('x')").unwrap();
    assert!(app_files(dir.path(), &no_wasm, &Paths::new("/news/")).is_err());
}

#[test]
fn a_new_app_is_a_new_build_and_a_new_feed_is_not() {
    let dir = app_folder("build");
    let files = app_files(dir.path(), SHELL, &Paths::new("/news/")).unwrap();
    let build = build_id(&files);
    assert_eq!(build.len(), 16);
    assert_eq!(build, build_id(&files), "the same app, the same build");
    let mut rebuilt = files.clone();
    rebuilt[2].0 = "gazette-web-0000000000000000_bg.wasm".to_owned();
    assert_ne!(build, build_id(&rebuilt));

    let marked = with_build(SHELL, &build).unwrap();
    let again = with_build(&marked, "ffffffffffffffff").unwrap();
    assert_eq!(again.matches("gazette-build").count(), 1, "{again}");
    assert!(again.contains("<meta name=gazette-build content=ffffffffffffffff>"));
}

#[test]
fn the_worker_carries_its_build_precache_pages_and_bounds() {
    let precache = vec![
        ("gazette-web-9f8e7d6c5b4a3921_bg.wasm".to_owned(), Kept::Hashed),
        ("./".to_owned(), Kept::Revalidated),
    ];
    let pages = vec![
        (String::new(), "offline.html".to_owned()),
        ("zh/".to_owned(), "zh/offline.html".to_owned()),
    ];
    let worker = service_worker("abcdef0123456789", &precache, &pages, 7);
    assert!(worker.starts_with("// Written by `gazette publish`; assets 0000000000000007."));
    assert!(worker.contains("const BUILD = \"abcdef0123456789\";"));
    assert!(worker
        .contains(r#"const PRECACHE = [["gazette-web-9f8e7d6c5b4a3921_bg.wasm","hashed"],["./","revalidated"]];"#));
    assert!(
        worker.contains(r#"const OFFLINE_PAGES = [["zh/","zh/offline.html"],["","offline.html"]];"#),
        "the longest prefix is tried first"
    );
    assert!(worker.contains(r#"const LIMITS = {"pages":30,"data":40,"photos":60,"days":30};"#));
    assert!(worker.contains("self.addEventListener('fetch'"));
}

#[test]
fn colours_come_from_the_feed_and_a_wrong_one_is_named() {
    let (colours, faults) =
        Colours::of_feed(br##"{"items": [], "_gazette": {"theme_color": "#123ABC", "background_color": "#fff"}}"##);
    assert_eq!(colours.theme, "#123abc");
    assert_eq!(colours.background, "#fff");
    assert!(faults.is_empty());
    let (colours, faults) = Colours::of_feed(br#"{"_gazette": {"theme_color": "red", "background_color": 3}}"#);
    assert_eq!((colours.theme.as_str(), colours.background.as_str()), DEFAULT_COLOURS);
    assert_eq!(faults.len(), 2);
    assert!(
        faults[0].contains("_gazette.theme_color") && faults[0].contains("\"red\""),
        "{faults:?}"
    );
    assert_eq!(Colours::of_feed(b"not json").0.theme, DEFAULT_COLOURS.0);
}

fn site(title: &str, icon: Option<&str>) -> Site {
    Site {
        title: title.to_owned(),
        tagline: Some("News from the campus".to_owned()),
        language: Some("zh-CN".to_owned()),
        icon: icon.map(str::to_owned),
        ..Default::default()
    }
}

#[test]
fn the_manifest_names_the_site_in_its_language_with_its_icons() {
    let colours = Colours::of_feed(b"{}").0;
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest(&site("Caldera University News", None), &colours)).unwrap();
    assert_eq!(manifest["name"], "Caldera University News");
    assert_eq!(manifest["short_name"], "Caldera");
    assert_eq!(manifest["lang"], "zh-CN");
    assert_eq!(manifest["start_url"], "./");
    assert_eq!(manifest["scope"], "./");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["theme_color"], DEFAULT_COLOURS.0);
    assert_eq!(manifest["description"], "News from the campus");
    let sizes: Vec<&str> = manifest["icons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["sizes"].as_str().unwrap())
        .collect();
    assert!(sizes.contains(&"192x192") && sizes.contains(&"512x512"), "{sizes:?}");
}

#[test]
fn icons_are_made_from_the_feeds_own_icon_or_a_plain_mark() {
    let dir = Folder::new("icons");
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    let source = image::RgbaImage::from_pixel(600, 400, image::Rgba([10, 200, 30, 255]));
    source.save(dir.path().join("images/logo.png")).unwrap();
    let colours = Colours::of_feed(b"{}").0;
    let paths = Paths::new("/news/");
    let (files, note) = icons(dir.path(), &paths, &site("T", Some("/news/images/logo.png")), &colours);
    assert_eq!(note, None);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "icons/icon-192.png",
            "icons/icon-384.png",
            "icons/icon-512.png",
            "icons/maskable-512.png"
        ]
    );
    let icon = image::load_from_memory(&files[0].1).unwrap().to_rgba8();
    assert_eq!(icon.dimensions(), (192, 192));
    assert_eq!(
        icon.get_pixel(96, 96).0,
        [10, 200, 30, 255],
        "the feed's icon, cropped to a square"
    );
    let maskable = image::load_from_memory(&files[3].1).unwrap().to_rgba8();
    assert_eq!(
        maskable.get_pixel(5, 5).0,
        [0xa6, 0x1c, 0x2f, 255],
        "the safe zone's margin is the theme colour"
    );

    let (files, note) = icons(
        dir.path(),
        &paths,
        &site("T", Some("https://elsewhere.example/logo.png")),
        &colours,
    );
    assert!(note.unwrap().contains("not a file of the site"));
    assert_eq!(files.len(), 4);
    let (_, note) = icons(
        dir.path(),
        &paths,
        &site("T", Some("/news/images/missing.png")),
        &colours,
    );
    assert!(note.unwrap().contains("missing.png"));
    let (_, note) = icons(dir.path(), &paths, &site("T", None), &colours);
    assert_eq!(note, None, "no icon given is no fault");
}

#[test]
fn the_offline_page_runs_nothing_and_says_so_in_the_editions_language() {
    let catalog = crate::catalogs::for_language(Some("zh-CN"));
    let page = offline_page(SHELL, catalog, "zh-CN", "卡尔德拉 <新闻>", "/news/zh/").unwrap();
    assert!(!page.contains("<script") && !page.contains("<noscript"), "{page}");
    assert!(page.contains(r#"<html lang="zh-CN" dir="ltr">"#), "{page}");
    assert!(page.contains("您已离线"));
    assert!(page.contains("卡尔德拉 &lt;新闻&gt;"));
    assert!(page.contains(SAVED_MARKER));
    assert!(page.contains(r#"href="/news/zh/""#));
    assert_eq!(page.matches("<h1>").count(), 1);
    assert!(page.contains("Content-Security-Policy"), "the policy stays");
    assert!(page.contains("main-0a1b2c3d4e5f6a7b.css"), "the site's own style");
    let arabic = offline_page(SHELL, crate::catalogs::for_language(Some("ar")), "ar", "T", "/").unwrap();
    assert!(arabic.contains(r#"dir="rtl""#));
}
