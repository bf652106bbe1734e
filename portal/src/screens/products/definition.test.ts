import { describe, expect, it } from "vitest";
import { errorKey, errorsByPath, factorKind, getAt, setAt, type Json } from "./definition";

const definition: Json = {
  coverages: [{ code: "BASIC", rating: { factors: [{ question: "age", ranges: [{ from: 1, to: 2 }] }] } }],
};

describe("editing a definition by the dotted paths the product service names", () => {
  it("reads and replaces deep values without touching the original", () => {
    const path = "coverages.0.rating.factors.0.ranges.0.to";
    const changed = setAt(definition, path, "9");
    expect(getAt(changed, path)).toBe("9");
    expect(getAt(definition, path)).toBe(2);
  });

  it("removes array items and object keys", () => {
    const fewer = setAt(definition, "coverages.0.rating.factors.0.ranges.0", undefined);
    expect(getAt(fewer, "coverages.0.rating.factors.0.ranges")).toEqual([]);
    const keyless = setAt(definition, "coverages.0.code", undefined);
    expect(getAt(keyless, "coverages.0")).not.toHaveProperty("code");
  });
});

describe("a 422 lands on the field it names", () => {
  it("keeps the path and says what kind of mistake it is", () => {
    const errors = errorsByPath([
      { field: "coverages.0.rating.factors.1.ranges.2", message: "overlaps range 0" },
      { field: "coverages.0.rating.factors.0.table.single", message: "not an answer" },
      { field: "commission", message: "must be at most 1" },
    ]);
    expect(errors.get("coverages.0.rating.factors.1.ranges.2")).toEqual(["range"]);
    expect(errors.get("coverages.0.rating.factors.0.table.single")).toEqual(["tableEntry"]);
    expect(errorKey("commission")).toBe("share");
    expect(errorKey("something.unheard.of")).toBe("generic");
  });
});

describe("a factor as the service stores it", () => {
  it("is known by the key that is not null", () => {
    expect(factorKind({ question: "household", table: { single: "0.90" }, ranges: null, when: null })).toBe("table");
    expect(factorKind({ question: "postcode", table: null, ranges: [], when: null })).toBe("ranges");
    expect(factorKind({ question: null, table: null, ranges: null, when: { question: "x" }, factor: "0.9" })).toBe("when");
  });
});
