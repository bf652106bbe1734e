/** Amounts as the accountants type them and as the API writes them, in whole cents so that sums
 * never drift: "1.234,56" or "9,44" in Dutch, "1,234.56" in English, "9.44" from the API. */

/** Cents of an amount the API wrote ("-12.30"). */
export function cents(decimal: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!match) return Number.NaN;
  const whole = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -whole : whole;
}

/** The decimal text the API takes ("9.44") for a number of cents. */
export function decimal(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(Math.round(amount));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * Cents of what a person typed, or null when it is no amount (negative ones included only when
 * `signed`). Dutch: a comma is the decimal mark and dots group thousands, though "9.44" (two
 * decimals after a lone dot) is read as the person meant it; English: the other way round.
 */
export function parseAmount(text: string, language: string, signed = false): number | null {
  let bare = text.replace(/[€\s\u00a0]/g, "");
  const negative = bare.startsWith("-");
  if (negative) bare = bare.slice(1);
  if (!bare || (negative && !signed)) return null;
  const [mark, group] = language === "nl" ? [",", "."] : [".", ","];
  let normal: string;
  if (bare.includes(mark)) {
    if (bare.split(mark).length > 2) return null;
    const [whole = "", part = ""] = bare.split(mark);
    if (!groupsOk(whole, group)) return null;
    normal = `${whole.split(group).join("") || "0"}.${part}`;
  } else if (language === "nl" && /^\d+\.\d{1,2}$/.test(bare)) {
    normal = bare;
  } else {
    if (!groupsOk(bare, group)) return null;
    normal = bare.split(group).join("");
  }
  const value = cents(normal);
  if (Number.isNaN(value)) return null;
  return negative ? -value : value;
}

function groupsOk(whole: string, group: string): boolean {
  if (!whole.includes(group)) return /^\d*$/.test(whole);
  const [first = "", ...rest] = whole.split(group);
  return /^\d{1,3}$/.test(first) && rest.every((r) => /^\d{3}$/.test(r));
}

/** A manual allocation of a bank line: what is left of it, and what falls short of it. */
export interface AllocationSummary {
  allocated: number;
  /** Of the bank line, what stays unallocated (0 once it is all used). */
  remainder: number;
  /** What the allocations are more than the bank line: written off when within tolerance. */
  shortfall: number;
  withinTolerance: boolean;
}

export function summarize(available: number, amounts: number[], tolerance: number): AllocationSummary {
  const allocated = amounts.reduce((sum, a) => sum + a, 0);
  const shortfall = Math.max(allocated - available, 0);
  return {
    allocated,
    remainder: Math.max(available - allocated, 0),
    shortfall,
    withinTolerance: shortfall <= tolerance,
  };
}
