import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../problems";
import { useTenant } from "../../session";
import { STATUS } from "../../theme";
import { ErrorNotice, Pager, Page, errorText, useCursor } from "../../ui";
import { Outcome, SectionNav, useRight } from "../common";

export const KINDS = ["asset", "liability", "equity", "income", "expense"] as const;
type Kind = (typeof KINDS)[number];

function NewAccount({ onDone }: { onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<{ code: string; name: string; kind: Kind | null }>({ code: "", name: "", kind: null });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const made = await unwrap(
        api.POST("/api/ledger/accounts", { body: { code: form.code.trim(), name: form.name.trim(), kind: form.kind ?? "asset" } }),
      );
      void queryClient.invalidateQueries({ queryKey: ["ledger"] });
      setOpen(false);
      setForm({ code: "", name: "", kind: null });
      onDone(t("accounts.chart.added", { code: made.code, name: made.name }));
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      if (problem?.status === 409) setErrors({ code: t("accounts.chart.codeTaken") });
      else if (problem?.status === 422 && problem.errors?.length)
        setErrors(Object.fromEntries(problem.errors.map((e) => [e.field, t(`accounts.chart.invalid.${e.field}`)])));
      else setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("accounts.chart.new")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("accounts.chart.new")}>
        <Stack
          component="form"
          onSubmit={(e: React.FormEvent) => {
            e.preventDefault();
            if (!form.kind) setErrors({ kind: t("accounts.chart.invalid.kind") });
            else void submit();
          }}
        >
          <TextInput
            label={t("accounts.chart.code")}
            description={t("accounts.chart.codeHint")}
            required
            inputMode="numeric"
            value={form.code}
            error={errors.code}
            onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
          />
          <TextInput
            label={t("accounts.chart.name")}
            required
            value={form.name}
            error={errors.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
          <Select
            label={t("accounts.chart.kind")}
            required
            data={KINDS.map((k) => ({ value: k, label: t(`accounts.kinds.${k}`) }))}
            value={form.kind}
            error={errors.kind}
            onChange={(value) => setForm({ ...form, kind: KINDS.find((k) => k === value) ?? null })}
          />
          {failure && (
            <Text c="red.9" role="alert">
              {failure}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("common.create")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The chart of accounts: add, block and unblock, each account's card one click away. */
export default function ChartOfAccounts() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tenant = useTenant();
  const mayAdd = useRight("ledger", "create");
  const mayBlock = useRight("ledger", "change");
  const paging = useCursor();
  const [sentence, setSentence] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const chart = useQuery({
    queryKey: ["ledger", "accounts", tenant, paging.cursor],
    queryFn: () => unwrap(api.GET("/api/ledger/accounts", { params: { query: { limit: 50, cursor: paging.cursor } } })),
  });
  const block = async (code: string, blocked: boolean) => {
    setFailure(null);
    try {
      await unwrap(api.PATCH("/api/ledger/accounts/{code}", { params: { path: { code } }, body: { blocked } }));
      void queryClient.invalidateQueries({ queryKey: ["ledger", "accounts"] });
      setSentence(t(blocked ? "accounts.chart.blockedDone" : "accounts.chart.unblockedDone", { code }));
    } catch (error) {
      setFailure(error);
    }
  };
  const items = chart.data?.items ?? [];
  return (
    <Page title={t("modules.ledger")} actions={mayAdd && <NewAccount onDone={setSentence} />}>
      <SectionNav section="ledger" />
      <Outcome sentence={sentence} onClose={() => setSentence(null)} />
      <ErrorNotice error={chart.error ?? failure} />
      <Table striped withTableBorder>
        <Table.Caption>{t("accounts.chart.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.chart.code")}</Table.Th>
            <Table.Th>{t("accounts.chart.name")}</Table.Th>
            <Table.Th>{t("accounts.chart.kind")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            {mayBlock && <Table.Th>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((account) => (
            <Table.Tr key={account.code}>
              <Table.Td>
                <Anchor
                  href={`/ledger/accounts/${account.code}`}
                  aria-label={t("accounts.chart.openCard", { code: account.code, name: account.name })}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate({ to: "/ledger/accounts/$code", params: { code: account.code }, search: {} });
                  }}
                >
                  {account.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{account.name}</Table.Td>
              <Table.Td>{t(`accounts.kinds.${account.kind}`, { defaultValue: account.kind })}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color={account.blocked ? STATUS.bad : STATUS.good}>
                  {t(account.blocked ? "accounts.chart.blocked" : "accounts.chart.open")}
                </Badge>
              </Table.Td>
              {mayBlock && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t(account.blocked ? "accounts.chart.unblockNamed" : "accounts.chart.blockNamed", { code: account.code })}
                    onClick={() => void block(account.code, !account.blocked)}
                  >
                    {t(account.blocked ? "accounts.chart.unblock" : "accounts.chart.block")}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {chart.isSuccess && items.length === 0 && <Text mt="sm">{t("common.empty")}</Text>}
      <Pager paging={paging} nextCursor={chart.data?.next_cursor} />
    </Page>
  );
}
