//! One test per rule of the table format and its checks.

use super::super::*;
use super::{SEED_002, error, names_and_values, values};
use alloc::string::ToString;
use alloc::vec;

#[test]
fn a_missing_section_suggests_the_closest_heading() {
    let err = error(SEED_002, &Options::new().with_section("Guild Permission"));
    assert_eq!(err.line, 1);
    assert_eq!(err.kind.key(), Some("section"));
    assert_eq!(
        err.to_string(),
        "line 1: no heading `Guild Permission` in the document; did you mean `Guild Permissions`?"
    );
    // "# Guild permissions" and "### Guild Permissions" are as close when case is ignored.
    let doc = "# Guild permissions\n\n### Guild Permissions\n\n| Name | Bit |\n|-|-|\n| A | 1 |\n";
    let err = error(doc, &Options::new().with_section("Guild Permission"));
    assert!(
        err.to_string()
            .ends_with("did you mean `Guild Permissions`?"),
        "{err}"
    );
    let err = error(SEED_002, &Options::new().with_section("Emoji Limits"));
    assert_eq!(
        err.kind,
        ErrorKind::NoSuchSection {
            section: "Emoji Limits".to_string(),
            suggestion: None
        }
    );
}

#[test]
fn several_tables_need_a_section() {
    let doc = "# A\n\n| Name | Bit |\n|---|---|\n| X | 1 |\n\n# B\n\n| Name | Bit |\n|---|---|\n| Y | 2 |\n";
    let err = error(doc, &Options::new());
    assert_eq!(
        err.to_string(),
        "line 3: several tables (lines 3, 9): name one with `section = ...`"
    );
    let b = parse(doc, &Options::new().with_section("  b ")).unwrap();
    assert_eq!(names_and_values(&b), [("Y", 4)]);
    assert_eq!(b.heading.as_deref(), Some("B"));
}

#[test]
fn a_document_without_a_table() {
    for doc in [
        "",
        "# Title\n\nprose | with a pipe\n",
        "```\n| a |\n|---|\n| b |\n```\n",
    ] {
        let err = error(doc, &Options::new());
        assert_eq!((err.line, err.kind), (1, ErrorKind::NoTable), "{doc:?}");
    }
}

#[test]
fn tables_in_code_fences_are_ignored() {
    let doc = "Example of the syntax:\n\n```markdown\n| Name | Value |\n|---|---|\n| FAKE | 0x1 |\n```\n\n| Name | Value |\n|---|---|\n| REAL | 0x2 |\n";
    let table = parse(doc, &Options::new()).unwrap();
    assert_eq!(names_and_values(&table), [("REAL", 2)]);
    assert_eq!(table.line, 9);
}

#[test]
fn ragged_tables_without_outer_pipes() {
    let doc = "Name|Value   |  Description\n:---|:---:|---:\n  Kick Members |0x2|  Kicks   \nBan Members| 0x4 |Bans\t\n";
    let table = parse(doc, &Options::new()).unwrap();
    assert_eq!(
        names_and_values(&table),
        [("KICK_MEMBERS", 2), ("BAN_MEMBERS", 4)]
    );
    assert_eq!(
        table.rows.first().map(|r| r.description.as_str()),
        Some("Kicks")
    );
}

#[test]
fn crlf_line_endings() {
    let doc = "# T\r\n\r\n| Name | Value |\r\n|---|---|\r\n| A | 1 |\r\n| B | 2 |\r\n";
    let table = parse(doc, &Options::new().with_section("T")).unwrap();
    assert_eq!(names_and_values(&table), [("A", 1), ("B", 2)]);
    assert_eq!(table.rows.get(1).map(|r| r.line), Some(6));
}

#[test]
fn cells_are_unwrapped() {
    let doc = values(
        "| `SEND_MESSAGES` | `0x0112` |\n\
         | **Administrator**\\* | 0x1 |\n\
         | Ban Members[^1] | 0x4 |\n\
         | Pipe \\| Name | 0x8 |\n",
    );
    let table = parse(&doc, &Options::new()).unwrap();
    let got: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("SEND_MESSAGES", "SEND_MESSAGES"),
            // `\*` is a footnote mark: dropped from the label as from the name.
            ("ADMINISTRATOR", "Administrator"),
            ("BAN_MEMBERS", "Ban Members"),
            ("PIPE_NAME", "Pipe | Name"),
        ]
    );
}

#[test]
fn escaped_pipes_in_descriptions() {
    let doc =
        "| Flag | Bit | Description |\n|---|---|---|\n| A | 0 | either `a \\| b` or c \\| d |\n";
    let table = parse(doc, &Options::new()).unwrap();
    assert_eq!(
        table.rows.first().map(|r| r.description.as_str()),
        Some("either a | b or c | d")
    );
}

#[test]
fn excess_empty_cells_are_ignored_and_short_rows_padded() {
    // GFM: the header's cell count rules; a row's excess cells are not shown, missing ones
    // are empty.
    let doc = "| Name | Value | Description |\n|---|---|---|\n| A | 0x1 | first | |\n| B | 0x2 |\n| C | 0x4 | third | | |\n";
    let table = parse(doc, &Options::new()).unwrap();
    assert_eq!(names_and_values(&table), [("A", 1), ("B", 2), ("C", 4)]);
    let descriptions: Vec<&str> = table.rows.iter().map(|r| r.description.as_str()).collect();
    assert_eq!(descriptions, ["first", "", "third"]);
    // A short row's missing metadata is there, empty.
    let doc = "| Name | Value | Notes |\n|---|---|---|\n| A | 0x1 |\n";
    let table = parse(doc, &Options::new()).unwrap();
    assert_eq!(
        table.rows.first().map(|r| r.meta.clone()),
        Some(vec![("Notes".to_string(), String::new())])
    );
    // A row of one cell (a line without a pipe) has an empty value.
    let err = error(&values("| A | 0x1 |\nB\n"), &Options::new());
    assert_eq!(
        (err.line, err.kind),
        (
            4,
            ErrorKind::EmptyCell {
                column: "Value".to_string()
            }
        )
    );
}

#[test]
fn text_in_an_excess_cell_is_an_error_on_its_row() {
    let err = error(
        &values("| A | 0x1 |\n| B | 0x2 | extra | more |\n"),
        &Options::new(),
    );
    assert_eq!(
        (err.line, &err.kind),
        (
            4,
            &ErrorKind::MalformedRow {
                expected: 2,
                found: 4,
                hidden: "extra | more".to_string()
            }
        )
    );
    assert_eq!(
        err.to_string(),
        "line 4: row has 4 cells where the header has 2, and GitHub does not show \
         `extra | more`: escape a `|` inside a cell as `\\|`"
    );
}

#[test]
fn a_delimiter_row_that_does_not_match_the_header_makes_no_table() {
    // GFM reads it as text; the error says why, on the header row.
    let err = error("| Name | Value |\n|---|\n| A | 1 |\n", &Options::new());
    assert_eq!(
        (err.line, err.kind),
        (
            1,
            ErrorKind::NotATable {
                header: 2,
                delimiter: 1
            }
        )
    );
    let err = error("Some text.\n", &Options::new());
    assert_eq!((err.line, err.kind), (1, ErrorKind::NoTable));
}

#[test]
fn a_table_with_no_rows() {
    let err = error("# T\n\n| Name | Value |\n|---|---|\n", &Options::new());
    assert_eq!((err.line, err.kind), (3, ErrorKind::NoRows));
}

#[test]
fn columns_are_recognized_by_header() {
    let doc = "| **Flag** | bit  number | Scope | Description | Since |\n|---|---|---|---|---|\n| A | 5 | guild | First | 1.0 |\n";
    let table = parse(doc, &Options::new()).unwrap();
    let row = table.rows.first().unwrap();
    assert_eq!(row.value, 1 << 5);
    assert_eq!(row.description, "First");
    assert_eq!(
        row.meta,
        [
            ("Scope".to_string(), "guild".to_string()),
            ("Since".to_string(), "1.0".to_string())
        ]
    );
    assert_eq!(
        table.columns,
        ["Flag", "bit number", "Scope", "Description", "Since"]
    );
}

#[test]
fn a_table_without_a_name_column() {
    let err = error("| Key | Value |\n|---|---|\n| A | 1 |\n", &Options::new());
    assert_eq!((err.line, &err.kind), (1, &ErrorKind::NoNameColumn));
    assert_eq!(
        err.kind.to_string(),
        "table has no name column: add a `Permission`, `Flag` or `Name` column"
    );
}

#[test]
fn two_columns_for_one_fact() {
    let err = error(
        "| Name | Bit | Bit Number |\n|---|---|---|\n| A | 1 | 1 |\n",
        &Options::new(),
    );
    assert_eq!(
        err.to_string(),
        "line 1: columns `Bit` and `Bit Number` say the same thing; keep one"
    );
}

#[test]
fn auto_bits_number_rows_and_reserve_places() {
    let doc = "| Flag |\n|---|\n| A |\n| Reserved |\n| B |\n";
    let table = parse(doc, &Options::new().with_auto_bits(true)).unwrap();
    assert_eq!(
        names_and_values(&table),
        [("A", 1), ("RESERVED", 2), ("B", 4)]
    );
    let nine = "| Flag |\n|---|\n".to_string() + &"| A |\n".repeat(0);
    let mut doc = nine;
    for i in 0..9 {
        doc.push_str(&alloc::format!("| F{i} |\n"));
    }
    let err = error(&doc, &Options::new().with_auto_bits(true).with_width(8));
    assert_eq!(err.line, 11);
    assert_eq!(
        err.to_string(),
        "line 11: more rows than bits: no bit of `u8` is left for `F8`; use a wider set"
    );
    // A value column wins over auto_bits.
    let t = parse(
        &values("| A | 0x10 |\n"),
        &Options::new().with_auto_bits(true),
    )
    .unwrap();
    assert_eq!(names_and_values(&t), [("A", 0x10)]);
}

#[test]
fn every_value_form() {
    let doc = values(
        "| HEX | 0x0112 |\n\
         | UPPER_HEX | 0X0400 |\n\
         | DECIMAL | 4096 |\n\
         | BINARY | 0b101 |\n\
         | SHIFT | 1 << 11 |\n\
         | UNDERSCORES | 0x8000_0000 |\n\
         | BACKTICKS | `0x20` |\n\
         | TWO_FORMS | `0x0000000000000040` `(1 << 6)` |\n",
    );
    let table = parse(&doc, &Options::new().with_width(32)).unwrap();
    assert_eq!(
        names_and_values(&table),
        [
            ("HEX", 0x0112),
            ("UPPER_HEX", 0x0400),
            ("DECIMAL", 4096),
            ("BINARY", 0b101),
            ("SHIFT", 1 << 11),
            ("UNDERSCORES", 0x8000_0000),
            ("BACKTICKS", 0x20),
            ("TWO_FORMS", 0x40),
        ]
    );
}

#[test]
fn duplicate_values_across_forms() {
    // DECIMAL 1024 and UPPER_HEX 0x0400 are the same value.
    let err = error(
        &values("| UPPER_HEX | 0X0400 |\n| DECIMAL | 1024 |\n"),
        &Options::new(),
    );
    assert_eq!(
        err.to_string(),
        "line 4: duplicate value 0x0400 (bit 10): `UPPER_HEX` on line 3 has it too; if this row is another name for `UPPER_HEX`, allow that with `aliases`"
    );
}

#[test]
fn forms_in_one_cell_must_agree() {
    let err = error(
        &values("| A | `0x0000000000000400` `(1 << 11)` |\n"),
        &Options::new(),
    );
    assert_eq!(err.line, 3);
    assert_eq!(
        err.kind.to_string(),
        "`Value` cell `0x0000000000000400 (1 << 11)` disagrees with itself: 0x400 and 0x800"
    );
}

#[test]
fn zero_and_unreadable_values() {
    let err = error(&values("| A | 0x0000 |\n"), &Options::new());
    assert_eq!(
        err.to_string(),
        "line 3: a row's value cannot be 0: it would be held by everyone"
    );
    let err = error(&values("| A | 0x1 |\n| B | 0xZZ |\n"), &Options::new());
    assert_eq!(
        err.to_string(),
        "line 4: cannot read `Value` cell `0xZZ`: expected hex `0x..`, decimal, binary `0b..` or `1 << n`"
    );
    let err = error(&values("| A |  |\n"), &Options::new());
    assert_eq!(err.to_string(), "line 3: empty `Value` cell");
    let err = error(
        "| Name | Bit Position |\n|---|---|\n| A | 0000 |\n",
        &Options::new(),
    );
    assert_eq!(err.kind, ErrorKind::ZeroValue);
    // Each column says what it takes.
    let err = error("| Name | Bit |\n|---|---|\n| A | 0x1f |\n", &Options::new());
    assert_eq!(
        err.to_string(),
        "line 3: cannot read `Bit` cell `0x1f`: expected a bit number such as `31`"
    );
    let err = error(
        "| Name | Bit Position |\n|---|---|\n| A | 0102 |\n",
        &Options::new(),
    );
    assert_eq!(
        err.to_string(),
        "line 3: cannot read `Bit Position` cell `0102`: expected a binary string such as `00001000`"
    );
}

#[test]
fn bit_number_and_bit_position_must_agree() {
    let doc = "| Permission | Bit Number | Bit Position |\n|---|---|---|\n\
               | Administrator | 31 | 10000000000000000000000000000000 |\n\
               | View Audit Logs | 30 | 10000000000000000000000000000000 |\n";
    let err = error(doc, &Options::new().with_width(32));
    assert_eq!(err.line, 4);
    assert_eq!(
        err.kind.to_string(),
        "columns disagree: `Bit Number` gives 0x40000000 (bit 30) \
         but `Bit Position` gives 0x80000000 (bit 31)"
    );
    let doc = "| Name | Value | Bit |\n|---|---|---|\n| A | 0x8 | 3 |\n| B | 0x8 | 4 |\n";
    let err = error(doc, &Options::new());
    assert!(matches!(
        err.kind,
        ErrorKind::ColumnsDisagree {
            first_value: 8,
            second_value: 16,
            ..
        }
    ));
}

#[test]
fn values_beyond_the_width() {
    let doc = "| Name | Bit Number |\n|---|---|\n| A | 40 |\n";
    let err = error(doc, &Options::new().with_width(32));
    assert_eq!(
        err.to_string(),
        "line 3: value 0x10000000000 (bit 40) does not fit in `u32`"
    );
    assert_eq!(
        parse(doc, &Options::new().with_width(64)).map(|t| t.rows.len()),
        Ok(1)
    );
    let err = error(&values("| A | 1 << 200 |\n"), &Options::new());
    assert_eq!(
        err.to_string(),
        "line 3: bit 200 is beyond the 128 bits of `u128`"
    );
    let err = error(
        &values("| A | 99999999999999999999999999999999999999999 |\n"),
        &Options::new(),
    );
    assert_eq!(
        err.kind.to_string(),
        "`99999999999999999999999999999999999999999` is beyond the 128 bits of `u128`"
    );
}

#[test]
fn only_real_widths() {
    for width in [0, 7, 12, 24, 256] {
        let err = error(&values("| A | 1 |\n"), &Options::new().with_width(width));
        assert_eq!(err.line, 0);
        // The error is about the derive's `bits = ..`, not about the document.
        assert_eq!(err.kind.key(), Some("bits"));
        assert_eq!(
            err.to_string(),
            alloc::format!("unsupported width of {width} bits: use 8, 16, 32, 64 or 128")
        );
    }
}

#[test]
fn names_are_normalized() {
    let doc = values(
        "| View Audit Logs | 0x1 |\n| ViewPublicLogs | 0x2 |\n| read-only mode | 0x4 |\n| SEND_MESSAGES | 0x8 |\n",
    );
    let table = parse(&doc, &Options::new()).unwrap();
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "VIEW_AUDIT_LOGS",
            "VIEW_PUBLIC_LOGS",
            "READ_ONLY_MODE",
            "SEND_MESSAGES"
        ]
    );
}

#[test]
fn names_that_are_not_identifiers() {
    let err = error(&values("| 3D Views | 0x1 |\n"), &Options::new());
    assert_eq!(
        err.to_string(),
        "line 3: name `3D Views` does not give an identifier: `3D_VIEWS` starts with a digit"
    );
    let err = error(&values("| Überwachen | 0x1 |\n"), &Options::new());
    assert!(matches!(err.kind, ErrorKind::InvalidName { .. }));
    let err = error(&values("| -- | 0x1 |\n"), &Options::new());
    assert_eq!(
        err.kind.to_string(),
        "name `--` does not give an identifier: it has no letters or digits"
    );
    // An empty code span, and footnote marks alone, leave nothing.
    let err = error(&values("| A | 0x1 |\n| ` ` | 0x2 |\n"), &Options::new());
    assert_eq!((err.line, err.kind), (4, ErrorKind::EmptyName));
    let err = error(
        &values("| A | 0x1 |\n| \\*<sup>1</sup> | 0x2 |\n"),
        &Options::new(),
    );
    assert_eq!((err.line, err.kind), (4, ErrorKind::EmptyName));
}

#[test]
fn reserved_rows_repeat_and_keep_their_bits() {
    let doc = values("| Not Used | 0x1 |\n| not used | 0x2 |\n| Unused | 0x4 |\n| A | 0x8 |\n");
    let table = parse(&doc, &Options::new()).unwrap();
    assert_eq!(table.reserved_bits(), 0b111);
    assert!(table.row("NOT_USED").is_none());
    assert_eq!(
        table.permissions().map(|r| r.value).collect::<Vec<_>>(),
        [8]
    );

    let err = error(
        &values("| Reserved | 0x4 |\n| A | 0x6 |\n"),
        &Options::new(),
    );
    assert_eq!(
        err.to_string(),
        "line 4: `A` uses bits 0x0004, which the row on line 3 reserves"
    );
    let err = error(
        &values("| A | 0x4 |\n| Not Used | 0x4 |\n"),
        &Options::new(),
    );
    assert_eq!(
        err.to_string(),
        "line 4: this row reserves bits 0x0004, which `A` on line 3 uses"
    );
    let err = error(
        &values("| Not Used | 0x4 |\n| Not Used | 0x4 |\n"),
        &Options::new(),
    );
    assert!(matches!(
        err.kind,
        ErrorKind::DuplicateValue { first: 3, .. }
    ));
}

#[test]
fn duplicate_names_name_both_lines() {
    let err = error(
        &values("| Ban Members | 0x1 |\n| Kick | 0x2 |\n| BAN_MEMBERS | 0x4 |\n"),
        &Options::new(),
    );
    assert_eq!(err.line, 5);
    assert_eq!(
        err.kind.to_string(),
        "two rows are named `BAN_MEMBERS` (the first on line 3)"
    );
}

#[test]
fn overlapping_values_are_legal() {
    let doc = values(
        "| VIEW_PUBLIC_LOGS | 0x0002 |\n| VIEW_SETTINGS | 0x0100 |\n| SEND_MESSAGES | 0x0112 |\n",
    );
    let table = parse(&doc, &Options::new()).unwrap();
    assert_eq!(table.row("SEND_MESSAGES").and_then(TableRow::bit), None);
    assert_eq!(
        table.explain(0x0102).to_string(),
        "VIEW_PUBLIC_LOGS | VIEW_SETTINGS"
    );
    assert_eq!(table.explain(0x1000).to_string(), "0x1000");
    assert_eq!(table.explain(0).to_string(), "");
    assert_eq!(table.explain(0x0112).unknown, 0);
}

#[test]
fn explain_counts_reserved_bits_as_unknown() {
    let table = parse(SEED_002, &Options::new().with_width(32)).unwrap();
    let explained = table.explain(0x8000_0009);
    assert_eq!(explained.to_string(), "ADMINISTRATOR | SEND_INVITES | 0x1");
    assert_eq!(explained.unknown, 1);
    assert_eq!(explained.value, 0x8000_0009);
}

#[test]
fn the_section_is_bounded_by_the_next_heading() {
    let doc = "## Empty\n\nNothing yet.\n\n## Full\n\n| Name | Bit |\n|---|---|\n| A | 0 |\n";
    let err = error(doc, &Options::new().with_section("Empty"));
    assert_eq!(err.to_string(), "line 1: section `Empty` has no table yet");
    assert_eq!(err.kind.key(), Some("section"));
    // A deeper heading stays inside the section.
    let doc = "## Outer\n\n### Inner\n\n| Name | Bit |\n|---|---|\n| A | 0 |\n";
    assert_eq!(
        parse(doc, &Options::new().with_section("Outer")).map(|t| t.line),
        Ok(5)
    );
    assert_eq!(
        parse(doc, &Options::new().with_section("outer")).map(|t| t.heading),
        Ok(Some("Inner".to_string()))
    );
}

#[test]
fn errors_implement_display_and_equality() {
    let err = error(&values("| A | 1 |\n| A | 2 |\n"), &Options::new());
    let expected = TableError::new(
        4,
        ErrorKind::DuplicateName {
            name: "A".to_string(),
            first: 3,
            variant: None,
        },
    );
    assert_eq!(err, expected);
    assert_eq!(
        vec![err.to_string()],
        ["line 4: two rows are named `A` (the first on line 3)"]
    );
}

#[test]
fn errors_come_in_line_order_and_those_of_one_line_in_the_order_found() {
    // Line 6 breaks two rules: its shared value is found first, then its repeated name. Line
    // 4's unreadable cell is found while reading, before the rules find line 3's zero.
    let doc = "| Name | Value |\n|---|---|\n| A | 0 |\n| B | x |\n| C | 0x1 |\n| C | 0x1 |\n";
    let errors = parse_all(doc, &Options::new()).unwrap_err();
    let found: Vec<(usize, &str)> = errors
        .iter()
        .map(|e| {
            let kind = match e.kind {
                ErrorKind::ZeroValue => "zero",
                ErrorKind::InvalidValue { .. } => "invalid",
                ErrorKind::DuplicateValue { .. } => "value",
                ErrorKind::DuplicateName { .. } => "name",
                _ => "other",
            };
            (e.line, kind)
        })
        .collect();
    assert_eq!(
        found,
        [(3, "zero"), (4, "invalid"), (6, "value"), (6, "name")]
    );
}

#[test]
fn the_spec_of_a_table_marks_rows_of_several_bits_composite() {
    let doc = "| Permission | Value |\n|---|---|\n| VIEW_PUBLIC_LOGS | 0x0002 |\n\
               | VIEW_SETTINGS | 0x0100 |\n| SEND_MESSAGES | 0x0112 |\n| Not Used | 0x0200 |\n";
    let Ok(table) = parse(doc, &Options::new().with_width(16)) else {
        panic!("the table reads");
    };
    let spec = table.spec(16);
    assert_eq!(spec.width, 16);
    let rows: Vec<(&str, bool, bool, usize)> = spec
        .rows
        .iter()
        .map(|d| (d.name.as_str(), d.composite, d.reserved, d.line))
        .collect();
    assert_eq!(
        rows,
        [
            ("VIEW_PUBLIC_LOGS", false, false, 3),
            ("VIEW_SETTINGS", false, false, 4),
            ("SEND_MESSAGES", true, false, 5),
            ("NOT_USED", false, true, 6),
        ]
    );
}
