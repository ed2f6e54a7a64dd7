//! Every width of set, u8 to u128, stored in a real database and read back: SQLite in memory
//! through rusqlite and through sqlx, and PostgreSQL through sqlx (see `scripts/postgres.sh`).
//! Column values that a set cannot hold are errors that name the set.

use std::fmt::{Debug, Display};

use permissions::storage::{Column, ColumnError, Problem};
use permissions::{PermissionSet, bitflags::Flags};
use permissions_test_storage::fresh_postgres_database;
use sqlx::{Database, Decode, Encode, Executor, IntoArguments, Pool, Type};

#[derive(PermissionSet)]
#[permissions(bits = u8, set = Set8)]
enum Flag8 {
    #[permission(bit = 0)]
    Low,
    #[permission(bit = 7)]
    Top,
}

#[derive(PermissionSet)]
#[permissions(bits = u16, set = Set16)]
enum Flag16 {
    #[permission(bit = 0)]
    Low,
    #[permission(bit = 15)]
    Top,
}

/// Seed 002's guild permissions, three of its rows: Administrator is bit 31, the top bit, and
/// bits 0-2 are "Not Used".
#[derive(PermissionSet)]
#[permissions(bits = u32, set = GuildPermissions)]
enum GuildPermission {
    #[permission(bit = 31, bypass)]
    Administrator,
    #[permission(bit = 30)]
    ViewAuditLogs,
    #[permission(bit = 3)]
    SendInvites,
}

#[derive(PermissionSet)]
#[permissions(bits = u64, set = Set64)]
enum Flag64 {
    #[permission(bit = 0)]
    Low,
    #[permission(bit = 63)]
    Top,
}

#[derive(PermissionSet)]
#[permissions(bits = u128, set = Set128)]
enum Flag128 {
    #[permission(bit = 0)]
    Low,
    #[permission(bit = 127)]
    Top,
}

/// The values every width is tried with: empty, each named bit, the top bit with and without
/// an unknown bit, every bit, and unknown bits alone.
fn cases<S>(top: S, unknown: S::Bits) -> Vec<S>
where
    S: Flags + Copy,
{
    let unknown = S::from_bits_retain(unknown);
    let mut cases = vec![S::empty(), top, top.union(unknown), unknown, S::all()];
    cases.extend(S::FLAGS.iter().map(|flag| *flag.value()));
    cases.push(S::from_bits_retain(
        <S::Bits as permissions::bitflags::Bits>::ALL,
    ));
    cases
}

fn cases8() -> Vec<Set8> {
    cases(Set8::TOP, 0b0110)
}
fn cases16() -> Vec<Set16> {
    cases(Set16::TOP, 0x0112)
}
fn cases32() -> Vec<GuildPermissions> {
    cases(GuildPermissions::ADMINISTRATOR, 0b0110)
}
fn cases64() -> Vec<Set64> {
    cases(Set64::TOP, 1 << 40)
}
fn cases128() -> Vec<Set128> {
    cases(Set128::TOP, 1 << 100)
}

/// The documented column values, spelled out: the top bit is the sign where the column is a
/// signed integer, a u8 set is its bits, a u128 set is decimal text.
#[test]
fn the_column_values_are_the_documented_ones() {
    assert_eq!(Set8::TOP.bits().to_column(), 128_i16);
    assert_eq!(Set16::TOP.bits().to_column(), i16::MIN);
    assert_eq!(GuildPermissions::ADMINISTRATOR.bits().to_column(), i32::MIN);
    assert_eq!(
        (GuildPermissions::ADMINISTRATOR | GuildPermissions::SEND_INVITES)
            .bits()
            .to_column(),
        -2_147_483_640
    );
    assert_eq!(Set64::TOP.bits().to_column(), i64::MIN);
    assert_eq!(Set64::all().bits().to_column(), i64::MIN + 1);
    assert_eq!(
        Set128::TOP.bits().to_column(),
        "170141183460469231731687303715884105728"
    );
}

/// A `u8` set's refusal of `value`: out of range, with the set named.
fn assert_out_of_u8_range(error: Option<ColumnError>, value: i64) {
    let error = error.expect("a ColumnError");
    assert_eq!(error.set(), "Set8");
    assert!(
        matches!(error.problem(), Problem::OutOfRange { value: v, bits: "u8", range: "0..=255" } if *v == value),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "cannot read a `Set8` from the column: {value} is out of range for a u8 set's column, 0..=255"
        )
    );
}

// --- rusqlite -----------------------------------------------------------------------------

fn rusqlite_round_trip<S>(db: &rusqlite::Connection, column_type: &str, cases: &[S])
where
    S: Flags<Bits: Column<Value: Display>>
        + rusqlite::ToSql
        + rusqlite::types::FromSql
        + Debug
        + PartialEq,
{
    db.execute_batch(&format!(
        "DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER PRIMARY KEY, v {column_type} NOT NULL)"
    ))
    .unwrap();
    for (id, set) in cases.iter().enumerate() {
        db.execute("INSERT INTO t (id, v) VALUES (?1, ?2)", (id, set))
            .unwrap();
    }
    for (id, set) in cases.iter().enumerate() {
        let (back, raw): (S, String) = db
            .query_row(
                "SELECT v, CAST(v AS TEXT) FROM t WHERE id = ?1",
                (id,),
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(&back, set, "{column_type} round trip of {set:?}");
        assert_eq!(raw, set.bits().to_column().to_string(), "{set:?} as stored");
    }
}

#[test]
fn rusqlite_round_trips_every_width_and_top_bit() {
    let db = rusqlite::Connection::open_in_memory().unwrap();
    rusqlite_round_trip(&db, "INTEGER", &cases8());
    rusqlite_round_trip(&db, "INTEGER", &cases16());
    rusqlite_round_trip(&db, "INTEGER", &cases32());
    rusqlite_round_trip(&db, "INTEGER", &cases64());
    rusqlite_round_trip(&db, "TEXT", &cases128());
}

/// The `ColumnError` inside a rusqlite error, which must name the set.
fn rusqlite_refusal<S: rusqlite::types::FromSql + Debug>(
    db: &rusqlite::Connection,
    literal: &str,
) -> ColumnError {
    let error = db
        .query_row(&format!("SELECT {literal}"), (), |row| row.get::<_, S>(0))
        .expect_err(literal);
    let rusqlite::Error::FromSqlConversionFailure(_, _, source) = error else {
        panic!("{literal}: not a conversion failure: {error:?}");
    };
    *source.downcast::<ColumnError>().unwrap()
}

#[test]
fn rusqlite_refuses_values_a_set_cannot_hold() {
    let db = rusqlite::Connection::open_in_memory().unwrap();

    assert_out_of_u8_range(Some(rusqlite_refusal::<Set8>(&db, "-1")), -1);
    assert_out_of_u8_range(Some(rusqlite_refusal::<Set8>(&db, "256")), 256);

    // Beyond the width's signed integer.
    let error = rusqlite_refusal::<Set16>(&db, "40000");
    assert_eq!(
        error.to_string(),
        "cannot read a `Set16` from the column: 40000 is out of range for a u16 set's column, \
         -32768..=32767"
    );
    // 2^31 is what a u32 set with bit 31 would be if stored unsigned: not the INTEGER form.
    let error = rusqlite_refusal::<GuildPermissions>(&db, "2147483648");
    assert_eq!(
        error.to_string(),
        "cannot read a `GuildPermissions` from the column: 2147483648 is out of range for a u32 \
         set's column, -2147483648..=2147483647"
    );

    let error = rusqlite_refusal::<Set64>(&db, "'12'");
    assert_eq!(
        error.to_string(),
        "cannot read a `Set64` from the column: expected the set's column type, found text"
    );
    let error = rusqlite_refusal::<GuildPermissions>(&db, "1.5");
    assert!(matches!(
        error.problem(),
        Problem::WrongType("a real number")
    ));

    let error = rusqlite_refusal::<Set128>(&db, "'twelve'");
    assert_eq!(
        error.to_string(),
        "cannot read a `Set128` from the column: \"twelve\" is not a u128 set's decimal column \
         value: 't' is not a decimal digit"
    );
    let error = rusqlite_refusal::<Set128>(&db, "'-1'");
    assert!(
        error
            .to_string()
            .ends_with("permissions cannot be negative"),
        "{error}"
    );
    let error = rusqlite_refusal::<Set128>(&db, "'340282366920938463463374607431768211456'");
    assert!(error.to_string().ends_with("too large for u128"), "{error}");
    let error = rusqlite_refusal::<Set128>(&db, "''");
    assert!(
        error.to_string().ends_with("found an empty string"),
        "{error}"
    );
    let error = rusqlite_refusal::<Set128>(&db, "12");
    assert!(matches!(error.problem(), Problem::WrongType("an integer")));
    let error = rusqlite_refusal::<Set128>(&db, "NULL");
    assert!(matches!(error.problem(), Problem::WrongType("NULL")));

    // NULL is a missing set, not an empty one; `Option` reads it.
    let none: Option<Set8> = db.query_row("SELECT NULL", (), |row| row.get(0)).unwrap();
    assert_eq!(none, None);
}

#[test]
fn unknown_bits_round_trip_and_grant_nothing() {
    let db = rusqlite::Connection::open_in_memory().unwrap();
    // Bits 1 and 2 are "Not Used" in seed 002.
    let stored = GuildPermissions::from_bits_retain(0b0110);
    let back: GuildPermissions = db
        .query_row("SELECT ?1", (stored,), |row| row.get(0))
        .unwrap();
    assert_eq!(back.bits(), 0b0110);
    for flag in GuildPermissions::FLAGS {
        assert!(
            !back.grants(*flag.value()),
            "{} granted by unknown bits",
            flag.name()
        );
    }
}

// --- sqlx, on SQLite and PostgreSQL -------------------------------------------------------

async fn sqlx_round_trip<DB, S>(pool: &Pool<DB>, column_type: &str, cases: &[S])
where
    DB: Database,
    for<'c> &'c Pool<DB>: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> S: Encode<'q, DB> + Decode<'q, DB>,
    S: Type<DB> + Flags<Bits: Column<Value: Display>> + Copy + Debug + PartialEq + Send + Unpin,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Decode<'q, DB> + Type<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    // A table per set: sqlx caches each statement's parameter types by its text.
    let table = std::any::type_name::<S>().rsplit("::").next().unwrap();
    sqlx::raw_sql(&format!(
        "CREATE TABLE {table} (id BIGINT PRIMARY KEY, v {column_type} NOT NULL)"
    ))
    .execute(pool)
    .await
    .unwrap();
    for (id, set) in (0_i64..).zip(cases) {
        sqlx::query(&format!("INSERT INTO {table} (id, v) VALUES ($1, $2)"))
            .bind(id)
            .bind(*set)
            .execute(pool)
            .await
            .unwrap();
    }
    for (id, set) in (0_i64..).zip(cases) {
        let (back, raw): (S, String) = sqlx::query_as(&format!(
            "SELECT v, CAST(v AS TEXT) FROM {table} WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(&back, set, "{column_type} round trip of {set:?}");
        assert_eq!(raw, set.bits().to_column().to_string(), "{set:?} as stored");
    }
}

async fn sqlite() -> sqlx::SqlitePool {
    // One connection: every connection to `sqlite::memory:` is a database of its own.
    sqlx::pool::PoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap()
}

async fn postgres(test: &str) -> Option<sqlx::PgPool> {
    let url = fresh_postgres_database(test, "columns").await?;
    Some(sqlx::PgPool::connect(&url).await.unwrap())
}

#[tokio::test]
async fn sqlx_sqlite_round_trips_every_width_and_top_bit() {
    let pool = sqlite().await;
    sqlx_round_trip(&pool, "INTEGER", &cases8()).await;
    sqlx_round_trip(&pool, "INTEGER", &cases16()).await;
    sqlx_round_trip(&pool, "INTEGER", &cases32()).await;
    sqlx_round_trip(&pool, "INTEGER", &cases64()).await;
    sqlx_round_trip(&pool, "TEXT", &cases128()).await;
}

#[tokio::test]
async fn sqlx_postgres_round_trips_every_width_and_top_bit() {
    let Some(pool) = postgres("sqlx_postgres_round_trips_every_width_and_top_bit").await else {
        return;
    };
    sqlx_round_trip(&pool, "SMALLINT", &cases8()).await;
    sqlx_round_trip(&pool, "SMALLINT", &cases16()).await;
    sqlx_round_trip(&pool, "INTEGER", &cases32()).await;
    sqlx_round_trip(&pool, "BIGINT", &cases64()).await;
    sqlx_round_trip(&pool, "TEXT", &cases128()).await;
}

/// The error of reading `SELECT literal` as `S`, with the `ColumnError` inside it when there
/// is one (a type mismatch is sqlx's own error, which names the Rust type).
async fn sqlx_refusal<DB, S>(pool: &Pool<DB>, literal: &str) -> (String, Option<ColumnError>)
where
    DB: Database,
    for<'c> &'c Pool<DB>: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'r> S: Decode<'r, DB>,
    S: Type<DB> + Debug + Send + Unpin,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    let error = sqlx::query_scalar::<DB, S>(&format!("SELECT {literal}"))
        .fetch_one(pool)
        .await
        .expect_err(literal);
    let message = error.to_string();
    let sqlx::Error::ColumnDecode { source, .. } = error else {
        panic!("{literal}: not a decode error: {error:?}");
    };
    (message, source.downcast::<ColumnError>().ok().map(|e| *e))
}

#[tokio::test]
async fn sqlx_sqlite_refuses_values_a_set_cannot_hold() {
    let pool = sqlite().await;
    assert_out_of_u8_range(sqlx_refusal::<_, Set8>(&pool, "-1").await.1, -1);
    assert_out_of_u8_range(sqlx_refusal::<_, Set8>(&pool, "256").await.1, 256);
    // Beyond the width's integer: sqlx's range check, still named.
    let (_, error) = sqlx_refusal::<_, GuildPermissions>(&pool, "2147483648").await;
    let error = error.unwrap();
    assert_eq!(error.set(), "GuildPermissions");
    assert!(matches!(error.problem(), Problem::Driver(_)), "{error}");
    let (message, error) = sqlx_refusal::<_, Set128>(&pool, "'twelve'").await;
    assert!(matches!(error.unwrap().problem(), Problem::Decimal { .. }));
    assert!(
        message.contains("cannot read a `Set128` from the column"),
        "{message}"
    );
    // Text in an integer set: sqlx's type check, which names the set's Rust type.
    let (message, error) = sqlx_refusal::<_, Set64>(&pool, "'12'").await;
    assert!(error.is_none());
    assert!(message.contains("Set64"), "{message}");
}

#[tokio::test]
async fn sqlx_postgres_refuses_values_a_set_cannot_hold() {
    let Some(pool) = postgres("sqlx_postgres_refuses_values_a_set_cannot_hold").await else {
        return;
    };
    for value in [-1, 256] {
        let literal = format!("CAST({value} AS SMALLINT)");
        assert_out_of_u8_range(sqlx_refusal::<_, Set8>(&pool, &literal).await.1, value);
    }
    for bad in [
        "'twelve'",
        "'-1'",
        "'340282366920938463463374607431768211456'",
        "''",
    ] {
        let (_, error) = sqlx_refusal::<_, Set128>(&pool, &format!("CAST({bad} AS TEXT)")).await;
        let error = error.unwrap();
        assert_eq!(error.set(), "Set128");
        assert!(
            matches!(error.problem(), Problem::Decimal { .. }),
            "{bad}: {error}"
        );
    }
    // A u32 set in a BIGINT column, or text in an integer set: sqlx's type check.
    let (message, error) =
        sqlx_refusal::<_, GuildPermissions>(&pool, "CAST(2147483648 AS BIGINT)").await;
    assert!(error.is_none());
    assert!(message.contains("GuildPermissions"), "{message}");
    let (message, _) = sqlx_refusal::<_, Set64>(&pool, "CAST('12' AS TEXT)").await;
    assert!(message.contains("Set64"), "{message}");
}
