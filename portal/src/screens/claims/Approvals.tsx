import { Anchor, SegmentedControl, Table, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDateTime, formatMoney } from "../../format";
import { useMe } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { ClaimBadge, ClaimsNav, Result } from "./common";
import { PaymentActions } from "./PaymentActions";

const route = getRouteApi("/claims/approvals");
const STATUSES = ["awaiting_approval", "released", "refused"] as const;

/** The approvals inbox: claim payments above their handler's authority, waiting for a second
 * person; released and refused ones for reference. */
export default function Approvals() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const search = route.useSearch();
  const status = search.status ?? "awaiting_approval";
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const paging = useCursor(status);
  const [result, setResult] = useState<string | null>(null);
  const payments = useQuery({
    queryKey: ["claim-payments", me?.tenant, status, paging.cursor],
    queryFn: () => unwrap(api.GET("/api/claims/payments", { params: { query: { status, limit: 25, cursor: paging.cursor } } })),
  });
  const items = payments.data?.items ?? [];
  return (
    <Page title={t("claims.approvals.title")}>
      <ClaimsNav />
      <SegmentedControl
        aria-label={t("common.status")}
        mb="md"
        data={STATUSES.map((s) => ({ value: s, label: t(`claims.statuses.${s}`) }))}
        value={status}
        onChange={(v) => void navigate({ to: "/claims/approvals", search: { status: v === "awaiting_approval" ? undefined : (v as (typeof STATUSES)[number]) } })}
      />
      <Result sentence={result} />
      <ErrorNotice error={payments.error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("claims.number")}</Table.Th>
            <Table.Th>{t("claims.policy")}</Table.Th>
            <Table.Th>{t("claims.file.payee")}</Table.Th>
            <Table.Th>{t("claims.file.iban")}</Table.Th>
            <Table.Th ta="right">{t("claims.file.amount")}</Table.Th>
            <Table.Th>{t("claims.file.requestedBy")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor
                  href={`/claims/${p.claim_id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate({ to: "/claims/$claimId", params: { claimId: p.claim_id } });
                  }}
                >
                  {p.claim_number}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.policy_number}</Table.Td>
              <Table.Td>{p.payee_name}</Table.Td>
              <Table.Td>{p.iban}</Table.Td>
              <Table.Td ta="right">{formatMoney(p.amount, "EUR", i18n.language)}</Table.Td>
              <Table.Td>
                {p.requested_by}, {formatDateTime(p.requested_at, i18n.language)}
              </Table.Td>
              <Table.Td>
                <ClaimBadge status={p.status} />
              </Table.Td>
              <Table.Td>
                <PaymentActions
                  payment={p}
                  onDone={async (sentence) => {
                    setResult(sentence);
                    await queryClient.invalidateQueries({ queryKey: ["claim-payments"] });
                    await queryClient.invalidateQueries({ queryKey: ["claim", p.claim_id] });
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {payments.isSuccess && items.length === 0 && <Text mt="sm">{t("claims.approvals.empty")}</Text>}
      <Pager paging={paging} nextCursor={payments.data?.next_cursor} />
    </Page>
  );
}
