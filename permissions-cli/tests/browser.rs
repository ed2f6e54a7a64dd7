//! `permissions calculator`: the pages it writes, driven in headless Chromium by
//! `tests/js/calculator.test.mjs` (playwright-core on Debian's `chromium`): tick rows and read
//! the value, paste a value and read the ticked rows, see unknown bits named, use the keyboard.
//!
//! Needs node, `npm ci` in `permissions-cli/tests/js` and `/usr/bin/chromium` (or `CHROMIUM`);
//! without them the test says loudly that it was skipped, and under `CI=true` it fails.
//!
//! The README's screenshot is taken here: `PERMISSIONS_SCREENSHOT=docs/calculator.png cargo
//! test -p permissions-cli --test browser` (the path is relative to the repository's root).

mod common;

use std::path::{Path, PathBuf};

use common::{node, node_tools, permissions, root, seeds, skip, stderr};

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

fn page(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let file = dir.join(format!("{name}.html"));
    let file_arg = file.display().to_string();
    let mut all = vec!["calculator", "-o", &file_arg];
    all.extend_from_slice(args);
    let out = permissions(&all);
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    file
}

#[test]
fn the_calculator_page_works_in_chromium() {
    const TEST: &str = "the_calculator_page_works_in_chromium";
    if !node_tools(TEST, &["playwright-core"]) {
        return;
    }
    if !chromium().is_file() {
        skip(
            TEST,
            &format!(
                "{} is missing: apt-get install chromium",
                chromium().display()
            ),
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let [_, tox, guild] = seeds();
    let guild = page(dir.path(), "guild", &[&guild]);
    let tox = page(dir.path(), "tox", &[&tox]);
    let channels = page(
        dir.path(),
        "channels",
        &["permissions-cli/tests/docs/channels.md"],
    );
    let scopes = page(
        dir.path(),
        "scopes",
        &["permissions-cli/tests/docs/aliases.md", "--aliases"],
    );
    let screenshot = std::env::var_os("PERMISSIONS_SCREENSHOT")
        .map_or_else(|| dir.path().join("guild.png"), |p| root().join(p));

    let out = node(&[
        Path::new("calculator.test.mjs"),
        &guild,
        &tox,
        &channels,
        &scopes,
        &screenshot,
    ]);
    eprintln!("{out}");
    assert!(!out.contains("not ok"), "{out}");
    assert_eq!(out.matches("ok - ").count(), 19, "{out}");
    for shot in [
        screenshot.clone(),
        screenshot.with_file_name(unknown_name(&screenshot)),
    ] {
        let png = std::fs::read(&shot).expect("the screenshot");
        assert!(png.starts_with(b"\x89PNG"), "{} is a PNG", shot.display());
    }
}

/// `calculator.png` -> `calculator-unknown.png`, as the script names its second screenshot.
fn unknown_name(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("guild");
    format!("{stem}-unknown.png")
}
