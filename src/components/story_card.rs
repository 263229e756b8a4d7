use std::sync::Arc;

use leptos::prelude::*;

use crate::catalog::use_catalog;
use crate::feed::Article;
use crate::feed::Topic;
use crate::paths::use_paths;

use super::Photo;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStyle {
    /// The front page's top story: a large photo beside the headline.
    Lead,
    /// A photo above headline, summary and date.
    Standard,
    /// Headline and date only.
    Compact,
}

/// A story in a list: photo, topic, headline (the link), summary and date.
#[component]
pub fn StoryCard(
    article: Arc<Article>,
    style: CardStyle,
    /// The heading level of the headline in this list.
    #[prop(default = 3)]
    level: u8,
    /// The first cards on screen load their photos at once.
    #[prop(optional)]
    eager: bool,
    /// The topic label, if the card shows one (not on the topic's own page).
    #[prop(optional_no_strip)]
    topic: Option<Topic>,
    /// On phones the card is a row with a small photo (see the style sheet).
    #[prop(optional)]
    row_on_phone: bool,
) -> impl IntoView {
    let paths = use_paths();
    let href = paths.article(&article.slug);
    let photo = (style != CardStyle::Compact)
        .then(|| article.card_image().cloned())
        .flatten()
        .map(|image| {
            let sizes = match (style, row_on_phone) {
                (CardStyle::Lead, _) => "(min-width: 1000px) 620px, calc(100vw - 2rem)",
                (_, true) => "(max-width: 640px) 104px, (min-width: 1000px) 300px, 45vw",
                _ => "(min-width: 1000px) 300px, (min-width: 640px) 45vw, calc(100vw - 2rem)",
            };
            view! { <div class="card-photo"><Photo image sizes eager decorative=true /></div> }
        });
    let headline_link = view! { <a href=href.clone() class="card-link">{article.title.clone()}</a> };
    let headline = match level {
        2 => view! { <h2 class="card-headline">{headline_link}</h2> }.into_any(),
        _ => view! { <h3 class="card-headline">{headline_link}</h3> }.into_any(),
    };
    let summary = (style != CardStyle::Compact)
        .then(|| article.summary.clone())
        .flatten()
        .map(|s| view! { <p class="card-summary">{s}</p> });
    let date = article
        .published
        .map(|d| view! { <time class="card-date" datetime=d.to_string()>{use_catalog().date(&d)}</time> });
    let class = match style {
        CardStyle::Lead => "card card-lead",
        CardStyle::Standard => "card",
        CardStyle::Compact => "card card-compact",
    };
    view! {
        <article class=class>
            {photo}
            <div class="card-text">
                {topic.map(|t| view! { <p class="card-topic"><a href=paths.topic(&t.slug)>{t.name}</a></p> })}
                {headline}
                {summary}
                {date}
            </div>
        </article>
    }
}
