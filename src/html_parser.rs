//! The app's one way to read a feed: with the platform's HTML5 parser (see
//! [`crate::browser::PlatformParser`]) behind the `HtmlParser` seam of
//! `feed::html`, so that the prerenderer and the browser ingest every story
//! the same way; in the browser, in slices that leave the page free for the
//! reader between them.

pub use crate::browser::PlatformParser;
use crate::feed::{read_feed_in_slices, Feed, FeedError, Pause};

/// Reads a feed document and ingests its stories with the platform's parser,
/// yielding to the browser between stories whenever the current slice of
/// time is spent (never when rendering ahead of time).
pub async fn read_feed(bytes: &[u8], document_url: &str) -> Result<Feed, FeedError> {
    read_feed_in_slices(bytes, document_url, &PlatformParser::default(), &mut BetweenSlices).await
}

struct BetweenSlices;

impl Pause for BetweenSlices {
    async fn between_stories(&mut self) {
        crate::browser::yield_if_spent().await;
    }
}
