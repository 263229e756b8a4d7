use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::catalog::use_catalog;
use crate::page_shell::use_page_shell;

/// What a multi-page site gives for free and a client-side app must do
/// itself: after following a link, focus is at the new page's heading (so
/// Tab continues from there and a screen reader reads it), and the new
/// page's title is announced. The first page and pages redrawn in place
/// (a live feed update, the photo viewer) leave focus alone.
#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let shell = use_page_shell();
    let location = use_location();
    let message = RwSignal::new(String::new());
    let last_address = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        shell.pages_drawn();
        let here = format!(
            "{}{}",
            location.pathname.get_untracked(),
            location.search.get_untracked()
        );
        let previous = last_address.get_value();
        if previous.as_deref() == Some(here.as_str()) {
            return;
        }
        last_address.set_value(Some(here));
        // A reader typing a search changes the address at every pause; the
        // results announce themselves, and focus stays in the box.
        if previous.is_some() && !typing_in_a_field() {
            request_animation_frame(move || {
                focus_heading();
                message.set(document().title());
            });
        }
    });
    // A page loaded from another edition's link focuses its heading once the
    // app's page is the one on screen.
    Effect::new(move |done: Option<bool>| -> bool {
        if done == Some(true) {
            return true;
        }
        if !shell.is_live() {
            return false;
        }
        if take_focus_request(&location.pathname.get_untracked()) {
            request_animation_frame(focus_heading);
        }
        true
    });
    view! { <p class="visually-hidden route-announcer" aria-live="polite" aria-atomic="true">{message}</p> }
}

/// The session key under which a page asks the next one to focus its heading.
const FOCUS_REQUEST: &str = "gazette-focus-heading";

/// Asks the page at `url` (loaded whole, as another edition is) to move
/// focus to its heading once drawn, as a link followed in the app does.
pub fn focus_heading_after_load(url: &str) {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.set_item(FOCUS_REQUEST, path);
    }
}

/// Whether the page before asked this one, at `path`, to focus its heading;
/// the request is used up either way.
fn take_focus_request(path: &str) -> bool {
    let Some(storage) = window().session_storage().ok().flatten() else {
        return false;
    };
    let asked = storage.get_item(FOCUS_REQUEST).ok().flatten();
    let _ = storage.remove_item(FOCUS_REQUEST);
    asked.is_some_and(|asked| crate::feed::url::percent_decode(&asked) == crate::feed::url::percent_decode(path))
}

fn focus_heading() {
    let document = document();
    let target = document
        .query_selector("main h1")
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(target) = target {
        if !target.has_attribute("tabindex") {
            let _ = target.set_attribute("tabindex", "-1");
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
    }
}

fn typing_in_a_field() -> bool {
    document()
        .active_element()
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The skip link: focus and show the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let tr = use_catalog();
    view! {
        <a
            class="skip-link"
            href=super::on_this_page("#main".to_owned())
            on:click=move |ev| {
                // The router would treat the fragment as a navigation; this is a move of focus.
                ev.prevent_default();
                skip_to_main();
            }
        >
            {tr.skip_to_content()}
        </a>
    }
}

fn skip_to_main() {
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
        main.scroll_into_view();
    }
}
