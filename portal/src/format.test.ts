import { describe, expect, it } from "vitest";
import { countdown, formatDate, formatMoney } from "./format";

// Intl puts a no-break space between the euro sign and the amount; compare with plain spaces.
const plain = (s: string) => s.replace(/\u00a0|\u202f/g, " ");

describe("money", () => {
  it("is written the Dutch way in Dutch", () => {
    expect(plain(formatMoney("1234.56", "EUR", "nl"))).toBe("€ 1.234,56");
    expect(plain(formatMoney("-0.5", "EUR", "nl"))).toBe("€ -0,50");
  });
  it("is written the English way in English", () => {
    expect(plain(formatMoney("1234.56", "EUR", "en"))).toBe("€1,234.56");
  });
  it("keeps the cents of a decimal string", () => {
    expect(plain(formatMoney("1000000.10", "EUR", "nl"))).toBe("€ 1.000.000,10");
  });
});

describe("dates", () => {
  it("follow the locale", () => {
    expect(formatDate("2026-03-01", "nl")).toBe("1 mrt 2026");
    expect(formatDate("2026-03-01", "en")).toBe("1 Mar 2026");
  });
});

describe("countdown", () => {
  it("counts minutes and seconds down to zero", () => {
    const now = Date.parse("2026-01-01T10:00:00Z");
    expect(countdown("2026-01-01T10:05:07Z", now)).toBe("5:07");
    expect(countdown("2026-01-01T11:00:00Z", now)).toBe("1:00:00");
    expect(countdown("2026-01-01T09:00:00Z", now)).toBe("0:00");
  });
});
