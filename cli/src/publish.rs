//! `gazette publish DIR`: finishes a Trunk build in DIR (Trunk's post-build
//! hook runs it on the staging folder) so that the folder is the whole site.
//! Run again on a published folder, it publishes the feed now there: the
//! prerendered pages, the layout and the site files, without a new build.
//!
//! In order ([`run`]):
//! 1. the app's page: `index.html` gets its Content Security Policy
//!    (`policy`), and Trunk's inline loader script moves to a file so that
//!    the policy needs no `'unsafe-inline'` and no hash to keep in step; the
//!    `_headers` and `_redirects` files some hosts read;
//! 2. each edition ([`publish_edition`]): its photos sized (`photos`), its
//!    feed laid out for its length (`archive`), every page prerendered
//!    from the files the browser reads for it (`prerender`), its sitemaps
//!    and feeds (`site_files`);
//! 3. `robots.txt`, the manifest and the service worker (`offline`);
//! 4. what an earlier publish wrote and this one did not, removed
//!    (`written`).

use std::path::Path;
use std::process::ExitCode;

use gazette::paths::Paths;
use gazette::store::Store;

use gazette::editions::Editions;
use gazette::feed::Edition;

use crate::hashing::fnv1a;
use crate::policy::{content_security_policy, with_policy};
use crate::{archive, chunks, editions, offline, prerender, shell, site_files};

/// The players a feed allows, read without ingesting its stories.
fn declared_players(feed: &Path) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Declared {
        #[serde(rename = "_gazette")]
        gazette: Option<Extension>,
    }
    #[derive(serde::Deserialize)]
    struct Extension {
        #[serde(default)]
        players: Vec<serde_json::Value>,
    }
    let Ok(bytes) = std::fs::read(feed) else {
        return Vec::new();
    };
    let Ok(Declared {
        gazette: Some(extension),
    }) = serde_json::from_slice::<Declared>(&bytes)
    else {
        return Vec::new();
    };
    extension
        .players
        .iter()
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect()
}

pub fn run(dir: &Path) -> Result<ExitCode, String> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let paths = Paths::new(&base_href(&html).unwrap_or_else(|| "/".to_owned()));
    let write = |file: &str, content: &str| write_file(dir, file, content.as_bytes());

    let policy = content_security_policy(&declared_players(&dir.join("feed.json")));
    let hardened = if html.contains("Content-Security-Policy") {
        // Published before: the shell is the bare app of its 404.html.
        let bare = std::fs::read_to_string(dir.join("404.html")).map_err(|e| {
            format!(
                "{} is published but has no 404.html to take the app from: {e}",
                dir.display()
            )
        })?;
        Hardened {
            html: with_policy(&bare, &policy),
            loader: None,
        }
    } else {
        let chunks = chunks::split(dir)?;
        if !chunks.is_empty() {
            let sizes: Vec<String> = chunks
                .iter()
                .map(|c| format!("{} ({:.1} KiB)", c.file, c.bytes as f64 / 1024.0))
                .collect();
            crate::report::note(format_args!("the app's code loaded on demand: {}", sizes.join(", ")));
        }
        minify_scripts(dir);
        harden(&html, &policy)?
    };
    if let Some((name, script)) = &hardened.loader {
        write(name, script)?;
    }
    // Every page says which build published it, for the service worker.
    let app = offline::app_files(dir, &hardened.html, &paths)?;
    // The app's files stay as long as its page names them (the loader was
    // written by the publish that first hardened the page).
    for (file, _) in &app {
        crate::written::record(&dir.join(file));
    }
    let build = offline::build_id(&app);
    let hardened = Hardened {
        html: offline::with_build(&hardened.html, &build)?,
        loader: hardened.loader,
    };
    write("index.html", &hardened.html)?;
    write("_headers", &site_files::headers(&paths, &policy))?;
    write("_redirects", &site_files::redirects(&paths))?;

    if !dir.join("feed.json").exists() {
        crate::report::note(format_args!(
            "{} has no feed.json; the site will say the feed is missing until one is put there",
            dir.display()
        ));
        write("404.html", &hardened.html)?;
        let offline = Offline {
            site: gazette::feed::Site {
                title: crate::catalogs::for_language(None).site_title_loading().to_owned(),
                ..Default::default()
            },
            colours: offline::Colours::of_feed(b"{}").0,
            pages: Vec::new(),
        };
        write_offline_files(dir, &paths, &hardened.html, &app, &build, offline)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (colours, faults) = offline::Colours::of_feed(&std::fs::read(dir.join("feed.json")).unwrap_or_default());
    for fault in faults {
        crate::report::warning(format_args!("feed.json: {fault}"));
    }
    let offline = Offline {
        site: Default::default(),
        colours,
        pages: Vec::new(),
    };
    // The default edition's feed declares the others; each is linked to its
    // translations, then laid out and prerendered under its own prefix.
    let declared = declared_editions(&dir.join("feed.json"), &paths);
    if declared.len() > 1 {
        for fault in editions::link_translations(dir, &paths, &declared)? {
            crate::report::warning(fault);
        }
    }
    let one = [None];
    let all: Vec<Option<&Edition>> = if declared.len() > 1 {
        declared.iter().map(Some).collect()
    } else {
        one.to_vec()
    };
    let started = std::time::Instant::now();
    let mut outcome = Published {
        pages: 0,
        sitemaps: Vec::new(),
        offline,
    };
    for (index, edition) in all.iter().enumerate() {
        let edition = EditionToPublish {
            edition: *edition,
            index,
            declared: &declared,
        };
        publish_edition(dir, &paths, &hardened.html, &edition, &mut outcome)?;
    }
    let Published {
        pages: pages_written,
        sitemaps,
        offline,
    } = outcome;
    write("robots.txt", &site_files::robots(&sitemaps))?;
    write_offline_files(dir, &paths, &hardened.html, &app, &build, offline)?;
    // The folder now holds what this feed implies: what an earlier feed
    // implied and this one does not (an edition dropped, a story taken
    // down, a sitemap's last part) goes.
    // Each edition's feed.json is the owner's, read here and laid out in
    // place: never Gazette's to remove.
    let mut written = crate::written::take(dir);
    for edition in &all {
        written.remove(&format!("{}feed.json", edition.map_or("", |e| e.prefix.as_str())));
    }
    let changed = crate::written::take_changed();
    let removed = crate::written::settle(dir, &written)?;
    if !removed.is_empty() {
        crate::report::note(format_args!(
            "removed {} files an earlier publish wrote that this feed does not imply",
            removed.len()
        ));
    }
    crate::report::note(format_args!(
        "prerendered {pages_written} pages{} ({} ms); {changed} of the {} files the site holds changed, the others were left as they stood",
        if all.len() > 1 {
            format!(" in {} editions", all.len())
        } else {
            String::new()
        },
        started.elapsed().as_millis(),
        written.len(),
    ));
    Ok(ExitCode::SUCCESS)
}

/// One edition to publish (or the site's only one: `edition` is `None`),
/// its place among those the default feed declares.
struct EditionToPublish<'a> {
    edition: Option<&'a Edition>,
    index: usize,
    declared: &'a [Edition],
}

/// What the editions published add up to: pages, sitemaps for robots.txt,
/// and what the manifest and the service worker are made from.
struct Published {
    pages: usize,
    sitemaps: Vec<String>,
    offline: Offline,
}

/// Publishes one edition, in order: its photos sized, its feed laid out,
/// its topic feeds and offline page, every page prerendered, then its
/// sitemaps and feeds.
fn publish_edition(
    dir: &Path,
    paths: &Paths,
    app_page: &str,
    to_publish: &EditionToPublish,
    outcome: &mut Published,
) -> Result<(), String> {
    let EditionToPublish {
        edition,
        index,
        declared,
    } = *to_publish;
    let write = |file: &str, content: &str| write_file(dir, file, content.as_bytes());
    let (folder, edition_paths) = match edition {
        Some(edition) => (dir.join(&edition.prefix), editions::paths(paths, edition)),
        None => (dir.to_owned(), paths.clone()),
    };
    let feed_file = folder.join("feed.json");
    if !feed_file.exists() {
        crate::report::warning(format_args!(
            "{} is declared but has no feed.json; skipped",
            feed_file.display()
        ));
        return Ok(());
    }
    let sized = crate::photos::publish(dir, &folder, &paths.home())?;
    for fault in &sized.faults {
        crate::report::warning(format_args!(
            "{prefix_name}feed.json: {fault}",
            prefix_name = edition.map_or("", |e| e.prefix.as_str())
        ));
    }
    if sized.photos > 0 {
        crate::report::note(format_args!(
            "{} local photos, {} sized now{}",
            sized.photos,
            sized.processed,
            if sized.processed > 0 {
                format!(" ({} ms each)", sized.processing.as_millis() / sized.processed as u128)
            } else {
                " (the rest from the cache)".to_owned()
            }
        ));
    }
    let mut feed = archive::lay_out(&archive::Options {
        input: feed_file.clone(),
        out: folder.clone(),
        page_size: 50,
        topic_page_size: archive::TOPIC_PAGE_SIZE,
        feed_url: edition_paths.feed(),
        search: true,
    })?;
    // A site with no story is no site: never a build that succeeds
    // having published nothing.
    if feed.articles.is_empty() {
        return Err(format!(
            "{}: no story could be published ({} left out); `gazette validate {}` says why",
            feed_file.display(),
            feed.problems.iter().filter(|p| p.skipped_story).count(),
            feed_file.display()
        ));
    }
    site_files::keep_only_the_feeds_text(&mut feed);
    let store = Store::from_feed(feed);
    let site_editions = match edition {
        Some(_) => Editions {
            list: declared.to_vec(),
            current: index,
            site_base: paths.home(),
        },
        None => Editions::single(&paths.home()),
    };
    let prefix = edition.map_or("", |e| e.prefix.as_str());
    for topic in &store.site.topics {
        write(
            &format!("{prefix}topics/{}/feed.json", topic.slug),
            &site_files::topic_json_feed(&store, &edition_paths, topic),
        )?;
    }
    let language = edition
        .map(|e| e.language.clone())
        .or_else(|| store.site.language.clone());
    let catalog = crate::catalogs::for_language(language.as_deref());
    let page = offline::offline_page(
        app_page,
        catalog,
        language.as_deref().unwrap_or(catalog.language()),
        &store.site.title,
        &edition_paths.home(),
    )?;
    write(&format!("{prefix}offline.html"), &page)?;
    outcome
        .offline
        .pages
        .push((prefix.to_owned(), format!("{prefix}offline.html"), page));
    if index == 0 {
        outcome.offline.site = store.site.clone();
    }
    // Each page is rendered from what the browser starts from, the
    // feed as laid out, and the files it then asks for.
    let published = std::fs::read(&feed_file).map_err(|e| format!("cannot read {}: {e}", feed_file.display()))?;
    let first = Store::from_feed(
        gazette::feed::read_feed(&published, &edition_paths.feed())
            .map_err(|e| format!("{}: {e}", feed_file.display()))?,
    );
    let routes = prerender::Routes::of(&store, &edition_paths);
    let files = prerender::folder_files(dir, paths);
    outcome.pages += prerender::site(
        app_page,
        &first,
        &files,
        &routes,
        &edition_paths,
        &site_editions,
        |page| write_file(dir, &format!("{prefix}{}", page.file), page.html.as_bytes()),
    )?;
    match site_files::site_root(&store) {
        Some(root) => {
            let sitemap = site_files::sitemap(
                &store,
                &edition_paths,
                &root,
                &site_editions,
                site_files::SITEMAP_LIMITS,
            );
            for (name, xml) in &sitemap {
                write(&format!("{prefix}{name}"), xml)?;
            }
            write(
                &format!("{prefix}feed.xml"),
                &site_files::rss(&store, &edition_paths, &root),
            )?;
            write(
                &format!("{prefix}sitemap-news.xml"),
                &site_files::news_sitemap(&store, &edition_paths, &root, build_time()),
            )?;
            for topic in &store.site.topics {
                write(
                    &format!("{prefix}topics/{}/feed.xml", topic.slug),
                    &site_files::topic_rss(&store, &edition_paths, &root, topic),
                )?;
            }
            outcome.sitemaps.push(format!("{root}sitemap.xml"));
            outcome.sitemaps.push(format!("{root}sitemap-news.xml"));
        }
        None => crate::report::note(format_args!(
            "{}{}, so no sitemap.xml or feed.xml (both need the site's absolute address, https://…/)",
            if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}: ")
            },
            match &store.site.home_page_url {
                Some(home) => format!("the feed's home_page_url {home:?} is not an absolute address"),
                None => "the feed has no home_page_url".to_owned(),
            }
        )),
    }
    Ok(())
}

/// What the manifest and the worker are made from: the default edition's
/// site, the feed's colours, and each edition's offline page (its prefix,
/// file and content).
struct Offline {
    site: gazette::feed::Site,
    colours: offline::Colours,
    pages: Vec<(String, String, String)>,
}

/// The manifest, its icons and the service worker, whose precache is the
/// app, the front page and the offline pages.
fn write_offline_files(
    dir: &Path,
    paths: &Paths,
    shell_html: &str,
    app: &[(String, offline::Kept)],
    build: &str,
    offline: Offline,
) -> Result<(), String> {
    let write = |file: &str, content: &[u8]| write_file(dir, file, content);
    let mut pages = offline.pages;
    if pages.is_empty() {
        let catalog = crate::catalogs::for_language(None);
        let page = offline::offline_page(
            shell_html,
            catalog,
            catalog.language(),
            &offline.site.title,
            &paths.home(),
        )?;
        write("offline.html", page.as_bytes())?;
        pages.push((String::new(), "offline.html".to_owned(), page));
    }
    let manifest = offline::manifest(&offline.site, &offline.colours);
    write("manifest.webmanifest", manifest.as_bytes())?;
    let (icons, note) = offline::icons(dir, paths, &offline.site, &offline.colours);
    if let Some(note) = note {
        crate::report::note(note);
    }
    let mut assets = manifest.clone();
    for (file, png) in &icons {
        write(file, png)?;
        assets.push_str(&format!("{file}{:x}", fnv1a(png)));
    }
    // The manifest and its icons are kept too: every page names the
    // manifest, so a browser asks for it offline as well.
    let mut precache = app.to_vec();
    precache.push(("./".to_owned(), offline::Kept::Revalidated));
    precache.push(("manifest.webmanifest".to_owned(), offline::Kept::Revalidated));
    precache.extend(icons.iter().map(|(file, _)| (file.clone(), offline::Kept::Revalidated)));
    let mut offline_pages = Vec::new();
    for (prefix, file, page) in &pages {
        precache.push((file.clone(), offline::Kept::Revalidated));
        offline_pages.push((prefix.clone(), file.clone()));
        assets.push_str(page);
    }
    let worker = offline::service_worker(build, &precache, &offline_pages, fnv1a(assets.as_bytes()));
    write("sw.js", worker.as_bytes())
}

/// Writes `file` below `dir`, making the folders it needs.
fn write_file(dir: &Path, file: &str, content: &[u8]) -> Result<(), String> {
    crate::written::write(&dir.join(file), content)
}

/// The editions the default feed declares (`_gazette.editions`); none when
/// it declares fewer than two or cannot be read.
fn declared_editions(feed: &Path, paths: &Paths) -> Vec<Edition> {
    let Ok(bytes) = std::fs::read(feed) else {
        return Vec::new();
    };
    match gazette::feed::read_feed(&bytes, &paths.feed()) {
        Ok(feed) if feed.site.editions.len() > 1 => feed.site.editions,
        _ => Vec::new(),
    }
}

/// Minifies the app's JavaScript glue and snippets with terser: Trunk's own
/// minifier cannot read wasm-bindgen's module syntax and leaves them whole.
/// Without terser (`GAZETTE_TERSER`, the `PATH` or `./node_modules/.bin`)
/// they ship as they are.
fn minify_scripts(dir: &Path) {
    let Some(terser) = crate::tools::find("terser", "GAZETTE_TERSER") else {
        crate::report::note(format_args!(
            "terser not found (npm install terser, or set GAZETTE_TERSER): the app's JavaScript ships unminified"
        ));
        return;
    };
    let mut scripts: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    scripts.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| (n.starts_with("gazette-web-") && n.ends_with(".js")) || chunks::is_loader(n))
    });
    let snippets = dir.join("snippets");
    if let Ok(crates) = std::fs::read_dir(&snippets) {
        for folder in crates.flatten() {
            if let Ok(files) = std::fs::read_dir(folder.path()) {
                scripts.extend(
                    files
                        .flatten()
                        .map(|f| f.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "js")),
                );
            }
        }
    }
    for script in scripts {
        let done = std::process::Command::new(&terser)
            .arg(&script)
            .args(["--module", "--compress", "--mangle", "--output"])
            .arg(&script)
            .status();
        if !matches!(done, Ok(status) if status.success()) {
            crate::report::note(format_args!(
                "terser could not minify {}; it ships as it is",
                script.display()
            ));
        }
    }
}

/// The moment the site is built, in seconds since 1970: `SOURCE_DATE_EPOCH`
/// when set (for reproducible builds), else now.
fn build_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

/// The `href` of the page's `<base>`: the public URL Trunk built for.
fn base_href(html: &str) -> Option<String> {
    shell::facts(html).ok()?.base
}

pub struct Hardened {
    pub html: String,
    /// The loader moved out of the page: file name and content.
    pub loader: Option<(String, String)>,
}

/// Adds the policy and moves the inline module script to a file.
pub fn harden(html: &str, policy: &str) -> Result<Hardened, String> {
    let facts = shell::facts(html)?;
    if facts.has_policy {
        return Err(
            "index.html already has a Content-Security-Policy: publish runs once, on Trunk's fresh output".into(),
        );
    }
    let blocked = |text: &str| {
        let start: String = text.trim().chars().take(60).collect();
        format!("index.html holds another inline script ({start}…); the policy would block it")
    };
    let mut code = facts
        .inline_scripts
        .into_iter()
        .filter(|script| !shell::is_data(&script.kind));
    let loader = match code.next() {
        Some(script) if script.kind.trim().eq_ignore_ascii_case("module") => {
            let body = deferred_loader(&script.text).unwrap_or(script.text);
            Some((format!("loader-{:016x}.js", fnv1a(body.as_bytes())), body))
        }
        Some(script) => return Err(blocked(&script.text)),
        None => None,
    };
    if let Some(script) = code.next() {
        return Err(blocked(&script.text));
    }
    let meta = format!("<meta http-equiv=Content-Security-Policy content=\"{policy}\">");
    let html = shell::harden(html, loader.as_ref().map(|(name, _)| name.as_str()), &meta)?;
    Ok(Hardened { html, loader })
}

/// Trunk's loader rewritten to start the app once the page has loaded and
/// its photos are decoded and painted (or after 2.5 s at the latest): a
/// prerendered page is readable without the app, so its photos, not the
/// app's code, get the bandwidth first, and the app's start-up does not
/// hold back the frame that shows them. The module is compiled from its
/// whole bytes (off the main thread; a streaming compilation decodes on it
/// as the bytes arrive, a long task on a slow phone) and started in a task
/// of its own.
fn deferred_loader(trunk_loader: &str) -> Option<String> {
    let quoted_after = |marker: &str| {
        let at = trunk_loader.find(marker)? + marker.len();
        let rest = trunk_loader[at..].trim_start();
        let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        rest[1..].split(quote).next().map(str::to_owned)
    };
    let glue = quoted_after(" from ")?;
    let wasm = quoted_after("module_or_path:")?;
    let offline = OFFLINE_LOADER.replace("{glue}", &glue);
    Some(format!(
        "const start = async () => {{\n  \
           if (window.gazetteStarted) return;\n  \
           window.gazetteStarted = true;\n  \
           const bindings = await import('{glue}');\n  \
           const url = new URL('{wasm}', location.href);\n  \
           const module = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());\n  \
           await (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((next) => setTimeout(next, 0)));\n  \
           const wasm = await bindings.default({{ module_or_path: module }});\n  \
           window.wasmBindings = bindings;\n  \
           dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n\
         }};\n\
         const afterPaint = async () => {{\n  \
           await Promise.all([...document.images].filter((i) => i.complete && i.loading !== 'lazy').map((i) => i.decode().catch(() => {{}})));\n  \
           requestAnimationFrame(() => setTimeout(start, 0));\n\
         }};\n\
         // Not in the task that fires the load event, which ends the parser's\n\
         // work (a long task of its own on a slow phone).\n\
         const afterLoad = () => setTimeout(afterPaint, 0);\n\
         if (document.readyState === 'complete') afterLoad();\n\
         else addEventListener('load', afterLoad, {{ once: true }});\n\
         setTimeout(start, 2500);\n\
         {offline}"
    ))
}

/// The loader's part in reading offline, once the app has started: it
/// registers the service worker at the site's base (where the glue is) when
/// the page has arrived, asks
/// it to keep each page the app draws with its photos and data (a story
/// opened inside the app is no navigation the worker sees), and once a
/// worker of another build has taken over, lets the next link load its page
/// from the host rather than be drawn by this page's older app.
const OFFLINE_LOADER: &str = r#"const worker = navigator.serviceWorker;
if (worker) {
  const scope = new URL('./', new URL('{glue}', location.href)).href;
  const keep = () => {
    const photos = [...document.images].filter((i) => i.complete && i.currentSrc).map((i) => i.currentSrc);
    const data = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.startsWith(scope) && /\.json(\?|$)/.test(n));
    worker.ready.then((r) => r.active && r.active.postMessage({ type: 'keep', page: location.href, photos, data }));
  };
  // Not while the page is still arriving: on a slow line (or a cold HTTP
  // cache) the worker's precache would compete with the page's photos and
  // the app's first requests. At the reader's first touch, or once the page
  // has been quiet a while.
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    worker.register(scope + 'sw.js', { scope }).catch((e) => console.warn('Gazette: no offline reading:', e.message));
  };
  addEventListener('TrunkApplicationStarted', () => {
    for (const type of ['pointerdown', 'keydown', 'scroll', 'touchstart']) addEventListener(type, register, { once: true, passive: true });
    setTimeout(() => (window.requestIdleCallback || setTimeout)(register), 8000);
  }, { once: true });
  new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => e.name === 'gazette:page-drawn')) setTimeout(keep, 800);
  }).observe({ type: 'mark' });
  let updated = false;
  const build = document.querySelector('meta[name=gazette-build]')?.content;
  worker.addEventListener('controllerchange', () => worker.controller?.postMessage({ type: 'build' }));
  worker.addEventListener('message', (e) => { if (e.data?.type === 'build') updated = e.data.build !== build; });
  addEventListener('click', (e) => {
    const link = updated && e.button === 0 && !(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) && e.target.closest && e.target.closest('a[href]');
    if (link && link.origin === location.origin && !link.target && !link.hasAttribute('download')) e.stopImmediatePropagation();
  }, true);
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::CONTENT_SECURITY_POLICY;

    /// `trunk build` publishes through its post-build hook: with an
    /// optimised CLI, which a large archive needs (a debug build publishes
    /// 10,000 stories 2.6 times as slowly; docs/performance.md).
    #[test]
    fn trunks_hook_runs_the_optimised_cli() {
        let trunk = include_str!("../../Trunk.toml");
        let hook = trunk
            .lines()
            .find(|line| line.starts_with("command_arguments"))
            .expect("Trunk.toml has a hook");
        assert!(
            hook.contains(r#"--profile \"${GAZETTE_CLI_PROFILE:-publishing}\""#) && hook.contains(" publish "),
            "the hook publishes with the publishing profile unless told otherwise: {hook}"
        );
        let cargo = include_str!("../../Cargo.toml");
        let profile = cargo
            .split("\n[")
            .find(|section| section.starts_with("profile.publishing]"))
            .expect("Cargo.toml has the publishing profile");
        assert!(profile.contains("inherits = \"release\""), "{profile}");
        let opt_level = profile
            .lines()
            .find_map(|line| line.strip_prefix("opt-level = "))
            .expect("the publishing profile names its opt-level");
        assert_ne!(opt_level, "0", "the hook's CLI is optimised");
        let setup = include_str!("../../tools/setup.sh");
        assert!(
            setup.contains("cargo build --locked --offline --quiet --profile publishing -p gazette-cli --bin gazette"),
            "the set-up builds the hook's CLI"
        );
    }

    #[test]
    fn reads_the_base() {
        assert_eq!(base_href("<base href=/news/>").as_deref(), Some("/news/"));
        assert_eq!(base_href("<base href=\"/a/b/\">").as_deref(), Some("/a/b/"));
        assert_eq!(Paths::new(&base_href("<base href=/>").unwrap()).home(), "/");
        assert_eq!(base_href("<head>"), None);
    }

    const TRUNK_OUTPUT: &str = "<!doctype html><html lang=en><meta charset=utf-8><base href=/news/><title>News</title><script type=module>import init, * as bindings from '/news/app.js';\nconst wasm = await init({ module_or_path: '/news/app_bg.wasm' });</script><link href=/news/app.js rel=modulepreload><link as=fetch href=/news/app_bg.wasm rel=preload type=application/wasm></head><body><div id=app></div></body></html>";

    /// A folder as `gazette publish` leaves it, without the app's real code:
    /// the hardened page, its loader and stand-ins for the glue and the wasm.
    fn published_folder(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("gazette-publish-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let hardened = harden(TRUNK_OUTPUT, CONTENT_SECURITY_POLICY).unwrap();
        let (loader, script) = hardened.loader.unwrap();
        std::fs::write(dir.join(loader), script).unwrap();
        std::fs::write(dir.join("app.js"), "export default function init() {}").unwrap();
        std::fs::write(dir.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("index.html"), &hardened.html).unwrap();
        std::fs::write(dir.join("404.html"), &hardened.html).unwrap();
        dir
    }

    /// A feed of `stories` stories, one topic each, at news.example.edu.
    fn feed_of(stories: usize, prefix: &str, editions: &str) -> String {
        let items: Vec<String> = (0..stories)
            .map(|i| {
                format!(
                    r#"{{"id":"{prefix}{i}","url":"https://news.example.edu/{prefix}{i}","title":"{prefix} story {i}","content_text":"Text {i}.","date_published":"2026-11-{:02}T10:00:00+00:00","tags":["{prefix} topic {}"]}}"#,
                    1 + i % 28,
                    i % 3
                )
            })
            .collect();
        format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"News","home_page_url":"https://news.example.edu/news/","language":"en","_gazette":{{{editions}}},"items":[{}]}}"#,
            items.join(",")
        )
    }

    #[test]
    fn publishing_another_feed_leaves_nothing_of_the_first_but_the_owners_files() {
        let dir = published_folder("again");
        let editions = r#""editions":[{"lang":"en","name":"English"},{"lang":"zh-Hans","name":"中文","prefix":"zh/"}]"#;
        std::fs::write(dir.join("feed.json"), feed_of(12, "first", editions)).unwrap();
        std::fs::create_dir_all(dir.join("zh")).unwrap();
        std::fs::write(dir.join("zh/feed.json"), feed_of(4, "zh", "")).unwrap();
        std::fs::write(dir.join("owner.txt"), "the owner's").unwrap();
        assert_eq!(run(&dir).unwrap(), ExitCode::SUCCESS);
        assert!(
            dir.join("articles/first3/index.html").exists(),
            "every story has its page"
        );
        assert!(dir.join("zh/index.html").exists(), "the Chinese edition is published");
        std::fs::write(dir.join("articles/owners-note.html"), "the owner's too").unwrap();

        std::fs::write(dir.join("feed.json"), feed_of(5, "second", "")).unwrap();
        assert_eq!(run(&dir).unwrap(), ExitCode::SUCCESS);
        let left = files_below(&dir);
        for file in &left {
            assert!(!file.contains("first"), "{file} is the first feed's");
            assert!(
                !file.starts_with("zh/") || file == "zh/feed.json",
                "{file} is the dropped edition's"
            );
        }
        for file in [
            "owner.txt",
            "articles/owners-note.html",
            "zh/feed.json",
            "articles/second4/index.html",
            "sitemap.xml",
        ] {
            assert!(left.iter().any(|f| f == file), "{file} is missing from {left:?}");
        }
        let sitemap = std::fs::read_to_string(dir.join("sitemap.xml")).unwrap();
        assert!(!sitemap.contains("first") && !sitemap.contains("/zh/"), "{sitemap}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Every file below `dir`, by its path relative to it, in order.
    fn files_below(dir: &std::path::Path) -> Vec<String> {
        let mut files = Vec::new();
        crate::offline::collect_files(dir, "", &mut files);
        files.sort();
        files
    }

    #[test]
    fn every_prerendered_page_of_the_chinese_and_arabic_editions_speaks_its_own_words() {
        let dir = published_folder("editions-words");
        let editions = r#""editions":[{"lang":"en","name":"English"},{"lang":"zh-Hans","name":"中文","prefix":"zh/"},{"lang":"ar","name":"العربية","prefix":"ar/"}]"#;
        std::fs::write(dir.join("feed.json"), feed_of(6, "en", editions)).unwrap();
        let edition_feed = |lang: &str, title: &str, text: &str, topic: &str| {
            let items: Vec<String> = (0..14)
                .map(|i| {
                    format!(
                        r#"{{"id":"{lang}{i}","url":"https://news.example.edu/news/{lang}/articles/{lang}{i}/","title":"{title} {i}","content_text":"{text}","date_published":"2026-11-{:02}T10:00:00+00:00","authors":[{{"name":"{title}"}}],"tags":["{topic}"]}}"#,
                        1 + i
                    )
                })
                .collect();
            format!(
                r#"{{"version":"https://jsonfeed.org/version/1.1","title":"{title}","home_page_url":"https://news.example.edu/news/{lang}/","language":"{lang}","items":[{}]}}"#,
                items.join(",")
            )
        };
        for (lang, title, text, topic) in [
            ("zh", "校园新闻", "图书馆今晚开放到午夜。", "校园"),
            ("ar", "أخبار الجامعة", "تفتح المكتبة حتى منتصف الليل.", "الحرم"),
        ] {
            std::fs::create_dir_all(dir.join(lang)).unwrap();
            std::fs::write(dir.join(lang).join("feed.json"), edition_feed(lang, title, text, topic)).unwrap();
        }
        assert_eq!(run(&dir).unwrap(), ExitCode::SUCCESS);
        // The English catalog's words, cut at their `{placeholders}`: each
        // piece long enough to be a phrase and not a fragment of markup. A
        // name an edition's own catalog keeps ("JSON Feed") is its word too.
        let english_in = |language: &str| -> Vec<(&'static str, String)> {
            let own: std::collections::HashMap<&str, &str> =
                crate::catalogs::for_language(Some(language)).texts().collect();
            gazette::catalog::english()
                .texts()
                .filter(|(key, text)| own.get(key) != Some(text))
                .flat_map(|(key, text)| {
                    text.split(['{', '}'])
                        .step_by(2)
                        .map(str::trim)
                        .filter(|piece| piece.chars().filter(char::is_ascii_alphabetic).count() >= 4)
                        .map(move |piece| (key, piece.to_owned()))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let mut pages = 0;
        let mut found = Vec::new();
        for (language, prefix) in [("zh-Hans", "zh/"), ("ar", "ar/")] {
            let english = english_in(language);
            for file in files_below(&dir)
                .into_iter()
                .filter(|f| f.starts_with(prefix) && f.ends_with(".html"))
            {
                let html = std::fs::read_to_string(dir.join(&file)).unwrap();
                // What a reader is shown or told: the page without its
                // scripts' data (the catalog the app reads, the structured data).
                let mut shown = String::new();
                let mut rest = html.as_str();
                while let Some(start) = rest.find("<script") {
                    shown.push_str(&rest[..start]);
                    rest = rest[start..].find("</script>").map_or("", |end| &rest[start + end..]);
                }
                shown.push_str(rest);
                pages += 1;
                for (key, piece) in &english {
                    if shown.contains(piece.as_str()) {
                        found.push(format!("{file}: \"{piece}\" ({key})"));
                    }
                }
            }
        }
        assert!(pages > 20, "the editions' pages were published: {pages}");
        assert!(
            found.is_empty(),
            "English words in another edition:\n{}",
            found.join("\n")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn every_story_of_a_paged_archive_has_its_page_drawn_from_the_files_the_browser_reads() {
        let dir = published_folder("archive");
        // 130 stories an hour apart, newest first: laid out as an archive of
        // three feed pages, each story also in a file of its own.
        let items: Vec<String> = (0..130)
            .map(|i| {
                format!(
                    r#"{{"id":"s{i}","title":"Story {i}","content_text":"Text of story {i}.","date_published":"2026-11-{:02}T{:02}:00:00+00:00","tags":["Topic {}"],"authors":[{{"name":"Reporter {}"}}]}}"#,
                    28 - i / 24,
                    23 - i % 24,
                    i % 3,
                    i % 2
                )
            })
            .collect();
        let feed = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"News","home_page_url":"https://news.example.edu/news/","language":"en","items":[{}]}}"#,
            items.join(",")
        );
        std::fs::write(dir.join("feed.json"), feed).unwrap();
        assert_eq!(run(&dir).unwrap(), ExitCode::SUCCESS);
        assert!(dir.join("feed-3.json").exists() && dir.join("articles/story-100.json").exists());
        for i in 0..130 {
            let page = std::fs::read_to_string(dir.join(format!("articles/story-{i}/index.html")))
                .unwrap_or_else(|e| panic!("story {i} has no page: {e}"));
            assert!(
                page.contains(&format!("<h1>Story {i}</h1>")),
                "story {i}'s page is its own"
            );
        }
        // A story far from the first page links to its neighbours in the
        // whole archive, not to the stories beside it in what the browser
        // holds (the first page and its own file).
        let deep = std::fs::read_to_string(dir.join("articles/story-100/index.html")).unwrap();
        let titles: Vec<&str> = deep
            .split(r#"class="story-nav-title">"#)
            .skip(1)
            .filter_map(|rest| rest.split('<').next())
            .collect();
        assert_eq!(titles, ["Story 101", "Story 99"], "older, then newer");
        assert!(deep.contains("Text of story 100."));
        let last = std::fs::read_to_string(dir.join("articles/story-129/index.html")).unwrap();
        assert_eq!(
            last.matches(r#"class="story-nav-title">"#).count(),
            1,
            "the oldest has no older"
        );
        assert!(dir.join("people/reporter-1/index.html").exists() && dir.join("topics/topic-2/index.html").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn moves_the_loader_and_adds_the_policy() {
        let hardened = harden(TRUNK_OUTPUT, CONTENT_SECURITY_POLICY).unwrap();
        let (name, script) = hardened.loader.unwrap();
        assert!(name.starts_with("loader-") && name.ends_with(".js"));
        assert!(script.contains("await import('/news/app.js')"), "{script}");
        assert!(
            script.contains("new URL('/news/app_bg.wasm'") && script.contains("WebAssembly.compile("),
            "{script}"
        );
        assert!(
            script.contains("addEventListener('load', afterLoad")
                && script.contains("setTimeout(afterPaint, 0)")
                && script.contains("i.decode()"),
            "the app waits for the page and its photos to be painted"
        );
        assert!(hardened
            .html
            .contains(&format!("<script type=module src={name}></script>")));
        assert!(!hardened.html.contains("await init"));
        assert!(!hardened.html.contains("preload"), "no preload races the page's photos");
        let meta_at = hardened.html.find("Content-Security-Policy").unwrap();
        assert!(
            meta_at < hardened.html.find("<base").unwrap(),
            "the policy comes before anything it governs"
        );
        assert!(CONTENT_SECURITY_POLICY.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert!(
            !CONTENT_SECURITY_POLICY.contains("frame-src"),
            "no frame without players"
        );
        assert_eq!(
            content_security_policy(&["youtube".into(), "tiktok".into()]),
            format!("{CONTENT_SECURITY_POLICY}; frame-src https://www.youtube-nocookie.com")
        );
        let page = with_policy(
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'self'\"><p>",
            "x",
        );
        assert_eq!(page, "<meta http-equiv=Content-Security-Policy content=\"x\"><p>");
    }

    #[test]
    fn refuses_to_run_twice_or_to_leave_inline_scripts() {
        let once = harden(TRUNK_OUTPUT, CONTENT_SECURITY_POLICY).unwrap().html;
        assert!(harden(&once, CONTENT_SECURITY_POLICY).is_err());
        let extra = TRUNK_OUTPUT.replace("<div id=app>", "<script>alert(1)</script><div id=app>");
        assert!(harden(&extra, CONTENT_SECURITY_POLICY)
            .err()
            .unwrap()
            .contains("another inline script"));
        let data = TRUNK_OUTPUT.replace(
            "<div id=app>",
            "<script type=application/json id=data>{}</script><div id=app>",
        );
        assert!(harden(&data, CONTENT_SECURITY_POLICY).is_ok(), "data blocks do not run");
    }
}
