//! Plain-text helpers shared by the feed reader, the pages and search:
//! slugs, accent folding, entity decoding and excerpts.

/// Folds one character for matching: lower case, Latin accents removed.
/// Characters without a folding (CJK among them) are kept as they are.
pub fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => 's',
        'Ť' | 'ť' | 'Ţ' | 'ţ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        'Ł' | 'ł' => 'l',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'Æ' | 'æ' => {
            out.push_str("ae");
            return;
        }
        'Œ' | 'œ' => {
            out.push_str("oe");
            return;
        }
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// `text` lower-cased with Latin accents removed, for matching.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The language a passage is written in when its script says so: a passage
/// mostly in Chinese characters is `zh`, with kana `ja`, with Hangul `ko`.
/// Screen readers switch voice on `lang`, and a feed rarely marks a passage
/// in a second language.
pub fn cjk_language(text: &str) -> Option<&'static str> {
    let (mut letters, mut cjk, mut kana, mut hangul) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            _ if crate::search::is_cjk(c) => cjk += 1,
            _ => {}
        }
    }
    if (cjk + kana + hangul) * 2 < letters.max(1) {
        return None;
    }
    Some(if kana > 0 {
        "ja"
    } else if hangul > cjk {
        "ko"
    } else {
        "zh"
    })
}

/// A URL segment: folded letters and digits, words joined by single hyphens.
/// Letters outside Latin (Chinese, Cyrillic) are kept so that such titles
/// still give distinct slugs.
pub fn slugify(text: &str) -> String {
    let folded = fold(text);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    // Long titles make unwieldy URLs; cut at a word boundary.
    if slug.chars().count() > 80 {
        let cut: String = slug.chars().take(80).collect();
        slug = match cut.rfind('-') {
            Some(i) if i > 20 => cut[..i].to_owned(),
            _ => cut,
        };
    }
    slug
}

/// Whether `s` is already a well-formed slug (what `_gazette.slug` must be).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c == '-' || (c.is_alphanumeric() && !c.is_uppercase()))
}

/// Decodes the character references that real feeds leave in plain-text
/// fields (`Blog &#8211; InfluxData`). As in HTML, a numeric reference may
/// lack its semicolon. The result is still shown as text, never as markup.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let decoded = match rest.strip_prefix('#') {
            Some(number) => numeric_reference(number).map(|(c, len)| (c, len + 1)),
            None => rest
                .find(';')
                .filter(|&end| end <= 8)
                .and_then(|end| named_reference(&rest[..end]).map(|c| (c, end + 1))),
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// `106;` or `x6A` after `&#`: the character and how many bytes it used.
fn numeric_reference(s: &str) -> Option<(char, usize)> {
    let (radix, digits_start) = match s.as_bytes().first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits = s[digits_start..]
        .bytes()
        .take_while(|b| (*b as char).is_digit(radix))
        .count();
    if digits == 0 {
        return None;
    }
    let end = digits_start + digits;
    let code = u32::from_str_radix(&s[digits_start..end], radix).unwrap_or(u32::MAX);
    let c = match char::from_u32(code) {
        Some('\0') | None => '\u{FFFD}',
        Some(c) => c,
    };
    let len = if s[end..].starts_with(';') { end + 1 } else { end };
    Some((c, len))
}

fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "colon" => ':',
        "Tab" => '\t',
        "NewLine" => '\n',
        _ => return None,
    })
}

/// Collapses runs of white space into single spaces and trims the ends.
pub fn squash_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `text`, cut at a word boundary with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = squash_whitespace(text);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// The visible text of an HTML fragment, for excerpts and search only: tags
/// are dropped, the text of `script` and `style` too, and references decoded.
/// What it returns is shown as text, never parsed as markup again.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        // As in HTML, `<` starts a tag only before a letter, `/`, `!` or `?`.
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let lower_start: String = rest.chars().take(8).collect::<String>().to_ascii_lowercase();
        let skip_to = ["script", "style"].iter().find_map(|tag| {
            lower_start.strip_prefix('<')?.strip_prefix(tag)?;
            Some(format!("</{tag}"))
        });
        if let Some(closing) = skip_to {
            let lower = rest.to_ascii_lowercase();
            match lower.find(&closing) {
                Some(i) => rest = &rest[i..],
                None => rest = "",
            }
        }
        match rest.find('>') {
            Some(gt) => {
                let tag = rest.get(1..gt).unwrap_or("");
                if is_block_tag(tag) {
                    out.push(' ');
                }
                rest = &rest[gt + 1..];
            }
            None => rest = "",
        }
    }
    out.push_str(rest);
    squash_whitespace(&decode_entities(&out))
}

fn is_block_tag(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('/')
        .split([' ', '/', '\t', '\n'])
        .next()
        .unwrap_or("");
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "br" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "figcaption" | "tr" | "td"
    )
}

/// "1,873": thousands separated by commas, as on the seed page.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The primary subtag of a BCP 47 tag, lower-cased: `zh` for `zh-Hans`.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// Whether two language tags name the same language: `zh` and `zh-Hans`.
pub fn same_language(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || primary_language(a) == primary_language(b)
}

/// `rtl` for the languages written right to left, else `ltr` (by the
/// primary subtag of a BCP 47 tag).
pub fn direction_of(language: &str) -> &'static str {
    match primary_language(language).as_str() {
        "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" | "syr" => "rtl",
        _ => "ltr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("USTB Holds the \"Year of Internationalization\" Meeting"),
            "ustb-holds-the-year-of-internationalization-meeting"
        );
        assert_eq!(slugify("Crème brûlée — à la carte!"), "creme-brulee-a-la-carte");
        assert_eq!(slugify("  --  "), "");
        assert_eq!(slugify("科技 新闻"), "科技-新闻");
        assert!(slugify(&"word ".repeat(40)).chars().count() <= 80);
        assert!(is_slug("science-and-technology"));
        assert!(!is_slug("Science"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("a/b"));
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Ångström ÉCOLE Straße"), "angstrom ecole strasse");
        assert_eq!(fold("北京"), "北京");
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("Blog &#8211; InfluxData"), "Blog – InfluxData");
        assert_eq!(
            decode_entities("a &amp; b &lt;script&gt; &#x41; &bogus; & c"),
            "a & b <script> A &bogus; & c"
        );
        assert_eq!(decode_entities("&#0;&#99999999;"), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode_entities("&#0000106&#x61va"), "java");
        assert_eq!(decode_entities("AT&T &#; &#x;"), "AT&T &#; &#x;");
    }

    #[test]
    fn excerpts() {
        assert_eq!(excerpt("short  text", 50), "short text");
        assert_eq!(excerpt("one two three four five six", 14), "one two three…");
    }

    #[test]
    fn html_text() {
        assert_eq!(
            html_to_text("<p>Hello <b>world</b></p><script>alert(1)</script><p>Aged &amp; Distilled</p>"),
            "Hello world Aged & Distilled"
        );
        assert_eq!(html_to_text("x <STYLE>p{}</STYLE>y"), "x y");
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("a <b"), "a");
    }

    #[test]
    fn passages_in_cjk_scripts_name_their_language() {
        assert_eq!(cjk_language("活动以中英双语进行。Lanterns"), Some("zh"));
        assert_eq!(cjk_language("お月見の夜に集まった"), Some("ja"));
        assert_eq!(cjk_language("보름달 아래에서"), Some("ko"));
        assert_eq!(cjk_language("The Mid-Autumn festival, 中秋节, came early"), None);
        assert_eq!(cjk_language(""), None);
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(1873), "1,873");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }

    #[test]
    fn right_to_left_languages_by_their_primary_tag() {
        assert_eq!(direction_of("ar-EG"), "rtl");
        assert_eq!(direction_of("he"), "rtl");
        assert_eq!(direction_of("zh-Hans"), "ltr");
        assert_eq!(direction_of(""), "ltr");
    }
}
