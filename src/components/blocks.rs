use leptos::prelude::*;

use crate::feed::text::cjk_language;
use crate::feed::url::is_external;
use crate::feed::{Block, Inline};

use super::Figure;

/// A story's body: each typed block rendered by the one view that knows it.
#[component]
pub fn BodyBlocks(blocks: Vec<Block>) -> impl IntoView {
    let mut photos = 0;
    blocks
        .into_iter()
        .map(|block| {
            let number = matches!(block, Block::Image(_)).then(|| {
                photos += 1;
                photos - 1
            });
            block_view(block, number)
        })
        .collect_view()
}

/// `photo`: for a photo block, its place among the story's photos (the
/// first loads at once: it is usually on screen).
fn block_view(block: Block, photo: Option<usize>) -> AnyView {
    let lang = matches!(block, Block::Paragraph(_) | Block::Quote { .. })
        .then(|| cjk_language(&block.text()))
        .flatten();
    match block {
        Block::Paragraph(content) => view! { <p lang=lang>{inlines(content)}</p> }.into_any(),
        Block::Heading { level, text } => match level {
            2 => view! { <h2>{text}</h2> }.into_any(),
            3 => view! { <h3>{text}</h3> }.into_any(),
            4 => view! { <h4>{text}</h4> }.into_any(),
            5 => view! { <h5>{text}</h5> }.into_any(),
            _ => view! { <h6>{text}</h6> }.into_any(),
        },
        Block::Image(image) => view! { <Figure image eager=photo == Some(0) number=photo /> }.into_any(),
        Block::Quote { content, cite } => view! {
            <blockquote class="quote" lang=lang>
                <p>{inlines(content)}</p>
                {cite.map(|c| view! { <footer>{c}</footer> })}
            </blockquote>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{inlines(item)}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Code(text) => view! { <pre><code>{text}</code></pre> }.into_any(),
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
