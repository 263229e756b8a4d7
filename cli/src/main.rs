//! `gazette`: the command-line companion of the Gazette site. `gazette help`
//! lists the commands, `gazette help COMMAND` explains one.

mod archive;
mod catalogs;
mod chunks;
mod editions;
mod hashing;
mod import;
mod input;
mod language;
mod offline;
mod photos;
mod policy;
mod prerender;
mod progress;
mod publish;
mod report;
mod search_index;
mod shell;
mod site_files;
mod tools;
mod validate;
mod written;
mod xml;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "The command-line companion of a Gazette site: check a feed, lay out an archive, publish a build."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read FEED as the site would and print every problem with its JSON path, line and column.
    ///
    /// Exits 1 when the feed is refused or a story is left out, 0 otherwise (warnings alone do
    /// not fail).
    Validate {
        /// A JSON Feed file.
        feed: PathBuf,
    },
    /// Convert the RSS, Atom or JSON Feed a CMS writes into a Gazette feed.
    ///
    /// Reads RSS 0.9x, 1.0 and 2.0, Atom 1.0 and JSON Feed 1.0 and 1.1, in any encoding a browser
    /// reads, and writes JSON Feed 1.1: categories become topics, Media RSS images and enclosures
    /// the story's photos with their captions, dc:creator the byline; dates keep their zone; a
    /// headline and a link is a story; tracking pixels and adverts are never photos. Every
    /// address is made absolute against the newsroom's site. Every item that cannot be converted
    /// is named with its line and column; the rest are written. Exits 1 when no story could be.
    Import {
        /// The feed, as a file (save a URL's feed with curl -o first).
        feed: PathBuf,
        /// The JSON Feed to write (its folder is made if it does not exist).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The address the feed was fetched from: the base of the addresses it leaves relative
        /// when it names no absolute one (a Jekyll feed, a saved file).
        #[arg(long, value_name = "URL")]
        base: Option<String>,
        /// Where the Gazette site will live (https://news.example.edu/): its canonical links,
        /// link previews and sitemaps are built from it. Without it, the CMS's home page stands
        /// for the site, as the import says.
        #[arg(long, value_name = "URL")]
        site_url: Option<String>,
    },
    /// Lay out a feed or an archive as the static files the site reads.
    ///
    /// Writes DIR/feed.json and, when the feed is longer than one page, the paged layout that lets
    /// every page of the site fetch only what it shows (see docs/feed-format.md). A paged archive
    /// is indexed for search by Pagefind (GAZETTE_PAGEFIND, or pagefind on the PATH or in
    /// ./node_modules/.bin) unless --no-search is given.
    Build {
        /// A JSON Feed file (with the pages its next_url chain names, when they are files beside
        /// it), or a folder holding _site.json (the feed's own fields) and one JSON file per story.
        input: PathBuf,
        /// The folder to write into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Stories per page of the main feed.
        #[arg(long, default_value_t = 50, value_parser = page_size)]
        page_size: usize,
        /// Stories per page of a topic.
        #[arg(long, default_value_t = archive::TOPIC_PAGE_SIZE, value_parser = page_size)]
        topic_page_size: usize,
        /// Do not index the archive for search.
        #[arg(long)]
        no_search: bool,
    },
    /// Finish a Trunk build in DIR, or publish again the feed now in a published DIR.
    ///
    /// Lays out DIR/feed.json as build does, moves Trunk's inline loader into a file, adds the
    /// Content Security Policy, prerenders every page and writes the site's other files. Trunk's
    /// post-build hook runs it; run it again after replacing DIR/feed.json to refresh the pages
    /// without a new build.
    Publish {
        /// The built site.
        dir: PathBuf,
    },
}

fn page_size(text: &str) -> Result<usize, String> {
    text.parse()
        .ok()
        .filter(|n| (1..=10_000).contains(n))
        .ok_or_else(|| format!("{text:?} is not a whole number from 1 to 10000"))
}

fn main() -> ExitCode {
    let done = match Cli::parse().command {
        Command::Validate { feed } => validate::run(&feed),
        Command::Build {
            input,
            out,
            page_size,
            topic_page_size,
            no_search,
        } => build_every_edition(archive::Options {
            input,
            out,
            page_size,
            topic_page_size,
            feed_url: "/feed.json".to_owned(),
            search: !no_search,
        }),
        Command::Import {
            feed,
            out,
            base,
            site_url,
        } => import::run(&feed, &out, &import::Options { base, site_url }),
        Command::Publish { dir } => publish::run(&dir),
    };
    match done {
        Ok(code) => code,
        Err(message) => {
            eprintln!("gazette: {message}");
            ExitCode::from(2)
        }
    }
}

/// `gazette build`: the feed laid out, and when it declares editions, each
/// edition's feed beside it (`{prefix}feed.json`) laid out under its prefix.
fn build_every_edition(options: archive::Options) -> Result<ExitCode, String> {
    let code = archive::run(&options)?;
    let declared = std::fs::read(&options.input)
        .ok()
        .and_then(|bytes| gazette::feed::read_feed(&bytes, "/feed.json").ok())
        .map(|feed| feed.site.editions)
        .unwrap_or_default();
    let source = options.input.parent().unwrap_or(std::path::Path::new(".")).to_owned();
    for edition in declared.iter().filter(|e| !e.prefix.is_empty()) {
        let input = source.join(&edition.prefix).join("feed.json");
        if !input.exists() {
            crate::report::warning(format_args!(
                "the {} edition has no {}; skipped",
                edition.language,
                input.display()
            ));
            continue;
        }
        archive::run(&archive::Options {
            input,
            out: options.out.join(&edition.prefix),
            feed_url: format!("/{}feed.json", edition.prefix),
            ..options.clone()
        })?;
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_commands_and_their_usage() {
        Cli::command().debug_assert();
        let build =
            Cli::try_parse_from(["gazette", "build", "feed.json", "--out", "dist", "--page-size", "20"]).unwrap();
        assert!(matches!(
            build.command,
            Command::Build {
                page_size: 20,
                no_search: false,
                ..
            }
        ));
        let missing = Cli::try_parse_from(["gazette", "build", "feed.json"]).err().unwrap();
        assert!(missing.to_string().contains("--out <DIR>"), "{missing}");
        let zero = Cli::try_parse_from(["gazette", "build", "f.json", "--out", "d", "--page-size", "0"])
            .err()
            .unwrap();
        assert!(
            zero.to_string().contains("\"0\" is not a whole number from 1 to 10000"),
            "{zero}"
        );
        let unknown = Cli::try_parse_from(["gazette", "publsh", "dist"]).err().unwrap();
        assert!(
            unknown.to_string().contains("publish"),
            "a close match is suggested: {unknown}"
        );
        let version = Cli::try_parse_from(["gazette", "--version"]).err().unwrap();
        assert!(version.to_string().contains(env!("CARGO_PKG_VERSION")));
        let help = Cli::try_parse_from(["gazette", "help", "validate"]).err().unwrap();
        assert!(help.to_string().contains("JSON path, line and column"), "{help}");
    }
}
