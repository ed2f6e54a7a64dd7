//! Running the `permissions` binary from the repository's root, and finding what the tests
//! need outside the repository (the seed documents, node, chromium).
#![allow(dead_code)] // Each test file uses its own part.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root: paths in the tests (`docs/guild.md`) are relative to it.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is in the workspace")
        .to_path_buf()
}

/// Runs `permissions ARGS...` in the repository's root.
pub fn permissions(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_permissions"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whether this run is CI's (`CI=true`), where a missing tool fails the test instead of
/// skipping it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Says loudly that a test did not run, or fails it under CI.
pub fn skip(test: &str, why: &str) {
    assert!(!in_ci(), "{test}: {why}, and CI=true needs it");
    // Written to the stream itself: libtest captures `eprintln!` of a passing test, and a
    // skip must be seen.
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED {test}: {why} ***\n");
}

/// `rights.md` and the flags it needs: its own words for the columns, and an alias.
pub const RIGHTS: [&str; 8] = [
    "permissions-cli/tests/docs/rights.md",
    "--aliases",
    "--column",
    "name=Right",
    "--column",
    "value=Mask",
    "--column",
    "description=When enabled",
];

/// The three seed documents (000, 001, 002), as paths relative to the repository's root:
/// the originals in `$PERMISSIONS_SEEDS`, `../shared/seeds` or, from a git worktree,
/// `../../shared/seeds`; else the verbatim copies in `permissions-core/tests/fixtures/`.
pub fn seeds() -> [String; 3] {
    let originals = [
        std::env::var("PERMISSIONS_SEEDS").ok(),
        Some("../shared/seeds".to_string()),
        Some("../../shared/seeds".to_string()),
    ];
    for dir in originals.into_iter().flatten() {
        let find = |prefix: &str| -> Option<String> {
            let entries = std::fs::read_dir(root().join(&dir)).ok()?;
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with(prefix) && n.ends_with(".txt"))
                .collect();
            names.sort();
            names.first().map(|n| format!("{dir}/{n}"))
        };
        if let (Some(a), Some(b), Some(c)) = (find("000_"), find("001_"), find("002_")) {
            return [a, b, c];
        }
    }
    eprintln!(
        "note: no ../shared/seeds folder; using the copies in permissions-core/tests/fixtures"
    );
    ["000", "001", "002"].map(|n| format!("permissions-core/tests/fixtures/seed_{n}.txt"))
}

/// The JavaScript tools directory: `package.json`, and `node_modules` after `npm ci`.
pub fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js")
}

/// Whether node and the npm packages of `tests/js` are installed; skips `test` when not.
pub fn node_tools(test: &str, packages: &[&str]) -> bool {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        skip(test, "node is not installed");
        return false;
    }
    for package in packages {
        if !js_dir().join("node_modules").join(package).is_dir() {
            skip(
                test,
                &format!(
                    "the npm package {package} is missing: run `npm ci` in permissions-cli/tests/js"
                ),
            );
            return false;
        }
    }
    true
}

/// Runs `node ARGS...` in `tests/js`, and fails the test with its output unless it succeeds.
pub fn node(args: &[&Path]) -> String {
    let output = Command::new("node")
        .args(args)
        .current_dir(js_dir())
        .output()
        .expect("node runs");
    let out = stdout(&output);
    assert!(
        output.status.success(),
        "node {args:?} failed:\n{out}\n{}",
        stderr(&output)
    );
    out
}
