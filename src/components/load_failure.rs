use leptos::prelude::*;
use leptos_meta::Title;

use crate::catalog::use_catalog;
use crate::loading::LoadError;
use crate::page_shell::use_page_shell;

/// What a page shows when its data could not be loaded: what happened, in
/// an alert, and a Retry button. The header and navigation stay in place.
#[component]
pub fn LoadFailure(
    errors: ArcRwSignal<Errors>,
    /// Ends the page's title, as on every page.
    site_title: String,
) -> impl IntoView {
    let shell = use_page_shell();
    let tr = use_catalog();
    let first = move || {
        errors.with(|errors| {
            errors.iter().next().map(|(_, e)| match e.downcast_ref::<LoadError>() {
                Some(load) => (load.title(tr).to_owned(), load.detail(tr)),
                None => (tr.something_wrong().to_string(), e.to_string()),
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
    Effect::new(move |_| shell.report_failure(first()));
    on_cleanup(move || shell.report_failure(None));
    let page_title = {
        let title = title.clone();
        move || tr.title(&title(), &site_title)
    };
    view! {
        <Title text=page_title />
        <section class="load-failure" role="alert">
            <h1>{title}</h1>
            <p>{detail}</p>
            <RetryButton shell />
        </section>
    }
}

/// Asks the newsroom to load again; it says so while it does.
#[component]
fn RetryButton(shell: crate::page_shell::PageShell) -> impl IntoView {
    let tr = use_catalog();
    view! {
        <button type="button" class="button" on:click=move |_| shell.retry() disabled=move || shell.is_busy()>
            {move || if shell.is_busy() { tr.trying_again() } else { tr.try_again() }}
        </button>
    }
}

/// The same message over a prerendered page whose live data could not be
/// loaded: the page stays readable as it was built, the reader learns why
/// it may be out of date, and Retry brings the live page in.
#[component]
pub fn FailureBanner() -> impl IntoView {
    let shell = use_page_shell();
    let tr = use_catalog();
    move || {
        shell.failure().map(|(title, detail)| {
            view! {
                <section class="load-failure banner" role="alert">
                    <p class="alert-title">{title}</p>
                    <p>{detail}{tr.shown_as_published()}</p>
                    <RetryButton shell />
                </section>
            }
        })
    }
}

/// What a page shows when its own code did not arrive (its chunk, fetched
/// the first time the page is drawn, failed on the way). Retry, here or on
/// the banner over a prerendered page, loads the page again: that fetches
/// the code afresh, and a newer build's if one was deployed meanwhile (the
/// usual reason a chunk is gone).
#[component]
pub fn CodeFailure(site_title: String) -> impl IntoView {
    let shell = use_page_shell();
    let tr = use_catalog();
    let (title, detail) = (tr.code_missing().to_owned(), tr.detail_code().to_owned());
    let failure = (title.clone(), detail.clone());
    Effect::new(move |_| shell.report_failure(Some(failure.clone())));
    on_cleanup(move || shell.report_failure(None));
    Effect::new(move |asked_before: Option<u64>| {
        let asked = shell.retries();
        if asked_before.is_some_and(|before| before != asked) {
            let _ = window().location().reload();
        }
        asked
    });
    view! {
        <Title text=tr.title(&title, &site_title) />
        <section class="load-failure" role="alert">
            <h1>{title}</h1>
            <p>{detail}</p>
            <RetryButton shell />
        </section>
    }
}
