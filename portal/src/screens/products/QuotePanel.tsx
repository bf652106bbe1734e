import { Alert, Badge, Button, Card, Checkbox, Group, List, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import type RjsfForm from "@rjsf/core";
import type { RJSFSchema } from "@rjsf/utils";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/generated/product";
import { formatDate, formatMoney } from "../../format";
import { ApiError } from "../../problems";
import { ErrorNotice, errorText } from "../../ui";
import { FREQUENCIES, list, obj, type Json } from "./definition";
import { RiskForm, type Risk } from "./RiskForm";
import { DARK } from "./StatusBadge";

type Quote = components["schemas"]["QuoteOut"];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Try a version in test mode (or live for the manual channel): the risk form from the version's
 * JSON Schema, a quote with its premium and the rating trace. */
export function QuotePanel({ code, version, definition }: { code: string; version: number; definition: Json }) {
  const { t, i18n } = useTranslation();
  const schema = useQuery({
    queryKey: ["risk-schema", code, version],
    queryFn: () =>
      unwrap(api.GET("/api/products/{code}/versions/{version}/risk-schema", { params: { path: { code, version } } })),
  });
  const coverages = list(obj(definition).coverages).map((c) => obj(c));
  const required = coverages.filter((c) => c.required === true).map((c) => String(c.code));
  const from = String(obj(definition).effective_from ?? "");
  const [risk, setRisk] = useState<Risk>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const [start, setStart] = useState(from > today() ? from : today());
  const [frequency, setFrequency] = useState<string>("annual");
  const [quote, setQuote] = useState<Quote | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<RjsfForm<Risk> | null>(null);
  const offered = Object.keys(obj(obj(definition).frequencies));

  async function ask(answers: Risk) {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const made = await unwrap(
        api.POST("/api/products/{code}/quotes", {
          params: { path: { code } },
          body: { risk: answers, coverages: [...new Set([...required, ...chosen])], start_date: start, frequency: frequency as "annual" },
        }),
      );
      setQuote(made);
    } catch (error) {
      setQuote(null);
      const fields: Record<string, string> = {};
      if (error instanceof ApiError && error.problem.status === 422) {
        for (const e of error.problem.errors ?? []) {
          const key = e.field.startsWith("risk.") ? e.field.slice(5) : e.field;
          fields[key] = t("products.quote.wrong");
        }
      }
      setErrors(fields);
      if (!Object.keys(fields).length) setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const riskErrors = Object.fromEntries(
    Object.entries(errors).filter(([k]) => !["start_date", "coverages", "frequency"].includes(k.split(".")[0] ?? "")),
  );
  return (
    <Card withBorder component="section" aria-labelledby="quote-panel">
      <Title order={2} size="h3" id="quote-panel" mb="sm">
        {t("products.quote.title")}
      </Title>
      <Stack>
        <ErrorNotice error={schema.error} />
        <Group align="flex-start">
          <TextInput
            label={t("products.quote.startDate")}
            type="date"
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={errors.start_date}
          />
          <Select
            label={t("products.quote.frequency")}
            data={FREQUENCIES.filter((f) => offered.includes(f)).map((f) => ({ value: f, label: t(`products.frequencies.${f}`) }))}
            value={frequency}
            allowDeselect={false}
            onChange={(v) => v && setFrequency(v)}
            error={errors.frequency}
          />
        </Group>
        <Checkbox.Group label={t("products.quote.coverages")} value={[...required, ...chosen]} error={errors.coverages}>
          <Group mt="xs">
            {coverages.map((c) => (
              <Checkbox
                key={String(c.code)}
                value={String(c.code)}
                label={`${String(c.name)} (${String(c.code)})`}
                disabled={c.required === true}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setChosen((now) => (checked ? [...now, String(c.code)] : now.filter((x) => x !== String(c.code))));
                }}
              />
            ))}
          </Group>
        </Checkbox.Group>
        {schema.data && (
          <RiskForm
            schema={schema.data as RJSFSchema}
            value={risk}
            onChange={setRisk}
            onSubmit={(answers) => void ask(answers)}
            serverErrors={riskErrors}
            formRef={formRef}
          />
        )}
        <Group>
          <Button loading={busy} onClick={() => formRef.current?.submit()}>
            {t("products.quote.ask")}
          </Button>
        </Group>
        {failure !== null && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{errorText(failure, t)}</Text>
          </Alert>
        )}
        {quote && (
          <Card withBorder aria-live="polite" data-testid="quote-result">
            <Group mb="xs">
              <Title order={3} size="h4">
                {t("products.quote.result", { version: quote.version })}
              </Title>
              <Badge color={quote.decision === "accept" ? DARK.green : quote.decision === "refer" ? DARK.amber : DARK.red}>
                {t(`products.decisions.${quote.decision}`)}
              </Badge>
              {quote.test && <Badge color={DARK.grey}>{t("products.quote.test")}</Badge>}
            </Group>
            {quote.reasons.length > 0 && (
              <List mb="sm">
                {quote.reasons.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            )}
            {quote.premium && (
              <Table mb="sm" w={420}>
                <Table.Tbody>
                  {(["net", "commission", "tax", "total"] as const).map((k) => (
                    <Table.Tr key={k}>
                      <Table.Th scope="row">{t(`products.quote.${k}`)}</Table.Th>
                      <Table.Td ta="right">{formatMoney(quote.premium?.[k] ?? "0", quote.premium?.currency ?? "EUR", i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Text size="sm">
              {t("products.quote.validUntil", { date: formatDate(quote.valid_until, i18n.language) })} ·{" "}
              {t(`products.frequencies.${quote.premium?.frequency ?? frequency}`)}
            </Text>
            <Title order={4} size="h5" mt="sm">
              {t("products.quote.trace")}
            </Title>
            <List type="ordered" size="sm" ff="monospace" aria-label={t("products.quote.trace")}>
              {(quote.trace ?? []).map((line, i) => (
                <List.Item key={i}>{line}</List.Item>
              ))}
            </List>
          </Card>
        )}
      </Stack>
    </Card>
  );
}
