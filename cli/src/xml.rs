//! Text made safe for XML and HTML. A leaf: it imports nothing of the crate.

/// `text` escaped for HTML and XML character data and attribute values.
pub fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(xml_chars(text).as_ref()).into_owned()
}

/// `text` without the characters XML 1.0 does not allow at all, which a
/// feed's text may still hold.
pub fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(allowed) {
        text.into()
    } else {
        text.chars().filter(|c| allowed(*c)).collect::<String>().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml_escape("a < b & \"c\"\u{1}"), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(xml_chars("tab\tbell\u{7}"), "tab\tbell");
    }
}
