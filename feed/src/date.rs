//! Publication dates as feeds really write them.
//!
//! JSON Feed asks for RFC 3339, but real feeds send RFC 2822, drop the seconds
//! or the zone, or add fractions. A few dozen lines cover them all, where a
//! date crate would add weight to every page; the prerendered HTML and the
//! browser must format a date identically, so formatting is pure Rust too.

use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date and wall-clock time as written in the feed, with its
/// offset from UTC in minutes when the feed gave one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub offset_minutes: Option<i16>,
}

impl Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z; a date without a zone counts as UTC.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let local = days * 86_400 + self.hour as i64 * 3600 + self.minute as i64 * 60 + self.second as i64;
        local - self.offset_minutes.unwrap_or(0) as i64 * 60
    }

    /// "April 15, 2024", in the calendar of the place that wrote it.
    pub fn long_date(&self) -> String {
        format!("{} {}, {}", MONTHS[self.month as usize - 1], self.day, self.year)
    }

    /// RFC 2822, as RSS wants it: `Sun, 01 Nov 2026 12:00:00 +0800`.
    pub fn rfc2822(&self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let weekday = DAYS[days_from_civil(self.year, self.month, self.day).rem_euclid(7) as usize];
        let offset = self.offset_minutes.unwrap_or(0);
        let sign = if offset < 0 { '-' } else { '+' };
        format!(
            "{weekday}, {:02} {} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            self.day,
            &MONTHS[self.month as usize - 1][..3],
            self.year,
            self.hour,
            self.minute,
            self.second,
            offset.unsigned_abs() / 60,
            offset.unsigned_abs() % 60
        )
    }

    /// Parses RFC 3339 and its common relaxations, or RFC 2822.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if text.as_bytes().get(4) == Some(&b'-') {
            parse_iso(text)
        } else {
            parse_rfc2822(text)
        }
    }
}

/// The machine-readable form for `<time datetime>` and structured data:
/// RFC 3339, with the zone only when the feed gave one.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        match self.offset_minutes {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", m.unsigned_abs() / 60, m.unsigned_abs() % 60)
            }
        }
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year as i64 - 1 } else { year as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn valid(ts: Timestamp) -> Option<Timestamp> {
    let ok = (1..=12).contains(&ts.month)
        && ts.day >= 1
        && ts.day <= days_in_month(ts.year, ts.month)
        && ts.hour < 24
        && ts.minute < 60
        && ts.second <= 60
        && ts.offset_minutes.is_none_or(|m| m.abs() < 24 * 60);
    ok.then_some(Timestamp {
        second: ts.second.min(59),
        ..ts
    })
}

/// Reads a run of ASCII digits of exactly `len` characters.
fn fixed_digits(s: &str, len: usize) -> Option<(u32, &str)> {
    let digits = s.get(..len)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, &s[len..]))
}

/// `2024-04-15`, then optionally `T` or a space, `08:30`, `:15`, `.123`, and `Z` or `+08:00`.
fn parse_iso(s: &str) -> Option<Timestamp> {
    let (year, s) = fixed_digits(s, 4)?;
    let s = s.strip_prefix('-')?;
    let (month, s) = fixed_digits(s, 2)?;
    let s = s.strip_prefix('-')?;
    let (day, mut s) = fixed_digits(s, 2)?;
    let mut ts = Timestamp {
        year: year as i32,
        month: month as u8,
        day: day as u8,
        hour: 0,
        minute: 0,
        second: 0,
        offset_minutes: None,
    };
    if let Some(rest) = s.strip_prefix(['T', 't', ' ']) {
        let (hour, rest) = fixed_digits(rest, 2)?;
        let rest = rest.strip_prefix(':')?;
        let (minute, mut rest) = fixed_digits(rest, 2)?;
        ts.hour = hour as u8;
        ts.minute = minute as u8;
        if let Some(sec) = rest.strip_prefix(':') {
            let (second, after) = fixed_digits(sec, 2)?;
            ts.second = second as u8;
            rest = after;
            if let Some(fraction) = rest.strip_prefix(['.', ',']) {
                let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return None;
                }
                rest = &fraction[digits..];
            }
        }
        s = rest;
        ts.offset_minutes = parse_offset(s)?;
    } else if !s.is_empty() {
        return None;
    }
    valid(ts)
}

/// `Z`, `+08:00`, `+0800`, `-07`; `Ok(None)`-like `Some(None)` when absent.
fn parse_offset(s: &str) -> Option<Option<i16>> {
    let s = s.trim();
    match s {
        "" => return Some(None),
        "Z" | "z" | "UT" | "UTC" | "GMT" => return Some(Some(0)),
        _ => {}
    }
    let sign: i16 = match s.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &s[1..];
    let (hours, rest) = fixed_digits(rest, 2)?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let minutes = if rest.is_empty() {
        0
    } else {
        fixed_digits(rest, 2).filter(|(_, r)| r.is_empty())?.0
    };
    Some(Some(sign * (hours as i16 * 60 + minutes as i16)))
}

/// `Fri, 31 May 2019 12:17:58 -0700` (the weekday and the seconds are optional).
fn parse_rfc2822(s: &str) -> Option<Timestamp> {
    let s = match s.split_once(',') {
        Some((weekday, rest)) if weekday.trim().chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => s,
    };
    let mut parts = s.split_whitespace();
    let day: u8 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?.get(..3)?;
    let month = MONTHS.iter().position(|m| m[..3].eq_ignore_ascii_case(month_name))? as u8 + 1;
    let year_text = parts.next()?;
    let mut year: i32 = year_text.parse().ok()?;
    if year_text.len() == 2 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let time = parts.next()?;
    let mut clock = time.split(':');
    let hour: u8 = clock.next()?.parse().ok()?;
    let minute: u8 = clock.next()?.parse().ok()?;
    let second: u8 = clock.next().map_or(Some(0), |s| s.parse().ok())?;
    let zone = parts.next().unwrap_or("");
    let offset_minutes = match zone {
        "EST" => Some(-300),
        "EDT" => Some(-240),
        "CST" => Some(-360),
        "CDT" => Some(-300),
        "MST" => Some(-420),
        "MDT" => Some(-360),
        "PST" => Some(-480),
        "PDT" => Some(-420),
        other => parse_offset(other)?,
    };
    valid(Timestamp {
        year,
        month,
        day,
        hour,
        minute,
        second,
        offset_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn rfc3339_and_its_relaxations() {
        assert_eq!(ts("2024-04-15T09:30:00+08:00").to_string(), "2024-04-15T09:30:00+08:00");
        assert_eq!(ts("2019-10-12T07:20:50.52Z").to_string(), "2019-10-12T07:20:50Z");
        assert_eq!(ts("2018-01-06T08:00").to_string(), "2018-01-06T08:00:00");
        assert_eq!(ts("2024-04-15").to_string(), "2024-04-15T00:00:00");
        assert_eq!(ts("2024-04-15 10:00:00 +0530").offset_minutes, Some(330));
        assert_eq!(ts("2014-05-09T14:04:00-07:00").offset_minutes, Some(-420));
    }

    #[test]
    fn rfc2822() {
        let t = ts("Fri, 31 May 2019 12:17:58 -0700");
        assert_eq!(t.to_string(), "2019-05-31T12:17:58-07:00");
        assert_eq!(ts("1 Jan 2020 00:00 GMT").to_string(), "2020-01-01T00:00:00Z");
        assert_eq!(ts("Tue, 10 Jun 2003 04:00:00 GMT").long_date(), "June 10, 2003");
        assert_eq!(ts("Mon, 5 Aug 24 10:00:00 EDT").year, 2024);
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2024-02-30",
            "2024-13-01",
            "2024-04-15T25:00",
            "yesterday",
            "",
            "2024-4-5",
            "31 Foo 2020 10:00",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad} should not parse");
        }
        assert!(Timestamp::parse("2024-02-29").is_some());
    }

    #[test]
    fn ordering_uses_the_zone() {
        let beijing = ts("2024-04-15T09:00:00+08:00");
        let london = ts("2024-04-15T02:00:00Z");
        assert!(beijing.unix_seconds() < london.unix_seconds());
        assert_eq!(ts("1970-01-01T00:00:00Z").unix_seconds(), 0);
        assert_eq!(ts("2000-03-01T00:00:00Z").unix_seconds(), 951_868_800);
    }

    #[test]
    fn rfc2822_for_rss() {
        assert_eq!(
            ts("2026-11-01T12:00:00+08:00").rfc2822(),
            "Sun, 01 Nov 2026 12:00:00 +0800"
        );
        assert_eq!(ts("1970-01-01T00:00:00Z").rfc2822(), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(
            ts("2014-05-09T14:04:00-07:00").rfc2822(),
            "Fri, 09 May 2014 14:04:00 -0700"
        );
        let round_trip = ts(&ts("2024-02-29T23:59:00+05:30").rfc2822());
        assert_eq!(round_trip.to_string(), "2024-02-29T23:59:00+05:30");
    }

    #[test]
    fn long_date_as_on_the_seed_page() {
        assert_eq!(ts("2024-04-15T10:00:00+08:00").long_date(), "April 15, 2024");
    }
}
