use leptos::prelude::*;

/// Puts the reader back where they were when they go Back or Forward.
///
/// Browsers restore the scroll position of a history entry at once, before
/// a client-side app has drawn the page it belongs to, so they land in the
/// wrong place. Gazette remembers each address's position itself and
/// restores it once the page is drawn (pages already read are drawn from
/// the store, without waiting for the network). Link navigation starts at
/// the top, as the router does.
#[component]
pub fn ScrollMemory() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    remember_positions();
}

#[cfg(target_arch = "wasm32")]
fn remember_positions() {
    use leptos::ev;
    use std::collections::HashMap;

    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let positions = StoredValue::new_local(HashMap::<String, f64>::new());
    // While a position is being restored, the scroll events the new page
    // causes must not overwrite what was remembered.
    let restoring = StoredValue::new_local(false);
    let address = || {
        let location = window().location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    };

    let on_scroll = window_event_listener(ev::scroll, move |_| {
        if !restoring.get_value() {
            let y = window().scroll_y().unwrap_or(0.0);
            positions.update_value(|p| {
                p.insert(address(), y);
            });
        }
    });
    let on_popstate = window_event_listener(ev::popstate, move |_| {
        let target = positions.with_value(|p| p.get(&address()).copied()).unwrap_or(0.0);
        restoring.set_value(true);
        restore(target, 0, restoring);
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_popstate.remove();
    });
}

/// Scrolls to `target` on the coming frames until the page stays there: the
/// router draws the page first, then it is laid out, and a page drawn from
/// the network may take a few frames more.
#[cfg(target_arch = "wasm32")]
fn restore(target: f64, frame: u32, restoring: StoredValue<bool, leptos::prelude::LocalStorage>) {
    request_animation_frame(move || {
        let window = window();
        let at = window.scroll_y().unwrap_or(0.0);
        if (at - target).abs() > 1.0 {
            window.scroll_to_with_x_and_y(0.0, target);
        }
        let settled = (at - target).abs() <= 1.0 && frame >= 2;
        if settled || frame >= 30 {
            restoring.set_value(false);
        } else {
            restore(target, frame + 1, restoring);
        }
    });
}
