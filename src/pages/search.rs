use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::browser::IN_BROWSER;
use crate::catalog::{fill, use_catalog};
use crate::components::search_results::{count_message, focus_result};
use crate::components::{ListSkeleton, LookingBack, SearchResultList};
use crate::newsroom::use_newsroom;
use crate::page_shell::declare_page_drawn;
use crate::search::{SearchResults, RESULTS_PER_STEP};

use super::load_failure;

crate::split::split_point! {
    #[preload(fetch_search_page_code)]
    /// The search page and all it alone uses (the results, the index
    /// bridge): a chunk of its own, as a first visit lands on a story or
    /// the front page.
    pub(super) fn search_page_view() -> AnyView {
        view! { <SearchPage /> }.into_any()
    }
}

super::route_on_demand!(
    /// `/search`, its code loaded on its first visit.
    SearchRoute => search_page_view()
);

/// How long typing pauses before the results and the address follow.
const TYPING_PAUSE_MS: u64 = 120;

/// `/search?q=&topic=`: results as the reader types, the address kept in
/// step (replaced, not pushed, so Back leaves the search in one step).
#[component]
pub fn SearchPage() -> impl IntoView {
    let newsroom = use_newsroom();
    let tr = use_catalog();
    let paths = newsroom.paths();
    let query_map = use_query_map();
    let navigate = use_navigate();
    // The query and topic the address names.
    let address = Memo::new(move |_| {
        query_map.with(|q| (q.get("q").unwrap_or_default(), q.get("topic").filter(|t| !t.is_empty())))
    });
    let url_query = move || address.with(|a| a.0.clone());
    let url_topic = move || address.with_untracked(|a| a.1.clone());
    let typed = RwSignal::new(address.with_untracked(|a| a.0.clone()));
    // The box follows the address when it changes from outside (Back, a link).
    Effect::new(move |_| {
        let query = url_query();
        if query.trim() != typed.get_untracked().trim() {
            typed.set(query);
        }
    });

    // How many results to show for which search: "More results" raises it.
    let shown = RwSignal::new((String::new(), None::<String>, RESULTS_PER_STEP));
    let limit_for = move |search: &(String, Option<String>)| {
        shown.with_untracked(|(q, t, n)| {
            if (q, t) == (&search.0, &search.1) {
                *n
            } else {
                RESULTS_PER_STEP
            }
        })
    };
    let results = LocalResource::new(move || {
        newsroom.track();
        shown.track();
        let search = address.get();
        let limit = limit_for(&search);
        // An empty query still asks, so an archive's engine loads while the reader types.
        async move { newsroom.search(search.0, search.1, limit).await }
    });
    let show_more = Callback::new(move |()| {
        let search = address.get_untracked();
        let limit = limit_for(&search) + RESULTS_PER_STEP;
        shown.set((search.0, search.1, limit));
    });

    let follow = {
        let paths = paths.clone();
        let navigate = navigate.clone();
        move |query: String| {
            let url = paths.search_in(query.trim(), url_topic().as_deref());
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    // The address already holds the site's base (`/news/`).
                    resolve: false,
                    ..NavigateOptions::default()
                },
            );
        }
    };
    let typing = StoredValue::new(0u64);
    let on_input = {
        let follow = follow.clone();
        move |ev: leptos::ev::Event| {
            let query = event_target_value(&ev);
            typed.set(query.clone());
            let generation = typing.get_value() + 1;
            typing.set_value(generation);
            let follow = follow.clone();
            set_timeout(
                move || {
                    if typing.get_value() == generation && address.with_untracked(|a| a.0.trim() != query.trim()) {
                        follow(query);
                    }
                },
                std::time::Duration::from_millis(TYPING_PAUSE_MS),
            );
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        typing.update_value(|g| *g += 1);
        follow(typed.get_untracked());
    };

    let announcement = RwSignal::new(String::new());
    let title = move || {
        let query = url_query();
        let query = query.trim();
        let page = if query.is_empty() {
            tr.search().to_string()
        } else {
            fill(tr.search_for(), &[("query", query)])
        };
        // Tracked: an address opened cold is titled before the feed is read,
        // and the site's name comes with the feed.
        tr.title(&page, &newsroom.site_title_tracked())
    };
    let content = move || {
        Suspend::new(async move {
            let found: Result<SearchResults, _> = results.await;
            found.map(|found| {
                let topic_name = url_topic()
                    .map(|slug| newsroom.with_store(|s| s.topic(&slug).map_or(slug.clone(), |t| t.name.clone())));
                let query = address.with_untracked(|a| a.0.clone());
                let count = count_message(tr, &found, &query, topic_name.as_deref());
                announcement.set(count.clone());
                declare_page_drawn();
                view! { <SearchResultList results=found query count topic=url_topic() show_more newsroom /> }
            })
        })
    };
    // Prerendered, the page is a shell that hosts serve for every search:
    // results are drawn in the browser.
    let (before, after) = tr
        .search_needs_script()
        .split_once("{front_page}")
        .unwrap_or((tr.search_needs_script(), ""));
    let results_area = if IN_BROWSER {
        view! {
            <ErrorBoundary fallback=load_failure>
                <Transition fallback=move || view! { <LookingBack newsroom /> <ListSkeleton /> }>{content}</Transition>
            </ErrorBoundary>
        }
        .into_any()
    } else {
        view! {
            <noscript>
                <p class="search-needs-script">
                    {(!before.is_empty()).then_some(before)}
                    <a href=paths.home()>{tr.front_page()}</a>
                    {(!after.is_empty()).then_some(after)}
                </p>
            </noscript>
            <ListSkeleton />
        }
        .into_any()
    };
    view! {
        <Title text=title />
        // Result lists change with the feed; the stories themselves are what to index.
        <Meta name="robots" content="noindex, max-image-preview:large" />
        <header class="page-header">
            <h1>{tr.search()}</h1>
        </header>
        <form class="search-page-form" role="search" aria-label=tr.search_stories() action=paths.search("") method="get" on:submit=on_submit>
            <label for="search-query">{tr.search_stories()}</label>
            <div class="search-page-field">
                <input
                    id="search-query"
                    type="search"
                    name="q"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="search-help"
                    aria-controls="search-results"
                    prop:value=typed
                    on:input=on_input
                    on:keydown=move |ev| {
                        if ev.key() == "ArrowDown" {
                            ev.prevent_default();
                            focus_result(0);
                        }
                    }
                />
                <button type="submit" class="search-button">{tr.search_button()}</button>
            </div>
            <p id="search-help" class="search-help">
                {tr.search_help()}
            </p>
        </form>
        // One live region that stays on the page, so each new count is announced.
        <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
        {results_area}
    }
}
