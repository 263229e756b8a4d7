//! Fetching a feed document and saying plainly what went wrong when it fails.
//!
//! What a response means is decided by pure code (`interpret`), tested
//! natively; only the request itself needs the browser (`browser::fetch_document`).

use std::fmt;

use crate::browser::fetch_document;
use crate::catalog::{fill, Catalog};
use crate::feed::{json::JsonErrorKind, Feed, FeedError};
use crate::html_parser::read_feed;

/// How long a feed request may take before the reader is told.
pub const TIMEOUT_SECONDS: u32 = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The request never got an answer: offline, DNS, CORS, a refused connection.
    Network,
    Timeout,
    /// The server answered with an error status.
    Status(u16),
    Empty,
    /// An HTML page came back instead of JSON, as when a host serves its
    /// index page for a missing file.
    Html,
    Feed(FeedError),
}

/// A feed document that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub url: String,
    pub kind: LoadErrorKind,
}

impl LoadError {
    /// Whether the file is simply not there: a 404, or the page a host
    /// serves instead of a missing file. For an archive's optional files
    /// that means "no such story or page", not a failure.
    pub fn means_missing(&self) -> bool {
        matches!(self.kind, LoadErrorKind::Status(404 | 410) | LoadErrorKind::Html)
    }

    /// A short headline for the alert, in the reader's language.
    pub fn title<'c>(&self, tr: &'c Catalog) -> &'c str {
        match &self.kind {
            LoadErrorKind::Network => tr.feed_unreachable(),
            LoadErrorKind::Timeout => tr.feed_timeout(),
            LoadErrorKind::Status(404) => tr.feed_not_found(),
            LoadErrorKind::Status(_) => tr.feed_server_error(),
            LoadErrorKind::Empty | LoadErrorKind::Html => tr.feed_missing(),
            LoadErrorKind::Feed(FeedError::Json(e)) if e.kind == JsonErrorKind::UnexpectedEnd => tr.feed_incomplete(),
            LoadErrorKind::Feed(_) => tr.feed_unreadable(),
        }
    }

    /// What happened, in the reader's language. The status line and the
    /// parser's account of a fault stay as the server and the parser give
    /// them: they are what a site owner searches for.
    pub fn detail(&self, tr: &Catalog) -> String {
        let url = self.url.as_str();
        match &self.kind {
            LoadErrorKind::Network => fill(tr.detail_network(), &[("url", url)]),
            LoadErrorKind::Timeout => fill(
                tr.detail_timeout(),
                &[("url", url), ("seconds", &tr.number(TIMEOUT_SECONDS as u64))],
            ),
            LoadErrorKind::Status(status) => fill(
                tr.detail_status(),
                &[("url", url), ("status", &format!("{status} {}", status_text(*status)))],
            ),
            LoadErrorKind::Empty => fill(tr.detail_empty(), &[("url", url)]),
            LoadErrorKind::Html => fill(tr.detail_html(), &[("url", url)]),
            LoadErrorKind::Feed(FeedError::Json(e)) => {
                fill(tr.detail_json(), &[("url", url), ("error", &e.to_string())])
            }
            LoadErrorKind::Feed(e) => fill(tr.detail_feed(), &[("url", url), ("error", &e.to_string())]),
        }
    }
}

/// In English, for logs and the console.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail(crate::catalog::english()))
    }
}

impl std::error::Error for LoadError {}

fn status_text(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// What a finished HTTP exchange means: a feed, or the reason it is not one.
/// `base` resolves the feed's relative URLs: the document's own address, or
/// for the files of a paged archive, the main feed's.
pub async fn interpret(url: &str, base: &str, status: u16, body: &[u8]) -> Result<Feed, LoadError> {
    let fail = |kind| {
        Err(LoadError {
            url: url.to_owned(),
            kind,
        })
    };
    if !(200..300).contains(&status) {
        return fail(LoadErrorKind::Status(status));
    }
    let text = crate::feed::json::strip_bom(body);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return fail(LoadErrorKind::Empty),
        Some(b'<') => return fail(LoadErrorKind::Html),
        _ => {}
    }
    read_feed(body, base).await.map_err(|e| LoadError {
        url: url.to_owned(),
        kind: match e {
            // The code that reads its HTML failed to arrive: a network
            // fault, tried again as one.
            FeedError::CodeMissing => LoadErrorKind::Network,
            e => LoadErrorKind::Feed(e),
        },
    })
}

/// Fetches and reads one feed document.
pub async fn fetch_feed(url: &str, base: &str) -> Result<Feed, LoadError> {
    let fetched = fetch_document(url).await?;
    interpret(url, base, fetched.status, &fetched.body).await
}

/// Identifies a document by its bytes: the same bytes, the same number.
/// The main feed is read again only when it changed.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::executor::block_on;

    fn error(status: u16, body: &str) -> LoadError {
        block_on(interpret("/feed.json", "/feed.json", status, body.as_bytes())).unwrap_err()
    }

    #[test]
    fn each_failure_says_what_happened() {
        assert_eq!(
            error(404, "").to_string(),
            "The server answered 404 Not Found for /feed.json."
        );
        assert_eq!(
            error(404, "").title(crate::catalog::english()),
            "The news feed was not found"
        );
        assert_eq!(error(503, "").kind, LoadErrorKind::Status(503));
        assert_eq!(error(200, "  \n").kind, LoadErrorKind::Empty);
        assert_eq!(error(200, "\u{feff}<!doctype html><html>").kind, LoadErrorKind::Html);
        let truncated = error(200, "{\"title\": \"x\", \"items\": [{\"id\": \"a\"");
        assert_eq!(
            truncated.title(crate::catalog::english()),
            "The news feed arrived incomplete"
        );
        assert!(truncated.to_string().contains("line 1, column 36"), "{truncated}");
        let invalid = error(200, "{\n\"title\": 'x'}");
        assert!(
            invalid
                .to_string()
                .starts_with("/feed.json is not valid JSON: invalid JSON at line 2, column 10"),
            "{invalid}"
        );
        assert_eq!(
            error(200, "[]").to_string(),
            "/feed.json is not a JSON Feed: the document is an array, not an object."
        );
        let timeout = LoadError {
            url: "/feed.json".into(),
            kind: LoadErrorKind::Timeout,
        };
        assert_eq!(timeout.to_string(), "/feed.json did not answer within 15 seconds.");
    }

    #[test]
    fn the_main_feed_is_read_again_only_when_its_bytes_change() {
        let first = br#"{"title": "T", "items": [{"id": "a", "title": "A", "content_text": "x"}]}"#;
        let changed = br#"{"title": "T", "items": [{"id": "a", "title": "A2", "content_text": "x"}]}"#;
        assert_eq!(
            fingerprint(first),
            fingerprint(&first.clone()),
            "the same feed again is no change"
        );
        assert_ne!(fingerprint(first), fingerprint(changed), "a changed headline is");
        assert_ne!(fingerprint(b""), fingerprint(b" "));
    }

    #[test]
    fn a_good_response_is_a_feed() {
        let feed = block_on(interpret(
            "/feed.json",
            "/feed.json",
            200,
            br#"{"version": "1.1", "title": "T", "items": []}"#,
        ))
        .unwrap();
        assert_eq!(feed.site.title, "T");
    }
}
