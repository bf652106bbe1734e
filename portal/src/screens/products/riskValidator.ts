/** rjsf's validator for risk forms, on @cfworker/json-schema (JSON Schema 2020-12) rather than
 * Ajv: Ajv compiles every schema into code with `new Function`, which the portal's
 * Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') refuses, and a product's
 * schema is only known at run time, so it cannot be compiled ahead. This one interprets the
 * schema. Messages come in the reader's language, named by the schema's own limits. */
import { Validator, type OutputUnit, type Schema } from "@cfworker/json-schema";
import {
  toErrorSchema,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from "@rjsf/utils";

export type Risk = Record<string, unknown>;
type Say = (key: string, values?: Record<string, unknown>) => string;

/** Keywords that say what is wrong with one answer; the rest wrap them ("properties"). */
const LEAVES = new Set([
  "required",
  "type",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "pattern",
  "enum",
  "const",
  "format",
  "minLength",
  "maxLength",
  "additionalProperties",
]);

function propertyOf(unit: OutputUnit): string {
  if (unit.keyword === "required") return /"([^"]+)"/.exec(unit.error)?.[1] ?? "";
  return unit.instanceLocation.replace(/^#\/?/, "").split("/")[0] ?? "";
}

/** The answers' errors, one per question, in the reader's language. */
export function riskErrors(schema: RJSFSchema, data: unknown, say: Say): RJSFValidationError[] {
  const result = new Validator(schema as Schema, "2020-12", false).validate(data ?? {});
  const seen = new Set<string>();
  const errors: RJSFValidationError[] = [];
  for (const unit of result.errors) {
    if (!LEAVES.has(unit.keyword)) continue;
    const name = propertyOf(unit);
    if (seen.has(name)) continue;
    seen.add(name);
    const question = (schema.properties?.[name] ?? {}) as Record<string, unknown>;
    const known = ["required", "minimum", "maximum", "pattern", "enum", "format", "type"];
    const message = say(`products.risk.messages.${known.includes(unit.keyword) ? unit.keyword : "other"}`, {
      limit: unit.keyword === "minimum" ? question.minimum : question.maximum,
    });
    const property = name ? `.${name}` : "";
    errors.push({ name: unit.keyword, property, message, params: {}, stack: `${property} ${message}`.trim(), schemaPath: unit.keywordLocation });
  }
  return errors;
}

export function riskValidator(say: Say): ValidatorType<Risk> {
  return {
    validateFormData(formData, schema): ValidationData<Risk> {
      const errors = riskErrors(schema, formData, say);
      return { errors, errorSchema: toErrorSchema<Risk>(errors) };
    },
    isValid(schema, formData) {
      return new Validator(schema as Schema, "2020-12", true).validate(formData ?? {}).valid;
    },
    rawValidation<Result = unknown>(schema: RJSFSchema, formData?: Risk) {
      const result = new Validator(schema as Schema, "2020-12", false).validate(formData ?? {});
      return { errors: result.errors as Result[] };
    },
  };
}
