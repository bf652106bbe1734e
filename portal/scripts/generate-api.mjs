// Generates the API types from contracts/openapi/*.json (run by `make contracts`).
// With --check it changes nothing and fails when a generated file is stale.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const contracts = join(here, "..", "..", "contracts", "openapi");
const out = join(here, "..", "src", "api", "generated");
const check = process.argv.includes("--check");

const header = "// Generated from contracts/openapi by `make contracts`; do not edit.\n";
const stale = [];
mkdirSync(out, { recursive: true });
for (const file of readdirSync(contracts).filter((f) => f.endsWith(".json")).sort()) {
  const document = JSON.parse(readFileSync(join(contracts, file), "utf8"));
  const text = header + astToString(await openapiTS(document));
  const target = join(out, file.replace(/\.json$/, ".ts"));
  const current = existsSync(target) ? readFileSync(target, "utf8") : null;
  if (current === text) continue;
  if (check) stale.push(target);
  else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
if (stale.length) {
  console.error(`Stale API types (run make contracts): ${stale.join(", ")}`);
  process.exit(1);
}
