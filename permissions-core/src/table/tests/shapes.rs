//! The shapes that real permission pages use, each in a document of our own, with the
//! seeds' names and values: every one reads unedited, or gives one clear error.

use super::super::*;
use super::{error, names_and_values};
use alloc::string::ToString;
use alloc::vec;

/// An MDX page: front matter, an import, JSX around the table, and values written with
/// character references because a bare `<` would open JSX.
const MDX_PAGE: &str = r#"---
title: Tox Mod permissions
sidebar_position: 3
---
import { Tip } from "@site/components";

# Permissions

<Tip kind="info">Values are bit masks.</Tip>

| Permission | Value | Description |
|---|---|---|
| ADMINISTRATOR | 1 &lt;&lt; 0 | Grants all permissons |
| VIEW_PUBLIC_LOGS | 1 &#60;&#60; 1 | Allows viewing any action logged in a public channel |
| VIEW_PRIVATE_LOGS | 1 &#x3C;&#x3C; 2 | Allows viewing any action logged in the guild |
| SEND_MESSAGES | 0x0112 | Allows Sending Messages &amp; Executing Base Level Commands |
"#;

#[test]
fn an_mdx_page_with_character_references_in_values() {
    let table = parse(MDX_PAGE, &Options::new().with_width(16)).unwrap();
    assert_eq!(
        names_and_values(&table),
        [
            ("ADMINISTRATOR", 0x0001),
            ("VIEW_PUBLIC_LOGS", 0x0002),
            ("VIEW_PRIVATE_LOGS", 0x0004),
            ("SEND_MESSAGES", 0x0112),
        ]
    );
    assert_eq!(
        table.row("SEND_MESSAGES").map(|r| r.description.as_str()),
        Some("Allows Sending Messages & Executing Base Level Commands")
    );
}

#[test]
fn references_inside_code_spans_stay_as_written() {
    let doc = "| Permission | Value |\n|---|---|\n| ADMINISTRATOR | `1 &lt;&lt; 0` |\n";
    let err = error(doc, &Options::new());
    assert_eq!(
        err.to_string(),
        "line 3: cannot read `Value` cell `1 &lt;&lt; 0`: expected hex `0x..`, decimal, \
         binary `0b..` or `1 << n`"
    );
}

#[test]
fn a_row_that_ends_in_an_empty_cell() {
    // `| a | b | | |`: the page's rows carry one or two cells past the header.
    let doc = "| Permission | Bit Number | Description |\n\
               |---|---|---|\n\
               | Administrator | 31 | Allows the user to bypass all permissions checks | |\n\
               | View Audit Logs | 30 | Allows the user to view the guild audit logs | | |\n\
               | View Insights | 29 |\n";
    let table = parse(doc, &Options::new().with_width(32)).unwrap();
    assert_eq!(
        names_and_values(&table),
        [
            ("ADMINISTRATOR", 1 << 31),
            ("VIEW_AUDIT_LOGS", 1 << 30),
            ("VIEW_INSIGHTS", 1 << 29)
        ]
    );
}

#[test]
fn footnote_marks_in_names_are_dropped_from_name_and_label() {
    let doc = "| Permission | Value | Description |\n\
               |---|---|---|\n\
               | Administrator<sup>1</sup> | 0x0001 | Grants all permissons |\n\
               | View Public Logs\\* | 0x0002 | Allows viewing any action logged in a public channel |\n\
               | View Private Logs* | 0x0004 | Allows viewing any action logged in the guild |\n\
               | Revert Log Actions[^2] | 0x0008 | Allows reverting any reversible action logged |\n\
               | <b>View Settings</b><br> | 0x0100 | Allows viewing settings for the guild<br>(read only) |\n\
               \n\
               <sup>1</sup> Holders pass every check.\n\n\
               [^2]: Only reversible actions.\n";
    let table = parse(doc, &Options::new().with_width(16)).unwrap();
    let got: Vec<(&str, &str, u128)> = table
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.label.as_str(), r.value))
        .collect();
    assert_eq!(
        got,
        [
            ("ADMINISTRATOR", "Administrator", 0x0001),
            ("VIEW_PUBLIC_LOGS", "View Public Logs", 0x0002),
            ("VIEW_PRIVATE_LOGS", "View Private Logs", 0x0004),
            ("REVERT_LOG_ACTIONS", "Revert Log Actions", 0x0008),
            ("VIEW_SETTINGS", "View Settings", 0x0100),
        ]
    );
    assert_eq!(
        table.row("VIEW_SETTINGS").map(|r| r.description.as_str()),
        Some("Allows viewing settings for the guild (read only)")
    );
}

#[test]
fn a_name_that_still_holds_markup_is_an_error_quoting_it() {
    let doc = "| Permission | Value |\n|---|---|\n| Administrator <Badge> | 0x0001 |\n| {name} | 0x0002 |\n| Send &unknown; | 0x0004 |\n";
    let errors = parse_all(doc, &Options::new()).unwrap_err();
    let got: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            // `<Badge>` is a tag: unwrapped, not an error.
            "line 4: name `{name}` holds markup `{` that is not part of a name: write the \
             name as plain text, or escape the markup with `\\`",
            "line 5: name `Send &unknown;` holds markup `&unknown;` that is not part of a \
             name: write the name as plain text, or escape the markup with `\\`",
        ]
    );
}

/// A page whose columns have words of their own.
const OTHER_WORDS: &str = "\
| Right | Bit | When enabled | Name |
|---|---|---|---|
| Administrator | 31 | Allows the user to bypass all permissions checks | admin |
| Manage Guild | 28 | Allows the user to manage the guild settings such as name and icon | guild |
";

#[test]
fn columns_can_be_mapped_to_roles() {
    let mapping = [(Role::Name, "right"), (Role::Description, "When  Enabled")];
    let options = Options::new().with_width(32).with_columns(&mapping);
    let table = parse(OTHER_WORDS, &options).unwrap();
    assert_eq!(
        names_and_values(&table),
        [("ADMINISTRATOR", 1 << 31), ("MANAGE_GUILD", 1 << 28)]
    );
    let row = table.row("ADMINISTRATOR").unwrap();
    assert_eq!(
        row.description,
        "Allows the user to bypass all permissions checks"
    );
    // The usual `Name` header plays no role once the name is mapped: it is metadata.
    assert_eq!(row.meta, [("Name".to_string(), "admin".to_string())]);
}

#[test]
fn every_role_can_be_mapped() {
    let doc = "| Scope | Mask | Index | Binary | Notes |\n|---|---|---|---|---|\n| Kick Members | 0x2 | 1 | 0b10 | kicks |\n";
    let mapping = [
        (Role::Name, "Scope"),
        (Role::Value, "Mask"),
        (Role::Bit, "Index"),
        (Role::Position, "Binary"),
        (Role::Description, "Notes"),
    ];
    let table = parse(doc, &Options::new().with_columns(&mapping)).unwrap();
    assert_eq!(names_and_values(&table), [("KICK_MEMBERS", 2)]);
    assert_eq!(
        table.rows.first().map(|r| r.description.as_str()),
        Some("kicks")
    );
    let mapping = [(Role::Bit, "Index"), (Role::Position, "Binary")];
    let disagree = doc.replace("| 1 | 0b10", "| 2 | 0b10");
    let options = Options::new().with_columns(&mapping);
    let err = error(
        &disagree,
        &options.with_columns(&[
            (Role::Name, "Scope"),
            (Role::Bit, "Index"),
            (Role::Position, "Binary"),
        ]),
    );
    assert_eq!(
        err.kind.to_string(),
        "columns disagree: `Index` gives 0x0004 (bit 2) but `Binary` gives 0x0002 (bit 1)"
    );
}

#[test]
fn a_mapped_header_that_is_not_there_lists_the_headers() {
    let mapping = [(Role::Description, "When granted")];
    let err = error(OTHER_WORDS, &Options::new().with_columns(&mapping));
    assert_eq!(err.line, 1);
    assert_eq!(err.kind.key(), Some("columns"));
    assert_eq!(
        err.kind.to_string(),
        "`description = \"When granted\"`: the table has no column `When granted`; its \
         columns are `Right`, `Bit`, `When enabled`, `Name`"
    );
}

#[test]
fn role_keys_round_trip() {
    for role in Role::ALL {
        assert_eq!(Role::from_key(role.key()), Some(role));
    }
    assert_eq!(Role::from_key("names"), None);
}

/// One heading, three tables: guild permissions, then two channel types.
const THREE_TABLES: &str = "\
## Permissions

| Permission | Bit Number |
|---|---|
| Administrator | 31 |

Text channels:

| Permission | Bit Number |
|---|---|
| Send Messages | 11 |

| Permission | Bit Number |
|---|---|
| Connect | 20 |

## Other
";

#[test]
fn the_nth_table_under_a_heading() {
    let section = Options::new().with_section("Permissions").with_width(32);
    let first = parse(THREE_TABLES, &section).unwrap();
    assert_eq!(names_and_values(&first), [("ADMINISTRATOR", 1 << 31)]);
    let second = parse(THREE_TABLES, &section.with_table(2)).unwrap();
    assert_eq!(names_and_values(&second), [("SEND_MESSAGES", 1 << 11)]);
    assert_eq!(second.line, 9);
    let third = parse(THREE_TABLES, &section.with_table(3)).unwrap();
    assert_eq!(names_and_values(&third), [("CONNECT", 1 << 20)]);
    // Without a section, the nth table of the document.
    let whole = parse(THREE_TABLES, &Options::new().with_table(3)).unwrap();
    assert_eq!(whole.line, 13);
}

#[test]
fn a_table_number_past_the_last_table() {
    let section = Options::new().with_section("Permissions");
    let err = error(THREE_TABLES, &section.with_table(4));
    assert_eq!(err.line, 1);
    assert_eq!(err.kind.key(), Some("table"));
    assert_eq!(err.kind.to_string(), "no table 4: there are 3 tables");
    let err = error(THREE_TABLES, &section.with_table(0));
    assert_eq!(
        err.kind,
        ErrorKind::NoSuchTable {
            table: 0,
            tables: 3
        }
    );
    let one = "| Name | Bit |\n|---|---|\n| A | 1 |\n";
    assert_eq!(
        error(one, &Options::new().with_table(2)).kind.to_string(),
        "no table 2: there is 1 table"
    );
    assert_eq!(
        error("text\n", &Options::new().with_table(1))
            .kind
            .to_string(),
        "no table 1: there is no table"
    );
}

#[test]
fn a_column_that_restates_the_value_must_agree() {
    let doc = "| Permission | Value | Bitwise | Since |\n|---|---|---|---|\n\
               | VIEW_SETTINGS | 0x0100 | `1 << 8` | 2 |\n\
               | MANAGE_SETTINGS | 0x0200 | `1 << 9` | 3 |\n\
               | EXEC_PURGE_CMD | 0x0400 | | 3 |\n";
    let table = parse(doc, &Options::new().with_width(16)).unwrap();
    assert_eq!(
        names_and_values(&table),
        [
            ("VIEW_SETTINGS", 0x0100),
            ("MANAGE_SETTINGS", 0x0200),
            ("EXEC_PURGE_CMD", 0x0400)
        ]
    );
    // Still kept as metadata, and a column of plain numbers (`Since`) is not a value.
    assert_eq!(
        table.row("VIEW_SETTINGS").map(|r| r.meta.clone()),
        Some(vec![
            ("Bitwise".to_string(), "1 << 8".to_string()),
            ("Since".to_string(), "2".to_string())
        ])
    );
    let wrong = doc.replace("`1 << 9`", "`1 << 10`");
    let err = error(&wrong, &Options::new().with_width(16));
    assert_eq!(
        err.to_string(),
        "line 4: columns disagree: `Value` gives 0x0200 (bit 9) but `Bitwise` gives 0x0400 (bit 10)"
    );
    // Restated in hex, or in binary.
    for (cell, wrong) in [("0x0200", "0x0201"), ("0b10_0000_0000", "0b1")] {
        let restated = doc.replace("`1 << 9`", cell);
        assert!(
            parse(&restated, &Options::new().with_width(16)).is_ok(),
            "{cell}"
        );
        let err = error(
            &doc.replace("`1 << 9`", wrong),
            &Options::new().with_width(16),
        );
        assert!(
            matches!(err.kind, ErrorKind::ColumnsDisagree { .. }),
            "{wrong}: {err}"
        );
    }
    // A column whose cells do not all read as values is plain metadata.
    let notes = doc.replace("`1 << 9`", "see 0x0200");
    assert!(parse(&notes, &Options::new().with_width(16)).is_ok());
}

#[test]
fn a_column_written_only_in_hex_or_only_in_binary_restates_the_value() {
    // No `1 << n` anywhere in the column: its `0x` or `0b` alone says it is a value.
    for (right, wrong) in [
        ("0x10000000", "0x04000000"),
        (
            "0b0001_0000_0000_0000_0000_0000_0000_0000",
            "0b0000_0100_0000_0000_0000_0000_0000_0000",
        ),
    ] {
        let doc = alloc::format!(
            "| Permission | Bit Number | Mask |\n|---|---|---|\n\
             | Manage Guild | 28 | {right} |\n\
             | Manage Roles | 25 | {wrong} |\n"
        );
        let err = error(&doc, &Options::new().with_width(32));
        assert_eq!(
            err.to_string(),
            "line 4: columns disagree: `Bit Number` gives 0x2000000 (bit 25) but `Mask` gives \
             0x4000000 (bit 26)",
            "{right}"
        );
    }
}

#[test]
fn every_bad_row_is_reported_once() {
    let doc = "| Permission | Value |\n|---|---|\n\
               | ADMINISTRATOR | 0x0001 |\n\
               | VIEW_PUBLIC_LOGS | ten |\n\
               | ADMINISTRATOR | 0x0004 |\n\
               | VIEW_SETTINGS | 0 |\n\
               | VIEW_PUBLIC_LOGS | 0x0002 |\n\
               | SEND_MESSAGES | 0x0001 |\n";
    let errors = parse_all(doc, &Options::new().with_width(16)).unwrap_err();
    let got: Vec<(usize, String)> = errors
        .iter()
        .map(|e| (e.line, e.kind.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (4, "cannot read `Value` cell `ten`: expected hex `0x..`, decimal, binary `0b..` or `1 << n`".to_string()),
            (5, "two rows are named `ADMINISTRATOR` (the first on line 3)".to_string()),
            (6, "a row's value cannot be 0: it would be held by everyone".to_string()),
            (8, "duplicate value 0x0001 (bit 0): `ADMINISTRATOR` on line 3 has it too; if this \
                 row is another name for `ADMINISTRATOR`, allow that with `aliases`".to_string()),
        ]
    );
    // `parse` gives the first.
    assert_eq!(error(doc, &Options::new()).line, 4);
}

#[test]
fn footnote_marks_in_value_cells_are_dropped_not_read_as_digits() {
    // Each mark beside a value: `<sup>1</sup>` must not turn 0x0001 into 0x00011.
    let doc = "| Permission | Value | Description |\n\
               |---|---|---|\n\
               | ADMINISTRATOR | 0x0001<sup>1</sup> | Grants all permissons |\n\
               | VIEW_PUBLIC_LOGS | 0x0002[^2] | Allows viewing any action logged in a public channel |\n\
               | VIEW_PRIVATE_LOGS | 0x0004\\* | Allows viewing any action logged in the guild |\n\
               | REVERT_LOG_ACTIONS | 0x0008* | Allows reverting any reversible action logged |\n\
               | VIEW_SETTINGS | 1 << 8 | Allows viewing settings for the guild |\n";
    let table = parse(doc, &Options::new().with_width(16)).unwrap();
    assert_eq!(
        names_and_values(&table),
        [
            ("ADMINISTRATOR", 0x0001),
            ("VIEW_PUBLIC_LOGS", 0x0002),
            ("VIEW_PRIVATE_LOGS", 0x0004),
            ("REVERT_LOG_ACTIONS", 0x0008),
            ("VIEW_SETTINGS", 0x0100),
        ]
    );
    // `2<sup>31</sup>` shows as a power, and could be 2 with a footnote: an error, quoting it.
    let doc = "| Permission | Value |\n|---|---|\n| ADMINISTRATOR | 2<sup>31</sup> |\n";
    let err = error(doc, &Options::new().with_width(32));
    assert_eq!(
        err.to_string(),
        "line 3: `Value` cell `2<sup>31</sup>` is ambiguous: `<sup>` right after a number reads \
         as a power or as a footnote mark; write a power as `1 << n` or in hex, and put a space \
         before a footnote mark"
    );
    // With a space, it is a footnote mark.
    let doc = "| Permission | Value |\n|---|---|\n| ADMINISTRATOR | 2 <SUP>31</SUP> |\n";
    let table = parse(doc, &Options::new().with_width(32)).unwrap();
    assert_eq!(names_and_values(&table), [("ADMINISTRATOR", 2)]);
    // Under `Bit Number`, `31<sup>1</sup>` is bit 31, not bit 311 (which u32 cannot hold).
    let doc = "| Permission | Bit Number |\n|---|---|\n\
               | Administrator | 31<sup>1</sup> |\n| Send Invites | 3* |\n";
    let table = parse(doc, &Options::new().with_width(32)).unwrap();
    assert_eq!(
        names_and_values(&table),
        [("ADMINISTRATOR", 1 << 31), ("SEND_INVITES", 1 << 3)]
    );
}

#[test]
fn a_byte_order_mark_before_the_document_is_not_text() {
    let with_heading =
        "\u{feff}# Tox Mod\n\n| Permission | Value |\n|---|---|\n| ADMINISTRATOR | 0x0001 |\n";
    let options = Options::new().with_width(16).with_section("Tox Mod");
    let table = parse(with_heading, &options).unwrap();
    assert_eq!(names_and_values(&table), [("ADMINISTRATOR", 0x0001)]);
    let table_first = "\u{feff}| Permission | Value |\n|---|---|\n| SEND_MESSAGES | 0x0112 |\n";
    let table = parse(table_first, &Options::new().with_width(16)).unwrap();
    assert_eq!(names_and_values(&table), [("SEND_MESSAGES", 0x0112)]);
    assert_eq!(table.rows[0].line, 3);
}

#[test]
fn a_table_in_an_indented_code_block_is_an_example_not_the_table() {
    // The page shows how to write a row, as indented code, then gives the real table.
    let doc = "# Rights\n\nWrite rows like this:\n\n    | Permission | Value |\n    |---|---|\n    | EXAMPLE | 1 |\n\n\
               | Permission | Value |\n|---|---|\n| KICK_MEMBERS | 0x0002 |\n";
    let options = Options::new().with_width(16).with_section("Rights");
    let table = parse(doc, &options).unwrap();
    assert_eq!(names_and_values(&table), [("KICK_MEMBERS", 0x0002)]);
    assert_eq!(sections(doc)[0].table, Some(9));
    // Indented under a list item, a table is the item's content, and is read.
    let in_list = "# Rights\n\n- The guild's rights:\n\n    | Permission | Value |\n    |---|---|\n    | KICK_MEMBERS | 0x0002 |\n";
    let table = parse(in_list, &options).unwrap();
    assert_eq!(names_and_values(&table), [("KICK_MEMBERS", 0x0002)]);
    // MDX has no indented code: a table indented inside a JSX element is the table.
    let mdx = "# Rights\n\n<Tabs>\n  <TabItem value=\"guild\">\n\n    | Permission | Value |\n    |---|---|\n    | KICK_MEMBERS | 0x0002 |\n\n  </TabItem>\n</Tabs>\n";
    let table = parse(mdx, &options).unwrap();
    assert_eq!(names_and_values(&table), [("KICK_MEMBERS", 0x0002)]);
    // After the element closes, indented lines are code again.
    let after =
        alloc::format!("{mdx}\n    | Permission | Value |\n    |---|---|\n    | EXAMPLE | 1 |\n");
    assert_eq!(sections(&after)[0].table, Some(6));
    let table = parse(&after, &options).unwrap();
    assert_eq!(names_and_values(&table), [("KICK_MEMBERS", 0x0002)]);
    // A void element (`<br>`) or a self-closing one opens nothing.
    let void = "# Rights\n\n<br>\n<Spacer />\n\n    | Permission | Value |\n    |---|---|\n    | EXAMPLE | 1 |\n";
    assert_eq!(sections(void)[0].table, None);
    // A line indented after a paragraph continues it: no code block there.
    let continued = "# Rights\n\nSome text\n    more text\n\n| Permission | Value |\n|---|---|\n| BAN_MEMBERS | 0x0004 |\n";
    let table = parse(continued, &options).unwrap();
    assert_eq!(names_and_values(&table), [("BAN_MEMBERS", 0x0004)]);
}

#[test]
fn indented_code_after_a_list_with_tabs_and_in_dotted_jsx_elements() {
    let options = Options::new().with_width(16).with_section("Rights");
    let real = "| Permission | Value |\n|---|---|\n| KICK_MEMBERS | 0x0002 |\n";
    let kick = |doc: &str| {
        let table = parse(doc, &options).unwrap();
        assert_eq!(
            names_and_values(&table),
            [("KICK_MEMBERS", 0x0002)],
            "{doc}"
        );
    };
    // A paragraph at the margin ends the list: an indented table after it is code again.
    kick(&alloc::format!(
        "# Rights\n\n- The guild's rights:\n\nAn example row:\n\n    | Permission | Value |\n    |---|---|\n    | EXAMPLE | 1 |\n\n{real}"
    ));
    // A tab indents as far as four spaces do.
    for indent in ["\t", "  \t"] {
        kick(&alloc::format!(
            "# Rights\n\n{indent}| Permission | Value |\n{indent}|---|---|\n{indent}| EXAMPLE | 1 |\n\n{real}"
        ));
    }
    // `<Input.Group>` is a JSX element, not the void `<input>`: the table inside is read.
    kick(
        "# Rights\n\n<Input.Group>\n\n    | Permission | Value |\n    |---|---|\n    | KICK_MEMBERS | 0x0002 |\n\n</Input.Group>\n",
    );
}

#[test]
fn a_heading_id_is_not_part_of_the_section_name() {
    // Docusaurus, Pandoc and Hugo pages give headings explicit ids, which no page shows.
    let doc = "# Permissions\n\n## Guild Permissions {#guild-perms}\n\n| Permission | Bit Number |\n|---|---|\n| Administrator | 31 |\n\n\
               Voice Permissions {.voice #voice}\n---\n\n| Permission | Bit Number |\n|---|---|\n| Speak | 21 |\n";
    let options = Options::new().with_width(32);
    let guild = parse(doc, &options.with_section("Guild Permissions")).unwrap();
    assert_eq!(names_and_values(&guild), [("ADMINISTRATOR", 1 << 31)]);
    let voice = parse(doc, &options.with_section("Voice Permissions")).unwrap();
    assert_eq!(names_and_values(&voice), [("SPEAK", 1 << 21)]);
    let headings: Vec<String> = sections(doc).into_iter().map(|s| s.heading).collect();
    assert_eq!(
        headings,
        ["Permissions", "Guild Permissions", "Voice Permissions"]
    );
    // Braces that are text stay: `{user}` is no id.
    assert_eq!(
        sections("# Rights of {user}\n")[0].heading,
        "Rights of {user}"
    );
}

#[test]
fn a_header_and_delimiter_with_other_cell_counts_is_named_not_missing() {
    // A trailing `|` after an empty header cell: 4 cells over 3, which GFM shows as text.
    let doc = "# Rights\n\n| Right | Value | When enabled | |\n|---|---|---|\n| KICK_MEMBERS | 0x0002 | Kick |\n";
    let expected = "line 3: this looks like a table, but its header row has 4 cells and its \
                    delimiter row 3, so GitHub shows it as text; give both rows as many cells";
    let options = Options::new().with_width(16);
    assert_eq!(error(doc, &options).to_string(), expected);
    assert_eq!(
        error(doc, &options.with_section("Rights")).to_string(),
        expected
    );
    // A real table elsewhere is not hidden by it, and one in another section is not blamed.
    let two = alloc::format!(
        "{doc}\n# Other\n\n| Permission | Value |\n|---|---|\n| BAN_MEMBERS | 0x0004 |\n"
    );
    let table = parse(&two, &options).unwrap();
    assert_eq!(names_and_values(&table), [("BAN_MEMBERS", 0x0004)]);
    let empty = "# Rights\n\nNo table yet.\n\n# Other\n\n| a | b |\n|---|\n";
    assert_eq!(
        error(empty, &options.with_section("Rights")).to_string(),
        "line 1: section `Rights` has no table yet"
    );
}
