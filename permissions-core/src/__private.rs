//! Not public API. Generated code reaches the runtime only through these paths, so that the
//! runtime may change them between patch releases without breaking users.

pub use ::bitflags;
pub use ::core;

pub use crate::{Denied, PermissionSet, Requirement, Row, RowKind};

use core::fmt;

use bitflags::Flags;
use bitflags::parser::WriteHex;

/// `Name(A | B)`, or `Name(0x0)` when empty: the `Debug` output of a `bitflags!` struct.
pub fn fmt_debug<S: Flags<Bits: WriteHex>>(
    flags: &S,
    name: &str,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    struct Text<'a, S>(&'a S);
    impl<S: Flags<Bits: WriteHex>> fmt::Debug for Text<'_, S> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            if self.0.is_empty() {
                f.write_str("0x0")
            } else {
                bitflags::parser::to_writer(self.0, f)
            }
        }
    }
    f.debug_tuple(name).field(&Text(flags)).finish()
}
