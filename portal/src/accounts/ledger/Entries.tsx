import { Button, Card, Group, Select, Table, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/generated/ledger";
import { useTenant } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { Confirm, DateField, Facts, MoneyCell, Outcome, SectionNav, useFormat, useRight } from "../common";
import { SOURCES, type EntriesSearch } from "../routes";
import { useAccounts } from "./useAccounts";

type Entry = components["schemas"]["EntryOut"];
const route = getRouteApi("/ledger/entries");

function Filters({ search }: { search: EntriesSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accounts = useAccounts();
  const [draft, setDraft] = useState<EntriesSearch>(search);
  return (
    <Card
      withBorder
      mb="md"
      component="form"
      role="search"
      aria-label={t("accounts.entries.filters")}
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        void navigate({ to: "/ledger/entries", search: draft });
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("accounts.entries.account")}
          clearable
          searchable
          w={260}
          data={accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))}
          value={draft.account ?? null}
          onChange={(value) => setDraft({ ...draft, account: value ?? undefined })}
        />
        <Select
          label={t("accounts.entries.source")}
          clearable
          w={200}
          data={SOURCES.map((s) => ({ value: s, label: t(`accounts.sources.${s}`) }))}
          value={draft.source ?? null}
          onChange={(value) => setDraft({ ...draft, source: SOURCES.find((s) => s === value) })}
        />
        <DateField label={t("accounts.period.from")} value={draft.from ?? ""} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value || undefined })} />
        <DateField label={t("accounts.period.to")} value={draft.to ?? ""} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value || undefined })} />
        <Button type="submit">{t("common.search")}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft({});
            void navigate({ to: "/ledger/entries", search: {} });
          }}
        >
          {t("common.reset")}
        </Button>
      </Group>
    </Card>
  );
}

function Reverse({ entry, onDone }: { entry: Entry; onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const [day, setDay] = useState(entry.entry_date);
  const act = async () => {
    const reversal = await unwrap(
      api.POST("/api/ledger/journal-entries/{entry_id}/reverse", {
        params: { path: { entry_id: entry.id } },
        body: { entry_date: day || null },
      }),
    );
    return t("accounts.entries.reversed", { number: entry.number, reversal: reversal.number, date: date(reversal.entry_date) });
  };
  return (
    <Confirm
      label={t("accounts.entries.reverse")}
      title={t("accounts.entries.reverseTitle", { number: entry.number })}
      size="xs"
      variant="default"
      act={act}
      onDone={onDone}
    >
      <Facts
        rows={[
          [t("accounts.entry.number"), String(entry.number)],
          [t("accounts.entry.description"), entry.description],
        ]}
      />
      <DateField label={t("accounts.entries.reverseDate")} value={day} onChange={(e) => setDay(e.currentTarget.value)} />
      <Text>{t("accounts.entries.reverseText")}</Text>
    </Confirm>
  );
}

/** Journal entries, newest first, filtered in the address; each reversed with one confirmation. */
export default function Entries() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tenant = useTenant();
  const search = route.useSearch();
  const mayEnter = useRight("ledger", "create");
  const paging = useCursor(JSON.stringify(search));
  const [sentence, setSentence] = useState<string | null>(null);
  const entries = useQuery({
    queryKey: ["ledger", "entries", tenant, search, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/ledger/journal-entries", {
          params: {
            query: {
              account: search.account ?? null,
              source: search.source ?? null,
              from: search.from ?? null,
              to: search.to ?? null,
              limit: 20,
              cursor: paging.cursor,
            },
          },
        }),
      ),
  });
  const done = (text: string) => {
    setSentence(text);
    void queryClient.invalidateQueries({ queryKey: ["ledger"] });
  };
  const items = entries.data?.items ?? [];
  return (
    <Page
      title={t("accounts.entries.title")}
      actions={mayEnter && <Button onClick={() => void navigate({ to: "/ledger/entries/new" })}>{t("accounts.entries.new")}</Button>}
    >
      <SectionNav section="ledger" />
      <Outcome sentence={sentence} onClose={() => setSentence(null)} />
      <Filters search={search} key={JSON.stringify(search)} />
      <ErrorNotice error={entries.error} />
      <Table withTableBorder>
        <Table.Caption>{t("accounts.entries.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.entry.number")}</Table.Th>
            <Table.Th>{t("accounts.entry.date")}</Table.Th>
            <Table.Th>{t("accounts.entry.description")}</Table.Th>
            <Table.Th>{t("accounts.entries.source")}</Table.Th>
            <Table.Th>{t("accounts.entries.account")}</Table.Th>
            <Table.Th ta="right">{t("accounts.entry.debit")}</Table.Th>
            <Table.Th ta="right">{t("accounts.entry.credit")}</Table.Th>
            {mayEnter && <Table.Th>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        {items.map((entry) => (
          <Table.Tbody key={entry.id} data-entry={entry.number} style={{ borderTop: "2px solid var(--mantine-color-gray-5)" }}>
            {entry.lines.map((line, n) => (
              <Table.Tr key={n}>
                {n === 0 && (
                  <>
                    <Table.Td rowSpan={entry.lines.length}>{entry.number}</Table.Td>
                    <Table.Td rowSpan={entry.lines.length}>{date(entry.entry_date)}</Table.Td>
                    <Table.Td rowSpan={entry.lines.length}>{entry.description}</Table.Td>
                    <Table.Td rowSpan={entry.lines.length}>{t(`accounts.sources.${entry.source}`, { defaultValue: entry.source })}</Table.Td>
                  </>
                )}
                <Table.Td>{line.account}</Table.Td>
                <MoneyCell amount={line.debit} />
                <MoneyCell amount={line.credit} />
                {mayEnter && n === 0 && (
                  <Table.Td rowSpan={entry.lines.length}>
                    {!entry.reverses && <Reverse entry={entry} onDone={done} />}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
      {entries.isSuccess && items.length === 0 && <Text mt="sm">{t("common.empty")}</Text>}
      <Pager paging={paging} nextCursor={entries.data?.next_cursor} />
    </Page>
  );
}
