import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Box, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDate, formatMoney } from "../../format";
import { useMe } from "../../session";
import { ErrorNotice, Page } from "../../ui";
import { ClaimsNav } from "./common";

const route = getRouteApi("/claims/reports");
const AGES = ["0-30", "31-90", "91-365", "366+"] as const;
const AGE_COLORS = ["teal.8", "blue.8", "orange.8", "red.9"];

function yearStart(): string {
  return `${new Date().getFullYear()}-01-01`;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function OpenClaims() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const report = useQuery({
    queryKey: ["claims-open-report", me?.tenant],
    queryFn: () => unwrap(api.GET("/api/claims/reports/open")),
  });
  const handlers = report.data?.handlers ?? [];
  const name = (h: string | null | undefined) => h ?? t("claims.noHandler");
  const data = handlers.map((h) => ({ handler: name(h.handler), ...Object.fromEntries(AGES.map((a) => [a, h.by_age[a] ?? 0])) }));
  const money = (v: string) => formatMoney(v, "EUR", i18n.language);
  return (
    <Card withBorder component="section" aria-labelledby="open-claims">
      <Title order={2} size="h3" id="open-claims" mb="xs">
        {t("claims.reports.open")}
      </Title>
      {report.data && <Text mb="sm">{t("claims.reports.on", { date: formatDate(report.data.on, i18n.language) })}</Text>}
      <ErrorNotice error={report.error} />
      {handlers.length > 0 && (
        <Box role="img" aria-label={t("claims.reports.openChart")} mb="md">
          <BarChart
            h={240}
            data={data}
            dataKey="handler"
            type="stacked"
            withLegend
            series={AGES.map((a, i) => ({ name: a, label: t("claims.reports.days", { range: a }), color: AGE_COLORS[i] ?? "gray.8" }))}
          />
        </Box>
      )}
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("claims.handler")}</Table.Th>
            {AGES.map((a) => (
              <Table.Th key={a} ta="right">
                {t("claims.reports.days", { range: a })}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t("claims.reports.openCount")}</Table.Th>
            <Table.Th ta="right">{t("claims.reserve")}</Table.Th>
            <Table.Th ta="right">{t("claims.reports.oldest")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {handlers.map((h) => (
            <Table.Tr key={h.handler ?? ""}>
              <Table.Td>{name(h.handler)}</Table.Td>
              {AGES.map((a) => (
                <Table.Td key={a} ta="right">
                  {h.by_age[a] ?? 0}
                </Table.Td>
              ))}
              <Table.Td ta="right">{h.open}</Table.Td>
              <Table.Td ta="right">{money(h.reserve)}</Table.Td>
              <Table.Td ta="right">{t("claims.reports.daysOld", { count: h.oldest_days })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {report.isSuccess && handlers.length === 0 && <Text mt="sm">{t("claims.reports.noOpen")}</Text>}
    </Card>
  );
}

function LossRatio() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const search = route.useSearch();
  const navigate = useNavigate();
  const from = search.from ?? yearStart();
  const to = search.to ?? today();
  const [draft, setDraft] = useState({ from, to });
  const report = useQuery({
    queryKey: ["claims-loss-ratio", me?.tenant, from, to],
    queryFn: () => unwrap(api.GET("/api/claims/reports/loss-ratio", { params: { query: { from, to } } })),
  });
  const products = report.data?.products ?? [];
  const money = (v: string) => formatMoney(v, "EUR", i18n.language);
  const percent = (ratio: string | null | undefined) =>
    ratio == null
      ? t("claims.reports.noPremium")
      : new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { style: "percent", maximumFractionDigits: 1 }).format(Number(ratio) / 100);
  return (
    <Card withBorder component="section" aria-labelledby="loss-ratio">
      <Title order={2} size="h3" id="loss-ratio" mb="sm">
        {t("claims.reports.lossRatio")}
      </Title>
      <Group
        align="flex-end"
        mb="md"
        component="form"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          void navigate({ to: "/claims/reports", search: { from: draft.from, to: draft.to } });
        }}
      >
        <TextInput label={t("claims.reports.from")} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        <TextInput label={t("claims.reports.to")} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        <Button type="submit" variant="default">
          {t("claims.reports.show")}
        </Button>
      </Group>
      <ErrorNotice error={report.error} />
      {products.length > 0 && (
        <Box role="img" aria-label={t("claims.reports.lossChart")} mb="md">
          <BarChart
            h={240}
            data={products.map((p) => ({ product: p.product, premium: Number(p.premium), incurred: Number(p.incurred) }))}
            dataKey="product"
            withLegend
            valueFormatter={(v) => formatMoney(v, "EUR", i18n.language)}
            series={[
              { name: "premium", label: t("claims.reports.premium"), color: "blue.8" },
              { name: "incurred", label: t("claims.reports.incurred"), color: "red.9" },
            ]}
          />
        </Box>
      )}
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("claims.file.product")}</Table.Th>
            <Table.Th ta="right">{t("claims.reports.claims")}</Table.Th>
            <Table.Th ta="right">{t("claims.reports.premium")}</Table.Th>
            <Table.Th ta="right">{t("claims.paid")}</Table.Th>
            <Table.Th ta="right">{t("claims.reports.reserved")}</Table.Th>
            <Table.Th ta="right">{t("claims.reports.incurred")}</Table.Th>
            <Table.Th ta="right">{t("claims.reports.ratio")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.map((p) => (
            <Table.Tr key={p.product}>
              <Table.Td>{p.product}</Table.Td>
              <Table.Td ta="right">{p.claims}</Table.Td>
              <Table.Td ta="right">{money(p.premium)}</Table.Td>
              <Table.Td ta="right">{money(p.paid)}</Table.Td>
              <Table.Td ta="right">{money(p.reserved)}</Table.Td>
              <Table.Td ta="right">{money(p.incurred)}</Table.Td>
              <Table.Td ta="right">{percent(p.loss_ratio)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {report.isSuccess && products.length === 0 && <Text mt="sm">{t("common.empty")}</Text>}
    </Card>
  );
}

export default function Reports() {
  const { t } = useTranslation();
  return (
    <Page title={t("claims.reports.title")}>
      <ClaimsNav />
      <Stack>
        <OpenClaims />
        <LossRatio />
      </Stack>
    </Page>
  );
}
