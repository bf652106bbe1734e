import { useSyncExternalStore } from "react";

/** The tenant a platform operator works on (sent as `X-Tenant`); kept for this browser tab. */
const KEY = "portal.tenant";
const listeners = new Set<() => void>();
let tenant: string | null = sessionStorage.getItem(KEY);

export function selectedTenant(): string | null {
  return tenant;
}

export function selectTenant(slug: string | null): void {
  tenant = slug;
  if (slug) sessionStorage.setItem(KEY, slug);
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function useSelectedTenant(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => tenant,
  );
}
