//! The site's split build (`split` feature, WebAssembly) links with its
//! relocations kept: `wasm-split-cli` reads them to cut the chunks out.
//! A link argument only, so the crates' own builds are unchanged.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=gazette-web=--emit-relocs");
    }
}
