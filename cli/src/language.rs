//! The language of a feed that declares none, read from its stories: the
//! pages need one for `lang` (screen readers' voices, hyphenation, the
//! fonts of Chinese and Japanese) and `dir`. Natively only, at build time,
//! with whatlang (trigrams and scripts, no model to download); the wasm
//! never carries it, and the published feed then says the language, so the
//! browser reads it from there.
//!
//! A leaf: it imports nothing from the crate.

use gazette::feed::Feed;

/// Enough text to tell a language: the first stories' headlines and words.
const SAMPLE_CHARACTERS: usize = 20_000;

/// The BCP 47 tag of the language the feed's stories are written in, when
/// whatlang is sure of it.
pub fn detect(feed: &Feed) -> Option<String> {
    let mut sample = String::new();
    for article in &feed.articles {
        if sample.len() >= SAMPLE_CHARACTERS {
            break;
        }
        sample.push_str(&article.title);
        sample.push_str(". ");
        for block in &article.body {
            block.push_text(&mut sample);
            sample.push(' ');
        }
    }
    let info = whatlang::detect(&sample)?;
    info.is_reliable().then(|| tag(info.lang()).to_owned())
}

/// ISO 639-1, the two-letter code BCP 47 prefers (every language whatlang
/// knows has one).
fn tag(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::feed::read_feed;

    fn feed_of(title: &str, body: &str) -> Feed {
        let json = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "items": [{"id": "1", "title": title, "content_text": body}]});
        read_feed(json.to_string().as_bytes(), "/feed.json").unwrap()
    }

    #[test]
    fn a_feed_s_stories_say_its_language() {
        let chinese = feed_of(
            "图书馆延长开放时间",
            "期末考试期间，图书馆将全天开放，学生需携带校园卡进入。自习室和讨论室均可在线预约。",
        );
        assert_eq!(detect(&chinese).as_deref(), Some("zh"));
        let urdu = feed_of(
            "لائبریری اب رات بھر کھلی رہے گی",
            "امتحانات کے دوران لائبریری چوبیس گھنٹے کھلی رہے گی اور طلبہ اپنا کارڈ ساتھ رکھیں۔",
        );
        assert_eq!(detect(&urdu).as_deref(), Some("ur"));
        let spanish = feed_of(
            "La biblioteca abre toda la noche",
            "Durante los exámenes la biblioteca no cierra y los estudiantes pueden reservar salas de estudio en línea.",
        );
        assert_eq!(detect(&spanish).as_deref(), Some("es"));
    }

    #[test]
    fn too_little_text_says_nothing() {
        assert_eq!(detect(&feed_of("OK", "Yes")), None);
    }
}
