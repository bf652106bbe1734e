import { ActionIcon, Alert, Button, Card, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import type { components } from "../api/generated/ledger";
import { ApiError } from "../problems";
import { useTenant } from "../session";
import { ErrorNotice, Pager, useCursor } from "../ui";
import { cents, decimal, parseAmount, summarize } from "./amounts";
import { Confirm, Facts, MoneyCell, useFormat, type Ledger } from "./common";

type Item = components["schemas"]["LedgerItem"];
export type BankLine = components["schemas"]["BankLine"];
type Match = components["schemas"]["MatchOut"];

interface Chosen {
  item: Item;
  text: string;
}

/** The sentence for a match made. */
export function matchedSentence(match: Match, t: TFunction, money: (a: string | number) => string): string {
  const total = match.allocations.reduce((sum, a) => sum + cents(a.amount ?? "0"), 0);
  const writeOff = cents(match.write_off);
  return [
    t("accounts.match.done", { amount: money(total), count: match.allocations.length }),
    writeOff ? t("accounts.match.writtenOff", { amount: money(writeOff) }) : "",
    cents(match.unallocated) ? t("accounts.match.left", { amount: money(Math.abs(cents(match.unallocated))) }) : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function FoundItems({ ledger, find, chosen, onAdd }: { ledger: Ledger; find: string; chosen: Chosen[]; onAdd: (item: Item) => void }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const tenant = useTenant();
  const paging = useCursor(find);
  const items = useQuery({
    queryKey: [ledger, "open-items", tenant, find, paging.cursor],
    queryFn: () =>
      // The creditors' open items have the debtors' shape.
      unwrap(
        api.GET(`/api/${ledger}/open-items` as "/api/debtors/open-items", {
          params: { query: { search: find || null, limit: 10, cursor: paging.cursor } },
        }),
      ),
  });
  const found = items.data?.items ?? [];
  return (
    <>
      <ErrorNotice error={items.error} />
      <Table withTableBorder striped>
        <Table.Caption>{t("accounts.allocate.found")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.item.reference")}</Table.Th>
            <Table.Th>{t("accounts.item.relation")}</Table.Th>
            <Table.Th>{t("accounts.item.policy")}</Table.Th>
            <Table.Th>{t("accounts.item.due")}</Table.Th>
            <Table.Th ta="right">{t("accounts.item.remaining")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {found.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{item.reference}</Table.Td>
              <Table.Td>{item.name}</Table.Td>
              <Table.Td>{item.policy_number ?? ""}</Table.Td>
              <Table.Td>{date(item.due_date)}</Table.Td>
              <MoneyCell amount={item.remaining} />
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  disabled={chosen.some((c) => c.item.id === item.id) || cents(item.remaining) <= 0}
                  aria-label={t("accounts.allocate.addItem", { reference: item.reference })}
                  onClick={() => onAdd(item)}
                >
                  {t("accounts.allocate.add")}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items.isSuccess && found.length === 0 && <Text mt="xs">{t("accounts.allocate.noneFound")}</Text>}
      <Pager paging={paging} nextCursor={items.data?.next_cursor} />
    </>
  );
}

/**
 * Allocating a bank line by hand over open items: the remainder and a shortfall within the
 * tolerance (written off) shown as the person types; a 422 lands on the amount it names.
 */
export function ManualAllocation({
  ledger,
  line,
  tolerance,
  onDone,
}: {
  ledger: Ledger;
  line: BankLine;
  tolerance: number;
  onDone: (sentence: string) => void;
}) {
  const { t } = useTranslation();
  const { money, language } = useFormat();
  const [draft, setDraft] = useState(line.counterparty_name ?? "");
  const [find, setFind] = useState(line.counterparty_name ?? "");
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [writeOff, setWriteOff] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<number, string>>({});
  const [overall, setOverall] = useState<string | null>(null);
  const available = Math.abs(cents(line.unallocated));
  const parsed = chosen.map((c) => parseAmount(c.text, language));
  const fieldError = (n: number): string | undefined => {
    const value = parsed[n];
    const item = chosen[n]?.item;
    if (!item) return undefined;
    if (value === null || value === undefined || value <= 0) return t("accounts.allocate.notAmount");
    if (value > cents(item.remaining)) return t("accounts.allocate.moreThanOpen", { amount: money(item.remaining) });
    return serverErrors[n];
  };
  const valid = chosen.length > 0 && chosen.every((_, n) => !fieldError(n));
  const summary = summarize(available, parsed.map((p) => p ?? 0), tolerance);
  const ready = valid && (summary.shortfall === 0 || (summary.withinTolerance && writeOff));
  const amountText = (amount: number) =>
    new Intl.NumberFormat(language === "nl" ? "nl-NL" : "en-GB", { minimumFractionDigits: 2, useGrouping: false }).format(amount / 100);
  const add = (item: Item) => {
    const left = Math.max(available - summary.allocated, 0);
    const amount = Math.min(cents(item.remaining), left || cents(item.remaining));
    setChosen([...chosen, { item, text: amountText(amount) }]);
  };
  const submit = async (): Promise<string> => {
    setServerErrors({});
    setOverall(null);
    const body = {
      bank_line_id: line.id,
      allocations: chosen.map((c, n) => ({ item_id: c.item.id, amount: decimal(parsed[n] ?? 0) })),
      write_off: summary.shortfall > 0 && writeOff,
    };
    const match = await unwrap(
      api.POST(`/api/${ledger}/matches` as "/api/debtors/matches", { body }),
    );
    setChosen([]);
    return matchedSentence(match, t, money);
  };
  const takeProblem = (failure: unknown): boolean => {
    if (!(failure instanceof ApiError) || failure.problem.status !== 422) return false;
    const errors: Record<number, string> = {};
    for (const e of failure.problem.errors ?? []) {
      const at = /^allocations\.(\d+)\.amount$/.exec(e.field);
      if (at) errors[Number(at[1])] = t("accounts.allocate.refusedAmount");
    }
    setServerErrors(errors);
    if (!Object.keys(errors).length) setOverall(t("accounts.allocate.refused"));
    return true;
  };
  return (
    <Card withBorder component="section" aria-labelledby="allocate">
      <Title order={3} size="h4" id="allocate" mb="xs">
        {t("accounts.allocate.title")}
      </Title>
      <Stack gap="sm">
        <Group
          component="form"
          role="search"
          align="flex-end"
          onSubmit={(e: React.FormEvent) => {
            e.preventDefault();
            setFind(draft.trim());
          }}
        >
          <TextInput
            label={t("accounts.allocate.search")}
            description={t("accounts.allocate.searchHint")}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            w={360}
          />
          <Button type="submit" variant="default">
            {t("common.search")}
          </Button>
        </Group>
        <FoundItems ledger={ledger} find={find} chosen={chosen} onAdd={add} />
        <Table withTableBorder>
          <Table.Caption>{t("accounts.allocate.chosen")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("accounts.item.reference")}</Table.Th>
              <Table.Th>{t("accounts.item.relation")}</Table.Th>
              <Table.Th ta="right">{t("accounts.item.remaining")}</Table.Th>
              <Table.Th>{t("accounts.allocate.amount")}</Table.Th>
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {chosen.map((c, n) => (
              <Table.Tr key={c.item.id}>
                <Table.Td>{c.item.reference}</Table.Td>
                <Table.Td>{c.item.name}</Table.Td>
                <MoneyCell amount={c.item.remaining} />
                <Table.Td>
                  <TextInput
                    aria-label={t("accounts.allocate.amountFor", { reference: c.item.reference })}
                    inputMode="decimal"
                    value={c.text}
                    error={fieldError(n)}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setServerErrors({});
                      setChosen(chosen.map((x, i) => (i === n ? { ...x, text } : x)));
                    }}
                    w={140}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="default"
                    aria-label={t("accounts.allocate.remove", { reference: c.item.reference })}
                    onClick={() => {
                      setServerErrors({});
                      setChosen(chosen.filter((_, i) => i !== n));
                    }}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {chosen.length === 0 && <Text>{t("accounts.allocate.nothingChosen")}</Text>}
        <SimpleGrid cols={{ base: 2, md: 4 }} aria-live="polite">
          <Figure label={t("accounts.allocate.available")} value={money(available)} />
          <Figure label={t("accounts.allocate.allocated")} value={money(summary.allocated)} />
          <Figure label={t("accounts.allocate.remainder")} value={money(summary.remainder)} />
          <Figure label={t("accounts.allocate.shortfall")} value={money(summary.shortfall)} />
        </SimpleGrid>
        {summary.shortfall > 0 &&
          (summary.withinTolerance ? (
            <Checkbox
              checked={writeOff}
              onChange={(e) => setWriteOff(e.currentTarget.checked)}
              label={t("accounts.allocate.writeOff", { amount: money(summary.shortfall), tolerance: money(tolerance) })}
            />
          ) : (
            <Alert color="red" variant="outline" role="alert">
              <Text c="red.9">{t("accounts.allocate.beyondTolerance", { amount: money(summary.shortfall), tolerance: money(tolerance) })}</Text>
            </Alert>
          ))}
        {overall && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{overall}</Text>
          </Alert>
        )}
        <Group>
          <Confirm
            label={t("accounts.allocate.submit")}
            title={t("accounts.allocate.confirmTitle")}
            disabled={!ready}
            act={submit}
            onDone={onDone}
            onError={takeProblem}
          >
            <Facts
              rows={[
                ...chosen.map((c, n): [string, string] => [
                  `${c.item.reference} (${c.item.name})`,
                  money(parsed[n] ?? 0),
                ]),
                [t("accounts.allocate.remainder"), money(summary.remainder)],
                [t("accounts.allocate.writtenOff"), money(summary.shortfall > 0 && writeOff ? summary.shortfall : 0)],
              ]}
            />
          </Confirm>
        </Group>
      </Stack>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm">{label}</Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}
