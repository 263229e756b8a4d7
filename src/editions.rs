//! A site in several languages: its editions (each a feed of its own under
//! its own path prefix) and which one the reader is in. The publisher writes
//! the list into every page it prerenders (`<script type="application/json"
//! id="gazette-editions">`), since an edition's own feed need not repeat it;
//! the app reads it there before it draws anything.

use leptos::prelude::*;

use crate::feed::json::{self, Node};
use crate::feed::text::same_language;
use crate::feed::Edition;

/// The id of the element a page carries its site's editions in.
pub const ELEMENT_ID: &str = "gazette-editions";

/// The site's editions, the default first, and the one this page is in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Editions {
    pub list: Vec<Edition>,
    pub current: usize,
    /// The site's base path, before any edition's prefix: `/` or `/news/`.
    pub site_base: String,
}

impl Editions {
    /// A site of one language: no list, nothing to switch to.
    pub fn single(site_base: &str) -> Editions {
        Editions {
            list: Vec::new(),
            current: 0,
            site_base: site_base.to_owned(),
        }
    }

    /// The editions of a site based at `site_base`, with the reader in the
    /// one whose prefix `path` (an address's path) starts with: the longest
    /// such prefix, else the default edition.
    pub fn for_path(list: Vec<Edition>, site_base: &str, path: &str) -> Editions {
        let below = path.strip_prefix(site_base).unwrap_or("");
        let current = list
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.prefix.is_empty() && format!("{below}/").starts_with(&e.prefix))
            .max_by_key(|(_, e)| e.prefix.len())
            .map_or(0, |(i, _)| i);
        Editions {
            list,
            current,
            site_base: site_base.to_owned(),
        }
    }

    /// The edition the reader is in, when the site has several.
    pub fn current(&self) -> Option<&Edition> {
        self.list.get(self.current)
    }

    /// The base path of the current edition: the site's, plus its prefix.
    pub fn base(&self) -> String {
        match self.current() {
            Some(edition) => format!("{}{}", self.site_base, edition.prefix),
            None => self.site_base.clone(),
        }
    }

    /// The editions the reader is not in, with their home pages.
    pub fn others(&self) -> impl Iterator<Item = (&Edition, String)> {
        self.list
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != self.current)
            .map(move |(_, e)| (e, format!("{}{}", self.site_base, e.prefix)))
    }

    /// The edition of `language` (a tag as a translation names it: `zh`
    /// finds `zh-Hans`).
    pub fn of_language(&self, language: &str) -> Option<&Edition> {
        self.list
            .iter()
            .find(|e| e.language.eq_ignore_ascii_case(language))
            .or_else(|| self.list.iter().find(|e| same_language(&e.language, language)))
    }

    /// The list a page carries; entries it cannot read are left out.
    pub fn list_from_json(text: &str) -> Vec<Edition> {
        let Ok(root) = json::parse(text) else {
            return Vec::new();
        };
        let text = |entry: &Node, key: &str| entry.get(key).and_then(Node::as_str).map(str::to_owned);
        root.as_array()
            .unwrap_or_default()
            .iter()
            .filter_map(|entry| {
                Some(Edition {
                    language: text(entry, "lang")?,
                    name: text(entry, "name")?,
                    prefix: text(entry, "prefix").unwrap_or_default(),
                    direction: text(entry, "dir").unwrap_or_else(|| "ltr".to_owned()),
                })
            })
            .collect()
    }
}

/// The editions the app was started with.
pub fn use_editions() -> Editions {
    use_context::<Editions>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Edition> {
        let edition = |language: &str, name: &str, prefix: &str, direction: &str| Edition {
            language: language.to_owned(),
            name: name.to_owned(),
            prefix: prefix.to_owned(),
            direction: direction.to_owned(),
        };
        vec![
            edition("en", "English", "", "ltr"),
            edition("zh-Hans", "中文", "zh/", "ltr"),
            edition("ar", "العربية", "ar/", "rtl"),
        ]
    }

    #[test]
    fn the_address_says_which_edition_the_reader_is_in() {
        let at = |path: &str| Editions::for_path(sample(), "/news/", path);
        assert_eq!(at("/news/").current, 0);
        assert_eq!(at("/news/articles/x/").current, 0);
        assert_eq!(at("/news/zh/").current, 1);
        assert_eq!(at("/news/zh").current, 1);
        assert_eq!(at("/news/zh/articles/x/").current, 1);
        assert_eq!(at("/news/zhx/").current, 0, "a prefix is a whole segment");
        assert_eq!(at("/news/ar/search/").base(), "/news/ar/");
        let others: Vec<_> = at("/news/zh/")
            .others()
            .map(|(e, home)| (e.name.clone(), home))
            .collect();
        assert_eq!(
            others,
            [
                ("English".to_owned(), "/news/".to_owned()),
                ("العربية".to_owned(), "/news/ar/".to_owned())
            ]
        );
    }

    #[test]
    fn a_translation_finds_its_edition_by_language() {
        let editions = Editions::for_path(sample(), "/", "/");
        assert_eq!(editions.of_language("zh").map(|e| e.prefix.as_str()), Some("zh/"));
        assert_eq!(editions.of_language("ZH-hans").map(|e| e.prefix.as_str()), Some("zh/"));
        assert!(editions.of_language("fr").is_none());
    }
}
