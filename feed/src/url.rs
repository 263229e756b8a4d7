//! The one policy every URL from a feed passes before it reaches the page.
//!
//! A feed is written by someone else, so a link or an image address may try
//! to run script (`javascript:`, `vbscript:`, `data:text/html`), often in
//! disguise: odd case, leading spaces, tabs or newlines inside the scheme,
//! character references, control characters. Browsers strip most of those
//! disguises before they read the scheme, so this module strips them the
//! same way and then allows only what a news page needs.

use super::text::decode_entities;

/// What the URL will be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// Something to follow: may also be `mailto:`.
    Link,
    /// Something the app fetches, such as the next page of a feed.
    Resource,
    /// A photo, an icon, an audio or video file: `http://` becomes
    /// `https://`, as browsers upgrade such media on secure pages anyway and
    /// the security policy allows media only from the site itself and from
    /// https (a podcast's `http://` enclosure would not play).
    Image,
}

/// The URL made safe and resolved against `base` (the address of the
/// document it came from, absolute or path-only), or `None` when the
/// policy refuses it.
/// A link within the story itself (`#methods`, a table of contents' or a
/// footnote's): kept as the fragment, which the page writes against its own
/// address, never resolved against the feed's. `None` for anything else.
pub fn story_fragment(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let fragment = raw.strip_prefix('#')?;
    if fragment.is_empty() {
        // `#` alone: the top of the page itself.
        return Some("#".to_owned());
    }
    let fragment = decode_entities(fragment);
    let plain = fragment.len() <= 120
        && !fragment
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'));
    plain.then(|| format!("#{fragment}"))
}

/// The ids the page itself gives its parts: a story's anchor never takes
/// one (a heading called `main` must not steal the skip link's target).
/// A test holds this list to every `id` the app writes.
pub const PAGE_IDS: &[&str] = &[
    "app",
    "main",
    "topic-nav",
    "site-search",
    "search-query",
    "search-help",
    "search-results",
    "viewer-title",
    "related-heading",
    "most-read-heading",
    "latest-heading",
    "gallery-heading",
    "corrections-heading",
    "gazette-editions",
    "gazette-catalog",
];

/// A story's own id for a heading (its `id`, as the story's links name it),
/// when it is one the page can carry: no space or control character, not
/// too long, and none of the page's own ids (`main`, `photo-2`…).
pub fn story_anchor(id: &str) -> Option<String> {
    let usable = !id.is_empty()
        && id.len() <= 120
        && !id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'))
        && !PAGE_IDS.contains(&id)
        && !id.starts_with("photo-")
        && !id.starts_with("gazette-");
    usable.then(|| id.to_owned())
}

pub fn safe_url(raw: &str, base: &str, used_for: UrlUse) -> Option<String> {
    if let Some(url) = plain_url(raw, base, used_for) {
        return Some(url);
    }
    let decoded = decode_entities(raw);
    // What the URL standard does before parsing: trim C0 controls and spaces
    // from both ends, and drop every tab and newline.
    let trimmed = decoded.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if cleaned.is_empty() || cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    // Browsers read a backslash as a slash in web URLs: `\\evil.example` is `//evil.example`.
    let cleaned = cleaned.replace(' ', "%20").replace('\\', "/");
    if used_for == UrlUse::Image && cleaned.starts_with("//") {
        return Some(format!("https:{cleaned}"));
    }
    match scheme(&cleaned) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            // `https:foo` without slashes is resolved relative by browsers; refuse the oddity.
            let after = &cleaned[s.len() + 1..];
            let scheme = if used_for == UrlUse::Image {
                "https".to_owned()
            } else {
                s.to_ascii_lowercase()
            };
            after.starts_with("//").then(|| format!("{scheme}:{after}"))
        }
        Some(s) if s.eq_ignore_ascii_case("mailto") && used_for == UrlUse::Link => {
            Some(format!("mailto:{}", &cleaned[7..]))
        }
        Some(_) => None,
        None => Some(resolve(base, &cleaned)),
    }
}

/// The common case without any disguise to strip: printable ASCII, no
/// references, and either an `http(s)://` URL or a plain relative path.
/// What it returns is what the full policy would return.
fn plain_url(raw: &str, base: &str, used_for: UrlUse) -> Option<String> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_graphic() && b != b'&' && b != b'\\') {
        return None;
    }
    if raw.starts_with("https://") || (raw.starts_with("http://") && used_for != UrlUse::Image) {
        return Some(raw.to_owned());
    }
    let relative_path =
        !raw.contains([':', '?', '#']) && !raw.starts_with("//") && !raw.starts_with('.') && !raw.contains("/.");
    if !relative_path {
        return None;
    }
    let (origin, base_path) = split_origin(base);
    let base_path = base_path.split(['?', '#']).next().unwrap_or("");
    Some(if raw.starts_with('/') {
        format!("{origin}{raw}")
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "/",
        };
        format!("{origin}{dir}{raw}")
    })
}

/// Decodes percent-encoded bytes (`%E7%A7%91` is `科`); invalid sequences
/// are kept as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether an image a feed carries is the feed's furniture rather than a
/// photo of the story: a tracking pixel (WordPress's stats, Medium's, a
/// FeedBurner beacon), a FeedBurner "feedflare" button, an advert, a share
/// button, an avatar from Gravatar, an emoji drawn as an image, or anything
/// whose declared width or height is under 50 px. Such an image is never a
/// story's photo, a card's, a gallery's or a link preview's, and is never
/// fetched: readers and link previews would otherwise see a blank square
/// numbered "photo 1 of 2", and every page view would call the tracker.
pub fn is_feed_furniture(url: &str, width: Option<u32>, height: Option<u32>) -> bool {
    /// Under this many pixels in either direction, an image is not a photo.
    const SMALLEST_PHOTO: u32 = 50;
    if width.is_some_and(|w| w < SMALLEST_PHOTO) || height.is_some_and(|h| h < SMALLEST_PHOTO) {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    let (_, rest) = split_origin(&lower);
    let host = host(&lower).unwrap_or("");
    let host_is = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    const TRACKERS: [&str; 11] = [
        "pixel.wp.com",
        "stats.wordpress.com",
        "doubleclick.net",
        "googlesyndication.com",
        "googleadservices.com",
        "scorecardresearch.com",
        "quantserve.com",
        "feedsportal.com",
        "gravatar.com",
        "addtoany.com",
        "addthis.com",
    ];
    if TRACKERS.iter().any(|domain| host_is(domain)) {
        return true;
    }
    let feedburner = host_is("feedburner.com") || host_is("feedproxy.google.com");
    (feedburner && (rest.contains("/~ff/") || rest.contains("/~r/") || rest.contains("/~a/")))
        || (host_is("medium.com") && rest.starts_with("/_/stat"))
        || (host_is("s.w.org") && rest.starts_with("/images/core/emoji/"))
        || rest.contains("/feeds/share/")
        || rest
            .rsplit('/')
            .next()
            .is_some_and(|file| file.starts_with("share-button") || file.starts_with("sharebutton"))
}

/// The host an absolute (or protocol-relative) URL names: `news.example.edu`.
pub fn host(url: &str) -> Option<&str> {
    let (_, after) = url.split_once("//")?;
    let authority = after.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// Whether a safe URL leads off this site (then links get `rel="noopener noreferrer"`).
pub fn is_external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//") || url.starts_with("mailto:")
}

/// The scheme of `url` if it has one: letters, digits, `+`, `-`, `.` before
/// a colon, starting with a letter.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(candidate)
}

/// RFC 3986 reference resolution for the forms feeds use: `//host/x`,
/// `/x`, `x`, `../x`, `?q`, `#f`. `base` may lack a scheme and host
/// (`/news/feed.json`); the result then stays path-absolute.
pub fn resolve(base: &str, reference: &str) -> String {
    if reference.starts_with("//") {
        return match scheme(base) {
            Some(s) => format!("{s}:{reference}"),
            None => reference.to_owned(),
        };
    }
    let (origin, base_path) = split_origin(base);
    let base_path = base_path.split(['?', '#']).next().unwrap_or("");
    if reference.starts_with('#') || reference.starts_with('?') {
        let base_no_fragment = if reference.starts_with('#') {
            base.split('#').next().unwrap_or("")
        } else {
            base.split(['?', '#']).next().unwrap_or("")
        };
        return format!("{base_no_fragment}{reference}");
    }
    let (ref_path, ref_tail) = match reference.find(['?', '#']) {
        Some(i) => (&reference[..i], &reference[i..]),
        None => (reference, ""),
    };
    let merged = if ref_path.starts_with('/') {
        ref_path.to_owned()
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "/",
        };
        format!("{dir}{ref_path}")
    };
    format!("{origin}{}{ref_tail}", remove_dot_segments(&merged))
}

fn split_origin(url: &str) -> (&str, &str) {
    if let Some(s) = scheme(url) {
        let after = &url[s.len() + 1..];
        if let Some(authority) = after.strip_prefix("//") {
            let end = authority.find(['/', '?', '#']).map_or(url.len(), |i| s.len() + 3 + i);
            return (&url[..end], &url[end..]);
        }
    }
    ("", url)
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i == segments.len() - 1;
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_furniture_is_told_from_photos() {
        for junk in [
            "https://pixel.wp.com/b.gif?host=example.com&blog=1",
            "https://stats.wordpress.com/b.gif?v=noscript",
            "http://feeds.feedburner.com/~ff/Example?d=yIl2AUoC8zA",
            "http://feeds.feedburner.com/~r/Example/~4/AbCdEf",
            "https://ad.doubleclick.net/ddm/ad/N123/B456",
            "https://medium.com/_/stat?event=post.clientViewed&referrerSource=full_rss",
            "https://secure.gravatar.com/avatar/0bc83cb571cd1c50ba6f3e8a78ef1346?s=96",
            "https://s.w.org/images/core/emoji/15.0.3/72x72/1f642.png",
            "https://static.addtoany.com/buttons/share_save_171_16.png",
        ] {
            assert!(is_feed_furniture(junk, None, None), "{junk}");
        }
        assert!(is_feed_furniture(
            "https://news.example.edu/spacer.gif",
            Some(1),
            Some(1)
        ));
        assert!(is_feed_furniture(
            "https://news.example.edu/icon.png",
            Some(32),
            Some(200)
        ));
        for photo in [
            "https://news.example.edu/wp-content/uploads/2026/11/crew.jpg",
            "https://i0.wp.com/news.example.edu/crew.jpg?w=1200",
            "https://cdn-images-1.medium.com/max/1024/1*abc.jpeg",
            "https://blogger.googleusercontent.com/img/b/R29vZ2xl/s1600/photo.jpg",
            "/images/crew.jpg",
        ] {
            assert!(!is_feed_furniture(photo, Some(800), Some(600)), "{photo}");
            assert!(!is_feed_furniture(photo, None, None), "{photo}");
        }
    }

    fn link(raw: &str) -> Option<String> {
        safe_url(raw, "https://news.example.edu/feed.json", UrlUse::Link)
    }

    fn image(raw: &str) -> Option<String> {
        safe_url(raw, "/news/feed.json", UrlUse::Resource)
    }

    #[test]
    fn allows_web_and_relative_urls() {
        assert_eq!(
            link("https://example.com/a?b#c").as_deref(),
            Some("https://example.com/a?b#c")
        );
        assert_eq!(link("HTTP://example.com").as_deref(), Some("http://example.com"));
        assert_eq!(
            link("/files/x.pdf").as_deref(),
            Some("https://news.example.edu/files/x.pdf")
        );
        assert_eq!(image("images/a.jpg").as_deref(), Some("/news/images/a.jpg"));
        assert_eq!(image("../images/a.jpg").as_deref(), Some("/images/a.jpg"));
        assert_eq!(
            image("//cdn.example.com/a.jpg").as_deref(),
            Some("//cdn.example.com/a.jpg")
        );
        assert_eq!(
            link("//cdn.example.com/a.jpg").as_deref(),
            Some("https://cdn.example.com/a.jpg")
        );
        assert_eq!(image("a b.jpg").as_deref(), Some("/news/a%20b.jpg"));
    }

    #[test]
    fn backslashes_are_slashes() {
        let photo = |raw: &str| safe_url(raw, "/news/feed.json", UrlUse::Image);
        assert_eq!(
            photo("\\\\cdn.example.com/a.jpg").as_deref(),
            Some("https://cdn.example.com/a.jpg")
        );
        assert_eq!(
            photo("\\\";alert('XSS');//").as_deref(),
            Some("/\";alert('XSS');//"),
            "one backslash: a path on this site"
        );
        assert_eq!(link("a\\b").as_deref(), Some("https://news.example.edu/a/b"));
    }

    #[test]
    fn images_are_fetched_over_https() {
        assert_eq!(
            safe_url("http://cdn.example.com/a.jpg", "/feed.json", UrlUse::Image).as_deref(),
            Some("https://cdn.example.com/a.jpg")
        );
        assert_eq!(
            safe_url("HTTP://cdn.example.com/a.jpg", "/feed.json", UrlUse::Image).as_deref(),
            Some("https://cdn.example.com/a.jpg")
        );
        assert_eq!(
            safe_url("http://example.com/", "/feed.json", UrlUse::Link).as_deref(),
            Some("http://example.com/")
        );
        assert_eq!(
            safe_url("images/a.jpg", "http://localhost/feed.json", UrlUse::Image).as_deref(),
            Some("http://localhost/images/a.jpg"),
            "relative stays relative to the site"
        );
    }

    #[test]
    fn mailto_only_for_links() {
        assert_eq!(
            link("mailto:desk@example.edu").as_deref(),
            Some("mailto:desk@example.edu")
        );
        assert_eq!(image("mailto:desk@example.edu"), None);
    }

    #[test]
    fn refuses_script_urls_and_their_disguises() {
        let hostile = [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript&#58;alert(1)",
            "javascript&#x3A;alert(1)",
            "&#106;avascript:alert(1)",
            "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "DATA:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "jar:http://x",
            "file:///etc/passwd",
            "java\u{0}script:alert(1)",
            "https:evil",
        ];
        for raw in hostile {
            assert_eq!(link(raw), None, "{raw:?} should be refused");
            assert_eq!(image(raw), None, "{raw:?} should be refused");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_full_policy() {
        let bases = [
            "https://news.example.edu/feed.json",
            "/news/feed.json",
            "/feed.json",
            "https://a.b",
            "/a/b/c/feed.json?x=1",
        ];
        let urls = [
            "https://x.example/a",
            "http://x.example/a?b=c",
            "images/a.jpg",
            "/images/a.jpg",
            "a/b/c.png",
            "feed-2.json",
            "https://x.example/p%20q",
        ];
        for base in bases {
            for url in urls {
                let fast = plain_url(url, base, UrlUse::Resource);
                assert!(fast.is_some(), "{url} should take the fast path");
                // Force the full path with a harmless reference that decodes to the same text.
                let disguised = url.replacen('a', "&#97;", 1);
                assert_eq!(
                    fast,
                    safe_url(&disguised, base, UrlUse::Resource),
                    "{url} against {base}"
                );
            }
        }
        for slow in [
            "javascript:x",
            "./a",
            "../a",
            "a/./b",
            "//cdn/x",
            "a b",
            "a?b",
            "HTTPS://X",
            "&#106;avascript:x",
        ] {
            assert_eq!(
                plain_url(slow, "/feed.json", UrlUse::Resource),
                None,
                "{slow} must take the full path"
            );
        }
    }

    #[test]
    fn external_links() {
        assert!(is_external("https://example.com"));
        assert!(!is_external("/news/articles/a/"));
    }

    #[test]
    fn resolution() {
        assert_eq!(resolve("https://a.b/c/d.json", "e/f"), "https://a.b/c/e/f");
        assert_eq!(resolve("https://a.b/c/d.json", "/e"), "https://a.b/e");
        assert_eq!(resolve("https://a.b", "e"), "https://a.b/e");
        assert_eq!(resolve("/news/feed.json", "./x/./y"), "/news/x/y");
        assert_eq!(resolve("/news/feed.json", "../../../x"), "/x");
        assert_eq!(resolve("/news/feed.json", "#top"), "/news/feed.json#top");
    }
}
