import { describe, expect, it } from "vitest";
import { accountsEn } from "../locales/accounts.en";
import { accountsNl } from "../locales/accounts.nl";

// The screens' own sources, as text.
const sources = import.meta.glob<string>(["./**/*.ts", "./**/*.tsx", "!./**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

function has(strings: unknown, key: string): boolean {
  let node: unknown = strings;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return false;
    const record = node as Record<string, unknown>;
    node = record[part] ?? record[`${part}_one`];
  }
  return node !== undefined;
}

describe("the accounts screens' strings", () => {
  it("name only keys that exist in both languages", () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const match of text.matchAll(/["`]accounts\.([a-zA-Z.]+)["`]/g)) used.add(match[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((key) => !has(accountsNl, key) || !has(accountsEn, key));
    expect(missing).toEqual([]);
  });
});
