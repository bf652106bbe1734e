import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Box, Button, Card, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import type { components } from "../api/generated/ledger";
import { useTenant } from "../session";
import { ErrorNotice, Page, PdfButton } from "../ui";
import { cents } from "./amounts";
import { RelationMandates } from "./RelationMandates";
import { DateField, MoneyCell, RowsTable, SectionNav, ShowForm, postingColumns, today, useFormat, type Ledger } from "./common";

const debtorRoute = getRouteApi("/debtors/$relationId");
const creditorRoute = getRouteApi("/creditors/$relationId");
const BUCKETS = ["0-30", "31-60", "61-90", "90+"] as const;

type Reminder = components["schemas"]["ReminderLine"];

/** The reminder as the debtor received it. */
function ReminderPdf({ reminder }: { reminder: Reminder }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const kind = t(`accounts.reminders.level.${reminder.level}`);
  return (
    <PdfButton
      document={t("accounts.reminders.documentOf", { kind, reference: reminder.reference, date: date(reminder.sent_on) })}
      filename={`${reminder.reference}-${reminder.level}.pdf`}
      load={() =>
        unwrap(
          api.GET("/api/debtors/reminders/{reminder_id}/document", {
            params: { path: { reminder_id: reminder.id } },
            parseAs: "blob",
          }),
        )
      }
    />
  );
}

function Ageing({ ageing }: { ageing: Record<string, string> }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const data = BUCKETS.map((b) => ({
    bucket: t("accounts.account.days", { range: b }),
    amount: cents(ageing[b] ?? "0") / 100,
  }));
  return (
    <Card withBorder component="section" aria-labelledby="ageing">
      <Title order={2} size="h3" id="ageing" mb="sm">
        {t("accounts.account.ageing")}
      </Title>
      <Box role="img" aria-label={t("accounts.account.ageingChart")} mb="sm">
        <BarChart
          h={200}
          data={data}
          dataKey="bucket"
          valueFormatter={(value) => money(Math.round(value * 100))}
          series={[{ name: "amount", label: t("accounts.account.remaining"), color: "blue.8" }]}
        />
      </Box>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            {BUCKETS.map((b) => (
              <Table.Th key={b} ta="right">
                {t("accounts.account.days", { range: b })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {BUCKETS.map((b) => (
              <MoneyCell key={b} amount={ageing[b] ?? "0.00"} />
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function RelationAccount({ ledger, relationId, date }: { ledger: Ledger; relationId: string; date: string | undefined }) {
  const { t } = useTranslation();
  const { date: day, money } = useFormat();
  const navigate = useNavigate();
  const tenant = useTenant();
  const [asOf, setAsOf] = useState(date ?? "");
  const account = useQuery({
    queryKey: [ledger, "account", tenant, relationId, date],
    queryFn: () =>
      // The creditors' account has the debtors' shape.
      unwrap(
        api.GET(`/api/${ledger}/{relation_id}` as "/api/debtors/{relation_id}", {
          params: { path: { relation_id: relationId }, query: { date: date ?? null } },
        }),
      ),
  });
  const data = account.data;
  const show = (value: string | undefined) =>
    ledger === "debtors"
      ? navigate({ to: "/debtors/$relationId", params: { relationId }, search: { date: value } })
      : navigate({ to: "/creditors/$relationId", params: { relationId }, search: { date: value } });
  const insurer = ledger === "creditors" && relationId.startsWith("insurer:");
  return (
    <Page
      title={data ? t("accounts.account.title", { name: data.name }) : t(`modules.${ledger}`)}
      actions={
        insurer && (
          <Button
            variant="default"
            onClick={() => void navigate({ to: "/creditors/$relationId/settlement", params: { relationId }, search: {} })}
          >
            {t("accounts.settlement.open")}
          </Button>
        )
      }
    >
      <SectionNav section={ledger} />
      <ShowForm onShow={() => void show(asOf || undefined)}>
        <DateField label={t("accounts.account.asOf")} value={asOf} max={today()} onChange={(e) => setAsOf(e.currentTarget.value)} />
      </ShowForm>
      <ErrorNotice error={account.error} />
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
            <Card withBorder>
              <Text size="sm">{t("accounts.account.balance", { date: day(date ?? today()) })}</Text>
              <Text size="xl" fw={700} aria-live="polite">
                {money(data.balance)}
              </Text>
              <Text size="sm" mt="xs">
                {t("accounts.account.openCount", { count: data.open_items.length })}
              </Text>
            </Card>
            <Ageing ageing={data.ageing} />
          </SimpleGrid>
          <Title order={2} size="h3" mb="xs">
            {t("accounts.account.openItems")}
          </Title>
          <RowsTable
            mb="lg"
            rows={data.open_items}
            rowKey={(item) => item.id}
            empty={t("accounts.account.nothingOpen")}
            columns={[
              { label: t("accounts.item.reference"), cell: (item) => item.reference },
              { label: t("accounts.item.description"), cell: (item) => item.description },
              { label: t("accounts.item.date"), cell: (item) => day(item.item_date) },
              { label: t("accounts.item.due"), cell: (item) => day(item.due_date) },
              { label: t("accounts.item.amount"), money: (item) => item.amount },
              { label: t("accounts.item.remaining"), money: (item) => item.remaining },
              ...(ledger === "debtors"
                ? [
                    {
                      label: t("accounts.item.reminders"),
                      cell: (item: (typeof data.open_items)[number]) =>
                        [
                          item.reminders ? t(`accounts.reminders.level.${item.reminders}`) : "",
                          item.arrangement_until ? t("accounts.item.arrangedUntil", { date: day(item.arrangement_until) }) : "",
                        ]
                          .filter(Boolean)
                          .join("; ") || "—",
                    },
                  ]
                : []),
            ]}
          />
          {ledger === "debtors" && (data.reminders ?? []).length > 0 && (
            <>
              <Title order={2} size="h3" mb="xs">
                {t("accounts.reminders.sent")}
              </Title>
              <RowsTable
                mb="lg"
                rows={data.reminders ?? []}
                rowKey={(r) => r.id}
                empty=""
                columns={[
                  { label: t("accounts.item.date"), cell: (r) => day(r.sent_on) },
                  { label: t("accounts.item.reference"), cell: (r) => r.reference },
                  { label: t("accounts.reminders.kind"), cell: (r) => t(`accounts.reminders.level.${r.level}`) },
                  { label: t("accounts.item.amount"), money: (r) => r.amount },
                  { label: t("accounts.reminders.text"), cell: (r) => r.text },
                  { label: t("accounts.reminders.document"), cell: (r) => <ReminderPdf reminder={r} /> },
                ]}
              />
            </>
          )}
          {ledger === "debtors" && <RelationMandates relationId={relationId} />}
          <Title order={2} size="h3" mb="xs">
            {t("accounts.account.statement")}
          </Title>
          <RowsTable
            rows={data.statement}
            rowKey={(line, n) => `${line.number}-${n}`}
            empty={t("accounts.card.noLines")}
            columns={[
              ...postingColumns(t, day),
              { label: t("accounts.item.amount"), money: (line) => line.amount },
              { label: t("accounts.account.running"), money: (line) => line.balance },
            ]}
          />
        </>
      )}
    </Page>
  );
}

export function DebtorAccount() {
  const { relationId } = debtorRoute.useParams();
  return <RelationAccount ledger="debtors" relationId={relationId} date={debtorRoute.useSearch().date} />;
}

export function CreditorAccount() {
  const { relationId } = creditorRoute.useParams();
  return <RelationAccount ledger="creditors" relationId={relationId} date={creditorRoute.useSearch().date} />;
}
