use leptos::prelude::*;

use crate::newsroom::use_newsroom;

/// A thin bar at the top of the window while a page's data is on its way.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let newsroom = use_newsroom();
    view! { <div class="progress-bar" class:active=move || newsroom.is_busy() aria-hidden="true"></div> }
}
