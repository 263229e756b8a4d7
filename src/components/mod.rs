//! One component per piece of the page. Each takes typed model values and
//! renders them; none fetches or reads the feed itself.

pub mod article_meta;
pub mod blocks;
pub mod feed_notice;
pub mod figure;
pub mod lightbox;
pub mod load_failure;
pub mod looking_back;
pub mod page_meta;
pub mod pagination;
pub mod progress_bar;
pub mod route_announcer;
pub mod scroll_memory;
pub mod search_results;
pub mod site_footer;
pub mod site_header;
pub mod skeleton;
pub mod story_card;

pub use article_meta::ArticleMeta;
pub use blocks::BodyBlocks;
pub use feed_notice::FeedNotice;
pub use figure::{Figure, Photo, PhotoLink};
pub use lightbox::{Lightbox, PhotoViewer};
pub use load_failure::{FailureBanner, LoadFailure};
pub use looking_back::{reach_phrase, LookingBack};
pub use page_meta::{PageKind, PageMeta};
pub use pagination::Pagination;
pub use progress_bar::ProgressBar;
pub use route_announcer::{RouteAnnouncer, SkipLink};
pub use scroll_memory::ScrollMemory;
pub use search_results::{Highlighted, SearchResultList};
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use skeleton::{ArticleSkeleton, ListSkeleton};
pub use story_card::{CardStyle, StoryCard};
