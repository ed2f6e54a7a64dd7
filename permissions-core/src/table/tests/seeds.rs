//! The three seed documents, read as they are.

use super::super::*;
use super::{SEED_000, SEED_001, SEED_002, error};
use alloc::string::ToString;

#[test]
fn seed_000_numbers_the_flags_in_order() {
    let table = parse(
        SEED_000,
        &Options::new().with_width(16).with_auto_bits(true),
    )
    .unwrap();
    assert_eq!(table.rows.len(), 9);
    assert_eq!(table.rows.first().map(|r| r.name.as_str()), Some("PUBLIC"));
    assert_eq!(
        table.rows.last().map(|r| r.name.as_str()),
        Some("SERVER_ADMINISTRATOR")
    );
    for (i, row) in table.rows.iter().enumerate() {
        assert_eq!(row.value, 1 << i, "{}", row.name);
        assert!(!row.reserved);
    }
    assert_eq!(table.line, 9);
    assert_eq!(table.heading.as_deref(), Some("Permission Sets"));
    assert_eq!(table.row("PUBLIC").map(|r| r.line), Some(11));
    assert!(
        table
            .row("ADMINISTRATOR")
            .is_some_and(|r| r.description.ends_with("(Dangerous)"))
    );
}

#[test]
fn seed_000_without_auto_bits_asks_for_a_value_column() {
    let err = error(SEED_000, &Options::new());
    assert_eq!(err.line, 9);
    assert_eq!(err.kind, ErrorKind::NoValueColumn);
    assert_eq!(
        err.to_string(),
        "line 9: table has no `Value`, `Bit Number` or `Bit Position` column; add one, \
         or set `auto_bits` to number the rows in order"
    );
}

#[test]
fn seed_001_reads_past_front_matter_and_admonitions() {
    let table = parse(SEED_001, &Options::new().with_width(16)).unwrap();
    assert_eq!(table.rows.len(), 8);
    let ends = (table.rows.first(), table.rows.last());
    assert!(matches!(ends, (Some(a), Some(z)) if a.value == 0x0001 && z.value == 0x0400));
    let send = table.row("SEND_MESSAGES").map(|r| (r.value, r.line));
    assert_eq!(send, Some((0x0112, 22)));
    assert_eq!(table.heading.as_deref(), Some("Discord Permission Flags"));
    assert_eq!(table.line, 15);
    assert_eq!(table.columns, ["Permission", "Value", "Description"]);
    let default = table.explain(0x0112);
    let held: Vec<&str> = default.held.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(held, ["VIEW_PUBLIC_LOGS", "VIEW_SETTINGS", "SEND_MESSAGES"]);
    // The same table is found when its heading is named.
    let by_section = parse(
        SEED_001,
        &Options::new().with_section("discord permission flags"),
    )
    .unwrap();
    assert_eq!(by_section, table);
}

#[test]
fn seed_001_does_not_fit_in_eight_bits() {
    let err = error(SEED_001, &Options::new().with_width(8));
    assert_eq!(err.line, 21);
    assert_eq!(
        err.to_string(),
        "line 21: value 0x0100 (bit 8) does not fit in `u8`"
    );
}

#[test]
fn seed_002_guild_permissions() {
    let options = Options::new()
        .with_section("Guild Permissions")
        .with_width(32);
    let table = parse(SEED_002, &options).unwrap();
    assert_eq!(table.rows.len(), 32);
    assert_eq!(table.line, 19);
    assert_eq!(table.heading.as_deref(), Some("Guild Permissions"));
    let admin = table.row("ADMINISTRATOR").unwrap();
    assert_eq!(
        (admin.value, admin.bit(), admin.line),
        (0x8000_0000, Some(31), 21)
    );
    assert_eq!(admin.label, "Administrator");
    assert_eq!(table.row("SEND_INVITES").map(|r| r.value), Some(1 << 3));
    assert_eq!(table.row("View Audit Logs").map(|r| r.value), Some(1 << 30));
    assert!(
        table
            .row("MANAGE_MEMBERS")
            .is_some_and(|r| r.description.contains("reset guild profile pictures"))
    );
    let reserved: Vec<(u128, usize)> = table
        .rows
        .iter()
        .filter(|r| r.reserved)
        .map(|r| (r.value, r.line))
        .collect();
    assert_eq!(reserved, [(1 << 2, 50), (1 << 1, 51), (1 << 0, 52)]);
    assert_eq!(table.reserved_bits(), 0b111);
    assert_eq!(table.permissions().count(), 29);
    // Every bit from 3 to 31, each once.
    let all = table.permissions().fold(0u128, |bits, r| bits | r.value);
    assert_eq!(all, 0xFFFF_FFF8);
    assert_eq!(
        table.explain(2_147_483_656).to_string(),
        "ADMINISTRATOR | SEND_INVITES"
    );
}

#[test]
fn seed_002_empty_sections_are_reported_not_fatal() {
    let err = error(
        SEED_002,
        &Options::new().with_section("Text Channel Permissions"),
    );
    assert_eq!(err.line, 54);
    assert_eq!(
        err.to_string(),
        "line 54: section `Text Channel Permissions` has no table yet"
    );
    let err = error(
        SEED_002,
        &Options::new().with_section("voice channel permissions"),
    );
    assert_eq!(err.line, 56);
    // The document's only table is found without naming its section.
    assert_eq!(parse(SEED_002, &Options::new()).map(|t| t.line), Ok(19));
    // The parent section holds it too.
    assert_eq!(
        parse(
            SEED_002,
            &Options::new().with_section("Permission Definitions")
        )
        .map(|t| t.line),
        Ok(19)
    );
}

#[test]
fn seed_002_sections() {
    let listed = sections(SEED_002);
    let summary: Vec<(usize, u8, &str, Option<usize>)> = listed
        .iter()
        .map(|s| (s.line, s.level, s.heading.as_str(), s.table))
        .collect();
    assert_eq!(
        summary,
        [
            (1, 1, "Permissions", Some(19)),
            (3, 2, "Overview", None),
            (12, 2, "Permission Definitions", Some(19)),
            (16, 3, "Guild Permissions", Some(19)),
            (54, 3, "Text Channel Permissions", None),
            (56, 3, "Voice Channel Permissions", None),
        ]
    );
}
