import { Button, TextInput } from "@mantine/core";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SearchCard } from "../../clerk/parts";
import { PolicyTable } from "../../clerk/PolicyTable";
import type { PolicySearch } from "../../clerk/routes";
import { Page } from "../../ui";

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
    <SearchCard
      label={t("clerk.policies.searchTitle")}
      onSearch={() => void navigate({ to: "/policies", search: { ...draft, holder: search.holder } })}
      onReset={() => {
        setDraft({});
        void navigate({ to: "/policies", search: {} });
      }}
    >
      <TextInput label={t("clerk.policy.number")} {...text("number")} />
      <TextInput label={t("clerk.policies.holderPostcode")} {...text("postcode")} />
    </SearchCard>
  );
}

export default function Policies() {
  const { t } = useTranslation();
  const navigate = useNavigate();
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
      <PolicyTable
        key={filters}
        query={{ ...search, sort: search.sort ?? "-number" }}
        caption={t("clerk.policies.caption")}
        empty={t("common.empty")}
        withHolder
        onSort={(sort) => void navigate({ to: "/policies", search: { ...search, sort } })}
      />
    </Page>
  );
}
