//! One component per route. Each asks the newsroom for its data inside
//! `Suspense` and `ErrorBoundary`, and hands typed values to components.
//! In the site's build the pages with code of their own (the list pages,
//! search) are chunks, loaded the first time one is drawn; the front page
//! and a story, where first visits land, are in the app itself, as cutting
//! them out cost a story more than it saved (docs/performance.md).

/// `route_on_demand!(Name => split_point())`: a route whose view is the
/// split point's, so its code is fetched when the route is first drawn.
macro_rules! route_on_demand {
    ($(#[$meta:meta])* $name:ident => $view:expr) => {
        $(#[$meta])*
        pub struct $name;

        impl leptos_router::LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            async fn view(_: Self) -> AnyView {
                match $view.await {
                    // Drawn after the frame that follows the chunk's arrival
                    // while the app takes over (its first run is compiled as
                    // it runs: a task of its own).
                    Ok(view) => leptos::view! { <$crate::takeover::Later>{view}</$crate::takeover::Later> }.into_any(),
                    Err($crate::split::CodeMissing) => $crate::pages::code_failure(),
                }
            }
        }
    };
}
pub(crate) use route_on_demand;

pub mod article;
pub mod code_ahead;
pub mod front;
pub mod not_found;
pub mod person;
pub mod search;
pub mod topic;

pub use article::ArticlePage;
pub use code_ahead::CodeAhead;
pub use front::FrontPage;
pub use not_found::{NotFound, NotFoundPage};
pub use search::{SearchPage, SearchRoute};
pub use topic::{AllTopicsRoute, LatestRoute, ListKind, ListPage, PersonRoute, TopicRoute};

use leptos::prelude::*;

use crate::components::{CodeFailure, LoadFailure};
use crate::newsroom::{use_newsroom, Newsroom};

/// What every page shows in place of its content when its data could not
/// be loaded (the `fallback` of its `ErrorBoundary`).
pub fn load_failure(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let site_title = use_newsroom().site_title();
    view! { <LoadFailure errors site_title /> }
}

/// What a page shows in place of its content when its code did not arrive.
pub fn code_failure() -> AnyView {
    let site_title = use_newsroom().site_title();
    view! { <CodeFailure site_title /> }.into_any()
}

/// "Page title – Site title", the form every page's `<title>` takes.
pub fn page_title(newsroom: &Newsroom, page: &str) -> String {
    crate::catalog::use_catalog().title(page, &newsroom.site_title())
}
