use std::sync::Arc;

use leptos::prelude::*;

use crate::catalog::use_catalog;
use crate::feed::Article;
use crate::paths::use_paths;

/// The stories read most, most first, as a numbered list with their view
/// counts; nothing when no story has a count.
#[component]
pub fn MostRead(articles: Vec<Arc<Article>>) -> impl IntoView {
    let tr = use_catalog();
    let paths = use_paths();
    (!articles.is_empty()).then(|| {
        view! {
            <section class="most-read drawn-when-near" aria-labelledby="most-read-heading">
                <h2 id="most-read-heading" class="section-heading">{tr.most_read()}</h2>
                <ol>
                    {articles
                        .into_iter()
                        .map(|article| {
                            view! {
                                <li>
                                    <a href=paths.article(&article.slug)>{article.title.clone()}</a>
                                    {article.views.map(|v| view! { <span class="most-read-views">{tr.count(tr.views(), v)}</span> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        }
    })
}
