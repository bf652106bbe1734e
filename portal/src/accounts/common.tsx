import { Alert, Anchor, Button, Group, Modal, Stack, Table, Text, TextInput, type TextInputProps } from "@mantine/core";
import { useNavigate, useRouterState } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "../format";
import { can, type Action, type Module } from "../rights";
import { useMe } from "../session";
import { ApiError } from "../problems";
import { errorText } from "../ui";
import { cents, decimal } from "./amounts";
import { conflictOf } from "./explain";

export type Ledger = "debtors" | "creditors";

/** Whether the person may do this here (the buttons follow it; the gateway decides anyway). */
export function useRight(module: Module, action: Action): boolean {
  return can(useMe().data, module, action);
}

const SECTIONS = {
  debtors: [
    { to: "/debtors", label: "nav.balances" },
    { to: "/debtors/matching", label: "nav.receipts" },
    { to: "/debtors/direct-debit", label: "nav.directDebit" },
    { to: "/debtors/reminders", label: "nav.reminders" },
  ],
  creditors: [
    { to: "/creditors", label: "nav.balances" },
    { to: "/creditors/matching", label: "nav.payments" },
  ],
  ledger: [
    { to: "/ledger", label: "nav.chart" },
    { to: "/ledger/entries", label: "nav.entries" },
    { to: "/ledger/trial-balance", label: "nav.trialBalance" },
    { to: "/ledger/periods", label: "nav.periods" },
  ],
} as const;

/** The screens of one module, one link each, the current one marked. */
export function SectionNav({ section }: { section: keyof typeof SECTIONS }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.pathname });
  return (
    <Group component="nav" aria-label={t("accounts.nav.label", { module: t(`modules.${section}`) })} mb="md" gap="lg">
      {SECTIONS[section].map((link) => (
        <Anchor
          key={link.to}
          href={link.to}
          fw={path === link.to ? 700 : 400}
          aria-current={path === link.to ? "page" : undefined}
          onClick={(e) => {
            e.preventDefault();
            void navigate({ to: link.to });
          }}
        >
          {t(`accounts.${link.label}`)}
        </Anchor>
      ))}
    </Group>
  );
}

/** Amounts (the API's decimals, or cents) and dates in the person's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    language,
    money: (amount: string | number) =>
      formatMoney(typeof amount === "number" ? decimal(amount) : amount, "EUR", language),
    date: (iso: string) => formatDate(iso, language),
  };
}

export function MoneyCell({ amount, strong }: { amount: string | number; strong?: boolean }) {
  const { money } = useFormat();
  const negative = typeof amount === "number" ? amount < 0 : cents(amount) < 0;
  return (
    <Table.Td ta="right" fw={strong ? 700 : undefined} c={negative ? "red.9" : undefined} style={{ whiteSpace: "nowrap" }}>
      {money(amount)}
    </Table.Td>
  );
}

export function DateField(props: TextInputProps) {
  return <TextInput type="date" w={180} {...props} />;
}

export function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/**
 * A change of money: the button opens what will happen; only Confirm does it. The sentence that
 * `act` gives (what came of it) goes to `onDone`; a failure is shown in the dialog, unless
 * `onError` takes it (a 422 the form shows on its field), which closes the dialog.
 */
export function Confirm({
  label,
  title,
  children,
  act,
  onDone,
  onError,
  color,
  variant,
  size,
  disabled,
  confirmLabel,
}: {
  label: string;
  title: string;
  children: ReactNode;
  act: () => Promise<string>;
  onDone: (sentence: string) => void;
  onError?: (failure: unknown) => boolean;
  color?: string;
  variant?: string;
  size?: string;
  disabled?: boolean;
  confirmLabel?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      onDone(await act());
      setOpen(false);
    } catch (error) {
      if (onError?.(error)) setOpen(false);
      else {
        const conflict = error instanceof ApiError ? conflictOf(error.problem) : null;
        setFailure(conflict ? t(`accounts.conflict.${conflict.key}`, conflict.values) : errorText(error, t));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        color={color}
        variant={variant}
        size={size}
        disabled={disabled}
        onClick={() => {
          setFailure(null);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} size="lg">
        <Stack>
          {children}
          {failure && (
            <Alert color="red" variant="outline" role="alert">
              <Text c="red.9">{failure}</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button color={color} loading={busy} onClick={() => void run()}>
              {confirmLabel ?? t("common.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** What the last change of money came to, until the next one. */
export function Outcome({ sentence, onClose }: { sentence: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  if (!sentence) return null;
  return (
    <Alert
      color="green"
      variant="outline"
      role="status"
      my="sm"
      withCloseButton
      closeButtonLabel={t("common.close")}
      onClose={onClose}
    >
      <Text c="green.9">{sentence}</Text>
    </Alert>
  );
}

/** A two-column list of what a change will do, for a confirmation dialog. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={200}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export interface Column<T> {
  label: string;
  /** an amount (the API's decimal): right-aligned, formatted, red when negative */
  money?: (row: T) => string;
  cell?: (row: T) => ReactNode;
}

/** A table of rows with text and amount columns, and a sentence when there are none. */
export function RowsTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  empty,
  footer,
  mb,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T, index: number) => string;
  caption?: string;
  empty: string;
  footer?: ReactNode;
  mb?: string;
}) {
  return (
    <Stack gap="xs" mb={mb}>
      <Table striped withTableBorder>
        {caption && <Table.Caption>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.label} ta={c.money ? "right" : undefined}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, n) => (
            <Table.Tr key={rowKey(row, n)}>
              {columns.map((c) => (c.money ? <MoneyCell key={c.label} amount={c.money(row)} /> : <Table.Td key={c.label}>{c.cell?.(row)}</Table.Td>))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {footer && <Table.Tfoot>{footer}</Table.Tfoot>}
      </Table>
      {rows.length === 0 && <Text>{empty}</Text>}
    </Stack>
  );
}

/** A small form of dates (as of, from, to) that shows what they ask for. */
export function ShowForm({ onShow, children }: { onShow: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group
      component="form"
      align="flex-end"
      mb="md"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        onShow();
      }}
    >
      {children}
      <Button type="submit" variant="default">
        {t("accounts.show")}
      </Button>
    </Group>
  );
}

/** The first columns of any list of postings: when, which entry, what. */
export function postingColumns<T extends { date: string; number: number; description: string }>(
  t: (key: string) => string,
  day: (iso: string) => string,
): Column<T>[] {
  return [
    { label: t("accounts.entry.date"), cell: (line) => day(line.date) },
    { label: t("accounts.entry.number"), cell: (line) => line.number },
    { label: t("accounts.entry.description"), cell: (line) => line.description },
  ];
}
