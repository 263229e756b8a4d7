//! One component per route. Each asks the newsroom for its data inside
//! `Suspense` and `ErrorBoundary`, and hands typed values to components.

pub mod article;
pub mod front;
pub mod not_found;
pub mod search;
pub mod topic;

pub use article::ArticlePage;
pub use front::FrontPage;
pub use not_found::{NotFound, NotFoundPage};
pub use search::SearchPage;
pub use topic::{ListKind, ListPage};

use crate::newsroom::Newsroom;

/// "Page title – Site title", the form every page's `<title>` takes.
pub fn page_title(newsroom: &Newsroom, page: &str) -> String {
    let site = newsroom.site_title();
    if page.is_empty() || page == site {
        site
    } else {
        format!("{page} – {site}")
    }
}
