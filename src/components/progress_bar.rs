use leptos::prelude::*;

use crate::page_shell::use_page_shell;

/// A thin bar at the top of the window while a page's data is on its way.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let shell = use_page_shell();
    view! { <div class="progress-bar" class:active=move || shell.is_busy() aria-hidden="true"></div> }
}
