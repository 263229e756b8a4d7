//! What an embedded player is: from the address of an `<iframe>` (or the
//! bare link WordPress leaves in an embed block), the item's own page at
//! its provider, the provider's name and, where the provider has a known
//! one, a still. The page then shows a facade that links there: no request
//! to the provider until the reader follows it.

use crate::model::Embed;
use crate::url::{host, percent_decode};

/// The providers whose privacy-enhanced players a site may allow
/// (`_gazette.players`): its key there, its name, and the one host its
/// player loads from, which the page's Content Security Policy then names in
/// `frame-src`, and nothing else.
pub const PLAYERS: &[(&str, &str, &str)] = &[
    ("youtube", "YouTube", "https://www.youtube-nocookie.com"),
    ("vimeo", "Vimeo", "https://player.vimeo.com"),
];

/// The hosts the players `allowed` (keys of [`PLAYERS`]) load from.
pub fn player_hosts(allowed: &[String]) -> Vec<&'static str> {
    PLAYERS
        .iter()
        .filter(|(key, _, _)| allowed.iter().any(|a| a == key))
        .map(|(_, _, host)| *host)
        .collect()
}

/// Clears the player of every embed whose provider the site does not allow,
/// in the blocks and the blocks they hold: its facade then stays a link.
pub fn allow_players(blocks: &mut [crate::model::Block], allowed: &[String]) {
    use crate::model::Block;
    for block in blocks {
        match block {
            Block::Embed(embed) => {
                let allowed = PLAYERS
                    .iter()
                    .any(|(key, name, _)| *name == embed.provider && allowed.iter().any(|a| a == key));
                if !allowed {
                    embed.player = None;
                }
            }
            Block::Quote { blocks, .. } => allow_players(blocks, allowed),
            Block::List { items, .. } => items.iter_mut().for_each(|item| allow_players(item, allowed)),
            _ => {}
        }
    }
}

/// The embed that `src` (an absolute, already safe address) plays, with the
/// title and size the markup gives; None for what is not a web address.
pub fn embed_of(src: &str, title: Option<String>, width: Option<u32>, height: Option<u32>) -> Option<Embed> {
    let src = src.trim();
    let src = match src.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => src.to_owned(),
    };
    if !(src.starts_with("https://") || src.starts_with("http://")) {
        return None;
    }
    let host_name = host(&src)?.to_ascii_lowercase();
    let host_name = host_name.strip_prefix("www.").unwrap_or(&host_name).to_owned();
    let path = path_of(&src);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let known = |provider: &str, url: String, thumbnail: Option<String>| Embed {
        url,
        provider: provider.to_owned(),
        title: title.clone(),
        thumbnail,
        width,
        height,
        player: None,
    };
    let youtube = |id: &str| {
        let id: String = id
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        (!id.is_empty()).then(|| Embed {
            // The privacy-enhanced player: no cookie before the reader plays.
            player: Some(format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1")),
            ..known(
                "YouTube",
                format!("https://www.youtube.com/watch?v={id}"),
                Some(format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")),
            )
        })
    };
    let embed = match (host_name.as_str(), segments.as_slice()) {
        ("youtube.com" | "youtube-nocookie.com" | "m.youtube.com", ["embed", id, ..]) if *id != "videoseries" => {
            youtube(id)
        }
        ("youtube.com" | "m.youtube.com", ["watch"]) => youtube(query_value(&src, "v")?),
        ("youtube.com", ["shorts" | "live", id, ..]) => youtube(id),
        ("youtu.be", [id, ..]) => youtube(id),
        ("player.vimeo.com", ["video", id, ..]) | ("vimeo.com", [id, ..]) if id.chars().all(|c| c.is_ascii_digit()) => {
            Some(Embed {
                // `dnt=1`: Vimeo's player without tracking.
                player: Some(format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1")),
                ..known("Vimeo", format!("https://vimeo.com/{id}"), None)
            })
        }
        ("open.spotify.com", ["embed" | "embed-podcast", kind, id, ..]) => {
            Some(known("Spotify", format!("https://open.spotify.com/{kind}/{id}"), None))
        }
        ("scribd.com", ["embeds", id, ..]) => {
            Some(known("Scribd", format!("https://www.scribd.com/document/{id}"), None))
        }
        ("docs.google.com", ["forms", ..]) => Some(known("Google Forms", src.replace("embedded=true", ""), None)),
        ("soundcloud.com" | "w.soundcloud.com", _) => {
            let url = query_value(&src, "url")
                .map(percent_decode)
                .unwrap_or_else(|| src.clone());
            Some(known("SoundCloud", url, None))
        }
        ("twitter.com" | "x.com" | "platform.twitter.com", _) => Some(known("X", src.clone(), None)),
        ("instagram.com", ["p" | "reel", id, ..]) => {
            Some(known("Instagram", format!("https://www.instagram.com/p/{id}/"), None))
        }
        ("google.com", ["maps", ..]) | ("maps.google.com", _) => Some(known("Google Maps", src.clone(), None)),
        // A video uploaded to a Blogger post: its player page is the item.
        ("blogger.com", ["video.g"]) => Some(known("Blogger", src.clone(), None)),
        ("dailymotion.com", ["embed", "video", id, ..]) => Some(known(
            "Dailymotion",
            format!("https://www.dailymotion.com/video/{id}"),
            None,
        )),
        _ => None,
    };
    embed.or_else(|| Some(known(&host_name, src.clone(), None)))
}

/// The path of an absolute address, without query or fragment.
fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("//").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |at| &after_scheme[at..]);
    path.split(['?', '#']).next().unwrap_or("")
}

/// The value of `key` in the address's query, as written.
fn query_value<'a>(url: &'a str, key: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query
        .split(['&', ';'])
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(src: &str) -> Embed {
        embed_of(src, Some("T".into()), Some(560), Some(315)).unwrap()
    }

    #[test]
    fn a_blogger_video_is_named_for_blogger() {
        let blogger = of("https://www.blogger.com/video.g?token=AD6v5dyq9-5I");
        assert_eq!(blogger.provider, "Blogger");
        assert_eq!(blogger.url, "https://www.blogger.com/video.g?token=AD6v5dyq9-5I");
        assert_eq!(of("https://www.blogger.com/other").provider, "blogger.com");
    }

    #[test]
    fn players_lead_to_the_item_at_its_provider() {
        let yt = of("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0");
        assert_eq!(yt.provider, "YouTube");
        assert_eq!(yt.url, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        assert_eq!(
            yt.thumbnail.as_deref(),
            Some("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg")
        );
        assert_eq!(
            of("//www.youtube.com/embed/abc_-1").url,
            "https://www.youtube.com/watch?v=abc_-1"
        );
        assert_eq!(
            of("https://player.vimeo.com/video/76979871?h=8272103f6e").url,
            "https://vimeo.com/76979871"
        );
        let spotify = of("https://open.spotify.com/embed/episode/7makk4oTQel546B0PZlDM5?utm_source=generator");
        assert_eq!(
            (spotify.provider.as_str(), spotify.url.as_str()),
            ("Spotify", "https://open.spotify.com/episode/7makk4oTQel546B0PZlDM5")
        );
        assert_eq!(
            of("https://www.scribd.com/embeds/12345/content?start_page=1").url,
            "https://www.scribd.com/document/12345"
        );
        assert_eq!(
            of("https://docs.google.com/forms/d/e/x/viewform?embedded=true").provider,
            "Google Forms"
        );
        assert_eq!(
            of("https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1&color=ff5500").url,
            "https://api.soundcloud.com/tracks/1"
        );
        let other = of("https://maps.example.org/embed?q=campus");
        assert_eq!(
            (other.provider.as_str(), other.url.as_str()),
            ("maps.example.org", "https://maps.example.org/embed?q=campus")
        );
        assert_eq!(
            (other.width, other.height, other.title.as_deref()),
            (Some(560), Some(315), Some("T"))
        );
    }

    #[test]
    fn what_is_not_a_web_address_is_no_embed() {
        assert_eq!(embed_of("javascript:alert(1)", None, None, None), None);
        assert_eq!(embed_of("about:blank", None, None, None), None);
        assert_eq!(embed_of("", None, None, None), None);
    }
}
