//! `permissions export --format ts`: the module type-checks with `tsc --strict`, and under
//! Node its `format`, `parse` and `has` agree with the sets that `#[derive(PermissionSet)]`
//! builds from the same documents, on the documents' own values.
//!
//! Needs node and `npm ci` in `permissions-cli/tests/js`; without them the test says loudly
//! that it was skipped, and under `CI=true` it fails.

mod common;

use std::path::Path;
use std::process::Command;

use common::{js_dir, node, node_tools, permissions, stderr};
use permissions::PermissionSet;
use permissions::bitflags::Flags;
use serde_json::{Value, json};

/// Seed 001's table, as `docs/tox_mod.md` writes it: `SEND_MESSAGES = 0x0112`.
#[derive(PermissionSet)]
#[permissions(markdown = "../docs/tox_mod.md")]
pub struct Tox(u16);

/// Seed 002's guild table: bit 31 to bit 3, bits 0-2 not used.
#[derive(PermissionSet)]
#[permissions(markdown = "../docs/guild.md", section = "Guild Permissions")]
pub struct Guild(u32);

/// Seed 000's names-only table, numbered in order.
#[derive(PermissionSet)]
#[permissions(markdown = "../docs/network_session.md", auto_bits)]
pub struct Session(u16);

/// Ours: 64 bits, rows at bits 53 and 63, past what a JavaScript number holds exactly.
#[derive(PermissionSet)]
#[permissions(markdown = "tests/docs/channels.md")]
pub struct Channels(u64);

/// Ours: an alias (`MODERATE` = `MANAGE_MESSAGES`), a row the rows before it cover
/// (`READ_WRITE`), and bit 60.
#[derive(PermissionSet)]
#[permissions(markdown = "tests/docs/aliases.md", aliases)]
pub struct Scopes(u64);

/// Ours: the page's own words for the columns, and an alias (`rights.md`).
#[derive(PermissionSet)]
#[permissions(
    markdown = "tests/docs/rights.md",
    columns(name = "Right", value = "Mask", description = "When enabled"),
    aliases
)]
pub struct Rights(u8);

/// Ours: the second table under one heading of an MDX page (`gfm.md`).
#[derive(PermissionSet)]
#[permissions(markdown = "tests/docs/gfm.md", table = 3)]
pub struct Modern(u8);

/// Ours: a names-only table, held to the lock that `permissions lock` wrote.
#[derive(PermissionSet)]
#[permissions(
    markdown = "tests/docs/names-only.md",
    auto_bits,
    lock = "tests/docs/names-only.lock"
)]
pub struct Flags3(u8);

/// The cases for one module: every value is a decimal string, as the JSON export writes them.
macro_rules! cases {
    ($set:ty, $bits:ty, $module:expr) => {{
        let rows: Vec<$bits> = <$set as Flags>::FLAGS.iter().map(|f| f.value().bits()).collect();
        let mut values: Vec<$bits> = vec![0, <$bits>::MAX];
        values.extend((0..<$bits>::BITS).map(|b| 1 << b));
        values.extend(rows.iter().copied());
        values.extend(rows.windows(2).map(|w| w[0] | w[1]));
        // Some values with many bits: a fixed linear congruential sequence.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..64 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            values.push((x >> 7) as $bits);
        }
        let format: Vec<Value> = values
            .iter()
            .map(|&v| json!([v.to_string(), <$set>::from_bits_retain(v).to_string()]))
            .collect();
        let mut texts: Vec<String> = values
            .iter()
            .map(|&v| <$set>::from_bits_retain(v).to_string())
            .collect();
        texts.extend(
            [
                "", "  ", "|", "A ||", "0x", "0x+1f", "0X10", "0x-1", "0xg", " 0x10 | 0x1 ",
                "\u{feff}0x1", "\u{2003}0x1\u{3000}", "0x100000000000000000000000000000000",
            ]
            .map(String::from),
        );
        texts.push(format!("{:#x}", u128::from(<$bits>::MAX) + 1));
        for flag in <$set as Flags>::FLAGS {
            texts.push(format!("\t{} |{}", flag.name(), flag.name()));
            texts.push(flag.name().to_lowercase());
        }
        let parse: Vec<Value> = texts
            .iter()
            .map(|t| json!([t, t.parse::<$set>().ok().map(|s| s.bits().to_string())]))
            .collect();
        let has: Vec<Value> = values
            .iter()
            .take(80)
            .flat_map(|&v| rows.iter().map(move |&r| (v, r)))
            .map(|(v, r)| {
                let held = <$set>::from_bits_retain(v).contains(<$set>::from_bits_retain(r));
                json!([v.to_string(), r.to_string(), held])
            })
            .collect();
        json!({"module": $module, "format": format, "parse": parse, "has": has, "rows": rows.len()})
    }};
}

/// A TypeScript file that uses the modules as a strict client would.
const USAGE: &str = r#"
import * as tox from "./tox";
import { ADMINISTRATOR, SEND_INVITES, format, has, parse, type FlagName } from "./guild";
import * as channels from "./channels";

const name: FlagName = "BAN_MEMBERS";
const stored: bigint = ADMINISTRATOR | SEND_INVITES;
const text: string = format(stored);
const back: bigint = parse(text);
const ok: boolean = has(back, SEND_INVITES) && tox.has(tox.parse("SEND_MESSAGES"), tox.VIEW_SETTINGS);
const top: bigint = channels.MANAGE_CHANNEL;
const width: number = channels.width;
const first: tox.Flag | undefined = tox.flags[0];
// @ts-expect-error: not a row of the guild table
const wrong: FlagName = "BAN_MEMBER";
// @ts-expect-error: values are bigint, not number
const small: number = SEND_INVITES;
export { name, ok, top, width, first, wrong, small };
"#;

#[test]
fn the_typescript_module_type_checks_and_agrees_with_the_derive() {
    if !node_tools(
        "the_typescript_module_type_checks_and_agrees_with_the_derive",
        &["typescript"],
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let exports: [(&str, &[&str]); 10] = [
        ("tox", &["docs/tox_mod.md"]),
        ("guild", &["docs/guild.md", "-s", "Guild Permissions"]),
        ("session", &["docs/network_session.md", "--auto-bits"]),
        ("channels", &["permissions-cli/tests/docs/channels.md"]),
        (
            "scopes",
            &["permissions-cli/tests/docs/aliases.md", "--aliases"],
        ),
        // Type-checked only: escapes, footnote marks, inline HTML and references in names and
        // descriptions.
        (
            "escapes",
            &["permissions-cli/tests/docs/shapes.md", "--table", "4"],
        ),
        (
            "mdx",
            &["permissions-cli/tests/docs/gfm.md", "--table", "1"],
        ),
        ("rights", &common::RIGHTS),
        (
            "modern",
            &["permissions-cli/tests/docs/gfm.md", "--table", "3"],
        ),
        (
            "flags3",
            &["permissions-cli/tests/docs/names-only.md", "--auto-bits"],
        ),
    ];
    let mut sources = Vec::new();
    for (name, args) in exports {
        let file = dir.path().join(format!("{name}.ts"));
        let file_arg = file.display().to_string();
        let mut all = vec!["export", "--format", "ts", "-o", &file_arg];
        all.extend_from_slice(args);
        let out = permissions(&all);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        sources.push(file);
    }
    let usage = dir.path().join("usage.ts");
    std::fs::write(&usage, USAGE).expect("write usage.ts");
    sources.push(usage);

    let out_dir = dir.path().join("out");
    let tsc = Command::new("node")
        .arg(js_dir().join("node_modules/typescript/bin/tsc"))
        .args([
            "--strict",
            "--noEmitOnError",
            "--target",
            "es2020",
            "--module",
            "commonjs",
        ])
        .arg("--outDir")
        .arg(&out_dir)
        .args(&sources)
        .output()
        .expect("tsc runs");
    assert!(
        tsc.status.success(),
        "tsc --strict refused the generated modules:\n{}{}",
        String::from_utf8_lossy(&tsc.stdout),
        stderr(&tsc)
    );

    let module = |name: &str| out_dir.join(format!("{name}.js")).display().to_string();
    let cases = json!([
        cases!(Tox, u16, module("tox")),
        cases!(Guild, u32, module("guild")),
        cases!(Session, u16, module("session")),
        cases!(Channels, u64, module("channels")),
        cases!(Scopes, u64, module("scopes")),
        cases!(Rights, u8, module("rights")),
        cases!(Modern, u8, module("modern")),
        cases!(Flags3, u8, module("flags3")),
    ]);
    let cases_file = dir.path().join("cases.json");
    std::fs::write(&cases_file, cases.to_string()).expect("write the cases");
    let out = node(&[Path::new("agreement.cjs"), &cases_file]);
    eprintln!("typescript agreement: {}", out.trim());
    assert!(out.ends_with("cases agree\n"), "{out}");
}

#[test]
fn the_seeds_values_in_typescript() {
    // The seed values the README quotes, as the TypeScript module spells them.
    let out = permissions(&[
        "export",
        "docs/guild.md",
        "-s",
        "Guild Permissions",
        "-f",
        "ts",
    ]);
    let ts = String::from_utf8_lossy(&out.stdout);
    assert!(ts.contains("export const ADMINISTRATOR = 0x80000000n;\n"));
    assert!(ts.contains("export const SEND_INVITES = 0x8n;\n"));
    assert!(ts.contains("export const reserved = 0x7n;\n"));
    assert_eq!(Guild::ADMINISTRATOR.bits(), 0x8000_0000);
    assert_eq!(Tox::SEND_MESSAGES.bits(), 0x0112);
    assert_eq!(Session::USER.bits(), 0b1000);
    assert_eq!(Channels::MANAGE_CHANNEL.bits(), 1 << 63);
    assert_eq!(Scopes::MODERATE, Scopes::MANAGE_MESSAGES);
    let out = permissions(&[
        "export",
        "permissions-cli/tests/docs/aliases.md",
        "--aliases",
        "-f",
        "ts",
    ]);
    let ts = String::from_utf8_lossy(&out.stdout);
    assert!(
        ts.contains("export const MANAGE_MESSAGES = 0x4n;\n"),
        "{ts}"
    );
    assert!(ts.contains("export const MODERATE = 0x4n;\n"), "{ts}");
    assert!(
        ts.contains("export const AUDIT = 0x1000000000000000n;\n"),
        "{ts}"
    );
}
