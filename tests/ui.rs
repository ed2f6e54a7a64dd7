//! Compile-time misuse: every case under `tests/ui/<macro>/` must fail with the error in its
//! `.stderr`, and every case under `tests/ui/pass/` must compile.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/derive/*.rs");
    t.compile_fail("tests/ui/requires/*.rs");
    t.compile_fail("tests/ui/markdown/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
