//! The decimal-string wire form of chat APIs (`"2147483656"`) in human-readable formats, the
//! integer in compact ones.
//!
//! Deserializing a human-readable format accepts a decimal string or an unsigned integer.
//! Negative numbers, values too large for the set's bits type, signs, spaces and other
//! non-digits, and the empty string are errors that say which. Numbers beyond `u64` are best
//! sent as strings, since JSON readers may turn them into floats.
//!
//! ```
//! # use permissions::PermissionSet;
//! # #[derive(PermissionSet)]
//! # #[permissions(bits = u32)]
//! # enum GuildPermission {
//! #     #[permission(bit = 31, bypass)] Administrator,
//! #     #[permission(bit = 3)] SendInvites,
//! # }
//! #[derive(Debug, serde::Serialize, serde::Deserialize)]
//! struct Role {
//!     #[serde(with = "permissions::serde::decimal")]
//!     permissions: GuildPermissions,
//! }
//!
//! let role: Role = serde_json::from_str(r#"{"permissions": "2147483656"}"#).unwrap();
//! assert_eq!(
//!     role.permissions,
//!     GuildPermissions::ADMINISTRATOR | GuildPermissions::SEND_INVITES
//! );
//! assert_eq!(
//!     serde_json::to_string(&role).unwrap(),
//!     r#"{"permissions":"2147483656"}"#
//! );
//!
//! // A number is accepted too.
//! let role: Role = serde_json::from_str(r#"{"permissions": 8}"#).unwrap();
//! assert_eq!(role.permissions, GuildPermissions::SEND_INVITES);
//!
//! let error = serde_json::from_str::<Role>(r#"{"permissions": "4294967296"}"#).unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     r#"invalid decimal permissions "4294967296": too large for u32 at line 1 column 28"#
//! );
//! ```

use core::fmt;
use core::marker::PhantomData;

use bitflags::Flags;
use serde_core::de::{self, Visitor};
use serde_core::{Deserialize, Deserializer, Serialize, Serializer};

use crate::decimal::{self, Problem, Shown};

/// Serializes the set's bits as a decimal string, or as the integer in a compact format.
/// Unknown bits are kept.
///
/// # Errors
/// Only the serializer's own.
pub fn serialize<S, Ser>(set: &S, serializer: Ser) -> Result<Ser::Ok, Ser::Error>
where
    S: Flags<Bits: fmt::Display + Serialize>,
    Ser: Serializer,
{
    if serializer.is_human_readable() {
        serializer.collect_str(&set.bits())
    } else {
        set.bits().serialize(serializer)
    }
}

/// Deserializes a decimal string or an unsigned integer, or the integer from a compact format.
/// Unknown bits are kept.
///
/// # Errors
/// When the input is not a decimal string or unsigned integer that fits the set's bits type.
pub fn deserialize<'de, S, D>(deserializer: D) -> Result<S, D::Error>
where
    S: Flags<Bits: TryFrom<u128> + Deserialize<'de>>,
    D: Deserializer<'de>,
{
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(DecimalVisitor(PhantomData))
    } else {
        S::Bits::deserialize(deserializer).map(S::from_bits_retain)
    }
}

struct DecimalVisitor<S>(PhantomData<S>);

impl<S> Visitor<'_> for DecimalVisitor<S>
where
    S: Flags<Bits: TryFrom<u128>>,
{
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("permissions as a decimal string such as \"2147483656\" or an unsigned integer")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<S, E> {
        let value = decimal::parse(text, bits_name::<S>())
            .map_err(|problem| invalid(Shown(text), problem))?;
        fit(value, || Shown(text))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<S, E> {
        fit(u128::from(value), || value)
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<S, E> {
        fit(value, || value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<S, E> {
        self.visit_i128(i128::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<S, E> {
        match u128::try_from(value) {
            Ok(unsigned) => fit(unsigned, || value),
            Err(_) => Err(invalid(value, Problem::Negative)),
        }
    }
}

/// The set of `value`, or an error showing the input when it is too wide for the bits type.
fn fit<S, E, T>(value: u128, shown: impl FnOnce() -> T) -> Result<S, E>
where
    S: Flags<Bits: TryFrom<u128>>,
    E: de::Error,
    T: fmt::Display,
{
    match S::Bits::try_from(value) {
        Ok(bits) => Ok(S::from_bits_retain(bits)),
        Err(_) => Err(invalid(shown(), Problem::TooLarge(bits_name::<S>()))),
    }
}

fn invalid<E: de::Error>(input: impl fmt::Display, problem: Problem) -> E {
    E::custom(format_args!(
        "invalid decimal permissions {input}: {problem}"
    ))
}

fn bits_name<S: Flags>() -> &'static str {
    core::any::type_name::<S::Bits>()
}
