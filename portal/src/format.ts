/** Amounts and dates in the user's locale: `€ 1.234,56` in Dutch, `€1,234.56` in English. */
const LOCALES: Record<string, string> = { nl: "nl-NL", en: "en-GB" };

function locale(language: string): string {
  return LOCALES[language] ?? "nl-NL";
}

export function formatMoney(amount: string | number, currency: string, language: string): string {
  const value = typeof amount === "number" ? amount : Number(amount);
  return new Intl.NumberFormat(locale(language), {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

export function formatDate(iso: string, language: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium" }).format(date);
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** "12:05" style countdown to a moment; "0:00" once past. */
export function countdown(untilIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((new Date(untilIso).getTime() - now) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h ? String(m).padStart(2, "0") : String(m);
  return `${h ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}
