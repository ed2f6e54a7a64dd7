#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(MANAGE_SETTINGS)]
struct Settings;

#[requires(MANAGE_SETTINGS)]
impl Session {}

#[requires(MANAGE_SETTINGS)]
const LIMIT: u32 = 3;

trait Api {
    #[requires(MANAGE_SETTINGS)]
    fn update(&self) -> Result<(), ApiError>;
}

fn main() {}
