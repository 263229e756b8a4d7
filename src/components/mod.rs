//! One component per piece of the page. Each takes what it renders as
//! props (typed model values: a story and its topic, a page of results) and
//! none asks the newsroom for anything itself: the few that follow the live
//! feed or act on it (the header and footer, drawn as the feed arrives; the
//! lines that offer to look further back) are handed the newsroom by the
//! page or the app that draws them. What they know of the page on screen
//! (busy, drawn, live, failed, its paths) they read from the page shell.

pub mod article_meta;
pub mod blocks;
pub mod feed_notice;
pub mod figure;
pub mod lightbox;
pub mod load_failure;
pub mod looking_back;
pub mod media;
pub mod most_read;
pub mod page_meta;
pub mod pagination;
pub mod progress_bar;
pub mod route_announcer;
pub mod scroll_memory;
pub mod search_results;
pub mod share_button;
pub mod site_footer;
pub mod site_header;
pub mod skeleton;
pub mod story_card;

pub use article_meta::ArticleMeta;
pub use blocks::BodyBlocks;
pub use feed_notice::{FeedNotice, OfflineNotice};
pub use figure::{Figure, Photo, PhotoLink};
pub use lightbox::{Lightbox, PhotoViewer, ViewerOnDemand};
pub use load_failure::{CodeFailure, FailureBanner, LoadFailure};
pub use looking_back::{reach_phrase, LookingBack};
pub use media::{EmbedFacade, MediaPlayer};
pub use most_read::MostRead;
pub use page_meta::{PageKind, PageMeta};
pub use pagination::Pagination;
pub use progress_bar::ProgressBar;
pub use route_announcer::{RouteAnnouncer, SkipLink};
pub use scroll_memory::ScrollMemory;
pub use search_results::{Highlighted, SearchResultList};
pub use share_button::ShareButton;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use skeleton::{ArticleSkeleton, ListSkeleton};
pub use story_card::{CardStyle, StoryCard};

use leptos::prelude::*;

/// The address of `fragment` (`#main`, `#photo-2`) on the page on screen,
/// written whole. The pages' `<base href>` resolves a bare `#main` against
/// the site's home: a reader without JavaScript, or before the app is
/// live, would land on the front page instead of moving within the story.
pub fn on_this_page(fragment: String) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let location = leptos_router::hooks::use_location();
    move || {
        let path = location.pathname.get();
        let search = location.search.get();
        if search.is_empty() {
            format!("{path}{fragment}")
        } else {
            format!("{path}?{search}{fragment}")
        }
    }
}
