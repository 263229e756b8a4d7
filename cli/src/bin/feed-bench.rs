//! Native parse and index times for synthetic archives (`make bench`).
//! A benchmark, not a test: it prints figures and fails nothing.

use std::time::Instant;

use gazette::feed::{read_feed, synthetic};
use gazette::store::Store;

fn main() {
    println!("| stories | feed size | parse (median) | index (median) | total | stories/s |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for (stories, runs) in [(1_000, 15), (10_000, 7), (100_000, 3)] {
        let text = synthetic::archive(stories);
        let mut parse = Vec::new();
        let mut index = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let feed = read_feed(text.as_bytes(), "/feed.json").expect("the synthetic feed reads");
            let parsed = Instant::now();
            let store = Store::from_feed(feed);
            let indexed = Instant::now();
            assert_eq!(store.articles().len(), stories);
            parse.push((parsed - start).as_secs_f64() * 1000.0);
            index.push((indexed - parsed).as_secs_f64() * 1000.0);
        }
        let (parse, index) = (median(&mut parse), median(&mut index));
        println!(
            "| {stories} | {:.1} MB | {parse:.1} ms | {index:.1} ms | {:.1} ms | {:.0} |",
            text.len() as f64 / 1e6,
            parse + index,
            stories as f64 / ((parse + index) / 1000.0)
        );
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
