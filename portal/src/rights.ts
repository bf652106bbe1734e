/** The rights logic the menu and every button follow, from `GET /api/identity/me`. */
export const MODULES = [
  "relations",
  "policies",
  "claims",
  "products",
  "debtors",
  "creditors",
  "ledger",
  "imports",
] as const;
export type Module = (typeof MODULES)[number];
export const ACTIONS = ["view", "change", "create", "approve"] as const;
export type Action = (typeof ACTIONS)[number];

export interface MeLike {
  roles: string[];
  rights: string[];
  tenant: string | null;
  acting_as: string | null;
}

export const OPERATOR_ROLE = "platform-operator";
export const ADMIN_ROLE = "tenant-admin";

export function can(me: MeLike | undefined, module: Module, action: Action): boolean {
  return !!me && me.rights.includes(`${module}:${action}`);
}

export function isOperator(me: MeLike | undefined): boolean {
  return !!me && me.roles.includes(OPERATOR_ROLE);
}

/** The tenant's own administrator, or the operator while the tenant is operator-managed. */
export function administers(me: MeLike | undefined): boolean {
  return !!me?.tenant && (isOwnAdministrator(me) || me.acting_as === "operator");
}

/** The tenant's own appointed administrator (enrolls the authenticator, approves support). */
export function isOwnAdministrator(me: MeLike | undefined): boolean {
  return !!me?.tenant && me.roles.includes(ADMIN_ROLE) && me.acting_as === "administrator";
}

/** Who keeps the tenant's letterhead: whoever may change policies, or the tenant's own
 * administrator (the gateway's `x-administration`). */
export function keepsLetterhead(me: MeLike | undefined): boolean {
  return can(me, "policies", "change") || isOwnAdministrator(me);
}

export function visibleModules(me: MeLike | undefined): Module[] {
  // The tenant's own administrator reads its imports without the module's right.
  return MODULES.filter((m) => can(me, m, "view") || (m === "imports" && isOwnAdministrator(me)));
}

/** The union of protocols' rights and individual rights, as the identity service computes it. */
export function effectiveRights(
  protocols: string[],
  rights: string[],
  catalogue: Record<string, string[]>,
): Set<string> {
  const all = new Set(rights);
  for (const p of protocols) for (const r of catalogue[p] ?? []) all.add(r);
  return all;
}
