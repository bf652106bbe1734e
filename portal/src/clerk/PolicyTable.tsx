/** A page of policies (searched, or one holder's), by policy number, paged by cursor. */
import { Table, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { ErrorNotice, Pager, useCursor } from "../ui";
import { AnchorLink, Day, StatusBadge } from "./parts";

export interface PolicyQuery {
  number?: string;
  postcode?: string;
  holder?: string;
  sort: "number" | "-number";
}

export function PolicyTable({
  query,
  caption,
  empty,
  withHolder = false,
  onSort,
}: {
  query: PolicyQuery;
  caption: string;
  empty: string;
  withHolder?: boolean;
  /** Offered: the number column sorts either way. */
  onSort?: (sort: PolicyQuery["sort"]) => void;
}) {
  const { t } = useTranslation();
  const paging = useCursor();
  const policies = useQuery({
    queryKey: ["policies", JSON.stringify(query), paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/policies", {
          params: {
            query: {
              number: query.number ?? null,
              postcode: query.postcode ?? null,
              holder: query.holder ?? null,
              sort: query.sort,
              limit: 25,
              cursor: paging.cursor,
            },
          },
        }),
      ),
  });
  const items = policies.data?.items ?? [];
  const ascending = query.sort === "number";
  const columns = withHolder ? 6 : 5;
  return (
    <>
      <ErrorNotice error={policies.error} />
      <Table striped withTableBorder>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-sort={onSort ? (ascending ? "ascending" : "descending") : undefined}>
              {onSort ? (
                <UnstyledButton fw={700} onClick={() => onSort(ascending ? "-number" : "number")}>
                  {t("clerk.policy.number")} {ascending ? "▲" : "▼"}
                  <VisuallyHidden>{t(ascending ? "clerk.policies.sortedUp" : "clerk.policies.sortedDown")}</VisuallyHidden>
                </UnstyledButton>
              ) : (
                t("clerk.policy.number")
              )}
            </Table.Th>
            {withHolder && <Table.Th>{t("clerk.policy.holder")}</Table.Th>}
            <Table.Th>{t("clerk.policy.product")}</Table.Th>
            <Table.Th>{t("clerk.policy.status")}</Table.Th>
            <Table.Th>{t("clerk.policy.start")}</Table.Th>
            <Table.Th>{t("clerk.policy.renewal")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} data-policy={p.number}>
              <Table.Td>
                <AnchorLink to="/policies/$policyId" params={{ policyId: p.id }}>
                  {p.number}
                </AnchorLink>
              </Table.Td>
              {withHolder && (
                <Table.Td>
                  <AnchorLink to="/relations/$relationId" params={{ relationId: p.holder_id }}>
                    {p.holder_name}
                  </AnchorLink>
                </Table.Td>
              )}
              <Table.Td>{String(p.product.code ?? "")}</Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>
                <Day iso={p.start_date} />
              </Table.Td>
              <Table.Td>
                <Day iso={p.renewal_date} />
              </Table.Td>
            </Table.Tr>
          ))}
          {policies.isSuccess && !items.length && (
            <Table.Tr>
              <Table.Td colSpan={columns}>{empty}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={policies.data?.next_cursor} />
    </>
  );
}
