//! The shared test corpora as `(file name, text)` pairs, built in at compile
//! time (see `build.rs`); empty where `../shared/corpora` is absent.

include!(concat!(env!("OUT_DIR"), "/corpora.rs"));
