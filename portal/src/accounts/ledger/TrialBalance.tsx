import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useTenant } from "../../session";
import { STATUS } from "../../theme";
import { ErrorNotice, Page } from "../../ui";
import { DateField, MoneyCell, RowsTable, SectionNav, ShowForm, useFormat } from "../common";
import { monthName } from "./Periods";

const route = getRouteApi("/ledger/trial-balance");

/** The trial balance on a date: every account's debits, credits and balance, and the totals. */
export default function TrialBalance() {
  const { t, i18n } = useTranslation();
  const { date } = useFormat();
  const navigate = useNavigate();
  const tenant = useTenant();
  const search = route.useSearch();
  const [day, setDay] = useState(search.date ?? "");
  const trial = useQuery({
    queryKey: ["ledger", "trial-balance", tenant, search.date],
    queryFn: () => unwrap(api.GET("/api/ledger/trial-balance", { params: { query: { date: search.date ?? null } } })),
  });
  const data = trial.data;
  return (
    <Page title={t("accounts.trial.title")}>
      <SectionNav section="ledger" />
      <ShowForm onShow={() => void navigate({ to: "/ledger/trial-balance", search: { date: day || undefined } })}>
        <DateField label={t("accounts.trial.date")} value={day} onChange={(e) => setDay(e.currentTarget.value)} />
      </ShowForm>
      <ErrorNotice error={trial.error} />
      {data && (
        <>
          <Group mb="sm">
            <Text>{t("accounts.trial.on", { date: date(data.date) })}</Text>
            <Badge variant="outline" color={data.balanced ? STATUS.good : STATUS.bad} data-testid="trial-balanced">
              {t(data.balanced ? "accounts.trial.balanced" : "accounts.trial.unbalanced")}
            </Badge>
            {data.snapshot && <Text size="sm">{t("accounts.trial.snapshot", { month: monthName(data.snapshot, i18n.language) })}</Text>}
          </Group>
          <RowsTable
            caption={t("accounts.trial.caption", { date: date(data.date) })}
            rows={data.accounts}
            rowKey={(a) => a.code}
            empty={t("common.empty")}
            columns={[
              {
                label: t("accounts.chart.code"),
                cell: (a) => (
                  <Anchor
                    href={`/ledger/accounts/${a.code}`}
                    aria-label={t("accounts.chart.openCard", { code: a.code, name: a.name })}
                    onClick={(e) => {
                      e.preventDefault();
                      void navigate({ to: "/ledger/accounts/$code", params: { code: a.code }, search: { to: search.date } });
                    }}
                  >
                    {a.code}
                  </Anchor>
                ),
              },
              { label: t("accounts.chart.name"), cell: (a) => a.name },
              { label: t("accounts.chart.kind"), cell: (a) => t(`accounts.kinds.${a.kind}`, { defaultValue: a.kind }) },
              { label: t("accounts.entry.debit"), money: (a) => a.debit },
              { label: t("accounts.entry.credit"), money: (a) => a.credit },
              { label: t("accounts.trial.balance"), money: (a) => a.balance },
            ]}
            footer={
              <Table.Tr data-testid="trial-totals">
                <Table.Th colSpan={3}>{t("accounts.trial.totals")}</Table.Th>
                <MoneyCell amount={data.total_debit} strong />
                <MoneyCell amount={data.total_credit} strong />
                <Table.Td />
              </Table.Tr>
            }
          />
        </>
      )}
    </Page>
  );
}
