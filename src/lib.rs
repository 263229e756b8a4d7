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
