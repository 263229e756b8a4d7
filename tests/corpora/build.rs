//! Builds the shared corpora into the browser tests, which cannot read
//! files once they run in the browser. The corpora stay where they are
//! (`../shared/corpora` beside the clone) and are never copied into the
//! repository; where they are absent the lists are empty and the tests
//! say that they skipped them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == extension));
    files.sort();
    files
}

fn list(out: &mut String, name: &str, files: &[PathBuf]) {
    let _ = writeln!(out, "pub const {name}: &[(&str, &str)] = &[");
    for file in files {
        let _ = writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            file.file_name().unwrap_or_default().to_string_lossy(),
            file.display().to_string()
        );
    }
    out.push_str("];\n");
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let corpora = manifest.join("../../../shared/corpora");
    println!("cargo:rerun-if-changed={}", corpora.display());
    let corpora = corpora.canonicalize().unwrap_or(corpora);
    let present = corpora.is_dir();
    let mut out = format!(
        "/// Where the corpora were looked for, and whether they were there.\npub const LOCATION: &str = {:?};\npub const PRESENT: bool = {present};\n",
        corpora.display().to_string()
    );
    list(&mut out, "JSON_FEEDS", &files(&corpora.join("jsonfeed"), "json"));
    list(&mut out, "XSS_JSON", &files(&corpora.join("xss"), "json"));
    list(&mut out, "XSS_TEXT", &files(&corpora.join("xss"), "txt"));
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("corpora.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
