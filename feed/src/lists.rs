//! The rules that make the site's lists, written once: the browser's store
//! draws its pages by them and the build lays a large archive out by them,
//! so a page read from the archive's files is the page the store would make.
//! (Newest first is [`crate::Article::newest_first`]; who a story names,
//! [`crate::Article::people`].)

/// How many stories a page of a topic's, a person's or every story's list
/// holds: an archive's page is one file of this many.
pub const PAGE_SIZE: usize = 12;

/// How many pages a list of `stories` takes: one at least, which says so
/// when it has none.
pub fn page_count(stories: usize) -> usize {
    stories.div_ceil(PAGE_SIZE).max(1)
}

/// The positions of the `n` most-read stories of a list ordered newest
/// first, most read first; on a tie, the newer. `views(i)` is the count of
/// the story at `i`, `None` where it has none (not ranked). Picked one by
/// one rather than sorted: a few from many, and no sort to carry in the wasm.
pub fn most_read(len: usize, views: impl Fn(usize) -> Option<u64>, n: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    for _ in 0..n {
        let best = (0..len)
            .filter(|i| !chosen.contains(i))
            .filter_map(|i| views(i).map(|v| (v, std::cmp::Reverse(i))))
            .max();
        match best {
            Some((_, std::cmp::Reverse(i))) => chosen.push(i),
            None => break,
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_read_most_first_ties_to_the_newer_unranked_left_out() {
        let views = [Some(5), None, Some(9), Some(5), Some(1)];
        assert_eq!(most_read(views.len(), |i| views[i], 3), [2, 0, 3]);
        assert_eq!(most_read(views.len(), |i| views[i], 10), [2, 0, 3, 4]);
        assert!(most_read(0, |_| None, 10).is_empty());
    }

    #[test]
    fn a_list_takes_one_page_at_least() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PAGE_SIZE), 1);
        assert_eq!(page_count(PAGE_SIZE + 1), 2);
    }
}
