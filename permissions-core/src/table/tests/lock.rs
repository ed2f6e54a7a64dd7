//! The lock: a document edit that would change a stored value fails on the row.

use super::super::*;
use super::{SEED_000, error, names_and_values};
use alloc::string::ToString;

fn session_lock() -> Lock {
    let table = parse(SEED_000, &Options::new().with_auto_bits(true)).unwrap();
    Lock::from_rows(table.permissions().map(|r| (r.name.as_str(), r.value)))
}

#[test]
fn a_lock_renders_and_reads_back() {
    let lock = session_lock();
    let text = lock.render();
    assert!(
        text.contains("\nPUBLIC = 0x1\nMODIFY_ACCOUNT_SETTINGS = 0x2\n"),
        "{text}"
    );
    assert!(
        text.ends_with("ADMINISTRATOR = 0x80\nSERVER_ADMINISTRATOR = 0x100\n"),
        "{text}"
    );
    let read = Lock::parse(&text).unwrap();
    let pairs = |l: &Lock| -> Vec<(String, u128)> {
        l.entries()
            .iter()
            .map(|e| (e.name.clone(), e.bits))
            .collect()
    };
    assert_eq!(pairs(&read), pairs(&lock));
    assert_eq!(read.entries().first().map(|e| e.line), Some(4));
    assert_eq!(read.get("MODERATOR"), Some(0x40));
    assert_eq!(read.get("GUEST"), None);
}

#[test]
fn the_document_as_locked_passes_and_new_names_are_fine() {
    let lock = session_lock();
    let options = Options::new().with_auto_bits(true).with_lock(&lock);
    assert!(parse(SEED_000, &options).is_ok());
    // A row added at the end takes a new bit: nothing stored changes meaning.
    let added = alloc::format!("{}\n| `GUEST` | A guest |\n", SEED_000.trim_end());
    let table = parse(&added, &options).unwrap();
    assert_eq!(table.row("GUEST").map(|r| r.value), Some(0x200));
}

#[test]
fn a_row_inserted_in_the_middle_fails_once_on_the_new_row() {
    // Every later row moves one bit up, but that is one mistake, and the error is where it
    // was made: on GUEST's row, not on the five rows after it.
    let lock = session_lock();
    let options = Options::new().with_auto_bits(true).with_lock(&lock);
    let inserted = SEED_000.replace("| `PROXY`", "| `GUEST` | A guest |\n| `PROXY`");
    let errors = parse_all(&inserted, &options).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 15);
    assert_eq!(
        errors[0].kind,
        ErrorKind::LockTaken {
            name: "GUEST".to_string(),
            bits: 0x10,
            owner: "PROXY".to_string()
        }
    );
    assert_eq!(
        errors[0].to_string(),
        "line 15: `GUEST` is new but takes 0x0010 (bit 4), which is locked for `PROXY`: every \
         stored `PROXY` would read as `GUEST`. If `GUEST` was inserted into rows numbered in \
         order, add it after the last row; if `PROXY` was renamed, restore its name; otherwise \
         give `GUEST` a free bit; or update the lock on purpose"
    );
}

#[test]
fn a_row_deleted_from_the_middle_fails_once() {
    // Every later row would move one bit down: one error, that PROXY is gone.
    let lock = session_lock();
    let options = Options::new().with_auto_bits(true).with_lock(&lock);
    let start = SEED_000.find("| `PROXY`").unwrap();
    let end = start + SEED_000[start..].find('\n').unwrap() + 1;
    let deleted = alloc::format!("{}{}", &SEED_000[..start], &SEED_000[end..]);
    let errors = parse_all(&deleted, &options).unwrap_err();
    let kinds: Vec<&ErrorKind> = errors.iter().map(|e| &e.kind).collect();
    assert_eq!(
        kinds,
        [&ErrorKind::LockMissing {
            name: "PROXY".to_string(),
            locked: 0x10,
            lock_line: 0
        }]
    );
    // With values of their own, a row gone moves nothing, and a changed row is its own
    // mistake: both are reported.
    let lock = Lock::parse("VIEW_SETTINGS = 0x0100\nSEND_MESSAGES = 0x0112\n").unwrap();
    assert_eq!(
        lock.check([("SEND_MESSAGES", 0x0113)]),
        [
            Drift::Changed {
                index: 0,
                name: "SEND_MESSAGES".to_string(),
                locked: 0x0112,
                now: 0x0113
            },
            Drift::Missing {
                name: "VIEW_SETTINGS".to_string(),
                locked: 0x0100,
                line: 1
            },
        ]
    );
}

#[test]
fn a_renamed_row_fails_once_on_its_new_name() {
    let lock = session_lock();
    let options = Options::new().with_auto_bits(true).with_lock(&lock);
    let renamed = SEED_000.replace("| `PROXY`", "| `GATEWAY`");
    let errors = parse_all(&renamed, &options).unwrap_err();
    let kinds: Vec<&ErrorKind> = errors.iter().map(|e| &e.kind).collect();
    assert_eq!(
        kinds,
        [&ErrorKind::LockTaken {
            name: "GATEWAY".to_string(),
            bits: 0x10,
            owner: "PROXY".to_string()
        }]
    );
}

#[test]
fn a_new_row_on_a_bit_its_owner_still_holds_is_the_rule_engines_error() {
    // SEND_MESSAGES keeps 0x0112, so nothing drifted from the lock: a new row on a locked
    // name's bits is a duplicate value, reported once, by the rules.
    let doc = "| Permission | Value |\n|---|---|\n| VIEW_SETTINGS | 0x0100 |\n| SEND_MESSAGES | 0x0112 |\n| POST | 0x0112 |\n";
    let lock = Lock::parse("VIEW_SETTINGS = 0x0100\nSEND_MESSAGES = 0x0112\n").unwrap();
    let options = Options::new().with_width(16).with_lock(&lock);
    let errors = parse_all(doc, &options).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        matches!(errors[0].kind, ErrorKind::DuplicateValue { .. }),
        "{errors:?}"
    );
}

#[test]
fn a_changed_row_before_the_new_one_is_still_reported() {
    // Two mistakes: PUBLIC given another bit by hand, and GUEST inserted
    // later. Each is one error; only the rows after GUEST are its consequences.
    let lock = Lock::parse("PUBLIC = 0x1\nUSER = 0x2\nADMIN = 0x4\n").unwrap();
    let drifts = lock.check([
        ("PUBLIC", 0x8),
        ("GUEST", 0x2),
        ("USER", 0x4),
        ("ADMIN", 0x10),
    ]);
    assert_eq!(
        drifts,
        [
            Drift::Taken {
                index: 1,
                name: "GUEST".to_string(),
                bits: 0x2,
                owner: "USER".to_string()
            },
            Drift::Changed {
                index: 0,
                name: "PUBLIC".to_string(),
                locked: 0x1,
                now: 0x8
            },
        ]
    );
}

#[test]
fn an_edited_value_or_a_dropped_name_fails() {
    let doc = "| Permission | Value |\n|---|---|\n| VIEW_SETTINGS | 0x0100 |\n| SEND_MESSAGES | 0x0112 |\n";
    let lock = Lock::parse("VIEW_SETTINGS = 0x0100\nSEND_MESSAGES = 0x0112\n").unwrap();
    let options = Options::new().with_width(16).with_lock(&lock);
    let edited = doc.replace("0x0112", "0x0113");
    let err = error(&edited, &options);
    assert_eq!(err.line, 4);
    assert_eq!(
        err.kind,
        ErrorKind::LockChanged {
            name: "SEND_MESSAGES".to_string(),
            locked: 0x0112,
            now: 0x0113
        }
    );
    let dropped = doc.replace("| SEND_MESSAGES | 0x0112 |\n", "");
    let err = error(&dropped, &options);
    assert_eq!((err.line, err.kind.key()), (1, Some("lock")));
    assert_eq!(
        err.kind.to_string(),
        "`SEND_MESSAGES` (locked at 0x0112 on line 2 of the lock) is no longer in the table: a \
         stored value would lose it; restore the row, or update the lock on purpose"
    );
    // A name turned into a reserved row is gone as a permission.
    let reserved = doc.replace("| VIEW_SETTINGS | 0x0100 |", "| Reserved | 0x0800 |");
    let err = error(&reserved, &options);
    assert!(matches!(err.kind, ErrorKind::LockMissing { .. }), "{err}");
}

#[test]
fn a_bad_row_hides_no_lock_error_and_causes_none() {
    let lock = Lock::parse("A = 0x1\nB = 0x2\nC = 0x4\n").unwrap();
    let doc = "| Name | Value |\n|---|---|\n| A | 0x8 |\n| B | two |\n| C | 0x4 |\n";
    let errors = parse_all(doc, &Options::new().with_lock(&lock)).unwrap_err();
    // `A` changed; `B` could not be read, and is not reported missing as well.
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4]);
    assert!(matches!(
        errors.first().map(|e| &e.kind),
        Some(ErrorKind::LockChanged { .. })
    ));
}

#[test]
fn lock_lines_that_do_not_read() {
    for (text, line, reason) in [
        ("A 1", 1, "expected `NAME = 0x..`"),
        (
            "# c\n\nView Logs = 1",
            3,
            "the name is not a constant's name such as `VIEW_AUDIT_LOGS`",
        ),
        (
            "3D = 1",
            1,
            "the name is not a constant's name such as `VIEW_AUDIT_LOGS`",
        ),
        ("A = x", 1, "the bits are not a value such as `0x400`"),
        ("A = 0", 1, "a permission has at least one bit"),
        ("A = 1\nA = 2", 2, "the name is locked twice"),
    ] {
        let err = Lock::parse(text).unwrap_err();
        assert_eq!(err.line, line, "{text}");
        assert!(
            matches!(err.kind, ErrorKind::BadLock { reason: r, .. } if r == reason),
            "{text}: {err}"
        );
    }
    assert_eq!(
        Lock::parse("A 1").unwrap_err().to_string(),
        "line 1: cannot read lock line `A 1`: expected `NAME = 0x..`"
    );
    let table = parse(
        "| Name | Value |\n|--|--|\n| A | 1 << 3 |\n",
        &Options::new(),
    )
    .unwrap();
    assert_eq!(names_and_values(&table), [("A", 8)]);
    assert_eq!(Lock::parse("A = 1 << 3").unwrap().get("A"), Some(8));
}
