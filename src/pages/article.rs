use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::catalog::{direction_of, fill, use_catalog};
use crate::components::{
    ArticleMeta, ArticleSkeleton, BodyBlocks, CardStyle, Figure, LookingBack, MostRead, PageKind, PageMeta, Photo,
    PhotoLink, PhotoViewer, ShareButton, StoryCard, ViewerOnDemand,
};
use crate::feed::url::is_external;
use crate::feed::Article;
use crate::newsroom::{use_newsroom, Lookup};
use crate::page_shell::declare_page_drawn;
use crate::paths::{decode_segment, use_paths};
use crate::store::ArticleContext;
use crate::takeover::Later;

use super::{load_failure, page_title, NotFound};

/// `/articles/{slug}`: the story, its metadata and credits, and where to go next.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let newsroom = use_newsroom();
    let params = use_params_map();
    let content = move || {
        newsroom.track();
        let slug = params
            .read()
            .get("slug")
            .map(|s| decode_segment(&s))
            .unwrap_or_default();
        Suspend::new(async move {
            newsroom.article(slug).await.map(|found| match found {
                Lookup::Found(context) => view! { <ArticleView context /> }.into_any(),
                Lookup::Missing => view! { <NotFound /> }.into_any(),
                Lookup::NotReached(reach) => view! { <NotFound reach /> }.into_any(),
            })
        })
    };
    view! {
        <ErrorBoundary fallback=load_failure>
            <Suspense fallback=move || view! {
                <LookingBack newsroom />
                <ArticleSkeleton />
            }>{content}</Suspense>
        </ErrorBoundary>
    }
}

#[component]
fn ArticleView(context: ArticleContext) -> impl IntoView {
    declare_page_drawn();
    let tr = use_catalog();
    let newsroom = use_newsroom();
    let paths = newsroom.paths();
    let ArticleContext {
        article,
        topics,
        newer,
        older,
        related,
    } = context;
    let topic = topics.first().cloned();
    let description = article
        .summary
        .clone()
        .unwrap_or_else(|| crate::feed::text::excerpt(&article.text, 160));
    let kicker = topic
        .clone()
        .map(|t| view! { <p class="kicker"><a href=paths.topic(&t.slug)>{t.name}</a></p> });
    let standfirst = article.summary.clone().map(|s| view! { <p class="standfirst">{s}</p> });
    let photos = article.photos.clone();
    let viewer = PhotoViewer::new(photos.len());
    provide_context(viewer);
    // A story whose one photo is the feed's own, not its body's (a post's
    // featured image, an episode's art), shows it at the head of the story,
    // as a newsroom would, not as a gallery of one at its end.
    let lead = (article.body_photos == 0 && photos.len() == 1)
        .then(|| view! { <Figure image=photos[0].clone() eager=true number=Some(0) /> });
    let grid = (lead.is_none() && !article.gallery().is_empty()).then(|| {
        let count = photos.len();
        view! {
            <section class="gallery drawn-when-near" aria-labelledby="gallery-heading">
                <h2 id="gallery-heading">{fill(tr.photos_heading(), &[("n", &tr.number(count as u64))])}</h2>
                <ul class="gallery-grid">
                    {photos
                        .iter()
                        .cloned()
                        .enumerate()
                        .map(|(index, image)| {
                            view! {
                                <li>
                                    <PhotoLink viewer index>
                                        <Photo image sizes="(min-width: 760px) 240px, 50vw" />
                                    </PhotoLink>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    let lightbox = (!photos.is_empty()).then(|| view! { <ViewerOnDemand photos title=article.title.clone() /> });
    let related_heading = topic.as_ref().map_or_else(
        || tr.more_stories().to_string(),
        |t| fill(tr.more_from(), &[("topic", &t.name)]),
    );
    let title = page_title(&newsroom, &article.title);
    let path = format!("articles/{}/", crate::paths::encode_segment(&article.slug));
    let meta_kind = PageKind::Article {
        article: article.clone(),
        topic: topic.clone(),
    };
    let headline = article.title.clone();
    // Each top-level block may be drawn in a slice of its own while the app
    // takes over the prerendered story.
    let page = paths.article(&article.slug);
    let body = article
        .body
        .iter()
        .map(|block| {
            let blocks = vec![block.clone()];
            let page = page.clone();
            view! { <Later><BodyBlocks blocks page /></Later> }
        })
        .collect_view();
    // A story the feed gives as a headline and a link says where to read it.
    let elsewhere = article
        .body
        .is_empty()
        .then(|| publisher_link(&article))
        .flatten()
        .and_then(|url| Some((crate::feed::url::host(&url)?.to_owned(), url)))
        .map(|(host, url)| {
            let (before, after) = tr.read_at().split_once("{site}").unwrap_or((tr.read_at(), ""));
            view! {
                <p class="read-elsewhere">
                    {before}<a href=url rel="noopener noreferrer">{host}</a>{after}
                </p>
            }
        });
    // Each part of the story's header and footer may be drawn in a slice of
    // its own while the app takes over (`Later`): what each reads is taken out first.
    let (published, modified, views) = (article.published, article.modified, article.views);
    let reading_minutes = (!article.body.is_empty()).then_some(article.reading_minutes);
    let (translated, footed, share_title) = (article.clone(), article.clone(), article.title.clone());
    let corrections = article.corrections.clone();
    view! {
        <Later><PageMeta title headline description path kind=meta_kind publisher=newsroom.publisher() /></Later>
        <article class="story" lang=article.language.clone() dir=article.language.as_deref().map(direction_of)>
            <AgeNote published=article.published />
            <header class="story-header">
                {kicker}
                <h1>{article.title.clone()}</h1>
                {standfirst}
                <Later>
                    <ArticleMeta topics published modified views reading_minutes />
                    <TranslationLinks article=translated />
                    <ShareButton title=share_title />
                </Later>
            </header>
            <div class="story-body"><Later>{lead}</Later>{body}{elsewhere}</div>
            <Later>{grid}</Later>
            <Later>
                <Corrections corrections />
                <StoryFooter article=footed />
            </Later>
        </article>
        <Later>{lightbox}</Later>
        <Later><StoryNavigation newer older /></Later>
        {(!related.is_empty()).then(|| view! {
            <section class="related drawn-when-near" aria-labelledby="related-heading">
                <h2 id="related-heading" class="section-heading">{related_heading}</h2>
                <div class="card-grid">
                    {related.into_iter().map(|article| view! { <Later><StoryCard article style=CardStyle::Standard row_on_phone=true /></Later> }).collect_view()}
                </div>
            </section>
        })}
        <Later><MostRead articles=newsroom.with_store(|s| s.most_read(super::front::MOST_READ)) /></Later>
    }
}

/// Authors, the newsroom credits ("Draft: …", "Revision: …") and the link
/// to the original page.
#[component]
fn StoryFooter(article: Arc<Article>) -> impl IntoView {
    let tr = use_catalog();
    let paths = use_paths();
    // Each name leads to the page of that person's stories.
    let person = move |name: &str, slug: &str| {
        if slug.is_empty() {
            name.to_owned().into_any()
        } else {
            view! { <a class="person-link" href=paths.person(slug)>{name.to_owned()}</a> }.into_any()
        }
    };
    let named: Vec<(&str, &str)> = article
        .authors
        .iter()
        .filter_map(|a| Some((a.name.as_deref()?, a.slug.as_deref().unwrap_or_default())))
        .collect();
    let authors = (!named.is_empty()).then(|| {
        let (before, after) = tr.by().split_once("{names}").unwrap_or((tr.by(), ""));
        let last = named.len() - 1;
        let names = named
            .iter()
            .enumerate()
            .map(|(i, (name, slug))| view! { {person(name, slug)}{(i < last).then(|| tr.list_separator())} })
            .collect_view();
        view! { <p class="byline">{before}{names}{(!after.is_empty()).then_some(after)}</p> }
    });
    let credits = (!article.credits.is_empty()).then(|| {
        view! {
            <ul class="credits" aria-label=tr.credits()>
                {article.credits.iter().map(|c| view! { <li><span class="credit-role">{fill(tr.credit_role(), &[("role", &c.role)])}</span>" "{person(&c.name, &c.slug)}</li> }).collect_view()}
            </ul>
        }
    });
    // A story with no body says where it is at its top instead.
    let original = publisher_link(&article)
        .filter(|_| !article.body.is_empty())
        .map(|url| {
            view! { <p class="original-link"><a href=url rel="noopener noreferrer">{tr.read_original()}</a></p> }
        });
    view! { <footer class="story-footer">{authors}{credits}{original}</footer> }
}

/// Where the publisher has the story, if not on this site.
fn publisher_link(article: &Article) -> Option<String> {
    article
        .external_url
        .clone()
        .or_else(|| article.url.clone())
        .filter(|u| is_external(u))
}

/// A story two years old or more says so first, so an old report is not
/// read as news (as the Guardian's age warning does).
#[component]
fn AgeNote(published: Option<crate::feed::Timestamp>) -> impl IntoView {
    const YEAR: i64 = 31_556_952; // 365.2425 days
    let tr = use_catalog();
    let years = published.map_or(0, |p| (crate::browser::now_unix_seconds() - p.unix_seconds()) / YEAR);
    (years >= 2).then(|| view! { <p class="age-note" role="note">{tr.count(tr.story_age(), years as u64)}</p> })
}

/// What was put right after publication, at the end of the story.
#[component]
fn Corrections(corrections: Vec<crate::feed::Correction>) -> impl IntoView {
    let tr = use_catalog();
    (!corrections.is_empty()).then(|| {
        let heading = tr.count(tr.corrections_heading(), corrections.len() as u64);
        view! {
            <aside class="corrections" aria-labelledby="corrections-heading">
                <h2 id="corrections-heading">{heading}</h2>
                <ul>
                    {corrections.into_iter().map(|c| view! {
                        <li>
                            {c.date.map(|d| view! { <time datetime=d.to_string()>{tr.date(&d)}</time>" " })}
                            {c.text}
                        </li>
                    }).collect_view()}
                </ul>
            </aside>
        }
    })
}

/// "Read in 中文": the story in the site's other editions. Each is another
/// edition's page, loaded whole (`rel=external`), its heading focused once it
/// is drawn, as after any link followed inside the app.
#[component]
fn TranslationLinks(article: Arc<Article>) -> impl IntoView {
    let tr = use_catalog();
    let editions = crate::editions::use_editions();
    let links: Vec<_> = article
        .translations
        .iter()
        .filter_map(|t| {
            let url = t.url.clone()?;
            let edition = editions.of_language(&t.language)?;
            let (name, name_lang) = match tr.language_name(&edition.language) {
                Some(name) => (name.to_owned(), None),
                None => (edition.name.clone(), Some(edition.language.clone())),
            };
            let (before, after) = tr.read_in().split_once("{language}").unwrap_or((tr.read_in(), ""));
            let target = url.clone();
            Some(view! {
                <li>
                    <a
                        class="translation-link"
                        href=url
                        hreflang=edition.language.clone()
                        rel="alternate external"
                        on:click=move |_| crate::components::route_announcer::focus_heading_after_load(&target)
                    >
                        {(!before.is_empty()).then_some(before)}<span lang=name_lang>{name}</span>{(!after.is_empty()).then_some(after)}
                    </a>
                </li>
            })
        })
        .collect();
    (!links.is_empty()).then(|| view! { <ul class="translations">{links}</ul> })
}

/// The next newer and next older story.
#[component]
fn StoryNavigation(newer: Option<Arc<Article>>, older: Option<Arc<Article>>) -> impl IntoView {
    if newer.is_none() && older.is_none() {
        return None;
    }
    let paths = use_paths();
    let tr = use_catalog();
    let link = move |article: Arc<Article>, label: &'static str, class: &'static str| {
        view! {
            <a class=class href=paths.article(&article.slug)>
                <span class="story-nav-label">{label}</span>
                <span class="story-nav-title">{article.title.clone()}</span>
            </a>
        }
    };
    let link2 = link.clone();
    Some(view! {
        <nav class="story-nav" aria-label=tr.newer_older()>
            {older.map(|a| link(a, tr.previous_story(), "story-nav-older"))}
            {newer.map(|a| link2(a, tr.next_story(), "story-nav-newer"))}
        </nav>
    })
}
