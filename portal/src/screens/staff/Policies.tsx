import { Button, Card, Group, Table, TextInput, UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { Day, StatusBadge, AnchorLink } from "../../clerk/parts";
import type { PolicySearch } from "../../clerk/routes";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";

const route = getRouteApi("/policies");

function Filters({ search }: { search: PolicySearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<PolicySearch>(search);
  const text = (name: "number" | "postcode") => ({
    name,
    value: draft[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [name]: e.currentTarget.value || undefined }),
  });
  return (
    <Card
      withBorder
      mb="md"
      component="form"
      role="search"
      aria-label={t("clerk.policies.searchTitle")}
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        void navigate({ to: "/policies", search: { ...draft, holder: search.holder } });
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t("clerk.policy.number")} {...text("number")} />
        <TextInput label={t("clerk.policies.holderPostcode")} {...text("postcode")} />
        <Button type="submit">{t("common.search")}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft({});
            void navigate({ to: "/policies", search: {} });
          }}
        >
          {t("common.reset")}
        </Button>
      </Group>
    </Card>
  );
}

/** One search's results, paged by cursor (a new search or order starts at its first page). */
function Results({ search }: { search: PolicySearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const filters = JSON.stringify(search);
  const paging = useCursor();
  const sort = search.sort ?? "-number";
  const policies = useQuery({
    queryKey: ["policies", filters, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/policies", {
          params: {
            query: {
              number: search.number ?? null,
              postcode: search.postcode ?? null,
              holder: search.holder ?? null,
              sort,
              limit: 25,
              cursor: paging.cursor,
            },
          },
        }),
      ),
  });
  const items = policies.data?.items ?? [];
  const ascending = sort === "number";
  return (
    <>
      <ErrorNotice error={policies.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t("clerk.policies.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-sort={ascending ? "ascending" : "descending"}>
              <UnstyledButton
                fw={700}
                onClick={() => void navigate({ to: "/policies", search: { ...search, sort: ascending ? "-number" : "number" } })}
              >
                {t("clerk.policy.number")} {ascending ? "▲" : "▼"}
                <span className="visually-hidden"> {t(ascending ? "clerk.policies.sortedUp" : "clerk.policies.sortedDown")}</span>
              </UnstyledButton>
            </Table.Th>
            <Table.Th>{t("clerk.policy.holder")}</Table.Th>
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
              <Table.Td>
                <AnchorLink to="/relations/$relationId" params={{ relationId: p.holder_id }}>
                  {p.holder_name}
                </AnchorLink>
              </Table.Td>
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
              <Table.Td colSpan={6}>{t("common.empty")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={policies.data?.next_cursor} />
    </>
  );
}

export default function Policies() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const filters = JSON.stringify(search);
  return (
    <Page
      title={t("clerk.policies.title")}
      actions={
        <Button variant="default" component={Link} to="/policies/renewals">
          {t("clerk.nav.renewals")}
        </Button>
      }
    >
      <Filters key={filters} search={search} />
      <Results key={filters} search={search} />
    </Page>
  );
}
