import { Alert, Button, Group, List, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../problems";
import { ErrorNotice } from "../../ui";

const LOADABLE = ["checked"];
const WITHDRAWABLE = ["checked", "rejected", "failed", "loaded", "withdrawal_stopped"];

/** What blocks a withdrawal, as each service named it (a 409's errors). */
function Blockers({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return null;
  return (
    <List size="sm" data-testid="withdraw-blockers">
      {error.problem.errors.map((e) => (
        <List.Item key={`${e.field}:${e.message}`}>{e.message}</List.Item>
      ))}
    </List>
  );
}

/** Loading a checked import into the books, and withdrawing one as a whole (confirmed first). */
export function ImportActions({ importId, status }: { importId: string; status: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const path = { params: { path: { import_id: importId } } };
  const done = async () => {
    setConfirming(false);
    await queryClient.invalidateQueries({ queryKey: ["import", importId] });
    await queryClient.invalidateQueries({ queryKey: ["imports"] });
  };
  const load = useMutation({
    mutationFn: () => unwrap(api.POST("/api/imports/{import_id}/commit", path)),
    onSuccess: done,
  });
  const withdraw = useMutation({
    mutationFn: () => unwrap(api.POST("/api/imports/{import_id}/withdraw", path)),
    onSuccess: done,
  });
  if (!LOADABLE.includes(status) && !WITHDRAWABLE.includes(status)) return null;
  return (
    <>
      <Group>
        {LOADABLE.includes(status) && (
          <Button loading={load.isPending} onClick={() => load.mutate()}>
            {t("imports.load")}
          </Button>
        )}
        {WITHDRAWABLE.includes(status) && !confirming && (
          <Button variant="outline" color="red" onClick={() => setConfirming(true)}>
            {t("imports.withdraw")}
          </Button>
        )}
      </Group>
      {confirming && (
        <Alert color="red" variant="outline" title={t("imports.withdrawTitle")}>
          <Text mb="sm">{t(status === "loaded" || status === "withdrawal_stopped" ? "imports.withdrawLoaded" : "imports.withdrawChecked")}</Text>
          <Group>
            <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t("imports.withdrawConfirm")}
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
          </Group>
        </Alert>
      )}
      <ErrorNotice error={load.error ?? withdraw.error} />
      <Blockers error={withdraw.error} />
    </>
  );
}
