//! The files a static site carries besides its pages: `sitemap.xml`,
//! `sitemap-news.xml`, `robots.txt`, an RSS 2.0 copy of the feed, a JSON
//! Feed and an RSS feed per topic, and the `_headers` and
//! `_redirects` files that Netlify and Cloudflare Pages read.

use crate::xml::xml_chars;
use gazette::editions::Editions;
use gazette::feed::wire::FeedDocument;
use gazette::feed::{Article, Feed, Site, Timestamp, Topic};
use gazette::paths::Paths;
use gazette::store::Store;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// How many of the newest stories the RSS feed carries.
const RSS_STORIES: usize = 50;

/// The site's public address, with a trailing slash: the feed's
/// `home_page_url`. Sitemaps and RSS need absolute URLs.
pub fn site_root(store: &Store) -> Option<String> {
    site_root_of(store.site.home_page_url.as_deref()?)
}

fn site_root_of(home: &str) -> Option<String> {
    home.starts_with("http")
        .then(|| format!("{}/", home.trim_end_matches('/')))
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

/// Every page of the edition, for search engines, as the files to write
/// (`sitemap.xml`, and its parts when one file cannot hold them: see
/// [`SITEMAP_LIMITS`]); in a site of several editions each page names its
/// versions in the others (`hreflang`, with `x-default` for the default
/// edition's).
pub fn sitemap(
    store: &Store,
    paths: &Paths,
    root: &str,
    editions: &Editions,
    limits: SitemapLimits,
) -> Vec<(String, String)> {
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
    for person in store.people() {
        let latest = store
            .articles()
            .iter()
            .find(|a| a.involves(&person))
            .and_then(|a| a.published);
        pages.push((paths.person(&person), latest, Vec::new()));
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
    let entries: Vec<SitemapEntry> = pages
        .iter()
        .map(|(path, modified, versions)| {
            let default = versions.iter().find(|(l, _)| Some(l) == default_language.as_ref());
            let x_default = default.map(|(_, url)| ("x-default".to_owned(), url.clone()));
            let xml = xml_fragment(|xml| {
                xml.create_element("url").write_inner_content(|xml| {
                    text_element(xml, "loc", &absolute(paths, root, path))?;
                    if let Some(modified) = modified {
                        text_element(xml, "lastmod", &modified.to_string())?;
                    }
                    for (language, href) in versions.iter().cloned().chain(x_default) {
                        xml.create_element("xhtml:link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("hreflang", language.as_str()))
                            .with_attribute(("href", href.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
                Ok(())
            });
            SitemapEntry {
                xml,
                modified: *modified,
            }
        })
        .collect();
    let urlset = if editions.list.is_empty() {
        r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#
    } else {
        r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#
    };
    split_sitemap(&entries, urlset, root, limits)
}

/// The sitemap protocol's limits for one file (sitemaps.org): 50,000
/// addresses and 50 MiB uncompressed. A search engine ignores a file past
/// either.
pub const SITEMAP_LIMITS: SitemapLimits = SitemapLimits {
    urls: 50_000,
    bytes: 52_428_800,
};

/// How many addresses, and how many bytes, one sitemap file may hold.
#[derive(Debug, Clone, Copy)]
pub struct SitemapLimits {
    pub urls: usize,
    pub bytes: usize,
}

/// One page's `<url>` element, written, and its last change.
struct SitemapEntry {
    xml: String,
    modified: Option<Timestamp>,
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The files of a sitemap of `entries`: `sitemap.xml` alone when they fit
/// in one file; else `sitemap.xml` is a sitemap index naming
/// `sitemap-1.xml`, `sitemap-2.xml`…, each within `limits`, with the latest
/// change of what it lists.
fn split_sitemap(entries: &[SitemapEntry], urlset: &str, root: &str, limits: SitemapLimits) -> Vec<(String, String)> {
    let frame = XML_DECLARATION.len() + urlset.len() + "\n</urlset>\n".len();
    let mut parts: Vec<&[SitemapEntry]> = Vec::new();
    let (mut start, mut bytes) = (0, frame);
    for (i, entry) in entries.iter().enumerate() {
        let size = entry.xml.len() + 1;
        if i > start && (i - start == limits.urls || bytes + size > limits.bytes) {
            parts.push(&entries[start..i]);
            (start, bytes) = (i, frame);
        }
        bytes += size;
    }
    parts.push(&entries[start..]);
    let urlset_of = |part: &[SitemapEntry]| {
        let mut out = format!("{XML_DECLARATION}{urlset}\n");
        for entry in part {
            out.push_str(&entry.xml);
            out.push('\n');
        }
        out.push_str("</urlset>\n");
        out
    };
    if parts.len() == 1 {
        return vec![("sitemap.xml".to_owned(), urlset_of(parts[0]))];
    }
    let files: Vec<(String, String)> = parts
        .iter()
        .enumerate()
        .map(|(i, part)| (format!("sitemap-{}.xml", i + 1), urlset_of(part)))
        .collect();
    let index = xml_document(|xml| {
        xml.create_element("sitemapindex")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|xml| {
                for ((name, _), part) in files.iter().zip(&parts) {
                    let latest = part.iter().filter_map(|e| e.modified).max_by_key(|t| t.unix_seconds());
                    xml.create_element("sitemap").write_inner_content(|xml| {
                        text_element(xml, "loc", &format!("{root}{name}"))?;
                        if let Some(latest) = latest {
                            text_element(xml, "lastmod", &latest.to_string())?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    });
    std::iter::once(("sitemap.xml".to_owned(), index))
        .chain(files)
        .collect()
}

/// An element written by `body`, indented one level (inside its document's
/// root), without a declaration or a final line break.
fn xml_fragment(body: impl FnOnce(&mut Xml) -> std::io::Result<()>) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec<u8> cannot fail.
    let written = body(&mut xml);
    debug_assert!(written.is_ok());
    let text = String::from_utf8(xml.into_inner()).unwrap_or_default();
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
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
/// Lets go of the text of every story the site's feeds do not carry (all
/// but the newest [`RSS_STORIES`] of the site and of each topic): once the
/// archive is laid out, the pages are rendered from its files, so what is
/// held of the rest is what lists and sitemaps name, and the memory of a
/// publish grows with the archive's list, not with its text.
pub fn keep_only_the_feeds_text(feed: &mut gazette::feed::Feed) {
    let mut order: Vec<usize> = (0..feed.articles.len()).collect();
    order.sort_by_key(|&i| feed.articles[i].newest_first());
    let mut kept = vec![false; feed.articles.len()];
    let mut per_topic: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (rank, &i) in order.iter().enumerate() {
        let article = &feed.articles[i];
        let mut keep = rank < RSS_STORIES;
        for topic in &article.topics {
            let held = per_topic.entry(topic.as_str()).or_default();
            if *held < RSS_STORIES {
                *held += 1;
                keep = true;
            }
        }
        kept[i] = keep;
    }
    for (article, keep) in feed.articles.iter_mut().zip(kept) {
        if !keep {
            article.body = Vec::new();
            article.text = String::new();
        }
    }
}

pub fn rss(store: &Store, paths: &Paths, root: &str) -> String {
    let site = &store.site;
    let channel = Channel {
        title: &site.title,
        link: root.to_owned(),
        description: site.tagline.as_deref().unwrap_or(&site.title),
        self_url: absolute(paths, root, &paths.asset("feed.xml")),
        articles: store.articles().iter().take(RSS_STORIES).collect(),
    };
    rss_channel(store, paths, root, &channel)
}

/// One topic's newest stories as RSS 2.0, so a reader can follow one topic.
pub fn topic_rss(store: &Store, paths: &Paths, root: &str, topic: &Topic) -> String {
    let title = format!("{} – {}", topic.name, store.site.title);
    let channel = Channel {
        title: &title,
        link: absolute(paths, root, &paths.topic(&topic.slug)),
        description: topic.description.as_deref().unwrap_or(&title),
        self_url: absolute(paths, root, &format!("{}feed.xml", paths.topic(&topic.slug))),
        articles: store.topic_articles(&topic.slug).take(RSS_STORIES).collect(),
    };
    rss_channel(store, paths, root, &channel)
}

/// One topic's newest stories as a JSON Feed, beside its page
/// (`topics/{slug}/feed.json`), with the site's topics so a reader of it
/// names them as the site does.
pub fn topic_json_feed(store: &Store, paths: &Paths, topic: &Topic) -> String {
    let site = &store.site;
    let page = paths.topic(&topic.slug);
    let root = site.home_page_url.as_deref().and_then(site_root_of);
    let at = |path: &str| root.as_deref().map(|root| absolute(paths, root, path));
    let feed = Feed {
        site: Site {
            title: format!("{} – {}", topic.name, site.title),
            tagline: topic.description.clone().or_else(|| site.tagline.clone()),
            home_page_url: at(&page),
            feed_url: at(&format!("{page}feed.json")),
            archive: None,
            editions: Vec::new(),
            ..site.clone()
        },
        articles: store
            .topic_articles(&topic.slug)
            .take(RSS_STORIES)
            .map(|a| (**a).clone())
            .collect(),
        ..Feed::default()
    };
    let mut text = serde_json::to_string_pretty(&FeedDocument::from_feed(&feed)).expect("a feed document is JSON");
    text.push('\n');
    text
}

/// What an RSS channel carries.
struct Channel<'a> {
    title: &'a str,
    link: String,
    description: &'a str,
    self_url: String,
    articles: Vec<&'a std::sync::Arc<Article>>,
}

fn rss_channel(store: &Store, paths: &Paths, root: &str, channel: &Channel) -> String {
    let site = &store.site;
    xml_document(|xml| {
        xml.create_element("rss")
            .with_attribute(("version", "2.0"))
            .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
            .write_inner_content(|xml| {
                xml.create_element("channel").write_inner_content(|xml| {
                    text_element(xml, "title", channel.title)?;
                    text_element(xml, "link", &channel.link)?;
                    text_element(xml, "description", channel.description)?;
                    xml.create_element("atom:link")
                        .with_attribute(("href", channel.self_url.as_str()))
                        .with_attribute(("rel", "self"))
                        .with_attribute(("type", "application/rss+xml"))
                        .write_empty()?;
                    if let Some(language) = &site.language {
                        text_element(xml, "language", language)?;
                    }
                    if let Some(date) = channel.articles.first().and_then(|a| a.published) {
                        text_element(xml, "lastBuildDate", &date.rfc2822())?;
                    }
                    for article in &channel.articles {
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

/// How far back a news sitemap reaches: Google News reads the stories of
/// the last two days from it.
const NEWS_WINDOW_SECONDS: i64 = 2 * 24 * 60 * 60;

/// How many stories a news sitemap may list (Google's limit).
const NEWS_SITEMAP_MAX: usize = 1_000;

/// `sitemap-news.xml`: the stories published in the two days before `now`
/// (seconds since 1970), the newest thousand at most, with the publication's
/// name and language, for news search engines.
pub fn news_sitemap(store: &Store, paths: &Paths, root: &str, now: i64) -> String {
    let site = &store.site;
    let language = news_language(site.language.as_deref());
    let recent: Vec<_> = store
        .articles()
        .iter()
        .filter(|a| {
            a.published
                .is_some_and(|p| (0..=NEWS_WINDOW_SECONDS).contains(&(now - p.unix_seconds())))
        })
        .take(NEWS_SITEMAP_MAX)
        .collect();
    xml_document(|xml| {
        xml.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .with_attribute(("xmlns:news", "http://www.google.com/schemas/sitemap-news/0.9"))
            .write_inner_content(|xml| {
                for article in &recent {
                    xml.create_element("url").write_inner_content(|xml| {
                        text_element(xml, "loc", &absolute(paths, root, &paths.article(&article.slug)))?;
                        xml.create_element("news:news").write_inner_content(|xml| {
                            xml.create_element("news:publication").write_inner_content(|xml| {
                                text_element(xml, "news:name", &site.title)?;
                                text_element(xml, "news:language", &language)?;
                                Ok(())
                            })?;
                            if let Some(date) = article.published {
                                text_element(xml, "news:publication_date", &date.to_string())?;
                            }
                            text_element(xml, "news:title", &article.title)?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// The language as Google News names it: ISO 639 codes, except Chinese,
/// which it names `zh-cn` (Simplified) or `zh-tw` (Traditional).
fn news_language(tag: Option<&str>) -> String {
    let tag = tag.unwrap_or("en").to_ascii_lowercase();
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or("en");
    if language == "zh" {
        let traditional = tag.contains("hant") || tag.ends_with("-tw") || tag.ends_with("-hk");
        return if traditional { "zh-tw" } else { "zh-cn" }.to_owned();
    }
    language.to_owned()
}

/// Response headers for Netlify and Cloudflare Pages: the security headers a
/// page cannot set for itself, and caching (hashed assets forever, feeds
/// and pages checked every time).
pub fn headers(paths: &Paths, policy: &str) -> String {
    let base = paths.home();
    format!(
        "{base}*\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n  Cache-Control: no-cache\n\n\
         {base}gazette-web-*\n  Cache-Control: public, max-age=31536000, immutable\n\n\
         {base}gazette-split-*\n  Cache-Control: public, max-age=31536000, immutable\n\n\
         {base}gazette-chunk-*\n  Cache-Control: public, max-age=31536000, immutable\n\n\
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
        let files = sitemap(&store, &paths, &root, &Editions::single("/"), SITEMAP_LIMITS);
        assert_eq!(files.len(), 1, "one file within the protocol's limits");
        assert_eq!(files[0].0, "sitemap.xml");
        let map = flat(&files[0].1);
        assert_eq!(
            map.matches("<url>").count(),
            1 + 2 + 8 + 19 + 24,
            "with the lists of every story and topic, and everyone's page"
        );
        assert!(map.contains("<loc>https://news.caldera.example.edu/people/amara-okafor/</loc>"));
        assert!(map.contains("<loc>https://news.caldera.example.edu/articles/library-cat-mochi/</loc><lastmod>2026-11-01T12:00:00+08:00</lastmod>"));
        assert!(map.contains("<loc>https://news.caldera.example.edu/topics/research/</loc>"));
        assert!(robots(&[format!("{root}sitemap.xml")])
            .ends_with("Sitemap: https://news.caldera.example.edu/sitemap.xml\n"));
    }

    /// Every `<loc>` of an XML document, in order, checking that it is well-formed.
    fn locations(xml: &str) -> Vec<String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let (mut out, mut in_loc) = (Vec::new(), false);
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => in_loc = e.name().into_inner() == "loc",
                Event::Text(t) if in_loc => out.push(quick_xml::escape::unescape(&t).unwrap().into_owned()),
                Event::End(_) => in_loc = false,
                Event::Eof => return out,
                _ => {}
            }
        }
    }

    #[test]
    fn a_sitemap_past_the_limits_is_an_index_of_parts_within_them() {
        let store = sample();
        let paths = Paths::new("/");
        let root = "https://news.caldera.example.edu/";
        let whole = sitemap(&store, &paths, root, &Editions::single("/"), SITEMAP_LIMITS);
        let every = locations(&whole[0].1);
        assert_eq!(every.len(), 54);
        for limits in [
            SitemapLimits {
                urls: 10,
                bytes: SITEMAP_LIMITS.bytes,
            },
            SitemapLimits {
                urls: 50_000,
                bytes: 2_000,
            },
        ] {
            let files = sitemap(&store, &paths, root, &Editions::single("/"), limits);
            let (index, parts) = files.split_first().unwrap();
            assert_eq!(index.0, "sitemap.xml", "robots.txt names the index");
            assert!(index
                .1
                .contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
            let names: Vec<String> = (1..=parts.len()).map(|i| format!("{root}sitemap-{i}.xml")).collect();
            assert_eq!(locations(&index.1), names, "the index names every part, in order");
            let mut listed = Vec::new();
            for (name, xml) in parts {
                let urls = locations(xml);
                assert!(
                    !urls.is_empty() && urls.len() <= limits.urls,
                    "{name}: {} addresses",
                    urls.len()
                );
                assert!(xml.len() <= limits.bytes, "{name}: {} bytes", xml.len());
                listed.extend(urls);
            }
            assert_eq!(listed, every, "the parts list every page once, in the same order");
        }
        // The newest story's date is the first part's latest change.
        let files = sitemap(
            &store,
            &paths,
            root,
            &Editions::single("/"),
            SitemapLimits {
                urls: 10,
                bytes: SITEMAP_LIMITS.bytes,
            },
        );
        assert_eq!(files.len(), 7, "54 addresses in parts of 10, and the index");
        assert!(flat(&files[0].1).contains(
            "<loc>https://news.caldera.example.edu/sitemap-1.xml</loc><lastmod>2026-11-24T10:00:00+08:00</lastmod>"
        ));
    }

    #[test]
    fn only_the_stories_the_feeds_carry_keep_their_text() {
        // 120 stories, newest first, the first 100 in one topic, the rest in another.
        let items: Vec<String> = (0..120)
            .map(|i| {
                format!(
                    r#"{{"id":"s{i}","title":"Story {i}","content_text":"Text {i}.","date_published":"2026-11-{:02}T{:02}:00:00Z","tags":["{}"]}}"#,
                    28 - i / 24,
                    23 - i % 24,
                    if i < 100 { "Big" } else { "Small" }
                )
            })
            .collect();
        let text = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{}]}}"#,
            items.join(",")
        );
        let mut feed = gazette::feed::read_feed(text.as_bytes(), "/feed.json").unwrap();
        keep_only_the_feeds_text(&mut feed);
        let kept: Vec<usize> = feed
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.text.is_empty() && !a.body.is_empty())
            .map(|(i, _)| i)
            .collect();
        let expected: Vec<usize> = (0..RSS_STORIES).chain(100..120).collect();
        assert_eq!(kept, expected, "the site's newest and each topic's newest");
        assert!(feed.articles.iter().all(|a| !a.title.is_empty() && !a.slug.is_empty()));
    }

    #[test]
    fn the_news_sitemap_lists_a_thousand_stories_at_most() {
        let items: Vec<String> = (0..1_200)
            .map(|i| {
                format!(
                    r#"{{"id":"s{i}","url":"https://news.example.edu/s{i}","title":"Story {i}","content_text":"Text.","date_published":"2026-11-24T{:02}:{:02}:00+00:00"}}"#,
                    i / 60 % 24,
                    i % 60
                )
            })
            .collect();
        let feed = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"News","home_page_url":"https://news.example.edu/","items":[{}]}}"#,
            items.join(",")
        );
        let store = Store::from_feed(read_feed(feed.as_bytes(), "/feed.json").unwrap());
        let now = Timestamp::parse("2026-11-25T00:00:00+00:00").unwrap().unix_seconds();
        let news = news_sitemap(&store, &Paths::new("/"), "https://news.example.edu/", now);
        let listed = locations(&news);
        assert_eq!(listed.len(), 1_000);
        assert_eq!(
            listed[0],
            store
                .articles()
                .first()
                .map(|a| format!("https://news.example.edu/articles/{}/", a.slug))
                .unwrap(),
            "the newest first"
        );
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
    }

    #[test]
    fn the_news_sitemap_holds_the_last_two_days() {
        let store = sample();
        let paths = Paths::new("/");
        let root = "https://news.caldera.example.edu/";
        // Nine hours after the newest story (2026-11-24T10:00+08:00): it and
        // the one of 2026-11-22T20:00 are in, the rest are older.
        let now = Timestamp::parse("2026-11-24T19:00:00+08:00").unwrap().unix_seconds();
        let news = flat(&news_sitemap(&store, &paths, root, now));
        assert_eq!(news.matches("<url>").count(), 2, "{news}");
        assert!(news.contains(r#"xmlns:news="http://www.google.com/schemas/sitemap-news/0.9""#));
        assert!(news.contains(
            "<url><loc>https://news.caldera.example.edu/articles/year-of-global-partnerships/</loc><news:news>\
             <news:publication><news:name>Caldera University News</news:name><news:language>en</news:language></news:publication>\
             <news:publication_date>2026-11-24T10:00:00+08:00</news:publication_date>\
             <news:title>Caldera launches its Year of Global Partnerships</news:title></news:news></url>"
        ));
        // Nothing new, nothing listed; a story dated ahead of the build is not news yet.
        let later = now + 30 * 24 * 3600;
        assert_eq!(
            flat(&news_sitemap(&store, &paths, root, later))
                .matches("<url>")
                .count(),
            0
        );
        let before = Timestamp::parse("2026-11-24T09:00:00+08:00").unwrap().unix_seconds();
        assert!(!news_sitemap(&store, &paths, root, before).contains("year-of-global-partnerships"));
        assert_eq!(news_language(Some("zh-Hans")), "zh-cn");
        assert_eq!(news_language(Some("zh-TW")), "zh-tw");
        assert_eq!(news_language(Some("en-GB")), "en");
    }

    #[test]
    fn each_topic_has_its_own_feeds() {
        let store = sample();
        let paths = Paths::new("/");
        let root = "https://news.caldera.example.edu/";
        let research = store.topic("research").unwrap().clone();
        let rss = topic_rss(&store, &paths, root, &research);
        assert_eq!(rss.matches("<item>").count(), store.topic_articles("research").count());
        assert!(rss.contains("<title>Research – Caldera University News</title>"));
        assert!(
            rss.contains(r#"<atom:link href="https://news.caldera.example.edu/topics/research/feed.xml" rel="self""#)
        );
        assert!(rss.contains("<link>https://news.caldera.example.edu/topics/research/</link>"));

        let json = topic_json_feed(&store, &paths, &research);
        let feed = read_feed(json.as_bytes(), "/topics/research/feed.json").unwrap();
        assert!(feed.problems.is_empty(), "{:?}", feed.problems);
        assert_eq!(feed.site.title, "Research – Caldera University News");
        assert_eq!(
            feed.site.feed_url.as_deref(),
            Some("https://news.caldera.example.edu/topics/research/feed.json")
        );
        let slugs: Vec<&str> = feed.articles.iter().map(|a| a.slug.as_str()).collect();
        let expected: Vec<&str> = store.topic_articles("research").map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, expected, "the topic's stories, newest first");
        assert!(feed.articles.iter().all(|a| a.in_topic("research")));
    }

    #[test]
    fn host_files() {
        let paths = Paths::new("/news/");
        assert!(headers(&paths, crate::policy::CONTENT_SECURITY_POLICY)
            .starts_with("/news/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(headers(&paths, crate::policy::CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'"));
        assert_eq!(redirects(&paths), "/news/*  /news/404.html  404\n");
    }
}
