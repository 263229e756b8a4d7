//! The interface catalogs the app ships in `public/strings/`, built into
//! the publisher so that each page is prerendered in its edition's language
//! and carries that catalog for the app to read.

use std::sync::OnceLock;

use gazette::catalog::{self, Catalog};

/// The catalogs beside English, each by its file's name (the names of
/// [`catalog::CATALOG_FILES`], in its order: a test holds them together).
macro_rules! catalogs {
    ($($file:literal),* $(,)?) => {
        &[$(($file, include_str!(concat!("../../public/strings/", $file, ".json")))),*]
    };
}
const CATALOGS: &[(&str, &str)] = catalogs![
    "zh-Hans", "zh-Hant", "ar", "es", "fr", "de", "pt", "it", "nl", "pl", "ru", "uk", "tr", "fa", "ur", "hi", "bn",
    "id", "vi", "ja", "ko", "he", "sw",
];

/// The id of the `<script type="application/json">` a page carries its
/// catalog in.
pub const ELEMENT_ID: &str = gazette::catalog::ELEMENT_ID;

/// The catalog for a feed's `language` (a BCP 47 tag), as the app would
/// choose it ([`catalog::catalog_file`]): Chinese for `zh`, `zh-CN` and the
/// like, Arabic for `ar-*`, English for anything else.
pub fn for_language(language: Option<&str>) -> &'static Catalog {
    static READ: [OnceLock<&'static Catalog>; CATALOGS.len()] = [const { OnceLock::new() }; CATALOGS.len()];
    let Some(file) = language.and_then(catalog::catalog_file) else {
        return catalog::english();
    };
    match CATALOGS.iter().position(|(name, _)| *name == file) {
        Some(index) => READ[index].get_or_init(|| Catalog::from_json(CATALOGS[index].1).0.leak()),
        None => catalog::english(),
    }
}

/// The catalog a page in `language` carries for the app: the catalog file
/// itself, compacted; none for English, which the app has built in.
pub fn page_data(language: Option<&str>) -> Option<String> {
    let file = language.and_then(catalog::catalog_file)?;
    let (_, text) = CATALOGS.iter().find(|(name, _)| *name == file)?;
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    // Notes for the catalog's translators (`_checked_by`) are not for readers.
    value.as_object_mut()?.retain(|key, _| !key.starts_with('_'));
    Some(crate::shell::script_json(&value))
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
        assert_eq!(for_language(Some("zh-TW")).language(), "zh-Hant");
        assert_eq!(for_language(Some("pt-BR")).language(), "pt");
        assert_eq!(for_language(Some("tlh")).language(), "en");
    }

    #[test]
    fn a_page_carries_its_catalog_and_the_app_reads_it_back() {
        assert_eq!(page_data(Some("en")), None);
        for language in ["zh-CN", "ar"] {
            let data = page_data(Some(language)).unwrap();
            assert!(!data.contains("</") && !data.contains('\n'));
            let (read, faults) = Catalog::from_json(&data);
            assert!(faults.is_empty(), "{faults:?}");
            assert_eq!(&read, for_language(Some(language)));
        }
    }

    #[test]
    fn every_catalog_built_in_reads_cleanly() {
        let files: Vec<&str> = catalog::CATALOG_FILES.iter().map(|(file, _)| *file).collect();
        let built_in: Vec<&str> = CATALOGS.iter().map(|(file, _)| *file).collect();
        assert_eq!(built_in, files, "the publisher builds in every catalog the app knows");
        for (language, text) in CATALOGS {
            let (catalog, faults) = Catalog::from_json(text);
            assert!(faults.is_empty(), "{language}: {faults:?}");
            assert_eq!(catalog.language(), *language);
        }
    }

    #[test]
    fn a_page_carries_no_translators_notes() {
        let data = page_data(Some("es")).unwrap();
        assert!(!data.contains("_checked_by"));
    }
}
