import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "./api/client";
import { useSelectedTenant } from "./api/tenant";

/** Who is logged in, for which tenant, with which rights: drives the menu and every button. */
export function useMe() {
  const tenant = useSelectedTenant();
  return useQuery({
    queryKey: ["me", tenant],
    queryFn: () => unwrap(api.GET("/api/identity/me")),
    staleTime: 30_000,
  });
}

/** Modules, actions and the fixed protocols with their rights. */
export function useCatalogue() {
  return useQuery({
    queryKey: ["catalogue"],
    queryFn: async () => {
      const data = await unwrap(api.GET("/api/identity/catalogue"));
      return data as unknown as Catalogue;
    },
    staleTime: Infinity,
  });
}

export interface Catalogue {
  modules: { name: string; actions: string[] }[];
  actions: { name: string }[];
  protocols: { name: string; title: string; rights: string[] }[];
}

/** The tenant the screens work on: the caller's own, or the one an operator chose (also when
 * the operator may no longer see it, so the refusal is shown rather than an empty page). */
export function useTenant(): string {
  const me = useMe().data;
  const chosen = useSelectedTenant();
  return me?.tenant ?? chosen ?? "";
}
