use leptos::prelude::*;

use crate::feed::text::cjk_language;
use crate::feed::url::is_external;
use crate::feed::{Block, Cell, Inline, Table};

use super::Figure;

/// A story's body: each typed block rendered by the one view that knows it.
#[component]
pub fn BodyBlocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block_view).collect_view()
}

fn block_view(block: Block) -> AnyView {
    let lang = matches!(block, Block::Paragraph(_) | Block::Quote { .. })
        .then(|| cjk_language(&block.text()))
        .flatten();
    match block {
        Block::Paragraph(content) => view! { <p lang=lang>{inlines(content)}</p> }.into_any(),
        Block::Heading { level, content } => {
            let content = inlines(content);
            match level {
                2 => view! { <h2>{content}</h2> }.into_any(),
                3 => view! { <h3>{content}</h3> }.into_any(),
                4 => view! { <h4>{content}</h4> }.into_any(),
                5 => view! { <h5>{content}</h5> }.into_any(),
                _ => view! { <h6>{content}</h6> }.into_any(),
            }
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
            if ordered {
                view! { <ol start=start>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Table(table) => view! { <DataTable table /> }.into_any(),
        Block::Code(text) => view! { <pre><code>{text}</code></pre> }.into_any(),
    }
}

/// An item's blocks. A tight item (its text, then perhaps a nested list) is
/// written without a paragraph around the text, as Markdown writes it.
fn list_item(blocks: Vec<Block>) -> AnyView {
    let paragraphs = blocks.iter().filter(|b| matches!(b, Block::Paragraph(_))).count();
    let mut blocks = blocks.into_iter();
    let lead = match blocks.as_slice().first() {
        Some(Block::Paragraph(_)) if paragraphs == 1 => match blocks.next() {
            Some(Block::Paragraph(content)) => Some(inlines(content)),
            _ => None,
        },
        _ => None,
    };
    view! { <li>{lead}{blocks.map(block_view).collect_view()}</li> }.into_any()
}

/// A data table in a frame that scrolls sideways on a narrow screen; the
/// frame is focusable so that keyboard readers can scroll it too.
#[component]
fn DataTable(table: Table) -> impl IntoView {
    let Table { caption, head, rows } = table;
    let label = (!caption.is_empty()).then(|| {
        let mut text = String::new();
        crate::feed::push_inline_text(&caption, &mut text);
        text
    });
    let head = (!head.is_empty()).then(|| {
        view! {
            <thead>
                <tr>{head.into_iter().map(|cell| view! { <th scope="col">{inlines(cell)}</th> }).collect_view()}</tr>
            </thead>
        }
    });
    let row = |cells: Vec<Cell>| {
        view! {
            <tr>
                {cells
                    .into_iter()
                    .map(|cell| {
                        if cell.header {
                            view! { <th scope="row">{inlines(cell.content)}</th> }.into_any()
                        } else {
                            view! { <td>{inlines(cell.content)}</td> }.into_any()
                        }
                    })
                    .collect_view()}
            </tr>
        }
    };
    view! {
        <div class="table-frame" role="region" tabindex="0" aria-label=label.unwrap_or_else(|| "Table".to_owned())>
            <table>
                {(!caption.is_empty()).then(|| view! { <caption>{inlines(caption)}</caption> })}
                {head}
                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
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
            view! { <a href=url rel=external.then_some("noopener noreferrer")>{inlines(content)}</a> }.into_any()
        }
    }
}
