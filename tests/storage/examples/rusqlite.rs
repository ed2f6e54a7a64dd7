//! A set in a rusqlite column, with the facade's `rusqlite` feature: no conversion code.
//!
//! `cargo run -p permissions-test-storage --example rusqlite`
use permissions::PermissionSet;

/// Seed 002's guild permissions, two of its rows: Administrator is bit 31.
#[derive(PermissionSet)]
#[permissions(bits = u32, set = GuildPermissions)]
enum GuildPermission {
    #[permission(bit = 31, bypass)]
    Administrator,
    #[permission(bit = 3)]
    SendInvites,
}

fn main() -> rusqlite::Result<()> {
    let db = rusqlite::Connection::open_in_memory()?;
    db.execute_batch("CREATE TABLE roles (name TEXT PRIMARY KEY, permissions INTEGER NOT NULL)")?;

    let admins = GuildPermissions::ADMINISTRATOR | GuildPermissions::SEND_INVITES;
    db.execute("INSERT INTO roles VALUES ('Admins', ?1)", (admins,))?;

    let (stored, raw): (GuildPermissions, i64) = db.query_row(
        "SELECT permissions, permissions FROM roles WHERE name = 'Admins'",
        (),
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    assert_eq!(stored, admins);
    // Bit 31 is the sign of the stored integer, as in PostgreSQL's INTEGER.
    assert_eq!(raw, -2_147_483_640);
    println!("stored {stored} as {raw}");

    // A value the set cannot hold is an error that names it.
    let error = db
        .query_row("SELECT 'twelve'", (), |row| {
            row.get::<_, GuildPermissions>(0)
        })
        .unwrap_err();
    println!("{error}");
    Ok(())
}
