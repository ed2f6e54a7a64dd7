//! Runtime of the [`permissions`](https://docs.rs/permissions) crate.
//!
//! Users depend on the facade crate `permissions`, which re-exports everything here together
//! with the `#[derive(PermissionSet)]` and `#[requires]` macros. This crate holds the parts
//! that are plain Rust: the [`PermissionSet`] trait that every generated set implements,
//! [`Requirement`] and [`Denied`] for checks, and the row metadata of a table.
//!
//! The crate is `no_std` when built with `default-features = false`.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Nothing in the runtime may panic on input: no unwrap, expect, or indexing outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

#[cfg(feature = "alloc")]
extern crate alloc;

#[cfg(feature = "audit")]
pub mod audit;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(any(feature = "serde", feature = "sqlx", feature = "rusqlite"))]
mod decimal;
mod guard;
mod requirement;
pub mod resolve;
#[cfg(feature = "serde")]
pub mod serde;
mod set;
#[cfg(any(feature = "sqlx", feature = "rusqlite"))]
pub mod storage;
#[cfg(feature = "alloc")]
pub mod table;

pub use guard::{HasPermissions, Refusal};
pub use requirement::{Denied, Requirement};
pub use resolve::{Actor, ChannelSet, Escalation, Member, Overwrite, Policy, Rule};
pub use set::{PermissionSet, Row, RowKind};

/// The bitflags crate that generated sets are built on, for its parser and traits.
pub use bitflags;
/// Re-exported so that users can name the trait that every generated set implements.
pub use bitflags::Flags;

/// Not public API: the paths that generated code reaches the runtime through.
#[doc(hidden)]
pub mod __private;
