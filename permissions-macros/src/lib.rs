//! Procedural macros of the `permissions` crate.
#![forbid(unsafe_code)]
