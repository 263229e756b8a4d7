//! A story's embedded players and its own audio and video.
//!
//! An embed is a facade: a link to the item at its provider, with the
//! provider's still where it has a known one, the same with and without
//! JavaScript. Nothing of the other site is requested until the reader
//! follows the link (no cookie, no script, no tracking pixel of theirs).
//! Audio and video play in the browser's own controls and load nothing
//! before the reader presses play (`preload="none"`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalog::{fill, use_catalog};
use crate::feed::{Embed, Media, MediaKind};

#[component]
pub fn EmbedFacade(embed: Embed) -> impl IntoView {
    let tr = use_catalog();
    let Embed {
        url,
        provider,
        title,
        thumbnail,
        width,
        height,
        player,
    } = embed;
    // The player's shape, set by the style sheet so that nothing moves
    // when a still loads (the security policy allows no inline style): 16:9
    // around a still; a bar for a player much wider than tall (an episode,
    // a track) or one with no still to show.
    let shape = match (width, height, &thumbnail) {
        (Some(w), Some(h), _) if h > 0 && w > h * 3 => "embed-facade embed-bar",
        (_, _, None) if player.is_none() => "embed-facade embed-bar",
        _ => "embed-facade",
    };
    let open = fill(tr.open_on(), &[("provider", &provider)]);
    let name = title.clone().unwrap_or_else(|| provider.clone());
    // A player the site allows starts in place when the reader asks (the
    // link still leads to the provider without the app, or with a modifier
    // key); nothing of it loads before.
    let start = move |event: leptos::ev::MouseEvent| {
        let modified = event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
        let link = event
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let (Some(src), Some(link), false, 0) = (&player, link, modified, event.button()) {
            if crate::browser::start_player(&link, src, &name) {
                event.prevent_default();
            }
        }
    };
    view! {
        <figure class="embed">
            <a class=shape href=url rel="noopener noreferrer" on:click=start>
                {thumbnail.map(|src| view! { <img src=src alt="" loading="lazy" decoding="async" /> })}
                <span class="embed-label">
                    <span class="embed-open">{open}</span>
                    {title.map(|t| view! { <span class="embed-title">{t}</span> })}
                </span>
            </a>
        </figure>
    }
}

#[component]
pub fn MediaPlayer(media: Media) -> impl IntoView {
    let tr = use_catalog();
    let Media {
        kind,
        url,
        mime_type,
        poster,
        title,
        duration_seconds,
        size_bytes,
    } = media;
    let name = title.clone().unwrap_or_else(|| {
        match kind {
            MediaKind::Audio => tr.audio(),
            MediaKind::Video => tr.video(),
        }
        .to_owned()
    });
    // One element built by its name, as a heading is: the same page with
    // half the code of two kinds of element.
    let video = kind == MediaKind::Video;
    let player = leptos::html::custom(if video { "video" } else { "audio" })
        .attr("controls", "")
        .attr("preload", "none")
        .attr("playsinline", video.then_some(""))
        .attr("poster", poster)
        .attr("aria-label", name)
        .child(view! { <source src=url.clone() type=mime_type /> });
    // "12:05 · 34 MB": what the feed says of the file.
    let facts: Vec<String> = [
        duration_seconds.filter(|d| *d > 0).map(clock),
        size_bytes.filter(|s| *s > 0).map(megabytes),
    ]
    .into_iter()
    .flatten()
    .collect();
    view! {
        <figure class=if video { "media media-video" } else { "media media-audio" }>
            {player}
            <figcaption>
                {title.map(|t| view! { <span class="media-title">{t}</span> })}
                {(!facts.is_empty()).then(|| view! { <span class="media-facts">{facts.join(" · ")}</span> })}
                <a class="media-download" href=url download="">{tr.download()}</a>
            </figcaption>
        </figure>
    }
}

/// `1:02:05`, `12:05`: a duration as a player shows it.
fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `34 MB`, `0.8 MB`, `12 KB`: a file's size, with integers only (no
/// float formatting in the wasm).
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    if tenths >= 100 {
        format!("{} MB", tenths / 10)
    } else if tenths >= 1 {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes_read_as_players_write_them() {
        assert_eq!(clock(725), "12:05");
        assert_eq!(clock(3725), "1:02:05");
        assert_eq!(clock(9), "0:09");
        assert_eq!(megabytes(34_400_000), "34 MB");
        assert_eq!(megabytes(812_000), "0.8 MB");
        assert_eq!(megabytes(100), "1 KB");
    }
}
