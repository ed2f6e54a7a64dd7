//! Values as people write them, and the text format of a generated set.

use permissions::table::{self, Table};

/// Reads a number: decimal, hex `0x..` or binary `0b..`, with `_` between digits.
pub(crate) fn number(text: &str) -> Option<u128> {
    let digits: String = text.trim().chars().filter(|&c| c != '_').collect();
    let (digits, radix) = match digits.get(..2) {
        Some("0x" | "0X") => (&digits[2..], 16),
        Some("0b" | "0B") => (&digits[2..], 2),
        _ => (digits.as_str(), 10),
    };
    // `from_str_radix` takes a leading `+`, which is no way to write a permission value.
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u128::from_str_radix(digits, radix).ok()
}

/// Reads a value: a number, or the text format `A | B | 0x10` whose names are rows of
/// `table` (written as the table writes them or normalized: `Send Invites`, `SEND_INVITES`)
/// and whose other parts are numbers.
pub(crate) fn value(text: &str, table: &Table) -> Result<u128, String> {
    if let Some(value) = number(text) {
        return Ok(value);
    }
    if text.trim().is_empty() {
        return Err("empty value: write a number or row names joined by `|`".to_string());
    }
    let mut value = 0;
    for part in text.split('|') {
        let part = part.trim();
        if part.is_empty() {
            return Err(format!("cannot read `{text}`: an empty part between `|`"));
        }
        value |= match (number(part), table.row(part)) {
            (Some(bits), _) => bits,
            (None, Some(row)) => row.value,
            (None, None) => return Err(unknown_part(part, table)),
        };
    }
    Ok(value)
}

fn unknown_part(part: &str, table: &Table) -> String {
    let looks_numeric = part
        .trim_start_matches(['-', '+'])
        .starts_with(|c: char| c.is_ascii_digit());
    if looks_numeric {
        return format!(
            "cannot read `{part}` as a number: write decimal, hex `0x..` or binary `0b..`, \
             up to 128 bits"
        );
    }
    let wanted = table::normalize_name(part);
    let mut message = format!("`{part}` is not a row of the table");
    if let Some(name) = table::closest(&wanted, table.permissions().map(|r| r.name.as_str())) {
        message.push_str(&format!("; did you mean {name}?"));
    }
    message
}

/// The set's `Display` in bitflags' text format, as the derived type prints `value`: the
/// names of the rows it holds in table order, skipping a row whose bits are all printed
/// already, then the bits no printed row accounts for, in hex (`A | B | 0x10`).
pub(crate) fn format(table: &Table, value: u128) -> String {
    let mut parts = Vec::new();
    let mut remaining = value;
    for row in table.permissions() {
        if remaining == 0 {
            break;
        }
        if value & row.value == row.value && remaining & row.value != 0 {
            parts.push(row.name.clone());
            remaining &= !row.value;
        }
    }
    if remaining != 0 {
        parts.push(format!("{remaining:#x}"));
    }
    parts.join(" | ")
}

/// `value` in hex, zero-padded to the set's width: `0x80000008`.
pub(crate) fn hex(value: u128, width: u32) -> String {
    let digits = (width / 4) as usize;
    format!("{value:#0w$x}", w = digits + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use permissions::table::Options;

    fn tox() -> Table {
        let doc = "| Permission | Value |\n|---|---|\n| ADMINISTRATOR | 0x0001 |\n\
                   | VIEW_PUBLIC_LOGS | 0x0002 |\n| VIEW_SETTINGS | 0x0100 |\n\
                   | SEND_MESSAGES | 0x0112 |\n";
        table::parse(doc, &Options::new().with_width(16)).unwrap()
    }

    #[test]
    fn numbers_in_every_base() {
        assert_eq!(number("2147483656"), Some(2_147_483_656));
        assert_eq!(number("0x8000_0008"), Some(0x8000_0008));
        assert_eq!(number("0b1001"), Some(9));
        assert_eq!(number(" 0X0112 "), Some(0x0112));
        for bad in ["", "0x", "+1", "0x+1", "-1", "1.5", "0b102", "ADMIN"] {
            assert_eq!(number(bad), None, "{bad}");
        }
        assert_eq!(number(&u128::MAX.to_string()), Some(u128::MAX));
        assert_eq!(number("340282366920938463463374607431768211456"), None);
    }

    #[test]
    fn text_values_take_names_and_numbers() {
        let t = tox();
        assert_eq!(value("SEND_MESSAGES", &t), Ok(0x0112));
        assert_eq!(value("Administrator | 0x10", &t), Ok(0x11));
        assert_eq!(value("view settings|4", &t), Ok(0x104));
        assert!(
            value("ADMINISTRATOR || VIEW_SETTINGS", &t)
                .unwrap_err()
                .contains("empty part")
        );
        assert!(value("", &t).unwrap_err().contains("empty value"));
        let err = value("VIEW_SETTNGS", &t).unwrap_err();
        assert_eq!(
            err,
            "`VIEW_SETTNGS` is not a row of the table; did you mean VIEW_SETTINGS?"
        );
        assert!(value("12z", &t).unwrap_err().contains("as a number"));
    }

    #[test]
    fn format_is_bitflags_text_format() {
        let t = tox();
        // SEND_MESSAGES is printed: bit 4 is left after the rows before it.
        assert_eq!(
            format(&t, 0x0112),
            "VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES"
        );
        assert_eq!(
            format(&t, 0x0013),
            "ADMINISTRATOR | VIEW_PUBLIC_LOGS | 0x10"
        );
        assert_eq!(format(&t, 0), "");
        assert_eq!(format(&t, 0x8000), "0x8000");
        // A row whose bits are all printed already is skipped, as bitflags does.
        let doc = "| Name | Value |\n|---|---|\n| A | 1 |\n| B | 2 |\n| AB | 3 |\n";
        let t = table::parse(doc, &Options::new()).unwrap();
        assert_eq!(format(&t, 3), "A | B");
    }

    #[test]
    fn hex_is_padded_to_the_width() {
        assert_eq!(hex(0x8000_0008, 32), "0x80000008");
        assert_eq!(hex(0x0112, 16), "0x0112");
        assert_eq!(hex(1, 8), "0x01");
    }
}
