//! Everything between the bytes of `feed.json` and the typed model: pure
//! Rust, no browser, tested natively.

pub mod date;
pub mod html;
pub mod json;
pub mod model;
pub mod read;
pub mod synthetic;
pub mod text;
pub mod url;

pub use date::Timestamp;
pub use model::*;
pub use read::{read_feed, read_parsed, FeedError};
