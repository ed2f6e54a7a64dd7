//! Criterion: a `#[requires]`-guarded function against the same check written by hand.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "guard_subject.rs"]
mod subject;

fn guard(c: &mut Criterion) {
    let mut group = c.benchmark_group("guard");
    for (name, session) in subject::sessions() {
        group.bench_function(format!("requires/{name}"), |b| {
            b.iter(|| subject::guarded(black_box(&session), black_box(7)))
        });
        group.bench_function(format!("by_hand/{name}"), |b| {
            b.iter(|| subject::by_hand(black_box(&session), black_box(7)))
        });
        group.bench_function(format!("by_hand_with_bypass/{name}"), |b| {
            b.iter(|| subject::by_hand_with_bypass(black_box(&session), black_box(7)))
        });
    }
    group.finish();
}

criterion_group!(benches, guard);
criterion_main!(benches);
