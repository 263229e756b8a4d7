//! Gazette: a news site in one static folder.
//!
//! Data flows one way: `feed.json` is read by [`feed`] (pure Rust) into a
//! typed model, indexed by [`store`], served to pages by [`newsroom`], and
//! rendered by [`pages`] through [`components`].

pub mod app;
pub mod components;
pub use gazette_feed as feed;
pub mod gallery;
pub mod html_parser;
pub mod loading;
pub mod newsroom;
pub mod pagefind;
pub mod pages;
pub mod paths;
pub mod search;
pub mod store;
pub mod takeover;
