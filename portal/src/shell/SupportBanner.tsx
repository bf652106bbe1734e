import { Paper, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { countdown, formatDateTime } from "../format";
import type { MeLike } from "../rights";

/** While an operator works under a support grant: the tenant, the scope and the time left. */
export function SupportBanner({ me }: { me: MeLike | undefined }) {
  const { t, i18n } = useTranslation();
  const tenant = me?.tenant ?? "";
  const underGrant = me?.acting_as === "support" && !!tenant;
  const requests = useQuery({
    queryKey: ["support-requests", tenant],
    queryFn: () =>
      unwrap(
        api.GET("/api/identity/tenants/{slug}/support-requests", {
          params: { path: { slug: tenant } },
        }),
      ),
    enabled: underGrant,
  });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!underGrant) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [underGrant]);
  if (!underGrant) return null;
  const grant = requests.data?.find((r) => r.status === "active" && r.expires_at);
  const scope = (grant?.scope ?? [])
    .map((s) => `${t(`modules.${s.module}`)} (${t(`actions.${s.action}`)})`)
    .join(", ");
  const expires = grant?.expires_at ?? null;
  const over = expires !== null && new Date(expires).getTime() <= now;
  return (
    <Paper bg="red.9" p="sm" mb="md" data-testid="support-banner">
      <Text c="white" fw={700}>
        {over || !expires
          ? t("banner.expired", { tenant })
          : t("banner.support", {
              tenant,
              scope,
              countdown: countdown(expires, now),
              time: formatDateTime(expires, i18n.language),
            })}
      </Text>
    </Paper>
  );
}
