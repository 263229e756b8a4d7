use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html};
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{path, Lazy};

use crate::catalog::{direction_of, Catalog};
use crate::components::feed_notice::skipped_summary;
use crate::components::{
    FeedNotice, OfflineNotice, ProgressBar, RouteAnnouncer, ScrollMemory, SiteFooter, SiteHeader, SkipLink,
};
use crate::editions::Editions;
use crate::newsroom::Newsroom;
use crate::page_shell::PageShell;
use crate::pages::{
    AllTopicsRoute, ArticlePage, CodeAhead, FrontPage, LatestRoute, NotFoundPage, PersonRoute, SearchRoute, TopicRoute,
};
use crate::paths::Paths;
use crate::store::Store;
use crate::takeover::{in_a_task_of_its_own, Later, PageLifecycle};

/// The whole site: header, the routed page, footer. `initial` is the data a
/// page is rendered from before the live feed arrives (prerendering); with
/// `live` false the app never fetches and shows only `initial`.
#[component]
pub fn App(
    paths: Paths,
    #[prop(optional)] initial: Option<Store>,
    #[prop(default = true)] live: bool,
    /// Draw hidden and take over a prerendered page once drawn.
    #[prop(optional)]
    take_over: bool,
    /// The words of the edition's language; English when none is given.
    #[prop(optional)]
    catalog: Option<&'static Catalog>,
    /// The site's editions and the one drawn; none for a site in one language.
    #[prop(optional)]
    editions: Option<Editions>,
) -> AnyView {
    provide_meta_context();
    // Until the feed is read, a prerendered page's language (and so its
    // direction) stands: the page must not flip to the catalog's language
    // and back (an RTL page mirrored twice, every non-English one marked
    // English for a moment).
    let served = StoredValue::new(take_over.then(crate::browser::served_language).flatten());
    let page_language = initial
        .as_ref()
        .and_then(|store| store.site.language.clone())
        .or_else(|| served.get_value());
    let tr = catalog.unwrap_or_else(crate::catalog::english);
    let tr = page_language.map_or(tr, |language| crate::catalog::for_page(tr, &language));
    provide_context(tr);
    provide_context(editions.unwrap_or_else(|| Editions::single(&paths.home())));
    let shell = PageShell::new(paths.clone());
    let newsroom = match (live, initial) {
        (false, Some(store)) => Newsroom::fixed(shell, store),
        (_, initial) => Newsroom::new(shell, initial),
    };
    provide_context(shell);
    provide_context(newsroom);
    let lang = move || {
        newsroom
            .site(|s| s.language.clone())
            .flatten()
            .or_else(|| served.get_value())
            .unwrap_or_else(|| tr.language().to_string())
    };
    let dir = move || direction_of(&lang());
    let whole = move |site: AnyView| {
        view! {
            <Html {..} lang=lang dir=dir />
            {site}
            <PageLifecycle take_over />
        }
        .into_any()
    };
    if !take_over {
        return whole(site(paths, newsroom, tr));
    }
    // Taking over a prerendered page, the app's first run is compiled as it
    // runs (a slow phone's long task): mounting and the newsroom are one
    // task, the page's frame (its language, its lifecycle) the next, and the
    // site itself a third, while the feed is on its way.
    in_a_task_of_its_own(
        Box::new(move || whole(in_a_task_of_its_own(Box::new(move || site(paths, newsroom, tr)), None))),
        None,
    )
}

/// Every page: header, the page the address names, footer. While a
/// prerendered page is taken over, each part, the router and the page it
/// draws are tasks of their own ([`Later`]): what a part takes then is mostly
/// its code compiled on its first run.
fn site(paths: Paths, newsroom: Newsroom, tr: &'static Catalog) -> AnyView {
    view! {
        <Router base=paths.router_base().to_owned()>
            <Later>
                <SkipLink />
                <ProgressBar />
                <RouteAnnouncer />
            </Later>
            <Later><ScrollMemory /></Later>
            <Later><CodeAhead /></Later>
            <Later><SiteHeader newsroom /></Later>
            <main id="main" tabindex="-1">
                <OfflineNotice newsroom />
                <Later><FlatRoutes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Later><FrontPage /></Later> } />
                    <Route path=path!("/topics") view={Lazy::<AllTopicsRoute>::new()} />
                    <Route path=path!("/topics/:slug") view={Lazy::<TopicRoute>::new()} />
                    <Route path=path!("/latest") view={Lazy::<LatestRoute>::new()} />
                    <Route path=path!("/people/:slug") view={Lazy::<PersonRoute>::new()} />
                    <Route path=path!("/articles/:slug") view=|| view! { <Later><ArticlePage /></Later> } />
                    <Route path=path!("/search") view={Lazy::<SearchRoute>::new()} />
                </FlatRoutes></Later>
                <FeedNotice summary=move || newsroom.with_store(|s| skipped_summary(tr, s.skipped_stories())) />
            </main>
            <Later><SiteFooter newsroom /></Later>
        </Router>
    }
    .into_any()
}
