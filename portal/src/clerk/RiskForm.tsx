/** A product version's risk questions as a form generated from its JSON Schema (draft 2020-12):
 * rjsf with the Mantine theme, validated by Ajv 2020 with messages in the reader's language. */
import "@mantine/dates/styles.css";
import { TextInput } from "@mantine/core";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RJSFSchema, WidgetProps } from "@rjsf/utils";
import type { Risk } from "./risk";
import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020";
import localizeEn from "ajv-i18n/localize/en";
import localizeNl from "ajv-i18n/localize/nl";
import { useTranslation } from "react-i18next";

type AjvClass = NonNullable<Parameters<typeof customizeValidator>[0]>["AjvClass"];
const VALIDATORS = {
  nl: customizeValidator({ AjvClass: Ajv2020 as unknown as AjvClass }, localizeNl),
  en: customizeValidator({ AjvClass: Ajv2020 as unknown as AjvClass }, localizeEn),
};

export function riskValidator(language: string) {
  return language === "en" ? VALIDATORS.en : VALIDATORS.nl;
}

/** Whether `risk` answers every question as the schema asks. */
export function riskComplete(schema: RJSFSchema, risk: Risk, language: string): boolean {
  return riskValidator(language).validateFormData(risk, schema).errors.length === 0;
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
  const { i18n } = useTranslation();
  return (
    <Form
      schema={{ ...schema, title: undefined }}
      formData={value}
      validator={riskValidator(i18n.language)}
      widgets={{ DateWidget }}
      idPrefix={idPrefix}
      liveValidate="onChange"
      noHtml5Validate
      showErrorList={false}
      extraErrors={extraErrors}
      uiSchema={{ "ui:submitButtonOptions": { norender: true } }}
      onChange={(e) => onChange((e.formData ?? {}) as Risk)}
      tagName="div"
    />
  );
}
