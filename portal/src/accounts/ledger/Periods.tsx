import { Group, Table, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDateTime } from "../../format";
import { useTenant } from "../../session";
import { ErrorNotice, Page } from "../../ui";
import { Confirm, Outcome, SectionNav, useRight } from "../common";

function monthAfter(month: string): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

function lastMonth(): string {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, "0")}`;
}

/** A month as words in the person's language ("november 2026"). */
export function monthName(month: string, language: string): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "nl-NL", { month: "long", year: "numeric" }).format(
    new Date(year, m - 1, 1),
  );
}

/** The closed months, and closing the next one: months close in order, once begun. */
export default function Periods() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const tenant = useTenant();
  const mayClose = useRight("ledger", "change");
  const [sentence, setSentence] = useState<string | null>(null);
  const periods = useQuery({
    queryKey: ["ledger", "periods", tenant],
    queryFn: () => unwrap(api.GET("/api/ledger/periods")),
  });
  const closed = periods.data ?? [];
  const newest = closed[closed.length - 1]?.month;
  const [chosen, setChosen] = useState(lastMonth());
  const next = newest ? monthAfter(newest) : chosen;
  const close = async () => {
    await unwrap(api.POST("/api/ledger/periods/{month}/close", { params: { path: { month: next } } }));
    void queryClient.invalidateQueries({ queryKey: ["ledger"] });
    return t("accounts.periods.closedDone", { month: monthName(next, i18n.language) });
  };
  return (
    <Page title={t("accounts.periods.title")}>
      <SectionNav section="ledger" />
      <Outcome sentence={sentence} onClose={() => setSentence(null)} />
      <ErrorNotice error={periods.error} />
      {periods.isSuccess && mayClose && (
        <Group align="flex-end" mb="md">
          {newest ? (
            <Text>{t("accounts.periods.next", { month: monthName(next, i18n.language) })}</Text>
          ) : (
            <TextInput
              type="month"
              label={t("accounts.periods.first")}
              description={t("accounts.periods.firstHint")}
              value={chosen}
              onChange={(e) => setChosen(e.currentTarget.value)}
              w={220}
            />
          )}
          <Confirm
            label={t("accounts.periods.close", { month: monthName(next, i18n.language) })}
            title={t("accounts.periods.confirmTitle")}
            disabled={!/^\d{4}-\d{2}$/.test(next)}
            act={close}
            onDone={setSentence}
          >
            <Text>{t("accounts.periods.confirmText", { month: monthName(next, i18n.language) })}</Text>
          </Confirm>
        </Group>
      )}
      <Table striped withTableBorder>
        <Table.Caption>{t("accounts.periods.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.periods.month")}</Table.Th>
            <Table.Th>{t("accounts.periods.closedAt")}</Table.Th>
            <Table.Th>{t("accounts.periods.closedBy")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...closed].reverse().map((p) => (
            <Table.Tr key={p.month}>
              <Table.Td>{monthName(p.month, i18n.language)}</Table.Td>
              <Table.Td>{formatDateTime(p.closed_at, i18n.language)}</Table.Td>
              <Table.Td>{p.closed_by}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {periods.isSuccess && closed.length === 0 && <Text mt="sm">{t("accounts.periods.none")}</Text>}
    </Page>
  );
}
