import { Alert, Button, Card, Group, Radio, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDate } from "../../format";
import { ApiError } from "../../problems";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Page, errorText } from "../../ui";
import { ClaimsNav, causeLabel, useCauses } from "./common";
import { amountText, choicesOf } from "./text";
import { notify } from "../../notify";

const FIELDS = ["policy_id", "loss_date", "cause", "description", "estimate", "coverage", "outside_cover_reason"] as const;
type FieldName = (typeof FIELDS)[number];

function PolicyChoice({ value, onChange, error }: { value: string | null; onChange: (id: string | null) => void; error?: string }) {
  const { t, i18n } = useTranslation();
  const [number, setNumber] = useState("");
  const [asked, setAsked] = useState("");
  const found = useQuery({
    queryKey: ["claim-policy-search", asked],
    enabled: asked !== "",
    queryFn: () => unwrap(api.GET("/api/policies", { params: { query: { number: asked, limit: 10 } } })),
  });
  const items = found.data?.items ?? [];
  return (
    <Card withBorder component="fieldset">
      <Title order={2} size="h4" component="legend">
        {t("claims.register.policy")}
      </Title>
      <Group align="flex-end">
        <TextInput
          label={t("claims.register.policyNumber")}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              setAsked(number.trim());
            }
          }}
          error={error}
        />
        <Button variant="default" onClick={() => setAsked(number.trim())}>
          {t("claims.register.findPolicy")}
        </Button>
      </Group>
      <ErrorNotice error={found.error} />
      {found.isSuccess && items.length === 0 && <Text mt="sm">{t("claims.register.noPolicy")}</Text>}
      {items.length > 0 && (
        <Radio.Group value={value} onChange={onChange} label={t("claims.register.choosePolicy")} mt="sm">
          <Stack gap="xs" mt="xs">
            {items.map((p) => (
              <Radio
                key={p.id}
                value={p.id}
                label={t("claims.register.policyLine", {
                  number: p.number,
                  holder: p.holder_name ?? "",
                  product: p.product.code,
                  start: formatDate(p.start_date, i18n.language),
                })}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Card>
  );
}

export default function RegisterClaim() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const causes = useCauses();
  const [policy, setPolicy] = useState<string | null>(null);
  const [values, setValues] = useState({ loss_date: "", cause: "", description: "", estimate: "", coverage: "", outside_cover_reason: "" });
  const [coverages, setCoverages] = useState<string[]>([]);
  const [outside, setOutside] = useState<string | null>(null);
  const [fields, setFields] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof values) => (value: string) => setValues({ ...values, [name]: value });

  function understand(error: unknown) {
    if (!(error instanceof ApiError) || error.problem.status !== 422 || !error.problem.errors?.length) {
      setFailure(errorText(error, t));
      return;
    }
    const found: Partial<Record<FieldName, string>> = {};
    for (const e of error.problem.errors) {
      const name = FIELDS.find((f) => e.field === f || e.field.startsWith(`${f}.`));
      if (!name) continue;
      const choices = choicesOf(e.message);
      if (e.message === "not covered") {
        // The check refuses: registered outside cover only with a reason.
        setOutside(name);
        found[name] = t("claims.register.notCovered");
      } else if (name === "coverage" && choices.length) {
        setCoverages(choices);
        found.coverage = t("claims.register.chooseCoverage");
      } else {
        found[name] = t(`claims.register.wrong.${name}`);
      }
    }
    if (!Object.keys(found).length) setFailure(errorText(error, t));
    setFields(found);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields({});
    setFailure(null);
    if (!policy) {
      setFields({ policy_id: t("claims.register.wrong.policy_id") });
      return;
    }
    setBusy(true);
    try {
      const made = await unwrap(
        api.POST("/api/claims", {
          body: {
            policy_id: policy,
            loss_date: values.loss_date,
            cause: values.cause,
            description: values.description,
            estimate: amountText(values.estimate, i18n.language) || "0",
            coverage: values.coverage || null,
            outside_cover_reason: outside ? values.outside_cover_reason || null : null,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ["claims"] });
      notify("green", t("claims.register.done", { number: made.number }));
      void navigate({ to: "/claims/$claimId", params: { claimId: made.id } });
    } catch (error) {
      understand(error);
    } finally {
      setBusy(false);
    }
  }

  if (!can(me, "claims", "create"))
    return (
      <Page title={t("claims.register.title")}>
        <ClaimsNav />
        <Text>{t("problems.forbidden")}</Text>
      </Page>
    );
  return (
    <Page title={t("claims.register.title")}>
      <ClaimsNav />
      <form onSubmit={submit} noValidate>
        <Stack maw={760}>
          <PolicyChoice value={policy} onChange={setPolicy} error={fields.policy_id} />
          <Group align="flex-start" grow>
            <TextInput
              label={t("claims.lossDate")}
              type="date"
              required
              value={values.loss_date}
              onChange={(e) => set("loss_date")(e.currentTarget.value)}
              error={fields.loss_date}
            />
            <Select
              label={t("claims.cause")}
              required
              searchable
              data={(causes.data ?? []).map((c) => ({ value: c.code, label: causeLabel(c.code, causes.data, t) }))}
              value={values.cause || null}
              onChange={(v) => set("cause")(v ?? "")}
              error={fields.cause}
            />
            <TextInput
              label={t("claims.register.estimate")}
              inputMode="decimal"
              required
              value={values.estimate}
              onChange={(e) => set("estimate")(e.currentTarget.value)}
              error={fields.estimate}
            />
          </Group>
          <Textarea
            label={t("claims.description")}
            required
            autosize
            minRows={3}
            value={values.description}
            onChange={(e) => set("description")(e.currentTarget.value)}
            error={fields.description}
          />
          {(coverages.length > 0 || fields.coverage) && (
            <Select
              label={t("claims.coverage")}
              data={coverages}
              value={values.coverage || null}
              onChange={(v) => set("coverage")(v ?? "")}
              error={fields.coverage}
            />
          )}
          {outside && (
            <Alert color="yellow" variant="outline">
              <Stack>
                <Text>{t("claims.register.outsideHelp")}</Text>
                <Textarea
                  label={t("claims.register.outsideReason")}
                  value={values.outside_cover_reason}
                  onChange={(e) => set("outside_cover_reason")(e.currentTarget.value)}
                  error={fields.outside_cover_reason}
                />
              </Stack>
            </Alert>
          )}
          {failure && (
            <Alert color="red" variant="outline" role="alert">
              <Text c="red.9">{failure}</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {outside ? t("claims.register.submitOutside") : t("claims.register.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
