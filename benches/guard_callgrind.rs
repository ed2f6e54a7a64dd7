//! Instruction counts for the guard, under `valgrind --tool=callgrind`: see
//! `benches/guard_overhead.sh`. `GUARD_MODE` picks the function, `GUARD_ITERS` the calls.
use std::hint::black_box;

#[path = "guard_subject.rs"]
mod subject;

fn main() {
    let mode = std::env::var("GUARD_MODE").unwrap_or_default();
    let iters: u32 = std::env::var("GUARD_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let session_name = std::env::var("GUARD_SESSION").unwrap_or_else(|_| "allowed".into());
    let sessions = subject::sessions();
    let Some((_, session)) = sessions.iter().find(|(n, _)| *n == session_name) else {
        eprintln!("GUARD_SESSION must be one of allowed, denied, admin");
        std::process::exit(2);
    };
    let f = match mode.as_str() {
        "requires" => subject::guarded,
        "by_hand" => subject::by_hand,
        "by_hand_with_bypass" => subject::by_hand_with_bypass,
        _ => {
            eprintln!("GUARD_MODE must be one of requires, by_hand, by_hand_with_bypass");
            std::process::exit(2);
        }
    };
    let mut ok = 0u32;
    for i in 0..iters {
        ok += u32::from(black_box(f(black_box(session), black_box(i))).is_ok());
    }
    black_box(ok);
}
