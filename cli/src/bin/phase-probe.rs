use gazette::feed::{read_feed, synthetic};
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let text = synthetic::archive(n);
    let t = std::time::Instant::now();
    let feed = read_feed(text.as_bytes(), "/feed.json").unwrap();
    println!("{} {:?}", feed.articles.len(), t.elapsed());
}
