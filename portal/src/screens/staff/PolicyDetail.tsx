import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Tabs, Text, TextInput, Timeline } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { addressLine, Day, DocumentTable, documentCaption, Field, StatusBadge, type Policy, AnchorLink } from "../../clerk/parts";
import { answerText, questionLabel, useVersion, type VersionInfo } from "../../clerk/product";
import { POLICY_TABS } from "../../clerk/routes";
import { formatDateTime } from "../../format";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Page, Pager, useCursor } from "../../ui";
import { CancelDialog, MutationWizard, PremiumLine } from "./MutationWizard";
import { PolicyDocuments } from "./PolicyDocuments";

const route = getRouteApi("/policies/$policyId");

function coverageName(version: VersionInfo | undefined, code: string): string {
  const found = version?.coverages.find((c) => c.code === code);
  return found ? `${found.name} (${code})` : code;
}

/** How the holder pays: by transfer, or by direct debit on the holder's mandate (collected by the
 * ledger's collection runs); changed here by whoever may change policies. */
function PaymentMethod({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mayChange = can(useMe().data, "policies", "change");
  const [method, setMethod] = useState(policy.payment_method);
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setError(null);
    try {
      await unwrap(
        api.PUT("/api/policies/{policy_id}/payment-method", {
          params: { path: { policy_id: policy.id } },
          body: { method },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ["policy", policy.id] });
    } catch (e) {
      setError(e);
    }
  }
  if (!mayChange) return <Field label={t("clerk.policy.paymentMethod")}>{t(`clerk.payment.${policy.payment_method}`)}</Field>;
  return (
    <Group align="flex-end">
      <NativeSelect
        label={t("clerk.policy.paymentMethod")}
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value as Policy["payment_method"])}
        data={(["transfer", "direct_debit"] as const).map((m) => ({ value: m, label: t(`clerk.payment.${m}`) }))}
      />
      {method !== policy.payment_method && (
        <Button variant="outline" onClick={() => void save()}>
          {t("common.save")}
        </Button>
      )}
      <ErrorNotice error={error} />
    </Group>
  );
}

function Overview({ policy, version }: { policy: Policy; version: VersionInfo | undefined }) {
  const { t, i18n } = useTranslation();
  const holder = useQuery({
    queryKey: ["relation", policy.holder_id],
    queryFn: () => unwrap(api.GET("/api/relations/{relation_id}", { params: { path: { relation_id: policy.holder_id } } })),
  });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder>
        <Stack gap="xs">
          <Field label={t("clerk.policy.holder")}>
            <AnchorLink to="/relations/$relationId" params={{ relationId: policy.holder_id }}>
              {holder.data?.name ?? t("clerk.policy.holderLink")}
            </AnchorLink>
          </Field>
          <Field label={t("clerk.policy.product")}>
            {version?.name ?? String(policy.product.code)} ({String(policy.product.code)} v{String(policy.product.version)})
          </Field>
          <Field label={t("clerk.policy.insurer")}>{policy.insurer.name ?? ""}</Field>
          <Field label={t("clerk.policy.status")}>
            <StatusBadge status={policy.status} />
            {policy.test && <Text span> {t("clerk.policy.test")}</Text>}
          </Field>
          <Field label={t("clerk.policy.start")}>
            <Day iso={policy.start_date} />
          </Field>
          <Field label={t("clerk.policy.term")}>
            <Day iso={policy.term_start} /> – <Day iso={policy.renewal_date} />
          </Field>
          <Field label={t("clerk.policy.billedUntil")}>
            <Day iso={policy.billed_until} />
          </Field>
          {policy.cancelled_from && (
            <Field label={t("clerk.policy.cancelledFrom")}>
              <Day iso={policy.cancelled_from} /> — {policy.cancel_reason}
            </Field>
          )}
          <Field label={t("clerk.policy.address")}>{addressLine(policy.address as Policy["address"] & object) || "—"}</Field>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Field label={t("clerk.policy.premium")}>
            <PremiumLine premium={policy.premium} />
          </Field>
          <Field label={t("clerk.policy.frequency")}>{policy.frequency ? t(`clerk.frequency.${policy.frequency}`) : "—"}</Field>
          <PaymentMethod policy={policy} />
          <Field label={t("clerk.policy.coverages")}>
            {policy.coverages.length ? policy.coverages.map((c) => <div key={c}>{coverageName(version, c)}</div>) : "—"}
          </Field>
          <Field label={t("clerk.policy.chosen")}>
            {policy.chosen_coverages.length ? policy.chosen_coverages.map((c) => <div key={c}>{coverageName(version, c)}</div>) : "—"}
          </Field>
          {Object.entries(policy.risk ?? {}).map(([key, value]) => (
            <Field key={key} label={questionLabel(version?.schema, key)}>
              {answerText(value, t, i18n.language)}
            </Field>
          ))}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function changeText(
  changes: Record<string, unknown>,
  version: VersionInfo | undefined,
  t: ReturnType<typeof useTranslation>["t"],
  language: string,
): string[] {
  const out: string[] = [];
  const risk = changes.risk as Record<string, unknown> | undefined;
  if (risk)
    out.push(
      ...Object.entries(risk).map(([k, v]) => `${questionLabel(version?.schema, k)}: ${answerText(v, t, language)}`),
    );
  if (Array.isArray(changes.coverages))
    out.push(`${t("clerk.policy.chosen")}: ${changes.coverages.map((c) => coverageName(version, String(c))).join(", ") || t("common.none")}`);
  if (typeof changes.frequency === "string") out.push(`${t("clerk.policy.frequency")}: ${t(`clerk.frequency.${changes.frequency}`)}`);
  if (changes.address && typeof changes.address === "object")
    out.push(`${t("clerk.policy.address")}: ${addressLine(changes.address as Policy["address"] & object)}`);
  return out;
}

function PolicyTimeline({ policy, version, onPick }: { policy: Policy; version: VersionInfo | undefined; onPick: (day: string) => void }) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: ["policy", policy.id, "history"],
    queryFn: () => unwrap(api.GET("/api/policies/{policy_id}/history", { params: { path: { policy_id: policy.id } } })),
  });
  const entries = [...(history.data ?? [])].sort((a, b) => a.effective_date.localeCompare(b.effective_date) || a.seq - b.seq);
  return (
    <>
      <ErrorNotice error={history.error} />
      <Timeline active={entries.length} bulletSize={18} lineWidth={2}>
        {entries.map((e) => (
          <Timeline.Item key={e.seq} title={t(`clerk.timeline.kind.${e.kind}`, { defaultValue: e.kind })} data-entry={e.kind}>
            <Stack gap={2}>
              <Group gap="xs">
                <Text size="sm">{t("clerk.timeline.from")}</Text>
                <Anchor component="button" type="button" size="sm" onClick={() => onPick(e.effective_date)}>
                  <Day iso={e.effective_date} />
                </Anchor>
              </Group>
              {changeText(e.changes, version, t, i18n.language).map((line) => (
                <Text size="sm" key={line}>
                  {line}
                </Text>
              ))}
              {e.premium && (
                <Text size="sm">
                  {t("clerk.policy.premium")}: <PremiumLine premium={e.premium} />
                </Text>
              )}
              {e.note && <Text size="sm">{e.note}</Text>}
              <Text size="sm" c="dimmed">
                {t("clerk.timeline.entered", { who: e.entered_by, when: formatDateTime(String(e.entered_at), i18n.language) })}
              </Text>
            </Stack>
          </Timeline.Item>
        ))}
      </Timeline>
    </>
  );
}

function Invoices({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const paging = useCursor(policy.id);
  const invoices = useQuery({
    queryKey: ["policy", policy.id, "invoices", paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/policies/{policy_id}/invoices", {
          params: { path: { policy_id: policy.id }, query: { limit: 20, cursor: paging.cursor } },
        }),
      ),
  });
  const documents = invoices.data?.items ?? [];
  return (
    <Stack>
      <ErrorNotice error={invoices.error} />
      {invoices.isSuccess && !documents.length && paging.page === 1 && <Text>{t("clerk.invoices.none")}</Text>}
      {documents.map((d) => (
        <Card withBorder key={d.id}>
          <DocumentTable document={d} caption={documentCaption(d, t)} />
          <Text size="sm" mt={4}>
            {t("clerk.invoices.issued")} <Day iso={d.issue_date} />, {t("clerk.invoices.due")} <Day iso={d.due_date} />
          </Text>
        </Card>
      ))}
      {(paging.page > 1 || invoices.data?.next_cursor) && <Pager paging={paging} nextCursor={invoices.data?.next_cursor} />}
    </Stack>
  );
}

export default function PolicyDetail() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { policyId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const policy = useQuery({
    queryKey: ["policy", policyId, search.as_of ?? null],
    queryFn: () =>
      unwrap(api.GET("/api/policies/{policy_id}", { params: { path: { policy_id: policyId }, query: { as_of: search.as_of ?? null } } })),
  });
  const p = policy.data;
  const version = useVersion(p ? String(p.product.code) : undefined, p ? Number(p.product.version) : undefined);
  const go = (next: typeof search) => void navigate({ to: "/policies/$policyId", params: { policyId }, search: next });
  if (!p)
    return (
      <Page title={t("clerk.policies.title")}>
        <ErrorNotice error={policy.error} />
      </Page>
    );
  const changeable = can(me, "policies", "change") && p.status === "active" && !p.cancelled_from;
  return (
    <Page
      title={t("clerk.policy.title", { number: p.number })}
      actions={
        changeable && (
          <Group>
            <Button onClick={() => setChanging(true)}>{t("clerk.policy.change")}</Button>
            <Button variant="outline" color="red.9" onClick={() => setCancelling(true)}>
              {t("clerk.policy.cancel")}
            </Button>
          </Group>
        )
      }
    >
      <Group mb="sm" align="flex-end">
        <AnchorLink to="/policies">
          {t("clerk.policy.back")}
        </AnchorLink>
      </Group>
      <Group mb="md" align="flex-end">
        <TextInput
          type="date"
          label={t("clerk.policy.asOf")}
          value={search.as_of ?? p.as_of}
          onChange={(e) => go({ ...search, as_of: e.currentTarget.value || undefined })}
        />
        {search.as_of && (
          <Button variant="default" onClick={() => go({ ...search, as_of: undefined })}>
            {t("clerk.policy.today")}
          </Button>
        )}
        <Text>{t("clerk.policy.shownAsOf")} <Day iso={p.as_of} /></Text>
      </Group>
      <ErrorNotice error={policy.error} />
      <Tabs value={search.tab ?? "overview"} onChange={(v) => go({ ...search, tab: POLICY_TABS.find((x) => x === v) })} keepMounted={false}>
        <Tabs.List mb="md">
          {POLICY_TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`clerk.policy.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Overview policy={p} version={version.data} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <PolicyTimeline policy={p} version={version.data} onPick={(day) => go({ tab: "overview", as_of: day })} />
        </Tabs.Panel>
        <Tabs.Panel value="invoices">
          <Invoices policy={p} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <PolicyDocuments policy={p} />
        </Tabs.Panel>
      </Tabs>
      {changing && <MutationWizard policy={p} opened={changing} onClose={() => setChanging(false)} />}
      {cancelling && <CancelDialog policy={p} opened={cancelling} onClose={() => setCancelling(false)} />}
    </Page>
  );
}
