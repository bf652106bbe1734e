import { Anchor, Button, Card, Group, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { useTenant } from "../session";
import { ErrorNotice, Pager, Page, useCursor } from "../ui";
import { MoneyCell, SectionNav, type Ledger } from "./common";

const debtorsRoute = getRouteApi("/debtors");
const creditorsRoute = getRouteApi("/creditors");

function Balances({ ledger, name }: { ledger: Ledger; name: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tenant = useTenant();
  const [draft, setDraft] = useState(name ?? "");
  const paging = useCursor(name ?? "");
  const balances = useQuery({
    queryKey: [ledger, "balances", tenant, name, paging.cursor],
    queryFn: () =>
      // The creditors' list has the debtors' shape.
      unwrap(
        api.GET(`/api/${ledger}` as "/api/debtors", {
          params: { query: { name: name ?? null, limit: 25, cursor: paging.cursor } },
        }),
      ),
  });
  const items = balances.data?.items ?? [];
  const search = (value: string | undefined) =>
    ledger === "debtors"
      ? navigate({ to: "/debtors", search: { name: value } })
      : navigate({ to: "/creditors", search: { name: value } });
  const open = (relationId: string) =>
    ledger === "debtors"
      ? navigate({ to: "/debtors/$relationId", params: { relationId }, search: {} })
      : navigate({ to: "/creditors/$relationId", params: { relationId }, search: {} });
  return (
    <Page title={t(`modules.${ledger}`)}>
      <SectionNav section={ledger} />
      <Card
        withBorder
        mb="md"
        component="form"
        role="search"
        aria-label={t("accounts.balances.search")}
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          void search(draft.trim() || undefined);
        }}
      >
        <Group align="flex-end">
          <TextInput label={t("accounts.balances.name")} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
          <Button type="submit">{t("common.search")}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft("");
              void search(undefined);
            }}
          >
            {t("common.reset")}
          </Button>
        </Group>
      </Card>
      <ErrorNotice error={balances.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t(`accounts.balances.caption.${ledger}`)}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.balances.name")}</Table.Th>
            <Table.Th ta="right">{t("accounts.balances.openItems")}</Table.Th>
            <Table.Th ta="right">{t("accounts.balances.balance")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((b) => (
            <Table.Tr key={b.relation_id}>
              <Table.Td>
                <Anchor
                  href={`/${ledger}/${encodeURIComponent(b.relation_id)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void open(b.relation_id);
                  }}
                >
                  {b.name}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{b.open_items}</Table.Td>
              <MoneyCell amount={b.balance} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {balances.isSuccess && items.length === 0 && <Text mt="sm">{t("common.empty")}</Text>}
      <Pager paging={paging} nextCursor={balances.data?.next_cursor} />
    </Page>
  );
}

export function DebtorBalances() {
  return <Balances ledger="debtors" name={debtorsRoute.useSearch().name} />;
}

export function CreditorBalances() {
  return <Balances ledger="creditors" name={creditorsRoute.useSearch().name} />;
}
