//! Photos sized for every screen. A newsroom's photos come off a camera at
//! 4,000 px and several MB, with the camera's orientation tag and often the
//! place they were taken; a phone needs a file a tenth of that, upright, and
//! nothing of where it was taken. For each of a feed's local photos (a file
//! of the site, not a remote URL) this writes variants 400, 800, 1200 and
//! 1600 px wide (never wider than the photo), in its own format and in WebP,
//! with the orientation applied and every metadata segment left behind, and
//! fills `width`, `height` and `srcset` in the published feed. The photo at
//! its own address is rewritten without its metadata too.
//!
//! Work is cached by the photo's content (in `GAZETTE_CACHE`, else the
//! user's cache folder), so a rebuild only processes new photos.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::progress::Progress;

/// The widths a photo is offered in: a phone at 1x, 2x and 3x, and a
/// desktop column at 2x.
pub const WIDTHS: [u32; 4] = [400, 800, 1200, 1600];
const JPEG_QUALITY: u8 = 80;
const WEBP_QUALITY: f32 = 75.0;
/// Changes with anything that changes the files written, so that a cache
/// made by an older Gazette is not used.
const PIPELINE: &str = "photos-1";

/// What one publish did with the photos.
#[derive(Debug, Default)]
pub struct Report {
    /// Local photos found in the feed.
    pub photos: usize,
    /// Photos processed now (the rest came from the cache).
    pub processed: usize,
    /// Time spent on the processed photos, all threads together.
    pub processing: Duration,
    pub faults: Vec<String>,
}

/// One photo as published: its size upright and its variants.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sized {
    pub width: u32,
    pub height: u32,
    /// Whether the photo at its own address was rewritten without metadata.
    pub cleaned: bool,
    /// Each variant's width; every width is written in both formats.
    pub widths: Vec<u32>,
    /// The photo's own format's extension (`jpg`, `png`).
    pub extension: String,
    /// Names its variants: the start of its content key.
    pub key: String,
}

/// Sizes the local photos of `folder/feed.json` and writes what it found
/// into that feed. `base_path` is the path the site is served under
/// (`/news/`), which a root-relative photo URL starts with.
pub fn publish(site: &Path, folder: &Path, base_path: &str) -> Result<Report, String> {
    let feed_file = folder.join("feed.json");
    let Ok(text) = std::fs::read_to_string(&feed_file) else {
        return Ok(Report::default());
    };
    // A feed that is not JSON is refused, with its position, by the layout.
    let Ok(mut feed) = serde_json::from_str::<Value>(&text) else {
        return Ok(Report::default());
    };
    let places = PhotoPlaces {
        site,
        folder,
        base_path,
    };
    let mut found = Vec::new();
    let mut report = Report::default();
    let mut note = |path: &str, url: &str, given: bool| match places.file(url) {
        Some(file) if file.is_file() => found.push((file, !given)),
        Some(file) => report.faults.push(format!(
            "{path}: {url} is not in the site ({}); left as it is",
            file.display()
        )),
        None => {}
    };
    walk(&mut feed, &mut |path, object| {
        let Some(url) = object.get("url").and_then(Value::as_str) else {
            return;
        };
        // A photo whose variants the feed lists is measured and cleaned, not sized again.
        let given = object
            .get("srcset")
            .and_then(Value::as_array)
            .is_some_and(|s| !s.is_empty());
        note(path, url, given);
    });
    for (path, photo) in html_photos(&feed) {
        note(&path, &photo.src, photo.srcset);
    }
    found.sort();
    // A photo shown twice, once with its variants listed, is still sized.
    found.dedup_by(|later, earlier| {
        later.0 == earlier.0 && {
            earlier.1 |= later.1;
            true
        }
    });
    let files: Vec<(PathBuf, bool)> = found;
    report.photos = files.len();
    if files.is_empty() {
        return Ok(report);
    }
    let cache = cache_folder();
    let outcomes = process_all(&files, &cache);
    let mut sized = std::collections::HashMap::new();
    for ((file, _), outcome) in files.iter().zip(outcomes) {
        match outcome {
            Ok((photo, elapsed)) => {
                if let Some(elapsed) = elapsed {
                    report.processed += 1;
                    report.processing += elapsed;
                }
                sized.insert(file.clone(), photo);
            }
            Err(why) => report.faults.push(format!("{}: {why}; left as it is", file.display())),
        }
    }
    walk(&mut feed, &mut |_, object| {
        let Some(url) = object.get("url").and_then(Value::as_str).map(str::to_owned) else {
            return;
        };
        let Some(photo) = places.file(&url).and_then(|file| sized.get(&file)) else {
            return;
        };
        object.insert("width".into(), json!(photo.width));
        object.insert("height".into(), json!(photo.height));
        let given = object
            .get("srcset")
            .and_then(Value::as_array)
            .is_some_and(|s| !s.is_empty());
        if !given && !photo.widths.is_empty() {
            let mut srcset: Vec<Value> = photo
                .widths
                .iter()
                .map(|&w| json!({ "url": variant_url(&url, photo, w, &photo.extension), "width": w }))
                .collect();
            srcset.extend(
                photo
                    .widths
                    .iter()
                    .map(|&w| json!({ "url": variant_url(&url, photo, w, "webp"), "width": w, "type": "image/webp" })),
            );
            object.insert("srcset".into(), Value::Array(srcset));
        }
    });
    size_html_photos(&mut feed, |src| places.file(src).and_then(|file| sized.get(&file)));
    let mut written = serde_json::to_string_pretty(&feed).map_err(|e| e.to_string())?;
    written.push('\n');
    std::fs::write(&feed_file, written).map_err(|e| format!("cannot write {}: {e}", feed_file.display()))?;
    for (file, photo) in &sized {
        place(file, photo, &cache)?;
    }
    Ok(report)
}

/// Where the site's photo files are.
struct PhotoPlaces<'a> {
    site: &'a Path,
    folder: &'a Path,
    base_path: &'a str,
}

impl PhotoPlaces<'_> {
    /// The file of a local photo URL; `None` for a remote one, or one that
    /// would lead out of the site.
    fn file(&self, url: &str) -> Option<PathBuf> {
        let path = url.split(['?', '#']).next()?;
        if path.contains(':') || path.starts_with("//") || path.is_empty() {
            return None;
        }
        let (root, relative) = match path.strip_prefix('/') {
            Some(_) => (self.site, path.strip_prefix(self.base_path)?),
            None => (self.folder, path),
        };
        let relative = Path::new(relative);
        relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
            .then(|| root.join(relative))
    }
}

/// Calls `visit` with each photo object of the feed (image blocks, also in
/// quotes and list items, and gallery entries) and its JSON path.
fn walk(feed: &mut Value, visit: &mut dyn FnMut(&str, &mut serde_json::Map<String, Value>)) {
    let Some(items) = feed.get_mut("items").and_then(Value::as_array_mut) else {
        return;
    };
    for (i, item) in items.iter_mut().enumerate() {
        let Some(extension) = item.get_mut("_gazette").and_then(Value::as_object_mut) else {
            continue;
        };
        if let Some(body) = extension.get_mut("body") {
            walk_blocks(body, &format!("items[{i}]._gazette.body"), visit);
        }
        if let Some(gallery) = extension.get_mut("gallery").and_then(Value::as_array_mut) {
            for (j, photo) in gallery.iter_mut().enumerate() {
                if let Some(photo) = photo.as_object_mut() {
                    visit(&format!("items[{i}]._gazette.gallery[{j}]"), photo);
                }
            }
        }
    }
}

fn walk_blocks(blocks: &mut Value, path: &str, visit: &mut dyn FnMut(&str, &mut serde_json::Map<String, Value>)) {
    let Some(blocks) = blocks.as_array_mut() else { return };
    for (i, block) in blocks.iter_mut().enumerate() {
        let at = format!("{path}[{i}]");
        let Some(block) = block.as_object_mut() else { continue };
        if block.get("type").and_then(Value::as_str) == Some("image") {
            visit(&at, block);
            continue;
        }
        if let Some(inner) = block.get_mut("blocks") {
            walk_blocks(inner, &format!("{at}.blocks"), visit);
        }
        if let Some(items) = block.get_mut("items").and_then(Value::as_array_mut) {
            for (j, item) in items.iter_mut().enumerate() {
                if let Some(inner) = item.get_mut("blocks") {
                    walk_blocks(inner, &format!("{at}.items[{j}].blocks"), visit);
                }
            }
        }
    }
}

/// An `<img>` of a story's `content_html`.
struct HtmlPhoto {
    src: String,
    /// Whether it lists its own variants.
    srcset: bool,
}

/// The `<img src>` of an HTML body; one that loads lazily from another
/// attribute (`data-src`) is the page's own business and left alone, as
/// its `src` is then a placeholder.
fn html_photo(element: &lol_html::html_content::Element) -> Option<HtmlPhoto> {
    if ["data-src", "data-lazy-src", "data-original"]
        .iter()
        .any(|a| element.has_attribute(a))
    {
        return None;
    }
    Some(HtmlPhoto {
        src: element.get_attribute("src")?,
        srcset: element.has_attribute("srcset"),
    })
}

/// The photos of every story's `content_html`, with where each is.
fn html_photos(feed: &Value) -> Vec<(String, HtmlPhoto)> {
    let mut found = Vec::new();
    let items = feed.get("items").and_then(Value::as_array).into_iter().flatten();
    for (i, html) in items
        .enumerate()
        .filter_map(|(i, item)| Some((i, item.get("content_html")?.as_str()?)))
    {
        let path = format!("items[{i}].content_html");
        let photos = std::cell::RefCell::new(Vec::new());
        // HTML that lol_html cannot read is reported by the reader, not here.
        let _ = crate::shell::rewrite(
            html,
            vec![lol_html::element!("img[src]", |el| {
                photos.borrow_mut().extend(html_photo(el));
                Ok(())
            })],
        );
        found.extend(photos.into_inner().into_iter().map(|photo| (path.clone(), photo)));
    }
    found
}

/// Gives each sized photo of the stories' `content_html` its upright size
/// and, unless it lists its own, its variants: in its own format in the
/// `<img srcset>`, and in WebP in a `<source>` of a `<picture>` around it,
/// as the body's typed photos have them (a phone then downloads the 800 px
/// WebP, not the 800 px JPEG).
fn size_html_photos<'s>(feed: &mut Value, sized: impl Fn(&str) -> Option<&'s Sized>) {
    let items = feed
        .get_mut("items")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten();
    for html in items.filter_map(|item| match item.get_mut("content_html") {
        Some(Value::String(html)) => Some(html),
        _ => None,
    }) {
        let rewritten = crate::shell::rewrite(
            html,
            vec![lol_html::element!("img[src]", |el| {
                let Some(photo) = html_photo(el) else { return Ok(()) };
                let Some(size) = sized(&photo.src) else { return Ok(()) };
                el.set_attribute("width", &size.width.to_string())?;
                el.set_attribute("height", &size.height.to_string())?;
                if !photo.srcset && !size.widths.is_empty() {
                    let srcset: Vec<String> = size
                        .widths
                        .iter()
                        .map(|&w| format!("{} {w}w", variant_url(&photo.src, size, w, &size.extension)))
                        .collect();
                    el.set_attribute("srcset", &srcset.join(", "))?;
                    let webp: Vec<String> = size
                        .widths
                        .iter()
                        .map(|&w| format!("{} {w}w", variant_url(&photo.src, size, w, "webp")))
                        .collect();
                    el.before(
                        &format!(
                            r#"<picture><source type="image/webp" srcset="{}">"#,
                            crate::xml::xml_escape(&webp.join(", "))
                        ),
                        lol_html::html_content::ContentType::Html,
                    );
                    el.after("</picture>", lol_html::html_content::ContentType::Html);
                }
                Ok(())
            })],
        );
        if let Ok(rewritten) = rewritten {
            *html = rewritten;
        }
    }
}

/// A variant's address: beside the photo, named by its content, so that a
/// new photo under an old name is a new address and every variant can be
/// cached for good.
fn variant_url(url: &str, photo: &Sized, width: u32, extension: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let (folder, name) = path.rsplit_once('/').map_or(("", path), |(f, n)| (f, n));
    let file = variant_name(name, photo, width, extension);
    if folder.is_empty() {
        file
    } else {
        format!("{folder}/{file}")
    }
}

/// `lab.1f2e3d4c-800.webp` for `lab.jpg`.
fn variant_name(name: &str, photo: &Sized, width: u32, extension: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}.{}-{width}.{extension}", photo.key)
}

fn cache_folder() -> PathBuf {
    let base = std::env::var_os("GAZETTE_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("gazette")))
        .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/gazette")))
        .unwrap_or_else(|| std::env::temp_dir().join("gazette"));
    base.join("photos")
}

/// A photo sized, with the time it took (`None`: from the cache), or why not.
type Outcome = Result<(Sized, Option<Duration>), String>;

/// Processes every photo, on every core, each from the cache when it is
/// there; a progress bar for more than a handful.
fn process_all(files: &[(PathBuf, bool)], cache: &Path) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Outcome>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let progress = Mutex::new(Progress::with_threshold("Sizing photos", files.len(), 8));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((file, variants)) = files.get(i) else { break };
                let result = std::fs::read(file)
                    .map_err(|e| format!("cannot read it: {e}"))
                    .and_then(|bytes| from_cache_or_process(&bytes, *variants, cache));
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                progress.lock().unwrap_or_else(|e| e.into_inner()).advance();
            });
        }
    });
    progress.into_inner().unwrap_or_else(|e| e.into_inner()).finish();
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Err("not processed".into()))
        })
        .collect()
}

/// The content key of a photo: its bytes and the pipeline that sizes it.
pub fn content_key(bytes: &[u8]) -> String {
    let mut keyed = PIPELINE.as_bytes().to_vec();
    keyed.extend_from_slice(bytes);
    format!("{:016x}", crate::hashing::fnv1a(&keyed))
}

fn from_cache_or_process(bytes: &[u8], variants: bool, cache: &Path) -> Outcome {
    let key = content_key(bytes);
    let folder = cache.join(format!("{key}{}", if variants { "" } else { "-measured" }));
    if let Some(photo) = std::fs::read(folder.join("photo.json"))
        .ok()
        .and_then(|json| serde_json::from_slice::<Sized>(&json).ok())
    {
        return Ok((photo, None));
    }
    let started = Instant::now();
    let photo = process(bytes, variants, &folder)?;
    std::fs::write(
        folder.join("photo.json"),
        serde_json::to_vec(&photo).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("cannot write the cache {}: {e}", folder.display()))?;
    Ok((photo, Some(started.elapsed())))
}

/// Decodes a photo, sets it upright and writes its variants (and, when it
/// carries metadata, a clean copy) into `folder`.
pub fn process(bytes: &[u8], variants: bool, folder: &Path) -> Result<Sized, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read it: {e}"))?;
    let format = reader
        .format()
        .ok_or("not a photo format Gazette reads (JPEG, PNG or WebP)")?;
    let extension = match format {
        ImageFormat::Jpeg => "jpg",
        ImageFormat::Png => "png",
        ImageFormat::WebP => "webp",
        _ => return Err("not a photo format Gazette reads (JPEG, PNG or WebP)".into()),
    };
    let mut decoder = reader.into_decoder().map_err(|e| format!("cannot read it: {e}"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut photo = DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode it: {e}"))?;
    photo.apply_orientation(orientation);
    let (width, height) = (photo.width(), photo.height());
    std::fs::create_dir_all(folder).map_err(|e| format!("cannot write the cache {}: {e}", folder.display()))?;
    let write = |name: String, data: &[u8]| {
        std::fs::write(folder.join(&name), data).map_err(|e| format!("cannot write the cache {name}: {e}"))
    };
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| variants && w < width).collect();
    // The photo's own width, when it is narrower than the widest variant,
    // so that the widest screens get it at full quality.
    if variants && width <= WIDTHS[WIDTHS.len() - 1] {
        widths.push(width);
    }
    // Each variant from the next wider one: as sharp, and a fraction of the work.
    let mut source = photo.clone();
    for &w in widths.iter().rev() {
        let h = ((height as u64 * w as u64 + width as u64 / 2) / width as u64).max(1) as u32;
        let variant = if w == source.width() {
            source.clone()
        } else {
            source.resize_exact(w, h, FilterType::CatmullRom)
        };
        write(format!("{w}.{extension}"), &encode(&variant, format)?)?;
        write(format!("{w}.webp"), &encode_webp(&variant))?;
        source = variant;
    }
    let cleaned = carries_metadata(bytes);
    if cleaned {
        write(format!("clean.{extension}"), &encode(&photo, format)?)?;
    }
    Ok(Sized {
        width,
        height,
        cleaned,
        widths,
        extension: extension.to_owned(),
        key: content_key(bytes)[..8].to_owned(),
    })
}

fn encode(photo: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&photo.to_rgb8())
            .map_err(|e| e.to_string())?,
        ImageFormat::WebP => return Ok(encode_webp(photo)),
        _ => photo
            .write_to(&mut Cursor::new(&mut out), format)
            .map_err(|e| e.to_string())?,
    }
    Ok(out)
}

/// Lossy WebP (libwebp): the `image` crate writes only lossless WebP,
/// which for a photo is larger than its JPEG.
fn encode_webp(photo: &DynamicImage) -> Vec<u8> {
    if photo.color().has_alpha() {
        let rgba = photo.to_rgba8();
        webp::Encoder::from_rgba(&rgba, photo.width(), photo.height())
            .encode(WEBP_QUALITY)
            .to_vec()
    } else {
        let rgb = photo.to_rgb8();
        webp::Encoder::from_rgb(&rgb, photo.width(), photo.height())
            .encode(WEBP_QUALITY)
            .to_vec()
    }
}

/// Whether a photo file carries EXIF or XMP (where cameras and phones write
/// the place a photo was taken) or text chunks.
pub fn carries_metadata(bytes: &[u8]) -> bool {
    const MARKS: [&[u8]; 5] = [b"Exif\0\0", b"http://ns.adobe.com/xap/", b"eXIf", b"iTXt", b"tEXt"];
    MARKS.iter().any(|mark| bytes.windows(mark.len()).any(|w| w == *mark))
}

/// Copies a photo's variants (and its clean copy) from the cache into the
/// site, beside the photo.
fn place(file: &Path, photo: &Sized, cache: &Path) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let key = content_key(&bytes);
    let folder = cache.join(format!(
        "{key}{}",
        if photo.widths.is_empty() { "-measured" } else { "" }
    ));
    let name = file
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = file.parent().unwrap_or(Path::new("."));
    let copy = |from: String, to: PathBuf| {
        std::fs::copy(folder.join(&from), &to)
            .map(|_| ())
            .map_err(|e| format!("cannot write {}: {e}", to.display()))
    };
    for &w in &photo.widths {
        for extension in [photo.extension.as_str(), "webp"] {
            copy(
                format!("{w}.{extension}"),
                dir.join(variant_name(&name, photo, w, extension)),
            )?;
        }
    }
    if photo.cleaned {
        copy(format!("clean.{}", photo.extension), file.to_owned())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
