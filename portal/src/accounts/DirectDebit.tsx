/** Direct debit (automatische incasso): the tenant's creditor details, collection runs (a trial
 * first, then the run, both background jobs followed while they run; the pain.008 file to
 * download), and the mandates with their status, revoked here with a reason. */
import { Alert, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, unwrapOrNone } from "../api/client";
import type { components } from "../api/generated/ledger";
import { ConfirmDialog, Day, StatusBadge, useFieldProblems } from "../clerk/parts";
import { saveFile } from "../download";
import { FollowedJob } from "../jobs";
import { useTenant } from "../session";
import { ErrorNotice, Pager, Page, SaveForm, useCursor } from "../ui";
import { MoneyCell, SectionNav, useFormat, useRight } from "./common";

type Job = components["schemas"]["JobOut"];
type Mandate = components["schemas"]["MandateOut"];
const SETTINGS = ["creditor_id", "name", "iban", "bic", "return_cost"] as const;
type SettingsValues = Record<(typeof SETTINGS)[number], string>;
const NO_SETTINGS: SettingsValues = { creditor_id: "", name: "", iban: "", bic: "", return_cost: "" };

interface Group_ {
  sequence_type: string;
  payment_info_id: string | null;
  transactions: number;
  total: string;
}
interface Skipped {
  item_id: string;
  reference: string;
  relation_name: string;
  amount: string;
  reason: string;
}
interface RunResult {
  collection_id: string | null;
  number: string | null;
  trial: boolean;
  transactions: number;
  total: string;
  groups: Group_[];
  skipped?: { count: number; by_reason: Record<string, number>; items: Skipped[] };
}

function resultOf(job: Job): RunResult | null {
  return job.status === "done" && job.result ? (job.result as unknown as RunResult) : null;
}

function CreditorSettings() {
  const tenant = useTenant();
  const [saved, setSaved] = useState(false);
  const settings = useQuery({
    queryKey: ["collection-settings", tenant],
    queryFn: () => unwrapOrNone(api.GET("/api/debtors/collection-settings")),
  });
  if (!settings.isSuccess) return <ErrorNotice error={settings.error} />;
  const s = settings.data;
  const initial = s ? { ...s, return_cost: s.return_cost ?? "" } : null;
  return (
    <SettingsForm
      key={JSON.stringify(initial)}
      initial={initial}
      saved={saved}
      onSaved={(done) => {
        setSaved(done);
        if (done) void settings.refetch();
      }}
    />
  );
}

function SettingsForm({
  initial,
  saved,
  onSaved,
}: {
  initial: SettingsValues | null;
  saved: boolean;
  onSaved: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const mayChange = useRight("debtors", "change");
  const problems = useFieldProblems(SETTINGS);
  const [values, setValues] = useState<SettingsValues>(initial ?? NO_SETTINGS);
  async function save() {
    problems.clear();
    onSaved(false);
    try {
      await unwrap(
        api.PUT("/api/debtors/collection-settings", {
          body: { ...values, return_cost: values.return_cost.trim() || null },
        }),
      );
      onSaved(true);
    } catch (error) {
      problems.capture(error);
    }
  }
  const field = (name: (typeof SETTINGS)[number]) => ({
    label: t(`accounts.directDebit.settings.${name}`),
    value: values[name],
    readOnly: !mayChange,
    error: problems.error(name),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.currentTarget.value }),
  });
  return (
    <Card withBorder component="section" aria-labelledby="creditor" mb="md">
      <Title order={2} size="h3" id="creditor" mb="sm">
        {t("accounts.directDebit.settings.title")}
      </Title>
      {!initial && <Text mb="sm">{t("accounts.directDebit.settings.none")}</Text>}
      <SaveForm onSave={save} message={problems.message} mayChange={mayChange} saved={saved}>
        <Group align="flex-start" grow>
          <TextInput required {...field("creditor_id")} />
          <TextInput required {...field("name")} />
        </Group>
        <Group align="flex-start" grow>
          <TextInput required {...field("iban")} />
          <TextInput required {...field("bic")} />
          <TextInput {...field("return_cost")} description={t("accounts.directDebit.settings.returnCostHint")} />
        </Group>
      </SaveForm>
    </Card>
  );
}

function FileButton({ runId, number }: { runId: string; number: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  async function download() {
    setError(null);
    try {
      const file = await unwrap(
        api.GET("/api/debtors/collections/{run_id}/file", {
          params: { path: { run_id: runId } },
          parseAs: "blob",
        }),
      );
      saveFile(file, `${number}.xml`);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <>
      <Button size="xs" variant="outline" onClick={() => void download()}>
        {t("accounts.directDebit.runs.file", { number })}
      </Button>
      <ErrorNotice error={error} />
    </>
  );
}

function Outcome({ job }: { job: Job }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const result = resultOf(job);
  if (!result) return null;
  const skipped = result.skipped;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t("accounts.directDebit.runs.outcome", { count: result.transactions, total: money(result.total) })}
      </Text>
      {result.groups.length > 0 && (
        <Table withTableBorder>
          <Table.Caption>{t("accounts.directDebit.runs.groups")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("accounts.directDebit.runs.sequenceType")}</Table.Th>
              <Table.Th>{t("accounts.directDebit.runs.block")}</Table.Th>
              <Table.Th ta="right">{t("accounts.directDebit.runs.transactions")}</Table.Th>
              <Table.Th ta="right">{t("accounts.directDebit.runs.total")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.groups.map((g) => (
              <Table.Tr key={g.sequence_type}>
                <Table.Td>{t(`accounts.directDebit.sequence.${g.sequence_type}`)}</Table.Td>
                <Table.Td>{g.payment_info_id ?? "—"}</Table.Td>
                <Table.Td ta="right">{g.transactions}</Table.Td>
                <MoneyCell amount={g.total} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {result.collection_id && result.number && <FileButton runId={result.collection_id} number={result.number} />}
      {skipped && skipped.count > 0 && (
        <Table withTableBorder>
          <Table.Caption>{t("accounts.directDebit.runs.skipped", { count: skipped.count })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("accounts.directDebit.runs.item")}</Table.Th>
              <Table.Th>{t("accounts.directDebit.runs.relation")}</Table.Th>
              <Table.Th ta="right">{t("accounts.directDebit.runs.amount")}</Table.Th>
              <Table.Th>{t("accounts.directDebit.runs.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {skipped.items.map((s) => (
              <Table.Tr key={s.item_id}>
                <Table.Td>{s.reference}</Table.Td>
                <Table.Td>{s.relation_name}</Table.Td>
                <MoneyCell amount={s.amount} />
                <Table.Td>{s.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** One run followed until it has finished. */
function Running({ id, onFinished }: { id: string; onFinished: (job: Job) => void }) {
  const { t } = useTranslation();
  return (
    <FollowedJob<Job>
      queryKey={["collection", id]}
      load={() => unwrap(api.GET("/api/debtors/collections/{run_id}", { params: { path: { run_id: id } } }))}
      onFinished={onFinished}
      title={(j) =>
        `${t(j.params.trial ? "accounts.directDebit.runs.trialRun" : "accounts.directDebit.runs.realRun")} ${j.number}`
      }
      progressLabel={t("accounts.directDebit.runs.progress")}
      failed={(j) => t("accounts.directDebit.runs.failed", { error: j.error ?? "" })}
    >
      {(j) => <Outcome job={j} />}
    </FollowedJob>
  );
}

function CollectionRuns() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const paging = useCursor();
  const mayRun = useRight("debtors", "create");
  const problems = useFieldProblems(["collection_date"]);
  const [day, setDay] = useState("");
  const [running, setRunning] = useState<string | null>(null);
  const [trial, setTrial] = useState<Job | null>(null);
  const [confirming, setConfirming] = useState(false);
  const runs = useQuery({
    queryKey: ["collections", tenant, paging.cursor],
    queryFn: () => unwrap(api.GET("/api/debtors/collections", { params: { query: { limit: 10, cursor: paging.cursor } } })),
  });
  const trialFits = trial?.status === "done" && trial.params.collection_date === day;
  async function start(asTrial: boolean) {
    problems.clear();
    try {
      const job = await unwrap(api.POST("/api/debtors/collections", { body: { collection_date: day, trial: asTrial } }));
      setRunning(job.id);
      if (asTrial) setTrial(null);
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ["collections"] });
    } catch (error) {
      problems.capture(error);
    }
  }
  const trialResult = trial ? resultOf(trial) : null;
  return (
    <Card withBorder component="section" aria-labelledby="runs" mb="md">
      <Title order={2} size="h3" id="runs" mb="sm">
        {t("accounts.directDebit.runs.title")}
      </Title>
      <Text mb="sm">{t("accounts.directDebit.runs.intro")}</Text>
      {mayRun && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void start(true);
          }}
        >
          <Stack mb="md">
            {problems.message && (
              <Alert color="red" variant="outline" role="alert">
                <Text c="red.9">{problems.message}</Text>
              </Alert>
            )}
            <Group align="flex-end">
              <TextInput
                type="date"
                required
                label={t("accounts.directDebit.runs.date")}
                value={day}
                onChange={(e) => setDay(e.currentTarget.value)}
                error={problems.error("collection_date")}
              />
              <Button type="submit" disabled={!day}>
                {t("accounts.directDebit.runs.startTrial")}
              </Button>
              <Button variant="outline" disabled={!trialFits} onClick={() => setConfirming(true)}>
                {t("accounts.directDebit.runs.startReal")}
              </Button>
            </Group>
            {!trialFits && day && <Text size="sm">{t("accounts.directDebit.runs.trialFirst")}</Text>}
          </Stack>
        </form>
      )}
      {running && (
        <Running
          key={running}
          id={running}
          onFinished={(job) => {
            if (job.params.trial) setTrial(job);
            void queryClient.invalidateQueries({ queryKey: ["collections"] });
            void queryClient.invalidateQueries({ queryKey: ["mandates"] });
          }}
        />
      )}
      <ConfirmDialog
        opened={confirming}
        title={t("accounts.directDebit.runs.confirmTitle")}
        confirm={t("accounts.directDebit.runs.startReal")}
        onConfirm={() => void start(false)}
        onClose={() => setConfirming(false)}
        busy={false}
        error={problems.message}
      >
        <Text>
          {t("accounts.directDebit.runs.confirmText", { count: trialResult?.transactions ?? 0 })} <Day iso={day} />
        </Text>
      </ConfirmDialog>
      <ErrorNotice error={runs.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t("accounts.directDebit.runs.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.directDebit.runs.run")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.runs.date")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th ta="right">{t("accounts.directDebit.runs.transactions")}</Table.Th>
            <Table.Th ta="right">{t("accounts.directDebit.runs.total")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.runs.fileColumn")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(runs.data?.items ?? []).map((j) => {
            const result = resultOf(j);
            return (
              <Table.Tr key={j.id}>
                <Table.Td>
                  {j.number} {t(j.params.trial ? "accounts.directDebit.runs.trial" : "accounts.directDebit.runs.real")}
                </Table.Td>
                <Table.Td>
                  <Day iso={String(j.params.collection_date ?? "")} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={j.status} />
                </Table.Td>
                <Table.Td ta="right">{result?.transactions ?? "—"}</Table.Td>
                {result ? <MoneyCell amount={result.total} /> : <Table.Td />}
                <Table.Td>
                  {result?.collection_id && result.number && <FileButton runId={result.collection_id} number={result.number} />}
                </Table.Td>
              </Table.Tr>
            );
          })}
          {runs.isSuccess && !runs.data.items.length && (
            <Table.Tr>
              <Table.Td colSpan={6}>{t("accounts.directDebit.runs.none")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={runs.data?.next_cursor} />
    </Card>
  );
}

function Mandates() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const mayChange = useRight("debtors", "change");
  const [status, setStatus] = useState("");
  const paging = useCursor(status);
  const [revoking, setRevoking] = useState<Mandate | null>(null);
  const [reason, setReason] = useState("");
  const problems = useFieldProblems(["reason"]);
  const mandates = useQuery({
    queryKey: ["mandates", tenant, status, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/debtors/mandates", {
          params: {
            query: {
              status: (status || null) as "active" | "revoked" | "expired" | null,
              limit: 25,
              cursor: paging.cursor,
            },
          },
        }),
      ),
  });
  async function revoke() {
    if (!revoking) return;
    problems.clear();
    try {
      await unwrap(
        api.POST("/api/debtors/mandates/{mandate_id}/revoke", {
          params: { path: { mandate_id: revoking.id } },
          body: { reason },
        }),
      );
      setRevoking(null);
      setReason("");
      void mandates.refetch();
    } catch (error) {
      problems.capture(error);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="mandates">
      <Title order={2} size="h3" id="mandates" mb="sm">
        {t("accounts.directDebit.mandates.title")}
      </Title>
      <NativeSelect
        label={t("accounts.directDebit.mandates.status")}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value)}
        data={[
          { value: "", label: t("accounts.directDebit.mandates.all") },
          ...["active", "revoked", "expired"].map((s) => ({ value: s, label: t(`accounts.directDebit.mandates.${s}`) })),
        ]}
        mb="sm"
        w={220}
      />
      <ErrorNotice error={mandates.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t("accounts.directDebit.mandates.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.directDebit.mandates.reference")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.debtor")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.iban")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.signed")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.status")}</Table.Th>
            <Table.Th ta="right">{t("accounts.directDebit.mandates.collections")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.lastCollected")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(mandates.data?.items ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.reference}</Table.Td>
              <Table.Td>{m.debtor_name}</Table.Td>
              <Table.Td>{m.iban}</Table.Td>
              <Table.Td>
                <Day iso={m.signed_on} />
              </Table.Td>
              <Table.Td>{t(`accounts.directDebit.mandates.${m.status}`)}</Table.Td>
              <Table.Td ta="right">{m.collections}</Table.Td>
              <Table.Td>
                <Day iso={m.last_collected_on} />
              </Table.Td>
              <Table.Td>
                {mayChange && m.status === "active" && (
                  <Button size="xs" variant="outline" color="red.9" onClick={() => setRevoking(m)}>
                    {t("accounts.directDebit.mandates.revoke")}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {mandates.isSuccess && !mandates.data.items.length && (
            <Table.Tr>
              <Table.Td colSpan={8}>{t("accounts.directDebit.mandates.none")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={mandates.data?.next_cursor} />
      <ConfirmDialog
        opened={revoking !== null}
        title={t("accounts.directDebit.mandates.revokeTitle", { reference: revoking?.reference ?? "" })}
        confirm={t("accounts.directDebit.mandates.revoke")}
        onConfirm={() => void revoke()}
        onClose={() => setRevoking(null)}
        busy={false}
        error={problems.message}
      >
        <TextInput
          label={t("accounts.directDebit.mandates.reason")}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problems.error("reason")}
        />
      </ConfirmDialog>
    </Card>
  );
}

export default function DirectDebit() {
  const { t } = useTranslation();
  return (
    <Page title={t("accounts.directDebit.title")}>
      <SectionNav section="debtors" />
      <CreditorSettings />
      <CollectionRuns />
      <Mandates />
    </Page>
  );
}
