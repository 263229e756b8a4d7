//! A strict RFC 8259 JSON parser that remembers where every value starts.
//!
//! Gazette reads feeds it did not write, so its diagnostics must point at the
//! line and column of a problem, and one hostile file must never crash the
//! page. serde_json would hide positions behind its derive machinery and adds
//! weight to the wasm; this parser borrows every string that has no escapes,
//! bounds its nesting depth instead of trusting the stack, and never panics.

use std::borrow::Cow;
use std::fmt;

/// Deeper documents are refused: no real feed nests anywhere near this, and
/// the bound keeps recursion far from the wasm stack limit.
pub const MAX_DEPTH: usize = 256;

/// A parsed value and the byte range in the source it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub offset: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The number's source text, already checked against the JSON grammar.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The member `key` of an object; the last one wins, as in `JSON.parse`.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'a>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Node<'a>)]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A number's whole part (`100.5` is 100), for counts a feed may write
    /// with a fraction (an attachment's `duration_in_seconds`).
    pub fn as_whole_u64(&self) -> Option<u64> {
        let Value::Number(text) = self.value else { return None };
        match text.split_once('.') {
            Some((whole, fraction)) if fraction.bytes().all(|b| b.is_ascii_digit()) => whole.parse().ok(),
            _ => self.as_u64(),
        }
    }

    /// A whole number that fits in u64; `3.0` and `3e2` count, `-1` and `2.5` do not.
    /// Read with integers only: float parsing would add its tables to the wasm.
    pub fn as_u64(&self) -> Option<u64> {
        let Value::Number(text) = self.value else { return None };
        if text.starts_with('-') {
            return text
                .trim_start_matches(['-', '0', '.'])
                .trim_start_matches(['e', 'E'])
                .is_empty()
                .then_some(0);
        }
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(i) => (&text[..i], text[i + 1..].parse::<i32>().ok()?),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = format!("{whole}{fraction}");
        // The decimal point moves right by the exponent, left by the fraction's length.
        let shift = exponent - fraction.len() as i32;
        if shift >= 0 {
            let mut value: u64 = digits.parse().ok()?;
            for _ in 0..shift {
                value = value.checked_mul(10)?;
            }
            Some(value)
        } else {
            let cut = digits.len().checked_sub(shift.unsigned_abs() as usize)?;
            let (kept, dropped) = digits.split_at(cut);
            if !dropped.bytes().all(|b| b == b'0') {
                return None;
            }
            if kept.is_empty() {
                Some(0)
            } else {
                kept.parse().ok()
            }
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// What kind of value this is, in words for diagnostics.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

impl std::fmt::Display for Node<'_> {
    /// Compact JSON: numbers exactly as the source wrote them, strings escaped
    /// as RFC 8259 requires (and `<` too, so the text is safe inside HTML).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => f.write_str(n),
            Value::String(s) => write_string(f, s),
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    item.fmt(f)?;
                }
                f.write_str("]")
            }
            Value::Object(members) => {
                f.write_str("{")?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, key)?;
                    f.write_str(":")?;
                    value.fmt(f)?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Writes `s` as a JSON string literal.
pub fn write_string(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '<' => Some("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => None,
            _ => continue,
        };
        out.write_str(&s[run_start..i])?;
        match escape {
            Some(e) => out.write_str(e)?,
            None => write!(out, "\\u{:04x}", c as u32)?,
        }
        run_start = i + c.len_utf8();
    }
    out.write_str(&s[run_start..])?;
    out.write_char('"')
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonErrorKind {
    Empty,
    InvalidUtf8,
    /// The text stops in the middle of a value: usually a truncated download.
    UnexpectedEnd,
    Unexpected(char),
    InvalidNumber,
    InvalidEscape,
    ControlCharacter,
    TooDeep,
    TrailingText,
}

/// Why a text is not JSON, and where: `line` and `column` count from 1,
/// the column in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub kind: JsonErrorKind,
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.kind {
            JsonErrorKind::Empty => "the file is empty".to_owned(),
            JsonErrorKind::InvalidUtf8 => "the bytes are not valid UTF-8".to_owned(),
            JsonErrorKind::UnexpectedEnd => {
                "the JSON stops in the middle of a value (is the file truncated?)".to_owned()
            }
            JsonErrorKind::Unexpected(c) => format!("unexpected character {c:?}"),
            JsonErrorKind::InvalidNumber => "a number is malformed".to_owned(),
            JsonErrorKind::InvalidEscape => "a string has an invalid escape".to_owned(),
            JsonErrorKind::ControlCharacter => {
                "a string holds a raw control character (a newline or tab must be escaped)".to_owned()
            }
            JsonErrorKind::TooDeep => format!("values are nested more than {MAX_DEPTH} deep"),
            JsonErrorKind::TrailingText => "there is more text after the JSON value".to_owned(),
        };
        write!(f, "invalid JSON at line {}, column {}: {what}", self.line, self.column)
    }
}

/// The 1-based line and character column of a byte offset in `source`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let before = &source[..end];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Strips a UTF-8 byte order mark, which some feed generators write and
/// `JSON.parse` would refuse.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Checks that `bytes` (after an optional BOM) are UTF-8 and parses them.
pub fn parse_bytes(bytes: &[u8]) -> Result<(&str, Node<'_>), JsonError> {
    let bytes = strip_bom(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        error_at(valid, e.valid_up_to(), JsonErrorKind::InvalidUtf8)
    })?;
    parse(text).map(|node| (text, node))
}

/// Parses one JSON text; white space around it is allowed, anything else is not.
pub fn parse(text: &str) -> Result<Node<'_>, JsonError> {
    let mut parser = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        items: Vec::new(),
        members: Vec::new(),
    };
    parser.skip_whitespace();
    if parser.pos == parser.bytes.len() {
        return Err(error_at(text, parser.pos, JsonErrorKind::Empty));
    }
    let node = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error(JsonErrorKind::TrailingText));
    }
    Ok(node)
}

fn error_at(source: &str, offset: usize, kind: JsonErrorKind) -> JsonError {
    let (line, column) = line_column(source, offset);
    JsonError {
        kind,
        offset,
        line,
        column,
    }
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Values of the arrays and objects being read, innermost last: each
    /// container is collected here and then moved out in one exact-size
    /// allocation, instead of growing a Vec of its own.
    items: Vec<Node<'a>>,
    members: Vec<(Cow<'a, str>, Node<'a>)>,
}

impl<'a> Parser<'a> {
    fn error(&self, kind: JsonErrorKind) -> JsonError {
        error_at(self.src, self.pos, kind)
    }

    fn unexpected(&self) -> JsonError {
        match self.src[self.pos..].chars().next() {
            Some(c) => self.error(JsonErrorKind::Unexpected(c)),
            None => self.error(JsonErrorKind::UnexpectedEnd),
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, JsonError> {
        let offset = self.pos;
        let value = match self.bytes.get(self.pos) {
            None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(_) => return Err(self.unexpected()),
        };
        Ok(Node {
            value,
            offset,
            end: self.pos,
        })
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, JsonError> {
        for expected in word.bytes() {
            match self.bytes.get(self.pos) {
                Some(&b) if b == expected => self.pos += 1,
                _ => return Err(self.unexpected()),
            }
        }
        Ok(value)
    }

    fn enter(&self, depth: usize) -> Result<usize, JsonError> {
        if depth >= MAX_DEPTH {
            Err(self.error(JsonErrorKind::TooDeep))
        } else {
            Ok(depth + 1)
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, JsonError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(Vec::new()));
        }
        let start = self.items.len();
        loop {
            self.skip_whitespace();
            let value = self.value(depth)?;
            self.items.push(value);
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(self.items.drain(start..).collect()));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, JsonError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(Vec::new()));
        }
        let start = self.members.len();
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.unexpected());
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.unexpected());
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(depth)?;
            self.members.push((key, value));
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(self.members.drain(start..).collect()));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn number(&mut self) -> Result<&'a str, JsonError> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
            _ => return Err(self.error(JsonErrorKind::InvalidNumber)),
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        Ok(&self.src[start..self.pos])
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), JsonError> {
        match self.bytes.get(self.pos) {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
            _ => Err(self.error(JsonErrorKind::InvalidNumber)),
        }
    }

    /// Moves `pos` to the next `"`, `\\` or control character (or the end),
    /// eight bytes at a time: strings are most of a feed's bytes.
    fn skip_plain_string_bytes(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let has_byte = |word: u64, byte: u8| {
            let x = word ^ (ONES * byte as u64);
            x.wrapping_sub(ONES) & !x & HIGHS
        };
        while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            // A byte below 0x20 has none of the bits 0x60 and is not high.
            let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
            if has_byte(word, b'"') | has_byte(word, b'\\') | control != 0 {
                break;
            }
            self.pos += 8;
        }
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1;
        let start = self.pos;
        // The fast path: no escapes, so the string is borrowed from the source.
        self.skip_plain_string_bytes();
        match self.bytes.get(self.pos) {
            None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
            Some(b'"') => {
                let s = &self.src[start..self.pos];
                self.pos += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.error(JsonErrorKind::ControlCharacter)),
        }
        let mut owned = String::with_capacity(self.pos - start + 16);
        owned.push_str(&self.src[start..self.pos]);
        loop {
            let run_start = self.pos;
            self.skip_plain_string_bytes();
            owned.push_str(&self.src[run_start..self.pos]);
            match self.bytes.get(self.pos) {
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut owned)?;
                }
                Some(_) => return Err(self.error(JsonErrorKind::ControlCharacter)),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let Some(&b) = self.bytes.get(self.pos) else {
            return Err(self.error(JsonErrorKind::UnexpectedEnd));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => {
                self.pos -= 1;
                return Err(self.error(JsonErrorKind::InvalidEscape));
            }
        };
        out.push(c);
        Ok(())
    }

    /// `\uXXXX`, joining surrogate pairs; a lone surrogate becomes U+FFFD, as
    /// browsers render it, rather than failing the whole feed.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return Ok(char::from_u32(high).unwrap_or('\u{FFFD}'));
        }
        if self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            self.pos = save;
        }
        Ok('\u{FFFD}')
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.bytes.get(self.pos) {
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
                Some(&b) => (b as char)
                    .to_digit(16)
                    .ok_or_else(|| self.error(JsonErrorKind::InvalidEscape))?,
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn parses_values_with_offsets() {
        let node = parse(r#" {"a": [1, -2.5e3, true, null], "b": "x\u00e9\n"} "#).unwrap();
        assert_eq!(node.offset, 1);
        let a = node.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[0].as_u64(), Some(1));
        assert_eq!(a[1].value, Value::Number("-2.5e3"));
        assert_eq!(a[2].as_bool(), Some(true));
        assert!(a[3].is_null());
        assert_eq!(node.get("b").unwrap().as_str(), Some("xé\n"));
        assert_eq!(node.get("b").unwrap().offset, 37);
        assert_eq!(node.get("b").unwrap().end, 48);
    }

    #[test]
    fn writes_what_it_reads() {
        let source = r#"{"a": [1, -2.5e3, true, null], "b": "q\"\\ \n<\u0001\u2028é", "c": {}}"#;
        let written = parse(source).unwrap().to_string();
        assert_eq!(
            written,
            r#"{"a":[1,-2.5e3,true,null],"b":"q\"\\ \n\u003c\u0001\u2028é","c":{}}"#
        );
        assert_eq!(
            parse(&written).unwrap().to_string(),
            written,
            "a second round trip changes nothing"
        );
    }

    #[test]
    fn borrows_strings_without_escapes() {
        let node = parse(r#"["plain"]"#).unwrap();
        assert!(matches!(
            node.as_array().unwrap()[0].value,
            Value::String(Cow::Borrowed("plain"))
        ));
    }

    #[test]
    fn last_duplicate_key_wins() {
        let node = parse(r#"{"k": 1, "k": 2}"#).unwrap();
        assert_eq!(node.get("k").unwrap().as_u64(), Some(2));
    }

    #[test]
    fn whole_numbers_in_other_spellings() {
        let n = |s: &str| parse(s).unwrap().as_u64();
        assert_eq!(n("3.0"), Some(3));
        assert_eq!(n("1e3"), Some(1000));
        assert_eq!(n("-1"), None);
        assert_eq!(n("2.5"), None);
        assert_eq!(n("25e-1"), None);
        assert_eq!(n("2500e-2"), Some(25));
        assert_eq!(n("0.0"), Some(0));
        assert_eq!(n("-0"), Some(0));
        assert_eq!(n("18446744073709551615"), Some(u64::MAX));
        assert_eq!(n("18446744073709551616"), None);
        assert_eq!(n("1e30"), None);
        assert_eq!(n("1.50"), None);
        assert_eq!(n("12.000"), Some(12));
    }

    #[test]
    fn surrogates() {
        assert_eq!(parse(r#""\ud834\udd1e""#).unwrap().as_str(), Some("𝄞"));
        assert_eq!(parse(r#""\ud800x""#).unwrap().as_str(), Some("\u{FFFD}x"));
        assert_eq!(parse(r#""\udc00""#).unwrap().as_str(), Some("\u{FFFD}"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 11));
        assert!(err.to_string().contains("line 2, column 11"), "{err}");

        let truncated = parse("{\"items\": [{\"title\": \"Hal").unwrap_err();
        assert_eq!(truncated.kind, JsonErrorKind::UnexpectedEnd);
        assert!(truncated.to_string().contains("truncated"));

        assert_eq!(parse("  ").unwrap_err().kind, JsonErrorKind::Empty);
        assert_eq!(parse("{} x").unwrap_err().kind, JsonErrorKind::TrailingText);
        assert_eq!(
            parse("<!doctype html>").unwrap_err().kind,
            JsonErrorKind::Unexpected('<')
        );
        assert_eq!(parse("\"a\tb\"").unwrap_err().kind, JsonErrorKind::ControlCharacter);
    }

    #[test]
    fn columns_count_characters() {
        let err = parse("[\"é\", x]").unwrap_err();
        assert_eq!((err.line, err.column), (1, 7));
    }

    #[test]
    fn bom_is_stripped_and_bad_utf8_is_located() {
        let (_, node) = parse_bytes(b"\xEF\xBB\xBF{\"a\":1}").unwrap();
        assert!(node.get("a").is_some());
        let err = parse_bytes(b"{\"a\":\n\"\xff\"}").unwrap_err();
        assert_eq!(err.kind, JsonErrorKind::InvalidUtf8);
        assert_eq!((err.line, err.column), (2, 2));
        assert_eq!(parse_bytes(b"\xEF\xBB\xBF").unwrap_err().kind, JsonErrorKind::Empty);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().kind, JsonErrorKind::TooDeep);
        let objects = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
        assert_eq!(parse(&objects).unwrap_err().kind, JsonErrorKind::TooDeep);
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn five_megabyte_string() {
        let big = format!("\"{}\"", "ab\\n".repeat(5 * 1024 * 1024 / 4));
        assert_eq!(parse(&big).unwrap().as_str().unwrap().len(), 5 * 1024 * 1024 / 4 * 3);
    }

    /// JSONTestSuite: `y_` files must parse, `n_` files must fail, `i_` files
    /// may go either way; none may panic.
    #[test]
    fn json_test_suite() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/jsontestsuite");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "SKIPPED: {} is absent (the shared corpora are not beside this clone)",
                dir.display()
            );
            return;
        };
        let mut checked = 0;
        let mut wrong = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") {
                continue;
            }
            let bytes = std::fs::read(entry.path()).unwrap();
            // JSONTestSuite expects a BOM to be refused; feeds get it stripped by `parse_bytes`.
            let result = std::str::from_utf8(&bytes)
                .map_err(|_| ())
                .and_then(|t| parse(t).map_err(|_| ()));
            checked += 1;
            match (&name[..2], result.is_ok()) {
                ("y_", false) | ("n_", true) => wrong.push(name),
                _ => {}
            }
        }
        assert!(checked >= 318, "only {checked} files found");
        assert!(wrong.is_empty(), "wrong verdicts: {wrong:?}");
    }
}
