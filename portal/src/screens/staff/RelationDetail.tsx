import { Button, Card, Group, SimpleGrid, Stack, Table, Tabs, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { groupedIban } from "../../clerk/checks";
import { addressLine, Day, Field, ledgerText, Money, type Relation, AnchorLink, Dialog } from "../../clerk/parts";
import { PolicyTable } from "../../clerk/PolicyTable";
import { RELATION_TABS } from "../../clerk/routes";
import { formatDateTime } from "../../format";
import { ApiError } from "../../problems";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Page } from "../../ui";
import { RelationForm } from "./RelationForm";

const route = getRouteApi("/relations/$relationId");

function Data({ relation }: { relation: Relation }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Field label={t("clerk.relation.kind")}>{t(`clerk.relation.kinds.${relation.kind ?? "person"}`)}</Field>
        <Field label={t("clerk.relation.name")}>{relation.name}</Field>
        {relation.date_of_birth && (
          <Field label={t("clerk.relation.dateOfBirth")}>
            <Day iso={relation.date_of_birth} />
          </Field>
        )}
        {relation.coc_number && <Field label={t("clerk.relation.coc")}>{relation.coc_number}</Field>}
        <Field label={t("clerk.relation.address")}>{addressLine(relation.address)}</Field>
        <Field label={t("clerk.relation.email")}>{relation.email ?? "—"}</Field>
        <Field label={t("clerk.relation.phone")}>{relation.phone ?? "—"}</Field>
        <Field label={t("clerk.relation.iban")}>{relation.iban ? groupedIban(relation.iban) : "—"}</Field>
        <Field label={t("clerk.relation.roles")}>{relation.roles.map((r) => t(`clerk.roles.${r}`)).join(", ")}</Field>
        {can(me, "relations", "change") && (
          <Group>
            <Button onClick={() => setEditing(true)}>{t("clerk.relation.edit")}</Button>
          </Group>
        )}
      </Stack>
      <Dialog opened={editing} onClose={() => setEditing(false)} title={t("clerk.relation.edit")} size="lg">
        <RelationForm relation={relation} onDone={() => setEditing(false)} />
      </Dialog>
    </Card>
  );
}

const BUCKETS = ["0-30", "31-60", "61-90", "90+"] as const;

function DebtorStatement({ relationId }: { relationId: string }) {
  const { t } = useTranslation();
  const account = useQuery({
    queryKey: ["debtor", relationId],
    queryFn: () => unwrap(api.GET("/api/debtors/{relation_id}", { params: { path: { relation_id: relationId }, query: {} } })),
  });
  if (account.error instanceof ApiError && account.error.problem.status === 404)
    return <Text>{t("clerk.debtor.none")}</Text>;
  if (!account.data) return <ErrorNotice error={account.error} />;
  const a = account.data;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Card withBorder>
          <Text size="sm">{t("clerk.debtor.balance")}</Text>
          <Text fw={700} size="lg" data-balance>
            <Money amount={a.balance} />
          </Text>
        </Card>
        {BUCKETS.map((b) => (
          <Card withBorder key={b}>
            <Text size="sm">{t("clerk.debtor.age", { days: b })}</Text>
            <Text fw={700}>
              <Money amount={a.ageing[b] ?? "0"} />
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Table striped withTableBorder>
        <Table.Caption>{t("clerk.debtor.statement")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.debtor.date")}</Table.Th>
            <Table.Th>{t("clerk.debtor.entry")}</Table.Th>
            <Table.Th>{t("clerk.debtor.description")}</Table.Th>
            <Table.Th ta="right">{t("clerk.debtor.amount")}</Table.Th>
            <Table.Th ta="right">{t("clerk.debtor.running")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.statement.map((line) => (
            <Table.Tr key={line.number} data-statement-line={line.description}>
              <Table.Td>
                <Day iso={line.date} />
              </Table.Td>
              <Table.Td>{line.number}</Table.Td>
              <Table.Td>{ledgerText(line.description, t)}</Table.Td>
              <Table.Td ta="right">
                <Money amount={line.amount} />
              </Table.Td>
              <Table.Td ta="right">
                <Money amount={line.balance} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table withTableBorder>
        <Table.Caption>{t("clerk.debtor.openItems")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.debtor.reference")}</Table.Th>
            <Table.Th>{t("clerk.debtor.description")}</Table.Th>
            <Table.Th>{t("clerk.debtor.due")}</Table.Th>
            <Table.Th ta="right">{t("clerk.debtor.amount")}</Table.Th>
            <Table.Th ta="right">{t("clerk.debtor.remaining")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.open_items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{item.reference}</Table.Td>
              <Table.Td>{ledgerText(item.description, t)}</Table.Td>
              <Table.Td>
                <Day iso={item.due_date} />
              </Table.Td>
              <Table.Td ta="right">
                <Money amount={item.amount} />
              </Table.Td>
              <Table.Td ta="right">
                <Money amount={item.remaining} />
              </Table.Td>
            </Table.Tr>
          ))}
          {!a.open_items.length && (
            <Table.Tr>
              <Table.Td colSpan={5}>{t("clerk.debtor.nothingOpen")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const SHOWN = ["kind", "name", "date_of_birth", "coc_number", "email", "phone", "iban", "address", "roles", "advisor_id"] as const;

function shownValue(name: string, value: unknown, t: ReturnType<typeof useTranslation>["t"]): string {
  if (value === null || value === undefined || value === "") return "—";
  if (name === "address" && typeof value === "object") return addressLine(value as Relation["address"]);
  if (name === "roles" && Array.isArray(value)) return value.map((r) => t(`clerk.roles.${String(r)}`)).join(", ");
  if (name === "kind") return t(`clerk.relation.kinds.${String(value)}`);
  if (name === "iban") return groupedIban(String(value));
  return String(value);
}

function History({ relationId }: { relationId: string }) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: ["relation", relationId, "history"],
    queryFn: () => unwrap(api.GET("/api/relations/{relation_id}/history", { params: { path: { relation_id: relationId } } })),
  });
  return (
    <>
      <ErrorNotice error={history.error} />
      <Table withTableBorder>
        <Table.Caption>{t("clerk.history.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.history.when")}</Table.Th>
            <Table.Th>{t("clerk.history.who")}</Table.Th>
            <Table.Th>{t("clerk.history.what")}</Table.Th>
            <Table.Th>{t("clerk.history.changes")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...(history.data ?? [])].reverse().map((h) => {
            const changed = SHOWN.filter(
              (f) => !h.before || JSON.stringify(h.before[f] ?? null) !== JSON.stringify(h.after[f] ?? null),
            ).filter((f) => h.before || (h.after[f] !== null && h.after[f] !== undefined));
            return (
              <Table.Tr key={h.at}>
                <Table.Td>{formatDateTime(h.at, i18n.language)}</Table.Td>
                <Table.Td>{h.by}</Table.Td>
                <Table.Td>{t(`clerk.history.change.${h.change}`, { defaultValue: h.change })}</Table.Td>
                <Table.Td>
                  {changed.map((f) => (
                    <Text key={f} size="sm">
                      {t(`clerk.history.field.${f}`)}:{" "}
                      {h.before ? `${shownValue(f, h.before[f], t)} → ` : ""}
                      {shownValue(f, h.after[f], t)}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}

export default function RelationDetail() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { relationId } = route.useParams();
  const { tab = "data" } = route.useSearch();
  const navigate = useNavigate();
  const relation = useQuery({
    queryKey: ["relation", relationId],
    queryFn: () => unwrap(api.GET("/api/relations/{relation_id}", { params: { path: { relation_id: relationId } } })),
  });
  const tabs = RELATION_TABS.filter(
    (x) => (x !== "policies" || can(me, "policies", "view")) && (x !== "debtor" || can(me, "debtors", "view")),
  );
  if (!relation.data)
    return (
      <Page title={t("relations.title")}>
        <ErrorNotice error={relation.error} />
      </Page>
    );
  return (
    <Page title={relation.data.name}>
      <AnchorLink to="/relations" mb="sm" display="block">
        {t("clerk.relationDetail.back")}
      </AnchorLink>
      <Tabs
        value={tabs.includes(tab) ? tab : "data"}
        onChange={(v) =>
          void navigate({ to: "/relations/$relationId", params: { relationId }, search: { tab: RELATION_TABS.find((x) => x === v) } })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`clerk.relationDetail.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="data">
          <Data relation={relation.data} />
        </Tabs.Panel>
        <Tabs.Panel value="policies">
          <PolicyTable
            key={relationId}
            query={{ holder: relationId, sort: "number" }}
            caption={t("clerk.relationDetail.policiesCaption")}
            empty={t("clerk.relationDetail.noPolicies")}
          />
        </Tabs.Panel>
        <Tabs.Panel value="debtor">
          <DebtorStatement relationId={relationId} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <History relationId={relationId} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
