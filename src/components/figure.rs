use leptos::prelude::*;

use crate::feed::Image;

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

/// A photo in a story, with its caption and credit.
#[component]
pub fn Figure(image: Image, #[prop(optional)] eager: bool) -> impl IntoView {
    let caption = image.caption.clone();
    let credit = image.credit.clone();
    let has_caption = caption.is_some() || credit.is_some();
    view! {
        <figure class="figure">
            <Photo image sizes="(min-width: 760px) 720px, 100vw" eager />
            {has_caption.then(|| view! {
                <figcaption>
                    {caption.map(|c| view! { <span class="caption">{c}</span> })}
                    {credit.map(|c| view! { <span class="credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
