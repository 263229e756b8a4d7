//! What a reader's search query means, and where it matches: the rules
//! shared by the in-memory search of a small feed and the highlighting of
//! every result, whichever engine found it.
//!
//! - Case and Latin accents fold (`cafe` finds `Café`).
//! - Every term is required. A word matches the start of a word in the text,
//!   so results follow the reader while they type (`lant` finds `lanterns`);
//!   a whole-word match ranks above a prefix.
//! - `"words in quotes"` must appear together, in that order.
//! - Chinese, Japanese and Korean text has no spaces between words, so a run
//!   of those characters matches wherever the same sequence appears.

use crate::text::{fold, fold_char};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Matches at the start of a word.
    Word,
    /// Several words together, in order, starting at the start of a word.
    Phrase,
    /// CJK characters: matches anywhere.
    Characters,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded, with single spaces between the words of a phrase.
    pub text: String,
    pub kind: TermKind,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// Han, kana and Hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut terms = Vec::new();
        for (index, part) in input.split('"').enumerate() {
            // Odd parts sit between quotes; an unclosed quote still counts
            // as a phrase so the results hold while the reader types it.
            if index % 2 == 1 {
                let words = words_of(part);
                match words.len() {
                    0 => {}
                    1 => push_word(&mut terms, &words[0]),
                    _ => terms.push(Term {
                        text: words.join(" "),
                        kind: TermKind::Phrase,
                    }),
                }
            } else {
                for word in words_of(part) {
                    push_word(&mut terms, &word);
                }
            }
        }
        terms.dedup();
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether any term of the query matches somewhere in `text`.
    pub fn found_in(&self, text: &str) -> bool {
        let folded = fold(text);
        self.terms.iter().any(|term| matches(&folded, term).next().is_some())
    }

    /// The query as Pagefind reads it: words, quoted phrases, and each CJK
    /// run as the overlapping pairs of characters that its index holds.
    pub fn to_pagefind(&self) -> String {
        let mut out = Vec::new();
        for term in &self.terms {
            match term.kind {
                TermKind::Word => out.push(term.text.clone()),
                TermKind::Phrase => out.push(format!("\"{}\"", term.text)),
                TermKind::Characters => out.extend(cjk_pairs(&term.text)),
            }
        }
        out.join(" ")
    }
}

/// Overlapping pairs of characters (a single character stays whole): the
/// words of a CJK run as a word-based index sees them.
pub fn cjk_pairs(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() < 2 {
        return vec![run.to_owned()];
    }
    chars.windows(2).map(|pair| pair.iter().collect()).collect()
}

/// Folded words of `text`, CJK runs split off as their own words.
fn words_of(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut word_is_cjk = false;
    for c in folded.chars() {
        let cjk = is_cjk(c);
        let ends_word = !(cjk || is_word_char(c)) || cjk != word_is_cjk;
        if ends_word && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if cjk || is_word_char(c) {
            word_is_cjk = cjk;
            word.push(c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn push_word(terms: &mut Vec<Term>, word: &str) {
    let kind = if word.chars().next().is_some_and(is_cjk) {
        TermKind::Characters
    } else {
        TermKind::Word
    };
    terms.push(Term {
        text: word.to_owned(),
        kind,
    });
}

/// How well a term matches one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Prefix,
    Whole,
}

/// Where `term` matches in `folded` text, as byte ranges of `folded`.
fn matches<'a>(folded: &'a str, term: &'a Term) -> impl Iterator<Item = (usize, usize, Fit)> + 'a {
    folded
        .match_indices(term.text.as_str())
        .filter_map(move |(start, found)| {
            let end = start + found.len();
            let after = folded[end..].chars().next();
            if term.kind == TermKind::Characters {
                return Some((start, end, Fit::Whole));
            }
            let before = folded[..start].chars().next_back();
            if before.is_some_and(is_word_char) {
                return None;
            }
            let fit = if after.is_some_and(is_word_char) {
                Fit::Prefix
            } else {
                Fit::Whole
            };
            Some((start, end, fit))
        })
}

fn best_fit(folded: &str, term: &Term) -> Option<Fit> {
    matches(folded, term).map(|(_, _, fit)| fit).max()
}

/// A story's text, folded once so that every query is a scan.
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    title: String,
    summary: String,
    body: String,
}

impl SearchText {
    pub fn new(title: &str, summary: &str, body: &str) -> SearchText {
        SearchText {
            title: fold(title),
            summary: fold(summary),
            body: fold(body),
        }
    }

    /// The story's relevance to `query`, or `None` when a term is missing.
    /// A term in the headline weighs most, then the summary, then the body.
    pub fn score(&self, query: &Query) -> Option<u32> {
        if query.is_empty() {
            return None;
        }
        let mut score = 0;
        for term in &query.terms {
            let weight = |field: &str, whole: u32, prefix: u32| match best_fit(field, term) {
                Some(Fit::Whole) => whole,
                Some(Fit::Prefix) => prefix,
                None => 0,
            };
            let best = weight(&self.title, 12, 8)
                .max(weight(&self.summary, 6, 4))
                .max(weight(&self.body, 2, 1));
            if best == 0 {
                return None;
            }
            score += best;
        }
        Some(score)
    }
}

/// Part of a text, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// `text` folded, with the byte in `text` that each folded byte came from.
fn fold_with_origins(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origins = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        origins.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    (folded, origins)
}

/// Sorts numbers that pack a key and a position (`key << 32 | position`):
/// the one sort the highlighter, the search ranking and the topic ranking
/// share, so the wasm carries one copy of it.
#[inline(never)]
pub fn sort_packed(packed: &mut [u64]) {
    packed.sort_unstable();
}

/// Byte ranges of `text` where the query's terms match, sorted and merged.
fn marked_ranges(text: &str, query: &Query) -> Vec<(usize, usize)> {
    let (folded, origins) = fold_with_origins(text);
    let original_end = |folded_end: usize| {
        let last = origins[folded_end - 1];
        last + text[last..].chars().next().map_or(0, char::len_utf8)
    };
    // Packed as one number each so this sort shares its code with the ranking's.
    let mut packed: Vec<u64> = query
        .terms
        .iter()
        .flat_map(|term| {
            matches(&folded, term)
                .map(|(start, end, _)| ((origins[start] as u64) << 32) | original_end(end) as u64)
                .collect::<Vec<_>>()
        })
        .collect();
    sort_packed(&mut packed);
    let ranges = packed
        .into_iter()
        .map(|p| ((p >> 32) as usize, (p & 0xFFFF_FFFF) as usize));
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// `text` cut into plain and marked segments, for showing the matched words.
pub fn highlight(text: &str, query: &Query) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut at = 0;
    for (start, end) in marked_ranges(text, query) {
        if start > at {
            segments.push(Segment {
                text: text[at..start].to_owned(),
                marked: false,
            });
        }
        segments.push(Segment {
            text: text[start..end].to_owned(),
            marked: true,
        });
        at = end;
    }
    if at < text.len() || segments.is_empty() {
        segments.push(Segment {
            text: text[at..].to_owned(),
            marked: false,
        });
    }
    segments
}

/// About `max_chars` characters of `text` around its first match, cut at
/// word boundaries, with an ellipsis where text was left out; the opening of
/// the text when nothing matches.
pub fn excerpt(text: &str, query: &Query, max_chars: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = marked_ranges(&text, query).first().map_or(0, |range| range.0);
    // Start a little before the match so the reader sees its context.
    let lead = text[..first].char_indices().rev().nth(40).map_or(0, |(at, _)| at);
    let start = if lead == 0 {
        0
    } else {
        text[lead..].find(' ').map_or(lead, |space| lead + space + 1).min(first)
    };
    let rest = &text[start..];
    let cut = rest.char_indices().nth(max_chars).map(|(at, _)| at);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    match cut {
        Some(at) => {
            let end = rest[..at].rfind(' ').filter(|&space| space > 0).unwrap_or(at);
            out.push_str(rest[..end].trim_end_matches([',', ';', ':']));
            out.push('…');
        }
        None => out.push_str(rest),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(input: &str) -> Vec<(String, TermKind)> {
        Query::parse(input)
            .terms
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect()
    }

    fn marked(text: &str, query: &str) -> Vec<String> {
        highlight(text, &Query::parse(query))
            .into_iter()
            .filter(|s| s.marked)
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn queries_fold_and_split_into_words_phrases_and_characters() {
        use TermKind::*;
        assert_eq!(terms("  Café  MOON "), [("cafe".into(), Word), ("moon".into(), Word)]);
        assert_eq!(
            terms("\"Full Moon\" night"),
            [("full moon".into(), Phrase), ("night".into(), Word)]
        );
        assert_eq!(
            terms("\"full moo"),
            [("full moo".into(), Phrase)],
            "an unclosed quote is a phrase being typed"
        );
        assert_eq!(terms("\"moon\""), [("moon".into(), Word)]);
        assert_eq!(
            terms("中秋节 lanterns"),
            [("中秋节".into(), Characters), ("lanterns".into(), Word)]
        );
        assert_eq!(terms("abc中秋"), [("abc".into(), Word), ("中秋".into(), Characters)]);
        assert_eq!(terms("moon moon"), [("moon".into(), Word)]);
        assert!(Query::parse(" , \"\" ").is_empty());
    }

    #[test]
    fn words_match_at_word_starts_and_every_term_is_required() {
        let text = SearchText::new(
            "Lanterns under a full moon",
            "Students shared mooncakes",
            "The café stayed open.",
        );
        assert!(text.score(&Query::parse("lant")).is_some(), "a prefix while typing");
        assert!(
            text.score(&Query::parse("anterns")).is_none(),
            "not the middle of a word"
        );
        assert!(text.score(&Query::parse("cafe moon")).is_some());
        assert!(text.score(&Query::parse("cafe rover")).is_none());
        assert!(text.score(&Query::parse("\"full moon\"")).is_some());
        assert!(
            text.score(&Query::parse("\"moon full\"")).is_none(),
            "a phrase keeps its order"
        );
        assert!(text.score(&Query::parse("")).is_none());
        assert!(Query::parse("rover lant").found_in("Lanterns"), "any one term");
        assert!(!Query::parse("anterns").found_in("Lanterns"));
    }

    #[test]
    fn headline_whole_words_rank_above_prefixes_and_body_text() {
        let query = Query::parse("moon");
        let title = SearchText::new("Moon night", "", "").score(&query).unwrap();
        let prefix = SearchText::new("Mooncakes", "", "").score(&query).unwrap();
        let summary = SearchText::new("Night", "The moon", "").score(&query).unwrap();
        let body = SearchText::new("Night", "", "A moon").score(&query).unwrap();
        assert!(title > prefix && prefix > summary && summary > body);
    }

    #[test]
    fn chinese_is_found_by_character_sequences() {
        let text = SearchText::new("Moon festival", "", "学生们在草坪上赏月，分享各国关于月亮的故事。");
        assert!(text.score(&Query::parse("赏月")).is_some());
        assert!(text.score(&Query::parse("月亮的故事")).is_some());
        assert!(text.score(&Query::parse("月球")).is_none());
        assert_eq!(marked("学生们在草坪上赏月", "赏月"), ["赏月"]);
    }

    #[test]
    fn highlighting_marks_the_original_text_of_every_match() {
        assert_eq!(marked("Café crème at the CAFÉ", "cafe"), ["Café", "CAFÉ"]);
        assert_eq!(marked("Lanterns and a lantern", "lantern"), ["Lantern", "lantern"]);
        assert_eq!(
            marked("A full moon, full moon", "\"full moon\""),
            ["full moon", "full moon"]
        );
        assert_eq!(
            marked("Straße", "strass"),
            ["Straß"],
            "a match inside an expanded letter ends after it"
        );
        assert_eq!(
            marked("moonlit moon", "moon moonlit"),
            ["moonlit", "moon"],
            "overlaps merge"
        );
        let segments = highlight("The full moon rose", &Query::parse("moon"));
        assert_eq!(
            segments.iter().map(|s| s.text.as_str()).collect::<String>(),
            "The full moon rose"
        );
        assert_eq!(
            highlight("", &Query::parse("moon")),
            [Segment {
                text: String::new(),
                marked: false
            }]
        );
    }

    #[test]
    fn excerpts_centre_on_the_first_match() {
        let text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
                    seventeen eighteen nineteen twenty moon twenty-one twenty-two twenty-three twenty-four";
        let cut = excerpt(text, &Query::parse("moon"), 60);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("moon"), "{cut}");
        assert!(cut.chars().count() <= 62, "{cut}");
        assert_eq!(excerpt("Short text", &Query::parse("absent"), 60), "Short text");
        assert_eq!(excerpt("Alpha beta gamma delta", &Query::parse("x"), 12), "Alpha beta…");
    }

    #[test]
    fn pagefind_reads_cjk_as_character_pairs() {
        assert_eq!(
            Query::parse("\"full moon\" 赏月亮 cafe").to_pagefind(),
            "\"full moon\" 赏月 月亮 cafe"
        );
        assert_eq!(cjk_pairs("月"), ["月"]);
    }
}
