import { describe, expect, it } from "vitest";
import { cents, decimal, parseAmount, summarize } from "./amounts";
import { reasonOf, refusal } from "./explain";

describe("amounts", () => {
  it("reads the API's decimals into cents and back", () => {
    expect(cents("9.44")).toBe(944);
    expect(cents("-12.3")).toBe(-1230);
    expect(cents("0.00")).toBe(0);
    expect(cents("1.234,56")).toBeNaN();
    expect(decimal(944)).toBe("9.44");
    expect(decimal(-5)).toBe("-0.05");
    expect(decimal(123456)).toBe("1234.56");
  });

  it("reads what a Dutch accountant types", () => {
    expect(parseAmount("1.234,56", "nl")).toBe(123456);
    expect(parseAmount("€ 9,44", "nl")).toBe(944);
    expect(parseAmount("9.44", "nl")).toBe(944);
    expect(parseAmount("1.234", "nl")).toBe(123400);
    expect(parseAmount("12", "nl")).toBe(1200);
    expect(parseAmount(",5", "nl")).toBe(50);
    expect(parseAmount("1,2,3", "nl")).toBeNull();
    expect(parseAmount("12.34.5", "nl")).toBeNull();
    expect(parseAmount("9,445", "nl")).toBeNull();
    expect(parseAmount("abc", "nl")).toBeNull();
    expect(parseAmount("", "nl")).toBeNull();
    expect(parseAmount("-5,00", "nl")).toBeNull();
    expect(parseAmount("-5,00", "nl", true)).toBe(-500);
  });

  it("reads what an English accountant types", () => {
    expect(parseAmount("1,234.56", "en")).toBe(123456);
    expect(parseAmount("9.44", "en")).toBe(944);
    expect(parseAmount("1,234", "en")).toBe(123400);
    expect(parseAmount("9,44", "en")).toBeNull();
  });

  it("shows the remainder, and a shortfall within the tolerance", () => {
    expect(summarize(1848, [944, 944], 100)).toEqual({
      allocated: 1888,
      remainder: 0,
      shortfall: 40,
      withinTolerance: true,
    });
    expect(summarize(2000, [944], 100)).toEqual({
      allocated: 944,
      remainder: 1056,
      shortfall: 0,
      withinTolerance: true,
    });
    expect(summarize(1000, [944, 944], 100).withinTolerance).toBe(false);
  });
});

describe("what the ledger's answers mean", () => {
  it("names the place and the reason a statement was refused", () => {
    const csv = refusal({
      status: 422,
      detail: "The statement is refused: line 7: '2026-13-01' is not a date (YYYY-MM-DD)",
      errors: [{ field: "file", message: "line 7: '2026-13-01' is not a date (YYYY-MM-DD)" }],
    });
    expect(csv).toEqual({ kind: "line", place: { key: "line", values: { line: "7" } }, reason: "date", values: {} });
    const xml = refusal({
      status: 422,
      errors: [{ field: "file", message: "line 12, column 4: not well-formed XML" }],
    });
    expect(xml.place).toEqual({ key: "lineColumn", values: { line: "12", column: "4" } });
    expect(xml.reason).toBe("xml");
    const batch = refusal({
      status: 422,
      errors: [{ field: "file", message: "entry 2, transaction 3: the amount 'x' is not a number" }],
    });
    expect(batch.place).toEqual({ key: "entryTransaction", values: { entry: "2", transaction: "3" } });
    expect(batch.reason).toBe("amount");
    const columns = refusal({ status: 422, errors: [{ field: "file", message: "line 3: expected 6 columns, found 7" }] });
    expect(columns.values).toEqual({ expected: "6", found: "7" });
  });

  it("tells a duplicate file, a balance difference and other files apart", () => {
    expect(refusal({ status: 409, detail: "This file was imported on 2026-11-28 (x)" }).kind).toBe("duplicate");
    expect(refusal({ status: 409, detail: "stored at the same moment; nothing" }).kind).toBe("concurrent");
    const balance = refusal({ status: 422, errors: [{ field: "file", message: "balance difference 36.00" }] });
    expect(balance).toMatchObject({ kind: "balance", values: { difference: "36.00" } });
    expect(refusal({ status: 422, detail: "The statement is refused: This is not a bank statement (camt.053): x" }).kind).toBe(
      "notStatement",
    );
    expect(refusal({ status: 422, detail: "something new" })).toMatchObject({ kind: "line", place: null, reason: "other" });
  });

  it("translates the suggestions' reasons", () => {
    expect(reasonOf("3 open items add up to the amount")).toEqual({ key: "subset", values: { count: "3" } });
    expect(reasonOf("the payer's IBAN is known on this relation")?.key).toBe("iban");
    expect(reasonOf("something else")).toBeNull();
  });
});
