import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { createContext, useContext, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  DECISIONS,
  DERIVATIONS,
  FACTOR_KINDS,
  FREQUENCIES,
  QUESTION_TYPES,
  TESTS,
  factorKind,
  getAt,
  list,
  newCoverage,
  newFactor,
  newQuestion,
  newRule,
  obj,
  setAt,
  type FactorKind,
  type Json,
} from "./definition";
import { DARK } from "./StatusBadge";

interface Draft {
  value: Json;
  set: (path: string, value: Json | undefined) => void;
  errors: Map<string, string[]>;
  readOnly: boolean;
}

const DraftContext = createContext<Draft | null>(null);

function useDraft(): Draft & { error: (path: string) => string | undefined; text: (path: string) => string } {
  const draft = useContext(DraftContext);
  const { t } = useTranslation();
  if (!draft) throw new Error("outside the designer");
  return {
    ...draft,
    error: (path) => {
      const keys = draft.errors.get(path);
      return keys ? keys.map((k) => t(`products.errors.${k}`)).join(" ") : undefined;
    },
    text: (path) => {
      const v = getAt(draft.value, path);
      return v === null || v === undefined ? "" : String(v);
    },
  };
}

/** A text field bound to the definition at `path`; empty removes optional keys. */
function Field({ path, label, optional, w }: { path: string; label: string; optional?: boolean; w?: number }) {
  const d = useDraft();
  return (
    <TextInput
      label={label}
      w={w}
      value={d.text(path)}
      readOnly={d.readOnly}
      error={d.error(path)}
      onChange={(e) => {
        const v = e.currentTarget.value;
        d.set(path, optional && v === "" ? undefined : v);
      }}
    />
  );
}

function Check({ path, label }: { path: string; label: string }) {
  const d = useDraft();
  return (
    <Checkbox
      mt="lg"
      label={label}
      checked={getAt(d.value, path) === true}
      disabled={d.readOnly}
      error={d.error(path)}
      onChange={(e) => d.set(path, e.currentTarget.checked)}
    />
  );
}

/** Errors the server gave for a whole group (a range, a factor, a coverage). */
function GroupError({ path }: { path: string }) {
  const d = useDraft();
  const message = d.error(path);
  return message ? (
    <Text c="red.9" size="sm" role="alert">
      {message}
    </Text>
  ) : null;
}

function Remove({ path, label }: { path: string; label: string }) {
  const d = useDraft();
  const { t } = useTranslation();
  if (d.readOnly) return null;
  return (
    <Button variant="subtle" c={DARK.red} size="xs" onClick={() => d.set(path, undefined)}>
      {t("products.designer.remove", { what: label })}
    </Button>
  );
}

function Add({ path, item, label }: { path: string; item: Json; label: string }) {
  const d = useDraft();
  if (d.readOnly) return null;
  const items = list(getAt(d.value, path));
  return (
    <Group>
      <Button variant="default" size="xs" onClick={() => d.set(path, [...items, item])}>
        {label}
      </Button>
    </Group>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section">
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

function useQuestions(): { value: string; label: string }[] {
  const d = useDraft();
  return list(getAt(d.value, "questions")).map((q) => {
    const key = String(obj(q).key ?? "");
    return { value: key, label: `${String(obj(q).label ?? "") || key} (${key})` };
  });
}

function QuestionSelect({ path, label }: { path: string; label: string }) {
  const d = useDraft();
  const questions = useQuestions();
  const current = d.text(path);
  const data = questions.some((q) => q.value === current) || !current ? questions : [...questions, { value: current, label: current }];
  return (
    <Select
      label={label}
      data={data}
      value={current || null}
      readOnly={d.readOnly}
      allowDeselect={false}
      error={d.error(path)}
      onChange={(v) => v && d.set(path, v)}
      w={230}
    />
  );
}

function General() {
  const { t } = useTranslation();
  return (
    <Section title={t("products.designer.general")}>
      <GroupError path="definition" />
      <Group align="flex-start" grow>
        <Field path="name" label={t("products.designer.name")} />
        <Field path="effective_from" label={t("products.designer.effectiveFrom")} />
        <Field path="commission" label={t("products.designer.commission")} />
      </Group>
      <Group align="flex-start" grow>
        <Field path="insurer.code" label={t("products.designer.insurerCode")} />
        <Field path="insurer.name" label={t("products.designer.insurerName")} />
      </Group>
      <Fieldset legend={t("products.designer.frequencies")}>
        <GroupError path="frequencies" />
        <Group align="flex-start" grow>
          {FREQUENCIES.map((f) => (
            <Field key={f} path={`frequencies.${f}`} label={t(`products.frequencies.${f}`)} optional />
          ))}
        </Group>
      </Fieldset>
    </Section>
  );
}

function Question({ index }: { index: number }) {
  const { t } = useTranslation();
  const d = useDraft();
  const path = `questions.${index}`;
  const type = d.text(`${path}.type`);
  const key = d.text(`${path}.key`);
  return (
    <Fieldset legend={t("products.designer.questionN", { key })}>
      <GroupError path={path} />
      <Group align="flex-start">
        <Field path={`${path}.key`} label={t("products.designer.key")} w={180} />
        <Field path={`${path}.label`} label={t("products.designer.label")} w={280} />
        <Select
          label={t("products.designer.type")}
          data={QUESTION_TYPES.map((q) => ({ value: q, label: t(`products.questionTypes.${q}`) }))}
          value={type}
          readOnly={d.readOnly}
          allowDeselect={false}
          error={d.error(`${path}.type`)}
          onChange={(v) => {
            if (!v) return;
            const q = { key, label: d.text(`${path}.label`), type: v, required: getAt(d.value, `${path}.required`) !== false };
            d.set(path, v === "choice" ? { ...q, options: [] } : q);
          }}
          w={150}
        />
        <Check path={`${path}.required`} label={t("products.designer.required")} />
      </Group>
      <Group align="flex-start">
        {type === "text" && <Field path={`${path}.pattern`} label={t("products.designer.pattern")} optional w={280} />}
        {type === "number" && (
          <>
            <Field path={`${path}.minimum`} label={t("products.designer.minimum")} optional w={140} />
            <Field path={`${path}.maximum`} label={t("products.designer.maximum")} optional w={140} />
          </>
        )}
        {type === "choice" && (
          <TagsInput
            label={t("products.designer.options")}
            value={list(getAt(d.value, `${path}.options`)).map(String)}
            readOnly={d.readOnly}
            error={d.error(`${path}.options`)}
            onChange={(v) => d.set(`${path}.options`, v)}
            w={420}
          />
        )}
      </Group>
      <Remove path={path} label={key} />
    </Fieldset>
  );
}

/** How a condition or a range factor derives a number from the answer (age, postcode area). */
function DerivationSelect({ path }: { path: string }) {
  const { t } = useTranslation();
  const d = useDraft();
  return (
    <Select
      label={t("products.designer.by")}
      data={DERIVATIONS.map((b) => ({ value: b, label: t(`products.derivations.${b || "none"}`) }))}
      value={d.text(path)}
      readOnly={d.readOnly}
      allowDeselect={false}
      error={d.error(path)}
      onChange={(v) => d.set(path, v ? v : undefined)}
      w={170}
    />
  );
}

function Condition({ path }: { path: string }) {
  const { t } = useTranslation();
  const d = useDraft();
  const condition = obj(getAt(d.value, path));
  const test = TESTS.find((x) => condition[x] != null) ?? "equals";
  const question = list(getAt(d.value, "questions")).find((q) => obj(q).key === condition.question);
  const boolean = obj(question).type === "boolean" && !condition.by;
  return (
    <Group align="flex-start">
      <GroupError path={path} />
      <QuestionSelect path={`${path}.question`} label={t("products.designer.question")} />
      <DerivationSelect path={`${path}.by`} />
      <Select
        label={t("products.designer.test")}
        data={TESTS.map((x) => ({ value: x, label: t(`products.tests.${x}`) }))}
        value={test}
        readOnly={d.readOnly}
        allowDeselect={false}
        onChange={(v) => {
          if (!v || v === test) return;
          const { [test]: value, ...rest } = condition;
          d.set(path, { ...rest, [v]: value ?? "" });
        }}
        w={150}
      />
      {boolean && test === "equals" ? (
        <Select
          label={t("products.designer.value")}
          data={[
            { value: "true", label: t("common.yes") },
            { value: "false", label: t("common.no") },
          ]}
          value={String(condition.equals === true)}
          readOnly={d.readOnly}
          allowDeselect={false}
          error={d.error(`${path}.equals`)}
          onChange={(v) => d.set(`${path}.equals`, v === "true")}
          w={110}
        />
      ) : (
        <Field path={`${path}.${test}`} label={t("products.designer.value")} w={140} />
      )}
    </Group>
  );
}

function Factor({ path, index }: { path: string; index: number }) {
  const { t } = useTranslation();
  const d = useDraft();
  const factor = obj(getAt(d.value, path));
  const kind = factorKind(factor);
  const questions = useQuestions();
  const question = list(getAt(d.value, "questions")).find((q) => obj(q).key === factor.question);
  const answers =
    obj(question).type === "boolean" ? ["true", "false"] : list(obj(question).options).map(String);
  const tableKeys = [...new Set([...answers, ...Object.keys(obj(factor.table))])];
  return (
    <Fieldset legend={t("products.designer.factorN", { n: index + 1 })}>
      <GroupError path={path} />
      <SegmentedControl
        aria-label={t("products.designer.factorKind")}
        data={FACTOR_KINDS.map((k) => ({ value: k, label: t(`products.factorKinds.${k}`) }))}
        value={kind}
        readOnly={d.readOnly}
        onChange={(v) => d.set(path, newFactor(v as FactorKind, questions[0]?.value ?? ""))}
        mb="xs"
      />
      {kind === "when" && (
        <Group align="flex-start">
          <Condition path={`${path}.when`} />
          <Field path={`${path}.factor`} label={t("products.designer.factor")} w={120} />
        </Group>
      )}
      {kind === "table" && (
        <Stack gap="xs">
          <QuestionSelect path={`${path}.question`} label={t("products.designer.question")} />
          <GroupError path={`${path}.table`} />
          <Group align="flex-start">
            {tableKeys.map((k) => (
              <Field key={k} path={`${path}.table.${k}`} label={t("products.designer.factorFor", { answer: k })} optional w={150} />
            ))}
          </Group>
        </Stack>
      )}
      {kind === "ranges" && (
        <Stack gap="xs">
          <Group align="flex-start">
            <QuestionSelect path={`${path}.question`} label={t("products.designer.question")} />
            <DerivationSelect path={`${path}.by`} />
          </Group>
          <GroupError path={`${path}.ranges`} />
          {list(factor.ranges).map((_, i) => (
            <Group key={i} align="flex-start" role="group" aria-label={t("products.designer.rangeN", { n: i + 1 })}>
              <Field path={`${path}.ranges.${i}.from`} label={t("products.designer.from")} w={110} />
              <Field path={`${path}.ranges.${i}.to`} label={t("products.designer.to")} w={110} />
              <Field path={`${path}.ranges.${i}.factor`} label={t("products.designer.factor")} w={110} />
              <Stack gap={0} mt="lg">
                <GroupError path={`${path}.ranges.${i}`} />
                <Remove path={`${path}.ranges.${i}`} label={t("products.designer.rangeN", { n: i + 1 })} />
              </Stack>
            </Group>
          ))}
          <Add path={`${path}.ranges`} item={{ from: "", to: "", factor: "1.00" }} label={t("products.designer.addRange")} />
        </Stack>
      )}
      <Remove path={path} label={t("products.designer.factorN", { n: index + 1 })} />
    </Fieldset>
  );
}

function Coverage({ index }: { index: number }) {
  const { t } = useTranslation();
  const d = useDraft();
  const path = `coverages.${index}`;
  const rating = `${path}.rating`;
  const perQuestion = getAt(d.value, `${rating}.base.per`) != null;
  const code = d.text(`${path}.code`);
  return (
    <Card withBorder component="section" aria-label={t("products.designer.coverageN", { code })}>
      <Title order={4} size="h5" mb="xs">
        {t("products.designer.coverageN", { code })}
      </Title>
      <Stack gap="sm">
        <GroupError path={path} />
        <Group align="flex-start">
          <Field path={`${path}.code`} label={t("products.designer.code")} w={140} />
          <Field path={`${path}.name`} label={t("products.designer.name")} w={320} />
          <Field path={`${path}.tax_rate`} label={t("products.designer.taxRate")} w={120} />
          <Check path={`${path}.required`} label={t("products.designer.requiredCoverage")} />
        </Group>
        <TagsInput
          label={t("products.designer.causes")}
          description={t("products.designer.causesHelp")}
          value={list(getAt(d.value, `${path}.causes`)).map(String)}
          readOnly={d.readOnly}
          error={d.error(`${path}.causes`) ?? list(getAt(d.value, `${path}.causes`)).map((_, i) => d.error(`${path}.causes.${i}`)).find(Boolean)}
          onChange={(v) => d.set(`${path}.causes`, v)}
        />
        <Fieldset legend={t("products.designer.tariff")}>
          <GroupError path={`${rating}.base`} />
          <SegmentedControl
            aria-label={t("products.designer.baseKind")}
            data={[
              { value: "amount", label: t("products.designer.baseAmount") },
              { value: "per", label: t("products.designer.basePer") },
            ]}
            value={perQuestion ? "per" : "amount"}
            readOnly={d.readOnly}
            onChange={(v) => d.set(`${rating}.base`, v === "per" ? { per: "", rate: "" } : { amount: "" })}
            mb="xs"
          />
          <Group align="flex-start">
            {perQuestion ? (
              <>
                <QuestionSelect path={`${rating}.base.per`} label={t("products.designer.per")} />
                <Field path={`${rating}.base.rate`} label={t("products.designer.rate")} w={140} />
              </>
            ) : (
              <Field path={`${rating}.base.amount`} label={t("products.designer.amount")} w={160} />
            )}
            <Field path={`${rating}.minimum`} label={t("products.designer.minimumPremium")} optional w={160} />
          </Group>
        </Fieldset>
        {list(getAt(d.value, `${rating}.factors`)).map((_, i) => (
          <Factor key={i} path={`${rating}.factors.${i}`} index={i} />
        ))}
        <Add
          path={`${rating}.factors`}
          item={newFactor("table", list(getAt(d.value, "questions")).map((q) => String(obj(q).key))[0] ?? "")}
          label={t("products.designer.addFactor")}
        />
        <Remove path={path} label={code} />
      </Stack>
    </Card>
  );
}

function Rule({ index }: { index: number }) {
  const { t } = useTranslation();
  const d = useDraft();
  const path = `acceptance.${index}`;
  return (
    <Fieldset legend={t("products.designer.ruleN", { n: index + 1 })}>
      <GroupError path={path} />
      <Condition path={`${path}.when`} />
      <Group align="flex-start" mt="xs">
        <Select
          label={t("products.designer.decision")}
          data={DECISIONS.map((x) => ({ value: x, label: t(`products.decisions.${x}`) }))}
          value={d.text(`${path}.decision`)}
          readOnly={d.readOnly}
          allowDeselect={false}
          error={d.error(`${path}.decision`)}
          onChange={(v) => v && d.set(`${path}.decision`, v)}
          w={170}
        />
        <Field path={`${path}.reason`} label={t("products.designer.reason")} w={480} />
      </Group>
      <Remove path={path} label={t("products.designer.ruleN", { n: index + 1 })} />
    </Fieldset>
  );
}

/** The designer of a draft version: every part of the definition, with the service's 422 errors
 * on the fields they name. */
export function Designer({
  value,
  onChange,
  errors,
  readOnly,
}: {
  value: Json;
  onChange: (value: Json) => void;
  errors: Map<string, string[]>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const draft: Draft = { value, set: (path, v) => onChange(setAt(value, path, v)), errors, readOnly };
  const questions = list(getAt(value, "questions"));
  const coverages = list(getAt(value, "coverages"));
  const rules = list(getAt(value, "acceptance"));
  const firstQuestion = String(obj(questions[0]).key ?? "");
  return (
    <DraftContext.Provider value={draft}>
      <Stack>
        {errors.size > 0 && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{t("products.designer.errorsSummary", { count: errors.size })}</Text>
          </Alert>
        )}
        <General />
        <Section title={t("products.designer.questions")}>
          <GroupError path="questions" />
          {questions.map((_, i) => (
            <Question key={i} index={i} />
          ))}
          <Add path="questions" item={newQuestion(questions.length)} label={t("products.designer.addQuestion")} />
        </Section>
        <Section title={t("products.designer.coverages")}>
          <GroupError path="coverages" />
          {coverages.map((_, i) => (
            <Coverage key={i} index={i} />
          ))}
          <Add path="coverages" item={newCoverage(coverages.length)} label={t("products.designer.addCoverage")} />
        </Section>
        <Section title={t("products.designer.acceptance")}>
          {rules.length === 0 && <Text>{t("products.designer.noRules")}</Text>}
          {rules.map((_, i) => (
            <Rule key={i} index={i} />
          ))}
          <Add path="acceptance" item={newRule(firstQuestion)} label={t("products.designer.addRule")} />
        </Section>
      </Stack>
    </DraftContext.Provider>
  );
}
