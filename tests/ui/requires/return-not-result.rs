#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(MANAGE_SETTINGS)]
fn update_settings(session: &Session) -> String {
    String::new()
}

#[requires(MANAGE_SETTINGS)]
fn update_nothing(session: &Session) {}

fn main() {}
