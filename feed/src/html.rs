//! Turns a story's `content_html` into Gazette's typed blocks through an
//! allowlist.
//!
//! The HTML is first parsed by an inert parser (in the browser, `DOMParser`:
//! nothing runs and nothing loads) into the plain tree below; this module
//! then keeps only paragraphs, headings, links, emphasis, lists, quotes,
//! figures, line breaks and code. Everything else is dropped (scripts,
//! styles, frames, forms, embedded media) or reduced to its text. No markup
//! survives: the blocks are rendered as text and elements the app builds.

use super::embed::embed_of;
use super::model::{push_inline_text, Block, Cell, Graphic, Image, Inline, Media, MediaKind, Table};
use super::svg::graphic_of;
use super::text::squash_whitespace;
use super::url::{is_feed_furniture, safe_url, story_anchor, story_fragment, UrlUse};

/// An HTML5 parser that builds the tree the allowlist reads: the browser's
/// `DOMParser` there, html5ever natively ([`crate::html5::Html5ever`]).
/// Both parse the text as a whole document with scripting off and give the
/// body's children, copying only [`READ_ATTRIBUTES`] and turning elements
/// deeper than [`MAX_TREE_DEPTH`] into their text, so that a story reads the
/// same wherever it is read.
///
/// The reader reaches the allowlist only through [`HtmlParser::story_blocks`]
/// and [`HtmlParser::graphic`], called through the trait object: so the
/// browser's app fetches the allowlist's code only when a story comes as
/// HTML, not for a feed of typed blocks (`_gazette.body`).
pub trait HtmlParser {
    fn parse(&self, html: &str) -> Vec<HtmlNode>;

    /// A story's `content_html` as blocks; `base` resolves its relative URLs.
    fn story_blocks(&self, html: &str, base: &str) -> Vec<Block> {
        blocks_from_html(&self.parse(&strip_inline_code(html)), base)
    }

    /// A typed graphic block's markup, when it is an `<svg>` that draws something.
    fn graphic(&self, svg: &str) -> Option<Graphic> {
        self.parse(&strip_inline_code(svg))
            .iter()
            .find(|n| matches!(n, HtmlNode::Element { name, .. } if name == "svg"))
            .and_then(graphic_of)
    }
}

/// Levels of a parsed tree kept as elements; anything deeper becomes its text.
pub const MAX_TREE_DEPTH: usize = 128;

/// A parsed HTML node, independent of the parser that produced it.
#[derive(Debug, Clone, PartialEq)]
pub enum HtmlNode {
    Element {
        name: String,
        attributes: Vec<(String, String)>,
        children: Vec<HtmlNode>,
    },
    Text(String),
}

impl HtmlNode {
    pub fn element(name: &str, attributes: &[(&str, &str)], children: Vec<HtmlNode>) -> HtmlNode {
        HtmlNode::Element {
            name: name.to_owned(),
            attributes: attributes
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            children,
        }
    }

    pub fn text(text: &str) -> HtmlNode {
        HtmlNode::Text(text.to_owned())
    }

    fn attribute(&self, key: &str) -> Option<&str> {
        match self {
            HtmlNode::Element { attributes, .. } => attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            HtmlNode::Text(_) => None,
        }
    }
}

/// Removes event-handler (`on…`), `style` and `name` attributes from the
/// start tags of an HTML text before it is handed to a parser, and renames
/// each `id` to [`ID_ATTRIBUTE`].
///
/// Not a security measure: the parsed document is inert and the allowlist
/// drops those attributes anyway. But Chromium checks an inert document's
/// inline handlers and styles against the page's Content Security Policy as
/// it parses, and reports each as a violation; ordinary feeds are full of
/// `style=` attributes, so without this every story would fill the console.
/// And an `id` or `name` shadows the properties of the parsed document and
/// its forms that the DOM walker reads (`<img name=body>` makes
/// `document.body` that image: "DOM clobbering"). Both parsers read the text
/// this returns, so they still see the same markup.
pub fn strip_inline_code(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains('<') {
        return std::borrow::Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    // How many `<svg>`s the text is inside: there a `style` is the
    // graphic's own (a shape's fill), renamed rather than removed, so the
    // SVG allowlist can read the presentation attributes it sets.
    let mut svg_depth = 0usize;
    while i < bytes.len() {
        let Some(lt) = html[i..].find('<').map(|p| p + i) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..lt]);
        i = lt;
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if html[i..].starts_with("<!--") {
            let end = html[i + 4..].find("-->").map_or(bytes.len(), |p| i + 4 + p + 3);
            out.push_str(&html[i..end]);
            i = end;
        } else if next == b'/' || next == b'!' || next == b'?' {
            let end = html[i..].find('>').map_or(bytes.len(), |p| i + p + 1);
            let closing = html[i + 2..end].trim_end_matches('>').trim().to_ascii_lowercase();
            if next == b'/' && closing == "svg" {
                svg_depth = svg_depth.saturating_sub(1);
            }
            match inert_twin(&closing).filter(|_| next == b'/' && matches!(closing.as_str(), "video" | "audio")) {
                Some(twin) => out.push_str(&format!("</{twin}>")),
                None => out.push_str(&html[i..end]),
            }
            i = end;
        } else if next.is_ascii_alphabetic() {
            let mark = out.len();
            let (tag_end, name) = copy_start_tag(
                html,
                i,
                &mut out,
                svg_depth > 0 || html[i..].get(..4).is_some_and(|t| t.eq_ignore_ascii_case("<svg")),
            );
            i = tag_end;
            if name == "svg" && !out.ends_with("/>") {
                svg_depth += 1;
            }
            // Media and embeds are renamed before parsing, so that no parser
            // loads them (Chromium starts fetching a video's default text
            // track even in an inert document): `<iframe>` becomes an empty
            // `<x-embed>`, `<video>`, `<audio>` and `<source>` their `x-`
            // twins, which the allowlist reads as embeds and media.
            if let Some(twin) = inert_twin(&name) {
                out.replace_range(mark..mark + 1 + name.len(), &format!("<{twin}"));
                if name == "iframe" {
                    let end = html[i..]
                        .to_ascii_lowercase()
                        .find("</iframe")
                        .map_or(bytes.len(), |p| i + p);
                    i = html[end..].find('>').map_or(bytes.len(), |p| end + p + 1);
                }
                // The void ones, and the iframe whose content is gone, close at once.
                if matches!(name.as_str(), "iframe" | "source" | "embed") {
                    out.push_str(&format!("</{twin}>"));
                }
                continue;
            }
            if matches!(name.as_str(), "track" | "object" | "frame" | "link" | "meta" | "base") {
                out.truncate(mark);
                continue;
            }
            // Raw text (a script's body, a textarea) is copied as it stands;
            // scripts and style sheets go altogether, as the allowlist would.
            if matches!(
                name.as_str(),
                "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext"
            ) {
                let closing = format!("</{name}");
                let end = html[i..]
                    .to_ascii_lowercase()
                    .find(&closing)
                    .map_or(bytes.len(), |p| i + p);
                if name == "script" || name == "style" {
                    out.truncate(mark);
                    i = html[end..].find('>').map_or(bytes.len(), |p| end + p + 1);
                } else {
                    out.push_str(&html[i..end]);
                    i = end;
                }
            }
        } else {
            out.push('<');
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The inert element that stands for a media or embed element in the text
/// a parser reads (see [`strip_inline_code`]).
fn inert_twin(name: &str) -> Option<&'static str> {
    Some(match name {
        "iframe" | "embed" => "x-embed",
        "video" => "x-video",
        "audio" => "x-audio",
        "source" => "x-source",
        _ => return None,
    })
}

/// Copies the start tag at `start` into `out` without its `on…`, `style`
/// and `name` attributes; an `id` becomes [`ID_ATTRIBUTE`] (and in an SVG
/// graphic a `style` becomes `data-svg-style`); returns where the tag ends
/// and its lower-case name.
fn copy_start_tag(html: &str, start: usize, out: &mut String, in_svg: bool) -> (usize, String) {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
        i += 1;
    }
    let name = html[start + 1..i].to_ascii_lowercase();
    out.push_str(&html[start..i]);
    loop {
        let space_start = i;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            out.push_str(&html[space_start..]);
            return (bytes.len(), name);
        }
        if bytes[i] == b'>' {
            out.push_str(&html[space_start..=i]);
            return (i + 1, name);
        }
        let name_start = i;
        i += 1;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'=') {
            i += 1;
        }
        let attribute = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                j += 1;
            }
            match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    j = html[j + 1..].find(quote as char).map_or(bytes.len(), |p| j + 1 + p + 1);
                }
                _ => {
                    while j < bytes.len() && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>') {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        if attribute == "id" || (in_svg && attribute == "style") {
            out.push_str(&html[space_start..name_start]);
            out.push_str(if attribute == "id" {
                ID_ATTRIBUTE
            } else {
                "data-svg-style"
            });
            out.push_str(&html[name_start + attribute.len()..i]);
        } else if !(attribute.starts_with("on") || matches!(attribute.as_str(), "style" | "name")) {
            out.push_str(&html[space_start..i]);
        }
    }
}

/// Where the parsers' tree keeps an element's `id` (a heading's, which the
/// story's own links name; a graphic's gradient's), renamed before parsing
/// so that the parser's document never has the id itself (see
/// [`strip_inline_code`]).
pub const ID_ATTRIBUTE: &str = "data-gazette-id";

/// Elements whose content is never shown, not even as text. A `<noscript>`
/// and a `<picture>` are read for the photo they hold, nothing else.
const DROPPED: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "math",
    "canvas", "audio", "video", "source", "track", "map", "form", "input", "button", "select", "textarea", "option",
    "link", "meta", "base", "head", "title", "param", "picture",
];

/// The attributes the allowlist reads. A parser copies only these into the
/// tree, so the platforms' parsers hand over the same tree.
pub const READ_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "alt",
    "width",
    "height",
    "class",
    "start",
    // Lazy-loading scripts keep the real photo here and a placeholder in `src`.
    "data-src",
    "data-srcset",
    "data-lazy-src",
    "data-lazy-srcset",
    "data-original",
    // An embed's and a medium's name, a video's still, a source's format
    // (and the media query that makes a `<picture>` source another crop).
    "title",
    "poster",
    "type",
    "media",
];

/// Whether a parser copies the attribute `name` (lower case) into the tree:
/// one the allowlist reads, of HTML ([`READ_ATTRIBUTES`]) or of SVG.
pub fn is_read_attribute(name: &str) -> bool {
    READ_ATTRIBUTES.contains(&name)
        || super::svg::ATTRIBUTES
            .iter()
            .any(|spelled| spelled.eq_ignore_ascii_case(name))
        || super::svg::RENAMED.iter().any(|(parsed, _)| *parsed == name)
        || name == ID_ATTRIBUTE
}

/// Deeper trees are flattened to text: real content never nests this far,
/// and the bound keeps recursion off the stack limit.
const MAX_DEPTH: usize = 64;

/// Blocks for a parsed fragment. `base` resolves relative URLs.
pub fn blocks_from_html(nodes: &[HtmlNode], base: &str) -> Vec<Block> {
    let mut builder = Builder {
        base,
        blocks: Vec::new(),
        paragraph: Vec::new(),
        photo_urls: Vec::new(),
    };
    builder.flow(nodes, 0);
    builder.flush();
    builder.blocks
}

/// The text a reader of the HTML would see, after the allowlist: every text
/// node outside the dropped elements. What the blocks must not lose.
pub fn allowlisted_text(nodes: &[HtmlNode]) -> String {
    text_of(nodes, 0)
}

struct Builder<'a> {
    base: &'a str,
    blocks: Vec<Block>,
    /// Inline content waiting to become a paragraph.
    paragraph: Vec<Inline>,
    /// The photos read so far: a `<noscript>` copy of one is not read twice.
    photo_urls: Vec<String>,
}

impl Builder<'_> {
    fn flush(&mut self) {
        let content = trim_inlines(std::mem::take(&mut self.paragraph));
        if !content.is_empty() {
            self.blocks.push(Block::Paragraph(content));
        }
    }

    fn push_block(&mut self, block: Block) {
        self.flush();
        self.blocks.push(block);
    }

    fn push_photo(&mut self, image: Image) {
        self.photo_urls.push(image.url.clone());
        self.push_block(Block::Photo { image, number: 0 });
    }

    /// The blocks of nested content (a list item, a quote), read by the same rules.
    fn nested(&mut self, fill: impl FnOnce(&mut Self)) -> Vec<Block> {
        let outer_blocks = std::mem::take(&mut self.blocks);
        let outer_paragraph = std::mem::take(&mut self.paragraph);
        fill(self);
        self.flush();
        self.paragraph = outer_paragraph;
        std::mem::replace(&mut self.blocks, outer_blocks)
    }

    /// Block-level content: elements become blocks, loose inline content is
    /// gathered into paragraphs.
    fn flow(&mut self, nodes: &[HtmlNode], depth: usize) {
        let nodes = with_orphan_items_listed(nodes);
        for node in nodes.iter() {
            let HtmlNode::Element { name, children, .. } = node else {
                if let HtmlNode::Text(text) = node {
                    push_text(&mut self.paragraph, text);
                }
                continue;
            };
            if depth > MAX_DEPTH {
                push_text(&mut self.paragraph, &text_of(children, 0));
                continue;
            }
            // A photo, alone or in a link or `<picture>`, stands as a block
            // even inside running text, which it splits.
            if let Some(found) = image_in(node) {
                if let Some(image) = self.image(found, None) {
                    self.push_photo(image);
                }
                continue;
            }
            // Several photos in one link (a gallery's "open the set" link):
            // each a photo, as a browser shows each.
            if let Some(all) = images_in(node) {
                for found in all {
                    if let Some(image) = self.image(found, None) {
                        self.push_photo(image);
                    }
                }
                continue;
            }
            match name.as_str() {
                "x-embed" => {
                    let size = |key| {
                        node.attribute(key)
                            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
                    };
                    let src = node
                        .attribute("src")
                        .and_then(|src| safe_url(src, self.base, UrlUse::Link));
                    let title = node.attribute("title").map(squash_whitespace).filter(|t| !t.is_empty());
                    if let Some(embed) = src.and_then(|src| embed_of(&src, title, size("width"), size("height"))) {
                        self.push_block(Block::Embed(embed));
                    }
                }
                "x-video" | "x-audio" => {
                    if let Some(media) = self.media(node) {
                        self.push_block(Block::Media(media));
                    }
                }
                "svg" => {
                    if let Some(graphic) = graphic_of(node) {
                        self.push_block(Block::Graphic(graphic));
                    }
                }
                "figure"
                    if node.attribute("class").is_some_and(|c| c.contains("wp-block-embed"))
                        && !children.iter().any(holds_embed) =>
                {
                    // WordPress leaves the address alone in the block when the
                    // feed has no player: `<div class=…wrapper>https://youtu.be/x</div>`.
                    let text = squash_whitespace(&text_of(children, depth));
                    let link = text.split_whitespace().find(|w| w.starts_with("http"));
                    match link
                        .and_then(|l| safe_url(l, self.base, UrlUse::Link))
                        .and_then(|l| embed_of(&l, None, None, None))
                    {
                        Some(embed) => self.push_block(Block::Embed(embed)),
                        None => self.figure(children, depth),
                    }
                }
                "noscript" => self.fallback_photos(children),
                n if DROPPED.contains(&n) => {}
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    let content = trim_inlines(self.inlines(children, depth));
                    if !content.is_empty() {
                        // The page's headline is the only h1.
                        let level = name[1..].parse::<u8>().unwrap_or(2).clamp(2, 6);
                        let anchor = anchor_in(node).and_then(story_anchor);
                        self.push_block(Block::Heading { level, content, anchor });
                    }
                }
                "ul" | "ol" => {
                    let (before, items) = self.list_items(children, depth);
                    for block in before {
                        self.push_block(block);
                    }
                    if !items.is_empty() {
                        let start = node
                            .attribute("start")
                            .and_then(|s| s.trim().parse::<u32>().ok())
                            .filter(|&n| n != 1 && name == "ol");
                        self.push_block(Block::List {
                            ordered: name == "ol",
                            start,
                            items,
                        });
                    }
                }
                "blockquote" => {
                    let (blocks, cite) = self.quote(children, depth);
                    if !blocks.is_empty() {
                        self.push_block(Block::Quote { blocks, cite });
                    }
                }
                "pre" => {
                    let code = text_of(children, depth);
                    if !code.trim().is_empty() {
                        self.push_block(Block::Code(code.trim_matches('\n').to_owned()));
                    }
                }
                "figure" => self.figure(children, depth),
                "table" => match self.data_table(children, depth) {
                    Some(table) => self.push_block(Block::Table(table)),
                    // A table used for layout: its content in reading order.
                    None => self.container(children, depth),
                },
                "hr" => self.flush(),
                "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav" | "body"
                | "html" | "center" | "details" | "summary" | "thead" | "tbody" | "tfoot" | "tr" | "dl" | "dd"
                | "dt" | "address" | "figcaption" | "li" | "td" | "th" | "caption" => self.container(children, depth),
                // Markup around a photo and its text (`<span class=figure>`): the
                // photo stands as a block, the text runs on around it.
                _ if name != "a" && children.iter().any(holds_photo) => self.flow(children, depth + 1),
                // An inline element left open (`<tt>` never closed in a
                // newsletter) holds the paragraphs, lists and headings the
                // browser's parser put in it: they stay blocks, not one run.
                _ if name != "a" && children.iter().any(holds_block) => self.flow(children, depth + 1),
                _ => self.inline_node(node, depth),
            }
        }
    }

    fn container(&mut self, children: &[HtmlNode], depth: usize) {
        self.flush();
        self.flow(children, depth + 1);
        self.flush();
    }

    fn inline_node(&mut self, node: &HtmlNode, depth: usize) {
        let mut target = std::mem::take(&mut self.paragraph);
        inline_into(&mut target, node, self.base, depth);
        self.paragraph = target;
    }

    fn inlines(&self, nodes: &[HtmlNode], depth: usize) -> Vec<Inline> {
        let mut content = Vec::new();
        for node in nodes {
            inline_into(&mut content, node, self.base, depth + 1);
        }
        content
    }

    /// The blocks written in a list before its first item, and each item's
    /// blocks. Content written directly in a list, outside an item (a list
    /// in a list, as some editors write it, or plain text), is shown by the
    /// browser indented with no marker of its own: so it continues the item
    /// before it, or, before any item, comes before the list.
    fn list_items(&mut self, children: &[HtmlNode], depth: usize) -> (Vec<Block>, Vec<Vec<Block>>) {
        let mut before = Vec::new();
        let mut items: Vec<Vec<Block>> = Vec::new();
        let is_item = |node: &HtmlNode| matches!(node, HtmlNode::Element { name, .. } if name == "li");
        let mut rest = children;
        while let Some(first) = rest.first() {
            // An item, or the run of content up to the next one, read together
            // (text and the inline elements beside it are one paragraph).
            let run = if is_item(first) {
                1
            } else {
                rest.iter().position(is_item).unwrap_or(rest.len())
            };
            let (chunk, after) = rest.split_at(run);
            rest = after;
            match first {
                HtmlNode::Element { children, .. } if is_item(first) => {
                    let blocks = self.nested(|b| b.flow(children, depth + 1));
                    if !blocks.is_empty() {
                        items.push(blocks);
                    }
                }
                _ => {
                    let blocks = self.nested(|b| b.flow(chunk, depth + 1));
                    items.last_mut().unwrap_or(&mut before).extend(blocks);
                }
            }
        }
        (before, items)
    }

    /// A quote's blocks and the source named in its `footer` or `cite`, if any.
    fn quote(&mut self, children: &[HtmlNode], depth: usize) -> (Vec<Block>, Option<String>) {
        let mut cite = None;
        let blocks = self.nested(|b| {
            for child in children {
                match child {
                    HtmlNode::Element { name, children, .. } if name == "footer" || name == "cite" => {
                        let text = squash_whitespace(&text_of(children, depth));
                        let text = text.trim_start_matches(['—', '–', '-', ' ']).to_owned();
                        if !text.is_empty() {
                            cite = Some(text);
                        }
                    }
                    other => b.flow(std::slice::from_ref(other), depth + 1),
                }
            }
        });
        (blocks, cite)
    }

    fn figure(&mut self, children: &[HtmlNode], depth: usize) {
        let is_caption = |node: &HtmlNode| matches!(node, HtmlNode::Element { name, .. } if name == "figcaption");
        let (caption, credit) = match children.iter().find(|c| is_caption(c)) {
            Some(HtmlNode::Element { children, .. }) => split_credit(children, depth),
            _ => (None, None),
        };
        let others: Vec<&HtmlNode> = children.iter().filter(|c| !is_caption(c)).collect();
        // The photos of the figure, however deep its markup wraps them, when
        // nothing but photos stands beside the caption.
        let mut images = Vec::new();
        let photos_only = others.iter().all(|node| collect_images(node, &mut images, depth));
        if images.is_empty() || !photos_only {
            // A figure of something else (a quote, a code listing), or photos
            // amid text: its content as it stands.
            self.container(children, depth);
            return;
        }
        // Links in the caption and the credit stay links.
        let (caption_content, credit_content) = match children.iter().find(|c| is_caption(c)) {
            Some(HtmlNode::Element { children, .. }) => self.caption_links(children, depth),
            _ => (Vec::new(), Vec::new()),
        };
        let last = images.len() - 1;
        for (i, img) in images.into_iter().enumerate() {
            let details = (i == last).then(|| (caption.clone(), credit.clone()));
            if let Some(mut image) = self.image(img, details) {
                if i == last {
                    image.caption_content.clone_from(&caption_content);
                    image.credit_content.clone_from(&credit_content);
                }
                self.push_photo(image);
            }
        }
    }

    /// An `<audio>` or `<video>` (as its inert twin): its address, or its
    /// first source's, with the type, still and title the markup gives.
    fn media(&self, node: &HtmlNode) -> Option<Media> {
        let HtmlNode::Element { name, children, .. } = node else {
            return None;
        };
        let source = children.iter().find(|c| {
            matches!(c, HtmlNode::Element { name, .. } if name == "x-source") && c.attribute("src").is_some()
        });
        let (src, mime_type) = match node.attribute("src") {
            Some(src) => (src, node.attribute("type")),
            None => {
                let source = source?;
                (source.attribute("src")?, source.attribute("type"))
            }
        };
        Some(Media {
            kind: if name == "x-video" {
                MediaKind::Video
            } else {
                MediaKind::Audio
            },
            url: safe_url(src, self.base, UrlUse::Image)?,
            mime_type: mime_type
                .map(str::trim)
                .filter(|t| !t.is_empty() && t.len() < 80)
                .map(str::to_owned),
            poster: node
                .attribute("poster")
                .and_then(|p| safe_url(p, self.base, UrlUse::Image)),
            title: node.attribute("title").map(squash_whitespace).filter(|t| !t.is_empty()),
            duration_seconds: None,
            size_bytes: None,
        })
    }

    /// A figcaption's caption and credit (its `small` or `.credit`) as
    /// inline content, each only when it holds a link.
    fn caption_links(&self, children: &[HtmlNode], depth: usize) -> (Vec<Inline>, Vec<Inline>) {
        let (mut caption, mut credit) = (Vec::new(), Vec::new());
        for child in children {
            let target = if is_credit(child) { &mut credit } else { &mut caption };
            inline_into(target, child, self.base, depth + 1);
        }
        let linked = |content: Vec<Inline>| {
            let content = trim_inlines(content);
            if content.iter().any(|i| matches!(i, Inline::Link { .. })) {
                content
            } else {
                Vec::new()
            }
        };
        (linked(caption), linked(credit))
    }

    /// The photos of a `<noscript>` that the story does not already show:
    /// the fallback of a photo that a script would have loaded.
    fn fallback_photos(&mut self, children: &[HtmlNode]) {
        let mut images = Vec::new();
        for child in children {
            collect_images(child, &mut images, 0);
        }
        for found in images {
            if let Some(image) = self.image(found, None) {
                if !self.photo_urls.contains(&image.url) {
                    self.push_photo(image);
                }
            }
        }
    }

    /// A simple data table: rows of cells holding text. `None` for a table
    /// used for layout (one cell, or cells holding photos or tables).
    fn data_table(&self, children: &[HtmlNode], depth: usize) -> Option<Table> {
        let mut caption = Vec::new();
        let mut rows: Vec<RawRow> = Vec::new();
        for child in children {
            let HtmlNode::Element { name, children, .. } = child else {
                continue;
            };
            match name.as_str() {
                "caption" => caption = trim_inlines(self.flat_inlines(children, depth)),
                "tr" => rows.push(RawRow::new(false, children)),
                "thead" | "tbody" | "tfoot" => rows.extend(children.iter().filter_map(|row| match row {
                    HtmlNode::Element {
                        name: row_name,
                        children,
                        ..
                    } if row_name == "tr" => Some(RawRow::new(name == "thead", children)),
                    _ => None,
                })),
                _ => {}
            }
        }
        rows.retain(|row| !row.cells.is_empty());
        let cells = || rows.iter().flat_map(|row| row.cells.iter());
        if cells().count() < 2 || cells().any(|cell| cell.content.iter().any(holds_photo_or_table)) {
            return None;
        }
        let cell_text = |cell: &RawCell| trim_inlines(self.flat_inlines(cell.content, depth));
        let mut rows = rows.into_iter().peekable();
        // The header row: the table's `<thead>`, or a first row of headings.
        let head = match rows.next_if(|row| row.in_head || row.cells.iter().all(|cell| cell.header)) {
            Some(row) => row.cells.iter().map(cell_text).collect(),
            None => Vec::new(),
        };
        let rows = rows
            .map(|row| {
                row.cells
                    .iter()
                    .map(|cell| Cell {
                        header: cell.header,
                        content: cell_text(cell),
                    })
                    .collect()
            })
            .collect();
        Some(Table { caption, head, rows })
    }

    /// Content as one run of inline text, block boundaries kept as breaks:
    /// a table cell's paragraphs or list.
    fn flat_inlines(&self, nodes: &[HtmlNode], depth: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        for node in nodes {
            match node {
                HtmlNode::Element { name, children, .. } if is_block_element(name) && depth <= MAX_DEPTH => {
                    if !trim_inlines(out.clone()).is_empty() {
                        out.push(Inline::LineBreak);
                    }
                    out.extend(self.flat_inlines(children, depth + 1));
                }
                other => inline_into(&mut out, other, self.base, depth + 1),
            }
        }
        out
    }

    fn image(&self, found: FoundPhoto, details: Option<(Option<String>, Option<String>)>) -> Option<Image> {
        let FoundPhoto { img, picture } = found;
        let url = ["data-src", "data-lazy-src", "data-original", "src"]
            .iter()
            .filter_map(|key| img.attribute(key))
            .find_map(|src| safe_url(src, self.base, UrlUse::Image))?;
        let (caption, credit) = details.unwrap_or((None, None));
        let dimension = |key: &str| {
            img.attribute(key)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|n| (1..=100_000).contains(n))
        };
        // A tracking pixel, an advert or a share button is no photo of the story.
        if is_feed_furniture(&url, dimension("width"), dimension("height")) {
            return None;
        }
        let alt = img
            .attribute("alt")
            .map(squash_whitespace)
            .filter(|a| !a.is_empty())
            .or_else(|| caption.clone())
            .unwrap_or_default();
        let mut variants = ["data-srcset", "data-lazy-srcset", "srcset"]
            .iter()
            .filter_map(|key| img.attribute(key))
            .map(|s| self.srcset(s))
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        // A `<picture>`'s sources in another format (the WebP copies the
        // build writes), offered as the body's typed photos offer theirs.
        if let Some(HtmlNode::Element { children, .. }) = picture {
            for source in children {
                let (Some(kind), Some(srcset)) = (source.attribute("type"), source.attribute("srcset")) else {
                    continue;
                };
                let kind = kind.trim().to_ascii_lowercase();
                let is_source = matches!(source, HtmlNode::Element { name, .. } if name == "x-source");
                if is_source && kind.starts_with("image/") && kind.len() < 40 && source.attribute("media").is_none() {
                    variants.extend(self.srcset(srcset).into_iter().map(|v| super::model::ImageVariant {
                        mime_type: Some(kind.clone()),
                        ..v
                    }));
                }
            }
        }
        Some(Image {
            url,
            alt,
            caption,
            credit,
            width: dimension("width"),
            height: dimension("height"),
            variants,
            ..Image::default()
        })
    }

    /// `a.jpg 480w, b.jpg 960w`; density descriptors (`2x`) are ignored.
    fn srcset(&self, srcset: &str) -> Vec<super::model::ImageVariant> {
        let mut variants: Vec<_> = srcset
            .split(',')
            .filter_map(|candidate| {
                let mut parts = candidate.split_whitespace();
                let url = safe_url(parts.next()?, self.base, UrlUse::Image)?;
                let width = parts
                    .next()?
                    .strip_suffix('w')?
                    .parse::<u32>()
                    .ok()
                    .filter(|w| (1..=100_000).contains(w))?;
                Some(super::model::ImageVariant {
                    url,
                    width,
                    mime_type: None,
                })
            })
            .collect();
        super::model::ImageVariant::sort_by_width(&mut variants);
        variants
    }
}

/// A table row as parsed: whether it is in `<thead>`, and its cells.
struct RawRow<'n> {
    in_head: bool,
    cells: Vec<RawCell<'n>>,
}

struct RawCell<'n> {
    header: bool,
    content: &'n [HtmlNode],
}

impl<'n> RawRow<'n> {
    fn new(in_head: bool, row: &'n [HtmlNode]) -> RawRow<'n> {
        let cells = row
            .iter()
            .filter_map(|cell| match cell {
                HtmlNode::Element { name, children, .. } if name == "td" || name == "th" => Some(RawCell {
                    header: name == "th",
                    content: children,
                }),
                _ => None,
            })
            .collect();
        RawRow { in_head, cells }
    }
}

fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "ul"
            | "ol"
            | "li"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "address"
    )
}

/// `nodes` with each run of list items outside any list (`<p><li>…<li>…`,
/// as some CMSs write them) gathered into a list, as a browser shows them:
/// as items with their bullets, not as paragraphs.
fn with_orphan_items_listed(nodes: &[HtmlNode]) -> std::borrow::Cow<'_, [HtmlNode]> {
    let is_item = |node: &HtmlNode| matches!(node, HtmlNode::Element { name, .. } if name == "li");
    if !nodes.iter().any(is_item) {
        return std::borrow::Cow::Borrowed(nodes);
    }
    let mut out: Vec<HtmlNode> = Vec::with_capacity(nodes.len());
    let mut run: Vec<HtmlNode> = Vec::new();
    for node in nodes {
        let blank = matches!(node, HtmlNode::Text(t) if t.trim().is_empty());
        if is_item(node) || (blank && !run.is_empty()) {
            run.push(node.clone());
            continue;
        }
        if !run.is_empty() {
            out.push(HtmlNode::element("ul", &[], std::mem::take(&mut run)));
        }
        out.push(node.clone());
    }
    if !run.is_empty() {
        out.push(HtmlNode::element("ul", &[], run));
    }
    std::borrow::Cow::Owned(out)
}

/// A heading's id: its own, or the first inside it (a table-of-contents
/// plugin's `<h2><span id="methods">Methods</span></h2>`), as the parser's
/// tree carries it (see [`strip_inline_code`]).
fn anchor_in(node: &HtmlNode) -> Option<&str> {
    match node {
        HtmlNode::Element { children, .. } => node
            .attribute(ID_ATTRIBUTE)
            .or_else(|| children.iter().find_map(anchor_in)),
        HtmlNode::Text(_) => None,
    }
}

/// Whether an embed stands anywhere below `node`.
fn holds_embed(node: &HtmlNode) -> bool {
    match node {
        HtmlNode::Element { name, children, .. } => name == "x-embed" || children.iter().any(holds_embed),
        HtmlNode::Text(_) => false,
    }
}

/// Whether `node` is a block, or an inline element holding one.
fn holds_block(node: &HtmlNode) -> bool {
    match node {
        HtmlNode::Element { name, children, .. } => {
            is_block_element(name)
                || matches!(
                    name.as_str(),
                    "table" | "hr" | "x-embed" | "x-video" | "x-audio" | "svg"
                )
                || (name != "a" && !DROPPED.contains(&name.as_str()) && children.iter().any(holds_block))
        }
        HtmlNode::Text(_) => false,
    }
}

/// Whether a photo stands anywhere below `node`.
fn holds_photo(node: &HtmlNode) -> bool {
    match node {
        HtmlNode::Element { name, children, .. } => {
            name == "img"
                || name == "picture"
                || (!DROPPED.contains(&name.as_str()) && children.iter().any(holds_photo))
        }
        HtmlNode::Text(_) => false,
    }
}

/// Whether a table cell's content holds what a data table cannot: a photo or a table.
fn holds_photo_or_table(node: &HtmlNode) -> bool {
    match node {
        HtmlNode::Element { name, children, .. } => {
            name == "img" || name == "table" || children.iter().any(holds_photo_or_table)
        }
        HtmlNode::Text(_) => false,
    }
}

/// Adds the `img`s below `node` to `images`; `false` when `node` also holds
/// text or anything else to show.
fn collect_images<'n>(node: &'n HtmlNode, images: &mut Vec<FoundPhoto<'n>>, depth: usize) -> bool {
    match node {
        HtmlNode::Text(t) => t.trim().is_empty(),
        HtmlNode::Element { name, .. } if name == "img" => {
            images.push(FoundPhoto {
                img: node,
                picture: None,
            });
            true
        }
        HtmlNode::Element { name, children, .. } => {
            if depth > MAX_DEPTH {
                return false;
            }
            if name == "picture" {
                if let Some(found) = image_in(node) {
                    images.push(found);
                }
                return true;
            }
            if DROPPED.contains(&name.as_str()) || name == "br" {
                return true;
            }
            let mut only_images = true;
            for child in children {
                only_images &= collect_images(child, images, depth + 1);
            }
            only_images
        }
    }
}

/// The `img` that a node is or wraps (`<a><img></a>`, `<picture><img></picture>`):
/// a wrapper of one photo and no text beside it. Each child is looked at
/// once, so that wrappers nested deep cost time in proportion to their depth.
fn image_in(node: &HtmlNode) -> Option<FoundPhoto<'_>> {
    match node {
        HtmlNode::Element { name, .. } if name == "img" => Some(FoundPhoto {
            img: node,
            picture: None,
        }),
        HtmlNode::Element { name, children, .. } if name == "a" || name == "picture" || name == "span" => {
            let mut only = None;
            for child in children {
                match image_in(child) {
                    Some(found) if only.is_none() => only = Some(found),
                    Some(_) => return None,
                    None if !text_of(std::slice::from_ref(child), 0).trim().is_empty() => return None,
                    None => {}
                }
            }
            // The nearest `<picture>` is the one whose sources are the photo's.
            only.map(|found| FoundPhoto {
                picture: found.picture.or((name == "picture").then_some(node)),
                ..found
            })
        }
        _ => None,
    }
}

/// The photos of a link or span that holds two or more and no words.
fn images_in(node: &HtmlNode) -> Option<Vec<FoundPhoto<'_>>> {
    let HtmlNode::Element { name, children, .. } = node else {
        return None;
    };
    if name != "a" && name != "span" {
        return None;
    }
    let mut all = Vec::new();
    for child in children {
        match image_in(child) {
            Some(found) => all.push(found),
            None if text_of(std::slice::from_ref(child), 0).trim().is_empty() => {}
            None => return None,
        }
    }
    (all.len() >= 2).then_some(all)
}

/// A photo of the body: its `<img>`, and the `<picture>` around it, if any.
#[derive(Clone, Copy)]
struct FoundPhoto<'n> {
    img: &'n HtmlNode,
    picture: Option<&'n HtmlNode>,
}

/// A caption and, from a `small` or `.credit` element inside it, a credit line.
/// Whether a figcaption's child is its credit line: a `small`, or an
/// element of class `credit`.
fn is_credit(node: &HtmlNode) -> bool {
    match node {
        HtmlNode::Element { name, attributes, .. } => {
            name == "small"
                || attributes
                    .iter()
                    .any(|(k, v)| k == "class" && v.split_whitespace().any(|c| c == "credit"))
        }
        HtmlNode::Text(_) => false,
    }
}

fn split_credit(children: &[HtmlNode], depth: usize) -> (Option<String>, Option<String>) {
    let mut caption = String::new();
    let mut credit = None;
    for child in children {
        match child {
            HtmlNode::Element { children, .. } if is_credit(child) => {
                credit = Some(squash_whitespace(&text_of(children, depth))).filter(|c| !c.is_empty());
            }
            other => caption.push_str(&text_of(std::slice::from_ref(other), depth)),
        }
    }
    (Some(squash_whitespace(&caption)).filter(|c| !c.is_empty()), credit)
}

/// Whether a link (`<a href>`) is among `nodes` or their descendants.
fn has_link(nodes: &[HtmlNode]) -> bool {
    nodes.iter().any(|node| match node {
        HtmlNode::Element { name, children, .. } => {
            (name == "a" && node.attribute("href").is_some()) || has_link(children)
        }
        HtmlNode::Text(_) => false,
    })
}

fn inline_into(out: &mut Vec<Inline>, node: &HtmlNode, base: &str, depth: usize) {
    let HtmlNode::Element {
        name,
        attributes: _,
        children,
    } = node
    else {
        if let HtmlNode::Text(text) = node {
            push_text(out, text);
        }
        return;
    };
    // An `<svg>` in running text or a link is an icon: decoration.
    if DROPPED.contains(&name.as_str()) || name == "svg" {
        return;
    }
    if depth > MAX_DEPTH {
        push_text(out, &text_of(children, 0));
        return;
    }
    let inner = |out: &mut Vec<Inline>| {
        for child in children {
            inline_into(out, child, base, depth + 1);
        }
    };
    match name.as_str() {
        "br" => out.push(Inline::LineBreak),
        "em" | "i" | "cite" | "dfn" | "var" => {
            let mut content = Vec::new();
            inner(&mut content);
            if !content.is_empty() {
                out.push(Inline::Emphasis(content));
            }
        }
        "strong" | "b" | "mark" => {
            let mut content = Vec::new();
            inner(&mut content);
            if !content.is_empty() {
                out.push(Inline::Strong(content));
            }
        }
        // Code is its text as written; a link inside it stays a link, as
        // code of its own beside the code around it.
        "code" | "kbd" | "samp" | "tt" if !has_link(children) => {
            let text = text_of(children, depth);
            if !text.is_empty() {
                out.push(Inline::Code(text));
            }
        }
        "code" | "kbd" | "samp" | "tt" => {
            let mut content = Vec::new();
            inner(&mut content);
            let mut run = String::new();
            for inline in content {
                match inline {
                    Inline::Link { url, content } => {
                        if !run.is_empty() {
                            out.push(Inline::Code(std::mem::take(&mut run)));
                        }
                        let mut text = String::new();
                        push_inline_text(&content, &mut text);
                        out.push(Inline::Link {
                            url,
                            content: vec![Inline::Code(text)],
                        });
                    }
                    other => push_inline_text(std::slice::from_ref(&other), &mut run),
                }
            }
            if !run.is_empty() {
                out.push(Inline::Code(run));
            }
        }
        "a" => {
            let mut content = Vec::new();
            inner(&mut content);
            let href = node.attribute("href");
            match href
                .and_then(story_fragment)
                .or_else(|| href.and_then(|href| safe_url(href, base, UrlUse::Link)))
            {
                Some(url) if !content.is_empty() => out.push(Inline::Link { url, content }),
                _ => out.extend(content),
            }
        }
        // An image inside running text is kept as its alternative text.
        "img" => {
            if let Some(alt) = node.attribute("alt").map(squash_whitespace).filter(|a| !a.is_empty()) {
                push_text(out, &alt);
            }
        }
        _ => inner(out),
    }
}

/// Appends text, collapsing white space runs as a browser would render them.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    let mut collapsed = String::with_capacity(text.len());
    let mut in_space = matches!(out.last(), Some(Inline::Text(t)) if t.ends_with(' '))
        || matches!(out.last(), Some(Inline::LineBreak) | None);
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !in_space {
                collapsed.push(' ');
                in_space = true;
            }
        } else {
            collapsed.push(c);
            in_space = false;
        }
    }
    if collapsed.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text(previous)) => previous.push_str(&collapsed),
        _ => out.push(Inline::Text(collapsed)),
    }
}

/// Drops leading and trailing white space and breaks.
fn trim_inlines(mut content: Vec<Inline>) -> Vec<Inline> {
    while matches!(content.last(), Some(Inline::LineBreak)) {
        content.pop();
    }
    while matches!(content.first(), Some(Inline::LineBreak)) {
        content.remove(0);
    }
    if let Some(Inline::Text(t)) = content.first_mut() {
        *t = t.trim_start().to_owned();
    }
    if let Some(Inline::Text(t)) = content.last_mut() {
        *t = t.trim_end().to_owned();
    }
    content.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    content
}

/// All the text below `nodes`, except in dropped elements.
fn text_of(nodes: &[HtmlNode], depth: usize) -> String {
    let mut out = String::new();
    collect_text(nodes, depth, &mut out);
    out
}

fn collect_text(nodes: &[HtmlNode], depth: usize, out: &mut String) {
    for node in nodes {
        match node {
            HtmlNode::Text(t) => out.push_str(t),
            HtmlNode::Element { name, children, .. } => {
                if DROPPED.contains(&name.as_str()) || name == "svg" || depth > MAX_DEPTH * 4 {
                    continue;
                }
                if name == "br" {
                    out.push('\n');
                }
                collect_text(children, depth + 1, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HtmlNode as N;

    fn el(name: &str, children: Vec<N>) -> N {
        N::element(name, &[], children)
    }

    fn t(text: &str) -> N {
        N::text(text)
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn paragraphs_links_and_emphasis() {
        let tree = vec![el(
            "p",
            vec![
                t("Hello "),
                el("em", vec![t("there")]),
                t(", see "),
                N::element("a", &[("href", "/x")], vec![t("this")]),
                t("."),
            ],
        )];
        assert_eq!(
            blocks_from_html(&tree, "https://a.b/feed.json"),
            vec![Block::Paragraph(vec![
                text("Hello "),
                Inline::Emphasis(vec![text("there")]),
                text(", see "),
                Inline::Link {
                    url: "https://a.b/x".into(),
                    content: vec![text("this")]
                },
                text("."),
            ])]
        );
    }

    #[test]
    fn loose_text_becomes_paragraphs() {
        let tree = vec![
            t("One "),
            el("b", vec![t("two")]),
            el("div", vec![t("three")]),
            t("four"),
        ];
        assert_eq!(
            blocks_from_html(&tree, "/"),
            vec![
                Block::Paragraph(vec![text("One "), Inline::Strong(vec![text("two")])]),
                Block::Paragraph(vec![text("three")]),
                Block::Paragraph(vec![text("four")]),
            ]
        );
    }

    #[test]
    fn hostile_content_is_dropped_or_reduced_to_text() {
        let tree = vec![
            el("script", vec![t("alert(1)")]),
            N::element("p", &[("onclick", "alert(1)"), ("style", "x")], vec![t("safe")]),
            N::element("a", &[("href", "javascript:alert(1)")], vec![t("click")]),
            N::element("iframe", &[("src", "https://evil.example")], vec![t("frame text")]),
            N::element(
                "img",
                &[("src", "javascript:alert(1)"), ("onerror", "alert(1)")],
                vec![],
            ),
            el("marquee", vec![t(" kept as text")]),
        ];
        assert_eq!(
            blocks_from_html(&tree, "/"),
            vec![paragraph("safe"), paragraph("click kept as text")]
        );
    }

    #[test]
    fn figures_headings_lists_quotes_code() {
        let tree = vec![
            el("h1", vec![t("Title")]),
            el(
                "figure",
                vec![
                    N::element(
                        "img",
                        &[
                            ("src", "a.jpg"),
                            ("width", "800"),
                            ("height", "600"),
                            ("srcset", "a-400.jpg 400w, a.jpg 800w"),
                        ],
                        vec![],
                    ),
                    el("figcaption", vec![t("The lab "), el("small", vec![t("Photo: X")])]),
                ],
            ),
            el(
                "ol",
                vec![el("li", vec![t("one")]), el("li", vec![el("p", vec![t("two")])])],
            ),
            el(
                "blockquote",
                vec![el("p", vec![t("Quoted.")]), el("footer", vec![t("— Someone")])],
            ),
            el("pre", vec![el("code", vec![t("let x = 1;\n")])]),
        ];
        let blocks = blocks_from_html(&tree, "/news/feed.json");
        assert_eq!(
            blocks[0],
            Block::Heading {
                level: 2,
                content: vec![text("Title")],
                anchor: None,
            }
        );
        let Block::Photo { image, .. } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(image.url, "/news/a.jpg");
        assert_eq!(image.caption.as_deref(), Some("The lab"));
        assert_eq!(image.credit.as_deref(), Some("Photo: X"));
        assert_eq!(image.alt, "The lab", "alt falls back to the caption");
        assert_eq!((image.width, image.height), (Some(800), Some(600)));
        assert_eq!(image.variants.len(), 2);
        assert_eq!(
            blocks[2],
            Block::List {
                ordered: true,
                start: None,
                items: vec![vec![paragraph("one")], vec![paragraph("two")]]
            }
        );
        assert_eq!(
            blocks[3],
            Block::Quote {
                blocks: vec![paragraph("Quoted.")],
                cite: Some("Someone".into())
            }
        );
        assert_eq!(blocks[4], Block::Code("let x = 1;".into()));
    }

    #[test]
    fn images_inside_paragraphs_split_them() {
        let tree = vec![el(
            "p",
            vec![
                t("Before"),
                N::element(
                    "a",
                    &[("href", "big.jpg")],
                    vec![N::element("img", &[("src", "small.jpg"), ("alt", "A")], vec![])],
                ),
                t("After"),
            ],
        )];
        let blocks = blocks_from_html(&tree, "/");
        assert_eq!(blocks.len(), 3);
        assert!(matches!(&blocks[1], Block::Photo { image, .. } if image.url == "/small.jpg" && image.alt == "A"));
    }

    /// Real markup, through the HTML5 parser the prerenderer uses.
    #[cfg(feature = "html5ever")]
    fn html(markup: &str) -> Vec<Block> {
        use crate::html5::Html5ever;
        blocks_from_html(&Html5ever.parse(&strip_inline_code(markup)), "/feed.json")
    }

    fn paragraph(s: &str) -> Block {
        Block::Paragraph(vec![text(s)])
    }

    fn list(ordered: bool, items: Vec<Vec<Block>>) -> Block {
        Block::List {
            ordered,
            start: None,
            items,
        }
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn nested_lists_quotes_and_paragraphs_keep_their_structure() {
        // As Markdown tools write them: a list in an item, a quote in an
        // item, a list in a quote, and a loose item of two paragraphs.
        let blocks = html(
            "<ul>\n<li>Tight item\n<ol start=\"3\">\n<li>three</li>\n<li>four\n<ul><li>deep</li></ul></li>\n</ol>\n</li>\n\
             <li>\n<p>Loose item</p>\n<p>second paragraph</p>\n</li>\n\
             <li>Quoted:\n<blockquote><p>Inside a list</p><ul><li>and a list inside the quote</li></ul></blockquote></li>\n</ul>",
        );
        assert_eq!(
            blocks,
            vec![list(
                false,
                vec![
                    vec![
                        paragraph("Tight item"),
                        Block::List {
                            ordered: true,
                            start: Some(3),
                            items: vec![
                                vec![paragraph("three")],
                                vec![paragraph("four"), list(false, vec![vec![paragraph("deep")]])],
                            ],
                        },
                    ],
                    vec![paragraph("Loose item"), paragraph("second paragraph")],
                    vec![
                        paragraph("Quoted:"),
                        Block::Quote {
                            blocks: vec![
                                paragraph("Inside a list"),
                                list(false, vec![vec![paragraph("and a list inside the quote")]]),
                            ],
                            cite: None,
                        },
                    ],
                ],
            )]
        );
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn several_photos_in_one_link_are_each_a_photo() {
        let blocks = html(
            r#"<p><a href="/big.png"><img src="/a.png" alt="first"><img src="/b.png" alt="second"> <img src="/c.png" alt="third"></a></p>"#,
        );
        let alts: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Photo { image, .. } => Some(image.alt.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(alts, ["first", "second", "third"], "{blocks:?}");
        assert_eq!(blocks.len(), 3);
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn a_link_inside_inline_code_stays_a_link() {
        assert_eq!(
            html(
                r#"<p>The option <code><a href="https://magick.example/defines">-define</a> icon:auto-resize</code> helps.</p>"#
            ),
            vec![Block::Paragraph(vec![
                text("The option "),
                Inline::Link {
                    url: "https://magick.example/defines".into(),
                    content: vec![Inline::Code("-define".into())],
                },
                Inline::Code(" icon:auto-resize".into()),
                text(" helps."),
            ])]
        );
        // Without a link, code keeps every space as written.
        assert_eq!(
            html("<p><code>a  b</code></p>"),
            vec![Block::Paragraph(vec![Inline::Code("a  b".into())])]
        );
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn text_written_directly_in_a_list_continues_its_item_or_comes_before_the_list() {
        // As a browser shows it: indented, with no marker of its own.
        assert_eq!(
            html("<ul>Words, <b>words</b>, words.</ul>"),
            vec![Block::Paragraph(vec![
                text("Words, "),
                Inline::Strong(vec![text("words")]),
                text(", words."),
            ])]
        );
        assert_eq!(
            html("<ol>Steps:<li>one</li>and then<li>two</li></ol>"),
            vec![
                paragraph("Steps:"),
                Block::List {
                    ordered: true,
                    start: None,
                    items: vec![vec![paragraph("one"), paragraph("and then")], vec![paragraph("two")]],
                },
            ]
        );
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn a_list_written_directly_in_a_list_joins_the_item_before_it() {
        let blocks = html("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>");
        assert_eq!(
            blocks,
            vec![list(
                false,
                vec![
                    vec![paragraph("a"), list(false, vec![vec![paragraph("b")]])],
                    vec![paragraph("c")]
                ]
            )]
        );
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn data_tables_keep_their_header_row_and_cells() {
        let blocks = html(
            "<table><caption>Results</caption><thead><tr><th>Team</th><th>Score</th></tr></thead>\
             <tbody><tr><th>North</th><td><b>3</b></td></tr><tr><td>South</td><td><p>1</p><p>(late)</p></td></tr></tbody></table>",
        );
        let cell = |header: bool, content: Vec<Inline>| Cell { header, content };
        assert_eq!(
            blocks,
            vec![Block::Table(Table {
                caption: vec![text("Results")],
                head: vec![vec![text("Team")], vec![text("Score")]],
                rows: vec![
                    vec![
                        cell(true, vec![text("North")]),
                        cell(false, vec![Inline::Strong(vec![text("3")])])
                    ],
                    vec![
                        cell(false, vec![text("South")]),
                        cell(false, vec![text("1"), Inline::LineBreak, text("(late)")])
                    ],
                ],
            })]
        );
        // Without a <thead>, a first row of headings is the header row.
        let Block::Table(plain) = &html("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>")[0]
        else {
            panic!()
        };
        assert_eq!(plain.head.len(), 2);
        assert_eq!(plain.rows.len(), 1);
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn tables_used_for_layout_are_read_as_their_content() {
        let blocks = html(r#"<table><tr><td><p>All the text</p><img src="a.jpg"></td><td>side</td></tr></table>"#);
        assert!(matches!(blocks[1], Block::Photo { .. }), "{blocks:?}");
        assert_eq!(blocks[0], paragraph("All the text"));
        assert_eq!(
            html("<table><tr><td>Only cell</td></tr></table>"),
            vec![paragraph("Only cell")]
        );
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn lazy_loaded_photos_and_noscript_fallbacks_are_read_once() {
        let blocks = html(
            r#"<p><img class="lazyload" src="data:image/gif;base64,R0lGOD" data-src="real.jpg" data-srcset="real-400.jpg 400w, real.jpg 800w" alt="Real"></p>
               <noscript><img src="real.jpg" alt="Real"></noscript>
               <img src="data:image/gif;base64,R0lGOD"><noscript><img src="only-here.jpg" alt="Fallback"></noscript>
               <noscript>Please turn on JavaScript</noscript>"#,
        );
        let photos: Vec<(&str, usize)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Photo { image, .. } => Some((image.url.as_str(), image.variants.len())),
                _ => None,
            })
            .collect();
        assert_eq!(photos, [("/real.jpg", 2), ("/only-here.jpg", 0)]);
        assert_eq!(blocks.len(), 2, "a noscript's text is not the story's: {blocks:?}");
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn links_in_a_caption_and_its_credit_stay_links() {
        let blocks = html(
            r#"<figure><img src="/a.jpg"><figcaption>The <a href="/lab">new lab</a>. <small>Photo: <a href="https://photos.example/ann">Ann LI</a>, CC BY</small></figcaption></figure><figure><img src="/b.jpg"><figcaption>Plain</figcaption></figure>"#,
        );
        let Block::Photo { image, .. } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(image.caption.as_deref(), Some("The new lab."));
        assert_eq!(image.credit.as_deref(), Some("Photo: Ann LI, CC BY"));
        assert!(
            image
                .caption_content
                .iter()
                .any(|i| matches!(i, Inline::Link { url, .. } if url == "/lab")),
            "{image:?}"
        );
        assert!(
            image
                .credit_content
                .iter()
                .any(|i| matches!(i, Inline::Link { url, .. } if url == "https://photos.example/ann")),
            "{image:?}"
        );
        let Block::Photo { image, .. } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert!(image.caption_content.is_empty(), "a caption without links is its text");
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn embeds_and_media_are_read_never_loaded_by_the_parser() {
        let markup = r#"<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">
https://youtu.be/abc123
</div></figure><IFRAME src="https://player.vimeo.com/video/42"><p>fallback</p></IFRAME><audio src="/ep.mp3" title="Ep 1"></audio>"#;
        let stripped = strip_inline_code(markup);
        assert!(
            !stripped.to_ascii_lowercase().contains("<iframe") && !stripped.contains("<audio"),
            "{stripped}"
        );
        let blocks = html(markup);
        assert!(
            matches!(&blocks[0], Block::Embed(e) if e.url == "https://www.youtube.com/watch?v=abc123"),
            "{blocks:?}"
        );
        assert!(
            matches!(&blocks[1], Block::Embed(e) if e.provider == "Vimeo"),
            "{blocks:?}"
        );
        assert!(
            matches!(&blocks[2], Block::Media(m) if m.url == "/ep.mp3" && m.title.as_deref() == Some("Ep 1")),
            "{blocks:?}"
        );
        assert_eq!(blocks.len(), 3, "the iframe's fallback is not the story's: {blocks:?}");
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn an_inline_element_left_open_does_not_swallow_the_story() {
        // A newsletter's `<tt>` never closed: the browser's parser puts the
        // rest of the story inside it, and the rest keeps its structure.
        let blocks = html(
            r#"<div>Run <tt>make</tt> and <tt>then<p>Install.</p><h2>Links</h2><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul><p>Last <a href="/c">word</a>.</p></div>"#,
        );
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => "p",
                Block::Heading { .. } => "h",
                Block::List { items, .. } => {
                    if items.len() == 2 {
                        "ul2"
                    } else {
                        "ul?"
                    }
                }
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["p", "p", "h", "ul2", "p"], "{blocks:?}");
    }

    #[cfg(feature = "html5ever")]
    #[test]
    fn figures_and_headings_keep_what_they_hold() {
        let blocks = html(
            r#"<h2>See <a href="/x">this</a></h2><figure><div class="wrap"><a href="big.jpg"><img src="a.jpg"></a></div><figcaption>Caption</figcaption></figure>
               <figure><img src="b.jpg"><p>Text beside the photo</p></figure><pre>line one
  line two</pre>"#,
        );
        assert_eq!(
            blocks[0],
            Block::Heading {
                level: 2,
                content: vec![
                    text("See "),
                    Inline::Link {
                        url: "/x".into(),
                        content: vec![text("this")]
                    }
                ],
                anchor: None,
            }
        );
        assert!(matches!(&blocks[1], Block::Photo { image, .. } if image.caption.as_deref() == Some("Caption")));
        assert!(matches!(&blocks[2], Block::Photo { image, .. } if image.url == "/b.jpg"));
        assert_eq!(blocks[3], paragraph("Text beside the photo"));
        assert_eq!(blocks[4], Block::Code("line one\n  line two".into()));
    }

    #[test]
    fn list_items_outside_a_list_are_a_list_as_the_browser_shows_them() {
        let blocks =
            html("<p>Things we mention:</p><p><li><a href=\"/a\">Atari 800</a></li>\n<li>BASIC</li></p><p>After.</p>");
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert!(
            matches!(&blocks[1], Block::List { ordered: false, items, .. } if items.len() == 2),
            "{blocks:?}"
        );
    }

    /// A table of contents and the headings it names: the links stay links
    /// within the story, the headings keep their ids, and none takes an id
    /// the page gives its own parts.
    #[test]
    fn links_within_the_story_lead_to_its_headings() {
        let blocks = html(
            r##"<p><a href="#methods">Methods</a> · <a href=" #results ">Results</a> · <a href="#">Top</a></p>
            <h2 id="methods">Methods</h2><h3><span id="results">Results</span></h3><h2 id="main">Main</h2><h2 id="a b">Spaced</h2>"##,
        );
        let Block::Paragraph(toc) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        let links: Vec<&str> = toc
            .iter()
            .filter_map(|i| match i {
                Inline::Link { url, .. } => Some(url.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(links, ["#methods", "#results", "#"]);
        let anchors: Vec<Option<&str>> = blocks[1..]
            .iter()
            .map(|b| match b {
                Block::Heading { anchor, .. } => anchor.as_deref(),
                _ => panic!("{b:?}"),
            })
            .collect();
        assert_eq!(anchors, [Some("methods"), Some("results"), None, None]);
    }

    #[test]
    fn inline_code_is_stripped_before_parsing() {
        assert_eq!(
            strip_inline_code(r#"<p style="color:red" class=x onclick='a()'>Hi <b ONMOUSEOVER=x>there</b></p>"#),
            r#"<p class=x>Hi <b>there</b></p>"#
        );
        assert_eq!(strip_inline_code("<img/src/onerror=alert(1)>"), "<img/src>");
        // An unquoted value runs to the next space, as browsers read it.
        assert_eq!(
            strip_inline_code("<img/src=x/onerror=alert(1)>"),
            "<img/src=x/onerror=alert(1)>"
        );
        assert_eq!(
            strip_inline_code("a < b <!-- <i onx=1> --> <script>if (a<b) x.onload=1</script>!"),
            "a < b <!-- <i onx=1> --> !"
        );
        assert_eq!(
            strip_inline_code("<style>p{}</style><textarea><b onx=1></textarea>"),
            "<textarea><b onx=1></textarea>"
        );
        assert_eq!(strip_inline_code("plain text"), "plain text");
        assert_eq!(
            strip_inline_code("<a href=\"/x\" title=online>on</a>"),
            "<a href=\"/x\" title=online>on</a>"
        );
        assert_eq!(
            strip_inline_code("<form id=f><input name=nodeType><img NAME=body ID=x src=a.jpg>"),
            "<form data-gazette-id=f><input><img data-gazette-id=x src=a.jpg>"
        );
        assert_eq!(strip_inline_code("<div onclick=\"unterminated"), "<div");
        assert_eq!(strip_inline_code("<p"), "<p");
    }

    #[test]
    fn deeply_nested_wrappers_take_time_in_proportion_to_their_depth() {
        // Each wrapper once looked at its children twice: 2^48 steps for this.
        let mut node = el("b", vec![t("deep")]);
        for _ in 0..48 {
            node = el("span", vec![node, el("span", vec![])]);
        }
        let started = std::time::Instant::now();
        let blocks = blocks_from_html(&[node], "/");
        assert_eq!(blocks, vec![Block::Paragraph(vec![Inline::Strong(vec![text("deep")])])]);
        assert!(started.elapsed().as_secs() < 1, "{:?}", started.elapsed());
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let mut node = t("deep");
        // Parsers hand over at most a few hundred levels (the DOM walker cuts deeper trees to text).
        for _ in 0..200 {
            node = el("span", vec![node]);
        }
        let blocks = blocks_from_html(&[el("p", vec![node])], "/");
        assert_eq!(blocks, vec![Block::Paragraph(vec![text("deep")])]);
    }
}
