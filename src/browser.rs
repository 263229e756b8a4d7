//! The app's bindings to the browser, and the one place where the browser
//! build and the native one (the prerenderer, the tools, native tests)
//! differ.
//!
//! Everything else compiles and reads the same for both: web-sys builds
//! natively, and the code that touches the page runs in effects, event
//! handlers and animation frames, which rendering to HTML never runs. What
//! does differ is decided here, by one `cfg`: which HTML parser reads the
//! stories, and [`IN_BROWSER`] for the few components that set up browser
//! listeners as they are created.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::feed::html::{is_read_attribute, HtmlNode, HtmlParser, MAX_TREE_DEPTH};
use crate::loading::LoadError;

/// Whether this build runs in a browser (a constant, so the other branch is
/// not in the wasm at all).
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// The parser stories are read with: the browser's own `DOMParser` in the
/// browser, html5ever natively (which implements the same algorithm and
/// hands over the same tree: a browser test compares the two on real
/// feeds, block for block). The wasm carries no parser of its own.
#[cfg(target_arch = "wasm32")]
pub type PlatformParser = DomParser;
#[cfg(not(target_arch = "wasm32"))]
pub type PlatformParser = crate::feed::html5::Html5ever;

/// The browser's `DOMParser` with `text/html`: it builds a document that is
/// never attached, with scripting off, so nothing runs and nothing loads;
/// its body's nodes are copied into plain `HtmlNode`s and dropped.
#[derive(Debug, Clone, Copy, Default)]
pub struct DomParser;

impl HtmlParser for DomParser {
    fn parse(&self, html: &str) -> Vec<HtmlNode> {
        let Ok(parser) = web_sys::DomParser::new() else {
            return Vec::new();
        };
        let Ok(document) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else {
            return Vec::new();
        };
        match document.body() {
            Some(body) => children_of(&body, 0),
            None => Vec::new(),
        }
    }
}

/// The kinds of node are told apart with `instanceof`, which markup cannot
/// shadow, and a form is never looked into: its controls' names shadow its
/// own properties (`<input name=attributes>`), and the allowlist drops its
/// content anyway.
fn children_of(node: &web_sys::Node, depth: usize) -> Vec<HtmlNode> {
    let children = node.child_nodes();
    let mut out = Vec::with_capacity(children.length() as usize);
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        if child.has_type::<web_sys::Text>() {
            if let Some(text) = child.text_content() {
                out.push(HtmlNode::Text(text));
            }
            continue;
        }
        if child.has_type::<web_sys::HtmlFormElement>() {
            out.push(HtmlNode::element("form", &[], Vec::new()));
            continue;
        }
        let Ok(element) = child.dyn_into::<web_sys::Element>() else {
            continue;
        };
        if depth >= MAX_TREE_DEPTH {
            out.push(HtmlNode::Text(element.text_content().unwrap_or_default()));
            continue;
        }
        let attrs = element.attributes();
        let attributes = (0..attrs.length())
            .filter_map(|j| attrs.item(j))
            .map(|a| (a.local_name().to_ascii_lowercase(), a.value()))
            .filter(|(k, _)| is_read_attribute(k))
            .collect();
        out.push(HtmlNode::Element {
            name: element.local_name().to_ascii_lowercase(),
            attributes,
            children: children_of(&element, depth + 1),
        });
    }
    out
}

/// A fetched document.
pub struct Fetched {
    pub status: u16,
    pub body: Vec<u8>,
    /// When the site's service worker answered offline with the copy it
    /// kept: the time it kept it (RFC 3339, the reader's zone).
    pub offline_copy_of: Option<String>,
}

/// The header the service worker (`cli/src/service_worker.js`) marks an
/// offline answer with.
#[cfg(target_arch = "wasm32")]
const OFFLINE_COPY_HEADER: &str = "x-gazette-offline";

/// Fetches a document: its status and its bytes. In the browser, over the
/// network; natively (the prerenderer), from the folder being published, so
/// that a page is rendered from the very files the browser will read for it.
pub async fn fetch_document(url: &str) -> Result<Fetched, LoadError> {
    #[cfg(target_arch = "wasm32")]
    return fetch_over_network(url).await;
    #[cfg(not(target_arch = "wasm32"))]
    return published::read(url);
}

/// Natively, the published folder stands for the site: the prerenderer says
/// how an address maps to a file ([`published::serve`]) on the thread that
/// renders, and a page's requests read that file.
#[cfg(not(target_arch = "wasm32"))]
pub mod published {
    use std::cell::RefCell;
    use std::sync::Arc;

    use super::Fetched;
    use crate::loading::{LoadError, LoadErrorKind};

    /// The bytes at an address, or `None` where the site has no such file.
    pub type Files = Arc<dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync>;

    thread_local! {
        static FILES: RefCell<Option<Files>> = const { RefCell::new(None) };
    }

    /// Runs `render` with `files` answering this thread's requests.
    pub fn serve<T>(files: &Files, render: impl FnOnce() -> T) -> T {
        FILES.with(|f| *f.borrow_mut() = Some(files.clone()));
        let result = render();
        FILES.with(|f| *f.borrow_mut() = None);
        result
    }

    /// A missing file answers 404, as a host would; with no folder to read
    /// (a component test), nothing answers, as when offline.
    pub(super) fn read(url: &str) -> Result<Fetched, LoadError> {
        let files = FILES.with(|f| f.borrow().clone()).ok_or_else(|| LoadError {
            url: url.to_owned(),
            kind: LoadErrorKind::Network,
        })?;
        Ok(match files(url) {
            Some(body) => Fetched {
                status: 200,
                body,
                offline_copy_of: None,
            },
            None => Fetched {
                status: 404,
                body: Vec::new(),
                offline_copy_of: None,
            },
        })
    }
}

/// Conditional requests let the host answer 304 from the browser's cache
/// when it has not changed. The request is abandoned after
/// [`crate::loading::TIMEOUT_SECONDS`], and as soon as what asked for it goes away (the
/// reader left the page that needed it).
#[cfg(target_arch = "wasm32")]
async fn fetch_over_network(url: &str) -> Result<Fetched, LoadError> {
    use crate::loading::{LoadErrorKind, TIMEOUT_SECONDS};
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    let fail = |kind| LoadError {
        url: url.to_owned(),
        kind,
    };
    let controller = web_sys::AbortController::new().map_err(|_| fail(LoadErrorKind::Network))?;
    let left = send_wrapper::SendWrapper::new(controller.clone());
    on_cleanup(move || left.abort());
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            Duration::from_secs(TIMEOUT_SECONDS as u64),
        )
        .ok()
    };
    let signal = controller.signal();
    let result = async {
        let response = gloo_net::http::Request::get(url)
            .cache(web_sys::RequestCache::NoCache)
            .abort_signal(Some(&signal))
            .send()
            .await?;
        let status = response.status();
        let offline_copy_of = response.headers().get(OFFLINE_COPY_HEADER);
        let body = response.binary().await?;
        Ok::<_, gloo_net::Error>(Fetched {
            status,
            body,
            offline_copy_of,
        })
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    match result {
        Ok(response) => Ok(response),
        Err(_) if timed_out.get() => Err(fail(LoadErrorKind::Timeout)),
        Err(_) => Err(fail(LoadErrorKind::Network)),
    }
}

/// Pagefind's own script, loaded on demand from the archive's index folder.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
let engine = null;
function load(folder) {
  engine ??= import(new URL(folder + 'pagefind.js', document.baseURI).href).then(async (pagefind) => {
    await pagefind.options({ basePath: folder, excerptLength: 0 });
    await pagefind.init();
    // The topic counts need the filter index loaded.
    await pagefind.filters();
    return pagefind;
  });
  engine.catch(() => { engine = null; });
  return engine;
}
export function pagefind_preload(folder) {
  load(folder).catch(() => {});
}
export async function pagefind_search(folder, query, topic, limit) {
  const pagefind = await load(folder);
  const search = await pagefind.search(query, topic ? { filters: { topic } } : {});
  const shown = search.results.slice(0, limit);
  const data = await Promise.all(shown.map((result) => result.data()));
  // Pagefind ranks by relevance; equally relevant stories go newest first.
  const hits = data.map((story, i) => ({ score: shown[i].score, date: Date.parse(story.meta.date) || 0, meta: story.meta, content: story.content }));
  hits.sort((a, b) => b.score - a.score || b.date - a.date);
  return JSON.stringify({
    total: search.results.length,
    topics: search.totalFilters?.topic ?? {},
    hits: hits.map(({ meta, content }) => ({ meta, content })),
  });
}
"#)]
extern "C" {
    /// Starts loading the engine so the first query does not wait for it.
    pub fn pagefind_preload(folder: &str);
    #[wasm_bindgen(catch)]
    async fn pagefind_search(
        folder: &str,
        query: &str,
        topic: &str,
        limit: u32,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// What Pagefind found in the index in `folder`, as JSON text (see
/// `pagefind::read_results`).
pub async fn pagefind_results(folder: &str, query: &str, topic: &str, limit: u32) -> Result<String, String> {
    let found = pagefind_search(folder, query, topic, limit)
        .await
        .map_err(|e| format!("{e:?}"))?;
    found
        .as_string()
        .ok_or_else(|| "the search index answered with no text".to_owned())
}

/// The `lang` the page was served with (a prerendered page's is the feed's
/// language), before the app sets any: None natively and when it has none.
pub fn served_language() -> Option<String> {
    if !IN_BROWSER {
        return None;
    }
    document()
        .document_element()?
        .get_attribute("lang")
        .filter(|lang| !lang.trim().is_empty())
}

/// Whether the browser fires `scrollend` (Chromium and Firefox do; WebKit,
/// Safari's engine, does not): where it does not, a scroll that has been
/// still for a moment has ended. Natively, as if it did.
pub fn fires_scrollend() -> bool {
    !IN_BROWSER || js_sys::Reflect::has(&window(), &"onscrollend".into()).unwrap_or(true)
}

/// `<html data-gazette="live">`: the app is in charge of the page.
pub fn mark_document_live() {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-gazette", "live");
    }
}

/// How a link was shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The browser's own share sheet took it (or the reader closed it).
    Natively,
    /// Copied to the clipboard, where the browser has no share sheet.
    Copied,
    Failed,
}

/// Shares `url` (this page's, or one of its photos') with the Web Share
/// API where the browser has it, else copies it: no third party involved.
pub async fn share_link(title: &str, url: &str) -> Shared {
    let navigator = window().navigator();
    let has_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
    if has_share {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(url);
        // A reader who closes the sheet has not failed to share.
        let _ = wasm_bindgen_futures::JsFuture::from(navigator.share_with_data(&data)).await;
        return Shared::Natively;
    }
    let copied = wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(url)).await;
    if copied.is_ok() {
        Shared::Copied
    } else {
        Shared::Failed
    }
}

/// Now, in seconds since 1970: the reader's clock in the browser, the
/// build machine's when prerendering.
pub fn now_unix_seconds() -> i64 {
    if IN_BROWSER {
        (js_sys::Date::now() / 1000.0) as i64
    } else {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

/// How long the app works in one task while it takes over a prerendered
/// page before it gives the browser a turn (input, paint): four
/// milliseconds here are sixteen on a phone four times slower, which leaves
/// room under the fifty that make a task long for the piece of work under
/// way when the time ran out (code run for the first time is compiled as
/// it runs, so the first of anything takes longest).
pub const SLICE_MS: f64 = 4.0;

thread_local! {
    /// When the current slice of work began (`performance.now()`).
    static SLICE_START: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NEG_INFINITY) };
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// A task the browser began (a response arrived, the app started) is a
/// slice of its own from here.
pub fn begin_slice() {
    if IN_BROWSER {
        SLICE_START.with(|start| start.set(now_ms()));
    }
}

/// Whether the current slice has had its time. Never outside the browser,
/// where pages are rendered to HTML in one go; always in a task that did not
/// [`begin_slice`], as its start is not known.
pub fn slice_spent() -> bool {
    IN_BROWSER && now_ms() - SLICE_START.with(std::cell::Cell::get) > SLICE_MS
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
function message() {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => resolve();
    port2.postMessage(0);
  });
}
export function next_task() {
  // scheduler.yield resumes ahead of other tasks (Chromium); elsewhere a
  // message, which no timer clamps.
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return message();
}
let turns = Promise.resolve();
export function after_next_frame() {
  // In turn: each waits for the frame after the one before it has run.
  turns = turns.then(() => new Promise((resolve) => requestAnimationFrame(() => message().then(resolve))));
  return turns;
}
"#)]
extern "C" {
    fn next_task() -> js_sys::Promise;
    fn after_next_frame() -> js_sys::Promise;
}

/// Lets the browser run what waits (a reader's tap, a frame) and resumes in
/// a task, and a slice, of its own.
pub async fn yield_to_browser() {
    if IN_BROWSER {
        let _ = wasm_bindgen_futures::JsFuture::from(next_task()).await;
        begin_slice();
    }
}

/// Lets the browser render a frame first, then resumes in a task, and a
/// slice, of its own; several waiting resume one frame apart, in the order
/// they began to wait. What was added to the document since the last frame
/// is styled and laid out in that frame, so a piece drawn after each frame
/// keeps each frame's share small (Chromium runs `scheduler.yield`'s
/// continuations ahead of rendering, and renders only every 100 ms or so
/// under them: 400 new boxes laid out at once, 25 to 40 ms at 4x).
pub async fn yield_to_next_frame() {
    if IN_BROWSER {
        let _ = wasm_bindgen_futures::JsFuture::from(after_next_frame()).await;
        begin_slice();
    }
}

/// Yields to the browser if the current slice has had its time.
pub async fn yield_if_spent() {
    if slice_spent() {
        yield_to_browser().await;
    }
}

/// A mark on the page's performance timeline, for measurements.
pub fn mark_timeline(name: &str) {
    if !IN_BROWSER {
        return;
    }
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Starts an allowed player in place of its facade (`link`, inside the
/// embed's `<figure>`): an `<iframe>` of the provider's privacy-enhanced
/// player, which takes the reader's focus; the facade is hidden, not
/// removed, so the page the app drew keeps its own nodes.
pub fn start_player(link: &web_sys::Element, src: &str, title: &str) -> bool {
    let (Some(figure), Some(document)) = (link.parent_element(), link.owner_document()) else {
        return false;
    };
    let Ok(frame) = document.create_element("iframe") else {
        return false;
    };
    for (name, value) in [
        ("class", "embed-frame"),
        ("src", src),
        ("title", title),
        ("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture"),
        ("allowfullscreen", ""),
        ("referrerpolicy", "strict-origin-when-cross-origin"),
    ] {
        let _ = frame.set_attribute(name, value);
    }
    let _ = figure.class_list().add_1("playing");
    if figure.append_child(&frame).is_err() {
        return false;
    }
    if let Some(frame) = frame.dyn_ref::<web_sys::HtmlElement>() {
        let _ = frame.focus();
    }
    true
}
