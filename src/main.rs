//! The browser entry point: mount the app into `#app` under the page's base path.

use gazette::app::App;
use gazette::paths::Paths;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let document = document();
    // `<base href>` carries the public URL Trunk built for (`/` or `/news/`).
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let paths = Paths::from_base_uri(&base);
    let Some(root) = document
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::logging::error!("Gazette: the page has no <div id=\"app\"> to mount into");
        return;
    };
    leptos::mount::mount_to(root, move || view! { <App paths /> }).forget();
}
