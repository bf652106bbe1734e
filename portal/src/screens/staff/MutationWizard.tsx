/** A mid-term change of a policy: what changes and from when, then the invoice or credit note it
 * will make (the API's preview, made by the same code and rolled back), then, confirmed, made. */
import { Alert, Button, Checkbox, Group, Select, Stack, Stepper, Text, TextInput, Textarea } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import {
  AddressFields,
  addressBody,
  CoverageChoice,
  addressValues,
  DocumentList,
  documentsOf,
  Money,
  useFieldProblems,
  type Address,
  type AddressValues,
  type Policy,
  type PremiumDocument,
  Dialog,
} from "../../clerk/parts";
import { useVersion } from "../../clerk/product";
import { riskErrors, type Risk } from "../../clerk/risk";

const RiskForm = lazy(() => import("../../clerk/RiskForm").then((m) => ({ default: m.RiskForm })));

const WHAT = ["risk", "coverages", "frequency", "address"] as const;
type What = (typeof WHAT)[number];
const FIELDS = [
  "effective_date",
  "changes",
  "note",
  "changes.frequency",
  "changes.coverages",
  "changes.risk",
  "risk",
  "changes.address.street",
  "changes.address.house_number",
  "changes.address.postcode",
  "changes.address.city",
] as const;

interface Outcome {
  policy: Policy;
  documents: PremiumDocument[];
}

export function PremiumLine({ premium }: { premium: Record<string, unknown> | null | undefined }) {
  const { t } = useTranslation();
  if (!premium) return <>—</>;
  const currency = String(premium.currency ?? "EUR");
  return (
    <>
      <Money amount={String(premium.total)} currency={currency} />{" "}
      {t(`clerk.frequency.per.${String(premium.frequency ?? "annual")}`)} ({t("clerk.premium.net")}{" "}
      <Money amount={String(premium.net)} currency={currency} />, {t("clerk.premium.tax")}{" "}
      <Money amount={String(premium.tax)} currency={currency} />)
    </>
  );
}

export function MutationWizard({ policy, opened, onClose }: { policy: Policy; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const version = useVersion(String(policy.product.code), Number(policy.product.version));
  const problems = useFieldProblems(FIELDS);
  const invalid = t("clerk.field.invalid");
  const riskProblems = useMemo(() => riskErrors(problems.raw, invalid), [problems.raw, invalid]);
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [effective, setEffective] = useState("");
  const [note, setNote] = useState("");
  const [what, setWhat] = useState<What[]>([]);
  const [risk, setRisk] = useState<Risk>(() => ({ ...(policy.risk ?? {}) }));
  const [coverages, setCoverages] = useState<string[]>(() => [...policy.chosen_coverages]);
  const [frequency, setFrequency] = useState<string>(policy.frequency ?? "annual");
  const [address, setAddress] = useState<AddressValues>(() => addressValues(policy.address as Partial<Address> | null));
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [made, setMade] = useState<Outcome | null>(null);

  const body = () => ({
    effective_date: effective,
    note: note.trim() || null,
    changes: {
      risk: what.includes("risk") ? risk : null,
      coverages: what.includes("coverages") ? coverages : null,
      frequency: what.includes("frequency") ? (frequency as "annual" | "quarterly" | "monthly") : null,
      address: what.includes("address") ? addressBody(address) : null,
    },
  });
  const path = { params: { path: { policy_id: policy.id } } };

  async function run(make: () => Promise<{ policy: Policy; documents: unknown[] }>, then: (o: Outcome) => void) {
    setBusy(true);
    problems.clear();
    try {
      const answer = await make();
      then({ policy: answer.policy, documents: documentsOf(answer) });
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setStep(0);
    setPreview(null);
    setMade(null);
    problems.clear();
    onClose();
  };
  const schema = version.data?.schema;

  return (
    <Dialog opened={opened} onClose={close} title={t("clerk.mutation.title", { number: policy.number })} size="xl">
      <Stepper active={step} mb="md" allowNextStepsSelect={false}>
        <Stepper.Step label={t("clerk.mutation.steps.what")} />
        <Stepper.Step label={t("clerk.mutation.steps.preview")} />
        <Stepper.Step label={t("clerk.mutation.steps.done")} />
      </Stepper>
      {problems.message && (
        <Alert color="red" variant="outline" role="alert" mb="sm">
          <Text c="red.9">{problems.message}</Text>
        </Alert>
      )}
      {step === 0 && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => unwrap(api.POST("/api/policies/{policy_id}/mutations/preview", { ...path, body: body() })),
              (o) => {
                setPreview(o);
                setStep(1);
              },
            );
          }}
        >
          <Stack>
            <TextInput
              type="date"
              label={t("clerk.mutation.effective")}
              description={t("clerk.mutation.effectiveHint")}
              required
              name="effective_date"
              value={effective}
              onChange={(e) => setEffective(e.currentTarget.value)}
              error={problems.error("effective_date")}
            />
            <Checkbox.Group
              label={t("clerk.mutation.whatChanges")}
              value={what}
              onChange={(v) => setWhat(v as What[])}
              error={problems.error("changes")}
            >
              <Group mt={4}>
                {WHAT.map((w) => (
                  <Checkbox key={w} value={w} label={t(`clerk.mutation.what.${w}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            {what.includes("risk") && schema && (
              <fieldset>
                <legend>{t("clerk.mutation.what.risk")}</legend>
                <Suspense fallback={<Text>{t("app.loading")}</Text>}>
                  <RiskForm
                    schema={schema}
                    value={risk}
                    onChange={setRisk}
                    idPrefix="mutation-risk"
                    extraErrors={riskProblems}
                  />
                </Suspense>
              </fieldset>
            )}
            {what.includes("coverages") && (
              <CoverageChoice
                coverages={version.data?.coverages ?? []}
                label={t("clerk.mutation.what.coverages")}
                value={coverages}
                onChange={setCoverages}
                error={problems.error("changes.coverages")}
              />
            )}
            {what.includes("frequency") && (
              <Select
                label={t("clerk.mutation.what.frequency")}
                allowDeselect={false}
                data={(version.data?.frequencies ?? ["annual", "quarterly", "monthly"]).map((f) => ({
                  value: f,
                  label: t(`clerk.frequency.${f}`),
                }))}
                value={frequency}
                onChange={(v) => v && setFrequency(v)}
                error={problems.error("changes.frequency")}
              />
            )}
            {what.includes("address") && (
              <AddressFields value={address} onChange={setAddress} error={(name) => problems.error(`changes.${name}`)} />
            )}
            <Textarea label={t("clerk.mutation.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={busy}>
                {t("clerk.mutation.showPreview")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {step === 1 && preview && (
        <Stack>
          <Text>
            {t("clerk.mutation.newPremium")}: <PremiumLine premium={preview.policy.premium} />
          </Text>
          <DocumentList documents={preview.documents} empty={t("clerk.mutation.noDocuments")} />
          <Text>{t("clerk.mutation.confirmText")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep(0)}>
              {t("clerk.mutation.back")}
            </Button>
            <Button
              loading={busy}
              onClick={() =>
                void run(
                  () => unwrap(api.POST("/api/policies/{policy_id}/mutations", { ...path, body: body() })),
                  (o) => {
                    setMade(o);
                    setStep(2);
                    void queryClient.invalidateQueries({ queryKey: ["policy", policy.id] });
                    void queryClient.invalidateQueries({ queryKey: ["debtor", policy.holder_id] });
                  },
                )
              }
            >
              {t("clerk.mutation.confirm")}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 2 && made && (
        <Stack>
          <Alert color="green" variant="outline" role="status">
            <Text c="green.9">{t("clerk.mutation.done", { count: made.documents.length })}</Text>
          </Alert>
          <DocumentList documents={made.documents} empty={t("clerk.mutation.noDocuments")} />
          <Group justify="flex-end">
            <Button onClick={close}>{t("common.close")}</Button>
          </Group>
        </Stack>
      )}
    </Dialog>
  );
}

export function CancelDialog({ policy, opened, onClose }: { policy: Policy; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problems = useFieldProblems(["effective_date", "reason"]);
  const [effective, setEffective] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PremiumDocument[] | null>(null);
  const [made, setMade] = useState<PremiumDocument[] | null>(null);
  const request = { params: { path: { policy_id: policy.id } }, body: { effective_date: effective, reason: reason.trim() } };
  const close = () => {
    setPreview(null);
    setMade(null);
    problems.clear();
    onClose();
  };
  async function run(confirmed: boolean) {
    setBusy(true);
    problems.clear();
    try {
      const answer = confirmed
        ? await unwrap(api.POST("/api/policies/{policy_id}/cancel", request))
        : await unwrap(api.POST("/api/policies/{policy_id}/cancel/preview", request));
      if (confirmed) {
        setMade(documentsOf(answer));
        void queryClient.invalidateQueries({ queryKey: ["policy", policy.id] });
        void queryClient.invalidateQueries({ queryKey: ["debtor", policy.holder_id] });
      } else setPreview(documentsOf(answer));
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog opened={opened} onClose={close} title={t("clerk.cancel.title", { number: policy.number })} size="xl">
      <Stack>
        {problems.message && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{problems.message}</Text>
          </Alert>
        )}
        {made ? (
          <>
            <Alert color="green" variant="outline" role="status">
              <Text c="green.9">{t("clerk.cancel.done")}</Text>
            </Alert>
            <DocumentList documents={made} empty={t("clerk.mutation.noDocuments")} />
            <Group justify="flex-end">
              <Button onClick={close}>{t("common.close")}</Button>
            </Group>
          </>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void run(false);
            }}
          >
            <Stack>
              <TextInput
                type="date"
                label={t("clerk.cancel.effective")}
                required
                value={effective}
                onChange={(e) => {
                  setEffective(e.currentTarget.value);
                  setPreview(null);
                }}
                error={problems.error("effective_date")}
              />
              <Textarea
                label={t("clerk.cancel.reason")}
                required
                value={reason}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setPreview(null);
                }}
                error={problems.error("reason")}
              />
              {preview && <DocumentList documents={preview} empty={t("clerk.mutation.noDocuments")} />}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t("common.cancel")}
                </Button>
                {preview ? (
                  <Button color="red.9" loading={busy} onClick={() => void run(true)}>
                    {t("clerk.cancel.confirm")}
                  </Button>
                ) : (
                  <Button type="submit" loading={busy}>
                    {t("clerk.mutation.showPreview")}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Dialog>
  );
}
