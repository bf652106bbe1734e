import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  useRouterState,
} from "@tanstack/react-router";
import type { ComponentType } from "react";
import { LOGGED_OUT_PATH } from "./auth";
import { accountsRoutes } from "./accounts/routes";
import { clerkRoutes } from "./clerk/routes";
import { MODULES } from "./rights";
import { Shell } from "./shell/Shell";
import LoggedOut from "./screens/LoggedOut";
import { approvalsSearch, claimsSearch, reportsSearch } from "./screens/claims/search";
import { productSearch } from "./screens/products/search";

function Root() {
  const path = useRouterState({ select: (s) => s.location.pathname });
  return path === LOGGED_OUT_PATH ? <Outlet /> : <Shell />;
}

const root = createRootRoute({ component: Root });
const page = (path: string, load: () => Promise<{ default: ComponentType }>) =>
  createRoute({ getParentRoute: () => root, path, component: lazyRouteComponent(load) });

export interface AuditSearch {
  actor?: string;
  module?: string;
  outcome?: string;
  from?: string;
  to?: string;
  grant?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

const audit = createRoute({
  getParentRoute: () => root,
  path: "/admin/audit",
  // The filters live in the address, so a filtered trail can be bookmarked and shared.
  validateSearch: (search: Record<string, unknown>): AuditSearch => ({
    actor: text(search.actor),
    module: text(search.module),
    outcome: text(search.outcome),
    from: text(search.from),
    to: text(search.to),
    grant: text(search.grant),
  }),
  component: lazyRouteComponent(() => import("./screens/admin/Audit")),
});

const later = createRoute({
  getParentRoute: () => root,
  path: "/modules/$module",
  params: {
    parse: (p: { module: string }) => ({
      module: (MODULES as readonly string[]).includes(p.module) ? p.module : "relations",
    }),
    stringify: (p: { module: string }) => ({ module: p.module }),
  },
  component: lazyRouteComponent(() => import("./screens/staff/Later")),
});

// Products and claims: the filters and the version shown live in the address.
const productPages = [
  createRoute({
    getParentRoute: () => root,
    path: "/products",
    component: lazyRouteComponent(() => import("./screens/products/Products")),
  }),
  createRoute({
    getParentRoute: () => root,
    path: "/products/$code",
    validateSearch: productSearch,
    component: lazyRouteComponent(() => import("./screens/products/ProductDetail")),
  }),
] as const;
const claimPages = [
  createRoute({
    getParentRoute: () => root,
    path: "/claims",
    validateSearch: claimsSearch,
    component: lazyRouteComponent(() => import("./screens/claims/Claims")),
  }),
  createRoute({
    getParentRoute: () => root,
    path: "/claims/new",
    component: lazyRouteComponent(() => import("./screens/claims/RegisterClaim")),
  }),
  createRoute({
    getParentRoute: () => root,
    path: "/claims/approvals",
    validateSearch: approvalsSearch,
    component: lazyRouteComponent(() => import("./screens/claims/Approvals")),
  }),
  createRoute({
    getParentRoute: () => root,
    path: "/claims/reports",
    validateSearch: reportsSearch,
    component: lazyRouteComponent(() => import("./screens/claims/Reports")),
  }),
  createRoute({
    getParentRoute: () => root,
    path: "/claims/$claimId",
    component: lazyRouteComponent(() => import("./screens/claims/ClaimFile")),
  }),
] as const;

const importPages = [
  createRoute({
    getParentRoute: () => root,
    path: "/imports",
    component: lazyRouteComponent(() => import("./screens/imports/Imports")),
  }),
  createRoute({
    getParentRoute: () => root,
    path: "/imports/$importId",
    component: lazyRouteComponent(() => import("./screens/imports/ImportDetail")),
  }),
] as const;

const routeTree = root.addChildren([
  page("/", () => import("./screens/Home")),
  page(LOGGED_OUT_PATH, async () => ({ default: LoggedOut })),
  page("/tenants", () => import("./screens/operator/Tenants")),
  page("/support-requests", () => import("./screens/operator/SupportRequests")),
  page("/admin/employees", () => import("./screens/admin/Employees")),
  page("/admin/rights", () => import("./screens/admin/Rights")),
  page("/admin/authenticator", () => import("./screens/admin/Authenticator")),
  page("/admin/support", () => import("./screens/admin/Support")),
  audit,
  page("/admin/api-clients", () => import("./screens/admin/ApiClients")),
  page("/admin/authority-limits", () => import("./screens/admin/AuthorityLimits")),
  ...clerkRoutes(root),
  ...accountsRoutes(root),
  ...productPages,
  ...claimPages,
  ...importPages,
  later,
]);

export const router = createRouter({ routeTree });
export { audit as auditRoute, later as laterRoute };

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
