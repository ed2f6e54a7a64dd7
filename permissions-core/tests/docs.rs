//! Our own documentation of the three seed systems (`docs/*.md` at the workspace root)
//! parses, and states the seeds' values.

use permissions_core::table::{self, ErrorKind, Options, Table};

mod common;
use common::{TOX_MOD_VALUES, names_and_values, network_session_bits};

const TOX_MOD: &str = include_str!("../../docs/tox_mod.md");
const GUILD: &str = include_str!("../../docs/guild.md");
const NETWORK_SESSION: &str = include_str!("../../docs/network_session.md");

fn parse(doc: &str, options: &Options<'_>) -> Table {
    table::parse(doc, options).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn tox_mod() {
    let table = parse(TOX_MOD, &Options::new().with_width(16));
    assert_eq!(table.heading.as_deref(), Some("Permission Flags"));
    assert_eq!(table.columns, ["Permission", "Value", "Description"]);
    assert_eq!(names_and_values(&table), TOX_MOD_VALUES);
    // The default of a new guild, 0x0112, holds SEND_MESSAGES and the two rows it covers.
    assert_eq!(
        table.explain(0x0112).to_string(),
        "VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES"
    );
    assert!(TOX_MOD.contains("`0x0112` is also what a new guild starts with"));
}

#[test]
fn guild_permissions() {
    let options = Options::new()
        .with_section("Guild Permissions")
        .with_width(32);
    let table = parse(GUILD, &options);
    assert_eq!(table.rows.len(), 32);
    assert_eq!(table.permissions().count(), 29);
    assert_eq!(table.reserved_bits(), 0b111);
    let bits: Vec<(&str, Option<u32>)> = table
        .permissions()
        .map(|r| (r.name.as_str(), r.bit()))
        .collect();
    assert_eq!(bits.first(), Some(&("ADMINISTRATOR", Some(31))));
    assert_eq!(bits.last(), Some(&("SEND_INVITES", Some(3))));
    // Bits 31 down to 3, one row each, in that order.
    let expected: Vec<Option<u32>> = (3..=31).rev().map(Some).collect();
    assert_eq!(bits.iter().map(|&(_, b)| b).collect::<Vec<_>>(), expected);
    for (name, bit) in [
        ("VIEW_AUDIT_LOGS", 30),
        ("MANAGE_GUILD", 28),
        ("ASSIGN_ROLES", 23),
        ("BAN_MEMBERS", 19),
        ("KICK_MEMBERS", 18),
        ("MANAGE_MEMBERS", 17),
        ("MANAGE_WEBHOOKS", 7),
    ] {
        assert_eq!(table.row(name).and_then(|r| r.bit()), Some(bit), "{name}");
    }
    assert_eq!(
        table.explain(2_147_483_656).to_string(),
        "ADMINISTRATOR | SEND_INVITES"
    );
}

#[test]
fn text_channel_permissions() {
    let options = Options::new()
        .with_section("Text Channel Permissions")
        .with_width(16);
    let table = parse(GUILD, &options);
    assert_eq!(
        names_and_values(&table),
        [
            ("VIEW_CHANNEL", 1 << 0),
            ("SEND_MESSAGES", 1 << 1),
            ("READ_HISTORY", 1 << 2),
            ("MANAGE_MESSAGES", 1 << 3),
            ("ATTACH_FILES", 1 << 4),
            ("EMBED_LINKS", 1 << 5),
            ("ADD_REACTIONS", 1 << 6),
            ("MENTION_EVERYONE", 1 << 7),
            ("CREATE_INVITE", 1 << 8),
            ("CREATE_THREADS", 1 << 9),
            ("MANAGE_OVERWRITES", 1 << 10),
        ]
    );
    assert_eq!(
        table
            .row("MENTION_EVERYONE")
            .map(|r| r.description.as_str()),
        Some("Mention @everyone and @here")
    );
}

#[test]
fn guild_sections() {
    let err = table::parse(GUILD, &Options::new()).expect_err("two tables");
    assert!(matches!(&err.kind, ErrorKind::SeveralTables { lines } if lines.len() == 2));
    let err = table::parse(
        GUILD,
        &Options::new().with_section("Voice Channel Permissions"),
    )
    .expect_err("no table yet");
    assert!(matches!(err.kind, ErrorKind::EmptySection { .. }));
    let with_tables: Vec<String> = table::sections(GUILD)
        .into_iter()
        .filter(|s| s.level == 3 && s.table.is_some())
        .map(|s| s.heading)
        .collect();
    assert_eq!(
        with_tables,
        ["Guild Permissions", "Text Channel Permissions"]
    );
}

#[test]
fn network_session() {
    let options = Options::new().with_width(16).with_auto_bits(true);
    let table = parse(NETWORK_SESSION, &options);
    assert_eq!(names_and_values(&table), network_session_bits());
    assert_eq!(table.columns, ["Flag", "Description"]);
    assert!(
        table
            .row("ADMINISTRATOR")
            .is_some_and(|r| r.description.ends_with("(dangerous)"))
    );
    let err = table::parse(NETWORK_SESSION, &Options::new()).expect_err("no values");
    assert_eq!(err.kind, ErrorKind::NoValueColumn);
}
