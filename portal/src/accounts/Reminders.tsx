/** Reminders (herinneringen en aanmaningen): the tenant's intervals and texts, and today's
 * reminder run, a trial first, both background jobs followed while they run. */
import { Button, Card, Group, NumberInput, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import type { components } from "../api/generated/ledger";
import { useFieldProblems } from "../clerk/parts";
import { FollowedJob } from "../jobs";
import { useTenant } from "../session";
import { ErrorNotice, Page, SaveForm } from "../ui";
import { MoneyCell, SectionNav, useRight } from "./common";

type Job = components["schemas"]["JobOut"];
type Settings = components["schemas"]["ReminderSettings"];
const DAYS = ["first_after", "second_after", "final_after"] as const;
const TEXTS = ["first_text", "second_text", "final_text"] as const;

interface RunResult {
  trial: boolean;
  reminders: number;
  by_level: Record<string, number>;
  held_back: Record<string, number>;
  items: { item_id: string; reference: string; relation_name: string; amount: string; level: number }[];
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const mayChange = useRight("debtors", "change");
  const problems = useFieldProblems([...DAYS, ...TEXTS]);
  const [values, setValues] = useState<Settings>(initial);
  const [saved, setSaved] = useState(false);
  async function save() {
    problems.clear();
    setSaved(false);
    try {
      await unwrap(api.PUT("/api/debtors/reminder-settings", { body: values }));
      setSaved(true);
    } catch (error) {
      problems.capture(error);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="reminder-settings" mb="md">
      <Title order={2} size="h3" id="reminder-settings" mb="sm">
        {t("accounts.reminders.settings")}
      </Title>
      <SaveForm onSave={save} message={problems.message} mayChange={mayChange} saved={saved}>
        <Group grow align="flex-start">
          {DAYS.map((name) => (
            <NumberInput
              key={name}
              label={t(`accounts.reminders.${name}`)}
              min={1}
              max={365}
              readOnly={!mayChange}
              value={values[name]}
              error={problems.error(name)}
              onChange={(v) => setValues({ ...values, [name]: Number(v) || 1 })}
            />
          ))}
        </Group>
        {TEXTS.map((name) => (
          <Textarea
            key={name}
            label={t(`accounts.reminders.${name}`)}
            description={t("accounts.reminders.placeholders")}
            autosize
            minRows={2}
            readOnly={!mayChange}
            value={values[name]}
            error={problems.error(name)}
            onChange={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
          />
        ))}
      </SaveForm>
    </Card>
  );
}

function Outcome({ job }: { job: Job }) {
  const { t } = useTranslation();
  if (job.status !== "done" || !job.result) return null;
  const result = job.result as unknown as RunResult;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t("accounts.reminders.outcome", {
          count: result.reminders,
          first: result.by_level["first reminder"] ?? 0,
          second: result.by_level["second reminder"] ?? 0,
          final: result.by_level["final notice"] ?? 0,
          collected: result.held_back["direct debit"] ?? 0,
          arranged: result.held_back["payment arrangement"] ?? 0,
        })}
      </Text>
      {result.items.length > 0 && (
        <Table withTableBorder>
          <Table.Caption>{t("accounts.reminders.caption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("accounts.item.reference")}</Table.Th>
              <Table.Th>{t("accounts.item.relation")}</Table.Th>
              <Table.Th>{t("accounts.reminders.kind")}</Table.Th>
              <Table.Th ta="right">{t("accounts.item.remaining")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.items.map((i) => (
              <Table.Tr key={`${i.item_id}-${i.level}`}>
                <Table.Td>{i.reference}</Table.Td>
                <Table.Td>{i.relation_name}</Table.Td>
                <Table.Td>{t(`accounts.reminders.level.${i.level}`)}</Table.Td>
                <MoneyCell amount={i.amount} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Runs() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mayRun = useRight("debtors", "create");
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function start(trial: boolean) {
    setError(null);
    try {
      const job = await unwrap(api.POST("/api/debtors/reminder-runs", { body: { trial } }));
      setRunning(job.id);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="reminder-runs">
      <Title order={2} size="h3" id="reminder-runs" mb="sm">
        {t("accounts.reminders.runs")}
      </Title>
      <Text mb="sm">{t("accounts.reminders.intro")}</Text>
      {mayRun && (
        <Group mb="md">
          <Button onClick={() => void start(true)}>{t("accounts.reminders.trial")}</Button>
          <Button variant="outline" onClick={() => void start(false)}>
            {t("accounts.reminders.send")}
          </Button>
        </Group>
      )}
      <ErrorNotice error={error} />
      {running && (
        <FollowedJob<Job>
          key={running}
          queryKey={["reminder-run", running]}
          load={() => unwrap(api.GET("/api/debtors/reminder-runs/{run_id}", { params: { path: { run_id: running } } }))}
          onFinished={() => void queryClient.invalidateQueries({ queryKey: ["reminder-runs"] })}
          title={(j) => `${t(j.params.trial ? "accounts.reminders.trialRun" : "accounts.reminders.realRun")} ${j.number}`}
          progressLabel={t("accounts.reminders.progress")}
          failed={(j) => j.error ?? ""}
        >
          {(j) => <Outcome job={j} />}
        </FollowedJob>
      )}
    </Card>
  );
}

export default function Reminders() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const settings = useQuery({
    queryKey: ["reminder-settings", tenant],
    queryFn: () => unwrap(api.GET("/api/debtors/reminder-settings")),
  });
  return (
    <Page title={t("accounts.reminders.title")}>
      <SectionNav section="debtors" />
      <ErrorNotice error={settings.error} />
      {settings.data && <SettingsForm key={JSON.stringify(settings.data)} initial={settings.data} />}
      <Runs />
    </Page>
  );
}
