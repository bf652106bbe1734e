import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDateTime } from "../../format";
import { useFormProblem } from "../../forms";
import { ApiError } from "../../problems";
import { useTenant } from "../../session";
import { CodeInput, ErrorNotice, FormAlert, Page } from "../../ui";
import { SupportList, type SupportRequest } from "../SupportList";
import { notify } from "../../notify";

function Approve({
  tenant,
  request,
  onClose,
}: {
  tenant: string;
  request: SupportRequest;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problem = useFormProblem(["code"]);
  const [code, setCode] = useState("");
  const [locked, setLocked] = useState<number | null>(null);

  const submit = problem.submit(
    async () => {
      setLocked(null);
      const approved = await unwrap(
        api.POST("/api/identity/tenants/{slug}/support-requests/{request_id}/approve", {
          params: { path: { slug: tenant, request_id: request.id } },
          body: { code: code.trim() },
        }),
      );
      const until = approved.expires_at ? formatDateTime(approved.expires_at, i18n.language) : "";
      notify("green", t("support.approved", { time: until }));
      await queryClient.invalidateQueries({ queryKey: ["support-requests", tenant] });
      onClose();
    },
    // 429: locked after too many wrong codes, for as long as Retry-After says.
    (error) => {
      if (!(error instanceof ApiError && error.problem.status === 429)) return false;
      setLocked(Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60)));
      return true;
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{request.reason}</Text>
        {locked !== null && (
          <Alert color="red" variant="outline" role="alert" data-testid="approval-locked">
            {t("support.locked", { minutes: locked })}
          </Alert>
        )}
        <FormAlert message={problem.message} />
        <CodeInput
          label={t("support.code")}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={problem.fieldError("code")}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={problem.busy}>
            {t("support.approve")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function Support() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [approving, setApproving] = useState<SupportRequest | null>(null);
  const [error, setError] = useState<unknown>(null);
  const requests = useQuery({
    queryKey: ["support-requests", tenant],
    queryFn: () =>
      unwrap(
        api.GET("/api/identity/tenants/{slug}/support-requests", {
          params: { path: { slug: tenant } },
        }),
      ),
    enabled: !!tenant,
  });

  async function revoke(request: SupportRequest) {
    setError(null);
    try {
      await unwrap(
        api.POST("/api/identity/tenants/{slug}/support-requests/{request_id}/revoke", {
          params: { path: { slug: tenant, request_id: request.id } },
        }),
      );
      notify("green", t("support.revoked"));
      await queryClient.invalidateQueries({ queryKey: ["support-requests", tenant] });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page title={t("support.title")}>
      <ErrorNotice error={requests.error ?? error} />
      <SupportList
        requests={requests.data ?? []}
        actions={(r) => (
          <Group gap="xs">
            {r.status === "requested" && (
              <Button size="xs" onClick={() => setApproving(r)}>
                {t("support.approve")}
              </Button>
            )}
            {(r.status === "requested" || r.status === "active") && (
              <Button size="xs" variant="default" color="red" onClick={() => void revoke(r)}>
                {t("support.revoke")}
              </Button>
            )}
          </Group>
        )}
      />
      <Modal
        opened={approving !== null}
        onClose={() => setApproving(null)}
        title={t("support.approveTitle")}
      >
        {approving && (
          <Approve tenant={tenant} request={approving} onClose={() => setApproving(null)} />
        )}
      </Modal>
    </Page>
  );
}
