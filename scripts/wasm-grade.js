#!/usr/bin/env node
// Grades requests with mcheck.wasm under node, for the parity test (Tests/PageGradingTests): reads JSON requests,
// one per line, on standard input ({file, fenceLine, code, answer, answerLine}), writes one JSON result per line.
// Usage: node scripts/wasm-grade.js path/to/mcheck.wasm < requests.jsonl
"use strict";
const fs = require("fs");
const path = require("path");
const { instantiate } = require(path.join(__dirname, "..", "Sources", "Site", "Theme", "mcheck-grader.js"));

async function main() {
  const grader = await instantiate(fs.readFileSync(process.argv[2] || ".build/wasm/mcheck.wasm"));
  const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l.trim() !== "");
  const out = [];
  for (const line of lines) out.push(JSON.stringify(grader.grade(JSON.parse(line))));
  process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
}
main().catch((e) => { console.error("wasm-grade: " + e.message); process.exit(1); });
