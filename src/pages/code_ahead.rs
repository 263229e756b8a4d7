//! The code of a page that is a chunk, fetched as the reader heads for a
//! link to it: a pointer resting on the link, or focus on it, comes a few
//! hundred milliseconds before the click, most of a round trip on a phone's
//! line, so the page is drawn at the click rather than after the chunk's
//! journey. (The service worker keeps every chunk a little after the first
//! visit; this is for the reader who clicks before that.)

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::paths::Paths;

/// The pages whose code is not in the app itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageCode {
    /// A topic, every topic, the latest, a person's stories.
    Lists,
    Search,
}

impl PageCode {
    /// The code the page at `pathname` (a path from the host's root, as the
    /// app writes its links) is drawn with, if it is a chunk; `None` for the
    /// front page, a story, or anywhere outside the site.
    pub fn at(paths: &Paths, pathname: &str) -> Option<PageCode> {
        let in_site = pathname.strip_prefix(paths.router_base())?;
        let first = in_site.strip_prefix('/')?.split('/').next()?;
        match first {
            "topics" | "latest" | "people" => Some(PageCode::Lists),
            "search" => Some(PageCode::Search),
            _ => None,
        }
    }

    /// Fetches the chunk once; a fetch that failed is tried again at the
    /// next reach (the page would otherwise try again at its click anyway).
    pub fn fetch(self) {
        let asked = &ASKED[self as usize];
        if asked.swap(true, Ordering::Relaxed) {
            return;
        }
        leptos::task::spawn_local(async move {
            let arrived = match self {
                PageCode::Lists => super::topic::fetch_list_page_code().await.is_ok(),
                PageCode::Search => super::search::fetch_search_page_code().await.is_ok(),
            };
            if !arrived {
                asked.store(false, Ordering::Relaxed);
            }
        });
    }
}

/// Whether each chunk has been asked for, by `PageCode as usize`.
static ASKED: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];

/// Listens, for the whole app, for a pointer over or focus on a link to a
/// page that is a chunk, or focus in the search box. Draws nothing.
#[component]
pub fn CodeAhead() -> impl IntoView {
    if crate::browser::IN_BROWSER {
        let paths = crate::paths::use_paths();
        let reach = move |target: Option<web_sys::EventTarget>| {
            let destination = target
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| destination(&element));
            if let Some(code) = destination.and_then(|pathname| PageCode::at(&paths, &pathname)) {
                code.fetch();
            }
        };
        let reach_by_focus = reach.clone();
        let pointer = window_event_listener(leptos::ev::pointerover, move |ev| reach(ev.target()));
        let focus = window_event_listener(leptos::ev::focusin, move |ev| reach_by_focus(ev.target()));
        on_cleanup(move || {
            pointer.remove();
            focus.remove();
        });
    }
}

/// The address the link or form `element` is in leads to, as the app
/// writes its own (a path from the site's root; a full URL, as a story's
/// text may hold, is left to the click), or the header's search form: focus
/// in its box comes before a search.
fn destination(element: &web_sys::Element) -> Option<String> {
    let target = element.closest("a[href], form[action]").ok()??;
    let address = target
        .get_attribute("href")
        .or_else(|| target.get_attribute("action"))?;
    Some(address.split(['?', '#']).next()?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_pages_and_search_are_chunks_and_nothing_else_is() {
        let root = Paths::new("/");
        assert_eq!(PageCode::at(&root, "/topics/research/"), Some(PageCode::Lists));
        assert_eq!(PageCode::at(&root, "/topics/"), Some(PageCode::Lists));
        assert_eq!(PageCode::at(&root, "/latest/"), Some(PageCode::Lists));
        assert_eq!(PageCode::at(&root, "/people/ana-ruiz/"), Some(PageCode::Lists));
        assert_eq!(PageCode::at(&root, "/search"), Some(PageCode::Search));
        assert_eq!(PageCode::at(&root, "/"), None);
        assert_eq!(PageCode::at(&root, "/articles/library-cat/"), None);
        assert_eq!(PageCode::at(&root, "/feed.json"), None);
        assert_eq!(PageCode::at(&root, "https://example.org/topics/research/"), None);
        assert_eq!(PageCode::at(&root, "//example.org/topics/research/"), None);
    }

    #[test]
    fn under_a_sub_path_only_the_sites_own_addresses_count() {
        let news = Paths::new("/news/");
        assert_eq!(PageCode::at(&news, "/news/topics/art/"), Some(PageCode::Lists));
        assert_eq!(PageCode::at(&news, "/news/search"), Some(PageCode::Search));
        assert_eq!(PageCode::at(&news, "/topics/art/"), None);
        assert_eq!(PageCode::at(&news, "/newsroom/topics/art/"), None);
    }
}
