use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::catalog::{fill, use_catalog};
use crate::components::{CardStyle, ListSkeleton, LookingBack, PageKind, PageMeta, Pagination, StoryCard};
use crate::newsroom::{use_newsroom, Lookup};
use crate::page_shell::declare_page_drawn;
use crate::paths::decode_segment;
use crate::store::{TopicCount, TopicPage as TopicData};
use crate::takeover::Later;

use super::{load_failure, page_title, NotFound};

/// "1 story", "1,873 stories".
/// The page number a list's address asks for: a missing one is page 1;
/// anything but a whole number from 1 up is not a page.
fn requested_page() -> impl Fn() -> Option<u32> + Copy {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("page")
            .map_or(Some(1), |p| p.parse::<u32>().ok().filter(|n| *n >= 1))
    }
}

/// The three lists of stories and topics, one page each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// `/topics/{slug}?page=N`: a topic's stories, newest first.
    Topic,
    /// `/latest/?page=N`: every story, newest first, so that a story in no
    /// topic is on a list too.
    Latest,
    /// `/topics/`: every topic with how many stories it holds, the largest
    /// first (or in the order the feed declares them).
    AllTopics,
    /// `/people/{slug}?page=N`: the stories someone wrote or is credited in.
    Person,
}

crate::split::split_point! {
    #[preload(fetch_list_page_code)]
    /// The pages that list stories (a topic, every topic, the latest, a
    /// person's), one chunk for the four.
    pub(super) fn list_page_view(kind: ListKind) -> AnyView {
        view! { <ListPage kind /> }.into_any()
    }
}

super::route_on_demand!(
    /// `/topics/{slug}`.
    TopicRoute => list_page_view(ListKind::Topic)
);
super::route_on_demand!(
    /// `/topics`.
    AllTopicsRoute => list_page_view(ListKind::AllTopics)
);
super::route_on_demand!(
    /// `/latest`.
    LatestRoute => list_page_view(ListKind::Latest)
);
super::route_on_demand!(
    /// `/people/{slug}`.
    PersonRoute => list_page_view(ListKind::Person)
);

/// A list of stories or of topics, a page at a time.
#[component]
pub fn ListPage(kind: ListKind) -> impl IntoView {
    let newsroom = use_newsroom();
    let params = use_params_map();
    let page = requested_page();
    let content = move || {
        newsroom.track();
        let slug = params
            .read()
            .get("slug")
            .map(|s| decode_segment(&s))
            .unwrap_or_default();
        let page = page();
        Suspend::new(async move {
            let Some(page) = page else {
                return Ok::<_, crate::loading::LoadError>(view! { <NotFound /> }.into_any());
            };
            let found = match kind {
                ListKind::Topic => newsroom.topic_page(slug, page).await?,
                ListKind::Latest => newsroom.latest_page(page).await?,
                ListKind::Person => {
                    return Ok(match newsroom.person_page(slug, page).await? {
                        Lookup::Found(data) => view! { <super::person::PersonView data /> }.into_any(),
                        Lookup::Missing => view! { <NotFound /> }.into_any(),
                        Lookup::NotReached(reach) => view! { <NotFound reach what="page" /> }.into_any(),
                    });
                }
                ListKind::AllTopics => {
                    newsroom.ready().await?;
                    let topics = newsroom.with_store(|s| s.ranked_topics(usize::MAX));
                    return Ok(view! { <AllTopicsView topics /> }.into_any());
                }
            };
            Ok(match found {
                // The page's own code runs for the first time here, in the
                // list pages' chunk: compiled as it runs, in a task of its own.
                Lookup::Found(data) => {
                    view! { <Later><TopicView data latest=kind == ListKind::Latest /></Later> }.into_any()
                }
                Lookup::Missing => view! { <NotFound /> }.into_any(),
                Lookup::NotReached(reach) => view! { <NotFound reach what="page" /> }.into_any(),
            })
        })
    };
    view! {
        <ErrorBoundary fallback=load_failure>
            <Suspense fallback=move || view! {
                <LookingBack newsroom />
                <ListSkeleton cards=12 />
            }>{content}</Suspense>
        </ErrorBoundary>
    }
}

#[component]
fn TopicView(data: TopicData, latest: bool) -> impl IntoView {
    // With stories or without, this is the page.
    declare_page_drawn();
    let tr = use_catalog();
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    let TopicData {
        mut topic,
        articles,
        page,
    } = data;
    if latest {
        // The list of every story has no name in the feed: its edition's catalog names it.
        topic.name = tr.latest_stories().to_string();
    }
    let heading = if page.number > 1 {
        fill(
            tr.topic_page_heading(),
            &[("topic", &topic.name), ("page", &tr.number(page.number as u64))],
        )
    } else {
        topic.name.clone()
    };
    let description = match (&topic.description, latest) {
        (Some(description), _) => description.clone(),
        (None, true) => tr.every_story().to_string(),
        (None, false) => fill(tr.latest_in(), &[("topic", &topic.name)]),
    };
    let (first_page, first_path) = if latest {
        (paths.latest(), "latest/".to_owned())
    } else {
        (
            paths.topic(&topic.slug),
            format!("topics/{}/", crate::paths::encode_segment(&topic.slug)),
        )
    };
    let canonical_path = crate::paths::numbered_page(&first_path, page.number);
    let count = tr.count(tr.stories(), page.total_stories);
    let meta_kind = PageKind::Collection {
        topic: topic.clone(),
        articles: articles.clone(),
    };
    view! {
        <Later><PageMeta
            title=page_title(&newsroom, &heading)
            headline=heading.clone()
            description
            path=canonical_path
            kind=meta_kind
            publisher=newsroom.publisher()
        /></Later>
        <header class="page-header">
            <h1>{topic.name.clone()}</h1>
            {topic.description.clone().map(|d| view! { <p class="page-description">{d}</p> })}
            <p class="page-count">{count}</p>
        </header>
        {if articles.is_empty() {
            let empty = if latest { tr.no_stories_yet() } else { tr.no_stories_in_topic() };
            view! { <p class="empty-state">{empty}</p> }.into_any()
        } else {
            view! {
                <div class="card-grid topic-grid">
                    {articles.into_iter().enumerate().map(|(i, article)| view! { <Later><StoryCard topic=latest.then(|| newsroom.kicker(&article)).flatten() article style=CardStyle::Standard level=2 eager=i < 3 /></Later> }).collect_view()}
                </div>
            }
            .into_any()
        }}
        <Later><Pagination first=first_page current=page.number total=page.total_pages /></Later>
    }
}

#[component]
fn AllTopicsView(topics: Vec<TopicCount>) -> impl IntoView {
    declare_page_drawn();
    let tr = use_catalog();
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    let count = tr.count(tr.topics_count(), topics.len() as u64);
    let description = fill(tr.every_topic_of(), &[("site", &newsroom.site_title())]);
    view! {
        <PageMeta title=page_title(&newsroom, tr.all_topics()) headline=tr.all_topics().to_owned() description path="topics/".to_owned() kind=PageKind::Website publisher=newsroom.publisher() />
        <header class="page-header">
            <h1>{tr.all_topics()}</h1>
            <p class="page-count">{count}</p>
        </header>
        {if topics.is_empty() {
            view! { <p class="empty-state">{tr.no_topics()}</p> }.into_any()
        } else {
            view! {
                <ul class="all-topics">
                    {topics
                        .into_iter()
                        .map(|t| {
                            let stories = tr.count(tr.stories(), t.stories);
                            view! {
                                <li>
                                    <a href=paths.topic(&t.topic.slug)>{t.topic.name}</a>
                                    " "
                                    <span class="topic-count">{stories}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
        <p class="more-link"><a href=paths.latest()>{tr.every_story_link()}</a></p>
    }
}
