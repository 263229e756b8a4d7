//! The browser entry point: start the app under the page's base path, taking
//! over the prerendered page if there is one for this address. Built only
//! with the `csr` feature (as Trunk builds it).

use gazette::app::App;
use gazette::catalog::{self, Catalog};
use gazette::paths::Paths;
use gazette::takeover::{live_container, same_page, PRERENDERED_ATTRIBUTE, PRERENDERED_ID};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let document = document();
    // `<base href>` carries the public URL Trunk built for (`/` or `/news/`).
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let paths = Paths::from_base_uri(&base);
    let catalog = page_catalog(&document);
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
            // Draw off-screen and take over once the page is drawn.
            let Some(live) = live_container() else { return };
            // The app manages the page's metadata from now on; the copies in the
            // HTML would otherwise stand beside the ones it adds.
            remove_prerendered_metadata(&document);
            leptos::mount::mount_to(live, move || view! { <App paths take_over=true catalog /> }).forget();
        }
        None => {
            let root = root.unchecked_into::<web_sys::HtmlElement>();
            leptos::mount::mount_to(root, move || view! { <App paths catalog /> }).forget();
        }
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
                    head meta[name^='twitter:'], head meta[name=robots], head link[rel=canonical], \
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
