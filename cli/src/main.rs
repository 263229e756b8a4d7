//! `gazette`: the command-line companion of the Gazette site.
//!
//!     gazette validate FEED            check a feed; exit 1 when it is refused or stories are left out
//!     gazette build INPUT --out DIR    write the static layout of a (large) archive into DIR
//!     gazette publish DIR              finish a Trunk build: feed layout, security policy

mod archive;
mod input;
mod prerender;
mod progress;
mod publish;
mod search_index;
mod site_files;
mod tools;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  gazette validate FEED
      Reads FEED (a JSON Feed file) as the site would and prints every problem with
      its JSON path, line and column. Exits 1 when the feed is refused or a story is
      left out, 0 otherwise (warnings alone do not fail).
  gazette build INPUT --out DIR [--page-size N] [--topic-page-size N] [--no-search]
      INPUT is one JSON Feed file, or a folder holding _site.json (the feed's own
      fields) and one JSON file per story. Writes DIR/feed.json and, when the feed is
      longer than one page (default 50 stories), the paged layout that lets every
      page of the site fetch only what it shows (see docs/feed-format.md). A paged
      archive is indexed for search by Pagefind (GAZETTE_PAGEFIND, or pagefind on the
      PATH or in ./node_modules/.bin) unless --no-search is given.
  gazette publish DIR
      Finishes a Trunk build in DIR (Trunk's post-build hook runs it): lays out
      DIR/feed.json as build does, moves Trunk's inline loader into a file and adds
      the Content Security Policy to index.html.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("gazette: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        Some("validate") => {
            let [_, feed] = args else {
                return Err(format!("validate takes one feed file\n\n{USAGE}"));
            };
            validate::run(&PathBuf::from(feed))
        }
        Some("build") => {
            let options = archive::Options::from_args(&args[1..]).map_err(|e| format!("{e}\n\n{USAGE}"))?;
            archive::run(&options)
        }
        Some("publish") => {
            let [_, dir] = args else {
                return Err(format!("publish takes one folder\n\n{USAGE}"));
            };
            publish::run(&PathBuf::from(dir))
        }
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    }
}
