//! Sets derived from Markdown tables: our documents in `docs/`, and the three seed documents
//! unedited (verbatim copies in `permissions-core/tests/fixtures/`, checked byte for byte
//! against `../shared/seeds/` by `permissions-core/tests/seeds.rs`). Each must equal the set
//! the enum form declares, row by row.

mod common;

use common::{guild, network_session, tox_mod};

use permissions::{PermissionSet, Requirement, Row, RowKind};

// The sets derived from our documents are the `from_docs` example's own.
use common::from_docs::{
    GuildPermissions as GuildDoc, SessionPermissions as SessionDoc, ToxPermissions as ToxDoc,
};

#[derive(PermissionSet)]
#[permissions(
    markdown = "permissions-core/tests/fixtures/seed_000.txt",
    auto_bits,
    implies(USER = PUBLIC),
    default = PUBLIC
)]
pub struct Seed000(u16);

#[derive(PermissionSet)]
#[permissions(
    markdown = "permissions-core/tests/fixtures/seed_001.txt",
    default = 0x0112,
    bypass = ADMINISTRATOR
)]
pub struct Seed001(u16);

#[derive(PermissionSet)]
#[permissions(
    markdown = "permissions-core/tests/fixtures/seed_002.txt",
    section = "Guild Permissions",
    bypass = ADMINISTRATOR
)]
pub struct Seed002(u32);

/// Name, value and kind of every row, as plain data that two set types can be compared in.
fn rows<S: PermissionSet>() -> Vec<(&'static str, u128, RowKind)>
where
    S::Bits: Into<u128>,
{
    S::ROWS
        .iter()
        .map(|r: &Row<S>| (r.name(), r.value().bits().into(), r.kind()))
        .collect()
}

fn descriptions<S: PermissionSet>() -> Vec<&'static str> {
    S::ROWS.iter().map(Row::description).collect()
}

fn same_set<A, B>()
where
    A: PermissionSet,
    B: PermissionSet,
    A::Bits: Into<u128>,
    B::Bits: Into<u128>,
{
    assert_eq!(rows::<A>(), rows::<B>());
    assert_eq!(
        A::DEFAULT.bits().into(),
        B::DEFAULT.bits().into(),
        "DEFAULT"
    );
    assert_eq!(A::BYPASS.bits().into(), B::BYPASS.bits().into(), "BYPASS");
    assert_eq!(A::all().bits().into(), B::all().bits().into(), "all()");
}

#[test]
fn our_documents_equal_the_enum_forms_row_by_row() {
    same_set::<ToxDoc, tox_mod::ToxPermissions>();
    same_set::<GuildDoc, guild::GuildPermissions>();
    same_set::<SessionDoc, network_session::SessionPermissions>();
}

#[test]
fn the_seed_documents_unedited_equal_the_enum_forms_descriptions_included() {
    same_set::<Seed000, network_session::SessionPermissions>();
    same_set::<Seed001, tox_mod::ToxPermissions>();
    same_set::<Seed002, guild::GuildPermissions>();
    assert_eq!(
        descriptions::<Seed000>(),
        descriptions::<network_session::SessionPermissions>()
    );
    assert_eq!(
        descriptions::<Seed001>(),
        descriptions::<tox_mod::ToxPermissions>()
    );
    assert_eq!(
        descriptions::<Seed002>(),
        descriptions::<guild::GuildPermissions>()
    );
}

#[test]
fn the_documents_values_exactly() {
    assert_eq!(Seed001::SEND_MESSAGES.bits(), 0x0112);
    assert_eq!(Seed001::DEFAULT.bits(), 0x0112);
    assert_eq!(
        Seed001::row("SEND_MESSAGES").map(Row::kind),
        Some(RowKind::Composite)
    );
    assert!(Seed001::ADMINISTRATOR.grants(Seed001::MANAGE_SETTINGS));
    assert_eq!(Seed002::ADMINISTRATOR.bits(), 0x8000_0000);
    assert_eq!(Seed002::SEND_INVITES.bits(), 1 << 3);
    // The three "Not Used" rows reserve bits 0-2.
    assert_eq!(Seed002::RESERVED.bits(), 0b111);
    assert_eq!(Seed002::all().bits() & 0b111, 0);
    assert_eq!(Seed000::USER.bits(), 0b1001);
    assert_eq!(Seed000::SERVER_ADMINISTRATOR.bits(), 1 << 8);
    assert_eq!(
        Seed002::from_bits_retain(2_147_483_656).to_string(),
        "ADMINISTRATOR | SEND_INVITES"
    );
}

// Needs the runtime reader (feature `table`), which the workspace gets from permissions-cli.
#[cfg(feature = "table")]
#[test]
fn the_runtime_parser_gives_the_same_answers_as_the_compiled_type() {
    use permissions::table;
    let text = std::fs::read_to_string("docs/guild.md").unwrap();
    let options = table::Options::new()
        .with_section("Guild Permissions")
        .with_width(32);
    let parsed = table::parse(&text, &options).unwrap();
    let compiled: Vec<(&str, u128)> = GuildDoc::ROWS
        .iter()
        .map(|r| (r.name(), u128::from(r.value().bits())))
        .collect();
    let runtime: Vec<(&str, u128)> = parsed
        .permissions()
        .map(|r| (r.name.as_str(), r.value))
        .collect();
    assert_eq!(compiled, runtime);
    let value = 2_147_483_656u32;
    let explained = parsed.explain(u128::from(value));
    let names: Vec<&str> = explained.held.iter().map(|r| r.name.as_str()).collect();
    let compiled_names: Vec<&str> = GuildDoc::from_bits_retain(value)
        .iter_names()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, compiled_names);
    assert_eq!(names, ["ADMINISTRATOR", "SEND_INVITES"]);
}

/// Escapes, inline code, footnote marks, two value forms in one cell, and an extra column.
#[derive(PermissionSet)]
#[permissions(markdown_str = r"
| Permission | Value | Channel Type | Description |
|:-----------|------:|:------------:|-------------|
| `VIEW_CHANNEL` | `0x0000000000000400` `(1 << 10)` | T, V | View a channel \| see its name |
| Send Messages\* | 0x800 | T | Send messages |
| Connect[^1] | 1 << 20 | V | Join a voice channel |
| Manage Threads | 0b1000_0000_0000_0000_0000_0000_0000_0000_0000 | T | Manage threads |
")]
pub struct ChannelPermissions(u64);

#[test]
fn inline_tables_with_escapes_footnotes_and_extra_columns() {
    assert_eq!(ChannelPermissions::VIEW_CHANNEL.bits(), 1 << 10);
    assert_eq!(ChannelPermissions::SEND_MESSAGES.bits(), 0x800);
    assert_eq!(ChannelPermissions::CONNECT.bits(), 1 << 20);
    assert_eq!(ChannelPermissions::MANAGE_THREADS.bits(), 1 << 35);
    let view = ChannelPermissions::row("VIEW_CHANNEL").unwrap();
    assert_eq!(view.description(), "View a channel | see its name");
    assert_eq!(view.meta_value("Channel Type"), Some("T, V"));
    assert_eq!(view.meta_value("channel type"), Some("T, V"));
    let voice: Vec<&str> = ChannelPermissions::ROWS
        .iter()
        .filter(|r| {
            r.meta_value("Channel Type")
                .is_some_and(|t| t.contains('V'))
        })
        .map(|r| r.name())
        .collect();
    assert_eq!(voice, ["VIEW_CHANNEL", "CONNECT"]);
    let need =
        Requirement::All(ChannelPermissions::VIEW_CHANNEL | ChannelPermissions::SEND_MESSAGES);
    assert_eq!(
        ChannelPermissions::VIEW_CHANNEL
            .check(&need)
            .unwrap_err()
            .to_string(),
        "missing SEND_MESSAGES"
    );
}
