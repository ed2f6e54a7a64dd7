#![no_main]
//! Fuzz target: see `checks::table`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::table(data));
