//! `gazette validate FEED`.

use std::path::Path;
use std::process::ExitCode;

use gazette::feed::{read_feed, FeedError};

pub fn run(path: &Path) -> Result<ExitCode, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (mut report, ok) = report(&path.display().to_string(), &bytes);
    report.push_str(&translations_report(path, &bytes)?);
    print!("{report}");
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// For the default feed of a site in several editions: each translation
/// that names no story of its edition (the edition feeds are read beside it).
fn translations_report(path: &Path, bytes: &[u8]) -> Result<String, String> {
    let Ok(feed) = read_feed(bytes, "/feed.json") else {
        return Ok(String::new());
    };
    if feed.site.editions.len() < 2 {
        return Ok(String::new());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let faults = crate::editions::translation_faults(dir, &gazette::paths::Paths::new("/"), &feed.site.editions)?;
    Ok(faults.iter().map(|fault| format!("warning: {fault}\n")).collect())
}

/// The diagnostics for one feed, in the compiler-like form editors can jump
/// to (`FILE:LINE:COLUMN: level: path: message`), and whether it passes.
pub fn report(name: &str, bytes: &[u8]) -> (String, bool) {
    let feed = match read_feed(bytes, "/feed.json") {
        Ok(feed) => feed,
        Err(FeedError::Json(e)) => return (format!("{name}:{}:{}: error: {e}\n", e.line, e.column), false),
        Err(e) => return (format!("{name}:1:1: error: {e}\n"), false),
    };
    let mut out = String::new();
    let mut left_out = 0;
    for problem in &feed.problems {
        let level = if problem.skipped_story { "error" } else { "warning" };
        left_out += usize::from(problem.skipped_story);
        out.push_str(&format!(
            "{name}:{}:{}: {level}: {}: {}\n",
            problem.line, problem.column, problem.path, problem.message
        ));
    }
    let warnings = feed.problems.len() - left_out;
    out.push_str(&format!(
        "{name}: {} {} read, {left_out} left out, {warnings} warning{}; {} topics\n",
        feed.articles.len(),
        if feed.articles.len() == 1 { "story" } else { "stories" },
        if warnings == 1 { "" } else { "s" },
        feed.site.topics.len()
    ));
    (out, left_out == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_problem_with_its_place() {
        let feed = br#"{"version": "1.1", "title": "T", "items": [
  {"id": "a", "content_text": "x", "date_published": "soon"},
  {"title": "no id", "content_text": "y"}
]}"#;
        let (text, ok) = report("f.json", feed);
        assert!(!ok);
        assert!(
            text.contains("f.json:2:54: warning: items[0].date_published: \"soon\" is not a date"),
            "{text}"
        );
        assert!(
            text.contains("f.json:3:3: error: items[1].id: the story has no id"),
            "{text}"
        );
        assert!(
            text.ends_with("f.json: 1 story read, 1 left out, 1 warning; 0 topics\n"),
            "{text}"
        );
    }

    #[test]
    fn json_errors_and_clean_feeds() {
        let (text, ok) = report("bad.json", b"{\n  \"items\": [\n");
        assert!(!ok);
        assert!(
            text.starts_with("bad.json:3:1: error: invalid JSON at line 3, column 1"),
            "{text}"
        );
        let sample = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/feed.json")).unwrap();
        let (text, ok) = report("feed.json", &sample);
        assert!(ok, "{text}");
        assert!(
            text.contains("24 stories read, 0 left out, 0 warnings; 8 topics"),
            "{text}"
        );
    }

    #[test]
    fn a_translation_that_names_no_story_is_reported() {
        let dir = std::env::temp_dir().join(format!("gazette-validate-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("zh")).unwrap();
        let default = r#"{"title": "News", "_gazette": {"editions": [{"lang": "en", "name": "English"}, {"lang": "zh", "name": "中文", "prefix": "zh/"}]}, "items": [{"id": "a", "content_text": "A"}]}"#;
        std::fs::write(dir.join("feed.json"), default).unwrap();
        std::fs::write(
            dir.join("zh/feed.json"),
            r#"{"title": "新闻", "items": [{"id": "b", "content_text": "乙", "_gazette": {"translations": [{"lang": "en", "id": "gone"}]}}]}"#,
        )
        .unwrap();
        let report = translations_report(&dir.join("feed.json"), default.as_bytes()).unwrap();
        assert!(report.starts_with("warning: "), "{report}");
        assert!(
            report.contains("items[0]._gazette.translations[0]: names no story of the en edition"),
            "{report}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
