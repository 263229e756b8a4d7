//! A synthetic archive for benchmarks and scale tests: `n` stories over
//! eight topics, an hour apart, each with a body of a few blocks and a photo.
//! The shipped app never calls it, so it is not in the wasm.

const TOPICS: [(&str, &str); 8] = [
    ("university-news", "University News"),
    ("research", "Research"),
    ("science-technology", "Science & Technology"),
    ("social-science", "Social Science"),
    ("art", "Art & Culture"),
    ("faculty-staff", "Faculty & Staff"),
    ("student-life", "Student Life"),
    ("world", "Around the World"),
];

/// A JSON Feed 1.1 document with the `_gazette` extension.
pub fn archive(n: usize) -> String {
    let mut out = String::with_capacity(n * 1100 + 2000);
    out.push_str(r#"{"version":"https://jsonfeed.org/version/1.1","title":"The Archive Times","description":"A synthetic archive","language":"en","_gazette":{"topics":["#);
    for (i, (slug, name)) in TOPICS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(r#"{{"slug":"{slug}","name":"{name}"}}"#));
    }
    out.push_str(r#"]},"items":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let (topic, _) = TOPICS[i % TOPICS.len()];
        // One story an hour, back from 2026-11-20T00:00:00Z.
        let hours = i as i64;
        let day = 20 - hours / 24;
        let (year, month, day) = civil_from_days(days_from_2026_11(day));
        let hour = 23 - hours % 24;
        out.push_str(&format!(
            r#"{{"id":"https://archive.example/stories/{i}","url":"https://archive.example/stories/{i}","title":"Archive story number {i} about {topic}","summary":"A short summary of story {i}, long enough to read like a real standfirst.","date_published":"{year:04}-{month:02}-{day:02}T{hour:02}:00:00+00:00","image":"images/story-{i}.jpg","tags":["{topic}"],"content_html":"<p>Story {i}.</p>","_gazette":{{"slug":"story-{i}","topic":"{topic}","views":{views},"credits":[{{"role":"Draft","name":"WANG Lei"}},{{"role":"Revision","name":"ZHAO Min"}}],"body":[{{"type":"paragraph","content":["The first paragraph of story {i} sets out what happened, where and when, in about the length a newsroom would use. ",{{"type":"emphasis","text":"Emphasis"}}," and a ",{{"type":"link","url":"https://example.edu/more","text":"link"}},"."]}},{{"type":"image","url":"images/story-{i}.jpg","alt":"A photo for story {i}","caption":"Caption of the photo","credit":"Photo: Archive","width":1200,"height":800,"srcset":[{{"url":"images/story-{i}-600.jpg","width":600}},{{"url":"images/story-{i}.jpg","width":1200}}]}},{{"type":"paragraph","text":"A second paragraph with more detail, quotes from people involved and what comes next for them."}}]}}}}"#,
            views = i * 7 % 10_000
        ));
    }
    out.push_str("]}");
    out
}

/// Days since 1970-01-01 of day `d` of November 2026 (d may be 0 or negative).
fn days_from_2026_11(d: i64) -> i64 {
    // 2026-11-01 is day 20758 since the epoch.
    20_758 + d - 1
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_feed;

    #[test]
    fn reads_cleanly_newest_first() {
        let feed = read_feed(archive(100).as_bytes(), "/feed.json").unwrap();
        assert!(feed.problems.is_empty(), "{:?}", feed.problems.first());
        assert_eq!(feed.articles.len(), 100);
        assert_eq!(feed.articles[0].published.unwrap().to_string(), "2026-11-20T23:00:00Z");
        assert_eq!(feed.articles[99].published.unwrap().to_string(), "2026-11-16T20:00:00Z");
        assert_eq!(feed.articles[8].topic(), Some("university-news"));
        let long = read_feed(archive(3000).as_bytes(), "/feed.json").unwrap();
        assert!(long.problems.is_empty(), "dates stay valid across months and years");
    }
}
