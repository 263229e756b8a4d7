use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};

use crate::feed::json::write_string;
use crate::feed::{Article, Person, Topic};
use crate::paths::use_paths;
use crate::store::Publisher;

/// What kind of page the metadata describes.
pub enum PageKind {
    Website,
    Article {
        article: Arc<Article>,
        topic: Option<Topic>,
    },
    Collection {
        topic: Topic,
        articles: Vec<Arc<Article>>,
    },
    /// A person's page: the stories they wrote or are credited in.
    Person {
        person: Person,
        articles: Vec<Arc<Article>>,
    },
}

/// A page's `<head>`: title, description, canonical link, Open Graph and
/// Twitter card tags, and JSON-LD. Prerendered pages carry the same tags
/// in their HTML, so link previews and search engines see them without
/// running any script.
#[component]
pub fn PageMeta(
    /// The whole `<title>`.
    title: String,
    /// The page's own name, for link previews (`og:title`): a story's
    /// headline without the site's name, which `og:site_name` carries.
    headline: String,
    description: String,
    /// The page's path below the site root, such as `articles/x/`.
    path: String,
    kind: PageKind,
    publisher: Publisher,
) -> impl IntoView {
    let paths = use_paths();
    let Publisher {
        name: site_title,
        home_page_url: home,
        image: site_image,
    } = publisher;
    let base = paths.home();
    let home = home.as_deref();
    let canonical = absolute(home, &base, &paths.asset(&path));
    let image = match &kind {
        PageKind::Article { article, .. } => article.card_image().cloned(),
        PageKind::Collection { articles, .. } => articles.iter().find_map(|a| a.card_image().cloned()),
        PageKind::Person { person, articles } => person
            .avatar
            .clone()
            .map(|url| crate::feed::Image {
                url,
                ..Default::default()
            })
            .or_else(|| articles.iter().find_map(|a| a.card_image().cloned())),
        PageKind::Website => site_image,
    };
    let image_url = image.as_ref().map(|i| absolute(home, &base, &i.url));
    // Structured data names the photo at its largest, as search engines ask
    // (at least 1,200 px wide where the feed has such a width).
    let largest_url = image.as_ref().map(|i| match i.variants.last() {
        Some(widest) if i.width.is_none_or(|w| widest.width > w) => absolute(home, &base, &widest.url),
        _ => absolute(home, &base, &i.url),
    });
    let (og_type, json_ld, article_tags) = match &kind {
        PageKind::Article { article, topic } => {
            let tags = (
                article.published.map(|d| d.to_string()),
                topic.as_ref().map(|t| t.name.clone()),
            );
            let person_url = |slug: &str| absolute(home, &base, &paths.person(slug));
            (
                "article",
                news_article_json(
                    article,
                    topic.as_ref(),
                    &site_title,
                    &canonical,
                    largest_url.as_deref(),
                    &person_url,
                ),
                Some(tags),
            )
        }
        PageKind::Collection { articles, .. } | PageKind::Person { articles, .. } => {
            let urls: Vec<String> = articles
                .iter()
                .map(|a| absolute(home, &base, &paths.article(&a.slug)))
                .collect();
            let about = match &kind {
                PageKind::Person { person, .. } => person_json(&person.name, Some(&canonical), person.url.as_deref()),
                PageKind::Collection { topic, .. } => quoted(&topic.name),
                PageKind::Article { .. } | PageKind::Website => String::new(),
            };
            (
                "website",
                collection_json(&title, &description, &canonical, &about, &urls),
                None,
            )
        }
        PageKind::Website => ("website", website_json(&site_title, &description, &canonical), None),
    };
    let alternates = alternates(&kind, &path, home);
    // A topic's own feeds, written beside its page when the site is
    // published (RSS only where the feed gives the site's address).
    let topic_feeds = match &kind {
        PageKind::Collection { topic, .. } if !topic.slug.is_empty() => {
            let page = paths.topic(&topic.slug);
            let named = format!("{} – {site_title}", topic.name);
            let rss = home.is_some_and(|h| h.starts_with("http")).then(|| {
                view! { <Link rel="alternate" type_="application/rss+xml" title=format!("{named} (RSS)") href=format!("{page}feed.xml") /> }
            });
            Some(view! {
                <Link rel="alternate" type_="application/feed+json" title=named href=format!("{page}feed.json") />
                {rss}
            })
        }
        _ => None,
    };
    let twitter_card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        // Search engines may show the page's photo large.
        <Meta name="robots" content="max-image-preview:large" />
        {alternates.into_iter().map(|(language, href)| view! { <Link rel="alternate" hreflang=language href=href /> }).collect_view()}
        {topic_feeds}
        <Meta property="og:site_name" content=site_title />
        <Meta property="og:type" content=og_type />
        <Meta property="og:title" content=headline.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:url" content=canonical.clone() />
        {image_url.clone().map(|url| view! { <Meta property="og:image" content=url /> })}
        {image.as_ref().and_then(|i| i.width).map(|w| view! { <Meta property="og:image:width" content=w.to_string() /> })}
        {image.as_ref().and_then(|i| i.height).map(|h| view! { <Meta property="og:image:height" content=h.to_string() /> })}
        {image.as_ref().filter(|i| !i.alt.is_empty()).map(|i| view! { <Meta property="og:image:alt" content=i.alt.clone() /> })}
        {article_tags.map(|(published, section)| view! {
            {published.map(|p| view! { <Meta property="article:published_time" content=p /> })}
            {section.map(|s| view! { <Meta property="article:section" content=s /> })}
        })}
        <Meta name="twitter:card" content=twitter_card />
        <Meta name="twitter:title" content=headline />
        <Meta name="twitter:description" content=description />
        {image_url.map(|url| view! { <Meta name="twitter:image" content=url /> })}
        <Script type_="application/ld+json">{json_ld}</Script>
    }
}

/// The same page in each of the site's editions, for `hreflang` links:
/// (language, absolute URL) pairs, this page's own among them, and
/// `x-default` for the default edition's. Front pages and lists exist in
/// every edition at the same path; a story only where it names a
/// translation. Empty for a site in one language.
fn alternates(kind: &PageKind, path: &str, home: Option<&str>) -> Vec<(String, String)> {
    let editions = crate::editions::use_editions();
    let Some(current) = editions.current() else {
        return Vec::new();
    };
    // The site's own address, above every edition's prefix.
    let site_home = home.map(|home| home.strip_suffix(current.prefix.as_str()).unwrap_or(home));
    let site_base = editions.site_base.as_str();
    let mut pages: Vec<(String, String)> = match kind {
        PageKind::Article { article, .. } => {
            let mut pages = vec![(current.language.clone(), format!("{}{path}", editions.base()))];
            for translation in &article.translations {
                if let (Some(edition), Some(url)) = (editions.of_language(&translation.language), &translation.url) {
                    pages.push((edition.language.clone(), url.clone()));
                }
            }
            pages
        }
        PageKind::Collection { .. } | PageKind::Person { .. } => return Vec::new(),
        PageKind::Website => editions
            .list
            .iter()
            .map(|e| (e.language.clone(), format!("{site_base}{}{path}", e.prefix)))
            .collect(),
    };
    if pages.len() < 2 {
        return Vec::new();
    }
    let default = &editions.list[0];
    if let Some((_, url)) = pages
        .iter()
        .find(|(language, _)| *language == default.language)
        .cloned()
    {
        pages.push(("x-default".to_owned(), url));
    }
    pages
        .into_iter()
        .map(|(language, url)| (language, absolute(site_home, site_base, &url)))
        .collect()
}

/// An absolute URL for link previews: the feed's `home_page_url` is the
/// site's public address, and `url` (a path under the site's `base`) is
/// placed below it. Without a home page, the site-relative URL has to do.
fn absolute(home: Option<&str>, base: &str, url: &str) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        return url.to_owned();
    }
    match home {
        Some(home) if home.starts_with("http") => {
            let below = url.strip_prefix(base).unwrap_or(url).trim_start_matches('/');
            format!("{}/{below}", home.trim_end_matches('/'))
        }
        _ => url.to_owned(),
    }
}

/// A JSON object written field by field; strings escaped (and `<` too, so
/// the text can never close the `<script>` it sits in).
struct JsonObject(String);

impl JsonObject {
    fn new(kind: &str) -> JsonObject {
        JsonObject(format!("{{\"@context\":\"https://schema.org\",\"@type\":\"{kind}\""))
    }

    fn field(mut self, key: &str, value: &str) -> JsonObject {
        self.0.push(',');
        let _ = write_string(&mut self.0, key);
        self.0.push(':');
        let _ = write_string(&mut self.0, value);
        self
    }

    fn raw(mut self, key: &str, json: &str) -> JsonObject {
        self.0.push(',');
        let _ = write_string(&mut self.0, key);
        self.0.push(':');
        self.0.push_str(json);
        self
    }

    fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

fn quoted(value: &str) -> String {
    let mut out = String::new();
    let _ = write_string(&mut out, value);
    out
}

fn news_article_json(
    article: &Article,
    topic: Option<&Topic>,
    site: &str,
    canonical: &str,
    image: Option<&str>,
    person_url: &dyn Fn(&str) -> String,
) -> String {
    let mut object = JsonObject::new("NewsArticle")
        .field("headline", &article.title)
        .field("mainEntityOfPage", canonical);
    if let Some(summary) = &article.summary {
        object = object.field("description", summary);
    }
    if let Some(date) = article.published {
        object = object.field("datePublished", &date.to_string());
    }
    if let Some(date) = article.modified.or(article.published) {
        object = object.field("dateModified", &date.to_string());
    }
    if let Some(url) = image {
        object = object.raw("image", &format!("[{}]", quoted(url)));
    }
    if let Some(topic) = topic {
        object = object.field("articleSection", &topic.name);
    }
    // Each author as a Person whose page on this site lists their stories.
    let authors: Vec<String> = article
        .authors
        .iter()
        .filter_map(|a| {
            let page = a.slug.as_deref().map(person_url);
            Some(person_json(a.name.as_deref()?, page.as_deref(), a.url.as_deref()))
        })
        .collect();
    if !authors.is_empty() {
        object = object.raw("author", &format!("[{}]", authors.join(",")));
    }
    object
        .raw(
            "publisher",
            &format!("{{\"@type\":\"Organization\",\"name\":{}}}", quoted(site)),
        )
        .end()
}

/// A schema.org `Person`: their page here as `url`, their own page as `sameAs`.
fn person_json(name: &str, page: Option<&str>, own: Option<&str>) -> String {
    let mut object = format!("{{\"@type\":\"Person\",\"name\":{}", quoted(name));
    if let Some(page) = page {
        object.push_str(&format!(",\"url\":{}", quoted(page)));
    }
    if let Some(own) = own {
        object.push_str(&format!(",\"sameAs\":{}", quoted(own)));
    }
    object.push('}');
    object
}

/// `about` is JSON: the topic's name, or the person the page is about.
fn collection_json(title: &str, description: &str, canonical: &str, about: &str, urls: &[String]) -> String {
    let items: Vec<String> = urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            format!(
                "{{\"@type\":\"ListItem\",\"position\":{},\"url\":{}}}",
                i + 1,
                quoted(url)
            )
        })
        .collect();
    JsonObject::new("CollectionPage")
        .field("name", title)
        .field("description", description)
        .field("url", canonical)
        .raw("about", about)
        .raw(
            "mainEntity",
            &format!("{{\"@type\":\"ItemList\",\"itemListElement\":[{}]}}", items.join(",")),
        )
        .end()
}

fn website_json(name: &str, description: &str, canonical: &str) -> String {
    JsonObject::new("WebSite")
        .field("name", name)
        .field("description", description)
        .field("url", canonical)
        .end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_addresses() {
        assert_eq!(
            absolute(Some("https://x.edu/"), "/", "/articles/a/"),
            "https://x.edu/articles/a/"
        );
        assert_eq!(
            absolute(Some("https://x.edu/"), "/news/", "/news/images/p.jpg"),
            "https://x.edu/images/p.jpg"
        );
        assert_eq!(
            absolute(Some("https://x.edu/news/"), "/news/", "/news/articles/a/"),
            "https://x.edu/news/articles/a/"
        );
        assert_eq!(absolute(None, "/", "/articles/a/"), "/articles/a/");
        assert_eq!(
            absolute(Some("https://x.edu/"), "/", "https://cdn.example/a.jpg"),
            "https://cdn.example/a.jpg"
        );
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let article = Article {
            title: "</script><script>alert(1)</script>".into(),
            ..Article::default()
        };
        let json = news_article_json(&article, None, "Site", "https://x.edu/a/", None, &|s| s.to_owned());
        assert!(!json.contains("</script>"));
        assert!(json.starts_with(
            "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"\\u003c/script>"
        ));
    }
}
