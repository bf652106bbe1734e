/** The tenant's letterhead as the form holds it (lines as text, one a line) and as the API takes
 * it, with the checks made while one types (the API checks again). */
import type { components } from "../api/generated/policy";
import { compactIban } from "./checks";

export type LetterheadSetting = components["schemas"]["LetterheadSetting"];

export const MAX_ADDRESS_LINES = 4;
export const MAX_CONTACT_LINES = 6;
export const MAX_LINE = 120;
export const MAX_LOGO_BYTES = 256 * 1024;
// The first bytes of every PNG (\x89PNG\r\n\x1a\n), in base64.
const PNG_BASE64 = "iVBORw0KGgo";

export interface LetterheadValues {
  name: string;
  address: string;
  contact: string;
  iban: string;
  /** the PNG, base64; null: no logo */
  logo: string | null;
}

export function letterheadValues(setting: LetterheadSetting | null): LetterheadValues {
  return {
    name: setting?.name ?? "",
    address: (setting?.address_lines ?? []).join("\n"),
    contact: (setting?.contact_lines ?? []).join("\n"),
    iban: setting?.iban ?? "",
    logo: setting?.logo_png ?? null,
  };
}

/** The lines typed, trimmed, the empty ones left out. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function letterheadBody(values: LetterheadValues): LetterheadSetting {
  const iban = compactIban(values.iban);
  return {
    name: values.name.trim(),
    address_lines: linesOf(values.address),
    contact_lines: linesOf(values.contact),
    iban: iban || null,
    logo_png: values.logo,
  };
}

/** What is wrong with lines as typed (a translation key and its values), if anything. */
export function linesProblem(text: string, max: number): { key: string; values: { max: number } } | null {
  const lines = linesOf(text);
  if (lines.length > max) return { key: "clerk.letterhead.tooManyLines", values: { max } };
  if (lines.some((line) => line.length > MAX_LINE))
    return { key: "clerk.letterhead.lineTooLong", values: { max: MAX_LINE } };
  return null;
}

/** A file read as a data URL (`data:image/png;base64,...`): its base64 if it is a PNG, else the
 * key of what is wrong with it. The type the browser guessed is not trusted: the bytes decide. */
export function logoOf(dataUrl: string, size: number): { logo: string } | { problem: string } {
  if (size > MAX_LOGO_BYTES) return { problem: "clerk.letterhead.tooLarge" };
  const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  if (!dataUrl.startsWith("data:") || !base64.startsWith(PNG_BASE64)) return { problem: "clerk.letterhead.notPng" };
  return { logo: base64 };
}
