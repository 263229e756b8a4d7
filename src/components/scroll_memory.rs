use leptos::prelude::*;

/// Puts the reader back where they were when they go Back or Forward.
///
/// Browsers restore the scroll position of a history entry at once, before
/// a client-side app has drawn the page it belongs to, so they land in the
/// wrong place. Gazette remembers each address's position itself and
/// restores it once the page for that address is drawn (pages already read
/// are drawn from the store, without waiting for the network). Link
/// navigation starts at the top, as the router does.
#[component]
pub fn ScrollMemory() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    remember_positions();
}

/// A position waiting to be restored after Back or Forward.
#[cfg(target_arch = "wasm32")]
#[derive(Clone, PartialEq)]
struct Restoring {
    /// Which popstate this is, so a newer one stops an older restore.
    generation: u64,
    /// The route (as the router writes it) whose page must be drawn first.
    route: String,
    target: f64,
    started_ms: f64,
    /// Frames in a row the page has stayed at the target.
    steady_frames: u32,
}

/// Long enough for a page fetched over a slow network; a reader who
/// scrolls before then is not fought with afterwards.
#[cfg(target_arch = "wasm32")]
const GIVE_UP_AFTER_MS: f64 = 3000.0;
#[cfg(target_arch = "wasm32")]
const STEADY_FRAMES: u32 = 3;

#[cfg(target_arch = "wasm32")]
fn remember_positions() {
    use crate::newsroom::use_newsroom;
    use leptos::ev;
    use std::collections::HashMap;

    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let newsroom = use_newsroom();
    let location = leptos_router::hooks::use_location();
    // The router's address changes when a navigation starts, the browser's
    // only once the new page is in place.
    let route = move || {
        format!(
            "{}{}",
            location.pathname.get_untracked(),
            location.search.get_untracked()
        )
    };
    let positions = StoredValue::new_local(HashMap::<String, f64>::new());
    // While a position is being restored, the scroll events of the page
    // being swapped (which can briefly be short) must not overwrite what
    // was remembered.
    let restoring = StoredValue::new_local(None::<Restoring>);
    let generations = StoredValue::new_local(0u64);
    // The route whose page is on screen: the router swaps pages a few
    // frames after popstate, later still on a slow machine, and scrolling
    // the outgoing page achieves nothing.
    let drawn_route = StoredValue::new_local(route());
    Effect::new(move |_| {
        newsroom.pages_drawn();
        drawn_route.set_value(route());
    });

    let on_scroll = window_event_listener(ev::scroll, move |_| {
        if restoring.with_value(Option::is_none) {
            let y = window().scroll_y().unwrap_or(0.0);
            positions.update_value(|p| {
                p.insert(current_address(), y);
            });
        }
    });
    let on_popstate = window_event_listener(ev::popstate, move |_| {
        let target = positions
            .with_value(|p| p.get(&current_address()).copied())
            .unwrap_or(0.0);
        generations.update_value(|g| *g += 1);
        let pending = Restoring {
            generation: generations.get_value(),
            route: route(),
            target,
            started_ms: now_ms(),
            steady_frames: 0,
        };
        restoring.set_value(Some(pending));
        restore_on_next_frame(restoring, drawn_route);
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_popstate.remove();
    });
}

#[cfg(target_arch = "wasm32")]
fn current_address() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// Scrolls to the target once the page is drawn, and again on the coming
/// frames until it stays there (photos and late sections can still move
/// the layout), or until the page cannot scroll that far.
#[cfg(target_arch = "wasm32")]
fn restore_on_next_frame(
    restoring: StoredValue<Option<Restoring>, LocalStorage>,
    drawn_route: StoredValue<String, LocalStorage>,
) {
    let Some(pending) = restoring.get_value() else {
        return;
    };
    request_animation_frame(move || {
        // A newer Back or Forward took over.
        if restoring.with_value(|r| r.as_ref().map(|r| r.generation)) != Some(pending.generation) {
            return;
        }
        if now_ms() - pending.started_ms > GIVE_UP_AFTER_MS {
            restoring.set_value(None);
            return;
        }
        if drawn_route.with_value(|r| *r != pending.route) {
            restore_on_next_frame(restoring, drawn_route);
            return;
        }
        let window = window();
        let at = window.scroll_y().unwrap_or(0.0);
        let furthest = document()
            .document_element()
            .map(|root| f64::from(root.scroll_height()))
            .unwrap_or_default()
            - window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or_default();
        let reachable = pending.target.min(furthest.max(0.0));
        let steady_frames = if (at - reachable).abs() > 1.0 {
            window.scroll_to_with_x_and_y(0.0, pending.target);
            0
        } else {
            pending.steady_frames + 1
        };
        if steady_frames >= STEADY_FRAMES {
            restoring.set_value(None);
        } else {
            restoring.set_value(Some(Restoring {
                steady_frames,
                ..pending
            }));
            restore_on_next_frame(restoring, drawn_route);
        }
    });
}
