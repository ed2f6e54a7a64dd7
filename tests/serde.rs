//! serde wire forms: bitflags' text format (the default), decimal strings (per set and per
//! field) and plain integers, in JSON and in postcard (a compact format). Unknown bits survive
//! every round trip and grant nothing; malformed input is an error that names the problem,
//! never a panic.
//!
//! Needs the `serde` feature (`[[test]] required-features`). `cargo test --workspace` has it:
//! the member `tests/no-std` turns it on for the whole workspace build.

#[allow(dead_code)]
#[path = "../examples/guild_permissions.rs"]
mod guild;
#[allow(dead_code)]
#[path = "../examples/tox_mod.rs"]
mod tox_mod;

use std::fmt::Debug;

use guild::GuildPermissions as G;
use permissions::{Denied, HasPermissions, PermissionSet, Requirement, requires};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tox_mod::ToxPermissions as T;

/// Guild permissions as a chat API sends them, decimal strings (only the rows used here).
#[derive(PermissionSet)]
#[permissions(bits = u32, set = WireGuild, serde = "decimal")]
pub enum WireGuildPermission {
    /// Allows the user to bypass all permissions checks
    #[permission(bit = 31, bypass)]
    Administrator,
    /// Allows the user to ban members
    #[permission(bit = 19)]
    BanMembers,
    /// Allows the user to kick members
    #[permission(bit = 18)]
    KickMembers,
    /// Allows the user to send invites
    #[permission(bit = 3)]
    SendInvites,
}

/// A 128-bit set stored as a plain integer.
#[derive(PermissionSet)]
#[permissions(bits = u128, set = Wide, serde = "bits")]
pub enum WidePermission {
    /// The highest bit.
    #[permission(bit = 127)]
    Top,
    /// The lowest bit.
    #[permission(bit = 0)]
    Bottom,
}

/// One field per `with` module, over a set whose own form is text.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Role {
    #[serde(with = "permissions::serde::decimal")]
    decimal: G,
    #[serde(with = "permissions::serde::bits")]
    bits: G,
    #[serde(with = "permissions::serde::text")]
    text: G,
    own: G,
}

impl Role {
    fn all(set: G) -> Self {
        Role {
            decimal: set,
            bits: set,
            text: set,
            own: set,
        }
    }
}

/// The decimal form of a 128-bit set, for values beyond `u64`.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct WideDecimal(#[serde(with = "permissions::serde::decimal")] Wide);

/// Administrator (bit 31) and Send Invites (bit 3), as chat APIs send them.
const OWNER: u32 = 2_147_483_656;

fn json<V: Serialize>(value: &V) -> String {
    serde_json::to_string(value).expect("serializing to JSON cannot fail")
}

fn from_json<V: DeserializeOwned>(text: &str) -> Result<V, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The error's message without serde_json's " at line 1 column N".
fn json_error<V: DeserializeOwned + Debug>(text: &str) -> String {
    let message = from_json::<V>(text).expect_err(text);
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

fn postcard<V: Serialize>(value: &V) -> Vec<u8> {
    postcard::to_allocvec(value).expect("serializing to postcard cannot fail")
}

/// `value` survives JSON and postcard unchanged.
fn round_trips<V: Serialize + DeserializeOwned + PartialEq + Debug>(value: &V) {
    assert_eq!(from_json::<V>(&json(value)).as_ref(), Ok(value), "JSON");
    let bytes = postcard(value);
    assert_eq!(
        postcard::from_bytes::<V>(&bytes).as_ref(),
        Ok(value),
        "postcard"
    );
}

#[test]
fn text_is_the_default_form_in_json() {
    assert_eq!(
        json(&(G::BAN_MEMBERS | G::KICK_MEMBERS)),
        r#""BAN_MEMBERS | KICK_MEMBERS""#
    );
    assert_eq!(
        json(&T::DEFAULT),
        r#""VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES""#
    );
    assert_eq!(json(&G::empty()), r#""""#);

    let owner = G::ADMINISTRATOR | G::SEND_INVITES;
    assert_eq!(owner.bits(), OWNER);
    assert_eq!(from_json(r#""ADMINISTRATOR | SEND_INVITES""#), Ok(owner));
    assert_eq!(
        from_json(r#""KICK_MEMBERS | BAN_MEMBERS""#),
        Ok(G::BAN_MEMBERS | G::KICK_MEMBERS)
    );
    assert_eq!(from_json(r#""0x0112""#), Ok(T::SEND_MESSAGES));
    assert_eq!(from_json(r#""""#), Ok(T::empty()));
    round_trips(&owner);
    round_trips(&T::DEFAULT);
}

#[test]
fn text_errors_name_the_problem() {
    assert_eq!(
        json_error::<G>(r#""BAN_MEMBRES""#),
        "unrecognized named flag `BAN_MEMBRES`"
    );
    assert_eq!(json_error::<G>(r#""0xZZ""#), "invalid hex flag `ZZ`");
    // One bit too many for u32.
    assert_eq!(
        json_error::<G>(r#""0x100000000""#),
        "invalid hex flag `100000000`"
    );
    assert_eq!(
        json_error::<G>(r#""BAN_MEMBERS | | KICK_MEMBERS""#),
        "encountered empty flag"
    );
    assert_eq!(
        json_error::<G>("2147483656"),
        "invalid type: integer `2147483656`, expected a string value of `|` separated flags"
    );
    assert_eq!(
        json_error::<T>("null"),
        "invalid type: null, expected a string value of `|` separated flags"
    );
}

#[test]
fn decimal_form_per_set() {
    let owner = WireGuild::ADMINISTRATOR | WireGuild::SEND_INVITES;
    assert_eq!(owner.bits(), OWNER);
    assert_eq!(json(&owner), r#""2147483656""#);
    // A string or a number.
    assert_eq!(from_json(r#""2147483656""#), Ok(owner));
    assert_eq!(from_json("2147483656"), Ok(owner));
    assert_eq!(from_json(r#""0""#), Ok(WireGuild::empty()));
    assert_eq!(from_json(r#""00008""#), Ok(WireGuild::SEND_INVITES));
    assert_eq!(
        from_json("4294967295"),
        Ok(WireGuild::from_bits_retain(u32::MAX))
    );
    round_trips(&owner);
    round_trips(&WireGuild::all());
}

#[test]
fn decimal_errors_name_the_problem() {
    let cases = [
        (
            r#""""#,
            r#"invalid decimal permissions "": expected decimal digits, found an empty string"#,
        ),
        (
            r#""-8""#,
            r#"invalid decimal permissions "-8": permissions cannot be negative"#,
        ),
        (
            "-8",
            "invalid decimal permissions -8: permissions cannot be negative",
        ),
        (
            r#""12a""#,
            r#"invalid decimal permissions "12a": 'a' is not a decimal digit"#,
        ),
        (
            r#"" 8""#,
            r#"invalid decimal permissions " 8": ' ' is not a decimal digit"#,
        ),
        (
            r#""+8""#,
            r#"invalid decimal permissions "+8": '+' is not a decimal digit"#,
        ),
        (
            r#""0x8""#,
            r#"invalid decimal permissions "0x8": 'x' is not a decimal digit"#,
        ),
        (
            r#""4294967296""#,
            r#"invalid decimal permissions "4294967296": too large for u32"#,
        ),
        (
            "4294967296",
            "invalid decimal permissions 4294967296: too large for u32",
        ),
        // 2^128: too large even to read.
        (
            r#""340282366920938463463374607431768211456""#,
            r#"invalid decimal permissions "340282366920938463463374607431768211456": too large for u32"#,
        ),
        (
            r#""\u0000\n""#,
            r#"invalid decimal permissions "\0\n": '\0' is not a decimal digit"#,
        ),
        (
            "1.5",
            r#"invalid type: floating point `1.5`, expected permissions as a decimal string such as "2147483656" or an unsigned integer"#,
        ),
        (
            "true",
            r#"invalid type: boolean `true`, expected permissions as a decimal string such as "2147483656" or an unsigned integer"#,
        ),
        (
            "[8]",
            r#"invalid type: sequence, expected permissions as a decimal string such as "2147483656" or an unsigned integer"#,
        ),
    ];
    for (input, message) in cases {
        assert_eq!(json_error::<WireGuild>(input), message, "{input}");
    }
    // A huge input makes a short message.
    let long = format!(r#""{}""#, "9".repeat(10_000));
    assert_eq!(
        json_error::<WireGuild>(&long),
        format!(
            r#"invalid decimal permissions "{}...": too large for u32"#,
            "9".repeat(40)
        )
    );
}

#[test]
fn every_form_per_field() {
    let role = Role::all(G::ADMINISTRATOR | G::SEND_INVITES);
    let expected = r#"{"decimal":"2147483656","bits":2147483656,"text":"ADMINISTRATOR | SEND_INVITES","own":"ADMINISTRATOR | SEND_INVITES"}"#;
    assert_eq!(json(&role), expected);
    assert_eq!(
        from_json(expected),
        Ok(Role::all(G::ADMINISTRATOR | G::SEND_INVITES))
    );
    // The decimal field also takes a number.
    let numeric = expected.replacen(r#""2147483656""#, "2147483656", 1);
    assert_eq!(
        from_json(&numeric),
        Ok(Role::all(G::ADMINISTRATOR | G::SEND_INVITES))
    );
    round_trips(&role);

    assert_eq!(
        json_error::<Role>(&expected.replacen("2147483656,", "-1,", 1)),
        "invalid value: integer `-1`, expected u32"
    );
}

#[test]
fn bits_form_and_128_bit_sets() {
    let both = Wide::TOP | Wide::BOTTOM;
    assert_eq!(json(&both), "170141183460469231731687303715884105729");
    assert_eq!(
        from_json("170141183460469231731687303715884105729"),
        Ok(both)
    );
    round_trips(&both);
    // serde_json's own wording for a 128-bit integer that is not one.
    assert_eq!(json_error::<Wide>(r#""TOP""#), "invalid number");

    let decimal = WideDecimal(both);
    assert_eq!(
        json(&decimal),
        r#""170141183460469231731687303715884105729""#
    );
    round_trips(&decimal);
    assert_eq!(
        from_json(r#""340282366920938463463374607431768211455""#),
        Ok(WideDecimal(Wide::from_bits_retain(u128::MAX)))
    );
    assert_eq!(
        json_error::<WideDecimal>(r#""340282366920938463463374607431768211456""#),
        r#"invalid decimal permissions "340282366920938463463374607431768211456": too large for u128"#
    );
}

#[test]
fn compact_formats_carry_the_integer_in_every_form() {
    let owner = postcard(&OWNER);
    assert_eq!(owner, [0x88, 0x80, 0x80, 0x80, 0x08], "a varint");
    assert_eq!(postcard(&(G::ADMINISTRATOR | G::SEND_INVITES)), owner);
    assert_eq!(
        postcard(&(WireGuild::ADMINISTRATOR | WireGuild::SEND_INVITES)),
        owner
    );
    assert_eq!(
        postcard(&Role::all(G::ADMINISTRATOR | G::SEND_INVITES)),
        owner.repeat(4)
    );
    assert_eq!(postcard(&T::DEFAULT), postcard(&0x0112u16));
    assert_eq!(postcard(&Wide::TOP), postcard(&(1u128 << 127)));
    assert_eq!(
        postcard::from_bytes::<WireGuild>(&owner),
        Ok(WireGuild::ADMINISTRATOR | WireGuild::SEND_INVITES)
    );

    // Malformed bytes are errors: too short, a varint too long for u32, a value too wide
    // for u16.
    assert_eq!(
        postcard::from_bytes::<G>(&owner[..4]),
        Err(postcard::Error::DeserializeUnexpectedEnd)
    );
    assert_eq!(
        postcard::from_bytes::<WireGuild>(&[0xff; 6]),
        Err(postcard::Error::DeserializeBadVarint)
    );
    assert_eq!(
        postcard::from_bytes::<T>(&postcard(&0x1_0000u32)),
        Err(postcard::Error::DeserializeBadVarint)
    );
}

#[test]
fn unknown_bits_survive_every_form_and_grant_nothing() {
    // Bits 0-2 are "Not Used" in the guild table.
    let held = G::SEND_INVITES | G::from_bits_retain(0b111);
    let unknown = G::from_bits_retain(0b100);
    assert_eq!(json(&held), r#""SEND_INVITES | 0x7""#);
    assert_eq!(
        json(&Role::all(held)),
        r#"{"decimal":"15","bits":15,"text":"SEND_INVITES | 0x7","own":"SEND_INVITES | 0x7"}"#
    );
    round_trips(&held);
    round_trips(&Role::all(held));
    let back: G = from_json(&json(&held)).unwrap();
    assert_eq!(back.bits(), 0b1111);
    assert!(!back.grants(unknown));
    assert!(back.check(&Requirement::All(unknown)).is_err());
    assert!(back.grants(G::SEND_INVITES));

    let wire = WireGuild::from_bits_retain(0b1111);
    assert_eq!(json(&wire), r#""15""#);
    round_trips(&wire);
    assert!(!wire.grants(WireGuild::from_bits_retain(0b100)));

    let tox = T::DEFAULT | T::from_bits_retain(0x8000);
    assert_eq!(
        json(&tox),
        r#""VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES | 0x8000""#
    );
    round_trips(&tox);
    assert!(!tox.grants(T::from_bits_retain(0x8000)));
}

// The guild's moderation requirement, as in the README.
const REMOVE: Requirement<G> = Requirement::AllOf(&[
    Requirement::All(G::MANAGE_MEMBERS),
    Requirement::AnyOf(&[
        Requirement::All(G::BAN_MEMBERS),
        Requirement::All(G::KICK_MEMBERS),
    ]),
]);

#[test]
fn denied_serializes_its_flags_in_the_sets_form() {
    let denied = G::MANAGE_MEMBERS.check(&REMOVE).unwrap_err();
    assert_eq!(
        json(&denied),
        r#"{"message":"missing BAN_MEMBERS | KICK_MEMBERS","missing":"BAN_MEMBERS | KICK_MEMBERS","required":"BAN_MEMBERS | KICK_MEMBERS | MANAGE_MEMBERS","requirement":"all(MANAGE_MEMBERS, any(BAN_MEMBERS, KICK_MEMBERS))"}"#
    );

    let needed = WireGuild::BAN_MEMBERS | WireGuild::KICK_MEMBERS;
    let denied = WireGuild::SEND_INVITES
        .check(&Requirement::AnyOf(&[
            Requirement::All(WireGuild::BAN_MEMBERS),
            Requirement::All(WireGuild::KICK_MEMBERS),
        ]))
        .unwrap_err();
    assert_eq!(denied.missing(), needed);
    assert_eq!(
        json(&denied),
        r#"{"message":"missing one of BAN_MEMBERS | KICK_MEMBERS","missing":"786432","required":"786432","requirement":"any(BAN_MEMBERS, KICK_MEMBERS)"}"#
    );
}

/// A guild member, for a guarded handler.
struct Member(G);

impl HasPermissions for Member {
    type Set = G;
    fn permissions(&self) -> G {
        self.0
    }
}

/// Removes a member from the guild.
#[requires(any(BAN_MEMBERS, KICK_MEMBERS), on = actor)]
fn kick(target: u64, actor: &Member) -> Result<u64, Denied<G>> {
    Ok(target)
}

#[test]
fn a_guards_denial_serializes() {
    assert_eq!(kick(7, &Member(G::KICK_MEMBERS)), Ok(7));
    let denied = kick(7, &Member(G::SEND_INVITES)).unwrap_err();
    assert_eq!(
        json(&denied),
        r#"{"message":"missing one of BAN_MEMBERS | KICK_MEMBERS","missing":"BAN_MEMBERS | KICK_MEMBERS","required":"BAN_MEMBERS | KICK_MEMBERS","requirement":"any(BAN_MEMBERS, KICK_MEMBERS)"}"#
    );
}

#[cfg(feature = "audit")]
#[test]
fn a_guards_audit_entry_serializes() {
    let entry = permissions::audit::handlers()
        .find(|h| h.function() == "kick")
        .expect("#[requires] registers the handler");
    assert_eq!(
        json(entry),
        r#"{"module":"serde","function":"kick","holder":"actor","requirement":"any(BAN_MEMBERS, KICK_MEMBERS)"}"#
    );
    #[derive(Deserialize, Debug, PartialEq)]
    struct HandlerWire {
        module: String,
        function: String,
        holder: String,
        requirement: String,
    }
    assert_eq!(
        postcard::from_bytes::<HandlerWire>(&postcard(entry)),
        Ok(HandlerWire {
            module: "serde".to_owned(),
            function: "kick".to_owned(),
            holder: "actor".to_owned(),
            requirement: "any(BAN_MEMBERS, KICK_MEMBERS)".to_owned(),
        })
    );
}

/// What a compact format carries for a `Denied<G>`, read back with serde's derive.
#[derive(Deserialize, Debug, PartialEq)]
struct DeniedWire {
    message: String,
    missing: u32,
    required: u32,
    requirement: RequirementWire,
}

#[derive(Deserialize, Debug, PartialEq)]
enum RequirementWire {
    All(u32),
    AllOf(Vec<RequirementWire>),
    AnyOf(Vec<RequirementWire>),
}

#[test]
fn denied_in_a_compact_format_keeps_the_requirements_structure() {
    let denied = G::MANAGE_MEMBERS.check(&REMOVE).unwrap_err();
    let wire: DeniedWire = postcard::from_bytes(&postcard(&denied)).unwrap();
    let (ban, kick) = (G::BAN_MEMBERS.bits(), G::KICK_MEMBERS.bits());
    assert_eq!(
        wire,
        DeniedWire {
            message: "missing BAN_MEMBERS | KICK_MEMBERS".to_owned(),
            missing: ban | kick,
            required: ban | kick | G::MANAGE_MEMBERS.bits(),
            requirement: RequirementWire::AllOf(vec![
                RequirementWire::All(G::MANAGE_MEMBERS.bits()),
                RequirementWire::AnyOf(vec![RequirementWire::All(ban), RequirementWire::All(kick)]),
            ]),
        }
    );
}

/// Reads `value` as each form. Whatever is accepted must survive a second round trip;
/// whatever is refused must say why. Nothing may panic.
fn read_every_form(value: &Value) {
    fn check<V: Serialize + DeserializeOwned + PartialEq + Debug>(value: &Value) {
        match serde_json::from_value::<V>(value.clone()) {
            Ok(read) => round_trips(&read),
            Err(error) => assert!(!error.to_string().is_empty()),
        }
    }
    check::<G>(value);
    check::<T>(value);
    check::<WireGuild>(value);
    check::<Wide>(value);
    check::<WideDecimal>(value);
    check::<Role>(value);
}

/// Strings that look like each form, so that generated inputs get past the first character.
fn wire_like_string() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "BAN_MEMBERS",
        "SEND_MESSAGES",
        "ADMINISTRATOR",
        "BAN_MEMBRES",
        "0x",
        "0x8000",
        "0xffffffffffffffffffffffffffffffffff",
        "ZZ",
        " | ",
        "|",
        " ",
        "-",
        "+",
        "0",
        "9",
        "2147483656",
        "340282366920938463463374607431768211456",
        "é",
        "\u{0}",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..8).prop_map(|pieces| pieces.concat())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        wire_like_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(&["decimal", "bits", "text", "own", "x"][..]),
                    inner
                ),
                0..5
            )
            .prop_map(|fields| Value::Object(
                fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(text in prop_oneof![any::<String>(), wire_like_string()]) {
        read_every_form(&Value::String(text));
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        read_every_form(&value);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..24)) {
        fn check<V: Serialize + DeserializeOwned + PartialEq + Debug>(bytes: &[u8]) {
            if let Ok(read) = postcard::from_bytes::<V>(bytes) {
                round_trips(&read);
            }
        }
        check::<G>(&bytes);
        check::<T>(&bytes);
        check::<WireGuild>(&bytes);
        check::<Wide>(&bytes);
        check::<Role>(&bytes);
    }

    #[test]
    fn any_bits_round_trip_in_every_form_and_unknown_bits_grant_nothing(bits in any::<u32>()) {
        let held = G::from_bits_retain(bits);
        round_trips(&held);
        round_trips(&Role::all(held));
        round_trips(&WireGuild::from_bits_retain(bits));
        let read: Role = from_json(&json(&Role::all(held))).unwrap();
        prop_assert_eq!(read.decimal.bits(), bits);
        prop_assert_eq!(read.text.bits(), bits);

        // The bits the table knows decide every grant; the rest add nothing.
        let known = G::from_bits_truncate(bits);
        for row in G::ROWS {
            prop_assert_eq!(read.own.grants(row.value()), known.grants(row.value()), "{}", row.name());
        }
        let unknown = G::from_bits_retain(bits & !G::all().bits());
        if !unknown.is_empty() && !known.holds_bypass() {
            prop_assert!(!read.own.grants(unknown));
        }
    }
}
