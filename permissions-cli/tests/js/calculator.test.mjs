// Drives the calculator pages that `permissions calculator` wrote in Debian's chromium,
// headless, and checks them the way a person uses them: tick rows and read the value, paste
// a value and read the ticked rows, see an unknown bit named as such, use the keyboard.
//
//   node calculator.test.mjs GUILD_PAGE TOX_PAGE CHANNELS_PAGE SCOPES_PAGE [SCREENSHOT.png]
//
// GUILD_PAGE is seed 002's guild table, TOX_PAGE seed 001's, CHANNELS_PAGE our 64-bit table
// grouped by channel type (permissions-cli/tests/docs/channels.md), SCOPES_PAGE ours with an
// alias (aliases.md). Prints one `ok` or `not ok` line per check; exits with 1 if one failed.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [guildPage, toxPage, channelsPage, scopesPage, screenshot] = process.argv.slice(2);
if (!scopesPage) {
  console.error("usage: node calculator.test.mjs GUILD_PAGE TOX_PAGE CHANNELS_PAGE SCOPES_PAGE [SCREENSHOT.png]");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "permissions-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 1180, height: 900 },
  timeout: 60_000,
});

context.setDefaultTimeout(10_000);

// Everything the pages ask for beyond their own file, and everything they log as an error.
const requests = [];
const problems = [];
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith("file:")) return route.continue();
  requests.push(url);
  return route.abort();
});

let failed = false;
async function check(name, body) {
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed = true;
    console.log(`not ok - ${name}\n${e.stack || e}`);
  }
}

async function open(path) {
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`${path}: ${m.text()}`));
  await page.goto(pathToFileURL(path).href);
  return page;
}

const read = (page) =>
  page.evaluate(() => ({
    decimal: document.getElementById("decimal").textContent,
    hex: document.getElementById("hex").textContent,
    text: document.getElementById("text").textContent,
    ticked: [...document.querySelectorAll("main input[type=checkbox]:checked")].map((b) => b.dataset.name),
    partial: [...document.querySelectorAll("main input[type=checkbox]")].filter((b) => b.indeterminate).map((b) => b.dataset.name),
    unknown: document.getElementById("unknown").hidden
      ? []
      : [...document.querySelectorAll("#unknown-bits li")].map((li) => li.textContent.trim()),
  }));

async function paste(page, value) {
  await page.fill("#value", value);
  return read(page);
}

// Seed 002: guild permissions, bit 31 down to bit 3; bits 0-2 not used.
const guild = await open(guildPage);

await check("guild: ticking Administrator and Send Invites gives 2147483656", async () => {
  await guild.getByRole("checkbox", { name: "Administrator", exact: true }).check();
  await guild.getByRole("checkbox", { name: "Send Invites", exact: true }).check();
  const got = await read(guild);
  assert.equal(got.decimal, "2147483656");
  assert.equal(got.hex, "0x80000008");
  assert.equal(got.text, "ADMINISTRATOR | SEND_INVITES");
  assert.equal(await guild.inputValue("#value"), "2147483656");
});

await check("guild: unticking a row clears its bit", async () => {
  await guild.getByRole("checkbox", { name: "Administrator", exact: true }).uncheck();
  const got = await read(guild);
  assert.deepEqual([got.decimal, got.hex, got.text], ["8", "0x00000008", "SEND_INVITES"]);
});

await check("guild: pasting 0x80000008 ticks Administrator and Send Invites", async () => {
  const got = await paste(guild, "0x80000008");
  assert.deepEqual(got.ticked, ["ADMINISTRATOR", "SEND_INVITES"]);
  assert.equal(got.decimal, "2147483656");
  assert.deepEqual(got.unknown, []);
});

await check("guild: pasting names in the text format ticks them", async () => {
  const got = await paste(guild, "BAN_MEMBERS | Kick Members");
  assert.deepEqual(got.ticked, ["BAN_MEMBERS", "KICK_MEMBERS"]);
  assert.equal(got.decimal, String((1 << 19) + (1 << 18)));
});

await check("guild: the reserved bits 0-2 are shown as unknown, and can be dropped", async () => {
  const got = await paste(guild, "2147483663");
  assert.deepEqual(got.ticked, ["ADMINISTRATOR", "SEND_INVITES"]);
  assert.equal(got.text, "ADMINISTRATOR | SEND_INVITES | 0x7");
  assert.equal(got.unknown.length, 3);
  assert.match(got.unknown[0], /^bit 0 · 0x00000001 — reserved/);
  assert.ok(await guild.isVisible("#unknown"));
  // The list is drawn again from the new value, so the box is gone once clicked.
  await guild.click("#unknown-0");
  const after = await read(guild);
  assert.equal(after.decimal, "2147483662");
  assert.equal(after.unknown.length, 2);
});

await check("guild: a value that is not one shows an error and keeps the boxes", async () => {
  await paste(guild, "0x80000008");
  const got = await paste(guild, "BAN_MEMBER");
  assert.equal(await guild.textContent("#value-error"), "“BAN_MEMBER” is not a row of this table");
  assert.equal(await guild.getAttribute("#value", "aria-invalid"), "true");
  assert.deepEqual(got.ticked, ["ADMINISTRATOR", "SEND_INVITES"]);
  const wide = await paste(guild, "0x100000000");
  assert.equal(await guild.textContent("#value-error"), "this value does not fit in the 32 bits of the set");
  assert.equal(wide.decimal, "2147483656");
});

await check("guild: the keyboard reaches every box, Space ticks it, / returns to the value", async () => {
  await guild.click("#clear");
  await guild.focus("#value");
  for (let i = 0; i < 20; i++) {
    if ((await guild.evaluate(() => document.activeElement.id)) === "row-0") break;
    await guild.keyboard.press("Tab");
  }
  assert.equal(await guild.evaluate(() => document.activeElement.dataset.name), "ADMINISTRATOR");
  await guild.keyboard.press("Space");
  await guild.keyboard.press("Tab");
  assert.equal(await guild.evaluate(() => document.activeElement.dataset.name), "VIEW_AUDIT_LOGS");
  await guild.keyboard.press("Space");
  const got = await read(guild);
  assert.equal(got.decimal, "3221225472");
  assert.equal(got.text, "ADMINISTRATOR | VIEW_AUDIT_LOGS");
  await guild.keyboard.press("/");
  assert.equal(await guild.evaluate(() => document.activeElement.id), "value");
});

await check("guild: every box has its row's label as its accessible name", async () => {
  const names = await guild.evaluate(() =>
    [...document.querySelectorAll("main input[type=checkbox]")].map((b) => [b.id, b.getAttribute("aria-labelledby")]),
  );
  assert.equal(names.length, 29);
  for (const [id, labelledby] of names) {
    assert.equal(labelledby, `${id}-name`);
    assert.ok(await guild.isVisible(`label[for="${id}"]`));
  }
  const viewInsights = guild.getByRole("checkbox", { name: "View Insights", exact: true });
  assert.equal(await viewInsights.getAttribute("data-name"), "VIEW_INSIGHTS");
});

if (screenshot) {
  await check(`guild: screenshot in ${screenshot}`, async () => {
    // A moderator's role: some guild rights, not Administrator.
    await paste(guild, "BAN_MEMBERS | KICK_MEMBERS | MANAGE_MEMBERS | VIEW_AUDIT_LOGS | MANAGE_INVITES | SEND_INVITES");
    await guild.locator("#value").blur();
    await guild.mouse.move(0, 0);
    // No transition caught halfway: the rows that were ticked before show as they are now.
    await guild.emulateMedia({ reducedMotion: "reduce" });
    await guild.screenshot({ path: screenshot, fullPage: true });
  });
  const unknown = screenshot.replace(/\.png$/, "-unknown.png");
  await check(`guild: screenshot of unknown bits in ${unknown}`, async () => {
    // Administrator and Send Invites, with the three reserved bits set as well.
    await paste(guild, "2147483663");
    await guild.locator("#value").blur();
    const panel = await guild.locator(".panel").boundingBox();
    await guild.screenshot({ path: unknown, clip: { x: 0, y: 0, width: 1180, height: panel.y + panel.height + 24 } });
  });
}

// Seed 001: Tox Mod; SEND_MESSAGES = 0x0112 covers VIEW_SETTINGS and VIEW_PUBLIC_LOGS.
const tox = await open(toxPage);

await check("tox: pasting the default 0x0112 ticks the rows it covers", async () => {
  const got = await paste(tox, "0x0112");
  assert.deepEqual(got.ticked, ["VIEW_PUBLIC_LOGS", "VIEW_SETTINGS", "SEND_MESSAGES"]);
  assert.equal(got.text, "VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES");
  assert.deepEqual(got.unknown, []);
});

await check("tox: bit 4 alone is part of SEND_MESSAGES, shown as unknown", async () => {
  const got = await paste(tox, "0x0012");
  assert.deepEqual(got.ticked, ["VIEW_PUBLIC_LOGS"]);
  assert.deepEqual(got.partial, ["SEND_MESSAGES"]);
  assert.equal(got.text, "VIEW_PUBLIC_LOGS | 0x10");
  assert.deepEqual(got.unknown, ["bit 4 · 0x0010 — part of SEND_MESSAGES, which is not held in full"]);
});

await check("tox: ticking SEND_MESSAGES sets all three of its bits", async () => {
  await tox.click("#clear");
  await tox.getByRole("checkbox", { name: "SEND_MESSAGES", exact: true }).check();
  const got = await read(tox);
  assert.equal(got.hex, "0x0112");
  assert.equal(got.decimal, "274");
});

// Ours: 64 bits, grouped by channel type; bits past 2^53 stay exact.
const channels = await open(channelsPage);

await check("channels: the rows are grouped by channel type", async () => {
  const legends = await channels.$$eval("legend", (ls) => ls.map((l) => l.firstChild.textContent));
  assert.deepEqual(legends, ["Channel Type: Text", "Channel Type: Voice", "Channel Type: Forum"]);
  const forum = await channels.$$eval("fieldset:nth-of-type(3) input", (bs) => bs.map((b) => b.dataset.name));
  assert.deepEqual(forum, ["POST_THREADS", "TAG_THREADS", "MODERATE_PIN"]);
});

await check("channels: bit 63 and bit 53 are exact", async () => {
  await channels.getByRole("checkbox", { name: "Manage Channel", exact: true }).check();
  await channels.getByRole("checkbox", { name: "Moderate | Pin", exact: true }).check();
  const got = await read(channels);
  assert.equal(got.decimal, "9232379236109516800");
  assert.equal(got.hex, "0x8020000000000000");
  assert.equal(got.text, "MODERATE_PIN | MANAGE_CHANNEL");
});

await check("channels: a row covered by the rows before it is ticked, and left out of the text", async () => {
  await channels.click("#clear");
  await channels.getByRole("checkbox", { name: "Mute Members", exact: true }).check();
  await channels.getByRole("checkbox", { name: "Use Video", exact: true }).check();
  const got = await read(channels);
  assert.deepEqual(got.ticked, ["MUTE_MEMBERS", "USE_VIDEO", "VOICE_MODERATION"]);
  assert.equal(got.text, "MUTE_MEMBERS | USE_VIDEO");
  assert.equal(got.decimal, String(0x3000));
});

await check("channels: every bit set ticks every row and names the rest unknown", async () => {
  const got = await paste(channels, "18446744073709551615");
  assert.equal(got.ticked.length, 13);
  assert.equal(got.unknown.length, 64 - 12);
  assert.ok(got.unknown.includes("bit 20 · 0x0000000000100000 — reserved: no permission may use it"));
  assert.ok(got.unknown.includes("bit 4 · 0x0000000000000010 — no row of this table names it"));
  assert.match(got.text, /\| MANAGE_CHANNEL \| 0x7fdffcffffffc3f0$/);
});

// Ours: MODERATE is another name for MANAGE_MESSAGES.
const scopes = await open(scopesPage);

await check("scopes: an alias ticks with the row it names, and the text names the first", async () => {
  await scopes.getByRole("checkbox", { name: "Moderate", exact: true }).check();
  const got = await read(scopes);
  assert.deepEqual(got.ticked, ["MANAGE_MESSAGES", "MODERATE"]);
  assert.equal(got.text, "MANAGE_MESSAGES");
  assert.match(await scopes.textContent("#row-3-bits"), /^MODERATE · alias of MANAGE_MESSAGES · bit 2/);
  const audit = await paste(scopes, "AUDIT | moderate");
  assert.equal(audit.decimal, String((1n << 60n) | 4n));
});

await check("the pages asked for nothing beyond their own file, and logged no error", async () => {
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
});

await context.close();
rmSync(profile, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
