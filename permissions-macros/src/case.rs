//! Row names: Rust variant names and document labels become SCREAMING_SNAKE_CASE.

/// `ViewPublicLogs` -> `VIEW_PUBLIC_LOGS`, `HTTPServer` -> `HTTP_SERVER`, and
/// `SEND_MESSAGES` stays as it is.
pub fn screaming_snake(ident: &str) -> String {
    let chars: Vec<char> = ident.trim_start_matches("r#").chars().collect();
    let mut out = String::with_capacity(chars.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev != '_'
                && (prev.is_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_uppercase() && next_is_lower))
            {
                out.push('_');
            }
        }
        out.extend(c.to_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::screaming_snake;

    #[test]
    fn converts_variant_names() {
        assert_eq!(screaming_snake("ViewPublicLogs"), "VIEW_PUBLIC_LOGS");
        assert_eq!(screaming_snake("Administrator"), "ADMINISTRATOR");
        assert_eq!(screaming_snake("HTTPServer"), "HTTP_SERVER");
        assert_eq!(screaming_snake("Level2Admin"), "LEVEL2_ADMIN");
        assert_eq!(screaming_snake("SEND_MESSAGES"), "SEND_MESSAGES");
        assert_eq!(screaming_snake("ExecPurgeCmd"), "EXEC_PURGE_CMD");
    }
}
