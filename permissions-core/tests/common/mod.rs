//! What the seed documents state, shared by the tests of the seeds and of our docs.

use permissions_core::table::Table;

/// Seed 000's flags, in the document's order; they are numbered from bit 0.
pub const NETWORK_SESSION_FLAGS: [&str; 9] = [
    "PUBLIC",
    "MODIFY_ACCOUNT_SETTINGS",
    "MODIFY_SECURITY_SETTINGS",
    "USER",
    "PROXY",
    "BOT",
    "MODERATOR",
    "ADMINISTRATOR",
    "SERVER_ADMINISTRATOR",
];

/// Seed 001's rows and values, in the document's order.
pub const TOX_MOD_VALUES: [(&str, u128); 8] = [
    ("ADMINISTRATOR", 0x0001),
    ("VIEW_PUBLIC_LOGS", 0x0002),
    ("VIEW_PRIVATE_LOGS", 0x0004),
    ("REVERT_LOG_ACTIONS", 0x0008),
    ("VIEW_SETTINGS", 0x0100),
    ("SEND_MESSAGES", 0x0112),
    ("MANAGE_SETTINGS", 0x0200),
    ("EXEC_PURGE_CMD", 0x0400),
];

/// Each row's name and value, in order.
pub fn names_and_values(table: &Table) -> Vec<(&str, u128)> {
    table
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.value))
        .collect()
}

/// The network session flags with the bits that numbering in order gives them.
pub fn network_session_bits() -> Vec<(&'static str, u128)> {
    NETWORK_SESSION_FLAGS
        .into_iter()
        .zip((0..).map(|bit| 1u128 << bit))
        .collect()
}
