//! The platform's inert HTML parser, feeding the allowlist in `feed::html`.
//!
//! In the browser this is `DOMParser` with `text/html`: it builds a document
//! that is never attached, so no script runs and no resource loads. The
//! resulting nodes are copied into plain `HtmlNode`s and dropped.

use crate::feed::html::{blocks_from_html, HtmlNode};
use crate::feed::{Article, Block, Content};

/// Levels of the DOM copied as elements; anything deeper becomes its text.
#[cfg(target_arch = "wasm32")]
const MAX_DEPTH: usize = 128;

/// The story's body as blocks, converting `content_html` when that is what
/// the feed gave. `base` resolves the HTML's relative URLs.
pub fn article_blocks(article: &Article, base: &str) -> Vec<Block> {
    match &article.content {
        Content::Blocks(blocks) => blocks.clone(),
        Content::Html(html) => blocks_from_html(&parse_fragment(html), base),
    }
}

#[cfg(target_arch = "wasm32")]
pub fn parse_fragment(html: &str) -> Vec<HtmlNode> {
    use web_sys::{DomParser, SupportedType};
    let Ok(parser) = DomParser::new() else {
        return Vec::new();
    };
    let html = crate::feed::html::strip_inline_code(html);
    let Ok(document) = parser.parse_from_string(&html, SupportedType::TextHtml) else {
        return Vec::new();
    };
    match document.body() {
        Some(body) => children_of(&body, 0),
        None => Vec::new(),
    }
}

#[cfg(target_arch = "wasm32")]
fn children_of(node: &web_sys::Node, depth: usize) -> Vec<HtmlNode> {
    use wasm_bindgen::JsCast;
    let children = node.child_nodes();
    let mut out = Vec::with_capacity(children.length() as usize);
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            web_sys::Node::TEXT_NODE | web_sys::Node::CDATA_SECTION_NODE => {
                if let Some(text) = child.text_content() {
                    out.push(HtmlNode::Text(text));
                }
            }
            web_sys::Node::ELEMENT_NODE => {
                let Ok(element) = child.dyn_into::<web_sys::Element>() else {
                    continue;
                };
                let name = element.local_name().to_ascii_lowercase();
                if depth >= MAX_DEPTH {
                    out.push(HtmlNode::Text(element.text_content().unwrap_or_default()));
                    continue;
                }
                let attrs = element.attributes();
                let attributes = (0..attrs.length())
                    .filter_map(|j| attrs.item(j))
                    .map(|a| (a.local_name().to_ascii_lowercase(), a.value()))
                    .filter(|(k, _)| {
                        matches!(
                            k.as_str(),
                            "href" | "src" | "srcset" | "alt" | "width" | "height" | "class"
                        )
                    })
                    .collect();
                let children = children_of(&element, depth + 1);
                out.push(HtmlNode::Element {
                    name,
                    attributes,
                    children,
                });
            }
            _ => {}
        }
    }
    out
}

/// Outside the browser (the prerenderer), the text survives as paragraphs.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_fragment(html: &str) -> Vec<HtmlNode> {
    crate::feed::text::html_to_text(html)
        .split("  ")
        .map(|p| HtmlNode::Element {
            name: "p".into(),
            attributes: Vec::new(),
            children: vec![HtmlNode::Text(p.to_owned())],
        })
        .collect()
}
