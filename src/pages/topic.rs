use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::{CardStyle, ListSkeleton, LoadFailure, PageKind, PageMeta, Pagination, StoryCard};
use crate::newsroom::use_newsroom;
use crate::paths::decode_segment;
use crate::store::TopicPage as TopicData;

use super::{page_title, NotFound};

/// `/topics/{slug}?page=N`: a topic's stories, newest first, a page at a time.
#[component]
pub fn TopicPage() -> impl IntoView {
    let newsroom = use_newsroom();
    let params = use_params_map();
    let query = use_query_map();
    let content = move || {
        newsroom.track();
        let slug = params
            .read()
            .get("slug")
            .map(|s| decode_segment(&s))
            .unwrap_or_default();
        // A missing page is page 1; anything but a whole number from 1 up is not a page.
        let page = query
            .read()
            .get("page")
            .map_or(Some(1), |p| p.parse::<u32>().ok().filter(|n| *n >= 1));
        Suspend::new(async move {
            let Some(page) = page else {
                return Ok(view! { <NotFound /> }.into_any());
            };
            newsroom.topic_page(slug, page).await.map(|found| match found {
                Some(data) => view! { <TopicView data /> }.into_any(),
                None => view! { <NotFound /> }.into_any(),
            })
        })
    };
    view! {
        <ErrorBoundary fallback=|errors| view! { <LoadFailure errors /> }>
            <Suspense fallback=|| view! { <ListSkeleton cards=12 /> }>{content}</Suspense>
        </ErrorBoundary>
    }
}

#[component]
fn TopicView(data: TopicData) -> impl IntoView {
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    let TopicData { topic, articles, page } = data;
    let heading = if page.number > 1 {
        format!("{}, page {}", topic.name, page.number)
    } else {
        topic.name.clone()
    };
    let description = topic
        .description
        .clone()
        .unwrap_or_else(|| format!("The latest stories in {}.", topic.name));
    let canonical_path = match page.number {
        1 => format!("topics/{}/", topic.slug),
        n => format!("topics/{}/?page={n}", topic.slug),
    };
    let count = match page.total_stories {
        1 => "1 story".to_owned(),
        n => format!("{} stories", crate::feed::text::group_thousands(n)),
    };
    view! {
        <PageMeta
            title=page_title(&newsroom, &heading)
            description
            path=canonical_path
            kind=PageKind::Collection { topic: topic.clone(), articles: articles.clone() }
        />
        <header class="page-header">
            <h1>{topic.name.clone()}</h1>
            {topic.description.clone().map(|d| view! { <p class="page-description">{d}</p> })}
            <p class="page-count">{count}</p>
        </header>
        {if articles.is_empty() {
            view! { <p class="empty-state">"No stories in this topic yet."</p> }.into_any()
        } else {
            view! {
                <div class="card-grid topic-grid">
                    {articles.into_iter().enumerate().map(|(i, article)| view! { <StoryCard article style=CardStyle::Standard level=2 eager=i < 3 hide_topic=true /> }).collect_view()}
                </div>
            }
            .into_any()
        }}
        <Pagination paths topic=topic.slug current=page.number total=page.total_pages />
    }
}
