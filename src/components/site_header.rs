use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::catalog::use_catalog;
use crate::editions::use_editions;
use crate::newsroom::Newsroom;
use crate::takeover::Later;

/// The masthead (site title and tagline from the feed), the topic
/// navigation (behind a menu button on phones) and the search box, drawn
/// from the `newsroom` as the feed arrives.
#[component]
pub fn SiteHeader(newsroom: Newsroom) -> impl IntoView {
    let paths = newsroom.paths();
    let tr = use_catalog();
    let location = use_location();
    let menu_open = RwSignal::new(false);
    // A new page closes the menu.
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });

    let title = move || newsroom.site(|s| s.title.clone());
    let tagline = move || newsroom.site(|s| s.tagline.clone()).flatten();
    let topics = move || newsroom.with_store(|s| s.featured_topics());
    // The page of every topic, when the header cannot name them all.
    let more_topics = move || newsroom.with_store(|s| s.site.topics.len() > crate::store::FEATURED_TOPICS);
    let all_topics = paths.all_topics();
    let all_topics_label = tr.all_topics().to_string();
    let home = paths.home();
    let nav_paths = paths.clone();
    let current_path = move || location.pathname.get();
    // The search page has a search box of its own, which follows typing;
    // a second one beside it would not.
    let search_page = paths.search("");
    let on_search_page = move || current_path().trim_end_matches('/') == search_page.trim_end_matches('/');

    let navigate = use_navigate();
    let search_paths = paths.clone();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = search_input_value(&ev);
        // The address already holds the site's base (`/news/`): resolved
        // again against it, it would be `/news/news/search/`.
        let options = NavigateOptions {
            resolve: false,
            ..NavigateOptions::default()
        };
        navigate(&search_paths.search(query.trim()), options);
    };

    let masthead_home = home.clone();
    let search_action = paths.search("");
    // Each part may be drawn in a slice of its own while the app takes over
    // a prerendered page (`Later`).
    view! {
        <header class="site-header">
            <Later><EditionLinks /></Later>
            <Later><div class="masthead">
                <a class="site-title" href=masthead_home>
                    {move || match title() {
                        Some(t) => t.into_any(),
                        None => view! { <span class="skeleton-text">{tr.site_title_loading().to_string()}</span> }.into_any(),
                    }}
                </a>
                {move || tagline().map(|t| view! { <p class="tagline">{t}</p> })}
            </div></Later>
            <Later><div class="header-tools">
                <button
                    type="button"
                    class="menu-button"
                    aria-controls="topic-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    {tr.topics_button().to_string()}
                </button>
                <form class="search-form" role="search" aria-label=tr.site_search().to_string() action=search_action method="get" on:submit=on_search hidden=on_search_page>
                    <label for="site-search" class="visually-hidden">{tr.search_stories().to_string()}</label>
                    <input
                        id="site-search"
                        type="search"
                        name="q"
                        placeholder=tr.search_stories().to_string()
                        autocomplete="off"
                        on:focus=move |_| newsroom.prepare_search()
                    />
                    <button type="submit" class="search-button">{tr.search_button().to_string()}</button>
                </form>
            </div></Later>
            <Later><nav id="topic-nav" class="topic-nav" class:open=move || menu_open.get() aria-label=tr.topics_nav().to_string()>
                <ul>
                    <li>
                        <a href=home.clone() aria-current=move || (current_path() == nav_paths.home()).then_some("page")>{tr.home().to_string()}</a>
                    </li>
                    <For each=topics key=|t| t.topic.slug.clone() let:featured>
                        {
                            let topic = featured.topic;
                            let href = paths.topic(&topic.slug);
                            let current = href.clone();
                            view! {
                                <li>
                                    <a href=href aria-current=move || current_path().starts_with(current.as_str()).then_some("page")>{topic.name}</a>
                                </li>
                            }
                        }
                    </For>
                </ul>
                // Outside the row that scrolls, so it is always in view.
                {move || more_topics().then(|| {
                    let href = all_topics.clone();
                    let current = href.clone();
                    view! {
                        <a class="all-topics-link" href=href aria-current=move || (current_path() == current).then_some("page")>{all_topics_label.clone()}</a>
                    }
                })}
            </nav></Later>
        </header>
    }
}

/// The site's other editions, each named in its own language and linking
/// to its front page. A full page load (`rel=external`): another edition is
/// another feed and another language, which the app reads from its page.
#[component]
fn EditionLinks() -> impl IntoView {
    let editions = use_editions();
    let tr = crate::catalog::use_catalog();
    let links: Vec<_> = editions
        .others()
        .map(|(edition, home)| {
            view! {
                <li>
                    <a
                        href=home.clone()
                        hreflang=edition.language.clone()
                        lang=edition.language.clone()
                        dir=edition.direction.clone()
                        rel="alternate external"
                        on:click=move |_| crate::components::route_announcer::focus_heading_after_load(&home)
                    >
                        {edition.name.clone()}
                    </a>
                </li>
            }
        })
        .collect();
    (!links.is_empty()).then(|| view! { <nav class="editions" aria-label=tr.editions()><ul>{links}</ul></nav> })
}

fn search_input_value(ev: &leptos::ev::SubmitEvent) -> String {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|form| form.query_selector("input[name=q]").ok().flatten())
        .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}
