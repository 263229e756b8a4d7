use leptos::prelude::*;

use crate::feed::Image;
use crate::gallery;

use super::lightbox::PhotoViewer;

/// A photo with `srcset` when the feed gives other widths, and its width and
/// height so the page keeps its layout while it loads.
#[component]
pub fn Photo(
    image: Image,
    /// The `sizes` attribute: how wide the photo is shown at each viewport.
    sizes: &'static str,
    /// Load at once (the first photo on screen), not lazily.
    #[prop(optional)]
    eager: bool,
    /// A thumbnail beside a headline that already says what it shows.
    #[prop(optional)]
    decorative: bool,
) -> impl IntoView {
    let src = image
        .variants
        .iter()
        .find(|v| v.width >= 800)
        .or(image.variants.last())
        .map_or(image.url.clone(), |v| v.url.clone());
    let srcset = (!image.variants.is_empty()).then(|| {
        image
            .variants
            .iter()
            .map(|v| format!("{} {}w", v.url, v.width))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let alt = if decorative { String::new() } else { image.alt.clone() };
    view! {
        <img
            src=src
            srcset=srcset.clone()
            sizes=srcset.is_some().then_some(sizes)
            alt=alt
            width=image.width
            height=image.height
            loading=if eager { "eager" } else { "lazy" }
            fetchpriority=eager.then_some("high")
            decoding="async"
        />
    }
}

/// A photo in a story, with its caption and credit. Inside an article with
/// a photo viewer, the photo is a link to its own address (`#photo-2`) that
/// opens the viewer there.
#[component]
pub fn Figure(
    image: Image,
    #[prop(optional)] eager: bool,
    /// Its place among the article's photos, counted from 0.
    #[prop(default = None)]
    number: Option<usize>,
) -> impl IntoView {
    let caption = image.caption.clone();
    let credit = image.credit.clone();
    let has_caption = caption.is_some() || credit.is_some();
    let photo = view! { <Photo image sizes="(min-width: 760px) 720px, 100vw" eager /> };
    let viewer = use_context::<PhotoViewer>().zip(number);
    let photo = match viewer {
        Some((viewer, index)) => view! { <PhotoLink viewer index>{photo}</PhotoLink> }.into_any(),
        None => photo.into_any(),
    };
    view! {
        <figure class="figure">
            {photo}
            {has_caption.then(|| view! {
                <figcaption>
                    {caption.map(|c| view! { <span class="caption">{c}</span> })}
                    {credit.map(|c| view! { <span class="credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}

/// A link that opens the photo viewer at photo `index`.
#[component]
pub fn PhotoLink(viewer: PhotoViewer, index: usize, children: Children) -> impl IntoView {
    let count = viewer.count();
    let tr = crate::catalog::use_catalog();
    view! {
        <a
            class="photo-open"
            href=gallery::fragment(index)
            on:click=move |ev| {
                ev.prevent_default();
                viewer.open(index);
            }
        >
            {children()}
            <span class="visually-hidden">{crate::catalog::fill(tr.open_photo(), &[("n", &tr.number(index as u64 + 1)), ("count", &tr.number(count as u64))])}</span>
        </a>
    }
}
