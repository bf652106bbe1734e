import { Alert, Button, Card, Group, SimpleGrid, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { ApiError } from "../problems";
import { useTenant } from "../session";
import { ErrorNotice, Page } from "../ui";
import { Confirm, DateField, Facts, Outcome, RowsTable, SectionNav, useFormat, useRight } from "./common";

const route = getRouteApi("/creditors/$relationId/settlement");

function monthBefore(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const last = new Date(now.getFullYear(), now.getMonth(), 0);
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return { from: iso(first), to: iso(last) };
}

/** The insurer's statement for a period, then the entry that settles it. */
export default function Settlement() {
  const { t } = useTranslation();
  const { money, date } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tenant = useTenant();
  const { relationId } = route.useParams();
  const search = route.useSearch();
  const maySettle = useRight("creditors", "change");
  const [draft, setDraft] = useState(() => ({ ...monthBefore(), ...search }));
  const [sentence, setSentence] = useState<string | null>(null);
  // Last month's statement until another period is chosen.
  const chosen = search.from && search.to ? { from: search.from, to: search.to } : monthBefore();
  const statement = useQuery({
    queryKey: ["creditors", "settlement", tenant, relationId, chosen],
    queryFn: () =>
      unwrap(
        api.GET("/api/creditors/{relation_id}/settlement", {
          params: { path: { relation_id: relationId }, query: chosen },
        }),
      ),
  });
  const data = statement.data;
  // A wrong period (422) is shown on the date it names.
  const wrong = new Set(
    statement.error instanceof ApiError && statement.error.problem.status === 422
      ? (statement.error.problem.errors ?? []).map((e) => e.field)
      : [],
  );
  const fieldError = (name: string) => (wrong.has(name) ? t(`accounts.period.invalid.${name}`) : undefined);
  const settle = async () => {
    const settled = await unwrap(
      api.POST("/api/creditors/{relation_id}/settlement", {
        params: { path: { relation_id: relationId }, header: { "idempotency-key": `${relationId}:${chosen.from}:${chosen.to}` } },
        body: chosen,
      }),
    );
    void queryClient.invalidateQueries({ queryKey: ["creditors"] });
    void queryClient.invalidateQueries({ queryKey: ["ledger"] });
    return t("accounts.settlement.done", {
      number: settled.settlement?.entry_number ?? "",
      amount: money(settled.amount_due),
    });
  };
  return (
    <Page title={t("accounts.settlement.title", { name: data?.name ?? relationId })}>
      <SectionNav section="creditors" />
      <Outcome sentence={sentence} onClose={() => setSentence(null)} />
      <Card
        withBorder
        mb="md"
        component="form"
        aria-label={t("accounts.settlement.period")}
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          void navigate({ to: "/creditors/$relationId/settlement", params: { relationId }, search: draft });
        }}
      >
        <Group align="flex-start">
          <DateField
            label={t("accounts.period.from")}
            value={draft.from}
            required
            error={fieldError("from")}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <DateField
            label={t("accounts.period.to")}
            value={draft.to}
            required
            error={fieldError("to")}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <Button type="submit" mt={25}>
            {t("accounts.settlement.show")}
          </Button>
        </Group>
      </Card>
      {wrong.size === 0 && <ErrorNotice error={statement.error} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
            {(
              [
                ["premium", data.premium],
                ["commission", data.commission],
                ["insurerShare", data.insurer_share],
                ["claimsPaid", data.claims_paid],
                ["alreadyPaid", data.already_paid],
                ["amountDue", data.amount_due],
              ] as const
            ).map(([key, value]) => (
              <Card withBorder key={key}>
                <Text size="sm">{t(`accounts.settlement.${key}`)}</Text>
                <Text fw={700}>{money(value)}</Text>
              </Card>
            ))}
          </SimpleGrid>
          {data.settlement ? (
            <Alert color="blue" variant="outline" role="status" mb="md">
              <Text c="blue.9">
                {t("accounts.settlement.settled", {
                  number: data.settlement.entry_number,
                  date: date(data.settlement.entry_date),
                  by: data.settlement.settled_by,
                })}
              </Text>
            </Alert>
          ) : (
            maySettle && (
              <Group mb="md">
                <Confirm
                  label={t("accounts.settlement.settle")}
                  title={t("accounts.settlement.confirmTitle")}
                  act={settle}
                  onDone={setSentence}
                >
                  <Facts
                    rows={[
                      [t("accounts.settlement.insurer"), data.name],
                      [t("accounts.settlement.period"), `${date(data.from)} – ${date(data.to)}`],
                      [t("accounts.settlement.amountDue"), money(data.amount_due)],
                    ]}
                  />
                  <Text>{t("accounts.settlement.confirmText")}</Text>
                </Confirm>
              </Group>
            )
          )}
          <Title order={2} size="h3" mb="xs">
            {t("accounts.settlement.premiums")}
          </Title>
          <RowsTable
            mb="lg"
            rows={data.premiums}
            rowKey={(p) => p.item_id}
            empty={t("common.empty")}
            columns={[
              { label: t("accounts.item.reference"), cell: (p) => p.reference },
              { label: t("accounts.item.policy"), cell: (p) => p.policy_number ?? "" },
              { label: t("accounts.item.date"), cell: (p) => date(p.date) },
              { label: t("accounts.settlement.premium"), money: (p) => p.premium },
              { label: t("accounts.settlement.commission"), money: (p) => p.commission },
              { label: t("accounts.settlement.insurerShare"), money: (p) => p.insurer_share },
              { label: t("accounts.item.remaining"), money: (p) => p.open },
            ]}
          />
          <Title order={2} size="h3" mb="xs">
            {t("accounts.settlement.claims")}
          </Title>
          <RowsTable
            rows={data.claims}
            rowKey={(c) => c.item_id}
            empty={t("common.empty")}
            columns={[
              { label: t("accounts.item.reference"), cell: (c) => c.reference },
              { label: t("accounts.item.description"), cell: (c) => c.description },
              { label: t("accounts.item.date"), cell: (c) => date(c.date) },
              { label: t("accounts.settlement.claimsPaid"), money: (c) => c.paid },
            ]}
          />
        </>
      )}
    </Page>
  );
}
