// The properties each fuzz target checks. Shared by the libFuzzer targets in `fuzz_targets/`
// and by `tests/fuzz_corpus.rs`, which replays the saved corpus as ordinary tests.
//
// Every check takes arbitrary bytes, must never panic on its own account, and panics (via
// `assert!`) only when a property of the library is broken.

use permissions::table::{self, Lock, Options};
use permissions::{PermissionSet, Requirement};

// The document path is relative to the crate's manifest: `fuzz/` under cargo-fuzz (which sets
// `--cfg fuzzing`), the workspace root for the corpus replay test.

/// The guild table of seed 002, derived from our document.
#[derive(PermissionSet)]
#[cfg_attr(fuzzing, permissions(markdown = "../docs/guild.md"))]
#[cfg_attr(not(fuzzing), permissions(markdown = "docs/guild.md"))]
#[permissions(section = "Guild Permissions", bypass = ADMINISTRATOR, serde = "text")]
pub struct Guild(u32);

/// The same table with the decimal wire form.
#[derive(PermissionSet)]
#[cfg_attr(fuzzing, permissions(markdown = "../docs/guild.md"))]
#[cfg_attr(not(fuzzing), permissions(markdown = "docs/guild.md"))]
#[permissions(section = "Guild Permissions", bypass = ADMINISTRATOR, serde = "decimal")]
pub struct GuildDecimal(u32);

/// The Markdown table parser: any text, any width, with or without `auto_bits`, returns a
/// table or an error, and an accepted table keeps its invariants.
pub fn table(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let auto = data.first().is_some_and(|b| b & 1 == 1);
    for width in [8u32, 16, 32, 64, 128] {
        let options = Options::new().with_width(width).with_auto_bits(auto);
        let Ok(parsed) = table::parse(text, &options) else {
            continue;
        };
        let mask = if width == 128 {
            u128::MAX
        } else {
            (1u128 << width) - 1
        };
        let mut seen_names = std::collections::HashSet::new();
        let mut seen_values = std::collections::HashSet::new();
        for row in &parsed.rows {
            assert!(row.value != 0, "zero value accepted: {row:?}");
            assert!(row.value & !mask == 0, "value beyond {width} bits: {row:?}");
            assert!(!row.name.is_empty());
            assert!(seen_values.insert(row.value), "duplicate value: {row:?}");
            if !row.reserved {
                assert!(
                    seen_names.insert(row.name.clone()),
                    "duplicate name: {row:?}"
                );
                assert_eq!(
                    table::normalize_name(&row.name),
                    row.name,
                    "name not normalized"
                );
            }
        }
        // Explaining any value names only rows it fully holds.
        let value = u128::from_le_bytes(pad(data));
        let explained = parsed.explain(value & mask);
        for row in &explained.held {
            assert_eq!(value & mask & row.value, row.value);
        }
    }
    // Every error at once: never an empty list, in line order.
    let options = Options::new().with_auto_bits(auto);
    match table::parse_all(text, &options) {
        Ok(all) => {
            // A lock written from a table reads back, and the table keeps to it.
            let rows = || all.permissions().map(|r| (r.name.as_str(), r.value));
            let lock =
                Lock::parse(&Lock::from_rows(rows()).render()).expect("a rendered lock reads back");
            assert!(lock.check(rows()).is_empty());
            assert!(table::parse(text, &options.with_lock(&lock)).is_ok());
        }
        Err(all) => {
            assert!(!all.is_empty());
            assert!(all.windows(2).all(|w| w[0].line <= w[1].line), "{all:?}");
        }
    }
    // The nth table, and any text as a lock, never panic.
    let n = data.get(1).map_or(1, |&b| usize::from(b % 4));
    let _ = table::parse(text, &options.with_table(n));
    let _ = Lock::parse(text);
    // The section lookup never panics either.
    let _ = table::sections(text);
    let _ = table::parse(
        text,
        &Options::new().with_section(text.lines().next().unwrap_or("")),
    );
}

/// bitflags' text format through `FromStr`: any text parses or errors, and what parses prints
/// back to text that parses to the same bits.
pub fn text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(set) = text.parse::<Guild>() {
        let printed = set.to_string();
        let again: Guild = printed.parse().expect("printed text parses");
        assert_eq!(again.bits(), set.bits(), "{text:?} -> {printed:?}");
        // Unknown bits never grant.
        let unknown = Guild::from_bits_retain(set.bits() & !Guild::all().bits());
        if !unknown.is_empty() && !set.holds_bypass() {
            assert!(!set.grants(unknown));
        }
    }
}

/// serde_json into every wire form: malformed input errors, accepted input round-trips with
/// its unknown bits.
pub fn json(data: &[u8]) {
    if let Ok(set) = serde_json::from_slice::<Guild>(data) {
        let back = serde_json::to_string(&set).expect("serializes");
        let again: Guild = serde_json::from_str(&back).expect("round trip");
        assert_eq!(again.bits(), set.bits());
    }
    if let Ok(set) = serde_json::from_slice::<GuildDecimal>(data) {
        let back = serde_json::to_string(&set).expect("serializes");
        assert_eq!(back, format!("\"{}\"", set.bits()));
        let again: GuildDecimal = serde_json::from_str(&back).expect("round trip");
        assert_eq!(again.bits(), set.bits());
    }
    if let Ok(req) = serde_json::from_slice::<u32>(data) {
        // Any stored value checks against a requirement without panicking.
        let held = Guild::from_bits_retain(req);
        let _ = held.check(&Requirement::AnyOf(&[
            Requirement::All(Guild::BAN_MEMBERS),
            Requirement::All(Guild::KICK_MEMBERS),
        ]));
    }
}

fn pad(data: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (o, d) in out.iter_mut().zip(data) {
        *o = *d;
    }
    out
}

/// Resolution fed arbitrary guilds: the result equals the plain O(R·O) model of Discord's
/// order and the prepared path's, never depends on the order overwrites are stored in,
/// honours bypass, and no overwrite grants bypass. Role ids are small so that many overwrites hit the member's roles.
pub fn resolve(data: &[u8]) {
    use permissions::resolve::{
        Channel, Member, Overwrite, Policy, Roles, Target, base_permissions, channel_permissions,
    };

    let mut bytes = Bytes(data);
    let everyone = Guild::from_bits_retain(bytes.u32());
    let personal = Guild::from_bits_retain(bytes.u32());
    let owner = bytes.u8() == 0xFF;
    let member_id = bytes.u8() % 8;
    let role_count = usize::from(bytes.u8() % 70);
    let mut role_ids = Vec::new();
    let mut role_sets = Vec::new();
    for _ in 0..role_count {
        role_ids.push(u16::from(bytes.u8()) % 96);
        role_sets.push(Guild::from_bits_retain(bytes.u32()));
    }
    let overwrite_count = usize::from(bytes.u8());
    let mut overwrites = Vec::new();
    for _ in 0..overwrite_count {
        let kind = bytes.u8();
        let id = u16::from(bytes.u8()) % 96;
        let target = match kind % 3 {
            0 => Target::Everyone,
            1 => Target::Role(id),
            _ => Target::Member(id % 8),
        };
        let allow = Guild::from_bits_retain(bytes.u32());
        let deny = Guild::from_bits_retain(bytes.u32());
        overwrites.push(Overwrite::new(target, allow, deny));
    }

    let base = base_permissions(everyone, role_sets.iter().copied(), personal, owner);
    let member_id = u16::from(member_id);
    let member = Member::new(member_id, &role_ids).with_owner(owner);
    let none: Policy<'static, Guild> = Policy::NONE;
    let resolved = channel_permissions(base, &member, &overwrites, &none);

    // The prepared path: the member's roles are the guild's roles here (duplicate ids unioned).
    let roles = Roles::new(
        everyone,
        role_ids.iter().copied().zip(role_sets.iter().copied()),
    );
    assert_eq!(roles.base(&member, personal), base, "prepared roles differ");
    let channel = Channel::new(&overwrites);
    assert_eq!(
        channel.permissions(base, &member, &none),
        resolved,
        "prepared channel differs"
    );
    let listed: Vec<Guild> = channel
        .members_with(&roles, [(member, personal)], &none, Guild::empty())
        .map(|(_, held)| held)
        .collect();
    assert_eq!(listed, [resolved], "members_with differs");

    if owner || base.holds_bypass() {
        assert_eq!(
            resolved,
            Guild::all(),
            "bypass or owner must hold everything"
        );
        return;
    }
    // The model: per level, the union of denies, then the union of allows; allows never
    // grant a bypass row; unknown bits never reach the result.
    let mut levels = [(Guild::empty(), Guild::empty()); 3];
    for overwrite in &overwrites {
        let level = match overwrite.target {
            Target::Everyone => 0,
            Target::Role(id) if role_ids.contains(&id) => 1,
            Target::Member(id) if id == member_id => 2,
            _ => continue,
        };
        levels[level].0 |= overwrite.deny;
        levels[level].1 |= overwrite.allow;
    }
    let model = levels.iter().fold(base, |held, (deny, allow)| {
        held.difference(*deny)
            .union(allow.difference(Guild::BYPASS))
    }) & Guild::all();
    assert_eq!(resolved, model, "resolution differs from the model");
    assert!(
        !resolved.holds_bypass() || base.holds_bypass(),
        "an overwrite granted bypass"
    );

    overwrites.reverse();
    let reversed = channel_permissions(base, &member, &overwrites, &none);
    assert_eq!(reversed, resolved, "stored order changed the result");
}

/// Reads the fuzzer's bytes as numbers, with zeros once they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        self.0 = rest;
        first
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
}
