//! The app's code in chunks, so that a first visit downloads only what its
//! page needs. The site's build (the `split` feature) marks split points
//! with Leptos's `#[lazy]`; Trunk then writes one wasm that still imports
//! them from a placeholder no browser resolves. Here, in the post-build step
//! (so that `trunk build` alone still makes the site), the cargo wasm is cut
//! by `wasm-split-cli` (relocations kept by build.rs), bound again with
//! `wasm-bindgen --keep-lld-exports` (every chunk imports the main module's
//! table and memory), shrunk with `wasm-opt` in a release build, and put in
//! place of Trunk's two files under their names. Each chunk and the split
//! loader get a name that carries their content's hash, so hosts may cache
//! them for good (`_headers`), and the service worker keeps them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What wasm-bindgen's split build imports until it is split.
const PLACEHOLDER: &[u8] = b"__wasm_split_placeholder__";
/// The module name the glue imports the split loader under.
const LOADER_IMPORT: &str = "./__wasm_split.js";

/// How the split loader's file name starts.
const LOADER_PREFIX: &str = "gazette-split-";
/// How a chunk's file name starts.
const CHUNK_PREFIX: &str = "gazette-chunk-";

/// Whether `name` is a file of the code loaded on demand: the split loader
/// or a chunk (hashed, so kept for good).
pub fn is_on_demand(name: &str) -> bool {
    name.starts_with(LOADER_PREFIX) || name.starts_with(CHUNK_PREFIX)
}

/// Whether `name` is the split loader, one of the app's scripts.
pub fn is_loader(name: &str) -> bool {
    name.starts_with(LOADER_PREFIX) && name.ends_with(".js")
}

/// One chunk as published: its file and its size.
#[derive(Debug)]
pub struct Chunk {
    pub file: String,
    pub bytes: u64,
}

/// Splits the staged app in `dir`, when it was built with split points.
/// Returns the chunks written (none for an app without split points).
pub fn split(dir: &Path) -> Result<Vec<Chunk>, String> {
    let staged = Staged::find(dir)?;
    let wasm = std::fs::read(&staged.wasm).map_err(|e| format!("cannot read {}: {e}", staged.wasm.display()))?;
    if !contains(&wasm, PLACEHOLDER) {
        return Ok(Vec::new());
    }
    let cargo_wasm = cargo_wasm();
    if !cargo_wasm.is_file() {
        return Err(format!(
            "the app was built with split points, but its cargo build {} is not there to split (set GAZETTE_CARGO_WASM)",
            cargo_wasm.display()
        ));
    }
    let release = std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
    let work = std::env::temp_dir().join(format!("gazette-splitting-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let result = split_in(dir, &staged, &cargo_wasm, &work, release);
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// Trunk's staged glue and wasm: `gazette-web-{hash}.js` and `…_bg.wasm`.
struct Staged {
    glue: PathBuf,
    wasm: PathBuf,
}

impl Staged {
    fn find(dir: &Path) -> Result<Self, String> {
        let names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("gazette-web-"))
            .collect();
        let named = |suffix: &str| {
            names
                .iter()
                .find(|n| n.ends_with(suffix))
                .map(|n| dir.join(n))
                .ok_or_else(|| {
                    format!(
                        "{} has no gazette-web-*{suffix}: publish runs on a Trunk build",
                        dir.display()
                    )
                })
        };
        Ok(Self {
            glue: named(".js")?,
            wasm: named("_bg.wasm")?,
        })
    }
}

/// The wasm cargo built for Trunk: `target/wasm32-unknown-unknown/{profile}/gazette-web.wasm`.
fn cargo_wasm() -> PathBuf {
    if let Some(path) = std::env::var_os("GAZETTE_CARGO_WASM") {
        return PathBuf::from(path);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let profile = std::env::var("TRUNK_PROFILE").unwrap_or_else(|_| "release".into());
    target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("gazette-web.wasm")
}

fn split_in(dir: &Path, staged: &Staged, cargo_wasm: &Path, work: &Path, release: bool) -> Result<Vec<Chunk>, String> {
    let tool = |name: &str, variable: &str| {
        crate::tools::find(name, variable).ok_or_else(|| {
            format!("{name} is not installed (tools/setup.sh installs it; or set {variable}): the app cannot be split")
        })
    };
    let split_cli = tool("wasm-split-cli", "GAZETTE_WASM_SPLIT")?;
    let bindgen = tool("wasm-bindgen", "GAZETTE_WASM_BINDGEN")?;
    let pieces = work.join("split");
    let bound = work.join("bound");
    run(Command::new(&split_cli)
        .args(["--target", "web", "--out-name", "gazette-web"])
        .arg(cargo_wasm)
        .arg(&pieces))?;
    run(Command::new(&bindgen)
        .args([
            "--target=web",
            "--out-name=gazette-web",
            "--no-typescript",
            "--keep-lld-exports",
        ])
        .arg(format!("--out-dir={}", bound.display()))
        .arg(pieces.join("gazette-web.wasm")))?;
    let shrink = |file: &Path| -> Result<(), String> {
        if !release {
            return Ok(());
        }
        let wasm_opt = tool("wasm-opt", "GAZETTE_WASM_OPT")?;
        run(Command::new(wasm_opt)
            .arg("-Oz")
            .arg("--strip-debug")
            .arg(format!("--output={}", file.display()))
            .arg(file))
    };

    let glue_name = file_name(&staged.glue);
    let mut loader = read(&pieces.join("__wasm_split.js"))?.replace("./gazette-web.js", &format!("./{glue_name}"));
    let mut chunks = Vec::new();
    let mut pieces_found: Vec<String> = std::fs::read_dir(&pieces)
        .map_err(|e| format!("cannot read {}: {e}", pieces.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wasm") && n != "gazette-web.wasm")
        .collect();
    pieces_found.sort();
    for piece in pieces_found {
        let path = pieces.join(&piece);
        shrink(&path)?;
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let stem = piece.trim_end_matches(".wasm");
        let file = format!(
            "{CHUNK_PREFIX}{}-{:016x}.wasm",
            short_name(stem),
            crate::hashing::fnv1a(&bytes)
        );
        let quoted = format!("./{piece}");
        if !loader.contains(&quoted) {
            return Err(format!(
                "wasm-split-cli's loader does not name {piece}: a wasm-split-cli of another version?"
            ));
        }
        loader = loader.replace(&quoted, &format!("./{file}"));
        write(&dir.join(&file), &bytes)?;
        chunks.push(Chunk {
            file,
            bytes: bytes.len() as u64,
        });
    }
    let loader_file = format!("{LOADER_PREFIX}{:016x}.js", crate::hashing::fnv1a(loader.as_bytes()));
    write(&dir.join(&loader_file), loader.as_bytes())?;

    let glue = read(&bound.join("gazette-web.js"))?;
    // Only the module specifier: the import object's key must stay the name
    // the wasm imports.
    let from = format!("from \"{LOADER_IMPORT}\"");
    if !glue.contains(&from) {
        return Err(format!(
            "wasm-bindgen's glue does not import {LOADER_IMPORT}: the app was not split"
        ));
    }
    write(
        &staged.glue,
        glue.replace(&from, &format!("from \"./{loader_file}\"")).as_bytes(),
    )?;
    let main = bound.join("gazette-web_bg.wasm");
    shrink(&main)?;
    std::fs::copy(&main, &staged.wasm).map_err(|e| format!("cannot write {}: {e}", staged.wasm.display()))?;
    let snippets = bound.join("snippets");
    if snippets.is_dir() {
        copy_tree(&snippets, &dir.join("snippets"))?;
    }
    Ok(chunks)
}

/// `split_search_page_view_12345` → `search_page_view`; `chunk_3` → `shared3`.
fn short_name(stem: &str) -> String {
    if let Some(n) = stem.strip_prefix("chunk_") {
        return format!("shared{n}");
    }
    let name = stem.strip_prefix("split_").unwrap_or(stem);
    let name = match name.rsplit_once('_') {
        Some((head, tail))
            if !head.is_empty() && tail.chars().all(|c| c.is_ascii_alphanumeric()) && tail.len() >= 8 =>
        {
            head
        }
        _ => name,
    };
    name.replace('_', "-")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from)
        .map_err(|e| format!("cannot read {}: {e}", from.display()))?
        .flatten()
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        }
    }
    Ok(())
}

fn run(command: &mut Command) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command.output().map_err(|e| format!("cannot run {program}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_named_for_what_they_hold() {
        assert_eq!(short_name("split_search_page_view_8a3f19c2e4"), "search-page-view");
        assert_eq!(short_name("chunk_3"), "shared3");
        assert_eq!(short_name("split_viewer"), "viewer");
        assert!(is_on_demand("gazette-chunk-viewer-code-0123456789abcdef.wasm"));
        assert!(is_loader("gazette-split-0123456789abcdef.js"));
        assert!(!is_on_demand("gazette-web-0123456789abcdef.js"));
    }

    #[test]
    fn an_app_without_split_points_is_left_as_it_is() {
        let dir = std::env::temp_dir().join(format!("gazette-chunks-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("gazette-web-1.js"), "import * as a from \"./snippets/x.js\";").unwrap();
        std::fs::write(dir.join("gazette-web-1_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        assert!(split(&dir).unwrap().is_empty());
        assert!(Staged::find(&dir.join("nothing")).is_err());
    }
}
