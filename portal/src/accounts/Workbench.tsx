import { Badge, Button, Card, Group, List, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import type { components } from "../api/generated/ledger";
import { formatDateTime } from "../format";
import { useTenant } from "../session";
import { STATUS } from "../theme";
import { ErrorNotice, Pager, Page, useCursor } from "../ui";
import { ManualAllocation, matchedSentence, type BankLine } from "./Allocate";
import { cents } from "./amounts";
import { Confirm, Facts, MoneyCell, Outcome, SectionNav, useFormat, useRight, type Ledger } from "./common";
import { reasonOf } from "./explain";
import type { WorkbenchTab } from "./routes";
import { StatementUpload } from "./Upload";

type Suggestion = components["schemas"]["SuggestionOut"];
type MatchListed = components["schemas"]["MatchListed"];

const receiptsRoute = getRouteApi("/debtors/matching");
const paymentsRoute = getRouteApi("/creditors/matching");

/** What the bank says the line is for: its references and text. */
function lineText(line: BankLine): string {
  return [line.structured_reference, line.end_to_end_id !== "NOTPROVIDED" ? line.end_to_end_id : null, line.remittance]
    .filter(Boolean)
    .join(" · ");
}

function useTolerance(): number {
  const tenant = useTenant();
  const mayRead = useRight("ledger", "view");
  const settings = useQuery({
    queryKey: ["ledger", "settings", tenant],
    queryFn: () => unwrap(api.GET("/api/ledger/settings")),
    enabled: mayRead,
    staleTime: 60_000,
  });
  // Without the ledger's settings the documented default; the ledger decides anyway.
  return cents(settings.data?.write_off_tolerance ?? "1.00");
}

function Reasons({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2}>
      {reasons.map((reason) => {
        const known = reasonOf(reason);
        return <List.Item key={reason}>{known ? t(`accounts.reasons.${known.key}`, known.values) : reason}</List.Item>;
      })}
    </List>
  );
}

function Suggestions({ line, onDone }: { line: BankLine; onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const tenant = useTenant();
  const mayMatch = useRight("debtors", "change");
  const suggestions = useQuery({
    queryKey: ["debtors", "suggestions", tenant, line.id],
    queryFn: () =>
      unwrap(api.GET("/api/debtors/receipts/{receipt_id}/suggestions", { params: { path: { receipt_id: line.id } } })),
  });
  const found = suggestions.data ?? [];
  const accept = async (s: Suggestion) => {
    const match = await unwrap(
      api.POST("/api/debtors/receipts/{receipt_id}/suggestions/{rank}/accept", {
        params: { path: { receipt_id: line.id, rank: s.rank } },
      }),
    );
    return matchedSentence(match, t, money);
  };
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("accounts.suggestions.title")}
      </Title>
      <ErrorNotice error={suggestions.error} />
      {suggestions.isSuccess && found.length === 0 && <Text>{t("accounts.suggestions.none")}</Text>}
      {found.map((s) => (
        <Card withBorder key={s.rank} component="article" aria-label={t("accounts.suggestions.label", { rank: s.rank, name: s.name })}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Text fw={700}>
                {t("accounts.suggestions.heading", { rank: s.rank, name: s.name, amount: money(s.total) })}
              </Text>
              <Text size="sm">
                {s.allocations.map((a) => `${a.reference ?? ""} ${money(a.amount ?? "0")}`).join(", ")}
              </Text>
              <Reasons reasons={s.reasons} />
            </Stack>
            {mayMatch && (
              <Confirm
                label={t("accounts.suggestions.accept", { rank: s.rank })}
                title={t("accounts.suggestions.confirmTitle")}
                act={() => accept(s)}
                onDone={onDone}
              >
                <Facts
                  rows={[
                    [t("accounts.item.relation"), s.name],
                    ...s.allocations.map((a): [string, string] => [a.reference ?? "", money(a.amount ?? "0")]),
                    [t("accounts.allocate.allocated"), money(s.total)],
                    [t("accounts.allocate.remainder"), money(Math.max(Math.abs(cents(line.unallocated)) - cents(s.total), 0))],
                  ]}
                />
              </Confirm>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

function OpenLines({ ledger, onDone }: { ledger: Ledger; onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const { money, date } = useFormat();
  const tenant = useTenant();
  const mayMatch = useRight(ledger, "change");
  const tolerance = useTolerance();
  const paging = useCursor();
  const [selected, setSelected] = useState<BankLine | null>(null);
  const lines = useQuery({
    queryKey: [ledger, "bank-lines", tenant, paging.cursor],
    queryFn: () => {
      const query = { unmatched: true, limit: 25, cursor: paging.cursor };
      return unwrap(
        ledger === "debtors"
          ? api.GET("/api/debtors/receipts", { params: { query } })
          : api.GET("/api/creditors/payments", { params: { query } }),
      );
    },
  });
  const items = lines.data?.items ?? [];
  const done = (sentence: string) => {
    setSelected(null);
    onDone(sentence);
  };
  return (
    <Stack>
      <ErrorNotice error={lines.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t(`accounts.workbench.caption.${ledger}`)}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.line.date")}</Table.Th>
            <Table.Th>{t("accounts.line.counterparty")}</Table.Th>
            <Table.Th>{t("accounts.line.iban")}</Table.Th>
            <Table.Th>{t("accounts.line.text")}</Table.Th>
            <Table.Th ta="right">{t("accounts.line.amount")}</Table.Th>
            <Table.Th ta="right">{t("accounts.line.unallocated")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((line) => (
            <Table.Tr key={line.id} data-line={line.id} aria-selected={selected?.id === line.id}>
              <Table.Td>{date(line.booking_date)}</Table.Td>
              <Table.Td>{line.counterparty_name ?? ""}</Table.Td>
              <Table.Td>{line.counterparty_iban ?? ""}</Table.Td>
              <Table.Td>{lineText(line)}</Table.Td>
              <MoneyCell amount={line.amount} />
              <MoneyCell amount={line.unallocated} />
              <Table.Td>
                <Button
                  size="xs"
                  variant={selected?.id === line.id ? "filled" : "default"}
                  aria-label={t("accounts.workbench.select", { name: line.counterparty_name ?? "", amount: money(line.amount) })}
                  onClick={() => setSelected(selected?.id === line.id ? null : line)}
                >
                  {t(mayMatch ? "accounts.workbench.match" : "accounts.workbench.view")}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {lines.isSuccess && items.length === 0 && <Text>{t(`accounts.workbench.empty.${ledger}`)}</Text>}
      <Pager paging={paging} nextCursor={lines.data?.next_cursor} />
      {selected && (
        <Card withBorder component="section" aria-labelledby="selected-line" key={selected.id}>
          <Title order={2} size="h3" id="selected-line" mb="sm">
            {t(`accounts.workbench.selected.${ledger}`, {
              name: selected.counterparty_name ?? "",
              amount: money(selected.unallocated),
              date: date(selected.booking_date),
            })}
          </Title>
          <Stack>
            {ledger === "debtors" && <Suggestions line={selected} onDone={done} />}
            {mayMatch && <ManualAllocation ledger={ledger} line={selected} tolerance={tolerance} onDone={done} />}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function MatchRow({ ledger, match, onDone }: { ledger: Ledger; match: MatchListed; onDone: (sentence: string) => void }) {
  const { t, i18n } = useTranslation();
  const { money, date } = useFormat();
  const mayUndo = useRight(ledger, "change");
  const undo = async () => {
    await unwrap(
      api.DELETE(`/api/${ledger}/matches/{match_id}` as "/api/debtors/matches/{match_id}", {
        params: { path: { match_id: match.id } },
      }),
    );
    const total = match.allocations.reduce((sum, a) => sum + cents(a.amount), 0);
    return t("accounts.matches.undoneSentence", { amount: money(total) });
  };
  return (
    <Table.Tr data-match={match.id}>
      <Table.Td>{formatDateTime(match.created_at, i18n.language)}</Table.Td>
      <Table.Td>
        {date(match.booking_date)} · {match.counterparty_name ?? ""} · {money(match.bank_amount)}
      </Table.Td>
      <Table.Td>
        {match.allocations.map((a) => (
          <div key={a.item_id}>
            {a.reference} ({a.name}): {money(a.amount)}
          </div>
        ))}
      </Table.Td>
      <MoneyCell amount={match.write_off} />
      <Table.Td>{match.created_by}</Table.Td>
      <Table.Td>
        {match.undone ? (
          <Badge color={STATUS.neutral} variant="outline">
            {t("accounts.matches.undone", { by: match.undone_by ?? "" })}
          </Badge>
        ) : (
          <Badge color={STATUS.good} variant="outline">
            {t("accounts.matches.inForce")}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {mayUndo && !match.undone && (
          <Confirm
            label={t("accounts.matches.undo")}
            title={t("accounts.matches.confirmTitle")}
            color="red.9"
            variant="outline"
            size="xs"
            act={undo}
            onDone={onDone}
          >
            <Facts
              rows={[
                [t("accounts.line.counterparty"), match.counterparty_name ?? ""],
                ...match.allocations.map((a): [string, string] => [`${a.reference} (${a.name})`, money(a.amount)]),
                [t("accounts.allocate.writtenOff"), money(match.write_off)],
              ]}
            />
            <Text>{t("accounts.matches.confirmText")}</Text>
          </Confirm>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function Matches({ ledger, onDone }: { ledger: Ledger; onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const tenant = useTenant();
  const paging = useCursor();
  const matches = useQuery({
    queryKey: [ledger, "matches", tenant, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET(`/api/${ledger}/matches` as "/api/debtors/matches", {
          params: { query: { limit: 25, cursor: paging.cursor } },
        }),
      ),
  });
  const items = matches.data?.items ?? [];
  return (
    <Stack>
      <ErrorNotice error={matches.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t("accounts.matches.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.matches.made")}</Table.Th>
            <Table.Th>{t("accounts.matches.line")}</Table.Th>
            <Table.Th>{t("accounts.matches.items")}</Table.Th>
            <Table.Th ta="right">{t("accounts.allocate.writtenOff")}</Table.Th>
            <Table.Th>{t("accounts.matches.by")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <MatchRow key={m.id} ledger={ledger} match={m} onDone={onDone} />
          ))}
        </Table.Tbody>
      </Table>
      {matches.isSuccess && items.length === 0 && <Text>{t("common.empty")}</Text>}
      <Pager paging={paging} nextCursor={matches.data?.next_cursor} />
    </Stack>
  );
}

function Workbench({ ledger, tab }: { ledger: Ledger; tab: WorkbenchTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mayUpload = useRight("ledger", "create");
  const [sentence, setSentence] = useState<string | null>(null);
  const done = (text: string) => {
    setSentence(text);
    void queryClient.invalidateQueries({ queryKey: [ledger] });
    void queryClient.invalidateQueries({ queryKey: ["ledger"] });
  };
  const show = (value: string | null) => {
    const next = value === "matches" ? "matches" : undefined;
    return ledger === "debtors"
      ? navigate({ to: "/debtors/matching", search: { tab: next } })
      : navigate({ to: "/creditors/matching", search: { tab: next } });
  };
  return (
    <Page title={t(`accounts.workbench.title.${ledger}`)}>
      <SectionNav section={ledger} />
      <Outcome sentence={sentence} onClose={() => setSentence(null)} />
      {mayUpload && <StatementUpload onDone={done} />}
      <Tabs value={tab} onChange={(value) => void show(value)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="open">{t(`accounts.workbench.tabs.open.${ledger}`)}</Tabs.Tab>
          <Tabs.Tab value="matches">{t("accounts.workbench.tabs.matches")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="open">
          <OpenLines ledger={ledger} onDone={done} />
        </Tabs.Panel>
        <Tabs.Panel value="matches">
          <Matches ledger={ledger} onDone={done} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}

export function ReceiptsWorkbench() {
  return <Workbench ledger="debtors" tab={receiptsRoute.useSearch().tab ?? "open"} />;
}

export function PaymentsWorkbench() {
  return <Workbench ledger="creditors" tab={paymentsRoute.useSearch().tab ?? "open"} />;
}
