#![no_main]
//! Fuzz target: see `checks::table`.

#[allow(dead_code)] // each target runs one of the checks
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::table(data));
