//! Runtime of the [`permissions`](https://docs.rs/permissions) crate.
//!
//! Users depend on the facade crate `permissions`, which re-exports everything here together
//! with the `#[derive(PermissionSet)]` and `#[requires]` macros. This crate holds the parts
//! that are plain Rust: the [`PermissionSet`] trait that every generated set implements,
//! [`Requirement`] and [`Denied`] for checks, and the row metadata of a table.
//!
//! The crate is `no_std` when built with `default-features = false` and the `runtime` feature;
//! without `runtime`, only the table reader is built (with `alloc`), for the derive.
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
#[cfg(feature = "runtime")]
mod guard;
#[cfg(feature = "runtime")]
mod requirement;
#[cfg(feature = "runtime")]
pub mod resolve;
#[cfg(feature = "serde")]
pub mod serde;
#[cfg(feature = "runtime")]
mod set;
#[cfg(any(feature = "sqlx", feature = "rusqlite"))]
pub mod storage;
#[cfg(feature = "table")]
pub mod table;

#[cfg(feature = "runtime")]
pub use guard::{HasPermissions, Refusal};
#[cfg(feature = "runtime")]
pub use requirement::{Denied, Requirement};
#[cfg(feature = "runtime")]
pub use resolve::{Actor, ChannelSet, Escalation, Member, Overwrite, Policy, Rule};
#[cfg(feature = "runtime")]
pub use set::{PermissionSet, Row, RowKind};

#[cfg(feature = "runtime")]
/// The bitflags crate that generated sets are built on, for its parser and traits.
pub use bitflags;
#[cfg(feature = "runtime")]
/// Re-exported so that users can name the trait that every generated set implements.
pub use bitflags::Flags;

#[cfg(feature = "runtime")]
/// Not public API: the paths that generated code reaches the runtime through.
#[doc(hidden)]
pub mod __private;
#[cfg(feature = "runtime")]
/// Not public API: [`__private`] under this release's version, the name generated code uses,
/// so that macros of another release fail with "could not find `__private_0_1_0`" rather
/// than with errors about whatever changed inside it.
#[doc(hidden)]
pub use __private as __private_0_1_0;
