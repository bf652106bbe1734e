/** The clerk's screens (relations, applications, policies) and the filters they keep in the
 * address, so a filtered list can be bookmarked and shared. */
import { createRoute, lazyRouteComponent, type AnyRoute } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { can, type MeLike, type Module } from "../rights";

function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function day(value: unknown): string | undefined {
  const found = text(value);
  return found && /^\d{4}-\d{2}-\d{2}$/.test(found) ? found : undefined;
}

export const ROLES = [
  "policyholder",
  "insured",
  "advisor",
  "intermediary",
  "insurer",
  "claimant",
  "payee",
] as const;

export interface RelationSearch {
  name?: string;
  postcode?: string;
  house_number?: string;
  email?: string;
  role?: (typeof ROLES)[number];
  policy?: string;
}

export const RELATION_TABS = ["data", "policies", "debtor", "history"] as const;
export const POLICY_TABS = ["overview", "timeline", "invoices", "documents"] as const;

export interface ApplicationSearch {
  status?: "received" | "accepted" | "rejected" | "all";
  review?: "yes" | "no";
}

export interface PolicySearch {
  number?: string;
  postcode?: string;
  holder?: string;
  sort?: "number" | "-number";
}

export function clerkRoutes<R extends AnyRoute>(root: R) {
  const relations = createRoute({
    getParentRoute: () => root,
    path: "/relations",
    validateSearch: (s: Record<string, unknown>): RelationSearch => ({
      name: text(s.name),
      postcode: text(s.postcode),
      house_number: text(s.house_number),
      email: text(s.email),
      role: oneOf(s.role, ROLES),
      policy: text(s.policy),
    }),
    component: lazyRouteComponent(() => import("../screens/staff/Relations")),
  });
  const relation = createRoute({
    getParentRoute: () => root,
    path: "/relations/$relationId",
    validateSearch: (s: Record<string, unknown>): { tab?: (typeof RELATION_TABS)[number] } => ({
      tab: oneOf(s.tab, RELATION_TABS),
    }),
    component: lazyRouteComponent(() => import("../screens/staff/RelationDetail")),
  });
  const applications = createRoute({
    getParentRoute: () => root,
    path: "/applications",
    validateSearch: (s: Record<string, unknown>): ApplicationSearch => ({
      status: oneOf(s.status, ["received", "accepted", "rejected", "all"] as const),
      review: oneOf(s.review, ["yes", "no"] as const),
    }),
    component: lazyRouteComponent(() => import("../screens/staff/Applications")),
  });
  const newApplication = createRoute({
    getParentRoute: () => root,
    path: "/applications/new",
    component: lazyRouteComponent(() => import("../screens/staff/ManualApplication")),
  });
  const policies = createRoute({
    getParentRoute: () => root,
    path: "/policies",
    validateSearch: (s: Record<string, unknown>): PolicySearch => ({
      number: text(s.number),
      postcode: text(s.postcode),
      holder: text(s.holder),
      sort: oneOf(s.sort, ["number", "-number"] as const),
    }),
    component: lazyRouteComponent(() => import("../screens/staff/Policies")),
  });
  const policy = createRoute({
    getParentRoute: () => root,
    path: "/policies/$policyId",
    validateSearch: (s: Record<string, unknown>): { as_of?: string; tab?: (typeof POLICY_TABS)[number] } => ({
      as_of: day(s.as_of),
      tab: oneOf(s.tab, POLICY_TABS),
    }),
    component: lazyRouteComponent(() => import("../screens/staff/PolicyDetail")),
  });
  const renewals = createRoute({
    getParentRoute: () => root,
    path: "/policies/renewals",
    component: lazyRouteComponent(() => import("../screens/staff/Renewals")),
  });
  const letterhead = createRoute({
    getParentRoute: () => root,
    path: "/policies/letterhead",
    component: lazyRouteComponent(() => import("../screens/staff/Letterhead")),
  });
  return [relations, relation, applications, newApplication, policies, policy, renewals, letterhead] as const;
}

export const LETTERHEAD_PATH = "/policies/letterhead";

/** The menu items of a module the clerk's screens serve; null for the others. The letterhead is
 * there for whoever may change policies (the tenant's administrator finds it under Beheer). */
export function clerkMenu(
  module: Module,
  t: TFunction,
  me: MeLike | undefined,
): { to: string; label: string }[] | null {
  if (module === "relations") return [{ to: "/relations", label: t("modules.relations") }];
  if (module !== "policies") return null;
  return [
    { to: "/policies", label: t("modules.policies") },
    { to: "/applications", label: t("clerk.nav.applications") },
    { to: "/policies/renewals", label: t("clerk.nav.renewals") },
    ...(can(me, "policies", "change") ? [{ to: LETTERHEAD_PATH, label: t("clerk.nav.letterhead") }] : []),
  ];
}
