//! Gazette: a news site in one static folder.
//!
//! Data flows one way: `feed.json` is read by [`feed`] (pure Rust: parsed,
//! checked, each story ingested into typed blocks) into a model, indexed by
//! [`store`], fetched and paged by [`newsroom`], asked for by [`pages`], and
//! rendered through [`components`]. [`page_shell`] holds the state of the
//! page on screen (busy, drawn, live, failed); [`browser`] is the one place
//! the browser build differs from the native one. `docs/data-path.md` draws
//! the whole path.

pub mod app;
pub mod browser;
pub mod catalog;
pub mod components;
pub mod editions;
mod split;
pub use gazette_feed as feed;
pub mod gallery;
pub mod html_parser;
pub mod loading;
pub mod newsroom;
pub mod page_shell;
pub mod pagefind;
pub mod pages;
pub mod paths;
pub mod search;
pub mod store;
pub mod takeover;

/// The text of every Rust file below the crate's folders `roots` (`src`,
/// `cli/src`), each without its `mod tests`: what tests that check the
/// source itself read (every catalog key used, every page id reserved).
#[cfg(test)]
pub(crate) fn rust_sources(roots: &[&str]) -> Vec<String> {
    let mut folders: Vec<std::path::PathBuf> = roots
        .iter()
        .map(|root| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(root))
        .collect();
    let mut sources = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
                let code = code
                    .split("#[cfg(all(test, feature = \"ssr\"))]\nmod tests")
                    .next()
                    .unwrap_or_default();
                sources.push(code.to_owned());
            }
        }
    }
    sources
}
