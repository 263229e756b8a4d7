//! Every URL the app builds, made from one base so that a site served under
//! a sub-path (`/news/`) keeps every link, fetch and asset under it.
//!
//! Page links end in `/`: static hosts serve `articles/x/index.html` for
//! `articles/x/` and would redirect the slash-less form.

/// The site's base path, normalised to start and end with `/` (`/` or `/news/`).
/// The site's paths, provided by the app to everything it draws.
pub fn use_paths() -> Paths {
    crate::page_shell::use_page_shell().paths()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    base: String,
}

impl Paths {
    pub fn new(base: &str) -> Paths {
        let trimmed = base.trim_matches('/');
        let base = if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        };
        Paths { base }
    }

    /// From `document.baseURI` (`https://host/news/index.html` gives `/news/`).
    pub fn from_base_uri(uri: &str) -> Paths {
        let path = match uri.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => uri,
        };
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        Paths::new(dir)
    }

    /// The base as the router wants it: no trailing slash, empty at the root.
    pub fn router_base(&self) -> &str {
        self.base.trim_end_matches('/')
    }

    pub fn home(&self) -> String {
        self.base.clone()
    }

    pub fn article(&self, slug: &str) -> String {
        format!("{}articles/{}/", self.base, encode_segment(slug))
    }

    pub fn topic(&self, slug: &str) -> String {
        format!("{}topics/{}/", self.base, encode_segment(slug))
    }

    pub fn topic_page(&self, slug: &str, page: u32) -> String {
        numbered_page(&self.topic(slug), page)
    }

    /// Someone's page: the stories they wrote or are credited in.
    pub fn person(&self, slug: &str) -> String {
        format!("{}people/{}/", self.base, encode_segment(slug))
    }

    /// The page listing every topic.
    pub fn all_topics(&self) -> String {
        format!("{}topics/", self.base)
    }

    /// The list of every story, newest first.
    pub fn latest(&self) -> String {
        format!("{}latest/", self.base)
    }

    pub fn search(&self, query: &str) -> String {
        if query.is_empty() {
            format!("{}search/", self.base)
        } else {
            format!("{}search/?q={}", self.base, encode_query(query))
        }
    }

    /// The search page for `query`, within one topic when `topic` is given.
    pub fn search_in(&self, query: &str, topic: Option<&str>) -> String {
        match topic {
            Some(topic) => format!(
                "{}search/?q={}&topic={}",
                self.base,
                encode_query(query),
                encode_query(topic)
            ),
            None => self.search(query),
        }
    }

    /// A file shipped with the site, such as `feed.json`.
    pub fn asset(&self, file: &str) -> String {
        format!("{}{}", self.base, file.trim_start_matches('/'))
    }

    pub fn feed(&self) -> String {
        self.asset("feed.json")
    }
}

/// Page `page` of a paged list whose first page is at `first`.
pub fn numbered_page(first: &str, page: u32) -> String {
    if page <= 1 {
        first.to_owned()
    } else {
        format!("{first}?page={page}")
    }
}

/// Percent-encodes what may not stand in a path segment; Unicode letters
/// are encoded as UTF-8 bytes, as browsers send them.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Encodes a query value (`application/x-www-form-urlencoded`: spaces as `+`).
pub fn encode_query(value: &str) -> String {
    encode_segment(value).replace("%20", "+")
}

/// Decodes a percent-encoded path segment; invalid sequences are kept as written.
pub fn decode_segment(segment: &str) -> String {
    crate::feed::url::percent_decode(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_sub_path() {
        let root = Paths::new("/");
        assert_eq!(root.router_base(), "");
        assert_eq!(root.article("a-b"), "/articles/a-b/");
        assert_eq!(root.feed(), "/feed.json");
        let news = Paths::new("/news");
        assert_eq!(news.router_base(), "/news");
        assert_eq!(news.home(), "/news/");
        assert_eq!(news.topic_page("art", 1), "/news/topics/art/");
        assert_eq!(news.topic_page("art", 3), "/news/topics/art/?page=3");
        assert_eq!(news.asset("/images/a.jpg"), "/news/images/a.jpg");
        assert_eq!(Paths::new("news/").home(), "/news/");
        assert_eq!(Paths::from_base_uri("https://example.org/news/").home(), "/news/");
        assert_eq!(Paths::from_base_uri("http://127.0.0.1:8080/").home(), "/");
        assert_eq!(
            Paths::from_base_uri("https://example.org/news/index.html?x#y").home(),
            "/news/"
        );
    }

    #[test]
    fn encoding() {
        assert_eq!(Paths::new("/").article("科技"), "/articles/%E7%A7%91%E6%8A%80/");
        assert_eq!(decode_segment("%E7%A7%91%E6%8A%80"), "科技");
        assert_eq!(decode_segment("100%"), "100%");
        assert_eq!(decode_segment("%zz"), "%zz");
        assert_eq!(Paths::new("/").search("moon & stars"), "/search/?q=moon+%26+stars");
        assert_eq!(Paths::new("/").search(""), "/search/");
    }
}
