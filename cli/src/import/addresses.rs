//! Where an imported feed's addresses lead. A CMS writes relative addresses
//! in its bodies and fields (`/images/…`, `../x`, `3299.atom`), meaning its
//! own site; published as they are, they would resolve against the Gazette
//! site (a photo that is not found, a link to the not-found page). Each is
//! made absolute against the nearest base that is: the body's `xml:base`, the
//! story's own address, the feed's home or self address, and last the
//! address the feed was fetched from (`gazette import --base`).
//!
//! A leaf: it imports nothing from the crate.

use gazette::feed::url::resolve;

/// Whether an address needs no base: it has a scheme, or names its host
/// (`//host/x`, which takes the page's scheme).
pub fn is_absolute(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        })
}

/// The first of `bases` that is absolute, each resolved against those after
/// it (an `xml:base` may itself be relative to the feed's address).
pub fn base(bases: &[Option<&str>]) -> Option<String> {
    let mut resolved: Option<String> = None;
    for candidate in bases.iter().rev().flatten() {
        let candidate = candidate.trim();
        if candidate.is_empty() {
            continue;
        }
        resolved = match &resolved {
            _ if is_absolute(candidate) => Some(candidate.to_owned()),
            Some(outer) => Some(resolve(outer, candidate)),
            None => None,
        };
    }
    resolved
}

/// Counts the addresses that stayed relative for want of an absolute base.
#[derive(Debug, Default)]
pub struct Resolver {
    pub unresolved: usize,
}

impl Resolver {
    /// `reference` made absolute against `base`; as it is if it already is
    /// (or is a fragment or empty), or if there is no base (counted).
    pub fn absolute(&mut self, reference: &str, base: Option<&str>) -> String {
        let reference = reference.trim();
        if reference.is_empty() || reference.starts_with('#') || is_absolute(reference) {
            return reference.to_owned();
        }
        match base {
            Some(base) => resolve(base, reference),
            None => {
                self.unresolved += 1;
                reference.to_owned()
            }
        }
    }

    /// An optional field made absolute.
    pub fn field(&mut self, field: &mut Option<String>, base: Option<&str>) {
        if let Some(value) = field.as_mut() {
            *value = self.absolute(value, base);
        }
    }

    /// An HTML body with every relative address in it made absolute: links,
    /// photos (also those a script would have loaded, `data-src`), their
    /// `srcset`s, media and their posters. Fragments (`#section`) stay.
    pub fn html(&mut self, html: &str, base: Option<&str>) -> String {
        if !html.contains("=") {
            return html.to_owned();
        }
        let unresolved = std::cell::Cell::new(0);
        let rewrite = |element: &mut lol_html::html_content::Element, attribute: &str, list: bool| {
            let Some(value) = element.get_attribute(attribute) else {
                return;
            };
            let mut resolver = Resolver::default();
            let new = if list {
                // `a.jpg 400w, b.jpg 800w`: each candidate's address.
                value
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        match candidate.split_once(char::is_whitespace) {
                            Some((url, descriptor)) => {
                                format!("{} {}", resolver.absolute(url, base), descriptor.trim())
                            }
                            None => resolver.absolute(candidate, base),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                resolver.absolute(&value, base)
            };
            unresolved.set(unresolved.get() + resolver.unresolved);
            if new != value {
                let _ = element.set_attribute(attribute, &new);
            }
        };
        let handlers = vec![lol_html::element!("*", |element| {
            for attribute in [
                "href",
                "src",
                "data-src",
                "data-lazy-src",
                "data-original",
                "poster",
                "cite",
            ] {
                rewrite(element, attribute, false);
            }
            for attribute in ["srcset", "data-srcset", "data-lazy-srcset"] {
                rewrite(element, attribute, true);
            }
            Ok(())
        })];
        let settings = handlers.into_iter().fold(
            lol_html::RewriteStrSettings::new(),
            lol_html::RewriteStrSettings::append_element_content_handler,
        );
        match lol_html::rewrite_str(html, settings) {
            Ok(rewritten) => {
                self.unresolved += unresolved.get();
                rewritten
            }
            Err(_) => html.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_absolute_base_wins_and_a_relative_base_builds_on_the_next() {
        assert_eq!(
            base(&[Some("2025/08/26/"), None, Some("https://www.qemu.org/feed.xml")]).as_deref(),
            Some("https://www.qemu.org/2025/08/26/")
        );
        assert_eq!(
            base(&[
                Some("https://andrea.pappacoda.it/blog/x/"),
                Some("https://elsewhere.example/")
            ])
            .as_deref(),
            Some("https://andrea.pappacoda.it/blog/x/")
        );
        assert_eq!(base(&[Some("/feed.xml"), None]), None, "no absolute address anywhere");
    }

    #[test]
    fn bodies_and_fields_are_made_absolute_and_what_cannot_be_is_counted() {
        let mut resolver = Resolver::default();
        let base = Some("https://news.example.edu/2026/11/rowing/");
        let html = resolver.html(
            r##"<p><a href="/sport/">Sport</a> <a href="#results">below</a> <img src="crew.jpg" srcset="crew-400.jpg 400w, /crew-800.jpg 800w"> <img data-src="../lazy.png"></p>"##,
            base,
        );
        assert!(html.contains(r#"href="https://news.example.edu/sport/""#), "{html}");
        assert!(
            html.contains(r##"href="#results""##),
            "a fragment stays on the page: {html}"
        );
        assert!(
            html.contains(r#"src="https://news.example.edu/2026/11/rowing/crew.jpg""#),
            "{html}"
        );
        assert!(
            html.contains(r#"srcset="https://news.example.edu/2026/11/rowing/crew-400.jpg 400w, https://news.example.edu/crew-800.jpg 800w""#),
            "{html}"
        );
        assert!(
            html.contains(r#"data-src="https://news.example.edu/2026/11/lazy.png""#),
            "{html}"
        );
        assert_eq!(resolver.unresolved, 0);
        let mut field = Some("/images/a.jpg".to_owned());
        resolver.field(&mut field, None);
        assert_eq!(field.as_deref(), Some("/images/a.jpg"));
        assert_eq!(resolver.unresolved, 1);
        assert_eq!(
            resolver.absolute("//cdn.example.net/x.png", None),
            "//cdn.example.net/x.png"
        );
        assert_eq!(
            resolver.absolute("mailto:desk@example.edu", None),
            "mailto:desk@example.edu"
        );
        assert_eq!(resolver.unresolved, 1);
    }
}
