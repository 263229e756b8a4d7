//! The files a static site carries besides its pages: `sitemap.xml`,
//! `robots.txt`, an RSS 2.0 copy of the feed, and the `_headers` and
//! `_redirects` files that Netlify and Cloudflare Pages read.

use gazette::paths::Paths;
use gazette::store::Store;

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

/// `text` escaped for XML character data and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Every page of the site, for search engines.
pub fn sitemap(store: &Store, paths: &Paths, root: &str) -> String {
    let address = |path: &str| {
        format!(
            "{root}{}",
            path.strip_prefix(&paths.home()).unwrap_or(path).trim_start_matches('/')
        )
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let newest = store.articles().first().and_then(|a| a.published);
    let mut entry = |path: String, modified: Option<String>| {
        out.push_str(&format!("  <url><loc>{}</loc>", xml_escape(&address(&path))));
        if let Some(modified) = modified {
            out.push_str(&format!("<lastmod>{modified}</lastmod>"));
        }
        out.push_str("</url>\n");
    };
    entry(paths.home(), newest.map(|d| d.to_string()));
    entry(paths.latest(), newest.map(|d| d.to_string()));
    entry(paths.all_topics(), None);
    for topic in &store.site.topics {
        let latest = store.topic_articles(&topic.slug).next().and_then(|a| a.published);
        entry(paths.topic(&topic.slug), latest.map(|d| d.to_string()));
    }
    for article in store.articles() {
        entry(
            paths.article(&article.slug),
            article.modified.or(article.published).map(|d| d.to_string()),
        );
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(root: Option<&str>) -> String {
    match root {
        Some(root) => format!("User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".to_owned(),
    }
}

/// The newest stories as RSS 2.0, for readers that do not speak JSON Feed.
pub fn rss(store: &Store, paths: &Paths, root: &str) -> String {
    let site = &store.site;
    let address = |path: &str| {
        format!(
            "{root}{}",
            path.strip_prefix(&paths.home()).unwrap_or(path).trim_start_matches('/')
        )
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    out.push_str(&format!("  <title>{}</title>\n", xml_escape(&site.title)));
    out.push_str(&format!("  <link>{}</link>\n", xml_escape(root)));
    out.push_str(&format!(
        "  <description>{}</description>\n",
        xml_escape(site.tagline.as_deref().unwrap_or(&site.title))
    ));
    out.push_str(&format!(
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml_escape(&address(&paths.asset("feed.xml")))
    ));
    if let Some(language) = &site.language {
        out.push_str(&format!("  <language>{}</language>\n", xml_escape(language)));
    }
    if let Some(date) = store.articles().first().and_then(|a| a.published) {
        out.push_str(&format!("  <lastBuildDate>{}</lastBuildDate>\n", date.rfc2822()));
    }
    for article in store.articles().iter().take(RSS_STORIES) {
        let link = address(&paths.article(&article.slug));
        out.push_str("  <item>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(&article.title)));
        out.push_str(&format!("    <link>{}</link>\n", xml_escape(&link)));
        out.push_str(&format!(
            "    <guid isPermaLink=\"false\">{}</guid>\n",
            xml_escape(&article.id)
        ));
        if let Some(date) = article.published {
            out.push_str(&format!("    <pubDate>{}</pubDate>\n", date.rfc2822()));
        }
        if let Some(summary) = &article.summary {
            out.push_str(&format!("    <description>{}</description>\n", xml_escape(summary)));
        }
        if let Some(topic) = article.topic().and_then(|t| store.topic(t)) {
            out.push_str(&format!("    <category>{}</category>\n", xml_escape(&topic.name)));
        }
        out.push_str("  </item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
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
        let map = sitemap(&store, &paths, &root);
        assert_eq!(
            map.matches("<url>").count(),
            1 + 2 + 8 + 24,
            "with the lists of every story and topic"
        );
        assert!(map.contains("<loc>https://news.caldera.example.edu/articles/library-cat-mochi/</loc><lastmod>2026-11-01T12:00:00+08:00</lastmod>"));
        assert!(map.contains("<loc>https://news.caldera.example.edu/topics/research/</loc>"));
        assert!(robots(Some(&root)).ends_with("Sitemap: https://news.caldera.example.edu/sitemap.xml\n"));
    }

    #[test]
    fn rss_carries_the_newest_stories() {
        let store = sample();
        let feed = rss(&store, &Paths::new("/"), "https://news.caldera.example.edu/");
        assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""));
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
