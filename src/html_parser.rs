//! The platform's HTML5 parser, behind the `HtmlNode` seam of `feed::html`,
//! and the app's one way to read a feed with it.
//!
//! In the browser this is `DOMParser` with `text/html`: it builds a document
//! that is never attached, with scripting off, so nothing runs and nothing
//! loads; its body's nodes are copied into plain `HtmlNode`s and dropped.
//! Natively (the prerenderer, the tools, native tests) it is html5ever,
//! which implements the same parsing algorithm and hands over the same tree
//! (a browser test compares the two on real feeds, block for block).

use crate::feed::{read_feed_with, Feed, FeedError};

/// Reads a feed document and ingests its stories with the platform's parser.
pub fn read_feed(bytes: &[u8], document_url: &str) -> Result<Feed, FeedError> {
    read_feed_with(bytes, document_url, &PLATFORM_PARSER)
}

#[cfg(not(target_arch = "wasm32"))]
pub use crate::feed::html5::Html5ever as PlatformParser;

#[cfg(not(target_arch = "wasm32"))]
const PLATFORM_PARSER: PlatformParser = crate::feed::html5::Html5ever;

#[cfg(target_arch = "wasm32")]
const PLATFORM_PARSER: PlatformParser = PlatformParser;

/// The browser's `DOMParser`.
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone, Copy, Default)]
pub struct PlatformParser;

#[cfg(target_arch = "wasm32")]
impl crate::feed::html::HtmlParser for PlatformParser {
    fn parse(&self, html: &str) -> Vec<crate::feed::html::HtmlNode> {
        use web_sys::{DomParser, SupportedType};
        let Ok(parser) = DomParser::new() else {
            return Vec::new();
        };
        let Ok(document) = parser.parse_from_string(html, SupportedType::TextHtml) else {
            return Vec::new();
        };
        match document.body() {
            Some(body) => dom::children_of(&body, 0),
            None => Vec::new(),
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod dom {
    use crate::feed::html::{HtmlNode, MAX_TREE_DEPTH, READ_ATTRIBUTES};
    use wasm_bindgen::JsCast;

    /// The kinds of node are told apart with `instanceof`, which markup
    /// cannot shadow, and a form is never looked into: its controls' names
    /// shadow its own properties (`<input name=attributes>`), and the
    /// allowlist drops its content anyway.
    pub fn children_of(node: &web_sys::Node, depth: usize) -> Vec<HtmlNode> {
        let children = node.child_nodes();
        let mut out = Vec::with_capacity(children.length() as usize);
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            if child.has_type::<web_sys::Text>() {
                if let Some(text) = child.text_content() {
                    out.push(HtmlNode::Text(text));
                }
                continue;
            }
            if child.has_type::<web_sys::HtmlFormElement>() {
                out.push(HtmlNode::element("form", &[], Vec::new()));
                continue;
            }
            let Ok(element) = child.dyn_into::<web_sys::Element>() else {
                continue;
            };
            if depth >= MAX_TREE_DEPTH {
                out.push(HtmlNode::Text(element.text_content().unwrap_or_default()));
                continue;
            }
            let attrs = element.attributes();
            let attributes = (0..attrs.length())
                .filter_map(|j| attrs.item(j))
                .map(|a| (a.local_name().to_ascii_lowercase(), a.value()))
                .filter(|(k, _)| READ_ATTRIBUTES.contains(&k.as_str()))
                .collect();
            out.push(HtmlNode::Element {
                name: element.local_name().to_ascii_lowercase(),
                attributes,
                children: children_of(&element, depth + 1),
            });
        }
        out
    }
}
