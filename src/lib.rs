pub mod feed;
pub mod store;
pub mod paths;
pub mod loading;
