/** Risk answers and the API's problems with them, without the form (which loads rjsf and Ajv,
 * so screens load it only when they show it). */
import type { ErrorSchema } from "@rjsf/utils";

export type Risk = Record<string, unknown>;

/** The 422 of the API (fields `risk.<question>`) as rjsf's extra errors. */
export function riskErrors(fields: string[], message: string): ErrorSchema | undefined {
  const named = fields.map((f) => /^(?:changes\.)?risk\.(.+)$/.exec(f)?.[1]).filter((f): f is string => !!f);
  if (!named.length) return undefined;
  return Object.fromEntries(named.map((key) => [key, { __errors: [message] }])) as ErrorSchema;
}
