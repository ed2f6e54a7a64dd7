//! Typed permission sets for Rust services.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use permissions_core::*;

pub use permissions_macros::{PermissionSet, requires};
