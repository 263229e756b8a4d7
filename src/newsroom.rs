//! The app's single source of data: the store of articles and topics, the
//! live main feed behind it, and the async questions pages ask of it.
//!
//! Pages never fetch by themselves. They ask the newsroom for what they show
//! (`front`, `topic_page`, `article`); an answer the store already holds
//! resolves on the first poll, so cached and prerendered pages render without
//! a loading state, and only what is missing is fetched.

use std::sync::Arc;

use leptos::prelude::*;

use crate::feed::search::{Query, SearchText};
use crate::feed::{Article, Feed, Site};
use crate::loading::{fetch_document, fetch_feed, fingerprint, interpret, LoadError};
use crate::pagefind;
use crate::paths::Paths;
use crate::search::{search_articles, search_texts, SearchResults};
use crate::store::{ArticleContext, Reach, Section, Store, TopicPage, TOPIC_PAGE_SIZE};

/// How many pages of a feed chained by `next_url` the app follows to find a
/// story before it asks the reader whether to look further back: the bound
/// keeps a looping feed finite and a reader's data plan in mind.
pub const FEED_PAGES_PER_LOOK: usize = 50;

/// What the newsroom found for a page that asked for one thing.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T> {
    Found(T),
    /// The feed holds no such thing: the whole feed was looked through.
    Missing,
    /// Not among the stories looked through so far; older ones remain.
    NotReached(Reach),
}

impl<T> Lookup<T> {
    pub fn found(self) -> Option<T> {
        match self {
            Lookup::Found(found) => Some(found),
            _ => None,
        }
    }
}

/// What the front page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontPage {
    pub lead: Option<Arc<Article>>,
    pub latest: Vec<Arc<Article>>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Copy)]
pub struct Newsroom {
    paths: StoredValue<Paths>,
    store: RwSignal<Store>,
    main_feed: LocalResource<Result<(), LoadError>>,
    /// Bumped when the main feed's content changes or a retry starts, so
    /// pages ask again.
    revision: RwSignal<u64>,
    /// Requests under way, for the progress bar.
    busy: RwSignal<u32>,
    /// Whether the current page has drawn its content (not a skeleton):
    /// the moment a prerendered page can be handed over to the app.
    page_drawn: RwSignal<bool>,
    /// How many pages have been drawn so far: a new page (or a new version
    /// of one) each time it grows.
    pages_drawn: RwSignal<u64>,
    /// Whether what is on screen is the app's own DOM (not a prerendered
    /// page waiting to be taken over).
    live: RwSignal<bool>,
    /// Why the current page could not be drawn (title, details), if it could not.
    failure: RwSignal<Option<(String, String)>>,
    /// The stories' folded text for in-memory search, with the store
    /// version (revision, story count) it was made from.
    search_texts: StoredValue<Option<SearchTextCache>>,
    /// The page of a `next_url` chain being fetched while looking for older
    /// stories, for the progress line.
    looking_at: RwSignal<Option<usize>>,
    /// How many pages of a `next_url` chain may be read before the reader is
    /// asked whether to look further back.
    page_budget: RwSignal<usize>,
}

/// Folded story text and the store version (revision, story count) it was made from.
type SearchTextCache = (u64, usize, Arc<Vec<SearchText>>);

pub fn use_newsroom() -> Newsroom {
    expect_context::<Newsroom>()
}

impl Newsroom {
    /// Creates the newsroom and starts loading the live feed. `initial` is
    /// what a prerendered page was rendered from, or what the prerenderer
    /// renders; without it pages wait for the feed.
    pub fn new(paths: Paths, initial: Option<Store>) -> Newsroom {
        Newsroom::create(paths, initial, true)
    }

    /// A newsroom that shows `store` and never fetches: for the prerenderer
    /// and for component tests.
    pub fn fixed(paths: Paths, store: Store) -> Newsroom {
        Newsroom::create(paths, Some(store), false)
    }

    fn create(paths: Paths, initial: Option<Store>, live: bool) -> Newsroom {
        let store = RwSignal::new(initial.unwrap_or_default());
        let revision = RwSignal::new(0);
        let busy = RwSignal::new(0u32);
        let feed_url = paths.feed();
        // The fingerprint of the main feed's bytes as last read (0 before the
        // first): the same bytes again change nothing.
        let main_fingerprint = RwSignal::new(0u64);
        let main_feed = LocalResource::new(move || {
            let url = feed_url.clone();
            async move {
                if !live {
                    return Ok(());
                }
                busy.update(|n| *n += 1);
                let result = fetch_document(&url).await;
                busy.update(|n| *n = n.saturating_sub(1));
                let (status, body) = result?;
                let fingerprint = fingerprint(&body);
                if main_fingerprint.get_untracked() == fingerprint {
                    return Ok(());
                }
                let feed = interpret(&url, &url, status, &body)?;
                log_problems(&url, &feed);
                main_fingerprint.set(fingerprint);
                store.set(Store::from_feed(feed));
                revision.update(|r| *r += 1);
                Ok(())
            }
        });
        Newsroom {
            paths: StoredValue::new(paths),
            store,
            main_feed,
            revision,
            busy,
            page_drawn: RwSignal::new(false),
            pages_drawn: RwSignal::new(0),
            live: RwSignal::new(false),
            failure: RwSignal::new(None),
            search_texts: StoredValue::new(None),
            looking_at: RwSignal::new(None),
            page_budget: RwSignal::new(FEED_PAGES_PER_LOOK),
        }
    }

    pub fn paths(&self) -> Paths {
        self.paths.get_value()
    }

    /// What the feed says of the site, read by `f`, once the feed is loaded
    /// (reactive).
    pub fn site<T>(&self, f: impl FnOnce(&Site) -> T) -> Option<T> {
        self.store.with(|s| s.loaded.then(|| f(&s.site)))
    }

    /// The site title, or a neutral name while the feed is not loaded. Pages
    /// drawn from data call it once; the not-found page, which can be drawn
    /// before the feed arrives, reads it reactively.
    pub fn site_title(&self) -> String {
        self.store.with_untracked(site_title)
    }

    pub fn site_title_tracked(&self) -> String {
        self.store.with(site_title)
    }

    pub fn site_tagline(&self) -> Option<String> {
        self.store.with_untracked(|s| s.site.tagline.clone())
    }

    /// The store itself, read reactively.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        self.store.with(f)
    }

    /// Subscribes the caller to content changes and retries.
    pub fn track(&self) {
        self.revision.track();
    }

    pub fn is_busy(&self) -> bool {
        self.busy.get() > 0
    }

    /// Pages call this once their content is drawn.
    pub fn mark_page_drawn(&self) {
        if !self.page_drawn.get_untracked() {
            self.page_drawn.set(true);
        }
        self.pages_drawn.update(|n| *n += 1);
        if self.failure.get_untracked().is_some() {
            self.failure.set(None);
        }
        // For performance measurements: when each page was drawn.
        #[cfg(target_arch = "wasm32")]
        if let Some(performance) = window().performance() {
            let _ = performance.mark("gazette:page-drawn");
        }
    }

    /// The app's DOM is now the page on screen.
    pub fn mark_live(&self) {
        self.live.set(true);
    }

    pub fn is_live(&self) -> bool {
        self.live.get()
    }

    /// Pages that failed to load say why, for the banner over a prerendered page.
    pub fn report_failure(&self, failure: Option<(String, String)>) {
        if self.failure.get_untracked() != failure {
            self.failure.set(failure);
        }
    }

    pub fn failure(&self) -> Option<(String, String)> {
        self.failure.get()
    }

    pub fn page_drawn(&self) -> bool {
        self.page_drawn.get()
    }

    /// Counts drawn pages (reactive), for focus and announcements.
    pub fn pages_drawn(&self) -> u64 {
        self.pages_drawn.get()
    }

    /// Loads the main feed again after a failure.
    pub fn retry(&self) {
        self.main_feed.refetch();
        self.revision.update(|r| *r += 1);
    }

    /// Resolves once the main feed is in the store.
    pub async fn ready(self) -> Result<(), LoadError> {
        if self.store.with_untracked(|s| s.loaded) {
            return Ok(());
        }
        self.main_feed.await
    }

    pub async fn front(self) -> Result<FrontPage, LoadError> {
        self.ready().await?;
        let sections_url = self.store.with_untracked(|s| {
            (!s.complete && !s.sections_loaded)
                .then(|| s.site.archive.as_ref()?.sections_url.clone())
                .flatten()
        });
        if let Some(url) = sections_url {
            let feed = self.fetch(&url).await?;
            self.store.update_untracked(|s| {
                s.add_articles(feed.articles);
                s.sections_loaded = true;
            });
        }
        Ok(self.store.with_untracked(|s| {
            let articles = s.articles();
            let lead = articles
                .iter()
                .find(|a| a.card_image().is_some())
                .or(articles.first())
                .cloned();
            let latest = articles
                .iter()
                .filter(|a| Some(a.slug.as_str()) != lead.as_ref().map(|l| l.slug.as_str()))
                .take(6)
                .cloned()
                .collect();
            FrontPage {
                lead,
                latest,
                sections: s.sections(3),
            }
        }))
    }

    /// One page of a topic; `Missing` for an unknown topic or a page out of range.
    pub async fn topic_page(self, slug: String, page: u32) -> Result<Lookup<TopicPage>, LoadError> {
        self.ready().await?;
        loop {
            let (found, complete, archive_url, known_topic, beyond_last_page) = self.store.with_untracked(|s| {
                let archive = s.site.archive.as_ref();
                let topic = s.topic(&slug);
                // The topic's story count tells the number of pages without a request.
                let beyond = match (archive, topic.and_then(|t| t.story_count)) {
                    (Some(a), Some(count)) => page as u64 > count.div_ceil(a.topic_page_size as u64).max(1),
                    _ => false,
                };
                (
                    s.topic_page(&slug, page),
                    s.complete,
                    s.topic_page_url(&slug, page),
                    topic.is_some(),
                    beyond,
                )
            });
            // A full page, or the last one, can be shown from what is held.
            if let Some(found) = &found {
                if complete || found.articles.len() >= TOPIC_PAGE_SIZE || found.page.number < found.page.total_pages {
                    return Ok(Lookup::Found(found.clone()));
                }
            }
            if complete || !known_topic || beyond_last_page {
                return Ok(found
                    .filter(|_| !beyond_last_page)
                    .map_or(Lookup::Missing, Lookup::Found));
            }
            if let Some(url) = archive_url {
                let feed = match self.fetch(&url).await {
                    Ok(feed) => feed,
                    Err(e) if e.means_missing() => return Ok(Lookup::Missing),
                    Err(e) => return Err(e),
                };
                let Some(info) = feed.page else {
                    return Ok(found.map_or(Lookup::Missing, Lookup::Found));
                };
                return Ok(self
                    .store
                    .try_update_untracked(|s| s.add_topic_page(&slug, feed, info))
                    .flatten()
                    .map_or(Lookup::Missing, Lookup::Found));
            }
            if !self.load_next_page().await? {
                // What is held so far is the page, as far as the reader has let the app look.
                return Ok(match found {
                    Some(found) if !found.articles.is_empty() => Lookup::Found(found),
                    _ => Lookup::NotReached(self.reach()),
                });
            }
        }
    }

    /// One page of every story, newest first.
    pub async fn latest_page(self, page: u32) -> Result<Lookup<TopicPage>, LoadError> {
        self.ready().await?;
        loop {
            let (found, complete) = self.store.with_untracked(|s| (s.latest_page(page), s.complete));
            if let Some(found) = &found {
                if complete || found.articles.len() >= TOPIC_PAGE_SIZE {
                    return Ok(Lookup::Found(found.clone()));
                }
            }
            if complete {
                return Ok(found.map_or(Lookup::Missing, Lookup::Found));
            }
            if !self.load_next_page().await? {
                return Ok(found.map_or_else(|| Lookup::NotReached(self.reach()), Lookup::Found));
            }
        }
    }

    pub async fn article(self, slug: String) -> Result<Lookup<ArticleContext>, LoadError> {
        self.ready().await?;
        loop {
            let (found, complete, archive_url) = self
                .store
                .with_untracked(|s| (s.article_context(&slug), s.complete, s.article_url(&slug)));
            if let Some(found) = found {
                return Ok(Lookup::Found(found));
            }
            if complete {
                return Ok(Lookup::Missing);
            }
            if let Some(url) = archive_url {
                return match self.fetch(&url).await {
                    Ok(feed) => {
                        self.store.update_untracked(|s| s.add_articles(feed.articles));
                        Ok(self
                            .store
                            .with_untracked(|s| s.article_context(&slug))
                            .map_or(Lookup::Missing, Lookup::Found))
                    }
                    Err(e) if e.means_missing() => Ok(Lookup::Missing),
                    Err(e) => Err(e),
                };
            }
            if !self.load_next_page().await? {
                return Ok(Lookup::NotReached(self.reach()));
            }
        }
    }

    /// How far back the stories held reach.
    pub fn reach(&self) -> Reach {
        self.store.with_untracked(Store::reach)
    }

    /// The page of a `next_url` chain being fetched to find older stories (reactive).
    pub fn looking_at(&self) -> Option<usize> {
        self.looking_at.get()
    }

    /// Lets the app follow more pages of the feed, and asks again.
    pub fn look_further(&self) {
        let loaded = self.store.with_untracked(|s| s.pages_loaded);
        self.page_budget.set(loaded + FEED_PAGES_PER_LOOK);
        self.revision.update(|r| *r += 1);
    }

    /// Stops following the feed's pages after the one being fetched.
    pub fn stop_looking(&self) {
        let loaded = self.store.with_untracked(|s| s.pages_loaded);
        self.page_budget.set(loaded);
    }

    /// Stories matching `query` (see [`crate::feed::search`]), best first,
    /// at most `limit` of them: from the archive's search index when it has
    /// one, else from the stories the app holds, after reading as many pages
    /// of a feed paged by `next_url` as a deep link would (the results say
    /// how far back that reaches, and [`Newsroom::look_further`] goes on).
    pub async fn search(self, query: String, topic: Option<String>, limit: usize) -> Result<SearchResults, LoadError> {
        self.ready().await?;
        let query = Query::parse(&query);
        if query.is_empty() {
            // The reader is about to type: load the engine meanwhile.
            self.prepare_search();
            return Ok(SearchResults::default());
        }
        let index = self.search_index();
        if let Some(folder) = index {
            let found =
                send_wrapper::SendWrapper::new(pagefind::search(&folder, &query, topic.as_deref(), limit)).await;
            match found {
                Ok(results) => return Ok(results),
                // The stories already loaded can still be searched.
                Err(e) => {
                    leptos::logging::warn!("gazette: the search index failed ({e}); searching the stories loaded")
                }
            }
        }
        while self.load_next_page().await? {}
        let version = (
            self.revision.get_untracked(),
            self.store.with_untracked(|s| s.articles().len()),
        );
        let cached = self
            .search_texts
            .with_value(|c| c.as_ref().filter(|c| (c.0, c.1) == version).map(|c| c.2.clone()));
        let texts = cached.unwrap_or_else(|| {
            let texts = Arc::new(self.store.with_untracked(|s| search_texts(s.articles())));
            self.search_texts.set_value(Some((version.0, version.1, texts.clone())));
            texts
        });
        Ok(self
            .store
            .with_untracked(|s| search_articles(s.articles(), &texts, &query, topic.as_deref(), limit)))
    }

    /// Starts loading the archive's search engine, if it has one.
    pub fn prepare_search(&self) {
        if let Some(folder) = self.search_index() {
            pagefind::preload(&folder);
        }
    }

    /// The folder of the archive's search index, if it has one.
    fn search_index(&self) -> Option<String> {
        self.store
            .with_untracked(|s| s.site.archive.as_ref().and_then(|a| a.search_url.clone()))
    }

    /// Follows the main feed's `next_url` once; `false` when there is none
    /// left, or when the pages the reader allowed have been read.
    async fn load_next_page(self) -> Result<bool, LoadError> {
        let budget = self.page_budget.get_untracked();
        let next = self
            .store
            .with_untracked(|s| (s.pages_loaded < budget).then(|| s.next_url.clone()).flatten());
        let Some(url) = next else {
            return Ok(false);
        };
        self.looking_at
            .set(Some(self.store.with_untracked(|s| s.pages_loaded) + 1));
        let feed = self.fetch(&url).await;
        self.looking_at.set(None);
        let feed = feed?;
        self.store.update_untracked(|s| s.add_page(feed));
        Ok(true)
    }

    /// Fetches one more feed document, counted for the progress bar. Its
    /// relative URLs mean what they would in the main feed: an archive's files
    /// sit in sub-folders but are written relative to `feed.json`.
    async fn fetch(self, url: &str) -> Result<Feed, LoadError> {
        self.busy.update(|n| *n += 1);
        let base = self.paths.with_value(Paths::feed);
        let result = send_wrapper::SendWrapper::new(fetch_feed(url, &base)).await;
        self.busy.update(|n| *n = n.saturating_sub(1));
        if let Ok(feed) = &result {
            log_problems(url, feed);
        }
        result
    }
}

fn site_title(store: &Store) -> String {
    if store.loaded {
        store.site.title.clone()
    } else {
        "News".to_owned()
    }
}

/// The details behind the page's quiet notice go to the console.
fn log_problems(url: &str, feed: &Feed) {
    for problem in &feed.problems {
        leptos::logging::warn!("{url}: {problem}");
    }
}
