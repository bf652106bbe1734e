import { Alert, Badge, Button, Card, Group, Select, Table, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, type identityTypes } from "../../api/client";
import { formatDateTime } from "../../format";
import { MODULES } from "../../rights";
import { auditRoute, type AuditSearch } from "../../router";
import { useTenant } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { STATUS } from "../../theme";

type Report = identityTypes["schemas"]["ChainReportOut"];
const OUTCOMES = ["allowed", "refused", "changed"] as const;

/** A date from the filter as the start of that day; `to` includes the whole day. */
function dayStart(date: string | undefined, plusDays = 0): string | undefined {
  if (!date) return undefined;
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + plusDays);
  return day.toISOString();
}

function Filters({ search }: { search: AuditSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<AuditSearch>(search);
  const set = (name: keyof AuditSearch) => (value: string | null) =>
    setDraft({ ...draft, [name]: value || undefined });
  return (
    <Card
      withBorder
      mb="md"
      component="form"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        void navigate({ to: "/admin/audit", search: draft });
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t("audit.actor")}
          name="actor"
          value={draft.actor ?? ""}
          onChange={(e) => set("actor")(e.currentTarget.value)}
        />
        <Select
          label={t("audit.module")}
          name="module"
          clearable
          data={MODULES.map((m) => ({ value: m, label: t(`modules.${m}`) }))}
          value={draft.module ?? null}
          onChange={set("module")}
          w={170}
        />
        <Select
          label={t("audit.outcome")}
          name="outcome"
          clearable
          data={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
          value={draft.outcome ?? null}
          onChange={set("outcome")}
          w={170}
        />
        <TextInput
          label={t("audit.from")}
          type="date"
          name="from"
          value={draft.from ?? ""}
          onChange={(e) => set("from")(e.currentTarget.value)}
        />
        <TextInput
          label={t("audit.to")}
          type="date"
          name="to"
          value={draft.to ?? ""}
          onChange={(e) => set("to")(e.currentTarget.value)}
        />
        <TextInput
          label={t("audit.grant")}
          name="grant"
          value={draft.grant ?? ""}
          onChange={(e) => set("grant")(e.currentTarget.value)}
        />
        <Button type="submit">{t("audit.filter")}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft({});
            void navigate({ to: "/admin/audit", search: {} });
          }}
        >
          {t("common.reset")}
        </Button>
      </Group>
    </Card>
  );
}

export default function Audit() {
  const { t, i18n } = useTranslation();
  const tenant = useTenant();
  const search = auditRoute.useSearch();
  const filters = JSON.stringify(search);
  const paging = useCursor(filters);
  const [report, setReport] = useState<Report | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const trail = useQuery({
    queryKey: ["audit", tenant, filters, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/identity/tenants/{slug}/audit", {
          params: {
            path: { slug: tenant },
            query: {
              actor: search.actor,
              module: search.module,
              outcome: search.outcome as (typeof OUTCOMES)[number] | undefined,
              from: dayStart(search.from),
              to: dayStart(search.to, 1),
              grant: search.grant,
              limit: 50,
              cursor: paging.cursor,
            },
          },
        }),
      ),
    enabled: !!tenant,
  });

  async function verify() {
    setVerifyError(null);
    try {
      setReport(
        await unwrap(
          api.GET("/api/identity/tenants/{slug}/audit/verify", {
            params: { path: { slug: tenant } },
          }),
        ),
      );
    } catch (e) {
      setVerifyError(e);
    }
  }

  return (
    <Page
      title={t("audit.title")}
      actions={<Button onClick={() => void verify()}>{t("audit.verify")}</Button>}
    >
      {report && (
        <Alert
          color={report.valid ? "green" : "red"}
          variant="outline"
          role="status"
          mb="md"
          data-testid="chain-report"
        >
          {report.valid
            ? t("audit.valid", { records: report.records })
            : t("audit.broken", { seq: report.first_broken_seq ?? "?" })}
        </Alert>
      )}
      <ErrorNotice error={verifyError ?? trail.error} />
      <Filters key={filters} search={search} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("audit.at")}</Table.Th>
            <Table.Th>{t("audit.actor")}</Table.Th>
            <Table.Th>{t("audit.actingAs")}</Table.Th>
            <Table.Th>{t("audit.what")}</Table.Th>
            <Table.Th>{t("audit.outcome")}</Table.Th>
            <Table.Th>{t("audit.grant")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(trail.data?.items ?? []).map((entry) => (
            <Table.Tr key={entry.seq} data-outcome={entry.outcome} data-module={entry.module ?? ""}>
              <Table.Td>{formatDateTime(entry.at, i18n.language)}</Table.Td>
              <Table.Td>{entry.actor_name}</Table.Td>
              <Table.Td>{t(`actingAs.${entry.acting_as}`, { defaultValue: entry.acting_as })}</Table.Td>
              <Table.Td>
                {entry.module
                  ? `${t(`modules.${entry.module}`, { defaultValue: entry.module })}${entry.action ? ` (${t(`actions.${entry.action}`, { defaultValue: entry.action })})` : ""} `
                  : ""}
                {entry.method} {entry.path}
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color={entry.outcome === "refused" ? STATUS.bad : STATUS.good}>
                  {t(`audit.outcomes.${entry.outcome}`, { defaultValue: entry.outcome })}
                  {entry.status ? ` ${entry.status}` : ""}
                </Badge>
              </Table.Td>
              <Table.Td>{entry.grant_id ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={trail.data?.next_cursor} />
    </Page>
  );
}
