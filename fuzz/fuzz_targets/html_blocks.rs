//! Arbitrary parsed HTML through the allowlist: whatever the tree, the
//! blocks hold only safe URLs and the conversion never panics. Also the
//! text-level helpers that see raw HTML.
#![no_main]

use gazette_feed::html::{blocks_from_html, strip_inline_code, HtmlNode};
use gazette_feed::{text, Block, Inline};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "p",
    "a",
    "img",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "li",
    "blockquote",
    "footer",
    "h1",
    "h3",
    "pre",
    "code",
    "em",
    "strong",
    "br",
    "div",
    "script",
    "iframe",
    "span",
    "table",
    "small",
    "picture",
    "svg",
    "cite",
    "noscript",
    "thead",
    "tr",
    "th",
    "td",
    "caption",
    // The inert twins of players and media (see `strip_inline_code`).
    "x-embed",
    "x-video",
    "x-audio",
    "x-source",
    // A graphic's drawing, and what it must not keep.
    "path",
    "text",
    "g",
    "use",
    "foreignobject",
    "lineargradient",
];
const ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "alt",
    "width",
    "height",
    "class",
    "onclick",
    "style",
    "d",
    "fill",
    "data-gazette-id",
    "id",
    "data-svg-style",
    "data-src",
    "data-srcset",
    "start",
    "title",
    "poster",
    "type",
    "media",
];

/// Builds a tree from the bytes: each byte an instruction.
fn tree(data: &[u8]) -> Vec<HtmlNode> {
    let mut stack: Vec<(String, Vec<(String, String)>, Vec<HtmlNode>)> = vec![(String::new(), Vec::new(), Vec::new())];
    let mut i = 0;
    while i < data.len() {
        let op = data[i];
        i += 1;
        let take = |i: &mut usize, n: usize| {
            let start = (*i).min(data.len());
            let end = (start + n).min(data.len());
            let s = String::from_utf8_lossy(&data[start..end]).into_owned();
            *i = end;
            s
        };
        match op % 4 {
            0 if stack.len() < 200 => {
                stack.push((NAMES[op as usize / 4 % NAMES.len()].to_owned(), Vec::new(), Vec::new()))
            }
            1 if stack.len() > 1 => {
                let (name, attributes, children) = stack.pop().unwrap();
                stack.last_mut().unwrap().2.push(HtmlNode::Element {
                    name,
                    attributes,
                    children,
                });
            }
            2 => {
                let n = (op / 4) as usize % 24;
                let text = take(&mut i, n);
                stack.last_mut().unwrap().2.push(HtmlNode::Text(text));
            }
            _ => {
                let key = ATTRIBUTES[op as usize / 4 % ATTRIBUTES.len()].to_owned();
                let n = data.get(i).copied().unwrap_or(0) as usize % 40;
                i += 1;
                let value = take(&mut i, n);
                stack.last_mut().unwrap().1.push((key, value));
            }
        }
    }
    while stack.len() > 1 {
        let (name, attributes, children) = stack.pop().unwrap();
        stack.last_mut().unwrap().2.push(HtmlNode::Element {
            name,
            attributes,
            children,
        });
    }
    stack.pop().unwrap().2
}

fn safe(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/') || url.starts_with("mailto:")
}

fn check_inlines(content: &[Inline]) {
    for inline in content {
        match inline {
            Inline::Link { url, content } => {
                // A link within the story is a fragment the page writes against its own address.
                let within =
                    url.starts_with('#') && !url.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>'));
                assert!(safe(url) || within, "unsafe link {url:?}");
                check_inlines(content);
            }
            Inline::Emphasis(content) | Inline::Strong(content) => check_inlines(content),
            _ => {}
        }
    }
}

fn check_blocks(blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Photo { image, .. } => {
                assert!(safe(&image.url), "unsafe photo {:?}", image.url);
                assert!(image.variants.iter().all(|v| safe(&v.url)));
                check_inlines(&image.caption_content);
                check_inlines(&image.credit_content);
            }
            // A facade links only to web addresses; a player plays only them.
            Block::Embed(embed) => {
                assert!(
                    embed.url.starts_with("https://") || embed.url.starts_with("http://"),
                    "unsafe embed {:?}",
                    embed.url
                );
                assert!(embed.thumbnail.iter().all(|t| safe(t)));
            }
            Block::Media(media) => {
                assert!(safe(&media.url), "unsafe medium {:?}", media.url);
                assert!(media.poster.iter().all(|p| safe(p)));
            }
            Block::Paragraph(content) => check_inlines(content),
            Block::Heading { content, anchor, .. } => {
                check_inlines(content);
                assert!(anchor
                    .as_deref()
                    .is_none_or(|a| !a.is_empty() && a != "main" && !a.contains(char::is_whitespace)));
            }
            Block::Quote { blocks, .. } => check_blocks(blocks),
            Block::List { items, .. } => items.iter().for_each(|item| check_blocks(item)),
            Block::Table(table) => {
                check_inlines(&table.caption);
                table.head.iter().for_each(|cell| check_inlines(cell));
                table
                    .rows
                    .iter()
                    .flatten()
                    .for_each(|cell| check_inlines(&cell.content));
            }
            Block::Code(_) => {}
            // A graphic refers to nothing outside itself and runs nothing: in
            // each tag (text is escaped, so `<` starts one), no element that
            // runs or loads, no `on…` attribute, and references only `#id`.
            Block::Graphic(graphic) => {
                for tag in graphic.svg.split('<').skip(1) {
                    let tag = tag.split('>').next().unwrap_or_default().to_ascii_lowercase();
                    for bad in ["script", "style", "foreignobject", "image", "a ", "animate", "set "] {
                        assert!(!tag.starts_with(bad), "<{tag}> in a graphic: {}", graphic.svg);
                    }
                    for (i, part) in tag.split('"').enumerate() {
                        if i % 2 == 0 {
                            assert!(!part.contains(" on"), "a handler in <{tag}>");
                        } else if part.contains("url(") {
                            assert!(
                                part.split("url(").skip(1).all(|r| r.starts_with('#')),
                                "an outside reference in <{tag}>"
                            );
                        }
                    }
                    if let Some(href) = tag.split(" href=\"").nth(1) {
                        assert!(href.starts_with('#'), "an outside href in <{tag}>");
                    }
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    check_blocks(&blocks_from_html(&tree(data), "/news/feed.json"));
    let raw = String::from_utf8_lossy(data);
    let stripped = strip_inline_code(&raw);
    // Media and embed tags are renamed and closed (`<embed` becomes
    // `<x-embed></x-embed>`): at most three times as long, never unbounded.
    assert!(stripped.len() <= raw.len() * 3);
    let _ = text::html_to_text(&raw);
    let _ = text::decode_entities(&raw);
    let _ = text::slugify(&raw);
    let _ = gazette_feed::url::safe_url(&raw, "/news/feed.json", gazette_feed::url::UrlUse::Link);
});
