use leptos::prelude::*;

/// Puts the reader back where they were when they go Back or Forward, or
/// reload the page.
///
/// Browsers restore the scroll position of a history entry at once, before
/// a client-side app has drawn the page it belongs to, so they land in the
/// wrong place. Gazette remembers each address's position itself and
/// restores it once the page for that address is drawn (pages already read
/// are drawn from the store, without waiting for the network). The
/// positions outlive the page in the tab's session storage, so a reload, or
/// Back from another site, returns to the same place too. Link navigation
/// starts at the top, as the router does.
#[component]
pub fn ScrollMemory() -> impl IntoView {
    // Rendered to HTML, there is no reader scrolling yet.
    if crate::browser::IN_BROWSER {
        remember_positions();
    }
}

/// Where positions are kept between pages of one tab.
const STORAGE_KEY: &str = "gazette:scroll";

/// A position waiting to be restored after Back or Forward.
#[derive(Clone, PartialEq)]
struct Restoring {
    /// Which restore this is, so a newer one stops an older one.
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
const GIVE_UP_AFTER_MS: f64 = 3000.0;
const STEADY_FRAMES: u32 = 3;

fn remember_positions() {
    use crate::page_shell::use_page_shell;
    use leptos::ev;

    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let shell = use_page_shell();
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
    let storage = window().session_storage().ok().flatten();
    let saved = storage
        .as_ref()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .unwrap_or_default();
    let positions = StoredValue::new_local(read_positions(&saved));
    // While a position is being restored, the scroll events of the page
    // being swapped (which can briefly be short) must not overwrite what
    // was remembered.
    let restoring = StoredValue::new_local(None::<Restoring>);
    let generations = StoredValue::new_local(0u64);
    // The route whose page is on screen: the router swaps pages a few
    // frames after popstate, later still on a slow machine, and scrolling
    // the outgoing page achieves nothing. A prerendered page is on screen
    // from the start; otherwise nothing is until the app draws it.
    let prerendered_on_screen = document()
        .query_selector("#app[data-prerendered] main > *")
        .ok()
        .flatten()
        .is_some();
    let drawn_route = StoredValue::new_local(if prerendered_on_screen { route() } else { String::new() });
    Effect::new(move |_| {
        if shell.pages_drawn() > 0 {
            drawn_route.set_value(route());
        }
    });

    let start_restoring = move |target: f64| {
        generations.update_value(|g| *g += 1);
        restoring.set_value(Some(Restoring {
            generation: generations.get_value(),
            route: route(),
            target,
            started_ms: now_ms(),
            steady_frames: 0,
        }));
        restore_on_next_frame(restoring, drawn_route);
    };
    let saved_position = move || {
        positions
            .with_value(|p| position_of(p, &current_address()))
            .map(f64::from)
    };
    if reloaded_or_returned() {
        if let Some(target) = saved_position() {
            start_restoring(target);
        }
    }

    let on_scroll = window_event_listener(ev::scroll, move |_| {
        if restoring.with_value(Option::is_none) {
            let y = window().scroll_y().unwrap_or(0.0);
            // Whole pixels: the cast saturates, so no value can fail.
            positions.update_value(|p| remember(p, current_address(), y.round() as u32));
        }
    });
    let on_popstate = window_event_listener(ev::popstate, move |_| {
        start_restoring(saved_position().unwrap_or(0.0));
    });
    // Written when the page goes (a reload, another site, a closed tab),
    // not at every scroll.
    let on_pagehide = window_event_listener(ev::pagehide, move |_| {
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, &positions.with_value(write_positions));
        }
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_popstate.remove();
        on_pagehide.remove();
    });
}

/// Whether this page load is a reload or a return through the history,
/// where the reader expects to be where they were.
fn reloaded_or_returned() -> bool {
    let Some(performance) = window().performance() else {
        return false;
    };
    let entry = performance.get_entries_by_type("navigation").get(0);
    let kind = js_sys::Reflect::get(&entry, &"type".into())
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    matches!(kind.as_str(), "reload" | "back_forward")
}

fn current_address() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// Scrolls to the target once the page is drawn, and again on the coming
/// frames until it stays there (photos and late sections can still move
/// the layout), or until the page cannot scroll that far.
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

/// The pure part, tested natively.
mod saved {
    /// Positions are written as lines of `y<TAB>address`, the newest last;
    /// only this many are kept.
    pub const KEPT_POSITIONS: usize = 200;

    /// Remembered positions in whole pixels, oldest first. Whole numbers
    /// because formatting and parsing floats would add ~20 KiB of wasm.
    pub type Positions = Vec<(String, u32)>;

    pub fn position_of(positions: &Positions, address: &str) -> Option<u32> {
        positions.iter().rev().find(|(a, _)| a == address).map(|(_, y)| *y)
    }

    /// Records `y` for `address` as the newest position, keeping the newest
    /// [`KEPT_POSITIONS`].
    pub fn remember(positions: &mut Positions, address: String, y: u32) {
        if let Some(i) = positions.iter().position(|(a, _)| *a == address) {
            positions.remove(i);
        }
        positions.push((address, y));
        if positions.len() > KEPT_POSITIONS {
            positions.remove(0);
        }
    }

    pub fn write_positions(positions: &Positions) -> String {
        positions
            .iter()
            .map(|(address, y)| format!("{y}\t{address}\n"))
            .collect()
    }

    /// Reads what [`write_positions`] wrote; lines it cannot read are skipped,
    /// since the storage is the reader's to edit.
    pub fn read_positions(text: &str) -> Positions {
        let mut positions = Positions::new();
        for line in text.lines() {
            let Some((y, address)) = line.split_once('\t') else {
                continue;
            };
            if let (Ok(y), false) = (y.parse::<u32>(), address.is_empty()) {
                remember(&mut positions, address.to_owned(), y);
            }
        }
        positions
    }
}

use saved::{position_of, read_positions, remember, write_positions};

#[cfg(test)]
mod tests {
    use super::saved::*;

    #[test]
    fn positions_survive_being_written_and_read() {
        let mut positions = Positions::new();
        remember(&mut positions, "/articles/a/".into(), 1200);
        remember(&mut positions, "/topics/art/?page=2".into(), 300);
        remember(&mut positions, "/articles/a/".into(), 900);
        let read = read_positions(&write_positions(&positions));
        assert_eq!(position_of(&read, "/articles/a/"), Some(900));
        assert_eq!(position_of(&read, "/topics/art/?page=2"), Some(300));
        assert_eq!(position_of(&read, "/"), None);
        assert_eq!(
            read.last().map(|(a, _)| a.as_str()),
            Some("/articles/a/"),
            "newest last"
        );
    }

    #[test]
    fn only_the_newest_positions_are_kept() {
        let mut positions = Positions::new();
        for i in 0..KEPT_POSITIONS + 5 {
            remember(&mut positions, format!("/articles/{i}/"), i as u32);
        }
        assert_eq!(positions.len(), KEPT_POSITIONS);
        assert_eq!(position_of(&positions, "/articles/0/"), None);
        assert_eq!(position_of(&positions, "/articles/204/"), Some(204));
    }

    #[test]
    fn unreadable_lines_are_skipped() {
        let read = read_positions("12\t/a/\nnot a line\n-5\t/b/\n1.5\t/c/\n40\t\n7\t/d/?q=x\ty\n");
        assert_eq!(read, vec![("/a/".to_owned(), 12), ("/d/?q=x\ty".to_owned(), 7)]);
    }
}
