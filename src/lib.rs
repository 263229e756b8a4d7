pub mod feed;
pub mod store;
