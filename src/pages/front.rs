use leptos::prelude::*;
use leptos_meta::Title;

use super::load_failure;
use crate::catalog::{fill, use_catalog};
use crate::components::{CardStyle, ListSkeleton, MostRead, PageKind, PageMeta, StoryCard};
use crate::newsroom::{use_newsroom, FrontPage as FrontData};
use crate::page_shell::declare_page_drawn;
use crate::takeover::Later;

/// `/`: the lead story, the latest stories, then a section per topic.
/// How many stories the most-read list holds.
pub const MOST_READ: usize = 10;

#[component]
pub fn FrontPage() -> impl IntoView {
    let newsroom = use_newsroom();
    let content = move || {
        newsroom.track();
        Suspend::new(async move { newsroom.front().await.map(|front| view! { <FrontView front /> }) })
    };
    view! {
        <ErrorBoundary fallback=load_failure>
            <Suspense fallback=|| view! { <ListSkeleton /> }>{content}</Suspense>
        </ErrorBoundary>
    }
}

#[component]
fn FrontView(front: FrontData) -> impl IntoView {
    // With stories or without, this is the front page.
    declare_page_drawn();
    let tr = use_catalog();
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    let site_title = newsroom.site_title();
    let description = newsroom.site_tagline().unwrap_or_else(|| site_title.clone());
    let Some(lead) = front.lead else {
        return view! {
            <Title text=site_title.clone() />
            <h1>{site_title}</h1>
            <p class="empty-state">{tr.no_stories_yet()}</p>
        }
        .into_any();
    };
    let latest = front.latest;
    let meta_title = site_title.clone();
    let sections = front.sections;
    view! {
        <Later><PageMeta title=meta_title.clone() headline=meta_title description path=String::new() kind=PageKind::Website publisher=newsroom.publisher() /></Later>
        <h1 class="visually-hidden">{site_title}</h1>
        <section class="lead-story" aria-label=tr.top_story()>
            <Later><StoryCard topic=newsroom.kicker(&lead) article=lead style=CardStyle::Lead level=2 eager=true /></Later>
        </section>
        <section class="front-section drawn-when-near" aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="section-heading">{tr.latest()}</h2>
            <div class="card-grid">
                {latest.into_iter().enumerate().map(|(i, article)| view! { <Later><StoryCard topic=newsroom.kicker(&article) article style=CardStyle::Standard eager={ i < 2 } row_on_phone={ i > 0 } /></Later> }).collect_view()}
            </div>
            <p class="more-link"><a href=paths.latest()>{tr.more_latest()}</a></p>
        </section>
        <Later><MostRead articles=newsroom.with_store(|s| s.most_read(MOST_READ)) /></Later>
        {sections.into_iter().map(|section| {
            let href = paths.topic(&section.topic.slug);
            let heading_id = format!("section-{}", section.topic.slug);
            let labelled_by = heading_id.clone();
            let name = section.topic.name.clone();
            view! {
                <section class="front-section topic-section drawn-when-near" aria-labelledby=labelled_by>
                    <h2 id=heading_id class="section-heading"><a href=href.clone()>{section.topic.name}</a></h2>
                    <div class="card-grid">
                        {section.articles.into_iter().enumerate().map(|(i, article)| view! { <Later><StoryCard article style=CardStyle::Standard row_on_phone={ i > 0 } /></Later> }).collect_view()}
                    </div>
                    <p class="more-link"><a href=href>{fill(tr.more_from(), &[("topic", &name)])}</a></p>
                </section>
            }
        }).collect_view()}
    }
    .into_any()
}
