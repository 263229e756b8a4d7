//! One component per route. Each asks the newsroom for its data inside
//! `Suspense` and `ErrorBoundary`, and hands typed values to components.

pub mod article;
pub mod front;
pub mod not_found;
pub mod person;
pub mod search;
pub mod topic;

pub use article::ArticlePage;
pub use front::FrontPage;
pub use not_found::{NotFound, NotFoundPage};
pub use search::{SearchPage, SearchRoute};
pub use topic::{ListKind, ListPage};

use leptos::prelude::*;

use crate::components::LoadFailure;
use crate::newsroom::{use_newsroom, Newsroom};

/// What every page shows in place of its content when its data could not
/// be loaded (the `fallback` of its `ErrorBoundary`).
pub fn load_failure(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let site_title = use_newsroom().site_title();
    view! { <LoadFailure errors site_title /> }
}

/// "Page title – Site title", the form every page's `<title>` takes.
pub fn page_title(newsroom: &Newsroom, page: &str) -> String {
    crate::catalog::use_catalog().title(page, &newsroom.site_title())
}
