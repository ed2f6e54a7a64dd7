// Runs compiled `permissions export --format ts` modules on the cases in CASES.json, which
// the Rust test computed with the derived sets' own `Display`, `FromStr` and `contains`:
//
//   node agreement.cjs CASES.json
//
// Each case names a module and lists [value, text] for `format`, [text, value or null] for
// `parse` (null: Rust refuses it), [set, required, held] for `has`. Prints every mismatch and
// exits with 1 if there is one; prints the number of cases checked otherwise.
"use strict";
const { readFileSync } = require("node:fs");

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
let checked = 0;
const wrong = [];
for (const c of cases) {
  const m = require(c.module);
  for (const [value, text] of c.format) {
    checked++;
    const got = m.format(BigInt(value));
    if (got !== text) wrong.push(`${c.module}: format(${value}n) = ${JSON.stringify(got)}, Rust: ${JSON.stringify(text)}`);
  }
  for (const [text, value] of c.parse) {
    checked++;
    let got;
    try {
      got = m.parse(text).toString();
    } catch (e) {
      if (!(e instanceof SyntaxError || e instanceof RangeError)) throw e;
      got = null;
    }
    if (got !== value) wrong.push(`${c.module}: parse(${JSON.stringify(text)}) = ${got}, Rust: ${value}`);
  }
  for (const [set, required, held] of c.has) {
    checked++;
    const got = m.has(BigInt(set), BigInt(required));
    if (got !== held) wrong.push(`${c.module}: has(${set}n, ${required}n) = ${got}, Rust: ${held}`);
  }
  checked++;
  if (m.flags.length !== c.rows) wrong.push(`${c.module}: ${m.flags.length} flags, Rust: ${c.rows}`);
}
for (const w of wrong) console.log(w);
if (wrong.length > 0) process.exit(1);
console.log(`${checked} cases agree`);
