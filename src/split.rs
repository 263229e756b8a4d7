//! Code loaded when the reader asks for it. The site's build (`split`
//! feature, set in `index.html`) makes each split point a WebAssembly chunk
//! of its own, fetched the first time it is called (`wasm_split`, as
//! Leptos's `#[lazy]` uses it; split by `gazette publish`); every other
//! build (native, the prerenderer, `wasm-pack test`, clippy) compiles it as
//! a plain `async fn`, so that no build but the split one ever imports the
//! split loader.

/// A chunk of code that did not arrive: the network failed while it was
/// fetched. Calling the split point again fetches it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeMissing;

#[cfg(feature = "split")]
impl From<::leptos::wasm_split::SplitLoaderError> for CodeMissing {
    fn from(_: ::leptos::wasm_split::SplitLoaderError) -> Self {
        CodeMissing
    }
}

/// `split_point! { pub fn name(args) -> T { body } }`: an `async fn name`
/// returning `Result<T, CodeMissing>`, a chunk of its own in the site's
/// build. A chunk that fails to arrive is an `Err` the page can offer to
/// fetch again, not a panic that would end the app (`wasm_split`'s
/// `fallible`, which Leptos's `#[lazy]` does not pass on).
///
/// `#[preload(fetch_name)]` before it also makes `async fn fetch_name()`,
/// which fetches the chunk without calling anything in it: to have the code
/// in hand before the reader's click (its result is the load's, and a
/// failed load is tried again by the next call).
macro_rules! split_point {
    (@point [$($option:tt)*] $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible $($option)*)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::split::CodeMissing> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::split::CodeMissing> {
            Ok($body)
        }
    };
    (#[preload($preload:ident)] $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $crate::split::split_point!(@point [, preload($preload)] $(#[$meta])* $vis fn $name($($arg: $ty),*) -> $ret $body);

        #[cfg(not(feature = "split"))]
        $vis async fn $preload() -> Result<(), $crate::split::CodeMissing> {
            Ok(())
        }
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $crate::split::split_point!(@point [] $(#[$meta])* $vis fn $name($($arg: $ty),*) -> $ret $body);
    };
}
pub(crate) use split_point;
