import { describe, expect, it } from "vitest";
import { riskErrors, riskValidator } from "./riskValidator";

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object" as const,
  properties: {
    postcode: { type: "string" as const, pattern: "^[1-9][0-9]{3} ?[A-Za-z]{2}$" },
    sum_insured: { type: "number" as const, minimum: 5000, maximum: 250000 },
    birth_date: { type: "string" as const, format: "date" },
  },
  required: ["postcode", "sum_insured"],
  additionalProperties: false,
};
const say = (key: string, values?: Record<string, unknown>) => `${key}${values?.limit !== undefined ? ` ${String(values.limit)}` : ""}`;

describe("risk answers checked against JSON Schema 2020-12 without eval", () => {
  it("names each wrong answer once, with the schema's limit", () => {
    const errors = riskErrors(schema, { sum_insured: 100, birth_date: "not a date" }, say);
    const byProperty = Object.fromEntries(errors.map((e) => [e.property, e.message]));
    expect(byProperty).toEqual({
      ".postcode": "products.risk.messages.required",
      ".sum_insured": "products.risk.messages.minimum 5000",
      ".birth_date": "products.risk.messages.format",
    });
  });

  it("passes right answers and puts errors on their fields for rjsf", () => {
    const validator = riskValidator(say);
    expect(validator.isValid(schema, { postcode: "1012 LG", sum_insured: 40000 }, schema)).toBe(true);
    const wrong = validator.validateFormData({ postcode: "10", sum_insured: 40000 }, schema);
    expect(wrong.errorSchema.postcode?.__errors).toEqual(["products.risk.messages.pattern"]);
  });
});
