use leptos::prelude::*;

use crate::browser::{share_link, Shared};
use crate::catalog::use_catalog;

/// Shares a link to this page, or to `fragment` of it (`#photo-2`): the
/// browser's share sheet where there is one, else the link copied, which a
/// polite live region announces. Without the app it would do nothing, so
/// the style sheet keeps it invisible (in its place) until the page is live.
#[component]
pub fn ShareButton(
    /// What is shared: the story's headline.
    title: String,
    #[prop(optional)] fragment: Option<String>,
    /// Read out after "Share": what this button shares, when there are several.
    #[prop(optional)]
    label: Option<String>,
) -> impl IntoView {
    let tr = use_catalog();
    let status = RwSignal::new(String::new());
    let on_click = move |_| {
        let location = window().location();
        let address = format!(
            "{}{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            fragment.clone().unwrap_or_default()
        );
        let title = title.clone();
        leptos::task::spawn_local(async move {
            let said = match share_link(&title, &address).await {
                Shared::Natively => String::new(),
                Shared::Copied => tr.link_copied().to_owned(),
                Shared::Failed => tr.link_not_copied().to_owned(),
            };
            status.set(said);
            set_timeout(move || status.set(String::new()), std::time::Duration::from_secs(4));
        });
    };
    view! {
        <span class="share">
            <button type="button" class="share-button" on:click=on_click aria-label=label>
                {tr.share()}
            </button>
            <span class="share-status" role="status" aria-live="polite">{status}</span>
        </span>
    }
}
