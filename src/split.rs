//! Code loaded when the reader asks for it. The site's build (`split`
//! feature, set in `index.html`) makes each split point a WebAssembly chunk
//! of its own, fetched the first time it is called (Leptos's `#[lazy]`,
//! split by `gazette publish`); every other build (native, the prerenderer,
//! `wasm-pack test`, clippy) compiles it as a plain `async fn`, so that no
//! build but the split one ever imports the split loader.

/// `split_point! { pub fn name(args) -> T { body } }`: an `async fn name`,
/// a chunk of its own in the site's build.
macro_rules! split_point {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        #[::leptos::lazy]
        $vis fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use split_point;
