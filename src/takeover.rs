//! Taking over a prerendered page.
//!
//! A prerendered page paints at once from its HTML. When the app has loaded,
//! it draws the same page from the live feed in a hidden container and, once
//! that page's content is drawn, swaps the two in one step: nothing blinks,
//! nothing moves, the scroll position stays, and the feed the host serves
//! now (not the one the page was built from) is what the reader sees. A
//! page served for another address (a host's fallback page) is cleared at
//! once instead, so it never poses as the page asked for.
//!
//! The drawing is done in slices: reading the feed yields to the browser
//! between stories when a slice's time is spent (`html_parser`), and pieces
//! of the page put in [`Later`] are drawn in tasks of their own once it is,
//! one after each frame (so each frame lays out one piece), so that a reader's tap on the prerendered page is never kept waiting
//! behind one long task. Until the swap, a link on the prerendered page is
//! the plain link it is without JavaScript, and a button pressed on it is
//! pressed again on the app's page once that is on screen: no click is lost.

use leptos::prelude::*;

use wasm_bindgen::JsCast;

use crate::browser::{mark_document_live, slice_spent, yield_to_browser, yield_to_next_frame, IN_BROWSER};
use crate::page_shell::{use_page_shell, PageShell};

/// The element the prerendered page lives in.
pub const PRERENDERED_ID: &str = "app";

thread_local! {
    /// Where the app draws until it takes over: see [`live_container`].
    static LIVE: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// The class of the element the app draws into before it takes over
/// (style/main.css): laid over the prerendered page, but hidden.
pub const DRAFT_CLASS: &str = "app-draft";

/// Creates the element the app draws into before it takes over: in the
/// document after the prerendered page, in the same grid cell (as wide and
/// as tall), clipped away and inert, so that nothing in it is seen, tapped,
/// focused or read out before it is the page, while the browser styles and
/// lays out each slice of it as it is drawn rather than the whole page at
/// the swap. Standing where the page stands, its photos load as the page's
/// do; clipped to the page's height, it never makes the document longer (a
/// scroll bar would narrow the page). Its box is the one it keeps as the
/// page: the swap removes the prerendered page and the clip, and nothing of
/// it is styled or laid out again.
pub fn live_container() -> Option<web_sys::HtmlElement> {
    let document = document();
    let live = document
        .create_element("div")
        .ok()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    live.set_class_name(DRAFT_CLASS);
    let _ = live.set_attribute("inert", "");
    let _ = live.set_attribute("aria-hidden", "true");
    // In whole pixels: formatting a float would bring Rust's float printing
    // into the app, about 15 KB of it.
    let height = document
        .get_element_by_id(PRERENDERED_ID)
        .map_or(0, |page| page.get_bounding_client_rect().height().ceil() as u32);
    let _ = live.style().set_property("height", &format!("{height}px"));
    document.body()?.append_child(&live).ok()?;
    LIVE.with(|slot| *slot.borrow_mut() = Some(live.clone().into()));
    Some(live)
}

/// The path a prerendered page was rendered for: `data-prerendered` on its root.
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";

/// Ends the rendered address of a page that stands for its path with any
/// query: the search page's shell, whose results are drawn in the browser.
pub const ANY_QUERY: &str = "?*";

/// Whether a page rendered for `rendered` may stand for the `current`
/// address (path and query): the same path, with or without its trailing
/// slash, and the same query (any query after [`ANY_QUERY`]).
pub fn same_page(rendered: &str, current: &str) -> bool {
    let split = |s: &str| {
        let (path, query) = s.split_once('?').unwrap_or((s, ""));
        (path.trim_end_matches('/').to_owned(), query.to_owned())
    };
    let (current_path, current_query) = split(current);
    match rendered.strip_suffix(ANY_QUERY) {
        Some(path) => split(path).0 == current_path,
        None => split(rendered) == (current_path, current_query),
    }
}

/// The moment the app's page is on screen. With `take_over`, the app has
/// been drawing hidden while a prerendered page is shown: it swaps in once its page
/// is drawn, and if the page cannot be loaded, a banner over the prerendered
/// page says why and offers a retry. Either way, `<html data-gazette="live">`
/// then marks that the app is in charge.
#[component]
pub fn PageLifecycle(take_over: bool) -> impl IntoView {
    let shell = use_page_shell();
    if !take_over {
        shell.mark_live();
        // Rendered to HTML, the page is not the app's yet: the browser takes it over.
        if IN_BROWSER {
            mark_document_live();
        }
        return;
    }
    Effect::new(move |_| {
        if shell.is_live() || !shell.is_wholly_drawn() {
            return;
        }
        // The page's effects have run. Its last piece is laid out in the next
        // frame; in the one after, the draft becomes interactive (`inert` is
        // inherited: every element of it is styled anew, a frame's work of
        // its own; clipped away, nothing of it can be tapped meanwhile); in
        // the third it is swapped in, unless a piece has been put off again
        // meanwhile. What the app does once live (its listeners, its
        // announcements) follows in a task of its own, apart from the swap's
        // paint.
        after_frames(2, move || {
            LIVE.with(|slot| slot.borrow().as_ref().map(|live| live.remove_attribute("inert")));
            after_frames(1, move || {
                if shell.is_live_untracked() || !shell.is_wholly_drawn_untracked() || !swap() {
                    return;
                }
                leptos::task::spawn_local(async move {
                    yield_to_browser().await;
                    shell.mark_live();
                    mark_document_live();
                    crate::browser::mark_timeline("gazette:live");
                });
            });
        });
    });
    Effect::new(move |shown: Option<bool>| {
        if shown == Some(true) || shell.is_live() || shell.failure().is_none() {
            return shown.unwrap_or(false);
        }
        show_failure_banner(shell);
        true
    });
}

/// Runs `then` in the animation frame `frames` frames from now.
fn after_frames(frames: u32, then: impl FnOnce() + 'static) {
    match frames {
        0 => then(),
        _ => request_animation_frame(move || after_frames(frames - 1, then)),
    }
}

/// Draws `children` at once, or in a task of its own after the next frame
/// (and after the pieces put off before it): every piece while the app takes
/// over a prerendered page, and a piece whose slice has had its time while it
/// draws its first page on an empty one. The browser handles a tap and lays
/// out the piece before in between. The swap waits for
/// every piece put off. Once the app is live, pages are drawn in one go, as
/// a route change must be.
#[component]
pub fn Later(children: Children) -> impl IntoView {
    // Outside an app's page (a component drawn on its own) it is drawn at once.
    let Some(shell) = use_context::<PageShell>().filter(|shell| IN_BROWSER && !shell.is_live_untracked()) else {
        return children().into_any();
    };
    // Taking over, every piece is a task of its own: the time a piece takes
    // is mostly its code compiled on its first run, which the slice's clock
    // cannot foresee when the piece is made.
    let taking_over = LIVE.with(|slot| slot.borrow().is_some());
    if !taking_over && !slice_spent() {
        return children().into_any();
    }
    shell.put_off();
    in_a_task_of_its_own(children, Some(shell))
}

/// Draws `children` in a task of its own, after the next frame
/// ([`yield_to_next_frame`]); `put_off` counts it drawn on the shell that counted it put off.
pub fn in_a_task_of_its_own(children: Children, put_off: Option<PageShell>) -> AnyView {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        yield_to_next_frame().await;
        ready.set(true);
    });
    let children = StoredValue::new_local(Some(children));
    (move || {
        ready.get().then(|| {
            let children = children.try_update_value(Option::take).flatten()?;
            // Only `ready` decides when this is drawn, not what its children
            // read while they are built.
            let view = untrack(children);
            if let Some(shell) = put_off {
                shell.put_off_drawn();
            }
            Some(view)
        })
    })
    .into_any()
}

/// Until the app's page takes its place, keeps the prerendered page's link
/// clicks from the app's router, so that a link goes where it goes without
/// JavaScript, and notes the button pressed, to press it again on the app's
/// page after the swap. What the app itself put on the prerendered page
/// (the failure banner, marked [`APP_SLOT`]) works as it is.
pub fn keep_clicks_until_live(root: &web_sys::Element) {
    let on_click = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let Some(root) = document().get_element_by_id(PRERENDERED_ID) else {
            return;
        };
        let apps_own = target.closest(&format!("[{APP_SLOT}]")).ok().flatten().is_some();
        if !root.contains(Some(&target)) || apps_own {
            return;
        }
        if let Ok(Some(_)) = target.closest("a[href]") {
            event.stop_propagation();
        } else if let Ok(Some(button)) = target.closest("button") {
            PRESSED.with(|pressed| *pressed.borrow_mut() = child_path(&root, &button));
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    let _ = root.add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        on_click.as_ref().unchecked_ref(),
        &options,
    );
    // It lives as long as the prerendered page, which the swap drops.
    on_click.forget();
}

/// Marks what the app mounts into the prerendered page before it is live.
const APP_SLOT: &str = "data-app-slot";

thread_local! {
    /// The button pressed on the prerendered page, by its child path.
    static PRESSED: std::cell::RefCell<Option<Vec<u32>>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the failure banner at the top of the prerendered page's content.
/// The app's draft, which can only show the same failure, leaves the
/// document meanwhile: the page has one alert and one heading.
fn show_failure_banner(shell: PageShell) {
    use crate::components::FailureBanner;
    LIVE.with(|slot| {
        if let Some(live) = slot.borrow().as_ref() {
            live.remove();
        }
    });
    let document = document();
    let Some(main) = document
        .get_element_by_id(PRERENDERED_ID)
        .and_then(|root| root.query_selector("main").ok().flatten())
    else {
        return;
    };
    let Ok(slot) = document.create_element("div") else {
        return;
    };
    let _ = slot.set_attribute(APP_SLOT, "");
    let _ = main.prepend_with_node_1(&slot);
    let slot = slot.unchecked_into::<web_sys::HtmlElement>();
    // The banner goes away with the prerendered page when the app takes over.
    leptos::mount::mount_to(slot, move || {
        provide_context(shell);
        view! { <FailureBanner /> }
    })
    .forget();
}

/// Puts the app's page in the prerendered one's place; false if there is
/// none to swap (already done).
fn swap() -> bool {
    let document = document();
    let Some(live) = LIVE.with(|slot| slot.borrow_mut().take()) else {
        return false;
    };
    let Some(old) = document.get_element_by_id(PRERENDERED_ID) else {
        return false;
    };
    let active = document.active_element();
    let focus_path = active.as_ref().and_then(|active| child_path(&old, active));
    // A reader may start typing in a search box before the app arrives.
    let typed = active
        .and_then(|active| active.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .filter(|value| !value.is_empty());
    keep_sizeless_photos(&old, &live);
    keep_players(&old, &live);
    // One step, so no frame shows neither page: the app's page, already
    // laid out where it stands (moving it would lay it out again), is shown
    // in the prerendered one's place, which nothing after it in the body
    // takes up. A draft taken out of the document after a failure goes in
    // that place.
    if live.is_connected() {
        old.remove();
    } else if old.replace_with_with_node_1(&live).is_err() {
        return false;
    }
    live.set_id(PRERENDERED_ID);
    let _ = live.remove_attribute("inert");
    let _ = live.remove_attribute("aria-hidden");
    let _ = live.remove_attribute("class");
    let _ = live.remove_attribute("style");
    // Focus stays where the reader had it, on the same element of the new page.
    if let Some(node) = focus_path.and_then(|path| element_at(&live, &path)) {
        if let Some(typed) = typed {
            carry_typed_text(&node, &typed);
        }
        if let Ok(element) = node.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
    // A button pressed before the app was live is pressed now.
    let pressed = PRESSED.with(|pressed| pressed.borrow_mut().take());
    if let Some(button) = pressed.and_then(|path| element_at(&live, &path)) {
        if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
            button.click();
        }
    }
    true
}

/// The element at `path` (child indices) below `root`.
fn element_at(root: &web_sys::Element, path: &[u32]) -> Option<web_sys::Element> {
    let mut node = root.clone();
    for &index in path {
        node = node.children().item(index)?;
    }
    Some(node)
}

/// Moves the prerendered page's photos that the feed gave no width and
/// height into the same places of the new page. Such a photo's box is its
/// loaded size, or its alternative text when it failed; a new element
/// would start again from nothing and push the text below it down.
fn keep_sizeless_photos(old: &web_sys::Element, live: &web_sys::Element) {
    let (Ok(old_photos), Ok(new_photos)) = (old.query_selector_all("img"), live.query_selector_all("img")) else {
        return;
    };
    // The same page, drawn twice: its photos stand in the same order.
    if old_photos.length() != new_photos.length() {
        return;
    }
    for i in 0..new_photos.length() {
        let (Some(was), Some(new)) = (old_photos.item(i), new_photos.item(i)) else {
            continue;
        };
        let (Ok(was), Ok(new)) = (was.dyn_into::<web_sys::Element>(), new.dyn_into::<web_sys::Element>()) else {
            continue;
        };
        let sized = new.has_attribute("width") && new.has_attribute("height");
        let settled = |img: &web_sys::Element| img.dyn_ref::<web_sys::HtmlImageElement>().is_some_and(|i| i.complete());
        // Only where the new one is still loading and the old one is not:
        // a photo moved is laid out anew, so one already settled stays.
        if !sized && !settled(&new) && settled(&was) && was.get_attribute("src") == new.get_attribute("src") {
            let _ = new.replace_with_with_node_1(&was);
        }
    }
}

/// Moves the prerendered page's audio and video players into the same
/// places of the new page: one the reader started keeps playing, and the
/// browser's own controls, laid out once already, do not lay themselves out
/// again in view (their timeline narrows as they settle: a layout shift).
fn keep_players(old: &web_sys::Element, live: &web_sys::Element) {
    let (Ok(old_players), Ok(new_players)) = (
        old.query_selector_all("audio, video"),
        live.query_selector_all("audio, video"),
    ) else {
        return;
    };
    if old_players.length() != new_players.length() {
        return;
    }
    let source = |player: &web_sys::Element| {
        player
            .query_selector("source")
            .ok()
            .flatten()
            .and_then(|s| s.get_attribute("src"))
    };
    for i in 0..new_players.length() {
        let (Some(was), Some(new)) = (old_players.item(i), new_players.item(i)) else {
            continue;
        };
        let (Ok(was), Ok(new)) = (was.dyn_into::<web_sys::Element>(), new.dyn_into::<web_sys::Element>()) else {
            continue;
        };
        if was.tag_name() == new.tag_name() && source(&was) == source(&new) {
            let _ = new.replace_with_with_node_1(&was);
        }
    }
}

/// Puts what the reader typed into the new page's box, and tells the app
/// as typing would (an `input` event that bubbles to Leptos's listener).
fn carry_typed_text(element: &web_sys::Element, typed: &str) {
    let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() else {
        return;
    };
    if input.value() == typed {
        return;
    }
    input.set_value(typed);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = input.dispatch_event(&event);
    }
}

/// The child indices that lead from `root` to `target`.
fn child_path(root: &web_sys::Element, target: &web_sys::Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut node = target.clone();
    while &node != root {
        let parent = node.parent_element()?;
        let siblings = parent.children();
        let index = (0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&node))?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_match_with_or_without_slash_and_only_with_the_same_query() {
        assert!(same_page("/news/articles/a/", "/news/articles/a/"));
        assert!(same_page("/news/articles/a/", "/news/articles/a"));
        assert!(same_page("/", "/"));
        assert!(!same_page("/", "/articles/new/"));
        assert!(!same_page("/topics/art/", "/topics/art/?page=2"));
        assert!(same_page("/topics/art/?page=2", "/topics/art?page=2"));
    }

    #[test]
    fn a_shell_for_any_query_stands_for_its_path_only() {
        assert!(same_page("/news/search/?*", "/news/search/?q=moon"));
        assert!(same_page("/news/search/?*", "/news/search"));
        assert!(!same_page("/news/search/?*", "/news/"));
        assert!(!same_page("/news/search/?*", "/news/search/more"));
    }
}
