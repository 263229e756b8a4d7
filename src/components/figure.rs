use leptos::prelude::*;

use crate::feed::Image;
use crate::gallery;

use super::lightbox::PhotoViewer;

/// A photo with `srcset` when the feed gives other widths, and its width and
/// height so the page keeps its layout while it loads. Variants in a format
/// of their own (WebP) go in a `<picture>` source, for the browsers that
/// read it; the others get the photo's own format.
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
    let (own, other): (Vec<_>, Vec<_>) = image.variants.iter().partition(|v| v.mime_type.is_none());
    let src = own
        .iter()
        .find(|v| v.width >= 800)
        .or(own.last())
        .map_or(image.url.clone(), |v| v.url.clone());
    let srcset = (!own.is_empty()).then(|| srcset_of(&own));
    let source = other
        .first()
        .and_then(|first| first.mime_type.clone())
        .map(|mime_type| {
            let same: Vec<_> = other
                .iter()
                .copied()
                .filter(|v| v.mime_type.as_deref() == Some(&mime_type))
                .collect();
            view! { <source type=mime_type srcset=srcset_of(&same) sizes=sizes /> }
        });
    let alt = if decorative { String::new() } else { image.alt.clone() };
    let img = view! {
        // In this order: a browser chooses and may fetch the photo again at
        // each of `sizes`, `srcset` and `src`, so they come last, after
        // `loading` (a lazy photo set lazy first is not fetched yet).
        <img
            loading=if eager { "eager" } else { "lazy" }
            fetchpriority=eager.then_some("high")
            decoding="async"
            width=image.width
            height=image.height
            alt=alt
            sizes=(srcset.is_some() || source.is_some()).then_some(sizes)
            srcset=srcset.clone()
            src=src
        />
    };
    match source {
        Some(source) => view! { <picture>{source}{img}</picture> }.into_any(),
        None => img.into_any(),
    }
}

/// `srcset`'s list: `a-400.jpg 400w, a-800.jpg 800w`.
pub fn srcset_of(variants: &[&crate::feed::ImageVariant]) -> String {
    variants
        .iter()
        .map(|v| format!("{} {}w", v.url, v.width))
        .collect::<Vec<_>>()
        .join(", ")
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
    let has_caption = image.caption.is_some() || image.credit.is_some();
    let caption = has_caption.then(|| caption_and_credit(&image));
    let photo = view! { <Photo image sizes="(min-width: 46rem) 42rem, calc(100vw - 2rem)" eager /> };
    let viewer = use_context::<PhotoViewer>().zip(number);
    let photo = match viewer {
        Some((viewer, index)) => view! { <PhotoLink viewer index>{photo}</PhotoLink> }.into_any(),
        None => photo.into_any(),
    };
    view! {
        <figure class="figure">
            {photo}
            {caption.map(|caption| view! { <figcaption>{caption}</figcaption> })}
        </figure>
    }
}

/// A photo's caption and credit, each with its links where it has any
/// (a photographer's page, a licence), else as text.
pub fn caption_and_credit(image: &Image) -> AnyView {
    let part = |class: &'static str, text: &Option<String>, content: &Vec<crate::feed::Inline>| {
        text.clone().map(|text| {
            let shown = if content.is_empty() {
                text.into_any()
            } else {
                super::blocks::inlines(content.clone())
            };
            view! { <span class=class>{shown}</span> }
        })
    };
    (
        part("caption", &image.caption, &image.caption_content),
        part("credit", &image.credit, &image.credit_content),
    )
        .into_any()
}

/// A link that opens the photo viewer at photo `index`. A reader reaching
/// for it (a pointer over it, a finger on it, focus) has the viewer loaded,
/// so that it opens at once.
#[component]
pub fn PhotoLink(viewer: PhotoViewer, index: usize, children: Children) -> impl IntoView {
    let count = viewer.count();
    let tr = crate::catalog::use_catalog();
    view! {
        <a
            class="photo-open"
            href=super::on_this_page(gallery::fragment(index))
            on:pointerover=move |_| viewer.want()
            on:touchstart=move |_| viewer.want()
            on:focus=move |_| viewer.want()
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
