import { describe, expect, it } from "vitest";
import { amountText, choicesOf, reserveReason } from "./text";

describe("amounts as a claims handler types them", () => {
  it("reads Dutch and English notation", () => {
    expect(amountText("€ 1.234,56", "nl")).toBe("1234.56");
    expect(amountText("1500", "nl")).toBe("1500");
    expect(amountText("1,234.56", "en")).toBe("1234.56");
  });
});

describe("the choices a 422 offers", () => {
  it("lists the coverages the claims service names", () => {
    expect(choicesOf("one of BASIC, ALLRISK")).toEqual(["BASIC", "ALLRISK"]);
    expect(choicesOf("required")).toEqual([]);
    expect(choicesOf(undefined)).toEqual([]);
  });
});

describe("the reasons the claims service gives for reserve changes", () => {
  it("are read as known sentences, a handler's own as typed", () => {
    expect(reserveReason("initial estimate")).toEqual({ key: "claims.file.reasons.initial" });
    expect(reserveReason("payment of 1500.00 to J. de Vries")).toEqual({
      key: "claims.file.reasons.payment",
      amount: "1500.00",
      payee: "J. de Vries",
    });
    expect(reserveReason("expert report in")).toBeNull();
  });
});
