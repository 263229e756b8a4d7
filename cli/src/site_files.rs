//! The files a static site carries besides its pages: `sitemap.xml`,
//! `robots.txt`, an RSS 2.0 copy of the feed, and the `_headers` and
//! `_redirects` files that Netlify and Cloudflare Pages read.

use gazette::editions::Editions;
use gazette::feed::Timestamp;
use gazette::paths::Paths;
use gazette::store::Store;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::publish::CONTENT_SECURITY_POLICY;

/// How many of the newest stories the RSS feed carries.
const RSS_STORIES: usize = 50;

/// The site's public address, with a trailing slash: the feed's
/// `home_page_url`. Sitemaps and RSS need absolute URLs.
pub fn site_root(store: &Store) -> Option<String> {
    let home = store.site.home_page_url.as_deref()?;
    home.starts_with("http")
        .then(|| format!("{}/", home.trim_end_matches('/')))
}

/// `text` escaped for HTML and XML character data and attribute values.
pub fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(xml_chars(text).as_ref()).into_owned()
}

/// `text` without the characters XML 1.0 does not allow at all, which a
/// feed's text may still hold.
fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(allowed) {
        text.into()
    } else {
        text.chars().filter(|c| allowed(*c)).collect::<String>().into()
    }
}

type Xml = Writer<Vec<u8>>;

/// An XML document written by `body`, indented, with its declaration.
fn xml_document(body: impl FnOnce(&mut Xml) -> std::io::Result<()>) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec<u8> cannot fail.
    let written = xml
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut xml));
    debug_assert!(written.is_ok());
    let mut out = String::from_utf8(xml.into_inner()).unwrap_or_default();
    out.push('\n');
    out
}

/// `<name>text</name>`.
fn text_element(xml: &mut Xml, name: &str, text: &str) -> std::io::Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(&xml_chars(text)))?;
    Ok(())
}

/// The site's address for `path` (a path below the base).
fn absolute(paths: &Paths, root: &str, path: &str) -> String {
    format!(
        "{root}{}",
        path.strip_prefix(&paths.home()).unwrap_or(path).trim_start_matches('/')
    )
}

/// A page's versions in the site's editions: (language, absolute URL).
type Versions = Vec<(String, String)>;

/// Every page of the edition, for search engines; in a site of several
/// editions each page names its versions in the others (`hreflang`, with
/// `x-default` for the default edition's).
pub fn sitemap(store: &Store, paths: &Paths, root: &str, editions: &Editions) -> String {
    let newest = store.articles().first().and_then(|a| a.published);
    // The site's address above every edition's prefix.
    let prefix = editions.current().map_or("", |e| e.prefix.as_str());
    let site_root = root.strip_suffix(prefix).unwrap_or(root);
    let everywhere = |path: &str| -> Versions {
        editions
            .list
            .iter()
            .map(|e| (e.language.clone(), format!("{site_root}{}{path}", e.prefix)))
            .collect()
    };
    let mut pages: Vec<(String, Option<Timestamp>, Versions)> = vec![
        (paths.home(), newest, everywhere("")),
        (paths.latest(), newest, everywhere("latest/")),
        (paths.all_topics(), None, everywhere("topics/")),
    ];
    for topic in &store.site.topics {
        let latest = store.topic_articles(&topic.slug).next().and_then(|a| a.published);
        pages.push((paths.topic(&topic.slug), latest, Vec::new()));
    }
    for article in store.articles() {
        let mut versions = Vec::new();
        if let Some(current) = editions.current() {
            for translation in &article.translations {
                if let (Some(edition), Some(url)) = (editions.of_language(&translation.language), &translation.url) {
                    let below = url
                        .strip_prefix(&editions.site_base)
                        .unwrap_or(url)
                        .trim_start_matches('/');
                    versions.push((edition.language.clone(), format!("{site_root}{below}")));
                }
            }
            if !versions.is_empty() {
                versions.push((
                    current.language.clone(),
                    absolute(paths, root, &paths.article(&article.slug)),
                ));
            }
        }
        pages.push((
            paths.article(&article.slug),
            article.modified.or(article.published),
            versions,
        ));
    }
    let default_language = editions.list.first().map(|e| e.language.clone());
    xml_document(|xml| {
        let mut urlset = xml
            .create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
        if !editions.list.is_empty() {
            urlset = urlset.with_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"));
        }
        urlset.write_inner_content(|xml| {
            for (path, modified, versions) in &pages {
                xml.create_element("url").write_inner_content(|xml| {
                    text_element(xml, "loc", &absolute(paths, root, path))?;
                    if let Some(modified) = modified {
                        text_element(xml, "lastmod", &modified.to_string())?;
                    }
                    let default = versions.iter().find(|(l, _)| Some(l) == default_language.as_ref());
                    let x_default = default.map(|(_, url)| ("x-default".to_owned(), url.clone()));
                    for (language, href) in versions.iter().cloned().chain(x_default) {
                        xml.create_element("xhtml:link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("hreflang", language.as_str()))
                            .with_attribute(("href", href.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
        Ok(())
    })
}

/// `robots.txt`, naming the sitemap of every edition.
pub fn robots(sitemaps: &[String]) -> String {
    let mut out = "User-agent: *\nAllow: /\n".to_owned();
    if !sitemaps.is_empty() {
        out.push('\n');
    }
    for sitemap in sitemaps {
        out.push_str(&format!("Sitemap: {sitemap}\n"));
    }
    out
}

/// The newest stories as RSS 2.0, for readers that do not speak JSON Feed.
pub fn rss(store: &Store, paths: &Paths, root: &str) -> String {
    let site = &store.site;
    xml_document(|xml| {
        xml.create_element("rss")
            .with_attribute(("version", "2.0"))
            .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
            .write_inner_content(|xml| {
                xml.create_element("channel").write_inner_content(|xml| {
                    text_element(xml, "title", &site.title)?;
                    text_element(xml, "link", root)?;
                    text_element(xml, "description", site.tagline.as_deref().unwrap_or(&site.title))?;
                    xml.create_element("atom:link")
                        .with_attribute(("href", absolute(paths, root, &paths.asset("feed.xml")).as_str()))
                        .with_attribute(("rel", "self"))
                        .with_attribute(("type", "application/rss+xml"))
                        .write_empty()?;
                    if let Some(language) = &site.language {
                        text_element(xml, "language", language)?;
                    }
                    if let Some(date) = store.articles().first().and_then(|a| a.published) {
                        text_element(xml, "lastBuildDate", &date.rfc2822())?;
                    }
                    for article in store.articles().iter().take(RSS_STORIES) {
                        xml.create_element("item").write_inner_content(|xml| {
                            text_element(xml, "title", &article.title)?;
                            text_element(xml, "link", &absolute(paths, root, &paths.article(&article.slug)))?;
                            xml.create_element("guid")
                                .with_attribute(("isPermaLink", "false"))
                                .write_text_content(BytesText::new(&xml_chars(&article.id)))?;
                            if let Some(date) = article.published {
                                text_element(xml, "pubDate", &date.rfc2822())?;
                            }
                            if let Some(summary) = &article.summary {
                                text_element(xml, "description", summary)?;
                            }
                            if let Some(topic) = article.topic().and_then(|t| store.topic(t)) {
                                text_element(xml, "category", &topic.name)?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// Response headers for Netlify and Cloudflare Pages: the security headers a
/// page cannot set for itself, and caching (hashed assets forever, feeds
/// and pages checked every time).
pub fn headers(paths: &Paths) -> String {
    let base = paths.home();
    format!(
        "{base}*\n  Content-Security-Policy: {CONTENT_SECURITY_POLICY}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n  Cache-Control: no-cache\n\n\
         {base}gazette-web-*\n  Cache-Control: public, max-age=31536000, immutable\n\n\
         {base}loader-*\n  Cache-Control: public, max-age=31536000, immutable\n\n\
         {base}main-*\n  Cache-Control: public, max-age=31536000, immutable\n\n\
         {base}images/*\n  Cache-Control: public, max-age=86400\n"
    )
}

/// Netlify: unknown addresses get the app shell, with status 404 (files,
/// including the prerendered pages, are served first).
pub fn redirects(paths: &Paths) -> String {
    format!("{base}*  {base}404.html  404\n", base = paths.home())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::feed::read_feed;

    /// The document without its indentation.
    fn flat(xml: &str) -> String {
        xml.lines().map(str::trim).collect()
    }

    fn sample() -> Store {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/feed.json")).unwrap();
        Store::from_feed(read_feed(&bytes, "/news/feed.json").unwrap())
    }

    #[test]
    fn sitemap_lists_every_page_absolutely() {
        let store = sample();
        let paths = Paths::new("/news/");
        let root = site_root(&store).unwrap();
        assert_eq!(root, "https://news.caldera.example.edu/");
        let map = flat(&sitemap(&store, &paths, &root, &Editions::single("/")));
        assert_eq!(
            map.matches("<url>").count(),
            1 + 2 + 8 + 24,
            "with the lists of every story and topic"
        );
        assert!(map.contains("<loc>https://news.caldera.example.edu/articles/library-cat-mochi/</loc><lastmod>2026-11-01T12:00:00+08:00</lastmod>"));
        assert!(map.contains("<loc>https://news.caldera.example.edu/topics/research/</loc>"));
        assert!(robots(&[format!("{root}sitemap.xml")])
            .ends_with("Sitemap: https://news.caldera.example.edu/sitemap.xml\n"));
    }

    #[test]
    fn rss_carries_the_newest_stories() {
        let store = sample();
        let feed = rss(&store, &Paths::new("/"), "https://news.caldera.example.edu/");
        assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""));
        assert!(feed.contains("\n      <title>"), "indented for people who read it");
        let mut reader = quick_xml::Reader::from_str(&feed);
        while reader.read_event().expect("well-formed XML") != Event::Eof {}
        assert_eq!(feed.matches("<item>").count(), 24);
        assert!(feed.contains("<title>Caldera launches its Year of Global Partnerships</title>"));
        assert!(feed.contains("<pubDate>Tue, 24 Nov 2026 10:00:00 +0800</pubDate>"));
        assert!(feed.contains("<category>University News</category>"));
        assert_eq!(xml_escape("a < b & \"c\"\u{1}"), "a &lt; b &amp; &quot;c&quot;");
    }

    #[test]
    fn host_files() {
        let paths = Paths::new("/news/");
        assert!(headers(&paths).starts_with("/news/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(headers(&paths).contains("frame-ancestors 'none'"));
        assert_eq!(redirects(&paths), "/news/*  /news/404.html  404\n");
    }
}
