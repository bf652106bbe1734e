/** An application entered by hand (a paper form): the product, its risk questions as a form
 * generated from the version's JSON Schema, a live quote with its rating trace, the applicant. */
import { Alert, Badge, Button, Card, Code, Grid, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { compactIban } from "../../clerk/checks";
import {
  addressBody,
  CoverageChoice,
  EMPTY_ADDRESS,
  Money,
  PartyFields,
  useFieldProblems,
  type PartyValues,
  AnchorLink,
} from "../../clerk/parts";
import { useVersion } from "../../clerk/product";
import { riskErrors, type Risk } from "../../clerk/risk";
import { RiskForm, riskComplete } from "../../clerk/RiskForm";
import { traceLine } from "../../clerk/trace";
import { can } from "../../rights";
import { STATUS } from "../../theme";
import { useMe } from "../../session";
import { ErrorNotice, Page, errorText } from "../../ui";

const FIELDS = [
  "product",
  "start_date",
  "frequency",
  "coverages",
  "risk",
  "applicant.name",
  "applicant.email",
  "applicant.date_of_birth",
  "applicant.iban",
  "applicant.phone",
  "applicant.address.street",
  "applicant.address.house_number",
  "applicant.address.postcode",
  "applicant.address.city",
] as const;

/** The newest version a clerk may quote on: in test, or live for the manual channel. */
async function offeredVersion(code: string): Promise<number | null> {
  const product = await unwrap(api.GET("/api/products/{code}", { params: { path: { code } } }));
  const versions = [...product.versions].sort((a, b) => Number(b.version) - Number(a.version));
  for (const v of versions) {
    if (v.status === "test") return Number(v.version);
    if (v.status === "live") {
      const found = await unwrap(
        api.GET("/api/products/{code}/versions/{version}", { params: { path: { code, version: Number(v.version) } } }),
      );
      if (found.channels?.manual) return Number(v.version);
    }
  }
  return null;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function Quote({
  code,
  risk,
  coverages,
  start,
  frequency,
  ready,
}: {
  code: string;
  risk: Risk;
  coverages: string[];
  start: string;
  frequency: string;
  ready: boolean;
}) {
  const { t, i18n } = useTranslation();
  // Sorted keys: the same answers make the same request, whatever order the form gave them in.
  const request = JSON.stringify({ code, risk, coverages, start, frequency }, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
  const [settled] = useDebouncedValue(request, 500);
  const quote = useQuery({
    queryKey: ["manual-quote", settled],
    queryFn: () =>
      unwrap(
        api.POST("/api/products/{code}/quotes", {
          params: { path: { code } },
          body: { risk, coverages, start_date: start, frequency: frequency as "annual" | "quarterly" | "monthly" },
        }),
      ),
    enabled: ready && settled === request,
    staleTime: Infinity,
    retry: false,
  });
  const q = quote.data;
  return (
    <Card withBorder aria-live="polite">
      <Title order={2} size="h4" mb="xs">
        {t("clerk.manual.quote")}
      </Title>
      {!ready && <Text>{t("clerk.manual.answerFirst")}</Text>}
      {ready && quote.isFetching && <Text>{t("app.loading")}</Text>}
      {ready && quote.error && <Text c="red.9">{errorText(quote.error, t)}</Text>}
      {ready && q && (
        <Stack gap="xs">
          <Group>
            <Text fw={700} size="lg" data-quote-total>
              {q.premium ? <Money amount={q.premium.total} currency={q.premium.currency} /> : "—"}
            </Text>
            {q.premium && <Text>{t(`clerk.frequency.per.${q.premium.frequency}`)}</Text>}
            <Badge
              variant="outline"
              color={q.decision === "accept" ? STATUS.good : STATUS.bad}
              c={q.decision === "accept" ? STATUS.good : STATUS.bad}
            >
              {t(`clerk.decision.${q.decision}`, { defaultValue: q.decision })}
            </Badge>
          </Group>
          {q.premium && (
            <Text size="sm">
              {t("clerk.premium.net")} <Money amount={q.premium.net} />, {t("clerk.premium.tax")} <Money amount={q.premium.tax} />,{" "}
              {t("clerk.premium.commission")} <Money amount={q.premium.commission} />
            </Text>
          )}
          {q.reasons.map((r) => (
            <Text key={r} size="sm">
              {r}
            </Text>
          ))}
          <Text fw={700} size="sm">
            {t("clerk.manual.trace")}
          </Text>
          <Code block tabIndex={0} aria-label={t("clerk.manual.trace")} data-trace>
            {(q.trace ?? []).map((line) => traceLine(line, i18n.language)).join("\n")}
          </Code>
        </Stack>
      )}
    </Card>
  );
}

export default function ManualApplication() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const problems = useFieldProblems(FIELDS);
  const invalid = t("clerk.field.invalid");
  const riskProblems = useMemo(() => riskErrors(problems.raw, invalid), [problems.raw, invalid]);
  const [code, setCode] = useState<string | null>(null);
  const [risk, setRisk] = useState<Risk>({});
  const [coverages, setCoverages] = useState<string[]>([]);
  const [start, setStart] = useState(today());
  const [frequency, setFrequency] = useState("annual");
  const [applicant, setApplicant] = useState<PartyValues>({
    kind: "person",
    name: "",
    date_of_birth: "",
    email: "",
    phone: "",
    iban: "",
    coc_number: "",
    address: EMPTY_ADDRESS,
  });
  const [busy, setBusy] = useState(false);
  const products = useQuery({
    queryKey: ["products", "all"],
    queryFn: () => unwrap(api.GET("/api/products", { params: { query: { limit: 200 } } })),
  });
  const offered = useQuery({
    queryKey: ["offered-version", code],
    queryFn: () => offeredVersion(code ?? ""),
    enabled: !!code,
  });
  const versionNumber = offered.data ?? undefined;
  const version = useVersion(code ?? undefined, versionNumber);
  const schema = version.data?.schema;
  const ready = !!schema && !!start && riskComplete(schema, risk);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!code || !versionNumber) return;
    setBusy(true);
    problems.clear();
    try {
      const made = await unwrap(
        api.POST("/api/policies/applications", {
          body: {
            product: { code, version: versionNumber },
            start_date: start,
            frequency: frequency as "annual" | "quarterly" | "monthly",
            coverages,
            risk,
            applicant: {
              kind: applicant.kind,
              name: applicant.name.trim(),
              date_of_birth: applicant.date_of_birth || null,
              email: applicant.email.trim(),
              phone: applicant.phone.trim() || null,
              iban: applicant.iban.trim() ? compactIban(applicant.iban) : null,
              address: addressBody(applicant.address),
            },
          },
        }),
      );
      void navigate({ to: "/applications", search: made.review ? { review: "yes" } : {} });
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  }

  if (me && !can(me, "policies", "create"))
    return (
      <Page title={t("clerk.manual.title")}>
        <Alert color="red" variant="outline" role="alert">
          <Text c="red.9">{t("problems.forbidden")}</Text>
        </Alert>
      </Page>
    );
  return (
    <Page title={t("clerk.manual.title")}>
      <AnchorLink to="/applications" mb="sm" display="block">
        {t("clerk.manual.back")}
      </AnchorLink>
      <form onSubmit={submit} noValidate>
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              {problems.message && (
                <Alert color="red" variant="outline" role="alert">
                  <Text c="red.9">{problems.message}</Text>
                </Alert>
              )}
              <ErrorNotice error={products.error ?? offered.error ?? version.error} />
              <Card withBorder>
                <Stack>
                  <Select
                    label={t("clerk.manual.product")}
                    required
                    data={(products.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
                    value={code}
                    onChange={(v) => {
                      setCode(v);
                      setRisk({});
                      setCoverages([]);
                    }}
                    error={problems.error("product")}
                  />
                  {code && offered.isSuccess && offered.data === null && <Text c="red.9">{t("clerk.manual.notOffered")}</Text>}
                  <Group grow align="flex-start">
                    <TextInput
                      type="date"
                      label={t("clerk.manual.start")}
                      required
                      value={start}
                      onChange={(e) => setStart(e.currentTarget.value)}
                      error={problems.error("start_date")}
                    />
                    <Select
                      label={t("clerk.policy.frequency")}
                      allowDeselect={false}
                      data={(version.data?.frequencies ?? ["annual", "quarterly", "monthly"]).map((f) => ({
                        value: f,
                        label: t(`clerk.frequency.${f}`),
                      }))}
                      value={frequency}
                      onChange={(v) => v && setFrequency(v)}
                    />
                  </Group>
                </Stack>
              </Card>
              {schema && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="xs">
                    {t("clerk.manual.risk")}
                  </Title>
                  <RiskForm key={`${code}-${versionNumber}`} schema={schema} value={risk} onChange={setRisk} extraErrors={riskProblems} />
                </Card>
              )}
              {version.data && (
                <Card withBorder>
                  <CoverageChoice
                    coverages={version.data.coverages}
                    label={t("clerk.manual.coverages")}
                    value={coverages}
                    onChange={setCoverages}
                    error={problems.error("coverages")}
                  />
                </Card>
              )}
              <Card withBorder>
                <Stack>
                  <Title order={2} size="h4">
                    {t("clerk.manual.applicant")}
                  </Title>
                  <PartyFields value={applicant} onChange={setApplicant} error={problems.error} prefix="applicant." applicant />
                </Stack>
              </Card>
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!versionNumber}>
                  {t("clerk.manual.submit")}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            {code && versionNumber && (
              <Quote code={code} risk={risk} coverages={coverages} start={start} frequency={frequency} ready={ready} />
            )}
          </Grid.Col>
        </Grid>
      </form>
    </Page>
  );
}
