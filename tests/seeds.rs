//! Each seed document's table, declared with the derive (the examples' declarations), checked
//! row by row against the values the documents give.

mod common;

use common::{guild, network_session, tox_mod};

use guild::{GuildPermission, GuildPermissions as G};
use network_session::{SessionPermission, SessionPermissions as N};
use permissions::{PermissionSet, Requirement, RowKind};
use tox_mod::{ToxPermission, ToxPermissions as T};

#[test]
fn tox_rows_have_the_documents_hex_values() {
    let expected: [(&str, u16); 8] = [
        ("ADMINISTRATOR", 0x0001),
        ("VIEW_PUBLIC_LOGS", 0x0002),
        ("VIEW_PRIVATE_LOGS", 0x0004),
        ("REVERT_LOG_ACTIONS", 0x0008),
        ("VIEW_SETTINGS", 0x0100),
        ("SEND_MESSAGES", 0x0112),
        ("MANAGE_SETTINGS", 0x0200),
        ("EXEC_PURGE_CMD", 0x0400),
    ];
    let rows: Vec<(&str, u16)> = T::ROWS
        .iter()
        .map(|r| (r.name(), r.value().bits()))
        .collect();
    assert_eq!(rows, expected);
    for (name, value) in expected {
        assert_eq!(T::from_name(name).map(|s| s.bits()), Some(value), "{name}");
    }
    assert_eq!(ToxPermission::ALL.len(), 8);
    assert_eq!(ToxPermission::SendMessages.bits(), 0x0112);
    assert_eq!(ToxPermission::SendMessages.name(), "SEND_MESSAGES");
    assert_eq!(
        ToxPermission::SendMessages.description(),
        "Allows Sending Messages and Executing Base Level Commands"
    );
    assert_eq!(T::from(ToxPermission::ManageSettings), T::MANAGE_SETTINGS);
}

#[test]
fn tox_send_messages_is_composite_and_the_default() {
    let send = T::SEND_MESSAGES;
    assert!(send.contains(T::VIEW_SETTINGS));
    assert!(send.contains(T::VIEW_PUBLIC_LOGS));
    assert!(!send.contains(T::VIEW_PRIVATE_LOGS));
    assert_eq!(
        T::row("SEND_MESSAGES").map(|r| r.kind()),
        Some(RowKind::Composite)
    );
    assert_eq!(
        T::row("VIEW_SETTINGS").map(|r| r.kind()),
        Some(RowKind::Plain)
    );
    // "The default permission value for a new guild is `0x0112`."
    assert_eq!(T::DEFAULT.bits(), 0x0112);
    assert!(T::DEFAULT.grants(T::SEND_MESSAGES));
    assert!(T::DEFAULT.grants(T::VIEW_SETTINGS));
    assert!(!T::DEFAULT.grants(T::MANAGE_SETTINGS));
    // VIEW_SETTINGS alone does not hold the whole of SEND_MESSAGES.
    assert!(!T::VIEW_SETTINGS.grants(T::SEND_MESSAGES));
}

#[test]
fn tox_administrator_grants_all() {
    assert_eq!(T::BYPASS, T::ADMINISTRATOR);
    assert_eq!(
        T::row("ADMINISTRATOR").map(|r| r.kind()),
        Some(RowKind::Bypass)
    );
    for row in T::ROWS {
        assert!(T::ADMINISTRATOR.grants(row.value()), "{}", row.name());
    }
    assert!(T::ADMINISTRATOR.check(&Requirement::AnyOf(&[])).is_ok());
    // `contains` stays bitflags' raw test.
    assert!(!T::ADMINISTRATOR.contains(T::MANAGE_SETTINGS));
}

#[test]
fn guild_rows_have_the_documents_bit_numbers() {
    let expected: [(&str, u32); 29] = [
        ("ADMINISTRATOR", 31),
        ("VIEW_AUDIT_LOGS", 30),
        ("VIEW_INSIGHTS", 29),
        ("MANAGE_GUILD", 28),
        ("DELETE_ROLES", 27),
        ("CREATE_ROLES", 26),
        ("MANAGE_ROLES", 25),
        ("REMOVE_ROLES", 24),
        ("ASSIGN_ROLES", 23),
        ("DELETE_CHANNELS", 22),
        ("CREATE_CHANNELS", 21),
        ("MANAGE_CHANNELS", 20),
        ("BAN_MEMBERS", 19),
        ("KICK_MEMBERS", 18),
        ("MANAGE_MEMBERS", 17),
        ("MANAGE_INVITES", 16),
        ("DELETE_EMOJIS", 15),
        ("CREATE_EMOJIS", 14),
        ("MANAGE_EMOJIS", 13),
        ("DELETE_STICKERS", 12),
        ("CREATE_STICKERS", 11),
        ("MANAGE_STICKERS", 10),
        ("DELETE_WEBHOOKS", 9),
        ("CREATE_WEBHOOKS", 8),
        ("MANAGE_WEBHOOKS", 7),
        ("DELETE_EVENTS", 6),
        ("CREATE_EVENTS", 5),
        ("MANAGE_EVENTS", 4),
        ("SEND_INVITES", 3),
    ];
    let rows: Vec<(&str, u32)> = G::ROWS
        .iter()
        .map(|r| (r.name(), r.value().bits().trailing_zeros()))
        .collect();
    assert_eq!(rows, expected);
    assert!(G::ROWS.iter().all(|r| r.value().bits().count_ones() == 1));
    assert_eq!(G::ADMINISTRATOR.bits(), 0x8000_0000);
    assert_eq!(
        G::ADMINISTRATOR.bits(),
        0b1000_0000_0000_0000_0000_0000_0000_0000
    );
    assert_eq!(G::SEND_INVITES.bits(), 0b1000);
    assert_eq!(GuildPermission::Administrator.bits(), 1 << 31);
    // Bits 0-2 are "Not Used".
    assert_eq!(G::all().bits() & 0b111, 0);
    assert_eq!(G::all().bits(), 0xFFFF_FFF8);
}

#[test]
fn guild_administrator_bypasses_and_unknown_bits_grant_nothing() {
    assert_eq!(G::BYPASS, G::ADMINISTRATOR);
    let admin = G::ADMINISTRATOR;
    assert!(admin.grants(G::MANAGE_GUILD | G::BAN_MEMBERS));
    let moderator = G::KICK_MEMBERS | G::BAN_MEMBERS;
    assert!(moderator.grants(G::KICK_MEMBERS));
    assert!(!moderator.grants(G::MANAGE_GUILD));

    // A stored value with a "Not Used" bit keeps it through every round trip...
    let stored = G::from_bits_retain(0x8000_0008 | 0b100);
    assert_eq!(stored.bits(), 0x8000_000C);
    assert_eq!(stored.to_string(), "ADMINISTRATOR | SEND_INVITES | 0x4");
    assert_eq!(
        stored.to_string().parse::<G>().ok().map(|s| s.bits()),
        Some(0x8000_000C)
    );
    // ...but the unknown bit grants nothing, even to a holder that carries it.
    let odd = G::from_bits_retain(0b100);
    assert!(!odd.grants(G::from_bits_retain(0b100)));
    assert!(
        odd.contains(G::from_bits_retain(0b100)),
        "contains is the raw test"
    );
}

#[test]
fn network_session_rows_take_the_next_free_bit_and_user_holds_public() {
    let expected: [(&str, u16); 9] = [
        ("PUBLIC", 1 << 0),
        ("MODIFY_ACCOUNT_SETTINGS", 1 << 1),
        ("MODIFY_SECURITY_SETTINGS", 1 << 2),
        ("USER", 1 << 3 | 1 << 0),
        ("PROXY", 1 << 4),
        ("BOT", 1 << 5),
        ("MODERATOR", 1 << 6),
        ("ADMINISTRATOR", 1 << 7),
        ("SERVER_ADMINISTRATOR", 1 << 8),
    ];
    let rows: Vec<(&str, u16)> = N::ROWS
        .iter()
        .map(|r| (r.name(), r.value().bits()))
        .collect();
    assert_eq!(rows, expected);
    assert!(N::USER.contains(N::PUBLIC));
    assert!(N::USER.grants(N::PUBLIC));
    assert!(!N::PUBLIC.grants(N::USER));
    assert_eq!(N::row("USER").map(|r| r.kind()), Some(RowKind::Composite));
    assert_eq!(N::DEFAULT, N::PUBLIC);
    assert!(N::BYPASS.is_empty(), "the document names no bypass flag");
    assert!(!N::ADMINISTRATOR.grants(N::SERVER_ADMINISTRATOR));
    assert_eq!(SessionPermission::User.bits(), 0b1001);
}

#[test]
fn requirements_nest_and_denials_name_what_is_missing() {
    const REMOVE: Requirement<G> = Requirement::AllOf(&[
        Requirement::All(G::MANAGE_MEMBERS),
        Requirement::AnyOf(&[
            Requirement::All(G::BAN_MEMBERS),
            Requirement::All(G::KICK_MEMBERS),
        ]),
    ]);
    assert!((G::MANAGE_MEMBERS | G::KICK_MEMBERS).check(&REMOVE).is_ok());
    assert!((G::MANAGE_MEMBERS | G::BAN_MEMBERS).check(&REMOVE).is_ok());
    assert!(G::ADMINISTRATOR.check(&REMOVE).is_ok());

    let denied = G::MANAGE_MEMBERS.check(&REMOVE).unwrap_err();
    assert_eq!(denied.missing(), G::BAN_MEMBERS | G::KICK_MEMBERS);
    assert_eq!(
        denied.required(),
        G::MANAGE_MEMBERS | G::BAN_MEMBERS | G::KICK_MEMBERS
    );
    assert_eq!(denied.to_string(), "missing BAN_MEMBERS | KICK_MEMBERS");
    assert_eq!(denied.requirement(), &REMOVE);

    let any = Requirement::AnyOf(&[
        Requirement::All(G::BAN_MEMBERS),
        Requirement::All(G::KICK_MEMBERS),
    ]);
    let denied = G::SEND_INVITES.check(&any).unwrap_err();
    assert_eq!(
        denied.to_string(),
        "missing one of BAN_MEMBERS | KICK_MEMBERS"
    );

    let both = Requirement::All(G::BAN_MEMBERS | G::KICK_MEMBERS);
    let denied = G::KICK_MEMBERS.check(&both).unwrap_err();
    assert_eq!(denied.missing(), G::BAN_MEMBERS);
    assert_eq!(denied.to_string(), "missing BAN_MEMBERS");
    assert_eq!(both.to_string(), "BAN_MEMBERS | KICK_MEMBERS");

    // Empty all-of is always met; empty any-of never is (except by bypass).
    assert!(G::empty().check(&Requirement::AllOf(&[])).is_ok());
    assert!(G::empty().check(&Requirement::All(G::empty())).is_ok());
    let never = G::all()
        .difference(G::ADMINISTRATOR)
        .check(&Requirement::AnyOf(&[]));
    assert!(never.is_err());
}

#[test]
fn requirements_are_const() {
    const NEED: Requirement<T> = Requirement::All(T::MANAGE_SETTINGS.union(T::VIEW_SETTINGS));
    assert!(!NEED.is_met_by(T::DEFAULT));
    assert!(NEED.is_met_by(T::DEFAULT | T::MANAGE_SETTINGS));
    assert!(NEED.is_met_by(T::ADMINISTRATOR));
}

#[test]
fn denials_name_whole_rows_of_composite_and_implied_flags() {
    // USER = its own bit | PUBLIC: a PUBLIC session lacks USER, not an anonymous bit.
    let denied = N::PUBLIC.check(&Requirement::All(N::USER)).unwrap_err();
    assert_eq!(denied.missing(), N::USER);
    assert_eq!(denied.to_string(), "missing USER");
    // SEND_MESSAGES = 0x0112 covers VIEW_SETTINGS and VIEW_PUBLIC_LOGS, plus 0x0010 of its own.
    let held = T::VIEW_SETTINGS | T::VIEW_PUBLIC_LOGS;
    let denied = held.check(&Requirement::All(T::SEND_MESSAGES)).unwrap_err();
    assert_eq!(denied.missing().bits(), 0x0112);
    assert_eq!(denied.to_string(), "missing SEND_MESSAGES");
    // Bits no row declares are named in hex.
    let odd = Requirement::All(G::BAN_MEMBERS | G::from_bits_retain(0b100));
    assert_eq!(
        G::empty().check(&odd).unwrap_err().to_string(),
        "missing BAN_MEMBERS | 0x4"
    );
}
