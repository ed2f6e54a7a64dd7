//! The derive's options as flags: `--table`, `--column`, `--aliases`, `--lock`, and the
//! `lock` command that writes a lock; documents as GitHub renders them.

mod common;

use common::{permissions, stderr, stdout};

const GFM: &str = "permissions-cli/tests/docs/gfm.md";
const RIGHTS: &str = common::RIGHTS[0];
/// The `--column` flags of `rights.md`, without `--aliases`.
const RIGHTS_COLUMNS: &[&str] = common::RIGHTS.split_at(2).1;

#[test]
fn a_page_as_github_renders_it_reads_unedited() {
    // Character references, inline HTML, footnote marks, a stray cell, two tables under one
    // heading: every table reads, the second one under its heading too.
    let out = permissions(&["check", GFM]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "ok: permissions-cli/tests/docs/gfm.md:14: \"Permission flags\": 5 permissions, u8\n\
         ok: permissions-cli/tests/docs/gfm.md:30: \"Two tables under one heading\": 2 permissions, u8\n\
         ok: permissions-cli/tests/docs/gfm.md:35: \"Two tables under one heading\": 2 permissions, u8\n"
    );
    let out = permissions(&["explain", GFM, "-s", "Permission flags", "0x1f"]);
    assert_eq!(
        stdout(&out),
        "permissions-cli/tests/docs/gfm.md:14: \"Permission flags\", u8\n\n\
         31 = 0x1f: CREATE_INVITE | KICK_MEMBERS | BAN_MEMBERS | ADMINISTRATOR | MANAGE_CHANNELS\n  \
         CREATE_INVITE    bit   0  0x01  Create an invite for the channel\n  \
         KICK_MEMBERS     bit   1  0x02  Kick members\n  \
         BAN_MEMBERS      bit   2  0x04  Ban members & remove their messages\n  \
         ADMINISTRATOR    bit   3  0x08  Every permission\n  \
         MANAGE_CHANNELS  bit   4  0x10  Change the channel's name\n"
    );
}

#[test]
fn table_picks_the_nth_table() {
    for args in [
        &["explain", GFM, "--table", "3", "12"][..],
        &[
            "explain",
            GFM,
            "-s",
            "Two tables under one heading",
            "--table",
            "2",
            "12",
        ],
    ] {
        let out = permissions(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("12 = 0x0c: MODERN_A | MODERN_B\n"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    let out = permissions(&["explain", GFM, "--table", "4", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: permissions-cli/tests/docs/gfm.md:1: no table 4: there are 3 tables\n"
    );
    let out = permissions(&["explain", GFM, "--table", "0", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("tables are counted from 1"));
}

#[test]
fn columns_name_the_headers_a_page_uses() {
    let out = permissions(&["check", RIGHTS]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().next(),
        Some(
            "error: permissions-cli/tests/docs/rights.md:5: the table has no name column: add a \
             `Permission`, `Flag` or `Name` column, or say which column names the rows with \
             --column name=HEADER"
        )
    );
    let out = permissions(&[
        "check",
        RIGHTS,
        "--column",
        "name=Rite",
        "--column",
        "value=Mask",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().next(),
        Some(
            "error: permissions-cli/tests/docs/rights.md:5: --column name=Rite: the table has no \
             column `Rite`; its columns are `Right`, `Mask`, `When enabled`"
        )
    );
    let out = permissions(&["check", RIGHTS, "--column", "nam=Right"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("`nam` is not a role: use one of name, value, bit, position, description"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn aliases_let_two_names_share_a_value() {
    let mut args = vec!["check", RIGHTS];
    args.extend(RIGHTS_COLUMNS);
    let out = permissions(&args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().next(),
        Some(
            "error: permissions-cli/tests/docs/rights.md:10: duplicate value 0x0004 (bit 2): \
             `MODERATE` on line 9 has it too; if this row is another name for `MODERATE`, allow \
             that with --aliases"
        )
    );
    let mut args = vec![
        "explain",
        RIGHTS,
        "--aliases",
        "4",
        "HIDE_POSTS | READ_POSTS",
    ];
    args.extend(RIGHTS_COLUMNS);
    let out = permissions(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Both names hold the bit; the text format names the first, as bitflags' does.
    let text = stdout(&out);
    assert!(text.contains("\n4 = 0x04: MODERATE\n  MODERATE     bit   2  0x04  The account can hide others' posts\n  HIDE_POSTS   bit   2  0x04  (alias of MODERATE) Old name of Moderate, kept for bots\n"), "{text}");
    assert!(
        text.contains("\n5 = 0x05: READ_POSTS | MODERATE\n"),
        "{text}"
    );
}

#[test]
fn lock_writes_the_bits_and_check_holds_the_document_to_them() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lock = dir.path().join("session.lock");
    let lock_arg = lock.to_str().expect("utf-8 path");
    let out = permissions(&[
        "lock",
        "--auto-bits",
        "docs/network_session.md",
        "-o",
        lock_arg,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("wrote {lock_arg}: the bits of 9 names of \"Network session permissions\"\n")
    );
    let text = std::fs::read_to_string(&lock).expect("the lock");
    assert!(text.contains("\nPUBLIC = 0x1\n"), "{text}");
    assert!(text.contains("\nUSER = 0x8\n"), "{text}");
    assert!(text.ends_with("\nSERVER_ADMINISTRATOR = 0x100\n"), "{text}");

    // The document as it is keeps to its lock.
    let out = check_session(lock_arg);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // A row inserted before USER would renumber it and every row after it: one mistake, one
    // error, on the new row's line, naming the command that rewrites the lock.
    let doc = std::fs::read_to_string(root_path("docs/network_session.md")).expect("the doc");
    let edited = doc.replacen(
        "| `USER`",
        "| `GUEST`                    | A guest session                                                                              |\n| `USER`",
        1,
    );
    let edited_path = dir.path().join("session.md");
    std::fs::write(&edited_path, edited).expect("write the edited document");
    let edited_arg = edited_path.to_str().expect("utf-8 path");
    let out = permissions(&["check", "--auto-bits", "--lock", lock_arg, edited_arg]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "error: {edited_arg}:18: `GUEST` is new but takes 0x0008 (bit 3), which is locked \
                 for `USER`: every stored `USER` would read as `GUEST`. If `GUEST` was inserted \
                 into rows numbered in order, add it after the last row; if `USER` was renamed, \
                 restore its name; otherwise give `GUEST` a free bit; or update the lock on \
                 purpose (`permissions lock` rewrites it)"
            )
            .as_str(),
            "1 error in 1 of 1 document"
        ],
        "{err}"
    );
}

#[test]
fn the_committed_lock_is_what_the_lock_command_writes() {
    // `tests/typescript.rs` derives a set held to this file: the derive reads what the command
    // writes.
    let out = permissions(&[
        "lock",
        "permissions-cli/tests/docs/names-only.md",
        "--auto-bits",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let committed =
        std::fs::read_to_string(root_path("permissions-cli/tests/docs/names-only.lock"))
            .expect("the lock");
    assert_eq!(stdout(&out), committed);
}

#[test]
fn a_bad_lock_is_an_error_on_its_own_line() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lock = dir.path().join("bad.lock");
    std::fs::write(&lock, "# ours\nPUBLIC = 0x1\nUSER 0x8\n").expect("write the lock");
    let lock_arg = lock.to_str().expect("utf-8 path");
    let out = check_session(lock_arg);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!("error: {lock_arg}:3: cannot read lock line `USER 0x8`: expected `NAME = 0x..`\n")
    );
    let out = permissions(&["lock", "--lock", lock_arg, "docs/tox_mod.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: `lock` writes a lock from the document as it is"));
}

/// `permissions check` of `docs/network_session.md` against the lock `lock`.
fn check_session(lock: &str) -> std::process::Output {
    permissions(&[
        "check",
        "--auto-bits",
        "--lock",
        lock,
        "docs/network_session.md",
    ])
}

fn root_path(path: &str) -> std::path::PathBuf {
    common::root().join(path)
}
