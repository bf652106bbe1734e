import { describe, expect, it } from "vitest";
import { traceLine } from "./trace";

describe("rating trace in Dutch", () => {
  it("translates the fixed words and keeps numbers and codes", () => {
    expect(traceLine("BASIC: base 40000 × 0.0012 = 48.0000", "nl")).toBe(
      "BASIC: basis 40000 × 0.0012 = 48.0000",
    );
    expect(traceLine("LEGAL: base 36.00 a year", "nl")).toBe("LEGAL: basis 36.00 per jaar");
    expect(traceLine("BASIC: yearly 48.60 (rounded half up)", "nl")).toBe(
      "BASIC: per jaar 48.60 (afgerond, halve cent naar boven)",
    );
    expect(traceLine("BASIC: monthly 48.60 × 1.04 ÷ 12 = 4.21 (rounded half up)", "nl")).toBe(
      "BASIC: per maand 48.60 × 1.04 ÷ 12 = 4.21 (afgerond, halve cent naar boven)",
    );
    expect(traceLine("BASIC: age(birth_date) = 35 in 25 to 64 → × 1.00 = 48.00", "nl")).toBe(
      "BASIC: leeftijd(birth_date) = 35 in 25 t/m 64 → × 1.00 = 48.00",
    );
    expect(traceLine("acceptance 1: sum_insured = 40000, greater than 150000: does not hold", "nl")).toBe(
      "acceptatie 1: sum_insured = 40000, groter dan 150000: geldt niet",
    );
    expect(traceLine("decision: refer", "nl")).toBe("besluit: beoordelen");
    expect(traceLine("total 7.80 + 1.64 = 9.44", "nl")).toBe("totaal 7.80 + 1.64 = 9.44");
  });
  it("keeps the acceptance reason the product gives", () => {
    expect(traceLine("acceptance 1: refer: Boven EUR 150.000 beoordeelt een acceptant.", "nl")).toBe(
      "acceptatie 1: beoordelen: Boven EUR 150.000 beoordeelt een acceptant.",
    );
  });
  it("leaves English as written", () => {
    expect(traceLine("decision: refer", "en")).toBe("decision: refer");
  });
});
