use leptos::prelude::*;

use crate::catalog::{fill, use_catalog};
use crate::components::{CardStyle, PageKind, PageMeta, Pagination, StoryCard};
use crate::newsroom::use_newsroom;
use crate::page_shell::declare_page_drawn;
use crate::store::PersonPage;
use crate::takeover::Later;

use super::page_title;

/// `/people/{slug}?page=N`: someone named in bylines or credits, with the
/// stories they wrote or are credited in, newest first.
#[component]
pub fn PersonView(data: PersonPage) -> impl IntoView {
    declare_page_drawn();
    let tr = use_catalog();
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    let PersonPage { person, articles, page } = data;
    let heading = if page.number > 1 {
        fill(
            tr.topic_page_heading(),
            &[("topic", &person.name), ("page", &tr.number(page.number as u64))],
        )
    } else {
        person.name.clone()
    };
    let first_path = format!("people/{}/", crate::paths::encode_segment(&person.slug));
    let count = tr.count(tr.stories(), page.total_stories);
    // The avatar is decoration beside the name that the heading gives.
    let avatar = person.avatar.clone().map(|src| {
        view! { <img class="person-avatar" src=src alt="" width="72" height="72" decoding="async" /> }
    });
    let own_page = person.url.clone().map(|url| {
        view! { <p class="person-own-page"><a href=url rel="noopener noreferrer">{fill(tr.more_about(), &[("name", &person.name)])}</a></p> }
    });
    view! {
        <PageMeta
            title=page_title(&newsroom, &heading)
            headline=heading.clone()
            description=fill(tr.stories_by(), &[("name", &person.name)])
            path=crate::paths::numbered_page(&first_path, page.number)
            kind=PageKind::Person { person: person.clone(), articles: articles.clone() }
            publisher=newsroom.publisher()
        />
        <header class="page-header person-header">
            {avatar}
            <div class="person-heading">
                <h1>{person.name.clone()}</h1>
                <p class="page-count">{count}</p>
                {own_page}
            </div>
        </header>
        <div class="card-grid topic-grid">
            {articles
                .into_iter()
                .enumerate()
                .map(|(i, article)| view! { <Later><StoryCard topic=newsroom.kicker(&article) article style=CardStyle::Standard level=2 eager=i < 3 /></Later> })
                .collect_view()}
        </div>
        <Pagination first=paths.person(&person.slug) current=page.number total=page.total_pages />
    }
}
