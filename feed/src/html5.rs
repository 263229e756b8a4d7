//! The HTML5 parser outside the browser: html5ever, the parsing algorithm
//! browsers implement, building the same [`HtmlNode`] tree that the
//! browser's `DOMParser` gives (`src/html_parser.rs`), so that a story
//! prerendered at build time and drawn in the browser has the same blocks.
//!
//! Both parse the text as a whole document with scripting off, as
//! `DOMParser` does (a `<noscript>` then holds elements, not text), and hand
//! over the body's children, keeping only [`READ_ATTRIBUTES`].

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ns, parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::html::{is_read_attribute, HtmlNode, HtmlParser, MAX_TREE_DEPTH};

/// html5ever as Gazette's HTML parser.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html5ever;

impl HtmlParser for Html5ever {
    fn parse(&self, html: &str) -> Vec<HtmlNode> {
        let options = ParseOpts {
            tree_builder: TreeBuilderOpts {
                scripting_enabled: false,
                ..TreeBuilderOpts::default()
            },
            ..ParseOpts::default()
        };
        let dom = parse_document(RcDom::default(), options).one(html);
        match body(&dom.document) {
            Some(body) => children_of(&body, 0),
            None => Vec::new(),
        }
    }
}

fn element_name(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_ascii_lowercase().to_string()),
        _ => None,
    }
}

/// The document's `<body>`: the parser always makes one.
fn body(document: &Handle) -> Option<Handle> {
    let html = document
        .children
        .borrow()
        .iter()
        .find(|c| element_name(c).as_deref() == Some("html"))
        .cloned()?;
    let body = html
        .children
        .borrow()
        .iter()
        .find(|c| element_name(c).as_deref() == Some("body"))
        .cloned();
    body
}

fn children_of(node: &Handle, depth: usize) -> Vec<HtmlNode> {
    let children = node.children.borrow();
    let mut out = Vec::with_capacity(children.len());
    for child in children.iter() {
        match &child.data {
            NodeData::Text { contents } => out.push(HtmlNode::Text(contents.borrow().to_string())),
            // As the browser's walker does: a form's content is never read.
            NodeData::Element { name, .. } if &*name.local == "form" && name.ns == ns!(html) => {
                out.push(HtmlNode::element("form", &[], Vec::new()))
            }
            NodeData::Element { name, attrs, .. } => {
                if depth >= MAX_TREE_DEPTH {
                    out.push(HtmlNode::Text(text_content(child)));
                    continue;
                }
                let attributes = attrs
                    .borrow()
                    .iter()
                    .map(|a| (a.name.local.to_ascii_lowercase().to_string(), a.value.to_string()))
                    .filter(|(k, _)| is_read_attribute(k))
                    .collect();
                out.push(HtmlNode::Element {
                    name: name.local.to_ascii_lowercase().to_string(),
                    attributes,
                    children: children_of(child, depth + 1),
                });
            }
            _ => {}
        }
    }
    out
}

/// All the text below `node`, as the DOM's `textContent` gives it.
fn text_content(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![node.clone()];
    while let Some(next) = stack.pop() {
        if let NodeData::Text { contents } = &next.data {
            out.push_str(&contents.borrow());
        }
        stack.extend(next.children.borrow().iter().rev().cloned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> Vec<HtmlNode> {
        Html5ever.parse(html)
    }

    #[test]
    fn the_body_of_a_whole_document_with_only_read_attributes() {
        let nodes = parse(r#"<title>x</title><p class=lead style="color:red" id=p>Hello <b onclick=x>there</b></p>"#);
        assert_eq!(
            nodes,
            vec![HtmlNode::element(
                "p",
                &[("class", "lead")],
                vec![
                    HtmlNode::text("Hello "),
                    HtmlNode::element("b", &[], vec![HtmlNode::text("there")])
                ]
            )]
        );
    }

    #[test]
    fn noscript_holds_elements_as_with_scripting_off() {
        // (At the very start the parser is still in the document's head,
        // where a `<noscript>` may not hold an image: browsers do the same.)
        let nodes = parse(r#"<p>x</p><noscript><img src="a.jpg"></noscript>"#);
        assert_eq!(
            nodes[1..],
            [HtmlNode::element(
                "noscript",
                &[],
                vec![HtmlNode::element("img", &[("src", "a.jpg")], vec![])]
            )]
        );
    }

    #[test]
    fn the_tree_builder_repairs_markup_as_browsers_do() {
        // `<li>` closes the open item; a stray `</p>` opens an empty paragraph.
        let nodes = parse("<ul><li>one<li>two</ul></p>");
        let HtmlNode::Element { children, .. } = &nodes[0] else {
            panic!()
        };
        assert_eq!(children.len(), 2);
        assert_eq!(nodes[1], HtmlNode::element("p", &[], vec![]));
    }

    #[test]
    fn trees_deeper_than_the_bound_become_text() {
        let html = format!("{}deep{}", "<span>".repeat(200), "</span>".repeat(200));
        let mut node = &parse(&html)[0];
        let mut depth = 0;
        while let HtmlNode::Element { children, .. } = node {
            node = &children[0];
            depth += 1;
        }
        assert_eq!(depth, MAX_TREE_DEPTH);
        assert_eq!(node, &HtmlNode::text("deep"));
    }
}
