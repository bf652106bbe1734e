/** The renewal run: a trial first (it only counts), then the run itself, confirmed; both as
 * background jobs whose progress is shown while they run. */
import { Alert, Button, Card, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/generated/policy";
import { ConfirmDialog, Day, Money, StatusBadge, useFieldProblems } from "../../clerk/parts";
import { formatDateTime } from "../../format";
import { FollowedJob } from "../../jobs";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";

type Job = components["schemas"]["JobOut"];

function Outcome({ job }: { job: Job }) {
  const { t } = useTranslation();
  const result = job.result ?? {};
  return (
    <Text size="sm">
      {t("clerk.renewals.result", {
        policies: Number(result.policies ?? 0),
        invoices: Number(result.invoices ?? 0),
        renewals: Number(result.renewals ?? 0),
      })}{" "}
      <Money amount={String(result.total ?? "0")} />
    </Text>
  );
}

/** One run followed until it has finished. */
function Running({ id, onFinished }: { id: string; onFinished: (job: Job) => void }) {
  const { t } = useTranslation();
  return (
    <FollowedJob<Job>
      queryKey={["renewal", id]}
      load={() => unwrap(api.GET("/api/policies/renewals/{run_id}", { params: { path: { run_id: id } } }))}
      onFinished={onFinished}
      title={(j) => `${t(j.params.trial ? "clerk.renewals.trialRun" : "clerk.renewals.realRun")} ${j.number}`}
      progressLabel={t("clerk.renewals.progress")}
      failed={() => t("clerk.renewals.failed")}
    >
      {(j) => (
        <>
          <Text size="sm" aria-live="polite">
            {t("clerk.renewals.doneOf", { done: j.done, total: j.total ?? "…" })}
          </Text>
          {j.status === "done" && <Outcome job={j} />}
        </>
      )}
    </FollowedJob>
  );
}

export default function Renewals() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const paging = useCursor();
  const problems = useFieldProblems(["up_to"]);
  const [upTo, setUpTo] = useState("");
  const [running, setRunning] = useState<string | null>(null);
  const [trial, setTrial] = useState<Job | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const runs = useQuery({
    queryKey: ["renewals", paging.cursor],
    queryFn: () => unwrap(api.GET("/api/policies/renewals", { params: { query: { limit: 10, cursor: paging.cursor } } })),
  });
  const mayRun = can(me, "policies", "change");
  const trialFits = trial?.status === "done" && trial.params.up_to === upTo;

  async function start(asTrial: boolean) {
    setBusy(true);
    problems.clear();
    try {
      const job = await unwrap(api.POST("/api/policies/renewals", { body: { up_to: upTo, trial: asTrial } }));
      setRunning(job.id);
      if (asTrial) setTrial(null);
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ["renewals"] });
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("clerk.renewals.title")}>
      <Text mb="md">{t("clerk.renewals.intro")}</Text>
      {mayRun && (
        <Card withBorder mb="md">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void start(true);
            }}
          >
            <Stack>
              {problems.message && (
                <Alert color="red" variant="outline" role="alert">
                  <Text c="red.9">{problems.message}</Text>
                </Alert>
              )}
              <Group align="flex-start">
                <TextInput
                  type="date"
                  label={t("clerk.renewals.upTo")}
                  description={t("clerk.renewals.upToHint")}
                  required
                  value={upTo}
                  onChange={(e) => setUpTo(e.currentTarget.value)}
                  error={problems.error("up_to")}
                />
                <Group mt={50}>
                  <Button type="submit" loading={busy} disabled={!upTo}>
                    {t("clerk.renewals.startTrial")}
                  </Button>
                  <Button variant="outline" disabled={!trialFits} onClick={() => setConfirming(true)}>
                    {t("clerk.renewals.startReal")}
                  </Button>
                </Group>
              </Group>
              {!trialFits && upTo && <Text size="sm">{t("clerk.renewals.trialFirst")}</Text>}
            </Stack>
          </form>
        </Card>
      )}
      {running && (
        <Running
          key={running}
          id={running}
          onFinished={(job) => {
            if (job.params.trial) setTrial(job);
            void queryClient.invalidateQueries({ queryKey: ["renewals"] });
          }}
        />
      )}
      <ConfirmDialog
        opened={confirming}
        title={t("clerk.renewals.confirmTitle")}
        confirm={t("clerk.renewals.startReal")}
        onConfirm={() => void start(false)}
        onClose={() => setConfirming(false)}
        busy={busy}
        error={problems.message}
      >
        <Text>
          {t("clerk.renewals.confirmText")} <Day iso={upTo} />
        </Text>
        {trial && <Outcome job={trial} />}
      </ConfirmDialog>
      <ErrorNotice error={runs.error} />
      <Table striped withTableBorder mt="md">
        <Table.Caption>{t("clerk.renewals.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.renewals.run")}</Table.Th>
            <Table.Th>{t("clerk.renewals.kind")}</Table.Th>
            <Table.Th>{t("clerk.renewals.upTo")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th>{t("clerk.renewals.outcome")}</Table.Th>
            <Table.Th>{t("clerk.renewals.by")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(runs.data?.items ?? []).map((j) => (
            <Table.Tr key={j.id}>
              <Table.Td>{j.number}</Table.Td>
              <Table.Td>{t(j.params.trial ? "clerk.renewals.trial" : "clerk.renewals.real")}</Table.Td>
              <Table.Td>
                <Day iso={String(j.params.up_to ?? "")} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={j.status} />
              </Table.Td>
              <Table.Td>{j.status === "done" ? <Outcome job={j} /> : t("clerk.renewals.doneOf", { done: j.done, total: j.total ?? "…" })}</Table.Td>
              <Table.Td>
                {j.created_by}, {formatDateTime(j.created_at, i18n.language)}
              </Table.Td>
            </Table.Tr>
          ))}
          {runs.isSuccess && !runs.data.items.length && (
            <Table.Tr>
              <Table.Td colSpan={6}>{t("clerk.renewals.none")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={runs.data?.next_cursor} />
    </Page>
  );
}
