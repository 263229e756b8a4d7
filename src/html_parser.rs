//! The app's one way to read a feed: with the platform's HTML5 parser (see
//! [`crate::browser::PlatformParser`]) behind the `HtmlParser` seam of
//! `feed::html`, so that the prerenderer and the browser ingest every story
//! the same way.

pub use crate::browser::PlatformParser;
use crate::feed::{read_feed_with, Feed, FeedError};

/// Reads a feed document and ingests its stories with the platform's parser.
pub fn read_feed(bytes: &[u8], document_url: &str) -> Result<Feed, FeedError> {
    read_feed_with(bytes, document_url, &PlatformParser::default())
}
