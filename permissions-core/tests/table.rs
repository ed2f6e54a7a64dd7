//! Property tests of `table::parse`: it never panics, and every table it returns keeps its
//! invariants (unique names, unique values, values within the width).

use std::collections::HashSet;

use permissions_core::table::{self, Options, Table};
use proptest::prelude::*;

/// The invariants of every table that `parse` accepts.
fn check_invariants(table: &Table, width: u32) -> Result<(), TestCaseError> {
    prop_assert!(!table.rows.is_empty());
    let mut names = HashSet::new();
    let mut values = HashSet::new();
    let reserved = table.reserved_bits();
    for row in &table.rows {
        prop_assert!(row.value != 0, "zero value in {row:?}");
        prop_assert!(
            width == 128 || row.value >> width == 0,
            "{row:?} beyond {width} bits"
        );
        prop_assert!(values.insert(row.value), "duplicate value in {row:?}");
        let first = row.name.chars().next();
        prop_assert!(first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_'));
        prop_assert!(
            row.name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "name {:?}",
            row.name
        );
        prop_assert!(row.line > table.line);
        if !row.reserved {
            prop_assert!(
                names.insert(row.name.clone()),
                "duplicate name {:?}",
                row.name
            );
            prop_assert!(row.value & reserved == 0, "{row:?} uses reserved bits");
            prop_assert!(table.row(&row.name).is_some());
        }
    }
    Ok(())
}

fn widths() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(8u32),
        Just(16),
        Just(32),
        Just(64),
        Just(128),
        0u32..200
    ]
}

/// A cell: names, values in every form, reserved marks, Markdown noise.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 _-]{0,12}",
        "(Not Used|Reserved|unused)",
        "0x[0-9a-fA-F_]{1,34}",
        "[0-9]{1,3}",
        "1 << [0-9]{1,3}",
        "`0x[0-9]{1,4}` `\\(1 << [0-9]{1,3}\\)`",
        "[01]{1,40}",
        "[`*\\\\|\\[\\]^()<>0-9a-z ]{0,10}",
        Just(String::new()),
    ]
}

/// A line of a table-shaped document: header-ish, delimiter, row, heading or noise.
fn line() -> impl Strategy<Value = String> {
    let header = prop::sample::subsequence(
        vec![
            "Permission",
            "Flag",
            "Name",
            "Value",
            "Bit Number",
            "Bit",
            "Bit Position",
            "Description",
            "Notes",
        ],
        1..5,
    )
    .prop_map(|cols| format!("| {} |", cols.join(" | ")));
    prop_oneof![
        3 => header,
        3 => (1usize..6).prop_map(|n| format!("|{}", "---|".repeat(n))),
        8 => prop::collection::vec(cell(), 1..6).prop_map(|cells| format!("| {} |", cells.join(" | "))),
        1 => "#{1,7} [A-Za-z ]{0,12}",
        1 => prop_oneof![Just("---".to_string()), Just("```".to_string()), Just(":::warning".to_string()), Just(":::".to_string()), Just("<!--".to_string()), Just("-->".to_string()), Just(String::new())],
        1 => any::<String>(),
    ]
}

/// A cell that suits its column most of the time, and is noise otherwise.
fn cell_for(header: &str) -> BoxedStrategy<String> {
    let fitting = match header {
        "Permission" | "Flag" | "Name" => prop_oneof![
            6 => "[A-Za-z][A-Za-z0-9 _-]{0,12}",
            1 => "(Not Used|Reserved|unused)",
            1 => "`[A-Z_]{1,10}`",
        ]
        .boxed(),
        "Value" => prop_oneof![
            "0x[0-9a-f]{1,3}",
            "[1-9][0-9]{0,2}",
            "1 << [0-9]{1,2}",
            "`0x[0-9]{1,3}` `\\(1 << [0-9]\\)`",
        ]
        .boxed(),
        "Bit Number" | "Bit" => "[0-9]{1,2}".boxed(),
        "Bit Position" => "[01]{1,10}".boxed(),
        _ => "[A-Za-z ]{0,20}".boxed(),
    };
    prop_oneof![9 => fitting, 1 => cell()].boxed()
}

/// A document around one table whose rows mostly fit its columns.
fn table_document() -> impl Strategy<Value = (String, usize)> {
    let columns = (
        prop::sample::select(vec!["Permission", "Flag", "Name"]),
        prop::sample::subsequence(
            vec![
                "Value",
                "Bit Number",
                "Bit Position",
                "Description",
                "Notes",
            ],
            0..4,
        ),
    )
        .prop_map(|(name, mut rest)| {
            rest.insert(0, name);
            rest
        });
    columns.prop_flat_map(|columns| {
        let row = columns.iter().map(|h| cell_for(h)).collect::<Vec<_>>();
        (
            Just(columns),
            prop::collection::vec(row, 0..8),
            prop::collection::vec(line(), 0..4),
            prop::collection::vec(line(), 0..4),
        )
            .prop_map(|(columns, rows, before, after)| {
                let mut doc = before.join("\n");
                doc.push_str("\n\n");
                let mut lines = before.len() + 1;
                doc.push_str(&format!(
                    "| {} |\n|{}\n",
                    columns.join(" | "),
                    "---|".repeat(columns.len())
                ));
                for row in rows {
                    doc.push_str(&format!("| {} |\n", row.join(" | ")));
                    lines += 1;
                }
                doc.push('\n');
                doc.push_str(&after.join("\n"));
                (doc, lines + after.len() + 3)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(doc in any::<String>(), width in widths(), auto in any::<bool>(), section in proptest::option::of("[A-Za-z ]{0,8}")) {
        let mut options = Options::new().with_width(width).with_auto_bits(auto);
        options.section = section.as_deref();
        if let Ok(table) = table::parse(&doc, &options) {
            check_invariants(&table, width)?;
        }
        let _ = table::sections(&doc);
    }

    #[test]
    fn table_shaped_documents_never_panic(lines in prop::collection::vec(line(), 0..14), width in widths(), auto in any::<bool>()) {
        let doc = lines.join("\n");
        let options = Options::new().with_width(width).with_auto_bits(auto);
        match table::parse(&doc, &options) {
            Ok(table) => check_invariants(&table, width)?,
            Err(err) => {
                let message = err.kind.to_string();
                prop_assert!(!message.is_empty());
                prop_assert!(!message.ends_with('.'), "{message}");
                prop_assert!(message.starts_with(|c: char| !c.is_uppercase()), "{message}");
                prop_assert!(err.line <= lines.len().max(1));
            }
        }
    }

    #[test]
    fn mostly_valid_tables_keep_their_invariants((doc, lines) in table_document(), width in widths(), auto in any::<bool>()) {
        let options = Options::new().with_width(width).with_auto_bits(auto);
        match table::parse(&doc, &options) {
            Ok(table) => check_invariants(&table, width)?,
            Err(err) => prop_assert!(err.line <= lines, "{err} in {lines} lines"),
        }
    }

    #[test]
    fn generated_tables_read_back(bits in prop::collection::btree_set(0u32..64, 1..20)) {
        let mut doc = String::from("# Generated\n\n| Permission | Bit Number | Value | Description |\n|---|---|---|---|\n");
        for &bit in &bits {
            doc.push_str(&format!("| Perm {bit} | {bit} | `{:#x}` `(1 << {bit})` | bit {bit} |\n", 1u128 << bit));
        }
        let table = table::parse(&doc, &Options::new().with_width(64).with_section("generated")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_invariants(&table, 64)?;
        let all = bits.iter().fold(0u128, |acc, &b| acc | 1 << b);
        prop_assert_eq!(table.explain(all).held.len(), bits.len());
        prop_assert_eq!(table.explain(all).unknown, 0);
        for &bit in &bits {
            let row = table.row(&format!("PERM_{bit}"));
            prop_assert_eq!(row.and_then(|r| r.bit()), Some(bit));
        }
    }
}

/// One row as it goes in: its name's words, its bit, its description's tokens (each as
/// written and as read), and how it is written.
#[derive(Clone, Debug)]
struct Written {
    words: Vec<String>,
    bit: u32,
    description: Vec<(String, String)>,
    name_style: u8,
    mark: u8,
    value_style: u8,
    references: bool,
    extra_cells: usize,
    short: bool,
}

/// A character written as a decimal or hex character reference.
fn reference(c: char, hex: bool) -> String {
    if hex {
        format!("&#x{:X};", u32::from(c))
    } else {
        format!("&#{};", u32::from(c))
    }
}

impl Written {
    fn label(&self) -> String {
        self.words.join(" ")
    }

    fn name_cell(&self) -> String {
        let label = self.label();
        // Letters written as references, every other one, in decimal and hex in turn.
        let text: String = if self.references {
            label
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 && c != ' ' {
                        reference(c, i % 4 == 0)
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        } else {
            label.clone()
        };
        let styled = match self.name_style {
            0 => text,
            1 => format!("**{text}**"),
            2 => format!("<b>{text}</b>"),
            3 => format!("<code>{text}</code>"),
            4 => format!("[{text}](#anchor)"),
            5 => format!("`{label}`"),
            _ => format!("<a href=\"#p\" title='x'>{text}</a>"),
        };
        let mark = match self.mark {
            0 => "",
            1 => "*",
            2 => "\\*",
            3 => "<sup>1</sup>",
            4 => "[^1]",
            _ => "<sup>[2](#note)</sup>",
        };
        format!("{styled}{mark}")
    }

    fn value_cell(&self) -> String {
        let bit = self.bit;
        match self.value_style {
            0 => format!("0x{:X}", 1u128 << bit),
            1 => format!("{}", 1u128 << bit),
            2 => format!("1 << {bit}"),
            3 => format!("1 &lt;&lt; {bit}"),
            4 => format!("1 &#60;&#x3C; {bit}"),
            5 => format!("`1 << {bit}`"),
            _ => format!("`{:#x}` (1 &lt;&lt; {bit})", 1u128 << bit),
        }
    }

    fn description(&self) -> String {
        let read: Vec<&str> = self.description.iter().map(|(_, r)| r.as_str()).collect();
        read.join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn line(&self) -> String {
        let mut cells = vec![self.name_cell(), self.value_cell()];
        if !self.short {
            let written: Vec<&str> = self.description.iter().map(|(w, _)| w.as_str()).collect();
            cells.push(written.join(" "));
            cells.extend(std::iter::repeat_n(String::new(), self.extra_cells));
        }
        format!("| {} |", cells.join(" | "))
    }
}

/// A description token: as written, and as it reads.
fn token() -> impl Strategy<Value = (String, String)> {
    let word = "[a-z]{1,8}";
    prop_oneof![
        4 => word.prop_map(|w| (w.clone(), w)),
        1 => word.prop_map(|w| (format!("<i>{w}</i>"), w)),
        1 => word.prop_map(|w| (format!("`{w}`"), w)),
        1 => word.prop_map(|w| (format!("[{w}](https://example.invalid/{w})"), w)),
        1 => (word, any::<bool>()).prop_map(|(w, hex)| {
            let mut chars = w.chars();
            let first = chars.next().unwrap_or('a');
            (format!("{}{}", reference(first, hex), chars.as_str()), w)
        }),
        1 => Just(("&amp;".to_string(), "&".to_string())),
        1 => Just(("&lt;".to_string(), "<".to_string())),
        1 => Just(("\\|".to_string(), "|".to_string())),
        1 => Just(("a\\*b".to_string(), "a*b".to_string())),
        1 => Just(("<br>".to_string(), " ".to_string())),
        1 => Just(("&nbsp;".to_string(), " ".to_string())),
    ]
}

fn written_rows() -> impl Strategy<Value = Vec<Written>> {
    let row = (
        prop::collection::vec("[A-Z][a-z]{1,6}", 1..4),
        prop::collection::vec(token(), 0..6),
        0u8..7,
        0u8..6,
        0u8..7,
        any::<bool>(),
        0usize..3,
        any::<bool>(),
    );
    (
        prop::collection::btree_set(0u32..64, 1..12),
        prop::collection::vec(row, 12),
    )
        .prop_map(|(bits, rows)| {
            let mut names = HashSet::new();
            bits.into_iter()
                .zip(rows)
                .map(
                    |(
                        bit,
                        (
                            words,
                            description,
                            name_style,
                            mark,
                            value_style,
                            references,
                            extra_cells,
                            short,
                        ),
                    )| Written {
                        words,
                        bit,
                        // A short row has no description cell at all.
                        description: if short { Vec::new() } else { description },
                        name_style,
                        mark,
                        value_style,
                        references,
                        extra_cells,
                        short,
                    },
                )
                .filter(|w| {
                    let name = table::normalize_name(&w.label());
                    !matches!(name.as_str(), "NOT_USED" | "UNUSED" | "RESERVED")
                        && names.insert(name)
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A table written with escapes, references, inline tags, footnote marks, code spans and
    /// uneven cell counts reads back as the rows that went in.
    #[test]
    fn written_tables_read_back_as_the_rows_that_went_in(rows in written_rows(), outer in any::<bool>()) {
        let mut doc = String::from("# Permissions\n\nSome prose with a | pipe.\n\n| Permission | Value | Description |\n|:---|:---:|---:|\n");
        for row in &rows {
            let mut line = row.line();
            if !outer {
                line = line.trim_start_matches("| ").to_string();
            }
            doc.push_str(&line);
            doc.push('\n');
        }
        doc.push_str("\n[^1]: A footnote.\n");
        let table = table::parse(&doc, &Options::new().with_width(64).with_section("Permissions"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{doc}")))?;
        let got: Vec<(String, String, u128, String)> = table
            .rows
            .iter()
            .map(|r| (r.name.clone(), r.label.clone(), r.value, r.description.clone()))
            .collect();
        let wanted: Vec<(String, String, u128, String)> = rows
            .iter()
            .map(|w| (table::normalize_name(&w.label()), w.label(), 1u128 << w.bit, w.description()))
            .collect();
        prop_assert_eq!(got, wanted, "{}", doc);
    }
}
