import { Button, Card, NumberInput, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useSelectedTenant } from "../../api/tenant";
import { useFormProblem } from "../../forms";
import { useCatalogue } from "../../session";
import { ErrorNotice, FormAlert, Page } from "../../ui";
import { ScopeGrid, toggled } from "../ScopeGrid";
import { SupportList } from "../SupportList";
import { notify } from "../../notify";

const MAX_MINUTES = 480;

function RequestForm({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const catalogue = useCatalogue();
  const problem = useFormProblem(["reason", "scope", "minutes"]);
  const [reason, setReason] = useState("");
  const [scope, setScope] = useState<Set<string>>(new Set());
  const [minutes, setMinutes] = useState<number>(60);

  const submit = problem.submit(async () => {
    await unwrap(
      api.POST("/api/identity/tenants/{slug}/support-requests", {
        params: { path: { slug: tenant } },
        body: {
          reason,
          minutes,
          scope: [...scope].map((right) => {
            const [module = "", action = ""] = right.split(":");
            return { module, action };
          }),
        },
      }),
    );
    notify("green", t("support.requested"));
    setReason("");
    setScope(new Set());
    await queryClient.invalidateQueries({ queryKey: ["support-requests", tenant] });
  });

  return (
    <Card withBorder mb="lg" component="form" onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t("support.request")}
        </Title>
        <FormAlert message={problem.message} />
        <Textarea
          label={t("support.reason")}
          name="reason"
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problem.fieldError("reason")}
        />
        <div>
          <Text fw={500} size="sm" mb={4} id="scope-label">
            {t("support.scope")}
          </Text>
          {catalogue.data && (
            <ScopeGrid
              catalogue={catalogue.data}
              selected={scope}
              onToggle={(right) => setScope(toggled(scope, right))}
            />
          )}
          {problem.fieldError("scope") && (
            <Text c="red.9" size="sm" role="alert">
              {problem.fieldError("scope")}
            </Text>
          )}
        </div>
        <NumberInput
          label={t("support.minutes")}
          name="minutes"
          min={1}
          max={MAX_MINUTES}
          value={minutes}
          onChange={(v) => setMinutes(typeof v === "number" ? v : Number(v) || 0)}
          error={problem.fieldError("minutes")}
          w={200}
        />
        <Button type="submit" loading={problem.busy} w="fit-content">
          {t("support.request")}
        </Button>
      </Stack>
    </Card>
  );
}

export default function SupportRequests() {
  const { t } = useTranslation();
  const tenant = useSelectedTenant();
  const requests = useQuery({
    queryKey: ["support-requests", tenant],
    queryFn: () =>
      unwrap(
        api.GET("/api/identity/tenants/{slug}/support-requests", {
          params: { path: { slug: tenant ?? "" } },
        }),
      ),
    enabled: !!tenant,
  });
  return (
    <Page title={t("support.operatorTitle")}>
      {!tenant && <Text>{t("support.chooseTenant")}</Text>}
      {tenant && (
        <>
          <RequestForm tenant={tenant} />
          <Title order={2} size="h3" mb="sm">
            {t("support.history")}
          </Title>
          <ErrorNotice error={requests.error} />
          <SupportList requests={requests.data ?? []} />
        </>
      )}
    </Page>
  );
}
