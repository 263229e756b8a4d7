use leptos::prelude::*;

use crate::feed::text::cjk_language;
use crate::feed::url::is_external;
use crate::feed::{Block, Cell, Inline, Table};

use super::{EmbedFacade, Figure, MediaPlayer};

/// A story's body: each typed block rendered by the one view that knows it.
/// `page` is the address of the page it is drawn on, which the story's links
/// within itself (`#methods`) are written against.
#[component]
pub fn BodyBlocks(blocks: Vec<Block>, #[prop(optional, into)] page: String) -> impl IntoView {
    provide_context(StoryPage(page));
    blocks.into_iter().map(block_view).collect_view()
}

/// The address of the page a story's body is drawn on.
#[derive(Clone)]
struct StoryPage(String);

fn block_view(block: Block) -> AnyView {
    let lang = matches!(block, Block::Paragraph(_) | Block::Quote { .. })
        .then(|| cjk_language(&block.text()))
        .flatten();
    match block {
        Block::Paragraph(content) => view! { <p lang=lang>{inlines(content)}</p> }.into_any(),
        // One element built by its name rather than five kinds of element:
        // the same page, and a fifth of the code.
        Block::Heading { level, content, anchor } => {
            let tag = ["h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(2, 6) - 2)];
            leptos::html::custom(tag).attr("id", anchor).child(inlines(content)).into_any()
        }
        // The first photo loads at once: it is usually on screen.
        Block::Photo { image, number } => view! { <Figure image eager=number == 0 number=Some(number) /> }.into_any(),
        Block::Quote { blocks, cite } => view! {
            <blockquote class="quote" lang=lang>
                {blocks.into_iter().map(block_view).collect_view()}
                {cite.map(|c| view! { <footer>{c}</footer> })}
            </blockquote>
        }
        .into_any(),
        Block::List { ordered, start, items } => {
            let items = items.into_iter().map(list_item).collect_view();
            leptos::html::custom(if ordered { "ol" } else { "ul" })
                .attr("start", start)
                .child(items)
                .into_any()
        }
        Block::Table(table) => view! { <DataTable table /> }.into_any(),
        Block::Code(text) => view! { <pre><code>{text}</code></pre> }.into_any(),
        Block::Embed(embed) => view! { <EmbedFacade embed /> }.into_any(),
        Block::Media(media) => view! { <MediaPlayer media /> }.into_any(),
        // An image of itself: in an `<img>` an SVG runs nothing and loads
        // nothing, whatever got past the allowlist.
        Block::Graphic(graphic) => view! {
            <figure class="graphic">
                <img src=graphic.data_url() alt=graphic.label width=graphic.width height=graphic.height loading="lazy" decoding="async" />
            </figure>
        }
        .into_any(),
    }
}

/// An item's blocks. (The style sheet sets a tight item's paragraph as
/// Markdown tools write it, without space around it.)
fn list_item(blocks: Vec<Block>) -> AnyView {
    view! { <li>{blocks.into_iter().map(block_view).collect_view()}</li> }.into_any()
}

/// A data table in a frame that scrolls sideways on a narrow screen; the
/// frame is focusable so that keyboard readers can scroll it too.
#[component]
fn DataTable(table: Table) -> impl IntoView {
    let Table { caption, head, rows } = table;
    let tr = crate::catalog::use_catalog();
    let label = (!caption.is_empty()).then(|| {
        let mut text = String::new();
        crate::feed::push_inline_text(&caption, &mut text);
        text
    });
    let head = (!head.is_empty()).then(|| {
        let cells = head.into_iter().map(|content| Cell { header: true, content }).collect();
        view! { <thead>{table_row(cells, "col")}</thead> }
    });
    let rows = rows.into_iter().map(|cells| table_row(cells, "row")).collect_view();
    view! {
        <div class="table-frame" role="region" tabindex="0" aria-label=label.unwrap_or_else(|| tr.table_region().to_string())>
            <table>
                {(!caption.is_empty()).then(|| view! { <caption>{inlines(caption)}</caption> })}
                {head}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A row of cells; its headings head their column in the header row, else their row.
fn table_row(cells: Vec<Cell>, scope: &'static str) -> AnyView {
    let cells = cells
        .into_iter()
        .map(|cell| table_cell(cell.header, scope, cell.content))
        .collect_view();
    view! { <tr>{cells}</tr> }.into_any()
}

/// A heading cell (`th`, for its column or row) or a data cell.
fn table_cell(header: bool, scope: &'static str, content: Vec<Inline>) -> AnyView {
    leptos::html::custom(if header { "th" } else { "td" })
        .attr("scope", header.then_some(scope))
        .child(inlines(content))
        .into_any()
}

/// Inline content as elements and text nodes: never parsed as markup.
pub fn inlines(content: Vec<Inline>) -> AnyView {
    content.into_iter().map(inline_view).collect_view().into_any()
}

fn inline_view(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Emphasis(content) => view! { <em>{inlines(content)}</em> }.into_any(),
        Inline::Strong(content) => view! { <strong>{inlines(content)}</strong> }.into_any(),
        Inline::Code(text) => view! { <code>{text}</code> }.into_any(),
        Inline::LineBreak => view! { <br /> }.into_any(),
        Inline::Link { url, content } => {
            let external = is_external(&url);
            // A link within the story is written against the page's own
            // address: with `<base href>` a bare `#methods` would lead to the
            // front page, with or without the app.
            let url = match url.strip_prefix('#') {
                Some(_) => format!("{}{url}", story_page()),
                None => url,
            };
            view! { <a href=url rel=external.then_some("noopener noreferrer")>{inlines(content)}</a> }.into_any()
        }
    }
}

/// The address of the page a story's body is drawn on ([`BodyBlocks`]'s
/// `page`); empty elsewhere.
fn story_page() -> String {
    use_context::<StoryPage>().map(|page| page.0).unwrap_or_default()
}

/// No text of a story is lost between its HTML and its page: every
/// character a reader of the HTML would see (after the allowlist) is in the
/// body as rendered, in order, for every story of the shared JSON Feed corpus
/// and the nested-Markdown fixture.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::feed::html::{allowlisted_text, strip_inline_code, HtmlParser};
    use crate::feed::html5::Html5ever;
    use crate::feed::json::{self, Node};

    /// What the text of a page is compared on: no white space, and no
    /// dashes (a quote's source loses its leading "—", which the page's
    /// style sheet puts back).
    fn letters(text: &str) -> Vec<char> {
        text.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '—' | '–' | '-'))
            .collect()
    }

    /// The text of the body as the page renders it.
    fn rendered_text(blocks: Vec<Block>) -> String {
        let owner = Owner::new();
        let html = owner.with(|| view! { <BodyBlocks blocks /> }.to_html());
        allowlisted_text(&Html5ever.parse(&html))
    }

    /// Where `wanted` stops being a subsequence of `shown`, if it does.
    fn first_lost(wanted: &[char], shown: &[char]) -> Option<usize> {
        let mut shown = shown.iter();
        wanted.iter().position(|c| !shown.any(|s| s == c))
    }

    fn assert_nothing_lost(name: &str, html: &str, base: &str) {
        let source: String = allowlisted_text(&Html5ever.parse(&strip_inline_code(html)));
        let blocks = crate::feed::html::blocks_from_html(&Html5ever.parse(&strip_inline_code(html)), base);
        let (wanted, shown) = (letters(&source), letters(&rendered_text(blocks)));
        if let Some(at) = first_lost(&wanted, &shown) {
            let context: String = wanted[at.saturating_sub(40)..(at + 40).min(wanted.len())]
                .iter()
                .collect();
            panic!("{name}: text lost at character {at} of {}: …{context}…", wanted.len());
        }
    }

    #[test]
    fn the_nested_markdown_fixture_keeps_all_its_text() {
        let html = include_str!("../../tests/fixtures/nested-markdown.html");
        assert_nothing_lost("nested-markdown.html", html, "/feed.json");
        // And the check itself notices a loss.
        let shown = letters("Weekday mornings the first tram");
        assert_eq!(first_lost(&letters("Weekday mornings at 5:40"), &shown), Some(16));
    }

    #[test]
    fn every_corpus_story_keeps_all_its_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/jsonfeed");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "SKIPPED: {} is absent (the shared corpora are not beside this clone)",
                dir.display()
            );
            return;
        };
        let mut stories = 0;
        for path in entries.flatten().map(|e| e.path()) {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let Ok((_, root)) = json::parse_bytes(&bytes) else {
                continue;
            };
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            for item in root.get("items").and_then(Node::as_array).unwrap_or_default() {
                if let Some(html) = item.get("content_html").and_then(Node::as_str) {
                    assert_nothing_lost(&name, html, "https://example.org/feed.json");
                    stories += 1;
                }
            }
        }
        assert!(stories > 300, "{stories} stories");
    }

    /// A story's heading never takes an id the page gives its own parts:
    /// every id the app writes is one `PAGE_IDS` reserves.
    #[test]
    fn the_page_ids_stories_may_not_take_are_every_id_the_app_writes() {
        let mut written = Vec::new();
        for text in crate::rust_sources(&["src"]) {
            for (at, _) in text.match_indices(" id=\"") {
                written.push(text[at + 5..].chars().take_while(|c| *c != '"').collect::<String>());
            }
        }
        assert!(written.iter().any(|id| id == "main"), "{written:?}");
        for id in written {
            assert!(
                crate::feed::url::story_anchor(&id).is_none(),
                "the app writes id=\"{id}\": add it to PAGE_IDS in feed/src/url.rs"
            );
        }
    }

    #[test]
    fn a_link_within_the_story_is_written_against_its_page() {
        let owner = Owner::new();
        let blocks = vec![
            Block::Paragraph(vec![Inline::Link {
                url: "#methods".into(),
                content: vec![Inline::Text("Methods".into())],
            }]),
            Block::Heading {
                level: 2,
                content: vec![Inline::Text("Methods".into())],
                anchor: Some("methods".into()),
            },
        ];
        let html = owner.with(|| view! { <BodyBlocks blocks page="/news/articles/x/" /> }.to_html());
        assert!(
            html.contains(r##"<a href="/news/articles/x/#methods">Methods"##),
            "{html}"
        );
        assert!(html.contains(r#"<h2 id="methods">Methods"#), "{html}");
    }
}
