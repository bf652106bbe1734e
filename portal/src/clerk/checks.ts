/** The checks a clerk's form makes as one types, the same the API makes on save: a Dutch
 * postcode (`1234 AB`, no SA/SD/SS) and an IBAN (country length and mod-97 check digits). */

const POSTCODE = /^([1-9][0-9]{3}) ?([A-Za-z]{2})$/;
const UNUSED_LETTERS = new Set(["SA", "SD", "SS"]);

/** `1234ab` → `1234 AB`; null when it is not a Dutch postcode. */
export function dutchPostcode(value: string): string | null {
  const found = POSTCODE.exec(value.trim());
  if (!found) return null;
  const letters = (found[2] ?? "").toUpperCase();
  if (UNUSED_LETTERS.has(letters)) return null;
  return `${found[1]} ${letters}`;
}

// The IBAN lengths of the countries a Dutch insurer meets most; others only pass the checksum.
const IBAN_LENGTHS: Record<string, number> = {
  NL: 18, BE: 16, DE: 22, FR: 27, LU: 20, GB: 22, ES: 24, IT: 27, AT: 20, CH: 21, DK: 18,
  IE: 22, PT: 25, PL: 28, SE: 24, NO: 15, FI: 18,
};

/** The IBAN without spaces, in capitals. */
export function compactIban(value: string): string {
  return value.replace(/[\s-]/g, "").toUpperCase();
}

export function validIban(value: string): boolean {
  const iban = compactIban(value);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const wanted = IBAN_LENGTHS[iban.slice(0, 2)];
  if (wanted !== undefined && iban.length !== wanted) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of moved) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** `NL91ABNA0417164300` → `NL91 ABNA 0417 1643 00`, as people read it. */
export function groupedIban(value: string): string {
  return compactIban(value).replace(/(.{4})(?=.)/g, "$1 ");
}
