use leptos::html;
use leptos::prelude::*;

use crate::catalog::{fill, Catalog};
use crate::components::ShareButton;
use crate::feed::Image;
use crate::gallery::{self, ViewerAction};
use std::time::Duration;

/// Where the browser has no `scrollend`, how long the strip must be still
/// to have settled: longer than the gap between a swipe's scroll events
/// (a frame), shorter than a reader waits to see the position change.
const SCROLL_SETTLES_AFTER_MS: u64 = 150;

/// The photo viewer of one article. Figures and the photo grid open it
/// through this handle (found in context); the [`Lightbox`] draws it.
///
/// The URL is its state: each open photo has its own address (`#photo-3`),
/// opening one adds a single history entry, moving between photos replaces
/// it, and Back closes the viewer.
#[derive(Clone, Copy)]
pub struct PhotoViewer {
    index: RwSignal<Option<usize>>,
    count: usize,
    /// Whether opening added a history entry, which closing then takes back.
    pushed: StoredValue<bool>,
    /// The element that opened the viewer, to get focus back on close.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    /// Whether the viewer is wanted on this page: its code is then loaded
    /// and its (closed) dialog drawn ([`ViewerOnDemand`]).
    wanted: RwSignal<bool>,
}

impl PhotoViewer {
    pub fn new(count: usize) -> PhotoViewer {
        PhotoViewer {
            index: RwSignal::new(None),
            count,
            pushed: StoredValue::new(false),
            opener: StoredValue::new_local(None),
            wanted: RwSignal::new(false),
        }
    }

    /// The reader is reaching for a photo: have the viewer ready.
    pub fn want(&self) {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
    }

    pub fn index(&self) -> Option<usize> {
        self.index.get()
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// Opens photo `index` from a click: one new history entry.
    pub fn open(&self, index: usize) {
        self.want();
        self.opener.set_value(active_element());
        let Some(index) = gallery::apply(None, self.count, ViewerAction::Open(index)) else {
            return;
        };
        set_fragment(&gallery::fragment(index), true);
        self.pushed.set_value(true);
        self.index.set(Some(index));
    }

    /// Applies a move or a close.
    pub fn act(&self, action: ViewerAction) {
        let current = self.index.get_untracked();
        let next = gallery::apply(current, self.count, action);
        match next {
            Some(index) if Some(index) != current => {
                set_fragment(&gallery::fragment(index), false);
                self.index.set(Some(index));
            }
            Some(_) => {}
            None if current.is_some() => self.close(),
            None => {}
        }
    }

    fn close(&self) {
        if self.pushed.get_value() {
            // Back removes the entry opening added; the popstate listener then closes.
            self.pushed.set_value(false);
            if let Ok(history) = window().history() {
                let _ = history.back();
                return;
            }
        }
        set_fragment("", false);
        self.index.set(None);
    }

    /// The viewer's code did not arrive (the network failed): an open the
    /// reader asked for is taken back, and the next reach asks again.
    fn code_missing(&self) {
        if self.index.get_untracked().is_some() {
            self.close();
        }
        self.wanted.set(false);
    }

    /// The photo the address names (`#photo-3`), if any.
    fn named_in_address(&self) -> Option<usize> {
        gallery::index_from_fragment(&window().location().hash().unwrap_or_default(), self.count)
    }

    /// Follows the address: a fresh page at `#photo-3`, or Back and Forward.
    fn follow_location(&self) {
        let index = self.named_in_address();
        if index.is_none() {
            self.pushed.set_value(false);
        }
        self.index.set(index);
    }
}

fn active_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Sets the URL's fragment without navigating: pushed as a new entry, or
/// replacing the current one.
fn set_fragment(fragment: &str, push: bool) {
    let location = window().location();
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = format!("{path}{fragment}");
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = if push {
            history.push_state_with_url(&state, "", Some(&url))
        } else {
            history.replace_state_with_url(&state, "", Some(&url))
        };
    }
}

/// Draws the viewer's dialog; what the chunk below hands over.
type DrawViewer = fn(Vec<Image>, String) -> AnyView;

fn draw_viewer(photos: Vec<Image>, title: String) -> AnyView {
    view! { <Lightbox photos title /> }.into_any()
}

crate::split::split_point! {
    /// The viewer's code, a chunk of its own: once it has arrived, the
    /// dialog is drawn like any other part of the page, effects and all.
    fn viewer_code() -> DrawViewer {
        draw_viewer
    }
}

/// An article's photo viewer, drawn once a reader reaches for a photo (a
/// pointer or a finger on one, focus, a click) or the address names one (a
/// shared link, Back or Forward to one): only then is its code loaded, and
/// its dialog, closed until a photo is opened, put in the page.
#[component]
pub fn ViewerOnDemand(photos: Vec<Image>, title: String) -> impl IntoView {
    let viewer = expect_context::<PhotoViewer>();
    let want_if_named = move || {
        if viewer.named_in_address().is_some() {
            viewer.want();
        }
    };
    Effect::new(move |_| want_if_named());
    let on_popstate = window_event_listener(leptos::ev::popstate, move |_| want_if_named());
    on_cleanup(move || on_popstate.remove());
    let draw = RwSignal::new(None::<DrawViewer>);
    let fetching = StoredValue::new(false);
    Effect::new(move |_| {
        if !viewer.wanted.get() || fetching.get_value() || draw.with_untracked(Option::is_some) {
            return;
        }
        fetching.set_value(true);
        leptos::task::spawn_local(async move {
            let code = viewer_code().await;
            // The story may be gone by the time the code is in.
            if fetching.try_set_value(false).is_some() {
                return;
            }
            match code {
                Ok(code) => {
                    let _ = draw.try_set(Some(code));
                }
                Err(_) => viewer.code_missing(),
            }
        });
    });
    move || draw.get().map(|draw| draw(photos.clone(), title.clone()))
}

/// Whether a slide's photo has arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrival {
    Waiting,
    Shown,
    Failed,
}

/// The viewer itself: a modal dialog with the photo large, its caption and
/// credit, the position, close / previous / next, and thumbnails on wide
/// screens. Photos sit side by side in a scroll-snapping strip, so a swipe
/// is the browser's own scrolling and pinch zoom is never blocked.
#[component]
pub fn Lightbox(photos: Vec<Image>, title: String) -> impl IntoView {
    let viewer = expect_context::<PhotoViewer>();
    let tr = crate::catalog::use_catalog();
    let rtl = tr.is_rtl();
    let count = photos.len();
    let dialog = NodeRef::<html::Dialog>::new();
    let track = NodeRef::<html::Div>::new();
    let close_button = NodeRef::<html::Button>::new();
    // The photo the strip is being scrolled to by the viewer itself. Until it
    // lands there, a `scrollend` is a step of that scroll (or a stale event
    // from one it replaced), not the reader choosing a photo.
    let scrolling_to = StoredValue::new(None::<usize>);

    // The address may already name a photo (a shared link), and Back and
    // Forward change it.
    Effect::new(move |_| viewer.follow_location());
    let on_popstate = window_event_listener(leptos::ev::popstate, move |_| viewer.follow_location());
    on_cleanup(move || on_popstate.remove());

    // Open, move and close the dialog as the state says, once the app's page
    // is the one on screen.
    let shell = crate::page_shell::use_page_shell();
    Effect::new(move |previous: Option<Option<usize>>| {
        let index = viewer.index.get();
        if !shell.is_live() {
            return None;
        }
        let (Some(dialog), Some(track)) = (dialog.get(), track.get()) else {
            return index;
        };
        match index {
            Some(i) => {
                let was_open = dialog.open();
                if !was_open {
                    let _ = dialog.show_modal();
                    if let Some(button) = close_button.get() {
                        let _ = button.focus();
                    }
                }
                let left = strip_offset(&track, i, rtl);
                if (f64::from(track.scroll_left()) - left).abs() > 1.0 {
                    scrolling_to.set_value(Some(i));
                    scroll_strip_to(&track, i, rtl, was_open && previous.flatten().is_some());
                } else if scrolling_to.get_value().is_some_and(|target| target != i) {
                    // Back where it started before an earlier move arrived: stop that move.
                    scroll_strip_to(&track, i, rtl, false);
                    scrolling_to.set_value(None);
                }
            }
            None => {
                scrolling_to.set_value(None);
                if dialog.open() {
                    dialog.close();
                }
                // Focus goes back to the photo that opened the viewer.
                if previous.flatten().is_some() {
                    if let Some(opener) = viewer.opener.get_value() {
                        let _ = opener.focus();
                    }
                }
            }
        }
        index
    });

    // A swipe (or any scroll) that settles on another photo moves there.
    let settled = move || {
        let Some(track) = track.get() else { return };
        let width = track.client_width().max(1) as f64;
        // Right to left, the strip scrolls into negative offsets.
        let landed = (f64::from(track.scroll_left()).abs() / width).round() as usize;
        if viewer.index.get_untracked().is_none() {
            return;
        }
        match scrolling_to.get_value() {
            Some(target) if target == landed => scrolling_to.set_value(None),
            // Short of the target: finish the move the reader asked for, so the
            // strip and the position never disagree.
            Some(target) => scroll_strip_to(&track, target, rtl, true),
            None => viewer.act(ViewerAction::Open(landed)),
        }
    };
    let fires_scrollend = crate::browser::fires_scrollend();
    let on_scroll_end = move |_| {
        if fires_scrollend {
            settled();
        }
    };
    // WebKit (Safari) has no `scrollend`: there, the strip has settled once
    // it has not moved for a moment (a swipe's momentum scrolls on between
    // its events, which come every frame), no finger is on it (one held
    // still mid-swipe has not let go) and it rests on a photo: it snaps to
    // one, so a strip still between two has only paused (a slow device's
    // frame), and its next scroll asks again.
    let still_since = StoredValue::new(None::<TimeoutHandle>);
    let finger_down = StoredValue::new(false);
    let settle_when_still = move || {
        if fires_scrollend {
            return;
        }
        if let Some(waiting) = still_since.get_value() {
            waiting.clear();
        }
        let settle = move || {
            let on_a_photo = track.get_untracked().is_some_and(|track| rests_on_a_photo(&track));
            if on_a_photo && !finger_down.get_value() {
                settled();
            }
        };
        still_since.set_value(set_timeout_with_handle(settle, Duration::from_millis(SCROLL_SETTLES_AFTER_MS)).ok());
    };
    let on_touch_start = move |_| finger_down.set_value(true);
    let on_touch_end = move |_| {
        finger_down.set_value(false);
        settle_when_still();
    };
    // A finger or a mouse on the strip takes over from the viewer's own scroll.
    // (A wheel turned during that scroll is overruled: the last photo asked for wins.)
    let on_track_pointerdown = move |_| scrolling_to.set_value(None);

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Tab" {
            trap_focus(&ev);
            return;
        }
        if let Some(action) = ViewerAction::from_key(&ev.key(), rtl) {
            ev.prevent_default();
            viewer.act(action);
        }
    };

    let index = move || viewer.index.get().unwrap_or(0);
    // Photos load only once the viewer is open: the one shown and its neighbours at once.
    let near = move |i: usize| viewer.index.get().is_some_and(|shown| shown.abs_diff(i) <= 1);
    let current = move || photos_for_text(tr, viewer, count);
    let slides = photos
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, photo)| {
            view! {
                <Slide
                    photo
                    index=i
                    count
                    near=move || near(i)
                    shown=move || viewer.index.get() == Some(i)
                    title=title.clone()
                />
            }
        })
        .collect_view();
    let thumbs = photos
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, photo)| {
            let src = photo.variants.first().map_or(photo.url.clone(), |v| v.url.clone());
            // The photo's own proportions, 64 pixels high; the style sheet crops it to the strip.
            let thumb_width = match (photo.width, photo.height) {
                (Some(w), Some(h)) if h > 0 => (64 * w / h).max(1),
                _ => 96,
            };
            let (n, of) = (tr.number(i as u64 + 1), tr.number(count as u64));
            let label = match &photo.caption {
                Some(caption) => fill(
                    tr.viewer_thumb_caption(),
                    &[("n", &n), ("count", &of), ("caption", caption)],
                ),
                None => fill(tr.viewer_thumb(), &[("n", &n), ("count", &of)]),
            };
            view! {
                <li>
                    <button
                        type="button"
                        class="viewer-thumb"
                        aria-label=label
                        aria-current=move || (viewer.index.get() == Some(i)).then_some("true")
                        on:click=move |_| viewer.act(ViewerAction::Open(i))
                    >
                        <img src=src alt="" width=thumb_width height="64" loading="lazy" decoding="async" />
                    </button>
                </li>
            }
        })
        .collect_view();

    view! {
        <dialog
            node_ref=dialog
            class="viewer"
            role="dialog"
            aria-modal="true"
            aria-labelledby="viewer-title"
            closedby="none"
            on:keydown=on_keydown
            on:close=move |_| {
                if viewer.index.get_untracked().is_some() {
                    viewer.act(ViewerAction::Close);
                }
            }
        >
            <h2 id="viewer-title" class="visually-hidden">{fill(tr.viewer_title(), &[("title", &title)])}</h2>
            <div class="viewer-bar">
                <p class="viewer-position" aria-live="polite" aria-atomic="true">{current}</p>
                <button node_ref=close_button type="button" class="viewer-button viewer-close" title=tr.close_hint() on:click=move |_| viewer.act(ViewerAction::Close)>
                    {tr.close()}
                </button>
            </div>
            // Focusable, so that the strip can be scrolled without a pointer too.
            <div
                node_ref=track
                class="viewer-track"
                role="group"
                aria-label=tr.photos_strip()
                tabindex="0"
                on:scrollend=on_scroll_end
                on:scroll=move |_| settle_when_still()
                on:touchstart=on_touch_start
                on:touchend=on_touch_end
                on:touchcancel=on_touch_end
                on:pointerdown=on_track_pointerdown
            >
                {slides}
            </div>
            <div class="viewer-moves">
                <button
                    type="button"
                    class="viewer-button viewer-previous"
                    title=fill(tr.previous_photo(), &[("key", if rtl { "→" } else { "←" })])
                    // `aria-disabled`, not `disabled`: a button disabled while focused
                    // (Next, pressed on the last but one photo) would drop focus out of
                    // the dialog; this one keeps it, and a press there does nothing.
                    aria-disabled=move || (index() == 0).then_some("true")
                    on:click=move |_| viewer.act(ViewerAction::Previous)
                >
                    {tr.previous()}
                </button>
                <button
                    type="button"
                    class="viewer-button viewer-next"
                    title=fill(tr.next_photo(), &[("key", if rtl { "←" } else { "→" })])
                    aria-disabled=move || (index() + 1 >= count).then_some("true")
                    on:click=move |_| viewer.act(ViewerAction::Next)
                >
                    {tr.next()}
                </button>
            </div>
            <ul class="viewer-thumbs" aria-label=tr.all_photos()>{thumbs}</ul>
        </dialog>
    }
}

/// "Photo 2 / 5", for the position line and screen readers.
fn photos_for_text(tr: &Catalog, viewer: PhotoViewer, count: usize) -> String {
    match viewer.index.get() {
        Some(i) => fill(
            tr.viewer_position(),
            &[("n", &tr.number(i as u64 + 1)), ("count", &tr.number(count as u64))],
        ),
        None => String::new(),
    }
}

/// One photo of the strip: a spinner until it arrives, a placeholder with
/// its caption if it cannot.
#[component]
fn Slide(
    photo: Image,
    index: usize,
    count: usize,
    near: impl Fn() -> bool + Send + Sync + 'static,
    /// Whether this is the photo on screen: the others are `inert`, out of
    /// the Tab order and of what a screen reader reads, so Tab never scrolls
    /// the strip through every photo's Share button.
    shown: impl Fn() -> bool + Send + Sync + 'static,
    /// The story's headline, for sharing the photo.
    title: String,
) -> impl IntoView {
    let arrival = RwSignal::new(Arrival::Waiting);
    let tr = crate::catalog::use_catalog();
    let missing = tr.photo_missing();
    // One format in one srcset: two files of one width would void the list.
    let own: Vec<_> = photo.variants.iter().filter(|v| v.mime_type.is_none()).collect();
    let srcset = (!own.is_empty()).then(|| super::figure::srcset_of(&own));
    // The photo's own width caps its size: never upscaled past it.
    let sizes = photo
        .width
        .map_or_else(|| "100vw".to_owned(), |w| format!("min(100vw, {w}px)"));
    let caption = super::figure::caption_and_credit(&photo);
    let label = fill(
        tr.viewer_thumb(),
        &[("n", &tr.number(index as u64 + 1)), ("count", &tr.number(count as u64))],
    );
    view! {
        <figure class="viewer-slide" aria-label=label inert=move || !shown()>
            <div
                class="viewer-frame"
                class:waiting=move || arrival.get() == Arrival::Waiting
                class:failed=move || arrival.get() == Arrival::Failed
            >
                <img
                    src=photo.url.clone()
                    srcset=srcset
                    sizes=sizes
                    alt=photo.alt.clone()
                    width=photo.width
                    height=photo.height
                    // The photo on screen and its neighbours load at once; the rest when near.
                    loading=move || if near() { "eager" } else { "lazy" }
                    // Not `async`: the spinner gives way in the frame that paints the
                    // photo, never to an empty frame while it decodes.
                    on:load=move |_| arrival.set(Arrival::Shown)
                    on:error=move |_| arrival.set(Arrival::Failed)
                />
                <p class="viewer-missing" role="img" aria-label=missing>
                    {missing}
                </p>
            </div>
            <figcaption>
                {caption}
                <ShareButton
                    title
                    fragment=gallery::fragment(index)
                    label=fill(tr.share_photo(), &[("n", &tr.number(index as u64 + 1))])
                />
            </figcaption>
        </figure>
    }
}

/// Keeps Tab and Shift+Tab inside the dialog: from the last control to the
/// first, and back.
fn trap_focus(ev: &leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(dialog) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    let Ok(list) = dialog.query_selector_all("button:not([disabled]), [href], [tabindex]:not([tabindex='-1'])") else {
        return;
    };
    let focusable: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| e.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let active = document().active_element();
    let at = |e: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
    };
    if ev.shift_key() && (at(first) || !focusable.iter().any(at)) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (at(last) || !focusable.iter().any(at)) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Scrolls the strip to photo `index`: smoothly if asked and the reader has
/// not asked for less motion, else at once (which also stops a smooth scroll).
/// Where photo `index` starts in the strip: right to left, the strip starts
/// at the right and scrolls into negative offsets.
fn strip_offset(track: &web_sys::HtmlElement, index: usize, rtl: bool) -> f64 {
    let offset = f64::from(track.client_width()) * index as f64;
    if rtl {
        -offset
    } else {
        offset
    }
}

/// Whether the strip is at one photo's offset, not between two (within the
/// pixel a fractional layout may leave).
fn rests_on_a_photo(track: &web_sys::HtmlElement) -> bool {
    let width = f64::from(track.client_width().max(1));
    let offset = f64::from(track.scroll_left()).abs();
    (offset - (offset / width).round() * width).abs() <= 1.5
}

fn scroll_strip_to(track: &web_sys::HtmlElement, index: usize, rtl: bool, smooth: bool) {
    let options = web_sys::ScrollToOptions::new();
    options.set_left(strip_offset(track, index, rtl));
    options.set_behavior(if smooth && !prefers_reduced_motion() {
        web_sys::ScrollBehavior::Smooth
    } else {
        web_sys::ScrollBehavior::Instant
    });
    track.scroll_to_with_scroll_to_options(&options);
}

fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
