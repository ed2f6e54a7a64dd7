//! The `permissions` binary on our documents (`docs/`, `permissions-cli/tests/docs/`) and on
//! the three seeds: output and exit codes.

mod common;

use common::{permissions, seeds, stderr, stdout};

const SHAPES: &str = "permissions-cli/tests/docs/shapes.md";
const CHANNELS: &str = "permissions-cli/tests/docs/channels.md";
const BROKEN: &str = "permissions-cli/tests/docs/broken.md";
const NAMES_ONLY: &str = "permissions-cli/tests/docs/names-only.md";

#[test]
fn check_reads_every_table_of_our_documents() {
    let out = permissions(&[
        "check",
        "--auto-bits",
        "docs/guild.md",
        "docs/tox_mod.md",
        "docs/network_session.md",
        SHAPES,
        CHANNELS,
        NAMES_ONLY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            r#"ok: docs/guild.md:21: "Guild Permissions": 29 permissions, u32, 3 reserved bits"#,
            r#"ok: docs/guild.md:70: "Text Channel Permissions": 11 permissions, u16"#,
            r#"ok: docs/tox_mod.md:16: "Permission Flags": 8 permissions, u16"#,
            r#"ok: docs/network_session.md:13: "Network session permissions": 9 permissions, u16"#,
            r#"ok: permissions-cli/tests/docs/shapes.md:8: "Hex values": 4 permissions, u16"#,
            r#"ok: permissions-cli/tests/docs/shapes.md:17: "Decimal, binary and shifts, in backticks and not": 4 permissions, u8"#,
            r#"ok: permissions-cli/tests/docs/shapes.md:26: "Bit numbers and bit positions that agree": 2 permissions, u8, 1 reserved bit"#,
            r#"ok: permissions-cli/tests/docs/shapes.md:34: "Escapes, inline code and footnote marks": 4 permissions, u8"#,
            r#"ok: permissions-cli/tests/docs/shapes.md:45: "Extra columns kept as metadata": 4 permissions, u8"#,
            r#"ok: permissions-cli/tests/docs/shapes.md:66: "Inside an admonition, after a code block": 2 permissions, u8"#,
            r#"ok: permissions-cli/tests/docs/channels.md:25: "Channel Permission Flags": 13 permissions, u64, 1 reserved bit"#,
            r#"ok: permissions-cli/tests/docs/names-only.md:5: "Session flags": 3 permissions, u8"#,
        ]
    );
}

#[test]
fn check_reads_the_three_seeds() {
    let [session, tox, guild] = seeds();
    let out = permissions(&["check", "--auto-bits", &session, &tox, &guild]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!(r#"ok: {session}:9: "Permission Sets": 9 permissions, u16"#),
            format!(r#"ok: {tox}:15: "Discord Permission Flags": 8 permissions, u16"#),
            format!(r#"ok: {guild}:19: "Guild Permissions": 29 permissions, u32, 3 reserved bits"#),
        ]
    );
    // Seed 000 gives no values: without --auto-bits that is an error, with the flag to pass.
    let out = permissions(&["check", &session]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {session}:9: the table has no `Value`, `Bit Number` or `Bit Position` \
             column; add one, or pass --auto-bits to number the rows in order\n\
             1 error in 1 of 1 document\n"
        )
    );
}

#[test]
fn check_reports_every_error_with_file_and_line() {
    let out = permissions(&[
        "check",
        BROKEN,
        "docs/guild.md",
        "tests/fixtures/guild-disagree.md",
        "no/such/file.md",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "error: permissions-cli/tests/docs/broken.md:8: columns disagree: `Bit Number` gives 0x0004 (bit 2) but `Bit Position` gives 0x0002 (bit 1)",
            "error: permissions-cli/tests/docs/broken.md:15: two rows are named `BAN_MEMBERS` (the first on line 14)",
            // Two errors in one table: every bad row, not the first only.
            "error: permissions-cli/tests/docs/broken.md:22: cannot read `Value` cell `0xZZ`: expected hex `0x..`, decimal, binary `0b..` or `1 << n`",
            "error: permissions-cli/tests/docs/broken.md:23: a row's value cannot be 0: it would be held by everyone",
            "error: tests/fixtures/guild-disagree.md:6: columns disagree: `Bit Number` gives 0x40000000 (bit 30) but `Bit Position` gives 0x20000000 (bit 29)",
        ][..],
        "{err}"
    );
    assert!(
        lines[5].starts_with("error: cannot read no/such/file.md: "),
        "{}",
        lines[5]
    );
    assert_eq!(lines[6..], ["6 errors in 3 of 4 documents"]);
    // The tables that read well are still reported.
    assert!(stdout(&out).contains(r#"broken.md:27: "A good table": 1 permission, u8"#));
    assert!(stdout(&out).contains(r#"docs/guild.md:21: "Guild Permissions""#));
}

#[test]
fn check_with_a_section_reads_that_table_only() {
    let out = permissions(&["check", BROKEN, "--section", "a good table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = permissions(&["check", BROKEN, "-s", "A duplicate nam"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "error: permissions-cli/tests/docs/broken.md:1: no heading `A duplicate nam` in the \
             document; did you mean `A duplicate name`?\nthe document's tables:\n  \
             --section \"Columns that disagree\"  (table on line 5)\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_with_a_width_refuses_wider_values() {
    let out = permissions(&["check", CHANNELS, "--width", "32"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().next(),
        Some(
            "error: permissions-cli/tests/docs/channels.md:37: value 0x10000000000 (bit 40) does not fit in `u32`"
        )
    );
    let out = permissions(&["check", CHANNELS, "--width", "64"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn explain_names_the_rows_and_the_unknown_bits() {
    let out = permissions(&[
        "explain",
        "docs/guild.md",
        "-s",
        "Guild Permissions",
        "2147483656",
        "0x8000000F",
        "ban members | Kick Members",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        r#"docs/guild.md:21: "Guild Permissions", u32

2147483656 = 0x80000008: ADMINISTRATOR | SEND_INVITES
  ADMINISTRATOR    bit  31  0x80000000  Passes every permission check; the other bits no longer matter
  SEND_INVITES     bit   3  0x00000008  Send invites to the guild

2147483663 = 0x8000000f: ADMINISTRATOR | SEND_INVITES | 0x7
  ADMINISTRATOR    bit  31  0x80000000  Passes every permission check; the other bits no longer matter
  SEND_INVITES     bit   3  0x00000008  Send invites to the guild
  (unknown)        bit   0  0x00000001  reserved by "Not Used" (line 54)
  (unknown)        bit   1  0x00000002  reserved by "Not Used" (line 53)
  (unknown)        bit   2  0x00000004  reserved by "Not Used" (line 52)

786432 = 0x000c0000: BAN_MEMBERS | KICK_MEMBERS
  BAN_MEMBERS      bit  19  0x00080000  Ban members
  KICK_MEMBERS     bit  18  0x00040000  Kick members
"#
    );
}

#[test]
fn explain_lists_a_run_of_unknown_bits_once() {
    let out = permissions(&["explain", CHANNELS, "18446744073709551615"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let unknown: Vec<&str> = text.lines().filter(|l| l.contains("(unknown)")).collect();
    assert_eq!(
        unknown,
        [
            "  (unknown)         bits 4-9  0x00000000000003f0  no row names it",
            "  (unknown)         bits 14-19  0x00000000000fc000  no row names it",
            "  (unknown)         bit  20  0x0000000000100000  reserved by \"Reserved\" (line 36)",
            "  (unknown)         bits 21-39  0x000000ffffe00000  no row names it",
            "  (unknown)         bits 42-52  0x001ffc0000000000  no row names it",
            "  (unknown)         bits 54-62  0x7fc0000000000000  no row names it",
        ]
    );
    // VOICE_MODERATION is held, and left out of the text form: MUTE_MEMBERS and USE_VIDEO
    // print its bits already, as bitflags' Display does.
    assert!(text.contains("  VOICE_MODERATION   2 bits  0x0000000000003000  "));
    assert!(text.contains(" | USE_VIDEO | POST_THREADS | "));
}

#[test]
fn explain_on_the_seeds() {
    let [session, tox, guild] = seeds();
    // Seed 001: the default 0x0112 holds VIEW_SETTINGS and VIEW_PUBLIC_LOGS; bit 4 alone is
    // part of SEND_MESSAGES only.
    let out = permissions(&["explain", &tox, "0x0112", "0x0012"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            r#"{tox}:15: "Discord Permission Flags", u16

274 = 0x0112: VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES
  VIEW_PUBLIC_LOGS    bit   1  0x0002  Allows viewing any action logged in a public channel
  VIEW_SETTINGS       bit   8  0x0100  Allows viewing settings for the guild
  SEND_MESSAGES        3 bits  0x0112  Allows Sending Messages and Executing Base Level Commands

18 = 0x0012: VIEW_PUBLIC_LOGS | 0x10
  VIEW_PUBLIC_LOGS    bit   1  0x0002  Allows viewing any action logged in a public channel
  (unknown)           bit   4  0x0010  part of SEND_MESSAGES (line 22), which the value does not hold in full
"#
        )
    );
    // Seed 002: Administrator is bit 31.
    let out = permissions(&["explain", &guild, "2147483656"]);
    assert!(stdout(&out).contains("2147483656 = 0x80000008: ADMINISTRATOR | SEND_INVITES\n"));
    // Seed 000: numbered in order, USER is bit 3.
    let out = permissions(&["explain", "--auto-bits", &session, "0b1001", "USER"]);
    let text = stdout(&out);
    assert!(text.contains("9 = 0x0009: PUBLIC | USER\n"), "{text}");
    assert!(text.contains("8 = 0x0008: USER\n"), "{text}");
}

#[test]
fn explain_refuses_what_is_not_a_value() {
    for (value, message) in [
        ("A", "error: `A` is not a row of the table\n"),
        (
            "VIEW_SETTING",
            "error: `VIEW_SETTING` is not a row of the table; did you mean VIEW_SETTINGS?\n",
        ),
        (
            "12abc",
            "error: cannot read `12abc` as a number: write decimal, hex `0x..` or binary `0b..`, up to 128 bits\n",
        ),
        (
            "ADMINISTRATOR ||",
            "error: cannot read `ADMINISTRATOR ||`: an empty part between `|`\n",
        ),
    ] {
        let out = permissions(&["explain", "docs/tox_mod.md", value]);
        assert_eq!(out.status.code(), Some(1), "{value}");
        assert_eq!(stderr(&out), message, "{value}");
        assert_eq!(stdout(&out), "", "{value}");
    }
    // A negative number reads as an option, unless `--` ends the options.
    let out = permissions(&["explain", "docs/tox_mod.md", "--", "-1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: cannot read `-1` as a number: write decimal, hex `0x..` or binary `0b..`, up to 128 bits\n"
    );
    let out = permissions(&["explain", "docs/tox_mod.md", "-1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = permissions(&["explain", "docs/tox_mod.md", "--width", "16", "0x10000"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: `0x10000` has bits beyond the 16 bits of the table's set (u16)\n"
    );
}

#[test]
fn a_document_with_several_tables_needs_a_section() {
    let out = permissions(&["explain", "docs/guild.md", "8"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: docs/guild.md:21: the document has 2 tables; choose one with --section or --table\n\
         the document's tables:\n  \
         --section \"Guild Permissions\"  (table on line 21)\n  \
         --section \"Text Channel Permissions\"  (table on line 70)\n"
    );
    let out = permissions(&[
        "export",
        "docs/guild.md",
        "-s",
        "Voice Channel Permissions",
        "-f",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "error: docs/guild.md:87: section `Voice Channel Permissions` has no table yet\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_json_gives_every_row_with_decimal_values() {
    let out = permissions(&["export", CHANNELS, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["source"], CHANNELS);
    assert_eq!(json["section"], "Channel Permission Flags");
    assert_eq!(json["width"], 64);
    assert_eq!(json["reserved"], (1u64 << 20).to_string());
    assert_eq!(json["metadata"], serde_json::json!(["Channel Type"]));
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 13);
    assert_eq!(
        rows[0],
        serde_json::json!({
            "name": "VIEW_CHANNEL", "label": "View Channel", "value": "1",
            "hex": "0x0000000000000001", "bits": [0],
            "description": "See the channel and its name",
            "metadata": {"Channel Type": "Text"}, "line": 27
        })
    );
    // Past 2^53, the decimal string is exact where a JSON number would not be.
    let last = &rows[12];
    assert_eq!(last["name"], "MANAGE_CHANNEL");
    assert_eq!(last["value"], "9223372036854775808");
    assert_eq!(last["bits"], serde_json::json!([63]));
    assert_eq!(rows[11]["name"], "MODERATE_PIN");
    assert_eq!(rows[11]["label"], "Moderate | Pin");
    assert_eq!(rows[11]["value"], (1u64 << 53).to_string());
}

#[test]
fn export_json_of_seed_002() {
    let [_, _, guild] = seeds();
    let out = permissions(&["export", &guild, "-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["width"], 32);
    assert_eq!(json["reserved"], "7");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 29);
    assert_eq!(rows[0]["name"], "ADMINISTRATOR");
    assert_eq!(rows[0]["value"], "2147483648");
    assert_eq!(rows[0]["bits"], serde_json::json!([31]));
    assert_eq!(
        rows[0]["description"],
        "Allows the user to bypass all permissions checks"
    );
    assert_eq!(rows[28]["name"], "SEND_INVITES");
    assert_eq!(rows[28]["value"], "8");
}

#[test]
fn export_ts_writes_bigint_constants_to_a_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("tox.ts");
    let out = permissions(&[
        "export",
        "docs/tox_mod.md",
        "-f",
        "ts",
        "-o",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let ts = std::fs::read_to_string(&file).expect("the module");
    assert!(ts.contains(
        "/** Send messages and run the basic commands */\nexport const SEND_MESSAGES = 0x112n;\n"
    ));
    assert!(ts.contains("export const width = 16;\n"));
    assert!(ts.contains("export const all = 0x71fn;\n"));
    assert!(ts.contains("  { name: \"ADMINISTRATOR\", value: ADMINISTRATOR, description: \"Holds every permission: every check passes\" },\n"));
    assert!(ts.contains("export function parse(text: string): bigint {"));
}

#[test]
fn calculator_writes_one_page_that_needs_nothing_else() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let page = dir.path().join("channels.html");
    let out = permissions(&[
        "calculator",
        CHANNELS,
        "-o",
        page.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "wrote {}: 13 permissions of \"Channel Permission Flags\", grouped by \"Channel Type\"\n",
            page.display()
        )
    );
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<title>Channel Permission Flags — permission calculator</title>"));
    assert!(html.contains(r#""group_by":"Channel Type""#));
    assert!(html.contains(r#""value":"9223372036854775808""#));
    // Nothing to fetch: no URL, no external script, style or image.
    for outside in ["http:", "https:", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(outside), "the page refers to {outside}");
    }
}

#[test]
fn calculator_groups_only_by_a_column_it_has() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let page = dir.path().join("page.html");
    let page = page.to_str().expect("utf-8 path");
    let out = permissions(&["calculator", CHANNELS, "-o", page, "--group-by", "Scope"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: cannot group by `Scope`: its metadata columns are: `Channel Type` (or pass `--group-by none`)\n"
    );
    let out = permissions(&["calculator", CHANNELS, "-o", page, "--group-by", "none"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(page)
            .expect("page")
            .contains(r#""group_by":null"#)
    );
    let out = permissions(&[
        "calculator",
        "docs/tox_mod.md",
        "-o",
        "/no/such/dir/page.html",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: cannot write /no/such/dir/page.html: "));
}

#[test]
fn every_command_has_help_and_usage_errors_exit_2() {
    for command in ["check", "explain", "export", "calculator", "lock"] {
        let out = permissions(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command}");
        let help = stdout(&out);
        assert!(help.contains("Usage: permissions "), "{command}: {help}");
        assert!(help.contains("--section <HEADING>"), "{command}: {help}");
        for flag in [
            "--auto-bits",
            "--table <N>",
            "--column <ROLE=HEADER>",
            "--aliases",
            "--lock <FILE>",
        ] {
            assert!(help.contains(flag), "{command}: {help}");
        }
    }
    let out = permissions(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    for command in ["check", "explain", "export", "calculator"] {
        assert!(stdout(&out).contains(command));
    }
    let out = permissions(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage: permissions <COMMAND>"));
    for args in [
        &["frobnicate"][..],
        &["check"],
        &["explain", "docs/tox_mod.md"],
        &["export", "docs/tox_mod.md", "--format", "yaml"],
        &["calculator", "docs/tox_mod.md"],
        &["check", "docs/tox_mod.md", "--width", "24"],
    ] {
        let out = permissions(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("error: "), "{args:?}");
    }
}

/// Every table of ours and of the seeds, with the flags it needs: one per shape the reader
/// takes (values in every form, bit numbers and positions, escapes, footnote marks, metadata,
/// admonitions and code blocks around it, MDX references and inline HTML, stray cells, several
/// tables under one heading, renamed columns, aliases, names only).
fn every_table() -> Vec<Vec<String>> {
    let [session, tox, guild] = seeds();
    let mut tables: Vec<Vec<&str>> = vec![
        vec!["docs/guild.md", "-s", "Guild Permissions"],
        vec!["docs/guild.md", "-s", "Text Channel Permissions"],
        vec!["docs/tox_mod.md"],
        vec!["docs/network_session.md", "--auto-bits"],
        vec![&session, "--auto-bits"],
        vec![&tox],
        vec![&guild],
        vec![CHANNELS],
        vec![NAMES_ONLY, "--auto-bits"],
        vec!["permissions-cli/tests/docs/aliases.md", "--aliases"],
        common::RIGHTS.to_vec(),
    ];
    let numbers = ["1", "2", "3", "4", "5", "6"];
    for n in &numbers {
        tables.push(vec![SHAPES, "--table", n]);
    }
    for n in &numbers[..3] {
        tables.push(vec!["permissions-cli/tests/docs/gfm.md", "--table", n]);
    }
    tables
        .into_iter()
        .map(|t| t.into_iter().map(String::from).collect())
        .collect()
}

#[test]
fn every_command_reads_every_shape() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let page = dir.path().join("page.html");
    let page = page.to_str().expect("utf-8 path");
    for table in every_table() {
        let table: Vec<&str> = table.iter().map(String::as_str).collect();
        let (doc, flags) = (table[0], &table[1..]);
        let run = |command: &[&str], extra: &[&str]| {
            let mut args = command.to_vec();
            args.push(doc);
            args.extend_from_slice(flags);
            args.extend_from_slice(extra);
            let out = permissions(&args);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
            stdout(&out)
        };
        let checked = run(&["check"], &[]);
        assert!(checked.starts_with("ok: "), "{table:?}: {checked}");
        let json: serde_json::Value =
            serde_json::from_str(&run(&["export", "-f", "json"], &[])).expect("valid JSON");
        let rows = json["rows"].as_array().expect("rows");
        assert!(
            checked.contains(&format!(": {} permission", rows.len())),
            "{table:?}: {checked}"
        );
        // Every row explained by its own value, and all the bits at once.
        let all = rows.iter().fold(0u128, |all, row| {
            all | row["value"]
                .as_str()
                .expect("a decimal string")
                .parse::<u128>()
                .expect("a value")
        });
        let explained = run(&["explain"], &["--", &all.to_string(), "0"]);
        for row in rows {
            let name = row["name"].as_str().expect("a name");
            assert!(
                explained.contains(&format!("\n  {name} ")),
                "{table:?}: {explained}"
            );
        }
        assert!(
            explained.ends_with(": (empty)\n  holds no permission\n"),
            "{table:?}: {explained}"
        );
        let ts = run(&["export", "-f", "ts"], &[]);
        assert_eq!(
            ts.matches("\nexport const ").count(),
            rows.len() + 4,
            "{table:?}"
        );
        run(&["calculator", "-o", page], &[]);
        let lock = run(&["lock"], &[]);
        assert_eq!(
            lock.lines().filter(|l| !l.starts_with('#')).count(),
            rows.len()
        );
    }
}
