//! `permissions_cli::run` on random arguments and random documents: it never panics, its exit
//! code is 0, 1 or 2, and a failure always says something on the error stream.

use proptest::prelude::*;

/// A line of a document: the pieces permission pages are made of, with random cells.
fn line() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        "[A-Za-z ]{0,12}",
        "0x[0-9a-fA-F]{0,34}",
        "[0-9]{1,40}",
        "0b[01]{0,9}",
        "`?1 << [0-9]{1,3}`?",
        "[01]{1,34}",
        "[`*\\\\|&<>#;:!-]{1,4}",
        "\\PC{0,6}",
    ];
    let header = prop::sample::select(vec![
        "Permission",
        "Flag",
        "Name",
        "Value",
        "Bit Number",
        "Bit",
        "Bit Position",
        "Description",
        "Channel Type",
        "",
    ]);
    prop_oneof![
        3 => prop::collection::vec(cell, 0..5).prop_map(|cells| format!("| {} |", cells.join(" | "))),
        1 => prop::collection::vec(header, 1..5).prop_map(|h| format!("| {} |", h.join(" | "))),
        1 => (1..5usize).prop_map(|n| format!("|{}", "---|".repeat(n))),
        1 => (1..8usize, "[A-Za-z ]{0,16}").prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
        1 => prop::sample::select(vec!["```", ":::note", ":::", "---", "", "Some prose."]).prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => prop::collection::vec(line(), 0..14).prop_map(|lines| lines.join("\n").into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..64),
        // A table that reads, so that every command also runs to the end.
        4 => prop::collection::btree_set(0u32..128, 1..10)
            .prop_map(|bits| table(&bits.into_iter().collect::<Vec<_>>()).into_bytes()),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,45}",
        "0[xXbB][0-9a-fA-F_]{0,36}",
        "[A-Za-z_ |]{0,20}",
        "-?[0-9]{1,3}",
        "\\PC{0,8}",
    ]
}

/// Arguments after the program name; `DOC` and `OUT` stand for the document and a page in a
/// temporary directory.
fn arguments() -> impl Strategy<Value = Vec<String>> {
    let option = prop_oneof![
        Just(vec!["--auto-bits".to_string()]),
        "[A-Za-z ]{0,12}".prop_map(|s| vec!["--section".to_string(), s]),
        prop::sample::select(vec!["8", "16", "32", "64", "128", "7", "x", ""])
            .prop_map(|w| vec!["--width".to_string(), w.to_string()]),
        prop::sample::select(vec!["json", "ts", "yaml"])
            .prop_map(|f| vec!["--format".to_string(), f.to_string()]),
        "[A-Za-z ]{0,12}".prop_map(|c| vec!["--group-by".to_string(), c]),
        Just(vec!["-o".to_string(), "OUT".to_string()]),
        prop::sample::select(vec!["0", "1", "2", "3", "9"])
            .prop_map(|n| vec!["--table".to_string(), n.to_string()]),
        (
            prop::sample::select(vec![
                "name",
                "value",
                "bit",
                "position",
                "description",
                "nam"
            ]),
            "[A-Za-z ]{0,10}"
        )
            .prop_map(|(role, header)| vec!["--column".to_string(), format!("{role}={header}")]),
        Just(vec!["--aliases".to_string()]),
        Just(vec!["--lock".to_string(), "LOCK".to_string()]),
        Just(vec!["--help".to_string()]),
        value().prop_map(|v| vec![v]),
        Just(vec!["DOC".to_string()]),
    ];
    let command = prop::sample::select(vec![
        "check",
        "explain",
        "export",
        "calculator",
        "lock",
        "help",
    ]);
    (command, prop::collection::vec(option, 0..6)).prop_map(|(command, options)| {
        let mut args = vec![command.to_string(), "DOC".to_string()];
        args.extend(options.into_iter().flatten());
        args
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn run_never_panics_and_always_explains_a_failure(
        doc in document(),
        lock in prop::collection::vec("[A-Z_]{0,6} ?= ?(0x[0-9a-f]{1,3}|[0-9]{1,3})|#.*|\\PC{0,5}", 0..4),
        args in arguments(),
    ) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let doc_path = dir.path().join("doc.md");
        let out_path = dir.path().join("page.html");
        let lock_path = dir.path().join("doc.lock");
        std::fs::write(&doc_path, &doc).expect("write the document");
        std::fs::write(&lock_path, lock.join("\n")).expect("write the lock");
        let args: Vec<String> = std::iter::once("permissions".to_string())
            .chain(args.into_iter().map(|a| match a.as_str() {
                "DOC" => doc_path.display().to_string(),
                "OUT" => out_path.display().to_string(),
                "LOCK" => lock_path.display().to_string(),
                _ => a,
            }))
            .collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = permissions_cli::run(&args, &mut out, &mut err);
        prop_assert!(matches!(code, 0..=2), "exit code {code}");
        if code == 0 {
            prop_assert!(err.is_empty(), "success with errors: {}", String::from_utf8_lossy(&err));
        } else {
            prop_assert!(!err.is_empty(), "exit code {code} and no message");
        }
    }
}

/// A table of `bits.len()` rows, row `i` named `ROW_i` on bit `bits[i]`, values in hex.
fn table(bits: &[u32]) -> String {
    let mut doc = String::from("# Random\n\n| Permission | Value |\n|---|---|\n");
    for (i, bit) in bits.iter().enumerate() {
        doc.push_str(&format!("| Row {i} | {:#x} |\n", 1u128 << bit));
    }
    doc
}

fn explain(doc: &std::path::Path, value: &str) -> (u8, String) {
    let args = ["permissions", "explain", &doc.display().to_string(), value].map(String::from);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = permissions_cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8_lossy(&out).into_owned())
}

proptest! {
    // The text form that `explain` prints reads back as the same value, unknown bits included.
    #[test]
    fn explains_text_form_reads_back(
        bits in prop::collection::btree_set(0u32..64, 1..12),
        value in any::<u64>(),
    ) {
        let bits: Vec<u32> = bits.into_iter().collect();
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("table.md");
        std::fs::write(&path, table(&bits)).expect("write the document");

        let (code, out) = explain(&path, &value.to_string());
        prop_assert_eq!(code, 0, "{}", out);
        let line = out.lines().nth(2).expect("the value's line");
        let (head, text) = line.split_once(": ").expect("`value = hex: text`");
        let decimal = value.to_string();
        prop_assert_eq!(head.split(' ').next(), Some(decimal.as_str()));
        for (i, bit) in bits.iter().enumerate() {
            let named = text.split(" | ").any(|part| part == format!("ROW_{i}"));
            prop_assert_eq!(named, value & (1 << bit) != 0, "ROW_{} in {}", i, text);
        }
        if value != 0 {
            let (code, again) = explain(&path, text);
            prop_assert_eq!(code, 0);
            prop_assert_eq!(again.lines().nth(2), Some(line));
        }
    }
}
