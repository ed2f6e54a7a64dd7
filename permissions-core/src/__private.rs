//! Not public API. Generated code reaches the runtime only through these paths, so that the
//! runtime may change them between patch releases without breaking users.

pub use ::bitflags;
pub use ::core;

pub use crate::guard::check;
pub use crate::{Denied, HasPermissions, PermissionSet, Refusal, Requirement, Row, RowKind};

/// Registers a guarded function with the audit registry, when the `audit` feature is on.
#[cfg(feature = "audit")]
#[macro_export]
#[doc(hidden)]
macro_rules! __register_handler {
    ($module:expr, $function:expr, $holder:expr, $requirement:expr) => {
        $crate::__private::inventory::submit! {
            $crate::audit::Handler::new($module, $function, $holder, $requirement)
        }
    };
}

/// Registers a guarded function with the audit registry, when the `audit` feature is on.
#[cfg(not(feature = "audit"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __register_handler {
    ($($tt:tt)*) => {};
}

pub use crate::__register_handler as register_handler;
#[cfg(feature = "audit")]
pub use ::inventory;

/// `Result::Err(E::from(denied))` for whatever `Result` the guarded function returns.
#[inline]
pub fn refuse<R: Refusal<S>, S: 'static>(denied: Denied<S>) -> R {
    R::refusal(denied)
}

#[cfg(feature = "serde")]
pub use ::serde_core;

/// `impl_serde!(Set, form)`: `Serialize` and `Deserialize` for a generated set, through
/// `crate::serde::form`, when this crate's `serde` feature is on; nothing otherwise. The derive
/// emits one call, so that the user crate's own features play no part.
pub use crate::__impl_serde as impl_serde;

#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($set:ident, $form:ident) => {
        const _: () = {
            #[automatically_derived]
            impl $crate::__private::serde_core::Serialize for $set {
                fn serialize<__S: $crate::__private::serde_core::Serializer>(
                    &self,
                    serializer: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    $crate::serde::$form::serialize(self, serializer)
                }
            }

            #[automatically_derived]
            impl<'de> $crate::__private::serde_core::Deserialize<'de> for $set {
                fn deserialize<__D: $crate::__private::serde_core::Deserializer<'de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    $crate::serde::$form::deserialize(deserializer)
                }
            }
        };
    };
}

#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($set:ident, $form:ident) => {};
}

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
