use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalog::{fill, use_catalog, Catalog};
use crate::feed::search::{excerpt, highlight, Query};
use crate::feed::Topic;
use crate::newsroom::Newsroom;
use crate::paths::use_paths;
use crate::search::{SearchHit, SearchResults};
use crate::store::Store;

use super::{reach_phrase, LookingBack};

/// Characters of story text shown around the matched words.
const EXCERPT_CHARS: usize = 180;

/// Text with the words that matched the query in `<mark>`.
#[component]
pub fn Highlighted(text: String, query: Query) -> impl IntoView {
    highlight(&text, &query)
        .into_iter()
        .map(|segment| {
            if segment.marked {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect_view()
}

/// The count, the topic filter and the results of a search, or the state
/// that stands in for them (no query yet, nothing found).
#[component]
pub fn SearchResultList(
    results: SearchResults,
    query: String,
    /// What [`count_message`] says of these results.
    count: String,
    topic: Option<String>,
    show_more: Callback<()>,
    /// Where the topics are looked up, and asked to look further back.
    newsroom: Newsroom,
) -> impl IntoView {
    let paths = use_paths();
    let tr = use_catalog();
    let parsed = Query::parse(&query);
    let query = query.trim().to_owned();
    let topic_name = |slug: &str| {
        newsroom
            .with_store(|s| s.topic(slug).map(|t| t.name.clone()))
            .unwrap_or_else(|| slug.to_owned())
    };

    if parsed.is_empty() {
        let stories = newsroom.with_store(|s| {
            s.site
                .archive
                .as_ref()
                .map_or(s.articles().len() as u64, |a| a.total_stories)
        });
        return view! {
            <div class="search-state" id="search-results">
                <p class="search-count">{tr.count(tr.type_to_search(), stories)}</p>
            </div>
        }
        .into_any();
    }

    // Older pages of a feed paged by `next_url` may hold more: say how far
    // back the search went, and let the reader send it further.
    let partial = (!results.whole_archive && newsroom.with_store(|s| s.site.archive.is_some() || !s.is_complete()))
        .then(|| {
            let reach = newsroom.reach();
            let further = newsroom.with_store(Store::has_older_pages).then(|| {
                view! {
                    <button type="button" class="button button-quiet" on:click=move |_| newsroom.look_further()>
                        {tr.search_older()}
                    </button>
                }
            });
            view! {
                <div class="search-note">
                    <p>{fill(tr.searched_not_all(), &[("reach", &reach_phrase(tr, &reach))])}</p>
                    {further}
                </div>
                <LookingBack newsroom />
            }
        });

    let all_count = results.all_topics_total;
    let filter = (!results.topic_counts.is_empty()).then(|| {
        let link = |label: String, count: usize, slug: Option<&str>| {
            let current = slug == topic.as_deref();
            view! {
                <li>
                    <a href=paths.search_in(&query, slug) aria-current=current.then_some("page")>
                        {label} <span class="search-topic-count">{tr.number(count as u64)}</span>
                    </a>
                </li>
            }
        };
        let mut links = vec![link(tr.all_topics().to_string(), all_count.max(results.total), None)];
        for (slug, count) in &results.topic_counts {
            links.push(link(topic_name(slug), *count, Some(slug)));
        }
        view! {
            <nav class="search-topics" aria-label=tr.filter_by_topic()>
                <ul>{links}</ul>
            </nav>
        }
    });

    let nothing = (results.total == 0).then(|| {
        let everywhere = topic.as_ref().map(|_| {
            view! { <li><a href=paths.search(&query)>{tr.search_all_topics()}</a></li> }
        });
        view! {
            <ul class="search-tips">
                <li>{tr.tip_spelling()}</li>
                <li>{tr.tip_quotes()}</li>
                {everywhere}
            </ul>
        }
    });
    let more = (results.hits.len() < results.total).then(|| {
        view! {
            <button type="button" class="search-more" on:click=move |_| show_more.run(())>
                {fill(tr.more_results(), &[("shown", &tr.number(results.hits.len() as u64)), ("total", &tr.number(results.total as u64))])}
            </button>
        }
    });
    let hits = results.hits.clone();
    view! {
        <div class="search-state">
            <p class="search-count">{count}</p>
            {partial}
            {filter}
            {nothing}
        </div>
        <ol class="search-results" id="search-results" on:keydown=move_between_results>
            {hits.into_iter().map(|hit| {
                let topic = hit.topic.as_ref().and_then(|slug| newsroom.with_store(|s| s.topic(slug).cloned()));
                view! { <SearchResult hit topic query=parsed.clone() /> }
            }).collect_view()}
        </ol>
        {more}
    }
    .into_any()
}

/// "12 stories match “moon” in Research."
pub fn count_message(tr: &Catalog, results: &SearchResults, query: &str, topic_name: Option<&str>) -> String {
    let query = query.trim();
    if query.is_empty() {
        return String::new();
    }
    let within = topic_name
        .map(|name| fill(tr.in_topic(), &[("topic", name)]))
        .unwrap_or_default();
    let values = [("query", &*tr.quoted(query)), ("within", &within)];
    match results.total {
        0 => fill(tr.no_match(), &values),
        n => fill(&tr.count(tr.stories_match(), n as u64), &values),
    }
}

/// One result: the headline (the link), topic and date, and an excerpt, with
/// the matched words marked.
#[component]
fn SearchResult(hit: SearchHit, topic: Option<Topic>, query: Query) -> impl IntoView {
    let paths = use_paths();
    let tr = use_catalog();
    let topic = topic.map(|t| view! { <a class="search-result-topic" href=paths.topic(&t.slug)>{t.name}</a> });
    let date = hit
        .published
        .map(|d| view! { <time datetime=d.to_string()>{tr.date(&d)}</time> });
    // The summary when the match is there or in the headline; else the
    // passage of the story that matched.
    let summary = hit.summary.clone().unwrap_or_default();
    let text = if summary.is_empty() || !query.found_in(&summary) && query.found_in(&hit.body) {
        excerpt(&hit.body, &query, EXCERPT_CHARS)
    } else {
        summary
    };
    view! {
        <li class="search-result">
            <h2 class="search-result-headline">
                <a class="search-result-link" href=paths.article(&hit.slug)>
                    <Highlighted text=hit.title.clone() query=query.clone() />
                </a>
            </h2>
            <p class="search-result-meta">{topic}{date}</p>
            <p class="search-result-excerpt"><Highlighted text query /></p>
        </li>
    }
}

/// Up and Down move between results; Up from the first, or Escape, goes
/// back to the search box.
fn move_between_results(ev: leptos::ev::KeyboardEvent) {
    {
        let Some(current) = document().active_element() else {
            return;
        };
        let Ok(links) = document().query_selector_all(".search-result-link") else {
            return;
        };
        let position = (0..links.length()).find(|&i| links.item(i).is_some_and(|l| l.is_same_node(Some(&current))));
        let Some(position) = position else { return };
        let to_box = || {
            if let Some(input) = document()
                .get_element_by_id("search-query")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = input.focus();
            }
        };
        match ev.key().as_str() {
            "ArrowDown" => focus_result(position as usize + 1),
            "ArrowUp" if position == 0 => to_box(),
            "ArrowUp" => focus_result(position as usize - 1),
            "Home" => focus_result(0),
            "End" => focus_result(usize::MAX),
            "Escape" => to_box(),
            _ => return,
        }
        ev.prevent_default();
    }
}

/// Moves focus to the `index`th result's link (the last one for `usize::MAX`).
pub fn focus_result(index: usize) {
    {
        let Ok(links) = document().query_selector_all(".search-result-link") else {
            return;
        };
        let index = index.min(links.length().saturating_sub(1) as usize);
        if let Some(link) = links
            .item(index as u32)
            .and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = link.focus();
        }
    }
}
