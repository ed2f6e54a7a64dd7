//! Not public API. Generated code reaches the runtime only through these paths, so that the
//! runtime may change them between patch releases without breaking users.

pub use ::bitflags;

pub use crate::guard::check;
use crate::{Denied, Refusal};
pub use crate::{HasPermissions, PermissionSet, Requirement, Row, RowKind};

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

/// A derived set's rows as the fields of one value, so that `#[requires]` can read a bare
/// name as `<Set as Names>::NAMES.NAME`. A field access, unlike a path, is left alone by
/// rustc when the holder's set cannot be known (its type lacks `HasPermissions`, which is then
/// the one error), and a misspelt name still gets "a field with a similar name exists". The
/// price: a bare name is a row of the table; a constant of the user's own is written as a
/// path.
#[diagnostic::on_unimplemented(
    message = "`#[requires]` cannot resolve bare names in `{Self}`",
    label = "bare names need this parameter's set to be known, and made by `#[derive(PermissionSet)]`",
    note = "bind the set, as in `H: HasPermissions<Set = ToxPermissions>`, or write each flag as a path, such as `ToxPermissions::MANAGE_SETTINGS`"
)]
pub trait Names {
    /// A struct with one field per row of the set, aliases included.
    type Names: 'static;
    /// Every constant, each in its field.
    const NAMES: Self::Names;
}

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

/// `impl_column!(Set, bits)`: the set as a database column value, through `crate::storage`:
/// sqlx's `Type`, `Encode` and `Decode` when this crate's `sqlx` feature is on, rusqlite's
/// `ToSql` and `FromSql` when `rusqlite` is; nothing otherwise. The derive emits one call, so
/// that the user crate's own features play no part.
pub use crate::__impl_column as impl_column;

#[doc(hidden)]
#[macro_export]
macro_rules! __impl_column {
    ($set:ident, $bits:ty) => {
        $crate::__impl_sqlx!($set, $bits);
        $crate::__impl_rusqlite!($set, $bits);
    };
}

#[cfg(feature = "sqlx")]
pub use ::sqlx;

#[cfg(feature = "sqlx")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_sqlx {
    ($set:ident, $bits:ty) => {
        const _: () = {
            // Named like `__DB`: a plain `sqlx` here would shadow a set named so.
            use $crate::__private::sqlx as __sqlx;
            type __Column = <$bits as $crate::storage::Column>::Value;

            #[automatically_derived]
            impl<__DB: __sqlx::Database> __sqlx::Type<__DB> for $set
            where
                __Column: __sqlx::Type<__DB>,
            {
                fn type_info() -> <__DB as __sqlx::Database>::TypeInfo {
                    <__Column as __sqlx::Type<__DB>>::type_info()
                }

                fn compatible(ty: &<__DB as __sqlx::Database>::TypeInfo) -> bool {
                    <__Column as __sqlx::Type<__DB>>::compatible(ty)
                }
            }

            #[automatically_derived]
            impl<'q, __DB: __sqlx::Database> __sqlx::Encode<'q, __DB> for $set
            where
                __Column: __sqlx::Encode<'q, __DB>,
            {
                fn encode_by_ref(
                    &self,
                    buf: &mut <__DB as __sqlx::Database>::ArgumentBuffer<'q>,
                ) -> ::core::result::Result<__sqlx::encode::IsNull, __sqlx::error::BoxDynError>
                {
                    $crate::__private::sqlx_encode::<Self, __DB>(self, buf)
                }
            }

            #[automatically_derived]
            impl<'r, __DB: __sqlx::Database> __sqlx::Decode<'r, __DB> for $set
            where
                __Column: __sqlx::Decode<'r, __DB>,
            {
                fn decode(
                    value: <__DB as __sqlx::Database>::ValueRef<'r>,
                ) -> ::core::result::Result<Self, __sqlx::error::BoxDynError> {
                    $crate::__private::sqlx_decode::<Self, __DB>(value)
                }
            }
        };
    };
}

#[cfg(not(feature = "sqlx"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_sqlx {
    ($set:ident, $bits:ty) => {};
}

#[cfg(feature = "sqlx")]
type ColumnOf<S> = <<S as Flags>::Bits as crate::storage::Column>::Value;

/// sqlx's `Encode` of a set: its column value's.
#[cfg(feature = "sqlx")]
pub fn sqlx_encode<'q, S, DB>(
    set: &S,
    buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError>
where
    S: Flags<Bits: crate::storage::Column>,
    DB: sqlx::Database,
    ColumnOf<S>: sqlx::Encode<'q, DB>,
{
    sqlx::Encode::<'q, DB>::encode(crate::storage::encode(set), buf)
}

/// sqlx's `Decode` of a set: its column value's, then the set's own check of it. Both errors
/// name the set.
#[cfg(feature = "sqlx")]
pub fn sqlx_decode<'r, S, DB>(
    value: <DB as sqlx::Database>::ValueRef<'r>,
) -> Result<S, sqlx::error::BoxDynError>
where
    S: Flags<Bits: crate::storage::Column>,
    DB: sqlx::Database,
    ColumnOf<S>: sqlx::Decode<'r, DB>,
{
    use crate::storage::{ColumnError, Problem};
    let column = <ColumnOf<S> as sqlx::Decode<'r, DB>>::decode(value)
        .map_err(|error| ColumnError::new::<S>(Problem::Driver(error)))?;
    Ok(crate::storage::decode::<S>(column)?)
}

#[cfg(feature = "rusqlite")]
pub use ::rusqlite;

#[cfg(feature = "rusqlite")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_rusqlite {
    ($set:ident, $bits:ty) => {
        const _: () = {
            // Named like `__DB`: a plain `types` here would shadow a set named so (`enum r#type`
            // gives `types`).
            use $crate::__private::rusqlite::types as __types;

            #[automatically_derived]
            impl __types::ToSql for $set {
                fn to_sql(&self) -> $crate::__private::rusqlite::Result<__types::ToSqlOutput<'_>> {
                    ::core::result::Result::Ok($crate::__private::rusqlite_to_sql(self))
                }
            }

            #[automatically_derived]
            impl __types::FromSql for $set {
                fn column_result(value: __types::ValueRef<'_>) -> __types::FromSqlResult<Self> {
                    $crate::__private::rusqlite_from_sql(value)
                }
            }
        };
    };
}

#[cfg(not(feature = "rusqlite"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_rusqlite {
    ($set:ident, $bits:ty) => {};
}

/// rusqlite's `ToSql` of a set: an `INTEGER`, or `TEXT` for `u128`.
#[cfg(feature = "rusqlite")]
pub fn rusqlite_to_sql<S>(set: &S) -> rusqlite::types::ToSqlOutput<'static>
where
    S: Flags<Bits: crate::storage::Column<Value: Into<rusqlite::types::Value>>>,
{
    rusqlite::types::ToSqlOutput::Owned(crate::storage::encode(set).into())
}

/// rusqlite's `FromSql` of a set. Every refusal is a `ColumnError` naming the set.
#[cfg(feature = "rusqlite")]
pub fn rusqlite_from_sql<S>(
    value: rusqlite::types::ValueRef<'_>,
) -> rusqlite::types::FromSqlResult<S>
where
    S: Flags<Bits: crate::storage::Column<Value: rusqlite::types::FromSql>>,
{
    use crate::storage::{ColumnError, Problem};
    use rusqlite::types::{FromSql, FromSqlError, ValueRef};
    let refuse = |problem| FromSqlError::Other(Box::new(ColumnError::new::<S>(problem)));
    let column = FromSql::column_result(value).map_err(|error| {
        refuse(match error {
            FromSqlError::InvalidType => Problem::WrongType(match value {
                ValueRef::Null => "NULL",
                ValueRef::Integer(_) => "an integer",
                ValueRef::Real(_) => "a real number",
                ValueRef::Text(_) => "text",
                ValueRef::Blob(_) => "a blob",
            }),
            FromSqlError::OutOfRange(value) => Problem::out_of_range::<S::Bits>(value),
            other => Problem::Driver(Box::new(other)),
        })
    })?;
    crate::storage::decode::<S>(column).map_err(|error| FromSqlError::Other(Box::new(error)))
}
