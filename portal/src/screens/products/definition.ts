/** A product definition as the designer edits it (the JSON the product service validates), and
 * the product service's 422 errors, which name fields by dotted path
 * (`coverages.0.rating.factors.1.ranges.2`), placed on the same paths in the form. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = { [key: string]: Json };

export const QUESTION_TYPES = ["text", "number", "date", "choice", "boolean"] as const;
export const FACTOR_KINDS = ["table", "ranges", "when"] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];
export const DERIVATIONS = ["", "age", "postcode_area"] as const;
export const TESTS = ["equals", "less_than", "greater_than"] as const;
export const DECISIONS = ["accept", "refer", "decline"] as const;
export const FREQUENCIES = ["annual", "quarterly", "monthly"] as const;

export function isObj(value: Json | undefined): value is Obj {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

export function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

export function obj(value: Json | undefined): Obj {
  return isObj(value) ? value : {};
}

/** The value at a dotted path, or undefined. */
export function getAt(root: Json, path: string): Json | undefined {
  let node: Json | undefined = root;
  for (const part of path ? path.split(".") : []) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isObj(node)) node = node[part];
    else return undefined;
  }
  return node;
}

/** A copy of `root` with the value at `path` replaced (`undefined` removes an object key). */
export function setAt(root: Json, path: string, value: Json | undefined): Json {
  const [head, ...rest] = path.split(".");
  if (head === undefined || head === "") return value ?? null;
  const inner = (node: Json | undefined) => (rest.length ? setAt(node ?? {}, rest.join("."), value) : value);
  if (Array.isArray(root)) {
    const copy = [...root];
    const next = inner(copy[Number(head)]);
    if (next === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = next;
    return copy;
  }
  const source = obj(root);
  const next = inner(source[head]);
  const copy = Object.fromEntries(Object.entries(source).filter(([key]) => key !== head));
  return next === undefined ? copy : { ...copy, [head]: next };
}

export function factorKind(factor: Json): FactorKind {
  // The service stores every key, the unused ones as null.
  const f = obj(factor);
  if (f.when != null) return "when";
  if (f.ranges != null) return "ranges";
  return "table";
}

export function newFactor(kind: FactorKind, question: string): Obj {
  if (kind === "when") return { when: { question, equals: "" }, factor: "1.00" };
  if (kind === "ranges") return { question, ranges: [{ from: "0", to: "0", factor: "1.00" }] };
  return { question, table: {} };
}

export function newCoverage(index: number): Obj {
  return {
    code: `COV${index + 1}`,
    name: "",
    required: false,
    tax_rate: "0.21",
    causes: [],
    rating: { base: { amount: "0.00" }, factors: [] },
  };
}

export function newQuestion(index: number): Obj {
  return { key: `question_${index + 1}`, type: "text", label: "", required: true };
}

export function newRule(question: string): Obj {
  return { when: { question, equals: "" }, decision: "refer", reason: "" };
}

/** A minimal valid definition for a new product. */
export function newDefinition(code: string, name: string, insurer: { code: string; name: string }, from: string): Obj {
  return {
    code,
    name,
    insurer,
    effective_from: from,
    commission: "0.20",
    frequencies: { annual: "1.00" },
    questions: [],
    coverages: [{ ...newCoverage(0), code: "BASIC", name, required: true }],
    acceptance: [],
  };
}

export interface FieldError {
  field: string;
  message: string;
}

/** What kind of mistake an error is, for a message in the user's language; the last named part
 * of the path says which field it is about. */
export function errorKey(field: string): string {
  const parts = field.split(".").filter((p) => !/^\d+$/.test(p));
  const last = parts[parts.length - 1] ?? "";
  const known: Record<string, string> = {
    ranges: "range",
    table: "tableEntry",
    key: "key",
    code: "code",
    label: "label",
    name: "name",
    question: "question",
    per: "per",
    by: "by",
    equals: "equals",
    less_than: "number",
    greater_than: "number",
    factor: "number",
    rate: "number",
    amount: "number",
    minimum: "number",
    maximum: "number",
    tax_rate: "share",
    commission: "share",
    frequencies: "frequencies",
    options: "options",
    pattern: "pattern",
    causes: "cause",
    effective_from: "date",
    reason: "reason",
    coverages: "coverages",
    base: "base",
    when: "condition",
  };
  if (parts[parts.length - 2] === "table") return "tableEntry";
  if (parts[parts.length - 2] === "frequencies") return "frequencies";
  return known[last] ?? "generic";
}

/** Errors by path: exact fields for inputs, and the rest to the nearest container shown. */
export function errorsByPath(errors: FieldError[] | undefined): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const e of errors ?? []) byPath.set(e.field, [...(byPath.get(e.field) ?? []), errorKey(e.field)]);
  return byPath;
}
