//! Behaviour of [`parse`](super::parse): the seed documents, verbatim, and one test per rule.

use super::*;

mod lock;
mod rules;
mod seeds;
mod shapes;

/// The seed documents, verbatim (they must parse unedited).
const SEED_000: &str = include_str!("../../tests/fixtures/seed_000.txt");
const SEED_001: &str = include_str!("../../tests/fixtures/seed_001.txt");
const SEED_002: &str = include_str!("../../tests/fixtures/seed_002.txt");

fn names_and_values(table: &Table) -> Vec<(&str, u128)> {
    table
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.value))
        .collect()
}

fn error(doc: &str, options: &Options<'_>) -> TableError {
    match parse(doc, options) {
        Ok(table) => panic!("expected an error, got {table:?}"),
        Err(err) => err,
    }
}

/// A two-column `Name | Value` table with the given body.
fn values(body: &str) -> String {
    let mut doc = String::from("| Name | Value |\n|------|-------|\n");
    doc.push_str(body);
    doc
}
