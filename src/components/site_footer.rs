use leptos::prelude::*;

use crate::catalog::use_catalog;
use crate::newsroom::Newsroom;

/// The footer repeats the topics, so every section is reachable without the
/// menu (and without JavaScript), and links the feed itself; drawn from
/// the `newsroom` as the feed arrives.
#[component]
pub fn SiteFooter(newsroom: Newsroom) -> impl IntoView {
    let paths = newsroom.paths();
    let tr = use_catalog();
    let site = move || {
        newsroom
            .site(|site| (site.title.clone(), site.tagline.clone()))
            .map(|(title, tagline)| (title, tagline, newsroom.with_store(|s| s.featured_topics())))
    };
    let feed = paths.feed();
    view! {
        <footer class="site-footer">
            {move || site().map(|(title, tagline, topics)| {
                let paths = paths.clone();
                let tr = tr.clone();
                view! {
                    <div class="footer-inner">
                        <div>
                            <p class="footer-title">{title}</p>
                            {tagline.map(|t| view! { <p class="footer-tagline">{t}</p> })}
                        </div>
                        <nav aria-label=tr.all_topics().to_string()>
                            <h2 class="footer-heading">{tr.footer_topics().to_string()}</h2>
                            <ul class="footer-topics">
                                {topics.into_iter().map(|t| view! { <li><a href=paths.topic(&t.topic.slug)>{t.topic.name}</a></li> }).collect_view()}
                                <li><a href=paths.all_topics()>{tr.all_topics().to_string()}</a></li>
                                <li><a href=paths.latest()>{tr.latest_stories().to_string()}</a></li>
                            </ul>
                        </nav>
                    </div>
                }
            })}
            <p class="footer-small">
                <a href=feed>{tr.json_feed().to_string()}</a>
                {tr.published_with().to_string()}
            </p>
        </footer>
    }
}
