//! The state of the page on screen, apart from its data: the site's paths
//! it is served under, whether requests are under way, whether the page has drawn its content, whether the app's
//! own DOM is what the reader sees (rather than a prerendered page waiting
//! to be taken over), and why the page could not be drawn.
//!
//! The newsroom (the data) and the shell (the page) meet in two places
//! only: the newsroom counts its requests on the shell's busy count, and it
//! reads the shell's retry count, which a Retry button raises, to load
//! again.

use leptos::prelude::*;

use crate::paths::Paths;

#[derive(Clone, Copy)]
pub struct PageShell {
    paths: StoredValue<Paths>,
    /// Requests under way, for the progress bar and the Retry button.
    busy: RwSignal<u32>,
    /// Whether the current page has drawn its content (not a skeleton):
    /// the moment a prerendered page can be handed over to the app.
    drawn: RwSignal<bool>,
    /// How many pages have been drawn so far: a new page (or a new version
    /// of one) each time it grows.
    pages_drawn: RwSignal<u64>,
    live: RwSignal<bool>,
    /// Pieces of the page put off to a later slice while the app takes over
    /// a prerendered page (`takeover::Later`), not yet drawn.
    put_off: RwSignal<u32>,
    /// Why the current page could not be drawn (title, details), if it could not.
    failure: RwSignal<Option<(String, String)>>,
    /// Raised each time the reader asks to try again.
    retries: RwSignal<u64>,
}

pub fn use_page_shell() -> PageShell {
    expect_context::<PageShell>()
}

impl PageShell {
    pub fn new(paths: Paths) -> PageShell {
        PageShell {
            paths: StoredValue::new(paths),
            busy: RwSignal::new(0),
            drawn: RwSignal::new(false),
            pages_drawn: RwSignal::new(0),
            live: RwSignal::new(false),
            put_off: RwSignal::new(0),
            failure: RwSignal::new(None),
            retries: RwSignal::new(0),
        }
    }

    pub fn paths(&self) -> Paths {
        self.paths.get_value()
    }

    /// A request started; the returned guard counts it finished when dropped,
    /// also when what waited for it went away.
    pub fn request(&self) -> Request {
        self.busy.update(|n| *n += 1);
        Request(self.busy)
    }

    pub fn is_busy(&self) -> bool {
        self.busy.get() > 0
    }

    /// The page's content is drawn. Every page says so once, with
    /// [`declare_page_drawn`], whatever it shows: stories, an empty state,
    /// a not-found page or search results.
    pub fn declare_drawn(&self) {
        if !self.drawn.get_untracked() {
            self.drawn.set(true);
        }
        self.pages_drawn.update(|n| *n += 1);
        if self.failure.get_untracked().is_some() {
            self.failure.set(None);
        }
        crate::browser::mark_timeline("gazette:page-drawn");
    }

    pub fn is_drawn(&self) -> bool {
        self.drawn.get()
    }

    /// Whether the page has drawn its content and every piece put off to a
    /// later slice (reactive): the moment it can take a prerendered page's place.
    pub fn is_wholly_drawn(&self) -> bool {
        self.drawn.get() && self.put_off.get() == 0
    }

    pub fn is_wholly_drawn_untracked(&self) -> bool {
        self.drawn.get_untracked() && self.put_off.get_untracked() == 0
    }

    /// A piece of the page is put off to a later slice.
    pub fn put_off(&self) {
        self.put_off.update(|n| *n += 1);
    }

    /// A piece put off is drawn.
    pub fn put_off_drawn(&self) {
        self.put_off.update(|n| *n = n.saturating_sub(1));
    }

    /// Counts drawn pages (reactive), for focus and announcements.
    pub fn pages_drawn(&self) -> u64 {
        self.pages_drawn.get()
    }

    /// The app's DOM is now the page on screen.
    pub fn mark_live(&self) {
        self.live.set(true);
    }

    pub fn is_live(&self) -> bool {
        self.live.get()
    }

    pub fn is_live_untracked(&self) -> bool {
        self.live.get_untracked()
    }

    /// A page that failed to load says why, for the banner over a prerendered page.
    pub fn report_failure(&self, failure: Option<(String, String)>) {
        if self.failure.get_untracked() != failure {
            self.failure.set(failure);
        }
    }

    pub fn failure(&self) -> Option<(String, String)> {
        self.failure.get()
    }

    /// The reader asks to load again.
    pub fn retry(&self) {
        self.retries.update(|n| *n += 1);
    }

    /// How many times the reader has asked to load again (reactive).
    pub fn retries(&self) -> u64 {
        self.retries.get()
    }
}

/// A request under way, counted on the shell until dropped.
pub struct Request(RwSignal<u32>);

impl Drop for Request {
    fn drop(&mut self) {
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

/// Declares that the page being drawn is the page, once it is on screen:
/// each page's view calls it once, in every state that is the page (not in
/// a skeleton or a failure).
pub fn declare_page_drawn() {
    let shell = use_page_shell();
    Effect::new(move |_| shell.declare_drawn());
}
