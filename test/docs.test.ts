// Drift test: docs/compatibility.md states every modeled operation's status as the registries do.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DOC, IMPLEMENTED, MISSING, parseDoc, sections } from "../scripts/compatibility.ts";

test("docs/compatibility.md lists every modeled operation with its real status", () => {
  const text = readFileSync(DOC, "utf8");
  for (const s of sections()) {
    const rows = parseDoc(text, s.title);
    for (const op of s.ops) {
      const row = rows.get(op);
      assert.ok(row, `${op} is missing from ${DOC} (run npx tsx scripts/compatibility.ts)`);
      assert.equal(row.status, s.registry[op] ? IMPLEMENTED : MISSING, `${op}: ${DOC} says "${row.status}"`);
    }
  }
});

test("README's test command is what CI runs", () => {
  const readme = readFileSync("README.md", "utf8");
  const ci = readFileSync(".ci/run", "utf8");
  assert.match(readme, /npm test/);
  assert.match(ci, /^npm test$/m);
});
