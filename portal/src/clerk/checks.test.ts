import { describe, expect, it } from "vitest";
import { compactIban, dutchPostcode, groupedIban, validIban } from "./checks";

describe("Dutch postcode", () => {
  it("normalises what people type", () => {
    expect(dutchPostcode("1012lg")).toBe("1012 LG");
    expect(dutchPostcode(" 1012 LG ")).toBe("1012 LG");
  });
  it("refuses what PostNL never hands out", () => {
    expect(dutchPostcode("0123 AB")).toBeNull();
    expect(dutchPostcode("1234 SS")).toBeNull();
    expect(dutchPostcode("1234 A")).toBeNull();
    expect(dutchPostcode("12345")).toBeNull();
  });
});

describe("IBAN", () => {
  it("accepts a valid one however it is spaced", () => {
    expect(validIban("NL91 ABNA 0417 1643 00")).toBe(true);
    expect(validIban("nl91abna0417164300")).toBe(true);
    expect(validIban("BE68 5390 0754 7034")).toBe(true);
  });
  it("refuses a wrong check digit or length", () => {
    expect(validIban("NL92 ABNA 0417 1643 00")).toBe(false);
    expect(validIban("NL91 ABNA 0417 1643 0")).toBe(false);
    expect(validIban("hello")).toBe(false);
  });
  it("is written in groups of four", () => {
    expect(compactIban("NL91 abna 0417-1643 00")).toBe("NL91ABNA0417164300");
    expect(groupedIban("NL91ABNA0417164300")).toBe("NL91 ABNA 0417 1643 00");
  });
});
