/** What the ledger's English answers mean, as translation keys and values for a person: why a
 * bank statement was refused (and where in the file), and why a match is suggested. */
import type { Problem } from "../problems";

export interface Place {
  key: string;
  values: Record<string, string>;
}

export interface Refusal {
  /** accounts.upload.refused.<kind> */
  kind: "duplicate" | "concurrent" | "balance" | "notStatement" | "notUtf8" | "format" | "currency" | "line";
  place: Place | null;
  /** accounts.upload.reasons.<reason>, for kind "line" */
  reason: string;
  values: Record<string, string>;
}

const PLACES: [RegExp, string, string[]][] = [
  [/^line (\d+), column (\d+)/, "lineColumn", ["line", "column"]],
  [/^line (\d+)/, "line", ["line"]],
  [/^entry (\d+), transaction (\d+)/, "entryTransaction", ["entry", "transaction"]],
  [/^entry (\d+)/, "entry", ["entry"]],
];

const REASONS: [RegExp, string, string[]][] = [
  [/not well-formed XML/, "xml", []],
  [/is not a date/, "date", []],
  [/no valid booking date/, "date", []],
  [/is not an amount|is not a number|not a positive amount/, "amount", []],
  [/expected (\d+) columns, found (\d+)/, "columns", ["expected", "found"]],
  [/the header must name the columns .*; (.+) missing/, "header", ["missing"]],
  [/the header names '(.+)' twice/, "headerTwice", ["column"]],
  [/CdtDbtInd/, "direction", []],
  [/do not add up/, "batch", []],
  [/larger than 10 MiB/, "tooLarge", []],
  [/DTD or entities/, "dtd", []],
  [/one statement in the file/, "statements", []],
];

function found(text: string, table: [RegExp, string, string[]][]): Place | null {
  for (const [pattern, key, names] of table) {
    const match = pattern.exec(text);
    if (match) return { key, values: Object.fromEntries(names.map((n, i) => [n, match[i + 1] ?? ""])) };
  }
  return null;
}

/** Why the ledger refused a bank statement, from its problem answer. */
export function refusal(problem: Problem): Refusal {
  const detail = problem.detail ?? "";
  const fileError = problem.errors?.find((e) => e.field === "file")?.message ?? "";
  const none = { place: null, reason: "", values: {} };
  if (problem.status === 409)
    return { ...none, kind: /at the same moment/.test(detail) ? "concurrent" : "duplicate" };
  if (problem.status === 415) return { ...none, kind: "format" };
  const balance = /balance difference (-?[\d.]+)/.exec(fileError);
  if (balance) return { ...none, kind: "balance", values: { difference: balance[1] ?? "" } };
  if (/not a bank statement/.test(detail)) return { ...none, kind: "notStatement" };
  if (/not UTF-8/.test(detail)) return { ...none, kind: "notUtf8" };
  if (/Only EUR/.test(detail)) return { ...none, kind: "currency" };
  const text = fileError || detail.replace(/^The statement is refused: /, "");
  const reason = found(text, REASONS);
  return {
    kind: "line",
    place: found(text, PLACES),
    reason: reason?.key ?? "other",
    values: reason?.values ?? {},
  };
}

/** A suggestion's reason (as the ledger gives it) as a translation key and its values. */
export function reasonOf(reason: string): Place | null {
  const items = /^(\d+) open items add up to the amount$/.exec(reason);
  if (items) return { key: "subset", values: { count: items[1] ?? "" } };
  const known: Record<string, string> = {
    "the payment reference names the invoice": "reference",
    "invoice or policy numbers in the remittance text": "numbers",
    "the payer's IBAN is known on this relation": "iban",
    "the exact amount of one open item": "exact",
  };
  const key = known[reason];
  return key ? { key, values: {} } : null;
}

const CONFLICTS: [RegExp, string, string[]][] = [
  [/Months close in order: close (\d{4}-\d{2})/, "order", ["month"]],
  [/is closed already/, "closedAlready", []],
  [/has not begun/, "notBegun", []],
  [/was reversed already/, "reversed", []],
  [/made open items/, "madeItems", []],
  [/was undone already/, "undone", []],
  [/is closed; book in an open period|was closed meanwhile/, "periodClosed", []],
  [/was settled already/, "settled", []],
  [/documents can still be booked/, "notEnded", []],
  [/Nothing is open/, "nothingOpen", []],
  [/has postings; block it instead/, "used", []],
];

/** A 409 of the ledger as a translation key (accounts.conflict.<key>) and its values. */
export function conflictOf(problem: Problem): Place | null {
  return problem.status === 409 ? found(problem.detail ?? "", CONFLICTS) : null;
}
