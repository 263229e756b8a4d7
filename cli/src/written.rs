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

/// Notes that `path` was written (or kept, when it stands as it would be written).
pub fn record(path: &Path) {
    WRITTEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(path.to_owned());
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

/// The files written since the last call, below `dir`, as paths relative to it.
pub fn take(dir: &Path) -> BTreeSet<String> {
    let written = std::mem::take(&mut *WRITTEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    written
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
