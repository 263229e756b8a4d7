use leptos::prelude::*;

/// Grey shapes that hold a list page's layout while its stories load.
#[component]
pub fn ListSkeleton(#[prop(default = 6)] cards: usize) -> impl IntoView {
    let tr = crate::catalog::use_catalog();
    view! {
        <div class="skeleton" aria-busy="true" aria-label=tr.loading_stories()>
            <div class="skeleton-title"></div>
            <div class="card-grid">
                {(0..cards).map(|_| view! {
                    <div class="skeleton-card">
                        <div class="skeleton-photo"></div>
                        <div class="skeleton-line"></div>
                        <div class="skeleton-line short"></div>
                    </div>
                }).collect_view()}
            </div>
        </div>
    }
}

/// The article page's shape: headline, metadata line, photo, paragraphs.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    let tr = crate::catalog::use_catalog();
    view! {
        <div class="skeleton article-skeleton" aria-busy="true" aria-label=tr.loading_story()>
            <div class="skeleton-title"></div>
            <div class="skeleton-line short"></div>
            <div class="skeleton-photo"></div>
            {(0..5).map(|_| view! { <div class="skeleton-line"></div> }).collect_view()}
        </div>
    }
}
