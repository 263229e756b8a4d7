//! Everything between the bytes of `feed.json` and the stories Gazette's
//! pages show: pure Rust with no browser and no framework, tested natively
//! and fuzzed. `read` checks the document and types it; `ingest` derives,
//! once, everything a page shows (blocks, numbered photos, reading time,
//! search text).

pub mod date;
pub mod embed;
pub mod html;
#[cfg(feature = "html5ever")]
pub mod html5;
pub mod ingest;
pub mod json;
pub mod lists;
pub mod model;
pub mod read;
pub mod search;
pub mod svg;
pub mod synthetic;
pub mod text;
pub mod url;
#[cfg(feature = "wire")]
pub mod wire;

pub use date::Timestamp;
pub use model::*;
#[cfg(feature = "html5ever")]
pub use read::read_feed;
pub use read::{read_feed_in_slices, read_feed_with, read_parsed, FeedError, Pause, Unpaused};
