//! Row names: from a cell as written ("View Audit Logs") to a constant's name
//! (`VIEW_AUDIT_LOGS`).

use alloc::string::String;

/// The SCREAMING_SNAKE_CASE form of a name cell, or of a Rust variant name: the one
/// normalization that both forms of `#[derive(PermissionSet)]` use.
///
/// ```
/// use permissions::table::normalize_name;
/// assert_eq!(normalize_name("View Audit Logs"), "VIEW_AUDIT_LOGS");
/// assert_eq!(normalize_name("ViewAuditLogs"), "VIEW_AUDIT_LOGS");
/// assert_eq!(normalize_name("SEND_MESSAGES"), "SEND_MESSAGES");
/// ```
///
/// Words are separated by anything that is not an ASCII letter or digit (spaces, hyphens,
/// underscores, punctuation), and inside a word at a case change: `viewAuditLogs` and
/// `ViewAuditLogs` give `VIEW_AUDIT_LOGS`, `HTTPServer` gives `HTTP_SERVER`. Characters
/// outside ASCII are kept, upper-cased, so that the identifier check rejects the result.
pub fn normalize(label: &str) -> String {
    let mut out = String::with_capacity(label.len() + 4);
    let chars: alloc::vec::Vec<char> = label.chars().collect();
    let mut word_open = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            word_open = false;
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        // A capital starts a word after a lower-case letter (`viewAudit`), or before one
        // (`HTTPServer`, `Level2Admin`). Upper-cased text has no lower-case letters left, so
        // normalizing a normalized name changes nothing.
        let camel_break = word_open
            && c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || ((p.is_ascii_uppercase() || p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if (!word_open || camel_break) && !out.is_empty() {
            out.push('_');
        }
        word_open = true;
        out.extend(c.to_uppercase());
    }
    out
}

/// Whether a normalized name can name a Rust constant: ASCII letters, digits and `_`, not
/// starting with a digit, not empty.
pub(crate) fn is_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}

/// Whether a normalized name marks a row that only reserves its bit.
pub(crate) fn is_reserved(name: &str) -> bool {
    matches!(name, "NOT_USED" | "RESERVED" | "UNUSED")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_and_spaces() {
        assert_eq!(normalize("View Audit Logs"), "VIEW_AUDIT_LOGS");
        assert_eq!(normalize("  Send   Invites "), "SEND_INVITES");
        assert_eq!(normalize("Title Case"), "TITLE_CASE");
    }

    #[test]
    fn screaming_snake_case_is_unchanged() {
        assert_eq!(normalize("SEND_MESSAGES"), "SEND_MESSAGES");
        assert_eq!(normalize("EXEC_PURGE_CMD"), "EXEC_PURGE_CMD");
        assert_eq!(normalize("SERVER_ADMINISTRATOR"), "SERVER_ADMINISTRATOR");
    }

    #[test]
    fn hyphens_punctuation_and_snake_case() {
        assert_eq!(normalize("read-only"), "READ_ONLY");
        assert_eq!(normalize("manage_emojis (legacy)"), "MANAGE_EMOJIS_LEGACY");
        assert_eq!(normalize("@everyone"), "EVERYONE");
    }

    #[test]
    fn camel_and_pascal_case() {
        assert_eq!(normalize("ViewAuditLogs"), "VIEW_AUDIT_LOGS");
        assert_eq!(normalize("viewAuditLogs"), "VIEW_AUDIT_LOGS");
        assert_eq!(normalize("HTTPServer"), "HTTP_SERVER");
        assert_eq!(normalize("Level2Admin"), "LEVEL2_ADMIN");
        assert_eq!(normalize("Use2FA"), "USE2FA");
        assert_eq!(normalize("IPv6Access"), "I_PV6_ACCESS");
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        for label in [
            "View Audit Logs",
            "ViewAuditLogs",
            "HTTPServer",
            "Level2Admin",
            "A0a",
            "IPV6ACCESS",
            "x-y z",
            "SEND_MESSAGES",
        ] {
            let once = normalize(label);
            assert_eq!(normalize(&once), once, "{label}");
        }
        assert_eq!(normalize("IPV6ACCESS"), "IPV6ACCESS");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("VIEW_AUDIT_LOGS"));
        assert!(is_identifier("_PRIVATE"));
        assert!(!is_identifier(""));
        assert!(!is_identifier("_"));
        assert!(!is_identifier("3D_VIEWS"));
        assert!(!is_identifier(&normalize("Überwachen")));
        assert!(!is_identifier(&normalize("---")));
    }

    #[test]
    fn reserved_names() {
        for label in [
            "Not Used", "not used", "NOT_USED", "Reserved", "unused", "Not-Used",
        ] {
            assert!(is_reserved(&normalize(label)), "{label}");
        }
        assert!(!is_reserved(&normalize("Used")));
        assert!(!is_reserved(&normalize("Reserved Words")));
    }
}
