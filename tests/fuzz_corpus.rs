//! Replays the fuzzers' saved corpus (`fuzz/corpus/<target>/`) and their crash regressions
//! (`fuzz/regressions/<target>/`) through the same checks the fuzz targets run, so CI tests
//! every input the fuzzers found interesting, without a fuzzing toolchain.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let mut count = 0;
    for folder in ["fuzz/corpus", "fuzz/regressions"] {
        let dir = Path::new(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let data = std::fs::read(entry.path()).expect("readable corpus file");
            check(&data);
            count += 1;
        }
    }
    count
}

#[test]
fn table_corpus() {
    let seeds = [
        include_bytes!("../docs/guild.md").as_slice(),
        include_bytes!("../docs/tox_mod.md"),
        include_bytes!("../docs/network_session.md"),
    ];
    for seed in seeds {
        checks::table(seed);
    }
    let n = replay("table", checks::table);
    assert!(n > 0, "no corpus for `table` in fuzz/corpus/table");
}

#[test]
fn text_corpus() {
    checks::text(b"ADMINISTRATOR | SEND_INVITES | 0x4");
    let n = replay("text", checks::text);
    assert!(n > 0, "no corpus for `text` in fuzz/corpus/text");
}

#[test]
fn json_corpus() {
    checks::json(br#""2147483656""#);
    checks::json(br#""ADMINISTRATOR | 0x1""#);
    let n = replay("json", checks::json);
    assert!(n > 0, "no corpus for `json` in fuzz/corpus/json");
}

#[test]
fn resolve_corpus() {
    // An administrator role, and a guild whose member is denied by a role and allowed by
    // their own overwrite.
    checks::resolve(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 5, 0, 0, 0, 0x80]);
    checks::resolve(&[
        8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 5, 0, 0, 8, 0, 2, 1, 5, 0, 0, 0, 0, 0, 0, 8, 0, 2, 1, 0,
        0, 8, 0, 0, 0, 0, 0,
    ]);
    let n = replay("resolve", checks::resolve);
    assert!(n > 0, "no corpus for `resolve` in fuzz/corpus/resolve");
}
