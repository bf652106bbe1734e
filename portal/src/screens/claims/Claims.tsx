import { Anchor, Button, Card, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDate, formatMoney } from "../../format";
import { useMe } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { CLAIM_STATUSES, ClaimBadge, ClaimsNav, causeLabel, useCauses } from "./common";

const route = getRouteApi("/claims");

export default function Claims() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const search = route.useSearch();
  const navigate = useNavigate();
  const causes = useCauses();
  const [handler, setHandler] = useState(search.handler ?? "");
  const paging = useCursor(JSON.stringify(search));
  const claims = useQuery({
    queryKey: ["claims", me?.tenant, search, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/claims", {
          params: { query: { status: search.status ?? null, handler: search.handler ?? null, limit: 25, cursor: paging.cursor } },
        }),
      ),
  });
  const items = claims.data?.items ?? [];
  return (
    <Page title={t("claims.title")}>
      <ClaimsNav />
      <Card withBorder mb="md">
        <Group
          align="flex-end"
          component="form"
          onSubmit={(e: React.FormEvent) => {
            e.preventDefault();
            void navigate({ to: "/claims", search: { ...search, handler: handler.trim() || undefined } });
          }}
        >
          <Select
            label={t("claims.status")}
            clearable
            data={CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claims.statuses.${s}`) }))}
            value={search.status ?? null}
            onChange={(v) => void navigate({ to: "/claims", search: { ...search, status: v ?? undefined } })}
            w={220}
          />
          <TextInput label={t("claims.handler")} value={handler} onChange={(e) => setHandler(e.currentTarget.value)} />
          <Button type="submit" variant="default">
            {t("common.search")}
          </Button>
        </Group>
      </Card>
      <ErrorNotice error={claims.error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("claims.number")}</Table.Th>
            <Table.Th>{t("claims.policy")}</Table.Th>
            <Table.Th>{t("claims.lossDate")}</Table.Th>
            <Table.Th>{t("claims.cause")}</Table.Th>
            <Table.Th>{t("claims.coverage")}</Table.Th>
            <Table.Th>{t("claims.status")}</Table.Th>
            <Table.Th>{t("claims.handler")}</Table.Th>
            <Table.Th ta="right">{t("claims.reserve")}</Table.Th>
            <Table.Th ta="right">{t("claims.paid")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor
                  href={`/claims/${c.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate({ to: "/claims/$claimId", params: { claimId: c.id } });
                  }}
                >
                  {c.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.policy_number}</Table.Td>
              <Table.Td>{formatDate(c.loss_date, i18n.language)}</Table.Td>
              <Table.Td>{causeLabel(c.cause, causes.data, t)}</Table.Td>
              <Table.Td>{c.coverage}</Table.Td>
              <Table.Td>
                <ClaimBadge status={c.status} />
              </Table.Td>
              <Table.Td>{c.handler ?? t("claims.noHandler")}</Table.Td>
              <Table.Td ta="right">{formatMoney(c.reserve, "EUR", i18n.language)}</Table.Td>
              <Table.Td ta="right">{formatMoney(c.paid, "EUR", i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {claims.isSuccess && items.length === 0 && <Text mt="sm">{t("common.empty")}</Text>}
      <Pager paging={paging} nextCursor={claims.data?.next_cursor} />
    </Page>
  );
}
