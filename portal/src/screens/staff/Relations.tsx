import { Button, Select, Table, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { dutchPostcode } from "../../clerk/checks";
import { addressLine, AnchorLink, SearchCard } from "../../clerk/parts";
import { ROLES, type RelationSearch } from "../../clerk/routes";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { NewRelation } from "./RelationForm";

const route = getRouteApi("/relations");

function Filters({ search }: { search: RelationSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<RelationSearch>(search);
  const text = (name: Exclude<keyof RelationSearch, "role">) => ({
    name,
    value: draft[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [name]: e.currentTarget.value || undefined }),
  });
  const postcodeWrong = !!draft.postcode && draft.postcode.length >= 6 && !dutchPostcode(draft.postcode);
  return (
    <SearchCard
      label={t("clerk.relations.searchTitle")}
      onSearch={() => void navigate({ to: "/relations", search: draft })}
      onReset={() => {
        setDraft({});
        void navigate({ to: "/relations", search: {} });
      }}
    >
      <TextInput label={t("relations.searchName")} {...text("name")} />
      <TextInput
        label={t("clerk.relation.postcode")}
        w={120}
        {...text("postcode")}
        error={postcodeWrong ? t("clerk.field.address.postcode") : undefined}
      />
      <TextInput label={t("clerk.relation.houseNumber")} w={110} inputMode="numeric" {...text("house_number")} />
      <TextInput label={t("clerk.relation.email")} {...text("email")} />
      <Select
        label={t("clerk.relation.role")}
        clearable
        w={170}
        data={ROLES.map((r) => ({ value: r, label: t(`clerk.roles.${r}`) }))}
        value={draft.role ?? null}
        onChange={(v) => setDraft({ ...draft, role: ROLES.find((r) => r === v) })}
      />
      <TextInput label={t("clerk.relations.policyNumber")} w={150} {...text("policy")} />
    </SearchCard>
  );
}

/** One search's results, paged by cursor (a new search starts at its first page). */
function Results({ search }: { search: RelationSearch }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const filters = JSON.stringify(search);
  const paging = useCursor();
  const houseNumber = Number(search.house_number);
  const relations = useQuery({
    queryKey: ["relations", me?.tenant, filters, paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/relations", {
          params: {
            query: {
              name: search.name ?? null,
              postcode: search.postcode ?? null,
              house_number: Number.isInteger(houseNumber) && houseNumber > 0 ? houseNumber : null,
              email: search.email ?? null,
              role: search.role ?? null,
              policy_number: search.policy ?? null,
              limit: 25,
              cursor: paging.cursor,
            },
          },
        }),
      ),
  });
  const items = relations.data?.items ?? [];
  return (
    <>
      <ErrorNotice error={relations.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t("clerk.relations.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.relation.name")}</Table.Th>
            <Table.Th>{t("clerk.relation.kind")}</Table.Th>
            <Table.Th>{t("clerk.relation.address")}</Table.Th>
            <Table.Th>{t("clerk.relation.email")}</Table.Th>
            <Table.Th>{t("clerk.relation.roles")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} data-relation={r.id}>
              <Table.Td>
                <AnchorLink to="/relations/$relationId" params={{ relationId: r.id }}>
                  {r.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{t(`clerk.relation.kinds.${r.kind ?? "person"}`)}</Table.Td>
              <Table.Td>{addressLine(r.address)}</Table.Td>
              <Table.Td>{r.email ?? ""}</Table.Td>
              <Table.Td>{r.roles.map((x) => t(`clerk.roles.${x}`)).join(", ")}</Table.Td>
            </Table.Tr>
          ))}
          {relations.isSuccess && !items.length && (
            <Table.Tr>
              <Table.Td colSpan={5}>{t("common.empty")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={relations.data?.next_cursor} />
    </>
  );
}

export default function Relations() {
  const { t } = useTranslation();
  const me = useMe().data;
  const search = route.useSearch();
  const filters = JSON.stringify(search);
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title={t("relations.title")}
      actions={can(me, "relations", "create") && <Button onClick={() => setCreating(true)}>{t("relations.create")}</Button>}
    >
      <Filters key={filters} search={search} />
      <Results key={filters} search={search} />
      <NewRelation opened={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
