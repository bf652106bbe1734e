import { Card, SimpleGrid, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useTenant } from "../../session";
import { ErrorNotice, Page } from "../../ui";
import { DateField, RowsTable, SectionNav, ShowForm, postingColumns, useFormat } from "../common";
import { monthName } from "./Periods";

const route = getRouteApi("/ledger/accounts/$code");

/** An account's ledger card over a period: the opening balance, every line with the running
 * balance, the closing balance. */
export default function AccountCard() {
  const { t, i18n } = useTranslation();
  const { money, date } = useFormat();
  const navigate = useNavigate();
  const tenant = useTenant();
  const { code } = route.useParams();
  const search = route.useSearch();
  const [draft, setDraft] = useState({ from: search.from ?? "", to: search.to ?? "" });
  const card = useQuery({
    queryKey: ["ledger", "card", tenant, code, search],
    queryFn: () =>
      unwrap(
        api.GET("/api/ledger/accounts/{code}/card", {
          params: { path: { code }, query: { from: search.from ?? null, to: search.to ?? null } },
        }),
      ),
  });
  const data = card.data;
  return (
    <Page title={data ? t("accounts.card.title", { code, name: data.name }) : t("accounts.card.titleCode", { code })}>
      <SectionNav section="ledger" />
      <ShowForm
        onShow={() =>
          void navigate({
            to: "/ledger/accounts/$code",
            params: { code },
            search: { from: draft.from || undefined, to: draft.to || undefined },
          })
        }
      >
        <DateField label={t("accounts.period.from")} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        <DateField label={t("accounts.period.to")} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
      </ShowForm>
      <ErrorNotice error={card.error} />
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 3 }} mb="md">
            <Card withBorder>
              <Text size="sm">{t("accounts.card.opening")}</Text>
              <Text fw={700}>{money(data.opening)}</Text>
            </Card>
            <Card withBorder>
              <Text size="sm">{t("accounts.card.closing")}</Text>
              <Text fw={700}>{money(data.closing)}</Text>
            </Card>
            {data.snapshot && (
              <Card withBorder>
                <Text size="sm">{t("accounts.trial.snapshot", { month: monthName(data.snapshot, i18n.language) })}</Text>
              </Card>
            )}
          </SimpleGrid>
          <RowsTable
            caption={t("accounts.card.caption")}
            rows={data.lines}
            rowKey={(line, n) => `${line.entry_id}-${n}`}
            empty={t("accounts.card.noLines")}
            columns={[
              ...postingColumns(t, date),
              { label: t("accounts.entry.debit"), money: (line) => line.debit },
              { label: t("accounts.entry.credit"), money: (line) => line.credit },
              { label: t("accounts.card.running"), money: (line) => line.balance },
            ]}
          />
        </>
      )}
    </Page>
  );
}
