//! The browser entry point: start the app under the page's base path, taking
//! over the prerendered page if there is one for this address. Built only
//! with the `csr` feature (as Trunk builds it).

use gazette::app::App;
use gazette::catalog::{self, Catalog};
use gazette::editions::{self, Editions};
use gazette::paths::Paths;
use gazette::takeover::{keep_clicks_until_live, live_container, same_page, PRERENDERED_ATTRIBUTE, PRERENDERED_ID};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    // The app's start is its first slice of work (see takeover).
    gazette::browser::begin_slice();
    gazette::browser::mark_timeline("gazette:start");
    wasm_bindgen_futures::spawn_local(run());
}

/// Reads the page's settings, then mounts the app, each in a task of its
/// own and apart from the module's start: on a slow phone each is a long
/// task's worth of code run (so compiled) for the first time.
async fn run() {
    gazette::browser::yield_to_browser().await;
    let document = document();
    // `<base href>` carries the public URL Trunk built for (`/` or `/news/`).
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let site = Paths::from_base_uri(&base);
    let path = window().location().pathname().unwrap_or_default();
    let editions = page_editions(&document, &site.home(), &path);
    let paths = Paths::new(&editions.base());
    let language = editions.current().map(|e| e.language.clone());
    let catalog = page_catalog(&document);
    // A page of another edition than the one it was written for (a host's
    // 404.html for `/zh/…`): its catalog comes from the site's strings/.
    let wanted = language.as_deref().map(catalog::catalog_file);
    let catalog = if wanted.is_some_and(|wanted| wanted != catalog::catalog_file(catalog.language())) {
        match wanted.flatten() {
            Some(file) => {
                let url = format!("{}strings/{file}.json", site.home());
                match gazette::browser::fetch_document(&url).await {
                    Ok(fetched) if fetched.status == 200 => {
                        Catalog::from_json(&String::from_utf8_lossy(&fetched.body)).0.leak()
                    }
                    _ => catalog::english(),
                }
            }
            None => catalog::english(),
        }
    } else {
        catalog
    };
    gazette::browser::yield_to_browser().await;
    start(&document, paths, catalog, editions).await;
}

/// Mounts the app, taking over the prerendered page if there is one.
async fn start(document: &web_sys::Document, paths: Paths, catalog: &'static Catalog, editions: Editions) {
    let Some(root) = document.get_element_by_id(PRERENDERED_ID) else {
        leptos::logging::error!("Gazette: the page has no <div id=\"app\"> to mount into");
        return;
    };
    let location = window().location();
    let current = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );

    match root.get_attribute(PRERENDERED_ATTRIBUTE) {
        Some(rendered) => {
            if !same_page(&rendered, &current) {
                // A page made for another address (a host's fallback) must not
                // pose as this one: its header and footer are the site's, its
                // content is not.
                if let Ok(Some(main)) = root.query_selector("main") {
                    while let Some(child) = main.first_child() {
                        let _ = main.remove_child(&child);
                    }
                }
            }
            // Draw hidden over the page, and take over once drawn.
            let Some(live) = live_container() else { return };
            keep_clicks_until_live(&root);
            // The app manages the page's metadata from now on; the copies in the
            // HTML would otherwise stand beside the ones it adds.
            remove_prerendered_metadata(document);
            gazette::browser::yield_to_browser().await;
            leptos::mount::mount_to(live, move || view! { <App paths take_over=true catalog editions /> }).forget();
        }
        None => {
            let root = root.unchecked_into::<web_sys::HtmlElement>();
            leptos::mount::mount_to(root, move || view! { <App paths catalog editions /> }).forget();
        }
    }
}

/// The site's editions as the publisher wrote them into the page, with the
/// reader in the one the address names.
fn page_editions(document: &web_sys::Document, site_base: &str, path: &str) -> Editions {
    match document
        .get_element_by_id(editions::ELEMENT_ID)
        .and_then(|e| e.text_content())
    {
        Some(text) => Editions::for_path(Editions::list_from_json(&text), site_base, path),
        None => Editions::single(site_base),
    }
}

/// The catalog the publisher wrote into the page for its language; English
/// (built in) when there is none.
fn page_catalog(document: &web_sys::Document) -> &'static Catalog {
    let Some(text) = document
        .get_element_by_id(catalog::ELEMENT_ID)
        .and_then(|e| e.text_content())
    else {
        return catalog::english();
    };
    let (catalog, faults) = Catalog::from_json(&text);
    if !faults.is_empty() {
        leptos::logging::warn!(
            "Gazette: the page's catalog lacks {} keys and has {} it should not; those are shown in English",
            faults.missing.len(),
            faults.unknown.len()
        );
    }
    catalog.leak()
}

fn remove_prerendered_metadata(document: &web_sys::Document) {
    let selector = "head meta[name=description], head meta[property^='og:'], head meta[property^='article:'], \
                    head meta[name^='twitter:'], head meta[name=robots], head link[rel=canonical], head link[hreflang], \
                    head link[rel=alternate][href*='topics/'], \
                    head script[type='application/ld+json']";
    if let Ok(nodes) = document.query_selector_all(selector) {
        for i in 0..nodes.length() {
            if let Some(node) = nodes.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}
