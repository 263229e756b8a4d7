//! The interface catalogs the app ships in `public/strings/`, built into
//! the publisher so that each page is prerendered in its edition's language
//! and carries that catalog for the app to read.

use std::sync::OnceLock;

use gazette::catalog::{self, Catalog};

/// The catalogs beside English, by the language they are for.
const CATALOGS: &[(&str, &str)] = &[
    ("zh-Hans", include_str!("../../public/strings/zh-Hans.json")),
    ("ar", include_str!("../../public/strings/ar.json")),
];

/// The id of the `<script type="application/json">` a page carries its
/// catalog in.
pub const ELEMENT_ID: &str = gazette::catalog::ELEMENT_ID;

/// The catalog for a feed's `language` (a BCP 47 tag): Chinese for `zh`,
/// `zh-CN` and the like, Arabic for `ar-*`, English for anything else.
pub fn for_language(language: Option<&str>) -> &'static Catalog {
    static READ: [OnceLock<&'static Catalog>; 2] = [OnceLock::new(), OnceLock::new()];
    let primary = language
        .and_then(|l| l.split(['-', '_']).next())
        .unwrap_or("")
        .to_ascii_lowercase();
    let index = match primary.as_str() {
        "zh" => 0,
        "ar" => 1,
        _ => return catalog::english(),
    };
    READ[index].get_or_init(|| Catalog::from_json(CATALOGS[index].1).0.leak())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_language_chooses_its_catalog() {
        assert_eq!(for_language(Some("zh-CN")).language(), "zh-Hans");
        assert_eq!(for_language(Some("ar-EG")).language(), "ar");
        assert_eq!(for_language(Some("en-GB")).language(), "en");
        assert_eq!(for_language(None).language(), "en");
        assert_eq!(for_language(Some("fr")).language(), "en");
    }

    #[test]
    fn every_catalog_built_in_reads_cleanly() {
        for (language, text) in CATALOGS {
            let (_, faults) = Catalog::from_json(text);
            assert!(faults.is_empty(), "{language}: {faults:?}");
        }
    }
}
