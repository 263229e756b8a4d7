//! The page Trunk writes (`index.html`), read and rewritten as HTML with
//! lol_html rather than by searching for exact bytes: the loader moved to a
//! file and the Content Security Policy added (`publish`), prerendered pages
//! set into it (`prerender`).

use std::cell::RefCell;

use lol_html::html_content::{ContentType, Element, TextChunk};
use lol_html::{element, rewrite_str, text, RewriteStrSettings};

/// Rewrites `html` with lol_html's element handlers.
pub fn rewrite<'h>(
    html: &str,
    handlers: Vec<(
        std::borrow::Cow<'static, lol_html::Selector>,
        lol_html::ElementContentHandlers<'h>,
    )>,
) -> Result<String, String> {
    let settings = handlers.into_iter().fold(
        RewriteStrSettings::new(),
        RewriteStrSettings::append_element_content_handler,
    );
    rewrite_str(html, settings).map_err(|e| format!("cannot read index.html as HTML: {e}"))
}

/// An inline script of the page: its `type` and its text.
pub struct InlineScript {
    pub kind: String,
    pub text: String,
}

/// What publishing needs to know of a page before it rewrites it.
#[derive(Default)]
pub struct PageFacts {
    /// The `href` of its `<base>`: the public URL Trunk built for.
    pub base: Option<String>,
    pub has_policy: bool,
    pub inline_scripts: Vec<InlineScript>,
}

pub fn facts(html: &str) -> Result<PageFacts, String> {
    let facts = RefCell::new(PageFacts::default());
    rewrite(
        html,
        vec![
            element!("base[href]", |el: &mut Element| {
                facts
                    .borrow_mut()
                    .base
                    .get_or_insert_with(|| el.get_attribute("href").unwrap_or_default());
                Ok(())
            }),
            element!("meta[http-equiv]", |el: &mut Element| {
                let equiv = el.get_attribute("http-equiv").unwrap_or_default();
                if equiv.eq_ignore_ascii_case("content-security-policy") {
                    facts.borrow_mut().has_policy = true;
                }
                Ok(())
            }),
            element!("script:not([src])", |el: &mut Element| {
                let kind = el.get_attribute("type").unwrap_or_default();
                facts.borrow_mut().inline_scripts.push(InlineScript {
                    kind,
                    text: String::new(),
                });
                Ok(())
            }),
            text!("script:not([src])", |chunk: &mut TextChunk| {
                if let Some(script) = facts.borrow_mut().inline_scripts.last_mut() {
                    script.text.push_str(chunk.as_str());
                }
                Ok(())
            }),
        ],
    )?;
    Ok(facts.into_inner())
}

/// Whether a script's `type` makes it data rather than code to run.
pub fn is_data(kind: &str) -> bool {
    matches!(
        kind.trim().to_ascii_lowercase().as_str(),
        "application/json" | "application/ld+json"
    )
}

/// The page with its inline module script replaced by `<script type=module
/// src=FILE>`, the preloads of the app dropped, and `meta` (the policy)
/// placed right after `<meta charset>`, where it governs all that follows.
pub fn harden(html: &str, loader_file: Option<&str>, meta: &str) -> Result<String, String> {
    let loader = loader_file.map(|file| format!("<script type=module src={file}></script>"));
    let replaced = RefCell::new(false);
    let placed = RefCell::new(false);
    let mut handlers = vec![element!("meta[charset]", |el: &mut Element| {
        if !*placed.borrow() {
            el.after(meta, ContentType::Html);
            *placed.borrow_mut() = true;
        }
        Ok(())
    })];
    if let Some(loader) = &loader {
        handlers.push(element!("script[type=module]:not([src])", |el: &mut Element| {
            if !*replaced.borrow() {
                el.replace(loader, ContentType::Html);
                *replaced.borrow_mut() = true;
            }
            Ok(())
        }));
        // The app starts after the page's own photos: nothing should race them.
        handlers.push(element!(
            "link[rel=preload], link[rel=modulepreload]",
            |el: &mut Element| {
                el.remove();
                Ok(())
            }
        ));
    }
    let mut out = rewrite(html, handlers)?;
    if !*placed.borrow() {
        let head = out.find("<head>").ok_or("index.html has no <meta charset> or <head>")?;
        out.insert_str(head + "<head>".len(), meta);
    }
    Ok(out)
}

/// The page prepared to receive rendered pages: without its `<title>`, its
/// `lang` and `dir` and the catalog of an earlier publication (each page
/// brings its own), its app root empty.
pub fn shell(index: &str) -> Result<String, String> {
    let roots = RefCell::new(0usize);
    let rendered = RefCell::new(false);
    let out = rewrite(
        index,
        vec![
            element!("title", |el: &mut Element| {
                el.remove();
                Ok(())
            }),
            element!("html", |el: &mut Element| {
                el.remove_attribute("lang");
                el.remove_attribute("dir");
                Ok(())
            }),
            element!(
                format!(
                    "script#{}, script#{}",
                    crate::catalogs::ELEMENT_ID,
                    gazette::editions::ELEMENT_ID
                ),
                |el: &mut Element| {
                    el.remove();
                    Ok(())
                }
            ),
            element!("div#app", |el: &mut Element| {
                *roots.borrow_mut() += 1;
                if el.has_attribute(gazette::takeover::PRERENDERED_ATTRIBUTE) {
                    *rendered.borrow_mut() = true;
                }
                Ok(())
            }),
        ],
    )?;
    if *roots.borrow() != 1 || *rendered.borrow() {
        return Err("index.html has no empty <div id=app>: prerender runs on Trunk's fresh output".into());
    }
    Ok(out)
}

/// The note for readers without JavaScript: any `<noscript>` but the one in
/// index.html's head naming the styles of a page read without it, which
/// every page keeps.
const NOSCRIPT_NOTE: &str = "noscript:not(#noscript-styles)";

/// The shell without its `<noscript>` note (true of the bare app only: a
/// rendered page reads without JavaScript).
pub fn without_noscript(shell: &str) -> Result<String, String> {
    rewrite(
        shell,
        vec![element!(NOSCRIPT_NOTE, |el: &mut Element| {
            el.remove();
            Ok(())
        })],
    )
}

/// The shell as the bare app (`404.html`): in the catalog's language and
/// titled until the app draws the page the address names.
pub fn bare(shell: &str, language: &str, direction: &str, title: &str, noscript: &str) -> Result<String, String> {
    rewrite(
        shell,
        vec![
            // What a reader without JavaScript is told, in the page's language.
            element!(NOSCRIPT_NOTE, |el: &mut Element| {
                el.set_inner_content(&format!(r#"<p class="noscript">{noscript}</p>"#), ContentType::Html);
                Ok(())
            }),
            element!("html", |el: &mut Element| {
                el.set_attribute("lang", language).map_err(|e| e.to_string())?;
                el.set_attribute("dir", direction).map_err(|e| e.to_string())?;
                Ok(())
            }),
            // After `<meta charset>`, the head's first element: minified, the
            // page has no `<head>` start tag to find.
            element!("meta[charset]", |el: &mut Element| {
                el.after(title, ContentType::Html);
                Ok(())
            }),
        ],
    )
}

/// `value` as JSON that can sit inside a `<script>`: `</` never appears.
pub fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default().replace("</", "<\\/")
}

/// The shell carrying `json` for the app to read in the element `id`, as
/// data that never runs (`type="application/json"`, which the Content
/// Security Policy leaves alone): the catalog, the site's editions.
pub fn with_data(shell: &str, id: &str, json: &str) -> Result<String, String> {
    let island = format!(r#"<script type="application/json" id="{id}">{json}</script>"#);
    rewrite(
        shell,
        vec![element!("meta[charset]", |el: &mut Element| {
            el.after(&island, ContentType::Html);
            Ok(())
        })],
    )
}

/// The shell for the edition at `prefix` (`zh/`): the feeds it links to
/// in its head are that edition's.
pub fn for_edition(shell: &str, prefix: &str) -> Result<String, String> {
    if prefix.is_empty() {
        return Ok(shell.to_owned());
    }
    rewrite(
        shell,
        vec![element!(
            r#"link[rel=alternate][type="application/feed+json"], link[rel=alternate][type="application/rss+xml"]"#,
            |el: &mut Element| {
                if let Some(href) = el
                    .get_attribute("href")
                    .filter(|h| !h.contains(':') && !h.starts_with('/'))
                {
                    el.set_attribute("href", &format!("{prefix}{href}"))
                        .map_err(|e| e.to_string())?;
                }
                Ok(())
            }
        )],
    )
}

/// The shell with `body` (rendered HTML) in its app root, marked as the
/// page for the address `stands_for`.
pub fn with_page(shell: &str, body: &str, stands_for: &str) -> Result<String, String> {
    rewrite(
        shell,
        vec![element!("div#app", |el: &mut Element| {
            el.set_attribute(gazette::takeover::PRERENDERED_ATTRIBUTE, stands_for)
                .map_err(|e| e.to_string())?;
            el.set_inner_content(body, ContentType::Html);
            Ok(())
        })],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page_however_its_markup_is_spelled() {
        let page = "<!DOCTYPE html><HTML LANG=\"en\"><head><META CHARSET=\"UTF-8\"><base href='/news/'>\
            <script type=\"module\">start()</script><script type='application/ld+json'>{}</script>\
            <link rel=\"modulepreload\" href=a.js></head><body><div id=\"app\"></div></body></html>";
        let facts = facts(page).unwrap();
        assert_eq!(facts.base.as_deref(), Some("/news/"));
        assert!(!facts.has_policy);
        assert_eq!(facts.inline_scripts.len(), 2);
        assert_eq!(facts.inline_scripts[0].text, "start()");
        assert!(is_data(&facts.inline_scripts[1].kind));

        let hardened = harden(page, Some("loader.js"), "<meta name=policy>").unwrap();
        let charset = hardened.find("CHARSET").unwrap();
        assert!(
            hardened[charset..].starts_with("CHARSET=\"UTF-8\"><meta name=policy>"),
            "{hardened}"
        );
        assert!(hardened.contains("<script type=module src=loader.js></script>"));
        assert!(!hardened.contains("start()") && !hardened.contains("modulepreload"));

        let shell = shell(page).unwrap();
        assert!(!shell.to_lowercase().contains("lang="));
        let drawn = with_page(&shell, "<main>x</main>", "/news/").unwrap();
        assert!(
            drawn.contains("<div id=\"app\" data-prerendered=\"/news/\"><main>x</main></div>"),
            "{drawn}"
        );
        assert!(super::shell(&drawn).is_err(), "a drawn page is not a shell");
    }

    #[test]
    fn the_styles_without_javascript_stay_on_every_page_and_only_the_note_changes() {
        let page = "<!doctype html><html lang=en><meta charset=utf-8><title>News</title>\
            <noscript id=noscript-styles><link rel=stylesheet href=noscript.css></noscript>\
            <body><div id=app></div><noscript><p>Needs JavaScript.</p></noscript></body></html>";
        let styles = "<noscript id=noscript-styles><link rel=stylesheet href=noscript.css></noscript>";

        let rendered = without_noscript(page).unwrap();
        assert!(rendered.contains(styles), "{rendered}");
        assert!(!rendered.contains("Needs JavaScript"), "{rendered}");

        let bare = bare(page, "zh", "ltr", "<title>新闻</title>", "需要 JavaScript").unwrap();
        assert!(bare.contains(styles), "{bare}");
        assert!(
            bare.contains(r#"<noscript><p class="noscript">需要 JavaScript</p></noscript>"#),
            "{bare}"
        );
    }

    /// Trunk's minified output omits the `<head>` start tag; the title and
    /// the catalog still land in the head, once, and a second publication
    /// replaces rather than repeats them.
    #[test]
    fn the_bare_app_gets_its_title_language_and_catalog_without_a_head_tag() {
        let minified = "<!doctype html><html lang=en><meta charset=utf-8><base href=/><title>x</title></head><body><div id=app></div>";
        let prepared = with_data(&shell(minified).unwrap(), "gazette-catalog", r#"{"search":"بحث"}"#).unwrap();
        let bare = bare(&prepared, "ar", "rtl", "<title>الصفحة غير موجودة</title>", "x").unwrap();
        assert!(bare.contains(r#"<html lang="ar" dir="rtl">"#), "{bare}");
        assert_eq!(bare.matches("<title>").count(), 1);
        assert!(bare.contains("<title>الصفحة غير موجودة</title>"));
        let head = &bare[..bare.find("</head>").unwrap()];
        assert!(head.contains(r#"<script type="application/json" id="gazette-catalog">{"search":"بحث"}</script>"#));

        let again = with_data(&shell(&bare).unwrap(), "gazette-catalog", "{}").unwrap();
        assert_eq!(again.matches("gazette-catalog").count(), 1, "{again}");
        assert!(!again.contains("<title>") && !again.contains("dir="));
    }
}
