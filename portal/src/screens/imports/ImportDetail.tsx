import { Anchor, Group, List, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDate } from "../../format";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Page, Pager, useCursor } from "../../ui";
import { ImportActions } from "./ImportActions";
import { ImportBadge } from "./Imports";

const route = getRouteApi("/imports/$importId");
const KINDS = ["relations", "policies", "debtor_items", "creditor_items", "opening_balances", "claims"];
const UNDER_WAY = ["checking", "loading", "withdrawing"];

interface Withdrawal {
  answers?: Record<string, { withdrawn: boolean; blocks?: string[] }>;
  undone?: Record<string, number>;
}

function totals(found: Record<string, unknown> | undefined): string {
  const sums = (found?.totals ?? {}) as Record<string, string>;
  return Object.entries(sums)
    .map(([name, amount]) => `${name} ${amount}`)
    .join(", ");
}

/** One import: its status and dry run's progress, per kind the rows and control totals as the
 * manifest states them and as the package holds them, and every error with file, line, field. */
export default function ImportDetail() {
  const { t, i18n } = useTranslation();
  const { importId } = route.useParams();
  const navigate = useNavigate();
  const me = useMe().data;
  const paging = useCursor(importId);
  const found = useQuery({
    queryKey: ["import", importId],
    queryFn: () => unwrap(api.GET("/api/imports/{import_id}", { params: { path: { import_id: importId } } })),
    refetchInterval: (query) => (UNDER_WAY.includes(query.state.data?.status ?? "") ? 1000 : false),
  });
  const errors = useQuery({
    queryKey: ["import-errors", importId, paging.cursor, found.data?.status],
    enabled: found.data !== undefined && found.data.status !== "checking",
    queryFn: () =>
      unwrap(
        api.GET("/api/imports/{import_id}/errors", {
          params: { path: { import_id: importId }, query: { limit: 50, cursor: paging.cursor } },
        }),
      ),
  });
  const report = found.data;
  const progress = report?.progress as { done?: number; total?: number | null } | null | undefined;
  const kinds = KINDS.filter((k) => report?.kinds[k]);
  const loaded = kinds.some((k) => report?.kinds[k]?.loaded);
  const withdrawal = (report?.withdrawal ?? null) as Withdrawal | null;
  const blocks = Object.values(withdrawal?.answers ?? {}).flatMap((a) => a.blocks ?? []);
  return (
    <Page title={report ? `${t("imports.title")} ${report.number}` : t("imports.title")}>
      <Anchor
        href="/imports"
        mb="md"
        display="block"
        onClick={(e) => {
          e.preventDefault();
          void navigate({ to: "/imports" });
        }}
      >
        {t("imports.back")}
      </Anchor>
      <ErrorNotice error={found.error} />
      {report && (
        <Stack gap="md">
          <Group>
            <ImportBadge status={report.status} />
            <Text>
              {report.source_system} {report.cut_off ? `· ${t("imports.cutOff")} ${formatDate(report.cut_off, i18n.language)}` : ""}
            </Text>
            {report.grant_id && <Text c="dimmed">{t("imports.grant", { grant: report.grant_id })}</Text>}
          </Group>
          {report.status === "checking" && progress?.total ? (
            <Stack gap={4}>
              <Progress value={(100 * (progress.done ?? 0)) / progress.total} aria-label={t("imports.statuses.checking")} />
              <Text size="sm">{t("imports.progress", { done: progress.done ?? 0, total: progress.total })}</Text>
            </Stack>
          ) : null}
          {report.status === "loading" && progress?.total ? (
            <Stack gap={4}>
              <Progress value={(100 * (progress.done ?? 0)) / progress.total} aria-label={t("imports.statuses.loading")} />
              <Text size="sm">{t("imports.loadProgress", { done: progress.done ?? 0, total: progress.total })}</Text>
            </Stack>
          ) : null}
          {report.failure && <Text c="red">{report.failure}</Text>}
          {can(me, "imports", "create") && <ImportActions importId={report.id} status={report.status} />}
          {report.withdrawn_by && <Text c="dimmed">{t("imports.withdrawnBy", { by: report.withdrawn_by })}</Text>}
          {withdrawal?.undone && Object.keys(withdrawal.undone).length > 0 && (
            <Text data-testid="withdrawal-undone">
              {t("imports.undone")}:{" "}
              {Object.entries(withdrawal.undone)
                .map(([name, count]) => `${name} ${count}`)
                .join(", ")}
            </Text>
          )}
          {report.status === "withdrawal_stopped" && blocks.length > 0 && (
            <>
              <Text fw={600}>{t("imports.blockedBy")}</Text>
              <List size="sm">
                {blocks.map((b) => (
                  <List.Item key={b}>{b}</List.Item>
                ))}
              </List>
            </>
          )}
          {report.differences.length > 0 && (
            <>
              <Text fw={600} c="red">
                {t("imports.differences")}
              </Text>
              <List size="sm">
                {report.differences.map((d) => (
                  <List.Item key={d}>{d}</List.Item>
                ))}
              </List>
            </>
          )}
          {kinds.length > 0 && (
            <>
              <Title order={2} size="h4">
                {t("imports.report")}
              </Title>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("imports.kind")}</Table.Th>
                    <Table.Th>{t("imports.file")}</Table.Th>
                    <Table.Th ta="right">{t("imports.rowsStated")}</Table.Th>
                    <Table.Th ta="right">{t("imports.rowsFound")}</Table.Th>
                    <Table.Th ta="right">{t("imports.valid")}</Table.Th>
                    <Table.Th>{t("imports.totalsStated")}</Table.Th>
                    <Table.Th>{t("imports.totalsFound")}</Table.Th>
                    {loaded && <Table.Th ta="right">{t("imports.rowsLoaded")}</Table.Th>}
                    {loaded && <Table.Th>{t("imports.totalsLoaded")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {kinds.map((k) => {
                    const kind = report.kinds[k];
                    if (!kind) return null;
                    return (
                      <Table.Tr key={k} data-kind={k}>
                        <Table.Td>{t(`imports.kinds.${k}`)}</Table.Td>
                        <Table.Td>{kind.file}</Table.Td>
                        <Table.Td ta="right">{String(kind.manifest.rows ?? "")}</Table.Td>
                        <Table.Td ta="right">{String(kind.package.rows ?? "")}</Table.Td>
                        <Table.Td ta="right">{String(kind.package.valid ?? "")}</Table.Td>
                        <Table.Td>{totals(kind.manifest)}</Table.Td>
                        <Table.Td>{totals(kind.package)}</Table.Td>
                        {loaded && <Table.Td ta="right">{String(kind.loaded?.rows ?? "")}</Table.Td>}
                        {loaded && <Table.Td>{totals(kind.loaded ?? undefined)}</Table.Td>}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </>
          )}
          {report.status !== "checking" && (
            <>
              <Title order={2} size="h4">
                {t("imports.errorList")} ({report.error_count})
              </Title>
              <ErrorNotice error={errors.error} />
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("imports.file")}</Table.Th>
                    <Table.Th ta="right">{t("imports.line")}</Table.Th>
                    <Table.Th>{t("imports.field")}</Table.Th>
                    <Table.Th>{t("imports.message")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(errors.data?.items ?? []).map((e) => (
                    <Table.Tr key={e.seq} data-error={`${e.file}:${e.line}:${e.field ?? ""}`}>
                      <Table.Td>{e.file}</Table.Td>
                      <Table.Td ta="right">{e.line}</Table.Td>
                      <Table.Td>{e.field}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {errors.isSuccess && errors.data.items.length === 0 && <Text>{t("imports.noErrors")}</Text>}
              <Pager paging={paging} nextCursor={errors.data?.next_cursor} />
            </>
          )}
        </Stack>
      )}
    </Page>
  );
}
