//! The runtime's semantics on derived sets, from inside the core package, so that a change to
//! the core is caught by the core's own tests (mutation testing runs these). The facade's
//! tests cover the same ground from the user's side.

use permissions::resolve::{
    Action, Actor, Member, Overwrite, Policy, Rule, Target, channel_permissions,
};
use permissions::{HasPermissions, PermissionSet, Requirement, RowKind};

/// Seed 001 as it is, from its verbatim copy.
#[derive(PermissionSet)]
#[permissions(
    markdown = "tests/fixtures/seed_001.txt",
    default = SEND_MESSAGES,
    bypass = ADMINISTRATOR
)]
struct Tox(u16);

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission    | Value | Channel Type | Description |
|---------------|-------|--------------|-------------|
| VIEW_CHANNEL  | 0x1   | T, V         | See the channel |
| SEND_MESSAGES | 0x2   | T            | Send messages |
| CONNECT       | 0x4   | V            | Join a voice channel |
")]
struct Channel(u8);

#[test]
fn grants_honours_bypass_composites_and_unknown_bits() {
    assert!(Tox::DEFAULT.grants(Tox::VIEW_SETTINGS));
    assert!(Tox::DEFAULT.grants(Tox::SEND_MESSAGES));
    assert!(!Tox::DEFAULT.grants(Tox::MANAGE_SETTINGS));
    assert!(!Tox::VIEW_SETTINGS.grants(Tox::SEND_MESSAGES));
    assert!(Tox::ADMINISTRATOR.grants(Tox::MANAGE_SETTINGS));
    assert!(Tox::ADMINISTRATOR.holds_bypass());
    assert!(!Tox::DEFAULT.holds_bypass());
    let unknown = Tox::from_bits_retain(0x8000);
    assert!(!unknown.grants(unknown), "unknown bits never grant");
    assert!((Tox::MANAGE_SETTINGS | unknown).grants(Tox::MANAGE_SETTINGS));
    assert!(
        Tox::ADMINISTRATOR.grants(unknown),
        "bypass satisfies every requirement"
    );
}

#[test]
fn check_and_is_met_by_agree_and_explain() {
    let any = Requirement::AnyOf(&[
        Requirement::All(Tox::VIEW_PRIVATE_LOGS),
        Requirement::All(Tox::MANAGE_SETTINGS),
    ]);
    assert!(Tox::VIEW_PRIVATE_LOGS.check(&any).is_ok());
    assert!(any.is_met_by(Tox::VIEW_PRIVATE_LOGS));
    assert!(any.is_met_by(Tox::ADMINISTRATOR));
    assert!(!any.is_met_by(Tox::DEFAULT));
    let denied = Tox::DEFAULT.check(&any).unwrap_err();
    assert_eq!(
        denied.missing(),
        Tox::VIEW_PRIVATE_LOGS | Tox::MANAGE_SETTINGS
    );
    assert_eq!(
        denied.to_string(),
        "missing one of VIEW_PRIVATE_LOGS | MANAGE_SETTINGS"
    );
    assert_eq!(any.to_string(), "any(VIEW_PRIVATE_LOGS, MANAGE_SETTINGS)");

    let all = Requirement::AllOf(&[
        Requirement::All(Tox::VIEW_SETTINGS),
        Requirement::All(Tox::MANAGE_SETTINGS),
    ]);
    assert_eq!(all.to_string(), "all(VIEW_SETTINGS, MANAGE_SETTINGS)");
    assert!(!all.is_met_by(Tox::VIEW_SETTINGS));
    assert_eq!(
        Tox::VIEW_SETTINGS.check(&all).unwrap_err().to_string(),
        "missing MANAGE_SETTINGS"
    );
    assert_eq!(
        Tox::empty()
            .check(&Requirement::AnyOf(&[]))
            .unwrap_err()
            .to_string(),
        "missing: the requirement `any()` is empty"
    );

    // Of `A | B`, only the row not held is missing.
    let both = Requirement::All(Tox::VIEW_SETTINGS | Tox::MANAGE_SETTINGS);
    let denied = Tox::VIEW_SETTINGS.check(&both).unwrap_err();
    assert_eq!(denied.missing(), Tox::MANAGE_SETTINGS);
    assert_eq!(denied.to_string(), "missing MANAGE_SETTINGS");
    // A composite row lacked in part is reported whole; bits no row names are shown in hex.
    let send = Requirement::All(Tox::SEND_MESSAGES);
    let denied = (Tox::VIEW_SETTINGS | Tox::VIEW_PUBLIC_LOGS)
        .check(&send)
        .unwrap_err();
    assert_eq!(denied.missing().bits(), 0x0112);
    assert_eq!(denied.to_string(), "missing SEND_MESSAGES");
    let odd = Requirement::All(Tox::MANAGE_SETTINGS | Tox::from_bits_retain(0x8000));
    assert_eq!(
        Tox::empty().check(&odd).unwrap_err().to_string(),
        "missing MANAGE_SETTINGS | 0x8000"
    );
    assert_eq!(
        Tox::empty()
            .check(&Requirement::All(Tox::from_bits_retain(0x8000)))
            .unwrap_err()
            .to_string(),
        "missing 0x8000"
    );
}

struct Session(Tox);

impl HasPermissions for Session {
    type Set = Tox;
    fn permissions(&self) -> Tox {
        self.0
    }
}

#[test]
fn the_guard_check_uses_the_holders_permissions() {
    let need = Requirement::All(Tox::MANAGE_SETTINGS);
    assert!(permissions::__private::check(&Session(Tox::MANAGE_SETTINGS), &need).is_ok());
    assert!(permissions::__private::check(&Session(Tox::DEFAULT), &need).is_err());
}

#[test]
fn rows_carry_names_descriptions_kinds_and_metadata() {
    let send = Tox::row("SEND_MESSAGES").unwrap();
    assert_eq!(send.name(), "SEND_MESSAGES");
    assert_eq!(
        send.description(),
        "Allows Sending Messages and Executing Base Level Commands"
    );
    assert_eq!(send.kind(), RowKind::Composite);
    assert!(Tox::row("SEND_MESSAGE").is_none());
    let held: Vec<&str> = Tox::DEFAULT.rows_held().map(|r| r.name()).collect();
    assert_eq!(held, ["VIEW_PUBLIC_LOGS", "VIEW_SETTINGS", "SEND_MESSAGES"]);
    let view = Channel::row("VIEW_CHANNEL").unwrap();
    assert_eq!(view.meta_value("Channel Type"), Some("T, V"));
    assert_eq!(view.meta_value("channel type"), Some("T, V"));
    assert_eq!(view.meta_value("Colour"), None);
}

#[test]
fn overwrites_rules_and_timeouts() {
    assert_eq!(Target::Role(7u64).id(), Some(&7));
    assert_eq!(Target::<u64>::Everyone.id(), None);
    let rule = Rule::requires(Channel::VIEW_CHANNEL);
    assert_eq!(rule.governs(), None, "a bare rule governs everything else");
    assert_eq!(
        rule.to_keep(Channel::SEND_MESSAGES).governs(),
        Some(Channel::SEND_MESSAGES)
    );
    let policy = Policy::new(&[]).timeout_keeps(Channel::VIEW_CHANNEL);
    assert_eq!(policy.timeout_allow_list(), Some(Channel::VIEW_CHANNEL));
    assert_eq!(Policy::<Channel>::NONE.timeout_allow_list(), None);

    // Many overwrites take the branch-free pass; both passes must agree with the plain order.
    let roles = [1u64, 2, 3];
    let member = Member::new(9u64, &roles);
    for count in [1usize, 16, 32, 33, 64] {
        let mut overwrites: Vec<Overwrite<u64, Channel>> = (0..count)
            .map(|i| Overwrite::role(100 + i as u64).deny(Channel::all()))
            .collect();
        overwrites.push(Overwrite::role(2).deny(Channel::SEND_MESSAGES));
        overwrites.push(Overwrite::member(9).allow(Channel::CONNECT));
        let held = channel_permissions(
            Channel::VIEW_CHANNEL | Channel::SEND_MESSAGES,
            &member,
            &overwrites,
            &Policy::NONE,
        );
        assert_eq!(
            held,
            Channel::VIEW_CHANNEL | Channel::CONNECT,
            "{count} overwrites"
        );
    }
}

#[test]
fn escalations_say_what_and_why() {
    assert_eq!(Action::AssignRole.describe(), "assign the role");
    assert_eq!(Action::RemoveRole.describe(), "remove the role");
    let actor = Actor::new(Tox::VIEW_SETTINGS, 3u32);
    let refused = actor.check_assign(1, Tox::MANAGE_SETTINGS).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "refused to assign the role: it would grant MANAGE_SETTINGS, which you do not hold"
    );
    let refused = actor.check_remove(3).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "refused to remove the role at position 3: it is not below your highest role, at position 3"
    );
}

#[cfg(feature = "serde")]
#[test]
fn the_decimal_wire_form_round_trips_and_names_bad_input() {
    #[derive(PermissionSet)]
    #[permissions(bits = u32, set = Guild, serde = "decimal")]
    enum GuildPermission {
        /// Allows the user to bypass all permissions checks
        #[permission(bit = 31, bypass)]
        Administrator,
        /// Allows the user to send invites
        #[permission(bit = 3)]
        SendInvites,
    }
    let stored = Guild::ADMINISTRATOR | Guild::SEND_INVITES | Guild::from_bits_retain(0b100);
    assert_eq!(serde_json::to_string(&stored).unwrap(), "\"2147483660\"");
    let back: Guild = serde_json::from_str("\"2147483660\"").unwrap();
    assert_eq!(back, stored);
    let number: Guild = serde_json::from_str("2147483656").unwrap();
    assert_eq!(number.bits(), 2_147_483_656);
    let wide: Guild = serde_json::from_str("2147483656").unwrap();
    assert_eq!(wide, Guild::ADMINISTRATOR | Guild::SEND_INVITES);
    for (input, problem) in [
        ("\"4294967296\"", "too large for u32"),
        ("-8", "cannot be negative"),
        ("\"12a\"", "'a' is not a decimal digit"),
        ("\"\"", "empty string"),
        ("true", "decimal"),
        ("\"-8\"", "cannot be negative"),
        ("\"1-\"", "'-' is not a decimal digit"),
        ("\"12a\"", "\"12a\""),
        (
            "\"12345678901234567890123456789012345678901234567890x\"",
            "\"1234567890123456789012345678901234567890...\"",
        ),
    ] {
        let err = serde_json::from_str::<Guild>(input)
            .unwrap_err()
            .to_string();
        assert!(err.contains(problem), "{input}: {err}");
    }
}

/// Sixteen plain rows, so that a wrong membership answer for any role shows in the result.
#[derive(PermissionSet)]
#[permissions(bits = u16, set = Sixteen)]
enum Bit {
    B0,
    B1,
    B2,
    B3,
    B4,
    B5,
    B6,
    B7,
    B8,
    B9,
    B10,
    B11,
    B12,
    B13,
    B14,
    B15,
}

/// Many roles and many overwrites for roles the member lacks force hash collisions in the
/// role index, so its probing is exercised, for both table sizes and the chunked path. The
/// result must equal the plain O(R·O) order of Discord's algorithm.
#[test]
fn large_guilds_match_the_plain_model() {
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for case in 0..3000 {
        // Around the small table's 15 roles and the 126 of one index.
        let role_count = [3usize, 15, 16, 17, 60, 126, 127, 200][case % 8];
        let roles: Vec<u64> = (0..role_count).map(|_| next() % 600).collect();
        // Few overwrites of one bit each, so that the unions per level do not saturate and
        // every membership answer can change the result; now and then past the 64 that the
        // resolver sorts at a time.
        let overwrite_count = if case % 5 == 0 {
            64 + (next() % 90) as usize
        } else {
            (next() % 48) as usize
        };
        let overwrites: Vec<Overwrite<u64, Sixteen>> = (0..overwrite_count)
            .map(|_| {
                let target = match next() % 6 {
                    0 => Target::Everyone,
                    1 => Target::Member(next() % 3),
                    _ => Target::Role(next() % 600),
                };
                let allow = Sixteen::from_bits_retain(1 << (next() % 16));
                let deny = Sixteen::from_bits_retain(1 << (next() % 16));
                Overwrite::new(target, allow, deny)
            })
            .collect();
        let base = Sixteen::from_bits_retain(next() as u16);
        let member = Member::new(1u64, &roles);
        let resolved = channel_permissions(base, &member, &overwrites, &Policy::NONE);

        let mut levels = [(Sixteen::empty(), Sixteen::empty()); 3];
        for overwrite in &overwrites {
            let level = match overwrite.target {
                Target::Everyone => 0,
                Target::Role(id) if roles.contains(&id) => 1,
                Target::Member(1) => 2,
                _ => continue,
            };
            levels[level].0 |= overwrite.deny;
            levels[level].1 |= overwrite.allow;
        }
        let model = levels.iter().fold(base, |held, (deny, allow)| {
            held.difference(*deny).union(*allow)
        });
        assert_eq!(
            resolved, model,
            "case {case}: {role_count} roles, {overwrite_count} overwrites"
        );
    }
}
