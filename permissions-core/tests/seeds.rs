//! The three seed documents parse unedited, with their own values.
//!
//! The checks run on the verbatim copies in `tests/fixtures/`, and on the originals in
//! `../shared/seeds/` next to the workspace when that folder exists (set `PERMISSIONS_SEEDS`
//! to point elsewhere). The copies must be byte-for-byte the originals.

use std::path::{Path, PathBuf};

use permissions_core::table::{self, ErrorKind, Options};

mod common;
use common::{TOX_MOD_VALUES, names_and_values, network_session_bits};

const FIXTURES: [(&str, &str); 3] = [
    ("000", include_str!("fixtures/seed_000.txt")),
    ("001", include_str!("fixtures/seed_001.txt")),
    ("002", include_str!("fixtures/seed_002.txt")),
];

/// The folder of the original seed documents, if there is one.
fn seeds_dir() -> Option<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    let candidates = [
        std::env::var_os("PERMISSIONS_SEEDS").map(PathBuf::from),
        Some(workspace.join("../shared/seeds")),
        // A git worktree one level further down (`wt/<branch>`) sees the same folder.
        Some(workspace.join("../../shared/seeds")),
    ];
    candidates.into_iter().flatten().find(|dir| dir.is_dir())
}

/// The original seed `number` (`000_*.txt`), read from `dir`.
fn original(dir: &Path, number: &str) -> String {
    let entries = std::fs::read_dir(dir).expect("the seeds folder is readable");
    let path = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{number}_")) && n.ends_with(".txt"))
        })
        .unwrap_or_else(|| panic!("no seed {number}_*.txt in {}", dir.display()));
    std::fs::read_to_string(&path).expect("the seed is UTF-8 text")
}

/// Every version of seed `number` to check: the copy, and the original when present.
fn versions(number: &str) -> Vec<(String, String)> {
    let copy = FIXTURES
        .iter()
        .find(|(n, _)| *n == number)
        .map(|(_, text)| {
            (
                format!("tests/fixtures/seed_{number}.txt"),
                (*text).to_string(),
            )
        });
    let mut all: Vec<(String, String)> = copy.into_iter().collect();
    match seeds_dir() {
        Some(dir) => all.push((
            format!("{}/{number}_*", dir.display()),
            original(&dir, number),
        )),
        None => {
            println!("note: no ../shared/seeds folder; checked the copies in tests/fixtures only")
        }
    }
    all
}

#[test]
fn copies_are_verbatim() {
    let Some(dir) = seeds_dir() else {
        println!("note: no ../shared/seeds folder; cannot compare the copies");
        return;
    };
    for (number, copy) in FIXTURES {
        assert_eq!(
            original(&dir, number),
            copy,
            "tests/fixtures/seed_{number}.txt"
        );
    }
}

#[test]
fn seed_000_network_session() {
    for (source, doc) in versions("000") {
        let options = Options::new().with_width(16).with_auto_bits(true);
        let table = table::parse(&doc, &options).unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(names_and_values(&table), network_session_bits(), "{source}");
    }
}

#[test]
fn seed_001_tox_mod() {
    for (source, doc) in versions("001") {
        let table = table::parse(&doc, &Options::new().with_width(16))
            .unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(names_and_values(&table), TOX_MOD_VALUES, "{source}");
    }
}

#[test]
fn seed_002_guild() {
    for (source, doc) in versions("002") {
        let options = Options::new()
            .with_section("Guild Permissions")
            .with_width(32);
        let table = table::parse(&doc, &options).unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(table.rows.len(), 32, "{source}");
        let admin = table.row("ADMINISTRATOR").expect("ADMINISTRATOR");
        assert_eq!(
            (admin.value, admin.bit()),
            (0x8000_0000, Some(31)),
            "{source}"
        );
        assert_eq!(table.row("SEND_INVITES").map(|r| r.value), Some(1 << 3));
        let reserved: Vec<u128> = table
            .rows
            .iter()
            .filter(|r| r.reserved)
            .map(|r| r.value)
            .collect();
        assert_eq!(reserved, [1 << 2, 1 << 1, 1 << 0], "{source}");
        assert_eq!(
            table.explain(2_147_483_656).to_string(),
            "ADMINISTRATOR | SEND_INVITES"
        );

        let empty = Options::new().with_section("Text Channel Permissions");
        let err = table::parse(&doc, &empty).expect_err("the section is empty");
        assert!(
            matches!(&err.kind, ErrorKind::EmptySection { section } if section == "Text Channel Permissions"),
            "{source}: {err}"
        );
        assert_eq!(err.line, 54, "{source}");
    }
}
