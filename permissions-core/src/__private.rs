//! Not public API. Generated code reaches the runtime only through these paths, so that the
//! runtime may change them between patch releases without breaking users.

pub use ::bitflags;
pub use ::core;

pub use crate::{Denied, PermissionSet, Requirement, Row, RowKind};
