/** What the clerk's screens read of a product version: its coverages and risk questions. */
import { useQuery } from "@tanstack/react-query";
import type { RJSFSchema } from "@rjsf/utils";
import type { TFunction } from "i18next";
import { api, unwrap } from "../api/client";
import { formatDate } from "../format";

export interface Coverage {
  code: string;
  name: string;
  required: boolean;
}

export interface VersionInfo {
  code: string;
  version: number;
  name: string;
  coverages: Coverage[];
  frequencies: string[];
  schema: RJSFSchema;
}

function coveragesOf(definition: Record<string, unknown>): Coverage[] {
  const list = Array.isArray(definition.coverages) ? definition.coverages : [];
  return list.map((c: Record<string, unknown>) => ({
    code: String(c.code),
    name: String(c.name ?? c.code),
    required: c.required === true,
  }));
}

export async function versionInfo(code: string, version: number): Promise<VersionInfo> {
  const path = { code, version };
  const [found, schema] = await Promise.all([
    unwrap(api.GET("/api/products/{code}/versions/{version}", { params: { path } })),
    unwrap(api.GET("/api/products/{code}/versions/{version}/risk-schema", { params: { path } })),
  ]);
  const definition = found.definition as Record<string, unknown>;
  const frequencies = Object.keys((definition.frequencies as Record<string, unknown> | undefined) ?? { annual: 1 });
  return {
    code,
    version,
    name: String(definition.name ?? code),
    coverages: coveragesOf(definition),
    frequencies,
    schema: schema as RJSFSchema,
  };
}

export function useVersion(code: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ["product-version", code, version],
    queryFn: () => versionInfo(code ?? "", version ?? 0),
    enabled: !!code && !!version,
    staleTime: 300_000,
  });
}

/** The question's label from the schema, else its key. */
export function questionLabel(schema: RJSFSchema | undefined, key: string): string {
  const property = schema?.properties?.[key];
  return typeof property === "object" && property && typeof property.title === "string" ? property.title : key;
}

/** An answer as a person reads it: yes or no, a date in the reader's locale, else as given. */
export function answerText(value: unknown, t: TFunction, language: string): string {
  if (value === true) return t("common.yes");
  if (value === false) return t("common.no");
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, language);
  return String(value);
}
