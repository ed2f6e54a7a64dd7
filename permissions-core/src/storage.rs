//! Sets as database column values: features `sqlx` and `rusqlite`.
//!
//! With either feature on, every generated set is a column value: bind it as a query
//! parameter and read it from a row, with no conversion code of your own. With `sqlx` the set
//! implements `Type`, `Encode` and `Decode` for every sqlx database whose driver knows the
//! column's Rust type (PostgreSQL, SQLite, MySQL); with `rusqlite`, `ToSql` and `FromSql`.
//!
//! # The column of each width
//!
//! | Bits   | Column                                  | Column values                     |
//! |--------|-----------------------------------------|-----------------------------------|
//! | `u8`   | `SMALLINT` (Rust `i16`)                  | `0..=255`, the bits unchanged      |
//! | `u16`  | `SMALLINT` (Rust `i16`)                  | the bits as `i16`: bit 15 is negative |
//! | `u32`  | `INTEGER` (Rust `i32`)                   | the bits as `i32`: bit 31 is negative |
//! | `u64`  | `BIGINT` (Rust `i64`)                    | the bits as `i64`: bit 63 is negative |
//! | `u128` | `TEXT`                                   | the bits in decimal: `"0"`..=`"340282366920938463463374607431768211455"` |
//!
//! PostgreSQL has no unsigned integers, so a set is stored in the signed integer of its
//! width, with the top bit reinterpreted as the sign: seed 002's Administrator, bit 31 of a
//! `u32` set, is the `INTEGER` `-2147483648`, and a `u64` set with bit 63 fits a `BIGINT`.
//! The value reads back exactly. There is no one-byte integer column, so a `u8` set is a
//! `SMALLINT` holding its bits as they are. SQLite's `INTEGER` holds the same numbers as
//! PostgreSQL, so rows move between the two unchanged. A `u128` set has no integer column
//! wide enough: it is `TEXT` with its decimal digits, exact, and `CAST(col AS NUMERIC)` reads
//! it as a number in SQL.
//!
//! Unknown bits (bits no row names) are stored and read back as they are, and grant nothing,
//! as everywhere in this crate. A column value that the set cannot hold (a negative or too
//! large number for a `u8` set, a number beyond the width's signed integer, text that is not
//! decimal digits for a `u128` set) is a decode error, a [`ColumnError`] that names the set;
//! never a panic or a truncation. Text where a number belongs is a `ColumnError` with
//! rusqlite; sqlx refuses it before decoding, with its own type-mismatch error, which names
//! the set's type.
//!
//! # sqlx
//!
//! ```no_run
//! # use permissions::PermissionSet;
//! # #[derive(PermissionSet)]
//! # #[permissions(bits = u32)]
//! # enum GuildPermission {
//! #     #[permission(bit = 31, bypass)] Administrator,
//! #     #[permission(bit = 3)] SendInvites,
//! # }
//! # async fn run(pool: sqlx::PgPool) -> Result<(), sqlx::Error> {
//! // CREATE TABLE roles (id BIGINT PRIMARY KEY, permissions INTEGER NOT NULL)
//! let admin = GuildPermissions::ADMINISTRATOR | GuildPermissions::SEND_INVITES;
//! sqlx::query("INSERT INTO roles (id, permissions) VALUES ($1, $2)")
//!     .bind(1_i64)
//!     .bind(admin)
//!     .execute(&pool)
//!     .await?;
//! let (stored,): (GuildPermissions,) =
//!     sqlx::query_as("SELECT permissions FROM roles WHERE id = 1").fetch_one(&pool).await?;
//! assert_eq!(stored, admin);
//! # Ok(()) }
//! ```
//!
//! # rusqlite
//!
//! ```
//! # use permissions::PermissionSet;
//! # #[derive(PermissionSet)]
//! # #[permissions(bits = u32)]
//! # enum GuildPermission {
//! #     #[permission(bit = 31, bypass)] Administrator,
//! #     #[permission(bit = 3)] SendInvites,
//! # }
//! # fn main() -> rusqlite::Result<()> {
//! let db = rusqlite::Connection::open_in_memory()?;
//! db.execute("CREATE TABLE roles (id INTEGER PRIMARY KEY, permissions INTEGER NOT NULL)", ())?;
//! let admin = GuildPermissions::ADMINISTRATOR | GuildPermissions::SEND_INVITES;
//! db.execute("INSERT INTO roles (id, permissions) VALUES (1, ?1)", (admin,))?;
//! let stored: GuildPermissions =
//!     db.query_row("SELECT permissions FROM roles WHERE id = 1", (), |row| row.get(0))?;
//! assert_eq!(stored, admin);
//! // Bit 31 is the sign of SQLite's integer, as of PostgreSQL's INTEGER.
//! let raw: i64 = db.query_row("SELECT permissions FROM roles", (), |row| row.get(0))?;
//! assert_eq!(raw, -2147483640);
//! # Ok(()) }
//! ```

use alloc::string::{String, ToString};
use core::fmt;

use crate::decimal::{self, Shown};

mod sealed {
    pub trait Sealed {}
}

/// A bits type's column form: the Rust value that the database driver stores. Implemented
/// for `u8`, `u16`, `u32`, `u64` and `u128`; see the [module docs](self) for the table.
pub trait Column: Sized + sealed::Sealed {
    /// The driver's Rust type of the column: `i16`, `i32`, `i64`, or `String` for `u128`.
    type Value;

    /// The bits type's name, for errors: `"u32"`.
    const NAME: &'static str;

    /// The column values of this width, for errors: `"-2147483648..=2147483647"`.
    const RANGE: &'static str;

    /// The column value of these bits. Never fails: every bit pattern has one.
    fn to_column(self) -> Self::Value;

    /// The bits of a column value.
    ///
    /// # Errors
    /// When the value is not one that [`to_column`](Column::to_column) produces.
    fn from_column(value: Self::Value) -> Result<Self, Problem>;
}

macro_rules! reinterpreted {
    ($($bits:ty => $signed:ty, $range:literal);*) => {$(
        impl sealed::Sealed for $bits {}

        impl Column for $bits {
            type Value = $signed;
            const NAME: &'static str = stringify!($bits);
            const RANGE: &'static str = $range;

            #[inline]
            fn to_column(self) -> $signed {
                <$signed>::from_ne_bytes(self.to_ne_bytes())
            }

            #[inline]
            fn from_column(value: $signed) -> Result<Self, Problem> {
                Ok(<$bits>::from_ne_bytes(value.to_ne_bytes()))
            }
        }
    )*};
}

reinterpreted!(
    u16 => i16, "-32768..=32767";
    u32 => i32, "-2147483648..=2147483647";
    u64 => i64, "-9223372036854775808..=9223372036854775807"
);

impl sealed::Sealed for u8 {}

impl Column for u8 {
    type Value = i16;
    const NAME: &'static str = "u8";
    const RANGE: &'static str = "0..=255";

    #[inline]
    fn to_column(self) -> i16 {
        i16::from(self)
    }

    #[inline]
    fn from_column(value: i16) -> Result<Self, Problem> {
        u8::try_from(value).map_err(|_| Problem::out_of_range::<u8>(i64::from(value)))
    }
}

impl sealed::Sealed for u128 {}

impl Column for u128 {
    type Value = String;
    const NAME: &'static str = "u128";
    const RANGE: &'static str = "decimal text, 0 to 2^128 - 1";

    fn to_column(self) -> String {
        self.to_string()
    }

    fn from_column(value: String) -> Result<Self, Problem> {
        decimal::parse(&value, "u128").map_err(|problem| Problem::Decimal {
            text: Shown(&value).to_string(),
            reason: problem.to_string(),
        })
    }
}

/// A column value that a set cannot hold: the decode error of the `sqlx` and `rusqlite`
/// features. Its message names the set and says what was wrong.
///
/// ```
/// # use permissions::PermissionSet;
/// #[derive(PermissionSet)]
/// #[permissions(bits = u8)]
/// enum FilePermission {
///     #[permission(bit = 0)] Read,
/// }
///
/// let error = permissions::storage::decode::<FilePermissions>(-1).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "cannot read a `FilePermissions` from the column: -1 is out of range for a u8 set's \
///      column, 0..=255",
/// );
/// ```
#[derive(Debug)]
pub struct ColumnError {
    set: &'static str,
    problem: Problem,
}

impl ColumnError {
    /// The error for set `S`.
    pub fn new<S>(problem: Problem) -> Self {
        let path = core::any::type_name::<S>();
        ColumnError {
            set: path.rsplit("::").next().unwrap_or(path),
            problem,
        }
    }

    /// The set's type name, without its module path.
    pub fn set(&self) -> &'static str {
        self.set
    }

    /// What was wrong with the value.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }
}

impl fmt::Display for ColumnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read a `{}` from the column: {}",
            self.set, self.problem
        )
    }
}

impl std::error::Error for ColumnError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            Problem::Driver(source) => Some(&**source),
            _ => None,
        }
    }
}

/// Why a column value was refused.
#[derive(Debug)]
#[non_exhaustive]
pub enum Problem {
    /// An integer outside the column values of the set's width.
    OutOfRange {
        /// The value read.
        value: i64,
        /// The set's bits type.
        bits: &'static str,
        /// The column values that the width allows.
        range: &'static str,
    },
    /// Text for a `u128` set that is not its decimal digits.
    Decimal {
        /// The start of the text, quoted.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A value of the wrong SQL type, such as text in an integer set's column.
    WrongType(&'static str),
    /// The driver could not read the column as the width's Rust type (for example an
    /// `INTEGER` beyond `i16` for a `SMALLINT` set): its error.
    Driver(Box<dyn std::error::Error + Send + Sync>),
}

impl Problem {
    /// `value` is not a column value of `B`'s width.
    pub fn out_of_range<B: Column>(value: i64) -> Problem {
        Problem::OutOfRange {
            value,
            bits: B::NAME,
            range: B::RANGE,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::OutOfRange { value, bits, range } => {
                write!(
                    f,
                    "{value} is out of range for a {bits} set's column, {range}"
                )
            }
            Problem::Decimal { text, reason } => {
                write!(
                    f,
                    "{text} is not a u128 set's decimal column value: {reason}"
                )
            }
            Problem::WrongType(found) => write!(f, "expected the set's column type, found {found}"),
            Problem::Driver(error) => fmt::Display::fmt(error, f),
        }
    }
}

/// The set of a column value, as the `sqlx` and `rusqlite` features decode it.
///
/// # Errors
/// A [`ColumnError`] naming `S` when the value is not one that the set's width stores.
pub fn decode<S>(value: <S::Bits as Column>::Value) -> Result<S, ColumnError>
where
    S: bitflags::Flags<Bits: Column>,
{
    S::Bits::from_column(value)
        .map(S::from_bits_retain)
        .map_err(ColumnError::new::<S>)
}

/// The column value of a set, as the `sqlx` and `rusqlite` features encode it. Unknown bits
/// are kept.
pub fn encode<S>(set: &S) -> <S::Bits as Column>::Value
where
    S: bitflags::Flags<Bits: Column>,
{
    set.bits().to_column()
}
