//! The bytes of an XML feed as text, decoded as XML 1.0 and the feed
//! specifications say: a byte order mark first, then the encoding the XML
//! declaration names, else UTF-8; and where the bytes are not UTF-8 and
//! nothing says what they are, windows-1252, as browsers and feedparser read
//! such a feed (with a warning that names the first byte that is not UTF-8).
//! Every encoding of the WHATWG Encoding Standard decodes (`encoding_rs`,
//! the decoder Firefox uses).
//!
//! The text handed on is UTF-8 with every position where it was: the XML
//! declaration (ASCII, and what would make a parser decode the text again)
//! is blanked with spaces rather than removed, so a line and column in the
//! text are the line and column in the file. The same blanking reads two
//! faults of real feeds as their publishers meant them: blank lines before
//! the declaration (WordPress's classic bug), and RSS whose elements sit in a
//! default namespace RSS does not have (`<rss xmlns="…/rss2">`).
//!
//! A leaf: it imports nothing from the crate.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// A feed's text, and what was done to read it.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding the bytes were read in.
    #[cfg_attr(not(test), allow(dead_code, reason = "the tests check the choice by it"))]
    pub encoding: &'static Encoding,
    /// Each a `line:column: message` of something the reader should know.
    pub warnings: Vec<String>,
}

/// Decodes the bytes of an XML document.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None => {
            let declared = declaration(bytes).and_then(|d| d.encoding);
            match declared {
                Some(label) => match Encoding::for_label(label.as_bytes()) {
                    // A document that calls itself UTF-16 without a byte
                    // order mark is ASCII-compatible enough to be reading
                    // this: it is not UTF-16.
                    Some(encoding) if encoding.is_single_byte() || encoding.output_encoding() == encoding => {
                        (encoding, bytes)
                    }
                    Some(_) => (UTF_8, bytes),
                    None => {
                        let fallback = undeclared(bytes, &mut warnings);
                        warnings.push(format!(
                            "1:1: the XML declaration names the encoding {label:?}, which is not one a browser knows; read as {}",
                            fallback.name()
                        ));
                        (fallback, bytes)
                    }
                },
                None => (undeclared(bytes, &mut warnings), bytes),
            }
        }
    };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    if malformed {
        let (line, column) = first_malformed(encoding, body);
        warnings.push(format!(
            "{line}:{column}: bytes that are not {} (replaced with \u{FFFD})",
            encoding.name()
        ));
    }
    let mut text = text.into_owned();
    // The BOM is not part of the text (a decoder with BOM handling drops it).
    if text.starts_with('\u{FEFF}') {
        text.replace_range(..'\u{FEFF}'.len_utf8(), "");
    }
    normalise(&mut text, &mut warnings);
    drop_forbidden_characters(&mut text, &mut warnings);
    Decoded {
        text,
        encoding,
        warnings,
    }
}

/// Whether XML 1.0 forbids `c` anywhere in a document: the C0 controls
/// but tab, line feed and carriage return.
fn is_forbidden(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
}

/// Drops the control characters XML forbids, raw (LiveJournal's 0x15 for a
/// currency sign) or as a reference (`o&#x1F;ffre`): browsers and
/// feedparser read such a feed, and so does Gazette, naming the first.
fn drop_forbidden_characters(text: &mut String, warnings: &mut Vec<String>) {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut cleaned = String::with_capacity(text.len());
    let mut rest = text.as_str();
    let mut offset = 0;
    while let Some(at) = rest.find(|c: char| is_forbidden(c) || c == '&') {
        cleaned.push_str(&rest[..at]);
        let after = &rest[at..];
        let reference = after
            .strip_prefix("&#")
            .and_then(|r| r.split_once(';'))
            .filter(|(number, _)| number.len() <= 8)
            .and_then(|(number, _)| {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                let c = char::from_u32(code)?;
                is_forbidden(c).then(|| {
                    (
                        number.len() + 3,
                        format!("the character reference &#{number}; (a control character)"),
                    )
                })
            });
        let (skip, what) = match after.chars().next() {
            Some('&') => match reference {
                Some(found) => found,
                None => {
                    cleaned.push('&');
                    rest = &after[1..];
                    offset += at + 1;
                    continue;
                }
            },
            Some(c) => (c.len_utf8(), format!("a control character (U+{:04X})", c as u32)),
            None => break,
        };
        found.push((offset + at, what));
        rest = &after[skip..];
        offset += at + skip;
    }
    if found.is_empty() {
        return;
    }
    cleaned.push_str(rest);
    let (first, what) = &found[0];
    let (line, column) = position(&text[..*first]);
    let more = match found.len() {
        1 => String::new(),
        n => format!(" ({} more after it)", n - 1),
    };
    warnings.push(format!("{line}:{column}: {what}, which XML forbids; left out{more}"));
    *text = cleaned;
}

/// The encoding of bytes that declare none: UTF-8 if they are UTF-8, else
/// windows-1252, with a warning naming the first byte that is not UTF-8.
fn undeclared(bytes: &[u8], warnings: &mut Vec<String>) -> &'static Encoding {
    match std::str::from_utf8(bytes) {
        Ok(_) => UTF_8,
        Err(error) => {
            let (line, column) = position(&String::from_utf8_lossy(&bytes[..error.valid_up_to()]));
            warnings.push(format!(
                "{line}:{column}: the feed declares no encoding and is not UTF-8 from here on; read as windows-1252 (Latin-1), as browsers read it"
            ));
            WINDOWS_1252
        }
    }
}

/// The line and column (1-based, in characters) of the first byte
/// `encoding` cannot decode.
fn first_malformed(encoding: &'static Encoding, bytes: &[u8]) -> (usize, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(_, _) => position(&out),
        _ => position(&out),
    }
}

/// The position just after `before`: its line and the column after its last character.
pub fn position(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (line, column)
}

/// What the XML declaration says, read from the bytes (it is ASCII in every
/// ASCII-compatible encoding).
struct Declaration<'a> {
    /// Byte offsets of `<?xml` and just after `?>`.
    start: usize,
    end: usize,
    encoding: Option<&'a str>,
}

fn declaration(bytes: &[u8]) -> Option<Declaration<'_>> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if !bytes[start..].starts_with(b"<?xml") || bytes.get(start + 5).is_some_and(|b| !b.is_ascii_whitespace()) {
        return None;
    }
    let end = start + bytes[start..].windows(2).position(|w| w == b"?>")? + 2;
    let inside = std::str::from_utf8(&bytes[start..end]).ok()?;
    let encoding = pseudo_attribute(inside, "encoding");
    Some(Declaration { start, end, encoding })
}

/// A pseudo-attribute of a declaration (`encoding="UTF-8"`), without quotes.
fn pseudo_attribute<'a>(declaration: &'a str, name: &str) -> Option<&'a str> {
    let at = declaration.find(name)? + name.len();
    let rest = declaration[at..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    rest[1..].split(quote).next().map(str::trim)
}

/// Blanks what would stop an XML reader reading the text as its publisher
/// meant it: the XML declaration (the text is UTF-8 now, and blank lines
/// before it are then allowed), and a default namespace on `<rss>`.
fn normalise(text: &mut String, warnings: &mut Vec<String>) {
    if let Some(declaration) = declaration(text.as_bytes()) {
        if declaration.start > 0 {
            let (line, column) = position(&text[..declaration.start]);
            warnings.push(format!(
                "{line}:{column}: the XML declaration comes after blank space, where XML allows nothing; read as if it came first"
            ));
        }
        blank(text, declaration.start, declaration.end);
    }
    if let Some((start, end, namespace)) = rss_default_namespace(text) {
        let (line, column) = position(&text[..start]);
        warnings.push(format!(
            "{line}:{column}: <rss> puts its elements in the namespace {namespace:?}, which RSS has not; read as RSS 2.0"
        ));
        blank(text, start, end);
    }
}

/// The byte range of `xmlns="…"` on the document's `<rss>` element, if the
/// root is `<rss>` and declares a default namespace, and that namespace.
fn rss_default_namespace(text: &str) -> Option<(usize, usize, String)> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        let at = reader.buffer_position() as usize;
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start) => {
                if !start.name().into_inner().eq_ignore_ascii_case("rss") {
                    return None;
                }
                let tag_end = at + text[at..].find('>')?;
                let tag = &text[at..tag_end];
                let mut search = 0;
                while let Some(found) = tag[search..].find("xmlns") {
                    let name_start = search + found;
                    let after = &tag[name_start + "xmlns".len()..];
                    search = name_start + "xmlns".len();
                    // `xmlns:media=` is a prefix; only a bare `xmlns=` is a default.
                    if !after.trim_start().starts_with('=') {
                        continue;
                    }
                    let value = pseudo_attribute(&tag[name_start..], "xmlns")?;
                    let value_at = tag[name_start..].find(value)? + name_start;
                    let close = value_at + value.len() + 1;
                    return Some((at + name_start, at + close, value.to_owned()));
                }
                return None;
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

/// Replaces the ASCII bytes `start..end` with spaces, keeping every position.
fn blank(text: &mut String, start: usize, end: usize) {
    let spaces: String = text[start..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(start..end, &spaces);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_comes_first() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss/>");
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, UTF_8);
        assert!(decoded.text.trim_start().starts_with("<rss"), "{:?}", decoded.text);
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn the_declared_encoding_is_read_and_blanked_in_place() {
        let mut bytes = b"<?xml version='1.0' encoding='windows-1251'?>\n<rss><title>".to_vec();
        bytes.extend_from_slice(&[0xD5, 0xE0, 0xEA, 0xE5, 0xF0]);
        bytes.extend_from_slice(b"</title></rss>");
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding.name(), "windows-1251");
        assert!(decoded.text.contains("<title>Хакер</title>"));
        assert!(decoded.text.starts_with("      "), "the declaration is spaces now");
        assert_eq!(decoded.text.lines().nth(1), Some("<rss><title>Хакер</title></rss>"));
    }

    #[test]
    fn every_whatwg_encoding_decodes() {
        for (label, bytes, expected) in [
            ("ISO-8859-7", vec![0xC5, 0xEB], "Ελ"),
            ("KOI8-R", vec![0xF0, 0xD2, 0xC9], "При"),
            ("GB2312", vec![0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("Big5", vec![0xA4, 0xA4, 0xA4, 0xE5], "中文"),
            ("Shift_JIS", vec![0x93, 0xFA, 0x96, 0x7B], "日本"),
            ("EUC-JP", vec![0xC6, 0xFC, 0xCB, 0xDC], "日本"),
            ("EUC-KR", vec![0xC7, 0xD1, 0xB1, 0xB9], "한국"),
        ] {
            let mut document = format!("<?xml version=\"1.0\" encoding=\"{label}\"?><rss><t>").into_bytes();
            document.extend_from_slice(&bytes);
            document.extend_from_slice(b"</t></rss>");
            let decoded = decode(&document);
            assert!(
                decoded.text.contains(&format!("<t>{expected}</t>")),
                "{label}: {}",
                decoded.text
            );
            assert!(decoded.warnings.is_empty(), "{label}: {:?}", decoded.warnings);
        }
    }

    #[test]
    fn undeclared_latin_1_is_read_as_windows_1252_naming_the_first_byte() {
        let mut bytes = b"<rss>\n<channel>\n<title>Caf".to_vec();
        bytes.extend_from_slice(&[0xE9, 0x20, 0x93, b'o', b'k', 0x94]);
        bytes.extend_from_slice(b"</title></channel></rss>");
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, WINDOWS_1252);
        assert!(decoded.text.contains("Café “ok”"), "{}", decoded.text);
        assert_eq!(decoded.warnings.len(), 1);
        assert!(decoded.warnings[0].starts_with("3:11: "), "{:?}", decoded.warnings);
    }

    #[test]
    fn bytes_the_declared_encoding_cannot_read_are_named() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><t>ok ".to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b"</t></rss>");
        let decoded = decode(&bytes);
        assert_eq!(
            decoded.warnings,
            ["2:12: bytes that are not UTF-8 (replaced with \u{FFFD})"]
        );
        assert!(decoded.text.contains("ok \u{FFFD}"));
    }

    #[test]
    fn control_characters_xml_forbids_are_left_out_naming_the_first() {
        let decoded = decode(b"<rss>\n<t>saved up to \x15 by switching</t><u>o&#x1F;ffre &amp; &#233;</u></rss>");
        assert!(
            decoded
                .text
                .contains("<t>saved up to  by switching</t><u>offre &amp; &#233;</u>"),
            "{}",
            decoded.text
        );
        assert_eq!(
            decoded.warnings,
            ["2:16: a control character (U+0015), which XML forbids; left out (1 more after it)"]
        );
        let decoded = decode(b"<rss>\n<u>o&#31;ffre</u></rss>");
        assert_eq!(
            decoded.warnings,
            ["2:5: the character reference &#31; (a control character), which XML forbids; left out"]
        );
    }

    #[test]
    fn blank_lines_before_the_declaration_are_forgiven() {
        let decoded = decode(b"\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss/>");
        assert_eq!(decoded.text.lines().count(), 4, "every line stays where it was");
        assert!(!decoded.text.contains("<?xml"));
        assert_eq!(decoded.warnings.len(), 1);
        assert!(decoded.warnings[0].starts_with("3:1: "), "{:?}", decoded.warnings);
    }

    #[test]
    fn rss_in_a_default_namespace_is_read_as_rss() {
        let decoded = decode(b"<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel/></rss>");
        assert!(!decoded.text.contains("backend.userland.com"));
        assert!(decoded.text.contains("xmlns:dc="), "prefixed namespaces stay");
        assert_eq!(decoded.warnings.len(), 1);
        assert!(decoded.warnings[0].starts_with("1:20: "), "{:?}", decoded.warnings);
        // An RSS 1.0 document's default namespace is its own, and stays.
        let rdf = decode(
            b"<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
        );
        assert!(rdf.text.contains("xmlns=\"http://purl.org/rss/1.0/\""));
    }
}
