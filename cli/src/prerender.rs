//! Prerendering: every page of the site written as HTML at build time, by
//! the app's own Leptos components rendered to a string (Leptos's `ssr`
//! feature, natively), so that pages paint, share and index before the wasm
//! arrives, and can be read with JavaScript off.

use std::cell::RefCell;
use std::sync::{Arc, Once};

use futures::executor::{LocalPool, LocalSpawner};
use futures::task::LocalSpawnExt;
use futures::StreamExt;
use gazette::app::App;
use gazette::browser::published;
use gazette::catalog::{direction_of, Catalog};
use gazette::editions::Editions;
use gazette::feed::wire::EditionEntry;
use gazette::paths::Paths;
use gazette::store::Store;
use gazette::takeover::ANY_QUERY;

use crate::shell;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

/// A page written for one address.
pub struct Page {
    /// The file below the site folder: `articles/x/index.html`.
    pub file: String,
    pub html: String,
}

/// Every address the site has a page for, in the order they are listed:
/// the front page, the lists of every story and every topic, each topic's
/// first page, each person's first page, every story, and the search page.
pub struct Routes {
    /// Each page's address (percent-encoded, as browsers ask for it), the
    /// addresses it stands for when not only its own, and its file (named
    /// in its own letters, as hosts look it up once decoded).
    list: Vec<(String, Option<String>, String)>,
}

impl Routes {
    /// The pages of the whole archive `all` (every story read, not only the
    /// first page the browser starts from).
    pub fn of(all: &Store, paths: &Paths) -> Routes {
        let mut list: Vec<(String, Option<String>, String)> = vec![
            (paths.home(), None, "index.html".to_owned()),
            (paths.latest(), None, "latest/index.html".to_owned()),
            (paths.all_topics(), None, "topics/index.html".to_owned()),
        ];
        for topic in &all.site.topics {
            list.push((
                paths.topic(&topic.slug),
                None,
                format!("topics/{}/index.html", topic.slug),
            ));
        }
        for person in all.people() {
            list.push((paths.person(&person), None, format!("people/{person}/index.html")));
        }
        for article in all.articles() {
            list.push((
                paths.article(&article.slug),
                None,
                format!("articles/{}/index.html", article.slug),
            ));
        }
        // Hosts serve it for every search address, so that a search opens with
        // its own page (and a 200 status where a host has no rewrites) rather
        // than another page's; its results are drawn in the browser.
        let search = paths.asset("search/");
        list.push((
            search.clone(),
            Some(format!("{search}{ANY_QUERY}")),
            "search/index.html".to_owned(),
        ));
        Routes { list }
    }
}

/// Each page of `routes`, and `404.html`, rendered from what the browser
/// will have when it opens that page: `first`, the feed as published (a
/// paged archive's first page), and the files the app asks for, read by
/// `files` from the folder being published. So a page is the page the app
/// draws, and rendering one costs what its own files cost, however long the
/// archive. Each is handed to `write` as it is rendered (on every core, in
/// no set order), so that no more than a page per core is held at once.
/// Returns how many.
pub fn site(
    shell: &str,
    first: &Store,
    files: &published::Files,
    routes: &Routes,
    paths: &Paths,
    editions: &Editions,
    write: impl Fn(Page) -> Result<(), String> + Sync,
) -> Result<usize, String> {
    // An edition's language is the one its declaration names; a site of one
    // language speaks its feed's.
    let language = editions
        .current()
        .map(|e| e.language.as_str())
        .or(first.site.language.as_deref());
    let catalog = crate::catalogs::for_language(language);
    let shell = Shell::new(shell, catalog, language, editions, paths)?;
    use rayon::prelude::*;
    let progress = crate::progress::Progress::new("prerendering pages", routes.list.len());
    routes.list.par_iter().try_for_each(|(url, stands_for, file)| {
        let stands_for = stands_for.as_deref().unwrap_or(url);
        let html = published::serve(files, || {
            render(&shell, first, paths, catalog, editions, url, stands_for)
        })?;
        progress.advance();
        write(Page {
            file: file.clone(),
            html,
        })
    })?;
    progress.finish();
    // Hosts without rewrites answer unknown addresses with 404.html: the
    // bare app, which draws whatever the address names.
    write(Page {
        file: "404.html".to_owned(),
        html: shell.bare(),
    })?;
    Ok(routes.list.len() + 1)
}

/// How the site's addresses map to the files of the folder `dir` published
/// at `paths`: what a static host does. `None` for an address outside the
/// site or one that climbs out of its folder.
pub fn folder_files(dir: &std::path::Path, paths: &Paths) -> published::Files {
    let dir = dir.to_owned();
    let home = paths.home();
    Arc::new(move |url: &str| {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let relative = path.strip_prefix(home.as_str())?;
        let mut file = dir.clone();
        for segment in relative.split('/').filter(|s| !s.is_empty()) {
            let segment = gazette::paths::decode_segment(segment);
            if segment == ".." || segment == "." || segment.contains(['/', '\\']) {
                return None;
            }
            file.push(segment);
        }
        std::fs::read(file).ok()
    })
}

/// The page Trunk wrote, prepared to receive rendered pages.
struct Shell {
    html: String,
    bare: String,
}

impl Shell {
    fn new(
        index: &str,
        catalog: &Catalog,
        language: Option<&str>,
        editions: &Editions,
        paths: &Paths,
    ) -> Result<Shell, String> {
        let mut shell = shell::shell(index)?;
        // English is built into the app; any other language travels with the page.
        if let Some(data) = crate::catalogs::page_data(language) {
            shell = shell::with_data(&shell, crate::catalogs::ELEMENT_ID, &data)?;
        }
        if !editions.list.is_empty() {
            let list: Vec<EditionEntry> = editions.list.iter().map(EditionEntry::from).collect();
            shell = shell::with_data(&shell, gazette::editions::ELEMENT_ID, &shell::script_json(&list))?;
        }
        if let Some(edition) = editions.current() {
            shell = shell::for_edition(&shell, &edition.prefix)?;
        }
        // The shell's note that the site needs JavaScript is true of the bare
        // app only: a rendered page reads without it.
        let html = shell::without_noscript(&shell)?;
        let language = language.unwrap_or(catalog.language());
        // The title of the bare app until it draws the real one.
        let title = format!(
            "<title>{}</title>",
            catalog.not_found().replace('&', "&amp;").replace('<', "&lt;")
        );
        let tr = catalog;
        let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;");
        let (before, after) = tr
            .needs_javascript()
            .split_once("{feed}")
            .unwrap_or((tr.needs_javascript(), ""));
        let noscript = format!(
            r#"{}<a href="{}">{}</a>{}"#,
            escape(before),
            paths.feed(),
            escape(tr.json_feed()),
            escape(after)
        );
        let bare = shell::bare(&shell, language, direction_of(language), &title, &noscript)?;
        Ok(Shell { html, bare })
    }

    /// The shell with nothing rendered in it, for `404.html`.
    fn bare(&self) -> String {
        self.bare.clone()
    }
}

thread_local! {
    static POOL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
    static SPAWNER: LocalSpawner = POOL.with(|pool| pool.borrow().spawner());
}

/// Runs Leptos's tasks on the thread that renders, each thread with its own
/// pool: the app's components hold browser-side values that must stay on
/// the thread that made them.
struct ThisThread;

impl any_spawner::CustomExecutor for ThisThread {
    fn spawn(&self, future: any_spawner::PinnedFuture<()>) {
        SPAWNER.with(|spawner| {
            let _ = spawner.spawn_local(future);
        });
    }

    fn spawn_local(&self, future: any_spawner::PinnedLocalFuture<()>) {
        SPAWNER.with(|spawner| {
            let _ = spawner.spawn_local(future);
        });
    }

    fn poll_local(&self) {
        POOL.with(|pool| {
            if let Ok(mut pool) = pool.try_borrow_mut() {
                pool.run_until_stalled();
            }
        });
    }
}

fn init_executor() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        let _ = any_spawner::Executor::init_custom_executor(ThisThread);
    });
}

/// Runs `future` to completion on this thread's pool.
fn run<T>(future: impl std::future::Future<Output = T>) -> T {
    // The spawner is made from the pool: made first inside `run_until` (a
    // task spawned by the first page this thread renders), it would borrow
    // the pool while it runs.
    SPAWNER.with(|_| ());
    POOL.with(|pool| pool.borrow_mut().run_until(future))
}

/// Renders the app at `url` (a path including the base) into the shell,
/// marked as the page for the address `stands_for`.
fn render(
    shell: &Shell,
    store: &Store,
    paths: &Paths,
    catalog: &'static Catalog,
    editions: &Editions,
    url: &str,
    stands_for: &str,
) -> Result<String, String> {
    init_executor();
    let (meta_context, meta_output) = ServerMetaContext::new();
    let shared: Arc<dyn SharedContext + Send + Sync> = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(shared));
    let store = store.clone();
    let paths = paths.clone();
    let editions = editions.clone();
    let request = url.to_owned();
    let body = run(owner.with(move || {
        provide_context(RequestUrl::new(&request));
        provide_context(meta_context);
        let app = view! { <App paths initial=store live=false catalog editions /> };
        leptos::reactive::computed::ScopedFuture::new_untracked(app.to_html_stream_in_order().collect::<String>())
    }));
    let page = shell::with_page(&shell.html, &body, stands_for)?;
    let page = run(async move {
        meta_output
            .inject_meta_context(futures::stream::iter([page]))
            .await
            .collect::<String>()
            .await
    });
    owner.unset_with_forced_cleanup();
    if !page.contains("<title>") {
        return Err(format!("{url}: the rendered page has no title"));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::feed::read_feed;

    const SHELL: &str = "<!doctype html><html lang=en><head><meta charset=utf-8><base href=/><title>News</title><script type=module src=loader-1.js></script></head><body><div id=app></div><noscript><p>This site needs JavaScript.</p></noscript></body></html>";

    fn sample() -> Store {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/feed.json")).unwrap();
        Store::from_feed(read_feed(&bytes, "/feed.json").unwrap())
    }

    fn page<'a>(pages: &'a [Page], file: &str) -> &'a str {
        &pages
            .iter()
            .find(|p| p.file == file)
            .unwrap_or_else(|| panic!("no {file}"))
            .html
    }

    #[test]
    fn a_task_spawned_by_the_first_page_a_thread_renders_runs() {
        let spawned = std::thread::spawn(|| {
            init_executor();
            run(async {
                let (done, finished) = futures::channel::oneshot::channel();
                any_spawner::Executor::spawn_local(async move {
                    let _ = done.send(());
                });
                finished.await.is_ok()
            })
        })
        .join();
        assert!(matches!(spawned, Ok(true)), "the task ran on the rendering thread");
    }

    #[test]
    fn renders_every_page_with_its_content_and_metadata() {
        let store = sample();
        let pages = collected(SHELL, &store, &Paths::new("/"), &Editions::single("/"));
        // Front, the two lists, 8 topics, 19 people, 24 stories, search, 404.
        assert_eq!(pages.len(), 1 + 2 + 8 + 19 + 24 + 1 + 1);

        let article = page(&pages, "articles/library-cat-mochi/index.html");
        assert!(article.contains("<div id=app data-prerendered=\"/articles/library-cat-mochi/\">"));
        assert!(
            article.contains("<h1>Meet Mochi, the cat who runs the library</h1>"),
            "the headline"
        );
        assert!(
            article.contains("Mochi first appeared at the library"),
            "the first paragraph"
        );
        assert!(article.contains("<title>Meet Mochi, the cat who runs the library – Caldera University News</title>"));
        assert_eq!(article.matches("<title>").count(), 1);
        assert!(
            !article.contains("needs JavaScript"),
            "a rendered page reads without it"
        );
        assert!(article.contains("<html lang=\"en\""), "{}", &article[..200]);
        for tag in [
            r#"property="og:type" content="article""#,
            r#"property="og:title""#,
            r#"property="og:description""#,
            r#"property="og:image" content="https://news.caldera.example.edu/images/mochi-portrait-800.jpg""#,
            r#"property="og:image:width" content="800""#,
            r#"property="og:image:height""#,
            r#"property="article:published_time" content="2026-11-01T12:00:00+08:00""#,
            r#"property="article:section" content="Student Life""#,
            r#"name="twitter:card" content="summary_large_image""#,
            r#"<link href="https://news.caldera.example.edu/articles/library-cat-mochi/" rel="canonical">"#,
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle""#,
        ] {
            assert!(article.contains(tag), "missing {tag}");
        }

        let topic = page(&pages, "topics/research/index.html");
        assert!(topic.contains("<h1>Research</h1>"));
        assert!(topic.contains(r#""@type":"CollectionPage""#));
        assert!(
            topic.contains(r#"href="/topics/research/feed.json""#)
                && topic.contains(r#"href="/topics/research/feed.xml""#),
            "the topic's own feeds"
        );

        // Bylines and credits lead to people's pages; authors are Persons.
        let story = page(&pages, "articles/retina-model-early-signs/index.html");
        assert!(story.contains(
            r#"<p class="byline">By <a href="/people/amara-okafor/" class="person-link">Amara OKAFOR</a>, "#
        ));
        assert!(story.contains(
            r#"<span class="credit-role">Draft:</span> <a href="/people/wang-hao/" class="person-link">WANG Hao</a>"#
        ));
        assert!(story.contains(r#"{"@type":"Person","name":"Amara OKAFOR","url":"https://news.caldera.example.edu/people/amara-okafor/","sameAs":"https://news.caldera.example.edu/staff/amara-okafor/"}"#));
        let person = page(&pages, "people/amara-okafor/index.html");
        assert!(person.contains("<h1>Amara OKAFOR</h1>"));
        assert!(person.contains(r#"src="/images/avatar-amara-okafor.svg""#));
        assert!(
            person.contains(r#""@type":"CollectionPage""#)
                && person.contains(r#""about":{"@type":"Person","name":"Amara OKAFOR""#)
        );
        assert!(person.contains("6 stories"));
        let front = page(&pages, "index.html");
        assert!(front.contains("Caldera launches its Year of Global Partnerships"));
        let missing = page(&pages, "404.html");
        assert!(missing.contains("<div id=app></div>") && !missing.contains(gazette::takeover::PRERENDERED_ATTRIBUTE));
        assert!(
            missing.contains("This news site needs JavaScript to show this page."),
            "the bare app says what it needs"
        );
        assert!(
            missing.contains("<title>Page not found</title>"),
            "a title until the app sets the real one"
        );
    }

    /// The sample site built for the public URL `/news/`.
    fn site_under_news() -> Vec<Page> {
        collected(
            &SHELL.replace("<base href=/>", "<base href=/news/>"),
            &sample(),
            &Paths::new("/news/"),
            &Editions::single("/news/"),
        )
    }

    /// Every page `site` hands over, gathered.
    fn collected(shell: &str, store: &Store, paths: &Paths, editions: &Editions) -> Vec<Page> {
        let pages = std::sync::Mutex::new(Vec::new());
        let no_files: published::Files = Arc::new(|_| None);
        let routes = Routes::of(store, paths);
        let count = site(shell, store, &no_files, &routes, paths, editions, |page| {
            pages.lock().unwrap().push(page);
            Ok(())
        })
        .unwrap();
        let pages = pages.into_inner().unwrap();
        assert_eq!(count, pages.len());
        pages
    }

    #[test]
    fn the_search_shell_stands_for_every_search_and_is_not_indexed() {
        let pages = site_under_news();
        let search = page(&pages, "search/index.html");
        assert!(search.contains("<div id=app data-prerendered=\"/news/search/?*\">"));
        assert!(search.contains("<h1>Search</h1>"));
        assert!(search.contains("<title>Search – Caldera University News</title>"));
        assert!(search.contains(r#"<meta name="robots" content="noindex, max-image-preview:large">"#));
        // Without JavaScript the form still works as a form; the page says what it needs.
        assert!(search.contains(r#"action="/news/search/""#) && search.contains(r#"name="q""#));
        assert!(search.contains("<noscript>"), "a note for readers without JavaScript");
        assert!(!search.contains("search-result\""), "no results in the shell");
    }

    #[test]
    fn a_sub_path_prefixes_every_link() {
        let pages = site_under_news();
        let front = page(&pages, "index.html");
        assert!(front.contains("data-prerendered=\"/news/\""));
        let hrefs: Vec<&str> = front
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert!(hrefs.len() > 30);
        for href in hrefs {
            assert!(
                href.starts_with("/news/") || href.starts_with("https://") || href.starts_with('#'),
                "{href} escapes /news/"
            );
        }
    }
}
