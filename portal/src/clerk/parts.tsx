/** What the clerk's screens (relations, applications, policies) share: amounts, addresses,
 * documents, confirmation of changes of money, and problems shown on the field they name. */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  type AnchorProps,
  type ModalProps,
} from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { components as ledger } from "../api/generated/ledger";
import type { components as policy } from "../api/generated/policy";
import { formatDate, formatMoney } from "../format";
import { ApiError, problemToForm } from "../problems";
import { STATUS } from "../theme";
import { errorText } from "../ui";
import { dutchPostcode, groupedIban, validIban } from "./checks";
import type { Coverage } from "./product";

export type Relation = policy["schemas"]["RelationOut"];
export type Address = policy["schemas"]["Address"];
export type Application = policy["schemas"]["ApplicationSummary"];
export type Policy = policy["schemas"]["PolicyOut"];
export type PolicySummary = policy["schemas"]["PolicySummary"];
export type Invoice = policy["schemas"]["InvoiceOut"];
export type DebtorAccount = ledger["schemas"]["ledger_service__current_accounts__Account"];

/** An invoice or credit note as a change makes it (`invoice.issued`'s data); in a preview it
 * has no number yet. The API describes these only as objects. */
export interface PremiumDocument {
  number: string | null;
  kind: "invoice" | "credit_note";
  reason: string;
  period: { start: string; end: string };
  due_date: string;
  currency: string;
  net: string;
  commission: string;
  tax: string;
  total: string;
  lines: { coverage: string; net: string; commission: string; tax: string }[];
}

export function documentsOf(answer: { documents: unknown[] }): PremiumDocument[] {
  return answer.documents as PremiumDocument[];
}

function AnchorBase(props: AnchorProps & React.ComponentPropsWithRef<"a">) {
  return <Anchor {...props} />;
}

/** A link to another screen, typed by the router, looking like Mantine's anchor. */
export const AnchorLink = createLink(AnchorBase);

export function Money({ amount, currency = "EUR" }: { amount: string | number; currency?: string }) {
  const { i18n } = useTranslation();
  return <>{formatMoney(amount, currency, i18n.language)}</>;
}

export function Day({ iso }: { iso: string | null | undefined }) {
  const { i18n } = useTranslation();
  return <>{iso ? formatDate(iso, i18n.language) : "—"}</>;
}

export function addressLine(a: Partial<Address> | null | undefined): string {
  if (!a) return "";
  const number = [a.house_number, a.house_number_addition].filter(Boolean).join(" ");
  return [[a.street, number].filter(Boolean).join(" "), [a.postcode, a.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
}

/** A status word in the reader's language, as a badge dark enough to read. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color =
    status === "active" || status === "accepted" || status === "done"
      ? STATUS.good
      : status === "cancelled" || status === "rejected" || status === "failed"
        ? STATUS.bad
        : STATUS.info;
  return (
    <Badge color={color} variant="outline" styles={{ label: { color: "inherit" } }} c={color}>
      {t(`clerk.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** The ledger's own words for premium bookings, in the reader's language; other texts (a
 * person's own description) as written. */
export function ledgerText(text: string, t: TFunction): string {
  const found = /^(invoice|credit note)( policy)? (\S+)$/.exec(text);
  if (!found) return text;
  const kind = found[1] === "invoice" ? "invoice" : "credit_note";
  const key = found[2] ? "clerk.ledger.documentOfPolicy" : "clerk.ledger.document";
  return t(key, { kind: t(`clerk.documents.kind.${kind}`), number: found[3] });
}

/** One invoice or credit note with its lines per coverage. */
export function DocumentTable({ document, caption }: { document: PremiumDocument | Invoice; caption: string }) {
  const { t } = useTranslation();
  const period = "period" in document ? document.period : { start: document.period_start, end: document.period_end };
  return (
    <Stack gap={4} data-document={document.number ?? "preview"}>
      <Text size="sm">
        {t("clerk.documents.period")}: <Day iso={period.start} /> – <Day iso={period.end} />
        {" · "}
        {t(`clerk.documents.reason.${document.reason}`, { defaultValue: document.reason })}
      </Text>
      <Table withTableBorder captionSide="top">
        <Table.Caption fw={700} ta="left" c="var(--mantine-color-text)">
          {caption}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.documents.coverage")}</Table.Th>
            <Table.Th ta="right">{t("clerk.documents.net")}</Table.Th>
            <Table.Th ta="right">{t("clerk.documents.tax")}</Table.Th>
            <Table.Th ta="right">{t("clerk.documents.commission")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {document.lines.map((line) => (
            <Table.Tr key={line.coverage}>
              <Table.Td>{line.coverage}</Table.Td>
              <Table.Td ta="right"><Money amount={line.net} /></Table.Td>
              <Table.Td ta="right"><Money amount={line.tax} /></Table.Td>
              <Table.Td ta="right"><Money amount={line.commission} /></Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t("clerk.documents.total")}</Table.Th>
            <Table.Td ta="right" colSpan={3} fw={700} data-total>
              <Money amount={document.total} />
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function documentCaption(document: PremiumDocument | Invoice, t: TFunction): string {
  const kind = t(`clerk.documents.kind.${document.kind}`);
  return document.number ? `${kind} ${document.number}` : t("clerk.documents.toBeMade", { kind });
}

export function DocumentList({ documents, empty }: { documents: PremiumDocument[]; empty: string }) {
  const { t } = useTranslation();
  if (!documents.length) return <Text>{empty}</Text>;
  return (
    <Stack>
      {documents.map((d, i) => (
        <DocumentTable key={d.number ?? i} document={d} caption={documentCaption(d, t)} />
      ))}
    </Stack>
  );
}

/** A modal dialog whose close button is named in the reader's language. */
export function Dialog(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal closeButtonProps={{ "aria-label": t("common.close") }} {...props} />;
}

/** A change of money is confirmed first; the dialog says what it will do. */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirm,
  onConfirm,
  onClose,
  busy,
  error,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
  busy: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={title} size="lg">
      <Stack>
        {children}
        {error && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={onConfirm} loading={busy}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** Problems on the fields they name, with this screen's own messages (`clerk.field.<name>`);
 * what fits no field becomes one sentence. */
export function useFieldProblems(fields: readonly string[]) {
  const { t } = useTranslation();
  const [named, setNamed] = useState<string[]>([]);
  const [raw, setRaw] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  return {
    error: (name: string): string | undefined =>
      named.includes(name) ? t(`clerk.field.${name}`, { defaultValue: t("clerk.field.invalid") }) : undefined,
    message,
    /** The fields the problem named, as it named them (`risk.sum_insured`). */
    raw,
    capture(error: unknown) {
      if (error instanceof ApiError) {
        const mapped = problemToForm(error.problem, fields);
        setNamed(Object.keys(mapped.fields));
        setRaw((error.problem.errors ?? []).map((e) => e.field));
        setMessage(mapped.message ? errorText(error, t) : null);
      } else {
        setNamed([]);
        setRaw([]);
        setMessage(errorText(error, t));
      }
    },
    clear() {
      setNamed([]);
      setRaw([]);
      setMessage(null);
    },
  };
}

export interface AddressValues {
  street: string;
  house_number: string;
  house_number_addition: string;
  postcode: string;
  city: string;
}

export const EMPTY_ADDRESS: AddressValues = {
  street: "",
  house_number: "",
  house_number_addition: "",
  postcode: "",
  city: "",
};

export function addressValues(a: Partial<Address> | null | undefined): AddressValues {
  return {
    street: a?.street ?? "",
    house_number: a?.house_number ? String(a.house_number) : "",
    house_number_addition: a?.house_number_addition ?? "",
    postcode: a?.postcode ?? "",
    city: a?.city ?? "",
  };
}

export function addressBody(v: AddressValues): Address {
  return {
    street: v.street.trim(),
    house_number: Number(v.house_number) || 0,
    house_number_addition: v.house_number_addition.trim() || null,
    postcode: dutchPostcode(v.postcode) ?? v.postcode.trim(),
    city: v.city.trim(),
    country: "NL",
  };
}

/** What is wrong with an address as typed so far (only what was typed is judged). */
export function addressProblems(v: AddressValues): Partial<Record<keyof AddressValues, string>> {
  const wrong: Partial<Record<keyof AddressValues, string>> = {};
  if (v.postcode.trim().length >= 6 && !dutchPostcode(v.postcode)) wrong.postcode = "clerk.field.address.postcode";
  if (v.house_number && !/^[1-9][0-9]{0,4}$/.test(v.house_number.trim()))
    wrong.house_number = "clerk.field.address.house_number";
  return wrong;
}

export function ibanProblem(iban: string): string | undefined {
  const compact = iban.replace(/\s/g, "");
  return compact.length >= 15 && !validIban(compact) ? "clerk.field.iban" : undefined;
}

/** Street, number, postcode and city, checked as one types; `error` gives the API's verdict. */
export function AddressFields({
  value,
  onChange,
  error,
  prefix = "address",
}: {
  value: AddressValues;
  onChange: (value: AddressValues) => void;
  error: (name: string) => string | undefined;
  prefix?: string;
}) {
  const { t } = useTranslation();
  const live = addressProblems(value);
  const field = (name: keyof AddressValues) => ({
    name: `${prefix}.${name}`,
    value: value[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...value, [name]: e.currentTarget.value }),
    error: (live[name] && t(live[name])) || error(`address.${name}`),
  });
  const normalised = dutchPostcode(value.postcode);
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <TextInput label={t("clerk.relation.street")} required {...field("street")} />
        <TextInput label={t("clerk.relation.houseNumber")} required inputMode="numeric" {...field("house_number")} />
        <TextInput label={t("clerk.relation.addition")} {...field("house_number_addition")} />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t("clerk.relation.postcode")}
          required
          description={t("clerk.relation.postcodeHint")}
          {...field("postcode")}
          onBlur={() => normalised && onChange({ ...value, postcode: normalised })}
        />
        <TextInput label={t("clerk.relation.city")} required {...field("city")} />
      </Group>
    </Stack>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text fw={700} w={200} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </Group>
  );
}

/** A person's or organization's details as a relation or an applicant has them. */
export interface PartyValues {
  kind: "person" | "organization";
  name: string;
  date_of_birth: string;
  email: string;
  phone: string;
  iban: string;
  coc_number: string;
  address: AddressValues;
}

/** Kind, name, date of birth (or, for a relation that is an organization, its KvK number),
 * e-mail, phone, IBAN and address, checked as one types. An applicant must give a date of birth
 * and an e-mail address; `prefix` is how the API names the fields (`applicant.`). */
export function PartyFields({
  value,
  onChange,
  error,
  prefix = "",
  applicant = false,
  kindFixed = false,
}: {
  value: PartyValues;
  onChange: (value: PartyValues) => void;
  error: (name: string) => string | undefined;
  prefix?: string;
  applicant?: boolean;
  /** A stored relation keeps its kind. */
  kindFixed?: boolean;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof PartyValues>(name: K, v: PartyValues[K]) => onChange({ ...value, [name]: v });
  const input = (name: "name" | "email" | "phone" | "iban" | "coc_number" | "date_of_birth") => ({
    name: `${prefix}${name}`,
    value: value[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(name, e.currentTarget.value),
    error: error(`${prefix}${name}`),
  });
  const ibanLive = ibanProblem(value.iban);
  const cocLive = value.coc_number && !/^[0-9]{8}$/.test(value.coc_number.trim());
  return (
    <Stack>
      <Group grow align="flex-start">
        <Select
          label={t("clerk.relation.kind")}
          allowDeselect={false}
          data={(["person", "organization"] as const).map((k) => ({ value: k, label: t(`clerk.relation.kinds.${k}`) }))}
          value={value.kind}
          disabled={kindFixed}
          onChange={(v) => set("kind", v === "organization" ? "organization" : "person")}
        />
        <TextInput label={t("clerk.relation.name")} required {...input("name")} />
      </Group>
      <Group grow align="flex-start">
        {value.kind === "person" && (
          <TextInput label={t("clerk.relation.dateOfBirth")} type="date" required={applicant} {...input("date_of_birth")} />
        )}
        {value.kind === "organization" && !applicant && (
          <TextInput
            label={t("clerk.relation.coc")}
            inputMode="numeric"
            {...input("coc_number")}
            error={(cocLive && t("clerk.field.coc_number")) || error(`${prefix}coc_number`)}
          />
        )}
        <TextInput label={t("clerk.relation.email")} type="email" required={applicant} {...input("email")} />
        <TextInput label={t("clerk.relation.phone")} type="tel" {...input("phone")} />
      </Group>
      <TextInput
        label={t("clerk.relation.iban")}
        {...input("iban")}
        error={(ibanLive && t(ibanLive)) || error(`${prefix}iban`)}
        onBlur={() => value.iban && !ibanLive && set("iban", groupedIban(value.iban))}
      />
      <AddressFields
        value={value.address}
        onChange={(a) => set("address", a)}
        prefix={`${prefix}address`}
        error={(name) => error(`${prefix}${name}`)}
      />
    </Stack>
  );
}

/** The optional coverages to choose, the required ones named as always included. */
export function CoverageChoice({
  coverages,
  value,
  onChange,
  label,
  error,
}: {
  coverages: Coverage[];
  value: string[];
  onChange: (value: string[]) => void;
  label: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
      <Stack mt={4} gap={4}>
        {coverages
          .filter((c) => c.required)
          .map((c) => (
            <Text key={c.code} size="sm">
              {c.name} ({c.code}): {t("clerk.manual.always")}
            </Text>
          ))}
        {coverages
          .filter((c) => !c.required)
          .map((c) => (
            <Checkbox key={c.code} value={c.code} label={`${c.name} (${c.code})`} />
          ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** A search form whose filters go to the address (so the list can be bookmarked). */
export function SearchCard({
  label,
  onSearch,
  onReset,
  children,
}: {
  label: string;
  onSearch: () => void;
  onReset: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      mb="md"
      component="form"
      role="search"
      aria-label={label}
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        onSearch();
      }}
    >
      <Group align="flex-start" wrap="wrap">
        {children}
        <Group mt={25}>
          <Button type="submit">{t("common.search")}</Button>
          <Button variant="default" onClick={onReset}>
            {t("common.reset")}
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
