/** A product version's risk questions as a form generated from its JSON Schema (draft 2020-12):
 * rjsf with the Mantine theme, checked as one answers with messages in the reader's language
 * (by the products screens' validator, which interprets the schema instead of compiling it). */
import "@mantine/dates/styles.css";
import { TextInput } from "@mantine/core";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RJSFSchema, WidgetProps } from "@rjsf/utils";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { riskErrors as answerErrors, riskValidator } from "../screens/products/riskValidator";
import type { Risk } from "./risk";

/** Whether `risk` answers every question as the schema asks. */
export function riskComplete(schema: RJSFSchema, risk: Risk): boolean {
  return answerErrors(schema, risk, (key) => key).length === 0;
}

/** The browser's own date field: typed or picked, always `YYYY-MM-DD`. */
function DateWidget(props: WidgetProps) {
  const error = props.rawErrors?.length ? props.rawErrors.join(" ") : undefined;
  return (
    <TextInput
      id={props.id}
      name={props.name}
      type="date"
      label={props.label}
      required={props.required}
      disabled={props.disabled || props.readonly}
      value={typeof props.value === "string" ? props.value : ""}
      onChange={(e) => props.onChange(e.currentTarget.value || undefined)}
      onBlur={() => props.onBlur(props.id, props.value)}
      onFocus={() => props.onFocus(props.id, props.value)}
      error={error}
    />
  );
}

const UI_SCHEMA = { "ui:submitButtonOptions": { norender: true } };
const WIDGETS = { DateWidget };

export function RiskForm({
  schema,
  value,
  onChange,
  extraErrors,
  idPrefix = "risk",
}: {
  schema: RJSFSchema;
  value: Risk;
  onChange: (risk: Risk) => void;
  extraErrors?: ErrorSchema;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  // Checked by interpreting the schema (2020-12): Ajv would compile it with `new Function`, which
  // the portal's Content-Security-Policy refuses.
  const validator = useMemo(() => riskValidator((key, values) => t(key, values ?? {})), [t]);
  // One schema object for as long as the schema is the same: a new one makes rjsf start over.
  const shown = useMemo(() => ({ ...schema, title: undefined }), [schema]);
  // The form keeps its own answers from the first ones on (fed back, rjsf answers each new
  // formData with another change); a new product needs a new form (a `key`).
  const [initial] = useState(value);
  return (
    <Form
      schema={shown}
      formData={initial}
      validator={validator}
      widgets={WIDGETS}
      idPrefix={idPrefix}
      liveValidate="onChange"
      noHtml5Validate
      showErrorList={false}
      extraErrors={extraErrors}
      uiSchema={UI_SCHEMA}
      onChange={(e) => onChange((e.formData ?? {}) as Risk)}
      tagName="div"
    />
  );
}
