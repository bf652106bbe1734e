import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { useTenant } from "../../session";

/** The chart of accounts for choosing one (a chart holds far fewer than a page of 200). */
export function useAccounts() {
  const tenant = useTenant();
  const accounts = useQuery({
    queryKey: ["ledger", "accounts", tenant, "all"],
    queryFn: () => unwrap(api.GET("/api/ledger/accounts", { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
  return accounts.data?.items ?? [];
}
