/** The accountants' screens (debtors, creditors, the ledger) and the filters they keep in the
 * address, so that a filtered list can be bookmarked and shared. */
import { createRoute, lazyRouteComponent, type AnyRoute } from "@tanstack/react-router";

function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function day(value: unknown): string | undefined {
  const found = text(value);
  return found && /^\d{4}-\d{2}-\d{2}$/.test(found) ? found : undefined;
}

export interface NameSearch {
  name?: string;
}

export interface AsOfSearch {
  date?: string;
}

export interface PeriodSearch {
  from?: string;
  to?: string;
}

export const WORKBENCH_TABS = ["open", "matches"] as const;
export type WorkbenchTab = (typeof WORKBENCH_TABS)[number];

export interface WorkbenchSearch {
  tab?: WorkbenchTab;
}

export interface EntriesSearch extends PeriodSearch {
  account?: string;
  source?: string;
}

export const SOURCES = ["manual", "premium", "bank", "match", "claim", "settlement", "reversal", "collection"] as const;

const nameSearch = (s: Record<string, unknown>): NameSearch => ({ name: text(s.name) });
const asOfSearch = (s: Record<string, unknown>): AsOfSearch => ({ date: day(s.date) });
const periodSearch = (s: Record<string, unknown>): PeriodSearch => ({ from: day(s.from), to: day(s.to) });
const workbenchSearch = (s: Record<string, unknown>): WorkbenchSearch => ({
  tab: WORKBENCH_TABS.find((tab) => tab === s.tab),
});
const entriesSearch = (s: Record<string, unknown>): EntriesSearch => ({
  ...periodSearch(s),
  account: text(s.account),
  source: SOURCES.find((x) => x === s.source),
});

export function accountsRoutes<R extends AnyRoute>(root: R) {
  const balances = () => import("./Balances");
  const account = () => import("./RelationAccount");
  const workbench = () => import("./Workbench");
  return [
    createRoute({
      getParentRoute: () => root,
      path: "/debtors",
      validateSearch: nameSearch,
      component: lazyRouteComponent(balances, "DebtorBalances"),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/creditors",
      validateSearch: nameSearch,
      component: lazyRouteComponent(balances, "CreditorBalances"),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/debtors/matching",
      validateSearch: workbenchSearch,
      component: lazyRouteComponent(workbench, "ReceiptsWorkbench"),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/creditors/matching",
      validateSearch: workbenchSearch,
      component: lazyRouteComponent(workbench, "PaymentsWorkbench"),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/debtors/direct-debit",
      component: lazyRouteComponent(() => import("./DirectDebit")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/debtors/reminders",
      component: lazyRouteComponent(() => import("./Reminders")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/debtors/$relationId",
      validateSearch: asOfSearch,
      component: lazyRouteComponent(account, "DebtorAccount"),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/creditors/$relationId",
      validateSearch: asOfSearch,
      component: lazyRouteComponent(account, "CreditorAccount"),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/creditors/$relationId/settlement",
      validateSearch: periodSearch,
      component: lazyRouteComponent(() => import("./Settlement")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/ledger",
      component: lazyRouteComponent(() => import("./ledger/Chart")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/ledger/entries",
      validateSearch: entriesSearch,
      component: lazyRouteComponent(() => import("./ledger/Entries")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/ledger/entries/new",
      component: lazyRouteComponent(() => import("./ledger/EntryForm")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/ledger/periods",
      component: lazyRouteComponent(() => import("./ledger/Periods")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/ledger/trial-balance",
      validateSearch: asOfSearch,
      component: lazyRouteComponent(() => import("./ledger/TrialBalance")),
    }),
    createRoute({
      getParentRoute: () => root,
      path: "/ledger/accounts/$code",
      validateSearch: periodSearch,
      component: lazyRouteComponent(() => import("./ledger/AccountCard")),
    }),
  ] as const;
}
