use leptos::prelude::*;

use crate::catalog::{fill, use_catalog};
use crate::paths::numbered_page;

/// Previous and next links, numbered pages and "Page x of y". Only pages near
/// the current one are numbered, so a topic with 800 pages stays one line.
#[component]
pub fn Pagination(
    /// The address of the list's first page; the others add `?page=N`.
    first: String,
    current: u32,
    total: u32,
) -> impl IntoView {
    if total <= 1 {
        return None;
    }
    let tr = use_catalog();
    let link = |page: u32| numbered_page(&first, page);
    // The first page, those around the current one, the last: in order
    // already, so repeats are skipped rather than sorted out.
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let numbers = std::iter::once(1).chain(near).chain(std::iter::once(total));
    let mut items = Vec::new();
    let mut previous = 0;
    for n in numbers {
        if n <= previous {
            continue;
        }
        if n > previous + 1 {
            items.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
        }
        previous = n;
        items.push(if n == current {
            view! { <li><a href=link(n) aria-current="page">{tr.number(n as u64)}</a></li> }.into_any()
        } else {
            let label = fill(tr.page_link(), &[("page", &tr.number(n as u64))]);
            view! { <li><a href=link(n) aria-label=label>{tr.number(n as u64)}</a></li> }.into_any()
        });
    }
    let prev =
        (current > 1).then(|| view! { <a class="page-prev" href=link(current - 1) rel="prev">{tr.previous()}</a> });
    let next =
        (current < total).then(|| view! { <a class="page-next" href=link(current + 1) rel="next">{tr.next()}</a> });
    Some(view! {
        <nav class="pagination" aria-label=tr.pages()>
            <p class="page-status">{fill(tr.page_status(), &[("page", &tr.number(current as u64)), ("total", &tr.number(total as u64))])}</p>
            {prev}
            <ul>{items}</ul>
            {next}
        </nav>
    })
}
