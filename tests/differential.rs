//! Differential test: each seed table declared with the derive must behave exactly like the
//! same table written by hand with plain `bitflags!`, over random bit patterns.

mod common;

use common::{guild, network_session, tox_mod};

/// The same tables by hand. Type names match the derived ones so that `Debug` output can be
/// compared as it is.
mod plain {
    bitflags::bitflags! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct ToxPermissions: u16 {
            const ADMINISTRATOR = 0x0001;
            const VIEW_PUBLIC_LOGS = 0x0002;
            const VIEW_PRIVATE_LOGS = 0x0004;
            const REVERT_LOG_ACTIONS = 0x0008;
            const VIEW_SETTINGS = 0x0100;
            const SEND_MESSAGES = 0x0112;
            const MANAGE_SETTINGS = 0x0200;
            const EXEC_PURGE_CMD = 0x0400;
        }

        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct GuildPermissions: u32 {
            const ADMINISTRATOR = 1 << 31;
            const VIEW_AUDIT_LOGS = 1 << 30;
            const VIEW_INSIGHTS = 1 << 29;
            const MANAGE_GUILD = 1 << 28;
            const DELETE_ROLES = 1 << 27;
            const CREATE_ROLES = 1 << 26;
            const MANAGE_ROLES = 1 << 25;
            const REMOVE_ROLES = 1 << 24;
            const ASSIGN_ROLES = 1 << 23;
            const DELETE_CHANNELS = 1 << 22;
            const CREATE_CHANNELS = 1 << 21;
            const MANAGE_CHANNELS = 1 << 20;
            const BAN_MEMBERS = 1 << 19;
            const KICK_MEMBERS = 1 << 18;
            const MANAGE_MEMBERS = 1 << 17;
            const MANAGE_INVITES = 1 << 16;
            const DELETE_EMOJIS = 1 << 15;
            const CREATE_EMOJIS = 1 << 14;
            const MANAGE_EMOJIS = 1 << 13;
            const DELETE_STICKERS = 1 << 12;
            const CREATE_STICKERS = 1 << 11;
            const MANAGE_STICKERS = 1 << 10;
            const DELETE_WEBHOOKS = 1 << 9;
            const CREATE_WEBHOOKS = 1 << 8;
            const MANAGE_WEBHOOKS = 1 << 7;
            const DELETE_EVENTS = 1 << 6;
            const CREATE_EVENTS = 1 << 5;
            const MANAGE_EVENTS = 1 << 4;
            const SEND_INVITES = 1 << 3;
        }

        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct SessionPermissions: u16 {
            const PUBLIC = 1 << 0;
            const MODIFY_ACCOUNT_SETTINGS = 1 << 1;
            const MODIFY_SECURITY_SETTINGS = 1 << 2;
            const USER = 1 << 3 | 1 << 0;
            const PROXY = 1 << 4;
            const BOT = 1 << 5;
            const MODERATOR = 1 << 6;
            const ADMINISTRATOR = 1 << 7;
            const SERVER_ADMINISTRATOR = 1 << 8;
        }
    }
}

/// One proptest per table: every operation of ours agrees with plain bitflags'.
macro_rules! differential {
    ($test:ident, $ours:ty, $plain:ty, $bits:ty) => {
        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
            #[test]
            fn $test(a: $bits, b: $bits) {
                use bitflags::Flags;
                use proptest::prop_assert_eq;
                type O = $ours;
                type P = $plain;

                let (oa, ob) = (O::from_bits_retain(a), O::from_bits_retain(b));
                let (pa, pb) = (P::from_bits_retain(a), P::from_bits_retain(b));

                prop_assert_eq!(O::all().bits(), P::all().bits());
                prop_assert_eq!(O::empty().bits(), P::empty().bits());
                prop_assert_eq!(oa.bits(), pa.bits());
                prop_assert_eq!(oa.contains(ob), pa.contains(pb));
                prop_assert_eq!(oa.intersects(ob), pa.intersects(pb));
                prop_assert_eq!((oa | ob).bits(), (pa | pb).bits());
                prop_assert_eq!((oa & ob).bits(), (pa & pb).bits());
                prop_assert_eq!((oa ^ ob).bits(), (pa ^ pb).bits());
                prop_assert_eq!((oa - ob).bits(), (pa - pb).bits());
                prop_assert_eq!((!oa).bits(), (!pa).bits());
                prop_assert_eq!(oa.union(ob).bits(), pa.union(pb).bits());
                prop_assert_eq!(oa.difference(ob).bits(), pa.difference(pb).bits());
                prop_assert_eq!(oa.symmetric_difference(ob).bits(), pa.symmetric_difference(pb).bits());
                prop_assert_eq!(oa.complement().bits(), pa.complement().bits());
                prop_assert_eq!(oa.is_all(), pa.is_all());
                prop_assert_eq!(oa.is_empty(), pa.is_empty());
                prop_assert_eq!(O::from_bits(a).map(|s| s.bits()), P::from_bits(a).map(|s| s.bits()));
                prop_assert_eq!(O::from_bits_truncate(a).bits(), P::from_bits_truncate(a).bits());

                let (mut ot, mut pt) = (oa, pa);
                ot.truncate();
                pt.truncate();
                prop_assert_eq!(ot.bits(), pt.bits());
                prop_assert_eq!(oa.known_bits(), pa.known_bits());
                prop_assert_eq!(oa.unknown_bits(), pa.unknown_bits());
                let (mut oi, mut pi) = (oa, pa);
                oi.insert(ob);
                pi.insert(pb);
                prop_assert_eq!(oi.bits(), pi.bits());
                oi.remove(oa);
                pi.remove(pa);
                prop_assert_eq!(oi.bits(), pi.bits());
                oi.toggle(ob);
                pi.toggle(pb);
                prop_assert_eq!(oi.bits(), pi.bits());

                let on: Vec<(&str, $bits)> = oa.iter_names().map(|(n, f)| (n, f.bits())).collect();
                let pn: Vec<(&str, $bits)> = pa.iter_names().map(|(n, f)| (n, f.bits())).collect();
                prop_assert_eq!(on, pn);
                let oi: Vec<$bits> = oa.iter().map(|f| f.bits()).collect();
                let pi: Vec<$bits> = pa.iter().map(|f| f.bits()).collect();
                prop_assert_eq!(oi, pi);

                let text = oa.to_string();
                let mut plain_text = String::new();
                bitflags::parser::to_writer(&pa, &mut plain_text).unwrap();
                prop_assert_eq!(&text, &plain_text);
                prop_assert_eq!(text.parse::<O>().ok().map(|s| s.bits()), Some(a));
                prop_assert_eq!(
                    bitflags::parser::from_str::<P>(&text).ok().map(|s| s.bits()),
                    Some(a)
                );
                prop_assert_eq!(format!("{oa:?}"), format!("{pa:?}"));
                prop_assert_eq!(format!("{oa:#?}"), format!("{pa:#?}"));

                for (name, _) in pa.iter_names() {
                    prop_assert_eq!(
                        O::from_name(name).map(|s| s.bits()),
                        P::from_name(name).map(|s| s.bits())
                    );
                }
            }
        }
    };
}

differential!(
    tox_mod_agrees_with_bitflags,
    tox_mod::ToxPermissions,
    plain::ToxPermissions,
    u16
);
differential!(
    guild_agrees_with_bitflags,
    guild::GuildPermissions,
    plain::GuildPermissions,
    u32
);
differential!(
    network_session_agrees_with_bitflags,
    network_session::SessionPermissions,
    plain::SessionPermissions,
    u16
);

/// Random bits rarely hit the names exactly; walk every row too.
#[test]
fn every_named_row_agrees() {
    use bitflags::Flags;
    for flag in plain::ToxPermissions::FLAGS {
        let ours = tox_mod::ToxPermissions::from_name(flag.name()).unwrap();
        assert_eq!(ours.bits(), flag.value().bits(), "{}", flag.name());
        assert_eq!(format!("{ours:?}"), format!("{:?}", flag.value()));
    }
    for flag in plain::GuildPermissions::FLAGS {
        let ours = guild::GuildPermissions::from_name(flag.name()).unwrap();
        assert_eq!(ours.bits(), flag.value().bits(), "{}", flag.name());
    }
    for flag in plain::SessionPermissions::FLAGS {
        let ours = network_session::SessionPermissions::from_name(flag.name()).unwrap();
        assert_eq!(ours.bits(), flag.value().bits(), "{}", flag.name());
    }
}
