//! Everything between the bytes of `feed.json` and Gazette's typed model:
//! pure Rust with no browser and no framework, tested natively and fuzzed.

pub mod date;
pub mod html;
pub mod json;
pub mod model;
pub mod read;
pub mod search;
pub mod synthetic;
pub mod text;
pub mod url;

pub use date::Timestamp;
pub use model::*;
pub use read::{read_feed, read_parsed, FeedError};
