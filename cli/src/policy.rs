//! The Content Security Policy of every published page: what it may load
//! and run. A leaf: it imports nothing of the crate.

/// What the page may load and run. Scripts only from the site (the app's
/// JavaScript glue and its loader) plus compiling its WebAssembly; photos
/// from anywhere on https, since feeds link them from their own hosts; the
/// feed itself from the site. `frame-ancestors` and the other header-only
/// protections cannot be set from a page: the README lists them per host.
/// `manifest-src` is left to `default-src`, which covers it: WebKit (Safari)
/// does not know it and reports it as an error on every page.
/// The policy of every published page, to which a site that allows
/// players adds the hosts they load from ([`content_security_policy`]).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; connect-src 'self'; media-src 'self' https:; object-src 'none'; base-uri 'self'; form-action 'self'; worker-src 'self'";

/// The Content Security Policy of a site whose feed allows `players`
/// (`_gazette.players`): frames from exactly those players' hosts, and none
/// at all without them (`default-src 'self'` then forbids every frame).
pub fn content_security_policy(players: &[String]) -> String {
    let hosts = gazette::feed::embed::player_hosts(players);
    if hosts.is_empty() {
        CONTENT_SECURITY_POLICY.to_owned()
    } else {
        format!("{CONTENT_SECURITY_POLICY}; frame-src {}", hosts.join(" "))
    }
}

/// `html` with its Content Security Policy `<meta>` saying `policy`.
pub fn with_policy(html: &str, policy: &str) -> String {
    const START: &str = "<meta http-equiv=Content-Security-Policy content=\"";
    match html.find(START) {
        Some(at) => {
            let from = at + START.len();
            let to = html[from..].find('"').map_or(html.len(), |end| from + end);
            format!("{}{policy}{}", &html[..from], &html[to..])
        }
        None => html.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The directives Chromium, Firefox and WebKit all know (CSP Level 3
    /// as WebKit implements it): any other is reported by one of them as an
    /// error on every page, as WebKit does `manifest-src`.
    const KNOWN_TO_EVERY_ENGINE: &[&str] = &[
        "default-src",
        "script-src",
        "style-src",
        "img-src",
        "font-src",
        "connect-src",
        "media-src",
        "object-src",
        "frame-src",
        "child-src",
        "worker-src",
        "base-uri",
        "form-action",
        "frame-ancestors",
        "upgrade-insecure-requests",
    ];

    #[test]
    fn names_only_directives_every_engine_knows() {
        let players = vec!["youtube".to_owned()];
        for policy in [CONTENT_SECURITY_POLICY.to_owned(), content_security_policy(&players)] {
            for directive in policy.split(';').map(str::trim).filter(|d| !d.is_empty()) {
                let name = directive.split_whitespace().next().unwrap_or_default();
                assert!(
                    KNOWN_TO_EVERY_ENGINE.contains(&name),
                    "{name} is not known to every engine: {policy}"
                );
            }
        }
        let nginx = include_str!("../../deploy/nginx.conf");
        assert!(
            nginx.contains(CONTENT_SECURITY_POLICY),
            "deploy/nginx.conf sends the same policy"
        );
    }
}
