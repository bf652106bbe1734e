import { ActionIcon, Alert, Anchor, Button, Card, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../problems";
import { Page } from "../../ui";
import { decimal, parseAmount } from "../amounts";
import { Confirm, DateField, Facts, Outcome, SectionNav, today, useFormat, useRight } from "../common";
import { conflictOf } from "../explain";
import { useAccounts } from "./useAccounts";

interface Line {
  key: number;
  account: string | null;
  debit: string;
  credit: string;
  relation: string;
}

let lineKeys = 0;
const blank = (): Line => ({ key: ++lineKeys, account: null, debit: "", credit: "", relation: "" });

/** The amount of one side of a line in cents: 0 when left empty, null when not an amount. */
function side(text: string, language: string): number | null {
  return text.trim() ? parseAmount(text, language) : 0;
}

/** A journal entry by hand: Save stays disabled until the debits equal the credits. */
export default function EntryForm() {
  const { t } = useTranslation();
  const { money, language, date } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accounts = useAccounts();
  const mayEnter = useRight("ledger", "create");
  const [entryDate, setEntryDate] = useState(today());
  const [description, setDescription] = useState("");
  const [lines, setLines] = useState<Line[]>(() => [blank(), blank()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sentence, setSentence] = useState<string | null>(null);
  const amounts = lines.map((l) => ({ debit: side(l.debit, language), credit: side(l.credit, language) }));
  const lineError = (n: number): string | undefined => {
    const a = amounts[n];
    if (!a || a.debit === null || a.credit === null) return t("accounts.entry.notAmount");
    if (a.debit > 0 && a.credit > 0) return t("accounts.entry.oneSide");
    return undefined;
  };
  const debit = amounts.reduce((sum, a) => sum + (a.debit ?? 0), 0);
  const credit = amounts.reduce((sum, a) => sum + (a.credit ?? 0), 0);
  const complete =
    !!entryDate &&
    !!description.trim() &&
    lines.length >= 2 &&
    lines.every((l, n) => l.account && !lineError(n) && ((amounts[n]?.debit ?? 0) > 0 || (amounts[n]?.credit ?? 0) > 0));
  const balanced = debit === credit && debit > 0;
  const change = (n: number, patch: Partial<Line>) => {
    setErrors({});
    setLines(lines.map((l, i) => (i === n ? { ...l, ...patch } : l)));
  };
  const save = async () => {
    const entry = await unwrap(
      api.POST("/api/ledger/journal-entries", {
        body: {
          entry_date: entryDate,
          description: description.trim(),
          lines: lines.map((l, n) => ({
            account: l.account ?? "",
            debit: decimal(amounts[n]?.debit ?? 0),
            credit: decimal(amounts[n]?.credit ?? 0),
            relation_id: l.relation.trim() || null,
          })),
        },
      }),
    );
    void queryClient.invalidateQueries({ queryKey: ["ledger"] });
    setDescription("");
    setLines([blank(), blank()]);
    return t("accounts.entry.booked", { number: entry.number, amount: money(debit) });
  };
  const takeProblem = (failure: unknown): boolean => {
    if (!(failure instanceof ApiError)) return false;
    const { problem } = failure;
    if (problem.status === 409 && conflictOf(problem)?.key === "periodClosed") {
      setErrors({ entry_date: t("accounts.conflict.periodClosed") });
      return true;
    }
    if (problem.status !== 422 || !problem.errors?.length) return false;
    const found: Record<string, string> = {};
    for (const e of problem.errors) {
      const at = /^lines\.(\d+)\.(account|debit|credit)$/.exec(e.field);
      if (at) found[`${at[1]}.${at[2]}`] = t(`accounts.entry.invalid.${at[2]}`, { message: e.message });
      else if (e.field === "entry_date" || e.field === "description") found[e.field] = t(`accounts.entry.invalid.${e.field}`);
      else found.lines = t("accounts.entry.invalid.lines");
    }
    setErrors(found);
    return true;
  };
  const accountLabel = (code: string | null) => {
    const account = accounts.find((a) => a.code === code);
    return account ? `${account.code} ${account.name}` : (code ?? "");
  };
  return (
    <Page title={t("accounts.entry.title")}>
      <SectionNav section="ledger" />
      <Outcome sentence={sentence} onClose={() => setSentence(null)} />
      {sentence && (
        <Anchor
          href="/ledger/entries"
          mb="md"
          display="block"
          onClick={(e) => {
            e.preventDefault();
            void navigate({ to: "/ledger/entries", search: {} });
          }}
        >
          {t("accounts.entry.toList")}
        </Anchor>
      )}
      {!mayEnter ? (
        <Text>{t("accounts.entry.notAllowed")}</Text>
      ) : (
        <Card withBorder component="form" aria-label={t("accounts.entry.title")} onSubmit={(e: React.FormEvent) => e.preventDefault()}>
          <Stack>
            <Group align="flex-start">
              <DateField label={t("accounts.entry.date")} required value={entryDate} error={errors.entry_date} onChange={(e) => setEntryDate(e.currentTarget.value)} />
              <TextInput
                label={t("accounts.entry.description")}
                required
                w={420}
                maxLength={200}
                value={description}
                error={errors.description}
                onChange={(e) => setDescription(e.currentTarget.value)}
              />
            </Group>
            <Table withTableBorder>
              <Table.Caption>{t("accounts.entry.lines")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("accounts.entries.account")}</Table.Th>
                  <Table.Th>{t("accounts.entry.debit")}</Table.Th>
                  <Table.Th>{t("accounts.entry.credit")}</Table.Th>
                  <Table.Th>{t("accounts.entry.relation")}</Table.Th>
                  <Table.Th>{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((line, n) => (
                  <Table.Tr key={line.key}>
                    <Table.Td>
                      <Select
                        aria-label={t("accounts.entry.accountOf", { n: n + 1 })}
                        searchable
                        w={260}
                        data={accounts.filter((a) => !a.blocked).map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))}
                        value={line.account}
                        error={errors[`${n}.account`]}
                        onChange={(value) => change(n, { account: value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("accounts.entry.debitOf", { n: n + 1 })}
                        inputMode="decimal"
                        w={140}
                        value={line.debit}
                        error={errors[`${n}.debit`] ?? (line.debit && lineError(n))}
                        onChange={(e) => change(n, { debit: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("accounts.entry.creditOf", { n: n + 1 })}
                        inputMode="decimal"
                        w={140}
                        value={line.credit}
                        error={errors[`${n}.credit`] ?? (line.credit && lineError(n))}
                        onChange={(e) => change(n, { credit: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("accounts.entry.relationOf", { n: n + 1 })}
                        w={200}
                        value={line.relation}
                        onChange={(e) => change(n, { relation: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="default"
                        disabled={lines.length <= 2}
                        aria-label={t("accounts.entry.removeLine", { n: n + 1 })}
                        onClick={() => setLines(lines.filter((_, i) => i !== n))}
                      >
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t("accounts.entry.total")}</Table.Th>
                  <Table.Td ta="right">{money(debit)}</Table.Td>
                  <Table.Td ta="right">{money(credit)}</Table.Td>
                  <Table.Td colSpan={2} aria-live="polite">
                    <Text fw={700} c={balanced ? "green.9" : "red.9"}>
                      {balanced ? t("accounts.entry.balanced") : t("accounts.entry.difference", { amount: money(Math.abs(debit - credit)) })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
            {errors.lines && (
              <Alert color="red" variant="outline" role="alert">
                <Text c="red.9">{errors.lines}</Text>
              </Alert>
            )}
            <Group>
              <Button variant="default" onClick={() => setLines([...lines, blank()])}>
                {t("accounts.entry.addLine")}
              </Button>
              <Confirm
                label={t("common.save")}
                title={t("accounts.entry.confirmTitle")}
                disabled={!complete || !balanced}
                act={save}
                onDone={setSentence}
                onError={takeProblem}
              >
                <Facts
                  rows={[
                    [t("accounts.entry.date"), entryDate ? date(entryDate) : ""],
                    [t("accounts.entry.description"), description],
                    ...lines.map((l, n): [string, string] => [
                      `${n + 1}. ${accountLabel(l.account)}`,
                      (amounts[n]?.debit ?? 0) > 0
                        ? t("accounts.entry.debitAmount", { amount: money(amounts[n]?.debit ?? 0) })
                        : t("accounts.entry.creditAmount", { amount: money(amounts[n]?.credit ?? 0) }),
                    ]),
                  ]}
                />
              </Confirm>
            </Group>
          </Stack>
        </Card>
      )}
    </Page>
  );
}
