//! The app's one way to read a feed: with the platform's HTML5 parser (see
//! [`crate::browser::PlatformParser`]) behind the `HtmlParser` seam of
//! `feed::html`, so that the prerenderer and the browser ingest every story
//! the same way; in the browser, in slices that leave the page free for the
//! reader between them.
//!
//! A feed that gives its stories as Gazette's typed blocks (`_gazette.body`)
//! needs no HTML parsing, so the HTML allowlist, the SVG allowlist and the
//! parser's bridge are a chunk of their own in the site's build, fetched
//! when the first story that comes as HTML (a CMS's feed, an imported one)
//! or with a graphic is read; a site whose feed is all typed blocks never
//! downloads them (docs/performance.md has both figures).

use std::cell::OnceCell;

pub use crate::browser::PlatformParser;
use crate::feed::html::{HtmlNode, HtmlParser};
use crate::feed::model::{Block, Graphic};
use crate::feed::{read_feed_in_slices, Feed, FeedError, Pause};

/// Reads a feed document and ingests its stories with the platform's parser,
/// yielding to the browser between stories whenever the current slice of
/// time is spent (never when rendering ahead of time).
pub async fn read_feed(bytes: &[u8], document_url: &str) -> Result<Feed, FeedError> {
    read_feed_in_slices(bytes, document_url, &ParserOnDemand, &mut BetweenSlices).await
}

crate::split::split_point! {
    /// The platform's parser with the allowlists it reads through (all
    /// that only `HtmlParser`'s provided methods reach).
    fn markup_reader() -> Box<dyn HtmlParser> {
        Box::new(PlatformParser::default())
    }
}

thread_local! {
    /// The parser once its code has arrived; kept for the app's life.
    static PARSER: OnceCell<Box<dyn HtmlParser>> = const { OnceCell::new() };
}

/// The platform's parser, its code fetched by [`BetweenSlices`] before the
/// reader first needs it. Every call goes through the loaded trait object,
/// so nothing here reaches the allowlists directly.
struct ParserOnDemand;

impl ParserOnDemand {
    fn with<T>(read: impl FnOnce(&dyn HtmlParser) -> T, missing: T) -> T {
        PARSER.with(|parser| match parser.get() {
            Some(parser) => read(parser.as_ref()),
            None => missing,
        })
    }
}

impl HtmlParser for ParserOnDemand {
    fn parse(&self, html: &str) -> Vec<HtmlNode> {
        Self::with(|parser| parser.parse(html), Vec::new())
    }

    fn story_blocks(&self, html: &str, base: &str) -> Vec<Block> {
        Self::with(|parser| parser.story_blocks(html, base), Vec::new())
    }

    fn graphic(&self, svg: &str) -> Option<Graphic> {
        Self::with(|parser| parser.graphic(svg), None)
    }
}

struct BetweenSlices;

impl Pause for BetweenSlices {
    async fn before_each_story(&mut self) {
        crate::browser::yield_if_spent().await;
    }

    async fn markup_needed(&mut self) -> bool {
        if PARSER.with(|parser| parser.get().is_some()) {
            return true;
        }
        match markup_reader().await {
            Ok(parser) => {
                PARSER.with(|cell| {
                    let _ = cell.set(parser);
                });
                true
            }
            Err(_) => false,
        }
    }
}
