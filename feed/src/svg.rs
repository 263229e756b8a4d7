//! An inline `<svg>` graphic (a chart, a map, a diagram) kept through a
//! strict SVG allowlist and shown as an image of itself.
//!
//! Only drawing survives: shapes, paths, text, groups, gradients, clip paths
//! and markers with their geometry and presentation attributes. Scripts,
//! event handlers, styles, animation, `foreignObject`, images and links go,
//! and a reference (`href`, `url(…)`) may only point inside the graphic. The
//! result is then drawn as `<img src="data:image/svg+xml,…">`, where a
//! browser runs nothing and fetches nothing whatever the markup says: the
//! allowlist and the image are two walls, not one.

use super::html::HtmlNode;
use super::model::Graphic;

/// The SVG elements kept, as SVG spells them (parsers report them in
/// lower case).
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "marker",
    "pattern",
];

/// Elements whose whole content goes with them; any other element outside
/// [`ELEMENTS`] (a link, `<switch>`) is unwrapped and its drawing kept.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "foreignobject",
    "image",
    "feimage",
    "animate",
    "animatemotion",
    "animatetransform",
    "set",
    "iframe",
    "x-embed",
    "x-video",
    "x-audio",
    "x-source",
    "handler",
    "listener",
    "discard",
    "filter",
    "metadata",
];

/// The attributes kept, as SVG spells them (parsers report them in lower
/// case). Each is also read by the parsers ([`crate::html::is_read_attribute`]),
/// with `data-gazette-id` and `data-svg-style`: a graphic's `id` and `style`,
/// renamed so that the parser's document never sees them (see
/// `strip_inline_code`); an `href` is kept only as an internal reference.
pub(crate) const ATTRIBUTES: &[&str] = &[
    "viewBox",
    "preserveAspectRatio",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "dx",
    "dy",
    "d",
    "points",
    "transform",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "color",
    "clip-path",
    "clip-rule",
    "mask",
    "marker-start",
    "marker-mid",
    "marker-end",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "clipPathUnits",
    "maskUnits",
    "patternUnits",
    "markerWidth",
    "markerHeight",
    "refX",
    "refY",
    "orient",
    "vector-effect",
    "visibility",
    "display",
    "role",
    "aria-label",
    "href",
];

/// Where the parsers' tree keeps a graphic's `id` and `style`.
pub(crate) const RENAMED: &[(&str, &str)] = &[(crate::html::ID_ATTRIBUTE, "id"), ("data-svg-style", "style")];

/// Levels of a graphic kept; a deeper one is dropped as a whole.
const MAX_GRAPHIC_DEPTH: usize = 32;

/// The graphic an `<svg>` element draws, through the allowlist; `None` for
/// one that draws nothing (no shape, path or text is left).
pub fn graphic_of(svg: &HtmlNode) -> Option<Graphic> {
    let HtmlNode::Element { attributes, .. } = svg else {
        return None;
    };
    let number = |key: &str| {
        attributes
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| whole_number(v.trim().trim_end_matches("px")))
            .filter(|v| *v >= 1)
    };
    let view_box: Vec<u64> = attributes
        .iter()
        .find(|(k, _)| k == "viewbox")
        .map(|(_, v)| {
            v.split([' ', ','])
                .filter(|n| !n.is_empty())
                .map(|n| whole_number(n).unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    let (width, height) = match (number("width"), number("height"), view_box.as_slice()) {
        (Some(w), Some(h), _) => (Some(w), Some(h)),
        (w, h, [_, _, vw, vh]) if *vw > 0 && *vh > 0 => match (w, h) {
            (Some(w), None) => (Some(w), Some(w * vh / vw)),
            (None, Some(h)) => (Some(h * vw / vh), Some(h)),
            _ => (Some(*vw), Some(*vh)),
        },
        _ => (None, None),
    };
    // An image's intrinsic size is its root's `width` and `height`: without
    // them a browser draws it 300 by 150, whatever its `viewBox`.
    let mut markup = String::with_capacity(256);
    let mut drawn = false;
    write_element(svg, 0, width.zip(height), &mut markup, &mut drawn);
    if !drawn {
        return None;
    }
    Some(Graphic {
        svg: markup,
        label: label_of(svg),
        width: width.and_then(|w| u32::try_from(w).ok()),
        height: height.and_then(|h| u32::try_from(h).ok()),
    })
}

/// A length's whole part ("200", "100.5", "-0" → 200, 100, 0): sizes to
/// reserve space by, so fractions do not matter, and no float parsing is
/// carried into the browser's code for them.
fn whole_number(text: &str) -> Option<u64> {
    let text = text
        .strip_prefix('-')
        .map_or(text, |t| if t.starts_with('0') { t } else { "" });
    let whole = text.split('.').next()?;
    if whole.is_empty() || whole.len() > 9 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    whole.parse().ok()
}

/// Its accessible name: the `<title>` the graphic gives itself, else its
/// `aria-label`, else the words it draws ("" for a purely decorative one).
fn label_of(svg: &HtmlNode) -> String {
    let HtmlNode::Element {
        attributes, children, ..
    } = svg
    else {
        return String::new();
    };
    let title = children.iter().find_map(|child| match child {
        HtmlNode::Element { name, children, .. } if name == "title" => Some(text_of(children)),
        _ => None,
    });
    let aria = attributes
        .iter()
        .find(|(k, _)| k == "aria-label")
        .map(|(_, v)| v.clone());
    let words = || {
        let mut words = String::new();
        collect_drawn_text(children, &mut words, 0);
        words
    };
    let label = title
        .filter(|t| !t.trim().is_empty())
        .or(aria.filter(|a| !a.trim().is_empty()))
        .unwrap_or_else(words);
    crate::text::squash_whitespace(&label).trim().to_owned()
}

fn text_of(nodes: &[HtmlNode]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            HtmlNode::Text(t) => t.clone(),
            HtmlNode::Element { children, .. } => text_of(children),
        })
        .collect()
}

fn collect_drawn_text(nodes: &[HtmlNode], out: &mut String, depth: usize) {
    for node in nodes {
        if let HtmlNode::Element { name, children, .. } = node {
            if depth > MAX_GRAPHIC_DEPTH || DROPPED.contains(&name.as_str()) || name == "title" || name == "desc" {
                continue;
            }
            if name == "text" {
                out.push(' ');
                out.push_str(&text_of(children));
            } else {
                collect_drawn_text(children, out, depth + 1);
            }
        }
    }
}

/// Writes `node` through the allowlist; `size` is the root's own, in place
/// of what its attributes say.
fn write_element(node: &HtmlNode, depth: usize, size: Option<(u64, u64)>, out: &mut String, drawn: &mut bool) {
    let HtmlNode::Element {
        name,
        attributes,
        children,
    } = node
    else {
        if let HtmlNode::Text(text) = node {
            escape_into(text, out);
        }
        return;
    };
    if depth > MAX_GRAPHIC_DEPTH || DROPPED.contains(&name.as_str()) {
        return;
    }
    let Some(spelled) = ELEMENTS.iter().find(|spelled| spelled.eq_ignore_ascii_case(name)) else {
        // Not drawing itself (a link, an unknown element): its drawing stays.
        for child in children {
            write_element(child, depth + 1, None, out, drawn);
        }
        return;
    };
    if matches!(
        *spelled,
        "path" | "rect" | "circle" | "ellipse" | "line" | "polyline" | "polygon" | "text" | "use"
    ) {
        *drawn = true;
    }
    out.push('<');
    out.push_str(spelled);
    if *spelled == "svg" && depth == 0 {
        out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
        if let Some((width, height)) = size {
            out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
    }
    // A `style` (renamed before parsing) becomes the presentation
    // attributes it sets, each through the same allowlist.
    let styled = attributes
        .iter()
        .filter(|(key, _)| key == "data-svg-style")
        .flat_map(|(_, style)| style.split(';'))
        .filter_map(|declaration| declaration.split_once(':'))
        .map(|(property, value)| (property.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .filter(|(property, _)| {
            property != "href" && !property.starts_with("data-") && !attributes.iter().any(|(k, _)| k == property)
        });
    let mut written: Vec<&str> = Vec::new();
    for (key, value) in attributes.iter().cloned().chain(styled) {
        let renamed = RENAMED
            .iter()
            .find(|(parsed, _)| *parsed == key)
            .map(|(_, spelled)| spelled);
        let Some(spelled_key) =
            renamed.or_else(|| ATTRIBUTES.iter().find(|spelled| spelled.eq_ignore_ascii_case(&key)))
        else {
            continue;
        };
        let sized = size.is_some() && matches!(*spelled_key, "width" | "height");
        if sized || *spelled_key == "style" || written.contains(spelled_key) || !is_safe_value(spelled_key, &value) {
            continue;
        }
        written.push(spelled_key);
        out.push(' ');
        out.push_str(spelled_key);
        out.push_str("=\"");
        escape_into(&value, out);
        out.push('"');
    }
    out.push('>');
    for child in children {
        write_element(child, depth + 1, None, out, drawn);
    }
    out.push_str("</");
    out.push_str(spelled);
    out.push('>');
}

/// Whether a value refers only to the graphic itself: an `href` is a
/// fragment (`#id`), and a `url(…)` in any attribute is `url(#id)`.
fn is_safe_value(key: &str, value: &str) -> bool {
    // A control character is written as it is and read by the browser as
    // something else (a NUL becomes U+FFFD): `\0#a` is no fragment there.
    if value.chars().any(char::is_control) {
        return false;
    }
    if key == "href" {
        return value.starts_with('#') && is_fragment(&value[1..]);
    }
    let squashed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = squashed.to_ascii_lowercase();
    if lower.contains("javascript:") || lower.contains("data:") || lower.contains("expression(") {
        return false;
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        let inside = &rest[at + 4..];
        let Some(end) = inside.find(')') else { return false };
        let target = inside[..end].trim_matches(['"', '\'']);
        if !(target.starts_with('#') && is_fragment(&target[1..])) {
            return false;
        }
        rest = &inside[end..];
    }
    true
}

fn is_fragment(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

impl Graphic {
    /// The graphic as an image address: `data:image/svg+xml,…`, every byte
    /// but letters, digits and a few marks percent-encoded, so that nothing
    /// of the markup reads as markup or as a scheme in the page.
    pub fn data_url(&self) -> String {
        let mut url = String::with_capacity(self.svg.len() * 2 + 24);
        url.push_str("data:image/svg+xml,");
        for byte in self.svg.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_' | b'=' | b'/' | b',') {
                url.push(byte as char);
            } else {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                url.push('%');
                url.push(HEX[usize::from(byte >> 4)] as char);
                url.push(HEX[usize::from(byte & 15)] as char);
            }
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::{blocks_from_html, strip_inline_code, HtmlParser};
    use crate::html5::Html5ever;
    use crate::model::Block;

    fn graphics(html: &str) -> Vec<Graphic> {
        let nodes = Html5ever.parse(&strip_inline_code(html));
        blocks_from_html(&nodes, "https://news.example.edu/")
            .into_iter()
            .filter_map(|b| match b {
                Block::Graphic(g) => Some(g),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_chart_keeps_its_drawing_its_gradient_and_its_title() {
        let found = graphics(
            r##"<p>Enrolment grew.</p><svg viewBox="0 0 200 100" role="img"><title>Enrolment, 2019 to 2024</title>
            <defs><linearGradient id="g1" x1="0" x2="1"><stop offset="0" stop-color="#1b4d8c"/><stop offset="1" stop-color="#8cb4e6"/></linearGradient></defs>
            <rect x="10" y="40" width="30" height="60" fill="url(#g1)"/><path d="M0 100 L200 0" stroke="black"/>
            <text x="10" y="20" font-size="12" text-anchor="start">12,400 students</text></svg>"##,
        );
        assert_eq!(found.len(), 1);
        let g = &found[0];
        assert_eq!(g.label, "Enrolment, 2019 to 2024");
        assert_eq!((g.width, g.height), (Some(200), Some(100)));
        assert!(
            g.svg.starts_with(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100" role="img">"#
            ),
            "{}",
            g.svg
        );
        assert!(g.svg.contains(r#"<linearGradient id="g1" x1="0" x2="1">"#), "{}", g.svg);
        assert!(g.svg.contains(r#"fill="url(#g1)""#));
        assert!(g
            .svg
            .contains(r#"<text x="10" y="20" font-size="12" text-anchor="start">12,400 students</text>"#));
    }

    #[test]
    fn a_style_becomes_the_presentation_attributes_it_may_set() {
        let found = graphics(
            r#"<svg viewBox="0 0 10 10"><rect width="10" height="10" style="fill: #c00; stroke:url(https://evil.example/#s); behavior: url(x.htc); stroke-width:2" /></svg>"#,
        );
        let svg = &found[0].svg;
        assert!(
            svg.contains(r##"<rect width="10" height="10" fill="#c00" stroke-width="2">"##),
            "{svg}"
        );
        assert!(
            !svg.contains("style") && !svg.contains("evil") && !svg.contains("htc"),
            "{svg}"
        );
    }

    #[test]
    fn without_a_title_the_graphic_is_named_by_its_words() {
        let found = graphics(r#"<svg width="40" height="20"><text x="0" y="10">Rain 40%</text></svg>"#);
        assert_eq!(found[0].label, "Rain 40%");
        assert_eq!((found[0].width, found[0].height), (Some(40), Some(20)));
    }

    /// SVG's own ways to run code or fetch: none survives the allowlist.
    #[test]
    fn a_reference_is_judged_as_it_is_written() {
        // Found by the fuzzer: the NUL was dropped when judging and kept
        // when writing; a browser reads `\u{FFFD}#y`, an address outside.
        assert!(!is_safe_value("href", "\0#\0y"));
        assert!(!is_safe_value("href", " #a"));
        assert!(!is_safe_value("fill", "url(\u{1}#g)"));
        assert!(is_safe_value("href", "#a"));
        assert!(is_safe_value("fill", "url( #g )"));
    }

    #[test]
    fn nothing_that_runs_or_loads_survives() {
        let vectors = [
            r#"<svg onload="alert(1)"><rect width="1" height="1"/></svg>"#,
            r#"<svg><script>alert(1)</script><rect width="1" height="1"/></svg>"#,
            r#"<svg><script xlink:href="data:,alert(1)"></script><rect width="1" height="1"/></svg>"#,
            r#"<svg><a xlink:href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>"#,
            r#"<svg><a href="javascript:alert(1)"><text x="1" y="1">click</text></a></svg>"#,
            r#"<svg><foreignObject><iframe src="javascript:alert(1)"></iframe><img src=x onerror=alert(1)></foreignObject><rect width="1" height="1"/></svg>"#,
            r#"<svg><use href="https://evil.example/x.svg#a"/><rect width="1" height="1"/></svg>"#,
            r#"<svg><use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/><rect width="1" height="1"/></svg>"#,
            r#"<svg><image href="https://tracker.example/p.gif"/><rect width="1" height="1"/></svg>"#,
            r#"<svg><rect width="1" height="1" fill="url(https://evil.example/#g)"/></svg>"#,
            r#"<svg><rect width="1" height="1" style="fill:url(https://evil.example/#g)"/></svg>"#,
            r#"<svg><style>@import url(https://evil.example/x.css);</style><rect width="1" height="1"/></svg>"#,
            r#"<svg><animate attributeName="href" values="javascript:alert(1)"/><set attributeName="onload" to="alert(1)"/><rect width="1" height="1"/></svg>"#,
            r#"<svg><rect width="1" height="1" onclick="alert(1)" onmouseover="alert(1)"/></svg>"#,
            r#"<svg><filter><feImage href="https://evil.example/i.png"/></filter><rect width="1" height="1"/></svg>"#,
            r#"<svg><rect width="1" height="1" fill="&#x75;rl(https://evil.example/)"/></svg>"#,
            r#"<svg><title><img src=x onerror=alert(1)></title><rect width="1" height="1"/></svg>"#,
        ];
        for vector in vectors {
            let found = graphics(vector);
            assert_eq!(found.len(), 1, "{vector}: the drawing is kept");
            let svg = found[0].svg.to_ascii_lowercase();
            for bad in [
                "script",
                "onload",
                "onclick",
                "onmouse",
                "onerror",
                "javascript",
                "http",
                "data:",
                "foreignobject",
                "<style",
                "<image",
                "<animate",
                "<set",
                "<a ",
                "<iframe",
                "<img",
                "feimage",
                "@import",
            ] {
                let without_namespace = svg.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
                assert!(
                    !without_namespace.contains(bad),
                    "{vector}: {bad} survived in {}",
                    found[0].svg
                );
            }
        }
    }

    #[test]
    fn a_graphic_that_draws_nothing_is_not_kept() {
        assert!(graphics(r#"<svg><script>alert(1)</script></svg>"#).is_empty());
        assert!(graphics(r#"<svg><title>Empty</title></svg>"#).is_empty());
    }

    #[test]
    fn its_image_address_holds_no_markup_or_scheme_in_the_clear() {
        let g = Graphic {
            svg: r#"<svg xmlns="http://www.w3.org/2000/svg"><text>javascript:"x" & 'y'</text></svg>"#.into(),
            label: String::new(),
            width: None,
            height: None,
        };
        let url = g.data_url();
        assert!(url.starts_with("data:image/svg+xml,%3Csvg%20xmlns"));
        assert!(!url[5..].contains(':') && !url.contains('<') && !url.contains('"') && !url.contains('\''));
    }
}
