import { Badge, Table } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { identityTypes } from "../api/client";
import { formatDateTime } from "../format";
import { STATUS } from "../theme";

export type SupportRequest = identityTypes["schemas"]["SupportRequestOut"];

const COLORS: Record<string, string> = { active: STATUS.bad, requested: STATUS.info };

/** Support requests with their status; `actions` adds the buttons of each row. */
export function SupportList({
  requests,
  actions,
}: {
  requests: SupportRequest[];
  actions?: (request: SupportRequest) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, i18n.language) : "");
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("support.requestedAt")}</Table.Th>
          <Table.Th>{t("support.requestedBy")}</Table.Th>
          <Table.Th>{t("support.reason")}</Table.Th>
          <Table.Th>{t("support.scope")}</Table.Th>
          <Table.Th>{t("support.minutes")}</Table.Th>
          <Table.Th>{t("common.status")}</Table.Th>
          <Table.Th>{t("support.expires")}</Table.Th>
          {actions && <Table.Th>{t("common.actions")}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {requests.map((r) => (
          <Table.Tr key={r.id} data-request={r.id} data-status={r.status}>
            <Table.Td>{when(r.requested_at)}</Table.Td>
            <Table.Td>{r.requested_by}</Table.Td>
            <Table.Td>{r.reason}</Table.Td>
            <Table.Td>
              {r.scope
                .map((s) => `${t(`modules.${s.module}`)} (${t(`actions.${s.action}`)})`)
                .join(", ")}
            </Table.Td>
            <Table.Td>{r.minutes}</Table.Td>
            <Table.Td>
              <Badge variant="outline" color={COLORS[r.status] ?? STATUS.neutral}>
                {t(`support.statuses.${r.status}`, { defaultValue: r.status })}
              </Badge>
            </Table.Td>
            <Table.Td>{when(r.expires_at)}</Table.Td>
            {actions && <Table.Td>{actions(r)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
