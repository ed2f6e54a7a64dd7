//! Row names: Rust variant names become SCREAMING_SNAKE_CASE by the same normalization that
//! reads document labels, so `ViewAuditLogs` and "View Audit Logs" agree.

pub fn screaming_snake(ident: &str) -> String {
    permissions_core::table::normalize_name(ident.trim_start_matches("r#"))
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
        assert_eq!(screaming_snake("r#Type"), "TYPE");
    }
}
