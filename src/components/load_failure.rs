use leptos::prelude::*;
use leptos_meta::Title;

use crate::loading::LoadError;
use crate::newsroom::use_newsroom;

/// What a page shows when its data could not be loaded: what happened, in
/// an alert, and a Retry button. The header and navigation stay in place.
#[component]
pub fn LoadFailure(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let newsroom = use_newsroom();
    let first = move || {
        errors.with(|errors| {
            errors.iter().next().map(|(_, e)| match e.downcast_ref::<LoadError>() {
                Some(load) => (load.title().to_owned(), load.to_string()),
                None => ("Something went wrong".to_owned(), e.to_string()),
            })
        })
    };
    let title = {
        let first = first.clone();
        move || first().map(|(t, _)| t).unwrap_or_default()
    };
    let detail = {
        let first = first.clone();
        move || first().map(|(_, d)| d).unwrap_or_default()
    };
    Effect::new(move |_| newsroom.report_failure(first()));
    on_cleanup(move || newsroom.report_failure(None));
    let page_title = {
        let title = title.clone();
        move || format!("{} – {}", title(), newsroom.site_title_tracked())
    };
    view! {
        <Title text=page_title />
        <section class="load-failure" role="alert">
            <h1>{title}</h1>
            <p>{detail}</p>
            <button type="button" class="button" on:click=move |_| newsroom.retry() disabled=move || newsroom.is_busy()>
                {move || if newsroom.is_busy() { "Trying again…" } else { "Try again" }}
            </button>
        </section>
    }
}

/// The same message over a prerendered page whose live data could not be
/// loaded: the page stays readable as it was built, the reader learns why
/// it may be out of date, and Retry brings the live page in.
#[component]
pub fn FailureBanner() -> impl IntoView {
    let newsroom = use_newsroom();
    move || {
        newsroom.failure().map(|(title, detail)| {
            view! {
                <section class="load-failure banner" role="alert">
                    <p class="alert-title">{title}</p>
                    <p>{detail}" This page is shown as it was published."</p>
                    <button type="button" class="button" on:click=move |_| newsroom.retry() disabled=move || newsroom.is_busy()>
                        {move || if newsroom.is_busy() { "Trying again…" } else { "Try again" }}
                    </button>
                </section>
            }
        })
    }
}
