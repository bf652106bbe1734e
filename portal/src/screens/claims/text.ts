/** Reading what a claims handler types and what the claims service answers (pure). */

/** An amount as typed in the user's language ("1.234,56" or "1,234.56") as a decimal string. */
export function amountText(text: string, language: string): string {
  const bare = text.replace(/[€\s]/g, "");
  return language === "nl" ? bare.replace(/\./g, "").replace(",", ".") : bare.replace(/,/g, "");
}

/** "one of A, B": the choices a 422 offers for a field. */
export function choicesOf(message: string | undefined): string[] {
  const match = /^one of (.+)$/.exec(message ?? "");
  return match?.[1] ? match[1].split(", ").filter(Boolean) : [];
}

/** The reasons the claims service writes itself on a reserve change, for a person to read in
 * their language; a handler's own reason stays as it was typed. */
export function reserveReason(reason: string): { key: string; amount?: string; payee?: string } | null {
  if (reason === "initial estimate") return { key: "claims.file.reasons.initial" };
  const payment = /^payment of (\d+(?:\.\d+)?) to (.+)$/.exec(reason);
  if (payment?.[1] && payment[2]) return { key: "claims.file.reasons.payment", amount: payment[1], payee: payment[2] };
  return null;
}
