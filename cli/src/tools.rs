//! The npm tools `gazette` runs (installed by `make setup` from the lock file).

use std::path::PathBuf;

/// A tool's command: the file named by `variable` when it is set, else
/// `name` on the `PATH` or in `./node_modules/.bin`.
pub fn find(name: &str, variable: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        return Some(PathBuf::from(path));
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain(std::iter::once(PathBuf::from("node_modules/.bin").join(name)))
        .find(|path| path.is_file())
}
