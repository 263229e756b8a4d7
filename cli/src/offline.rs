//! Reading offline and installing the site: the service worker (`sw.js`),
//! the web app manifest with its icons, and the offline page, all written
//! by `gazette publish` so that `trunk build` alone still makes the site.
//!
//! The worker itself is hand-written JavaScript (`service_worker.js`); what
//! this module decides is what it precaches and which build it belongs to.

use std::path::Path;

use gazette::catalog::{direction_of, Catalog};
use gazette::feed::Site;
use gazette::paths::Paths;
use lol_html::element;
use lol_html::html_content::{ContentType, Element};
use serde::Serialize;

use crate::shell;
use crate::xml::xml_escape;

/// The worker's hand-written code; the settings are put before it.
const WORKER: &str = include_str!("service_worker.js");

/// What the worker keeps beyond the app, each oldest-first dropped past its
/// bound: the pages a reader opened, the feed documents they read, the
/// photos they saw, and for how long any copy counts.
pub const LIMITS: Limits = Limits {
    pages: 30,
    data: 40,
    photos: 60,
    days: 30,
};

/// How long the worker waits for the network before it answers from what it
/// kept: long enough for a slow phone line, short enough that a dead one
/// is not a blank page.
pub const NETWORK_TIMEOUT_MS: u32 = 3_000;

/// The name of the `<meta>` in each page's head that says which build published it.
pub const BUILD_META: &str = "gazette-build";

/// Where the worker's offline page puts the list of kept stories.
pub const SAVED_MARKER: &str = "<!--gazette:saved-->";

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Limits {
    pub pages: u32,
    pub data: u32,
    pub photos: u32,
    pub days: u32,
}

/// How a precached file is fetched and served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kept {
    /// Named by its content (`gazette-web-1a2b…_bg.wasm`): the HTTP cache may
    /// answer at install, and the copy serves for good.
    Hashed,
    /// Part of this build under a fixed name (wasm-bindgen's snippets): asked
    /// of the host at install, then served from the cache for good.
    Build,
    /// Not tied to the build (the front page, the icons): served from the
    /// cache and refreshed from the host behind it.
    Revalidated,
}

/// The app's files as the shell names them, below the site folder: the
/// loader and stylesheets the page links, the glue and wasm the loader
/// imports, the snippets the glue imports.
pub fn app_files(dir: &Path, shell_html: &str, paths: &Paths) -> Result<Vec<(String, Kept)>, String> {
    let home = paths.home();
    let local = |url: &str| -> Option<String> {
        let rest = url.strip_prefix(&home).unwrap_or(url);
        (!rest.is_empty() && !rest.contains(':') && !rest.starts_with('/')).then(|| rest.to_owned())
    };
    let found = std::cell::RefCell::new(Vec::new());
    shell::rewrite(
        shell_html,
        vec![
            element!("script[src]", |el: &mut Element| {
                found
                    .borrow_mut()
                    .extend(el.get_attribute("src").as_deref().and_then(local));
                Ok(())
            }),
            element!("link[rel=stylesheet][href]", |el: &mut Element| {
                found
                    .borrow_mut()
                    .extend(el.get_attribute("href").as_deref().and_then(local));
                Ok(())
            }),
        ],
    )?;
    let mut files: Vec<(String, Kept)> = Vec::new();
    for file in found.into_inner() {
        if file.ends_with(".js") {
            let path = dir.join(&file);
            let loader = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            // The glue and the wasm; not the worker the loader registers.
            let imported = quoted(&loader)
                .filter(|q| q.ends_with(".js") || q.ends_with(".wasm"))
                .filter_map(local)
                .filter(|f| f != "sw.js" && dir.join(f).is_file());
            files.extend(imported.map(|f| (f, Kept::Hashed)));
        }
        files.push((file, Kept::Hashed));
    }
    // The code loaded on demand (cli/src/chunks.rs), kept too: a chunk
    // missing offline would stop the app.
    let mut on_demand: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| crate::chunks::is_on_demand(n))
                .collect()
        })
        .unwrap_or_default();
    on_demand.sort();
    files.extend(on_demand.into_iter().map(|file| (file, Kept::Hashed)));
    let mut snippets = Vec::new();
    collect_files(&dir.join("snippets"), "snippets", &mut snippets);
    snippets.sort();
    files.extend(snippets.into_iter().map(|file| (file, Kept::Build)));
    let mut seen = std::collections::HashSet::new();
    files.retain(|(f, _)| seen.insert(f.clone()));
    if !files.iter().any(|(f, _)| f.ends_with(".wasm")) {
        return Err("the shell's loader names no .wasm file: publish runs on a Trunk build".into());
    }
    Ok(files)
}

/// The strings in single or double quotes in a script.
fn quoted(script: &str) -> impl Iterator<Item = &str> {
    script
        .split(['\'', '"'])
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
}

/// Every file below `dir`, as `prefix/path` (the bare path for an empty
/// prefix), in no set order.
pub(crate) fn collect_files(dir: &Path, prefix: &str, into: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let name = if prefix.is_empty() {
            file_name.into_owned()
        } else {
            format!("{prefix}/{file_name}")
        };
        if entry.path().is_dir() {
            collect_files(&entry.path(), &name, into);
        } else {
            into.push(name);
        }
    }
}

/// The build an app belongs to: its files' names (which carry their
/// content's hash) and the worker's own code. The same app published again
/// with a new feed is the same build.
pub fn build_id(app: &[(String, Kept)]) -> String {
    let mut text = String::from(WORKER);
    for (file, _) in app {
        text.push('\n');
        text.push_str(file);
    }
    format!("{:016x}", crate::hashing::fnv1a(text.as_bytes()))
}

/// `sw.js`: the settings, then the worker. `precache` is below the site
/// folder; `offline_pages` pairs each edition's prefix with its offline
/// page. `assets` fingerprints the precached files that are not the app's
/// (the offline pages, the manifest): when they change the worker's bytes
/// do, and browsers install it again.
pub fn service_worker(
    build: &str,
    precache: &[(String, Kept)],
    offline_pages: &[(String, String)],
    assets: u64,
) -> String {
    let mut offline: Vec<&(String, String)> = offline_pages.iter().collect();
    // The longest prefix first, so `zh/` wins over the default edition's ``.
    offline.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
    format!(
        "// Written by `gazette publish`; assets {assets:016x}.\n\
         const BUILD = {};\nconst PRECACHE = {};\nconst OFFLINE_PAGES = {};\nconst LIMITS = {};\nconst NETWORK_TIMEOUT_MS = {NETWORK_TIMEOUT_MS};\n\n{WORKER}",
        json(&build),
        json(&precache),
        json(&offline),
        json(&LIMITS),
    )
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The colours the feed gives the installed app (`_gazette.theme_color`,
/// `_gazette.background_color`), else the site's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colours {
    pub theme: String,
    pub background: String,
}

/// The accent and paper of `style/main.css`.
pub const DEFAULT_COLOURS: (&str, &str) = ("#a61c2f", "#ffffff");

impl Colours {
    /// Reads the two colours from the feed file, skipping everything else;
    /// a colour that is not `#rgb` or `#rrggbb` is reported and replaced.
    pub fn of_feed(bytes: &[u8]) -> (Colours, Vec<String>) {
        #[derive(serde::Deserialize, Default)]
        struct Document {
            #[serde(rename = "_gazette", default)]
            gazette: Option<Extension>,
        }
        #[derive(serde::Deserialize, Default)]
        struct Extension {
            theme_color: Option<serde_json::Value>,
            background_color: Option<serde_json::Value>,
        }
        let extension = serde_json::from_slice::<Document>(bytes)
            .ok()
            .and_then(|d| d.gazette)
            .unwrap_or_default();
        let mut faults = Vec::new();
        let mut pick = |value: Option<serde_json::Value>, key: &str, default: &str| match value {
            None => default.to_owned(),
            Some(serde_json::Value::String(colour)) if is_hex_colour(&colour) => colour.to_ascii_lowercase(),
            Some(other) => {
                faults.push(format!(
                    "_gazette.{key} should be a colour like \"#a61c2f\", not {other}; the default {default} is used"
                ));
                default.to_owned()
            }
        };
        let colours = Colours {
            theme: pick(extension.theme_color, "theme_color", DEFAULT_COLOURS.0),
            background: pick(extension.background_color, "background_color", DEFAULT_COLOURS.1),
        };
        (colours, faults)
    }
}

fn is_hex_colour(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The sizes of the icons written to `icons/`: what Chromium asks of an
/// installable site (192 and 512 px) and a home-screen size between.
pub const ICON_SIZES: [u32; 3] = [192, 384, 512];

/// `manifest.webmanifest`, its URLs relative to itself (the site's base).
pub fn manifest(site: &Site, colours: &Colours) -> String {
    let language = site.language.clone().unwrap_or_else(|| "en".to_owned());
    let short_name: String = if site.title.chars().count() <= 15 {
        site.title.clone()
    } else {
        site.title
            .split_whitespace()
            .next()
            .unwrap_or(&site.title)
            .chars()
            .take(12)
            .collect()
    };
    let icons: Vec<serde_json::Value> = ICON_SIZES
        .iter()
        .map(|size| {
            serde_json::json!({
                "src": format!("icons/icon-{size}.png"),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": "any",
            })
        })
        .chain(std::iter::once(serde_json::json!({
            "src": "icons/maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        })))
        .collect();
    let mut manifest = serde_json::json!({
        "name": site.title,
        "short_name": short_name,
        "lang": language,
        "dir": direction_of(&language),
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": colours.theme,
        "background_color": colours.background,
        "icons": icons,
    });
    if let Some(tagline) = &site.tagline {
        manifest["description"] = tagline.clone().into();
    }
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

/// The icons of the manifest, as PNG files by name: the feed's `icon` when
/// it is a file of the site that can be read, else a plain mark in the
/// theme colour. The maskable one sits inside the safe zone (the middle
/// 80 %) on the theme colour.
pub fn icons(dir: &Path, paths: &Paths, site: &Site, colours: &Colours) -> (Vec<(String, Vec<u8>)>, Option<String>) {
    let theme = rgb(&colours.theme);
    let (source, note) = match local_icon(dir, paths, site.icon.as_deref()) {
        Ok(image) => (image, None),
        Err(why) => (default_icon(theme), why),
    };
    let mut files = Vec::new();
    for size in ICON_SIZES {
        let icon = source.resize_to_fill(size, size, image::imageops::FilterType::CatmullRom);
        files.push((format!("icons/icon-{size}.png"), png(&icon)));
    }
    let mut maskable = image::RgbaImage::from_pixel(512, 512, image::Rgba([theme[0], theme[1], theme[2], 255]));
    let inner = source
        .resize_to_fill(408, 408, image::imageops::FilterType::CatmullRom)
        .to_rgba8();
    image::imageops::overlay(&mut maskable, &inner, 52, 52);
    files.push((
        "icons/maskable-512.png".to_owned(),
        png(&image::DynamicImage::ImageRgba8(maskable)),
    ));
    (files, note)
}

fn local_icon(dir: &Path, paths: &Paths, icon: Option<&str>) -> Result<image::DynamicImage, Option<String>> {
    let Some(icon) = icon else { return Err(None) };
    let home = paths.home();
    let file = icon.strip_prefix(&home).unwrap_or(icon);
    if file.contains(':') || file.starts_with('/') || file.contains("..") {
        return Err(Some(format!(
            "the feed's icon {icon} is not a file of the site; the app icons are a plain mark"
        )));
    }
    let path = dir.join(file.split(['?', '#']).next().unwrap_or(file));
    image::open(&path).map_err(|e| {
        Some(format!(
            "the feed's icon {} cannot be read as an image ({e}); the app icons are a plain mark",
            path.display()
        ))
    })
}

/// A folded page in white on the theme colour: a newsroom's mark when the
/// feed gives none.
fn default_icon(theme: [u8; 3]) -> image::DynamicImage {
    let size = 512;
    let mut icon = image::RgbaImage::from_pixel(size, size, image::Rgba([theme[0], theme[1], theme[2], 255]));
    let white = image::Rgba([255, 255, 255, 255]);
    let mut fill = |x0: u32, y0: u32, x1: u32, y1: u32| {
        for y in y0..y1 {
            for x in x0..x1 {
                icon.put_pixel(x, y, white);
            }
        }
    };
    // A headline, then columns of text lines.
    fill(112, 120, 400, 168);
    for row in 0..6 {
        let y = 208 + row * 32;
        fill(112, y, 240, y + 14);
        fill(272, y, 400, y + 14);
    }
    image::DynamicImage::ImageRgba8(icon)
}

fn rgb(hex: &str) -> [u8; 3] {
    let digits = hex.trim_start_matches('#');
    let full: String = if digits.len() == 3 {
        digits.chars().flat_map(|c| [c, c]).collect()
    } else {
        digits.to_owned()
    };
    let channel = |i: usize| u8::from_str_radix(full.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    [channel(0), channel(2), channel(4)]
}

fn png(image: &image::DynamicImage) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    // Encoding a bitmap in memory cannot fail.
    let _ = image.write_to(&mut bytes, image::ImageFormat::Png);
    bytes.into_inner()
}

/// The page the worker answers with for an address it has no copy of: the
/// shell without scripts (nothing to start offline), in the edition's
/// language, saying so and listing the stories kept (filled in by the
/// worker at [`SAVED_MARKER`]).
pub fn offline_page(
    shell_html: &str,
    tr: &Catalog,
    language: &str,
    site_title: &str,
    home: &str,
) -> Result<String, String> {
    let title = format!(
        "<title>{}</title><meta name=robots content=noindex>",
        xml_escape(&gazette::catalog::fill(
            tr.page_title(),
            &[("page", tr.offline_title()), ("site", site_title)]
        ))
    );
    let body = format!(
        r#"<div class="offline-page"><header class="offline-masthead"><a href="{home}">{site}</a></header><main id="main"><h1>{heading}</h1><p>{explain}</p><div class="saved-stories" data-saved-count="0"><p>{intro}</p><ul>{SAVED_MARKER}</ul></div><p class="offline-none">{none}</p><p><a href="{home}">{front}</a></p></main></div>"#,
        home = xml_escape(home),
        site = xml_escape(site_title),
        heading = xml_escape(tr.offline_title()),
        explain = xml_escape(tr.offline_explain()),
        intro = xml_escape(tr.offline_saved_intro()),
        none = xml_escape(tr.offline_none_saved()),
        front = xml_escape(tr.offline_front_page()),
    );
    shell::rewrite(
        shell_html,
        vec![
            element!(
                "script, noscript, link[rel=modulepreload], link[rel=preload]",
                |el: &mut Element| {
                    el.remove();
                    Ok(())
                }
            ),
            element!("title", |el: &mut Element| {
                el.remove();
                Ok(())
            }),
            element!("html", |el: &mut Element| {
                el.set_attribute("lang", language).map_err(|e| e.to_string())?;
                el.set_attribute("dir", direction_of(language))
                    .map_err(|e| e.to_string())?;
                Ok(())
            }),
            element!("meta[charset]", |el: &mut Element| {
                el.after(&title, ContentType::Html);
                Ok(())
            }),
            element!("div#app", |el: &mut Element| {
                el.set_inner_content(&body, ContentType::Html);
                Ok(())
            }),
        ],
    )
}

/// The shell marked with the build that publishes it, once.
pub fn with_build(shell_html: &str, build: &str) -> Result<String, String> {
    let meta = format!("<meta name={BUILD_META} content={build}>");
    let placed = std::cell::Cell::new(false);
    shell::rewrite(
        shell_html,
        vec![
            element!(format!("meta[name={BUILD_META}]"), |el: &mut Element| {
                el.remove();
                Ok(())
            }),
            element!("meta[charset]", |el: &mut Element| {
                if !placed.replace(true) {
                    el.after(&meta, ContentType::Html);
                }
                Ok(())
            }),
        ],
    )
}

#[cfg(test)]
mod tests;
