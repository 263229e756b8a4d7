//! Dates as CMSs write them when they do not write RFC 822 or RFC 3339:
//! `2020/1/10 14:33:00` (a Chinese forum), `Sat, Dec 16 2023 02:02:33 PM`
//! (a TV station), `2022-07-26 13:01:01`, `10.01.2020 14:33`. feedparser
//! reads most of these; a date left out sinks a story to the archive's end.
//! Each is read as written: with its zone when it names one, without when
//! it does not (Gazette then reads it as UTC, as feedparser does).

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use gazette::feed::Timestamp;

/// Forms with a zone (`%z` is `+0300`, `%:z` is `+03:00`).
const ZONED: &[&str] = &[
    "%a, %d %b %Y %H:%M:%S %z",
    "%a, %d %b %Y %H:%M %z",
    "%d %b %Y %H:%M:%S %z",
    "%a, %b %d %Y %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S%:z",
    "%Y-%m-%dT%H:%M%:z",
];

/// Forms without one.
const ZONELESS: &[&str] = &[
    "%a, %b %d %Y %I:%M:%S %p",
    "%a, %d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
];

const DAYS: &[&str] = &[
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%d %b %Y",
    "%a, %d %b %Y",
    "%B %d, %Y",
];

/// The date in `text`, in one of the forms above, or None.
pub fn wild(text: &str) -> Option<Timestamp> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Zone abbreviations chrono does not read: the common ones as offsets.
    let text = [
        (" GMT", " +0000"),
        (" UTC", " +0000"),
        (" UT", " +0000"),
        (" Z", " +0000"),
    ]
    .iter()
    .find_map(|(name, offset)| text.strip_suffix(name).map(|t| format!("{t}{offset}")))
    .unwrap_or(text);
    let written = if let Some(date) = ZONED.iter().find_map(|f| DateTime::parse_from_str(&text, f).ok()) {
        date.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    } else if let Some(date) = ZONELESS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
    {
        date.format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        let day = DAYS.iter().find_map(|f| NaiveDate::parse_from_str(&text, f).ok())?;
        day.format("%Y-%m-%dT00:00:00").to_string()
    };
    Timestamp::parse(&written)
}

#[cfg(test)]
mod tests {
    use super::wild;

    fn read(text: &str) -> Option<String> {
        wild(text).map(|t| t.to_string())
    }

    #[test]
    fn the_forms_cms_write_are_read_as_written() {
        assert_eq!(read("2020/1/10 14:33:00").as_deref(), Some("2020-01-10T14:33:00"));
        assert_eq!(
            read("Sat, Dec 16 2023 02:02:33 PM").as_deref(),
            Some("2023-12-16T14:02:33")
        );
        assert_eq!(read("2022-07-26 13:01:01").as_deref(), Some("2022-07-26T13:01:01"));
        assert_eq!(read("10.01.2020 14:33").as_deref(), Some("2020-01-10T14:33:00"));
        assert_eq!(
            read("Mon, 1 Dec 2025 00:17:00 +0100").as_deref(),
            Some("2025-12-01T00:17:00+01:00")
        );
        assert_eq!(
            read("Mon, 1 Dec 2025 00:17:00 GMT").as_deref(),
            Some("2025-12-01T00:17:00Z")
        );
        assert_eq!(read("November 30, 2026").as_deref(), Some("2026-11-30T00:00:00"));
    }

    #[test]
    fn what_is_not_a_date_is_none() {
        assert_eq!(read("yesterday"), None);
        assert_eq!(read("2020/13/45 10:00:00"), None);
        assert_eq!(read(""), None);
    }
}
