//! What a publish wrote, and the manifest that remembers it.
//!
//! A folder is published again and again, with feeds that change: a story
//! taken down, an edition dropped, a site that no longer has an address for
//! its sitemaps. The next publish removes what the last one wrote and this
//! one does not, and nothing else: files the site owner put in the folder
//! were never in the manifest. Photos' sized copies are not in it either:
//! named by their content, they are used again whenever the photo is, and
//! the owner's own copies cannot be told from them. A leaf: it imports
//! nothing of the crate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The manifest's name, in the published folder.
pub const MANIFEST: &str = "gazette-manifest.txt";

/// Every file written since the last [`take`], by its whole path.
static WRITTEN: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// How many of them had new bytes (the rest were left as they stood).
static CHANGED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Notes that `path` was written (or kept, when it stands as it would be written).
pub fn record(path: &Path) {
    WRITTEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(path.to_owned());
}

/// Writes `content` to `path`, making the folders it needs, and records it.
/// A file that already holds exactly `content` is not written again: it
/// keeps its modification time, so that a publish after a small change
/// leaves an upload (rsync, a CDN's sync) only the files that changed.
pub fn write(path: &Path, content: &[u8]) -> Result<(), String> {
    let unchanged = std::fs::metadata(path).is_ok_and(|m| m.len() == content.len() as u64)
        && std::fs::read(path).is_ok_and(|held| held == content);
    if !unchanged {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        CHANGED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    record(path);
    Ok(())
}

/// How many files [`write`] has changed since the last call.
pub fn take_changed() -> usize {
    CHANGED.swap(0, std::sync::atomic::Ordering::Relaxed)
}

/// Notes every file below `folder` (what a tool such as Pagefind wrote).
pub fn record_folder(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            record_folder(&path);
        } else {
            record(&path);
        }
    }
}

/// The files written below `dir` since the last call, as paths relative to
/// it (what was written elsewhere, by a publish of another folder at the
/// same time, stays for that one).
pub fn take(dir: &Path) -> BTreeSet<String> {
    let mut written = WRITTEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (below, elsewhere): (BTreeSet<PathBuf>, BTreeSet<PathBuf>) = std::mem::take(&mut *written)
        .into_iter()
        .partition(|path| path.starts_with(dir));
    *written = elsewhere;
    below
        .iter()
        .filter_map(|path| path.strip_prefix(dir).ok())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .collect()
}

/// Ends a publish of `dir` that wrote `now`: removes what the manifest says
/// the last publish wrote and this one did not (and the folders that leaves
/// empty), then writes the manifest of `now`. Returns what it removed.
pub fn settle(dir: &Path, now: &BTreeSet<String>) -> Result<Vec<String>, String> {
    let manifest = dir.join(MANIFEST);
    let before = std::fs::read_to_string(&manifest).unwrap_or_default();
    let mut removed = Vec::new();
    for file in before.lines().filter(|f| !f.is_empty() && !now.contains(*f)) {
        // Never outside the folder, whatever the manifest says.
        if file.split('/').any(|part| part == ".." || part.is_empty()) {
            continue;
        }
        let path = dir.join(file);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            removed.push(file.to_owned());
        }
        let mut folder = path.parent();
        while let Some(parent) = folder.filter(|p| *p != dir) {
            // Only an empty folder goes.
            if std::fs::remove_dir(parent).is_err() {
                break;
            }
            folder = parent.parent();
        }
    }
    let mut list: String = now.iter().map(|f| format!("{f}\n")).collect();
    if list.is_empty() {
        list.push('\n');
    }
    std::fs::write(&manifest, list).map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_would_not_change_is_not_written_again() {
        let dir = std::env::temp_dir().join(format!("gazette-unchanged-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("a/b.html");
        write(&path, b"one").unwrap();
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&path, b"one").unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before,
            "kept as it stood"
        );
        write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert!(take(&dir).contains("a/b.html"), "recorded either way");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn removes_only_what_the_last_publish_wrote_and_this_one_did_not() {
        let dir = std::env::temp_dir().join(format!("gazette-written-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let root = dir.as_path();
        for file in [
            "sitemap-2.xml",
            "zh/index.html",
            "zh/articles/a/index.html",
            "owner.txt",
            "zh/owner.txt",
            "kept.html",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(
            root.join(MANIFEST),
            "sitemap-2.xml\nzh/index.html\nzh/articles/a/index.html\nkept.html\n../outside\n",
        )
        .unwrap();
        let now: BTreeSet<String> = ["kept.html".to_owned()].into();
        let removed = settle(root, &now).unwrap();
        assert_eq!(removed, ["sitemap-2.xml", "zh/index.html", "zh/articles/a/index.html"]);
        assert!(!root.join("zh/articles").exists(), "a folder left empty goes");
        assert!(
            root.join("zh/owner.txt").exists() && root.join("owner.txt").exists(),
            "the owner's files stay"
        );
        assert!(root.join("kept.html").exists());
        assert_eq!(std::fs::read_to_string(root.join(MANIFEST)).unwrap(), "kept.html\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
