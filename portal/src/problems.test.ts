import { describe, expect, it } from "vitest";
import { problemToForm } from "./problems";

const fields = ["slug", "name", "email", "scope"] as const;

describe("problem to form", () => {
  it("puts a 422 on the field it names", () => {
    const result = problemToForm(
      { status: 422, errors: [{ field: "email", message: "String should match pattern" }] },
      fields,
    );
    expect(result).toEqual({ fields: { email: "problems.field.email" }, message: null });
  });
  it("puts a nested field's error on the field it belongs to", () => {
    const result = problemToForm(
      { status: 422, errors: [{ field: "scope.0.module", message: "unknown" }] },
      fields,
    );
    expect(result.fields).toEqual({ scope: "problems.field.scope" });
  });
  it("says a 422 on no field of the form as one message", () => {
    const result = problemToForm({ status: 422, errors: [{ field: "body", message: "x" }] }, fields);
    expect(result).toEqual({ fields: {}, message: "problems.invalid" });
  });
  it("puts a 409 on the field the conflict is about", () => {
    expect(problemToForm({ status: 409 }, fields, "slug").fields).toEqual({
      slug: "problems.conflict.slug",
    });
  });
  it("says 409, 413 and 429 as clear messages", () => {
    expect(problemToForm({ status: 409 }, fields).message).toBe("problems.conflict.generic");
    expect(problemToForm({ status: 413 }, fields).message).toBe("problems.tooLarge");
    expect(problemToForm({ status: 429 }, fields).message).toBe("problems.tooMany");
    expect(problemToForm({ status: 500 }, fields).message).toBe("problems.server");
  });
});
