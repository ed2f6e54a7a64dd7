//! A set in a sqlx column, with the facade's `sqlx` feature: the same code on SQLite and on
//! PostgreSQL, no conversion code.
//!
//! `cargo run -p permissions-test-storage --example sqlx` (SQLite in memory), and
//! `scripts/postgres.sh cargo run -p permissions-test-storage --example sqlx` (PostgreSQL too).
use permissions::PermissionSet;
use sqlx::{Database, Decode, Encode, Executor, IntoArguments, Pool, Type};

/// Seed 002's guild permissions, two of its rows: Administrator is bit 31.
#[derive(PermissionSet)]
#[permissions(bits = u32, set = GuildPermissions)]
enum GuildPermission {
    #[permission(bit = 31, bypass)]
    Administrator,
    #[permission(bit = 3)]
    SendInvites,
}

/// Stores a role and reads it back, on any sqlx database.
async fn round_trip<DB>(pool: &Pool<DB>) -> Result<(), sqlx::Error>
where
    DB: Database,
    for<'c> &'c Pool<DB>: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> GuildPermissions: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> i64: Decode<'q, DB> + Type<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    sqlx::raw_sql("CREATE TABLE roles (name TEXT PRIMARY KEY, permissions INTEGER NOT NULL)")
        .execute(pool)
        .await?;
    let admins = GuildPermissions::ADMINISTRATOR | GuildPermissions::SEND_INVITES;
    sqlx::query("INSERT INTO roles (name, permissions) VALUES ('Admins', $1)")
        .bind(admins)
        .execute(pool)
        .await?;
    let (stored, raw): (GuildPermissions, i64) = sqlx::query_as(
        "SELECT permissions, CAST(permissions AS BIGINT) FROM roles WHERE name = 'Admins'",
    )
    .fetch_one(pool)
    .await?;
    assert_eq!(stored, admins);
    // Bit 31 is the sign of the INTEGER.
    assert_eq!(raw, -2_147_483_640);
    println!("{}: stored {stored} as {raw}", DB::NAME);
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sqlx::Error> {
    let sqlite = sqlx::pool::PoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await?;
    round_trip::<sqlx::Sqlite>(&sqlite).await?;
    // On a fresh database of the throwaway server, when scripts/postgres.sh runs this.
    if let Some(url) = permissions_test_storage::postgres_database_if_set("example").await {
        round_trip::<sqlx::Postgres>(&sqlx::PgPool::connect(&url).await?).await?;
    }
    Ok(())
}
