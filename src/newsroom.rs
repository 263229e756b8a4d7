//! The app's single source of data: the store of articles and topics, the
//! live main feed behind it, and the async questions pages ask of it.
//!
//! Pages never fetch by themselves. They ask the newsroom for what they show
//! (`front`, `topic_page`, `article`); an answer the store already holds
//! resolves on the first poll, so cached and prerendered pages render without
//! a loading state, and only what is missing is fetched.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::{fetch_document, Fetched};
use crate::feed::search::{Query, SearchText};
use crate::feed::{Article, Feed, Site, Timestamp, Topic};
use crate::loading::{fetch_feed, fingerprint, interpret, LoadError, LoadErrorKind};
use crate::page_shell::PageShell;
use crate::pagefind;
use crate::paths::Paths;
use crate::search::{search_articles, search_texts, SearchResults};
pub use crate::store::Lookup;
use crate::store::{Answer, ArticleContext, PersonPage, Publisher, Reach, Section, Store, TopicPage};

/// How many pages of a feed chained by `next_url` the app follows to find a
/// story before it asks the reader whether to look further back: the bound
/// keeps a looping feed finite and a reader's data plan in mind.
pub const FEED_PAGES_PER_LOOK: usize = 50;

/// What the front page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontPage {
    pub lead: Option<Arc<Article>>,
    pub latest: Vec<Arc<Article>>,
    pub sections: Vec<Section>,
}

/// The app's data service: what pages ask for, fetched and merged into
/// the store. What the page on screen is doing is the [`PageShell`]'s.
#[derive(Clone, Copy)]
pub struct Newsroom {
    store: RwSignal<Store>,
    main_feed: LocalResource<Result<(), LoadError>>,
    /// Bumped when the main feed's content changes, so pages ask again.
    revision: RwSignal<u64>,
    /// Where requests are counted and retries asked for.
    shell: PageShell,
    /// Whether it reads the live feed: not when rendering ahead of time,
    /// which is given the feed and reads only the archive's files.
    fetches: bool,
    /// The stories' folded text for in-memory search, with the store
    /// version (revision, story count) it was made from.
    search_texts: StoredValue<Option<SearchTextCache>>,
    /// The page of a `next_url` chain being fetched while looking for older
    /// stories, for the progress line.
    looking_at: RwSignal<Option<usize>>,
    /// How many pages of a `next_url` chain may be read before the reader is
    /// asked whether to look further back.
    page_budget: RwSignal<usize>,
    /// When the main feed as shown was kept by the service worker, if it
    /// answered offline with its copy.
    offline_as_of: RwSignal<Option<Timestamp>>,
}

/// Folded story text and the store version (revision, story count) it was made from.
type SearchTextCache = (u64, usize, Arc<Vec<SearchText>>);

pub fn use_newsroom() -> Newsroom {
    expect_context::<Newsroom>()
}

impl Newsroom {
    /// Creates the newsroom and starts loading the live feed. `initial` is
    /// what a prerendered page was rendered from; without it pages wait for
    /// the feed.
    pub fn new(shell: PageShell, initial: Option<Store>) -> Newsroom {
        Newsroom::create(shell, initial, true)
    }

    /// A newsroom that shows `store` and never fetches it again: for the
    /// prerenderer (which reads a paged archive's files from the folder
    /// being published, as the browser will over the network) and for
    /// component tests (which read nothing).
    pub fn fixed(shell: PageShell, store: Store) -> Newsroom {
        Newsroom::create(shell, Some(store), false)
    }

    fn create(shell: PageShell, initial: Option<Store>, fetches: bool) -> Newsroom {
        let store = RwSignal::new(initial.unwrap_or_default());
        let revision = RwSignal::new(0);
        let feed_url = shell.paths().feed();
        // The fingerprint of the main feed's bytes as last read (0 before the
        // first): the same bytes again change nothing.
        let main_fingerprint = RwSignal::new(0u64);
        let offline_as_of = RwSignal::new(None);
        let main_feed = LocalResource::new(move || {
            // Loaded again when the reader asks to retry.
            shell.retries();
            let url = feed_url.clone();
            async move {
                if !fetches {
                    return Ok(());
                }
                // Not in the task that created the newsroom, if that one has
                // had its time: the request's own set-up is a slice's worth.
                crate::browser::yield_if_spent().await;
                let request = shell.request();
                let result = fetch_document(&url).await;
                drop(request);
                let Fetched {
                    status,
                    body,
                    offline_copy_of,
                } = result?;
                offline_as_of.set(offline_copy_of.as_deref().and_then(Timestamp::parse));
                let fingerprint = fingerprint(&body);
                if main_fingerprint.get_untracked() == fingerprint {
                    return Ok(());
                }
                // The response arrived in a task of the browser's: the reading
                // that follows is a slice of its own, and yields when spent.
                crate::browser::begin_slice();
                let feed = interpret(&url, &url, status, &body).await?;
                crate::browser::mark_timeline("gazette:feed-read");
                log_problems(&url, &feed);
                main_fingerprint.set(fingerprint);
                // What is derived from the stories, once read, is a slice of its own.
                crate::browser::yield_if_spent().await;
                let read = Store::from_feed(feed);
                // Drawing the pages it changes starts a slice of its own.
                crate::browser::yield_if_spent().await;
                store.set(read);
                revision.update(|r| *r += 1);
                Ok(())
            }
        });
        Newsroom {
            store,
            main_feed,
            revision,
            shell,
            fetches,
            search_texts: StoredValue::new(None),
            looking_at: RwSignal::new(None),
            page_budget: RwSignal::new(FEED_PAGES_PER_LOOK),
            offline_as_of,
        }
    }

    /// When the stories shown were kept, if the feed came from the service
    /// worker's copy because the network did not answer (reactive).
    pub fn offline_as_of(&self) -> Option<Timestamp> {
        self.offline_as_of.get()
    }

    pub fn offline_as_of_untracked(&self) -> Option<Timestamp> {
        self.offline_as_of.get_untracked()
    }

    /// Reads the main feed again: the reader is back online.
    pub fn reload_feed(&self) {
        self.shell.retry();
    }

    pub fn paths(&self) -> Paths {
        self.shell.paths()
    }

    /// What the feed says of the site, read by `f`, once the feed is loaded
    /// (reactive).
    pub fn site<T>(&self, f: impl FnOnce(&Site) -> T) -> Option<T> {
        self.store.with(|s| s.is_loaded().then(|| f(&s.site)))
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

    /// What the pages' metadata says of the site.
    pub fn publisher(&self) -> Publisher {
        self.store.with_untracked(Store::publisher)
    }

    /// The topic a story is filed under first, for its card.
    pub fn kicker(&self, article: &Article) -> Option<Topic> {
        self.store.with_untracked(|s| s.kicker(article))
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
        self.shell.retries();
    }

    /// Resolves once the main feed is in the store.
    pub async fn ready(self) -> Result<(), LoadError> {
        if self.store.with_untracked(Store::is_loaded) {
            return Ok(());
        }
        self.main_feed.await
    }

    pub async fn front(self) -> Result<FrontPage, LoadError> {
        self.ready().await?;
        let sections_url = self.store.with_untracked(|s| s.sections_url().map(str::to_owned));
        if let Some(url) = sections_url {
            let feed = self.fetch(&url).await?;
            self.store.update_untracked(|s| s.add_sections(feed));
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
        self.settle(
            |s| s.find_topic_page(&slug, page),
            |s, feed| match feed.page {
                Some(info) => s.add_topic_page(&slug, feed, info),
                None => s.topic_page(&slug, page),
            },
        )
        .await
    }

    /// One page of the stories a person wrote or is credited in.
    pub async fn person_page(self, slug: String, page: u32) -> Result<Lookup<PersonPage>, LoadError> {
        self.settle(
            |s| s.find_person_page(&slug, page),
            |s, feed| match feed.page {
                Some(info) => s.add_person_page(&slug, feed, info),
                None => s.person_page(&slug, page),
            },
        )
        .await
    }

    /// One page of every story, newest first.
    pub async fn latest_page(self, page: u32) -> Result<Lookup<TopicPage>, LoadError> {
        self.settle(|s| s.find_latest_page(page), |_, _| None).await
    }

    pub async fn article(self, slug: String) -> Result<Lookup<ArticleContext>, LoadError> {
        self.settle(
            |s| s.find_article(&slug),
            |s, feed| {
                s.add_articles(feed.articles);
                s.article_context(&slug)
            },
        )
        .await
    }

    /// Reads what the store says it needs (an archive's file, or older pages
    /// of the main feed, as far as the reader lets it) until the store knows
    /// the answer. `from_file` adds a file's stories and gives the answer.
    async fn settle<T: Clone>(
        self,
        ask: impl Fn(&Store) -> Answer<T>,
        from_file: impl Fn(&mut Store, Feed) -> Option<T>,
    ) -> Result<Lookup<T>, LoadError> {
        self.ready().await?;
        loop {
            match self.store.with_untracked(&ask) {
                Answer::Known(lookup) => return Ok(lookup),
                Answer::InFile(url) => {
                    return match self.fetch(&url).await {
                        Ok(feed) => Ok(self
                            .store
                            .try_update_untracked(|s| from_file(s, feed))
                            .flatten()
                            .map_or(Lookup::Missing, Lookup::Found)),
                        Err(e) if e.means_missing() => Ok(Lookup::Missing),
                        Err(e) => Err(e),
                    };
                }
                Answer::FurtherBack { held } => {
                    if !self.load_next_page().await? {
                        // What is held so far is the page, as far as the reader has let the app look.
                        return Ok(held.map_or_else(|| Lookup::NotReached(self.reach()), Lookup::Found));
                    }
                }
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
        let loaded = self.store.with_untracked(Store::pages_loaded);
        self.page_budget.set(loaded + FEED_PAGES_PER_LOOK);
        self.revision.update(|r| *r += 1);
    }

    /// Stops following the feed's pages after the one being fetched.
    pub fn stop_looking(&self) {
        let loaded = self.store.with_untracked(Store::pages_loaded);
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

    /// The folder of the archive's search index, if it has one (and the
    /// newsroom fetches).
    fn search_index(&self) -> Option<String> {
        if !self.fetches {
            return None;
        }
        self.store
            .with_untracked(|s| s.site.archive.as_ref().and_then(|a| a.search_url.clone()))
    }

    /// Follows the main feed's `next_url` once; `false` when there is none
    /// left, or when the pages the reader allowed have been read.
    async fn load_next_page(self) -> Result<bool, LoadError> {
        let budget = self.page_budget.get_untracked();
        let next = self.store.with_untracked(|s| {
            s.next_page_url(budget)
                .map(|url| (url.to_owned(), s.pages_loaded() + 1))
        });
        let Some((url, page)) = next else {
            return Ok(false);
        };
        self.looking_at.set(Some(page));
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
        // Natively the request reads the published folder (`browser::published`).
        if !self.fetches && crate::browser::IN_BROWSER {
            return Err(LoadError {
                url: url.to_owned(),
                kind: LoadErrorKind::Network,
            });
        }
        let request = self.shell.request();
        let base = self.shell.paths().feed();
        let result = send_wrapper::SendWrapper::new(fetch_feed(url, &base)).await;
        drop(request);
        if let Ok(feed) = &result {
            log_problems(url, feed);
        }
        result
    }
}

fn site_title(store: &Store) -> String {
    if store.is_loaded() {
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
