import "@mantine/dates/styles.css";
import type { RefObject } from "react";
import Form from "@rjsf/mantine";
import { englishStringTranslator, TranslatableString, type ErrorSchema, type RJSFSchema } from "@rjsf/utils";
import type RjsfForm from "@rjsf/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { riskValidator, type Risk } from "./riskValidator";

export type { Risk };

const STRINGS: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.YesLabel]: "common.yes",
  [TranslatableString.NoLabel]: "common.no",
  [TranslatableString.CloseLabel]: "common.close",
  [TranslatableString.ErrorsLabel]: "products.risk.errors",
  [TranslatableString.ClearLabel]: "common.reset",
  [TranslatableString.ClearButton]: "common.reset",
  [TranslatableString.AriaDateLabel]: "products.risk.chooseDate",
  [TranslatableString.IncrementAriaLabel]: "products.risk.increment",
  [TranslatableString.DecrementAriaLabel]: "products.risk.decrement",
};

/** A product version's risk questions as a form generated from its JSON Schema (rjsf with the
 * Mantine theme, JSON Schema 2020-12 checked without eval (see riskValidator), the browser's own
 * validation off so it never blocks silently).
 * `serverErrors` are the quote's 422 errors on `risk.<key>`, shown on their question. */
export function RiskForm({
  schema,
  value,
  onChange,
  onSubmit,
  serverErrors,
  formRef,
}: {
  schema: RJSFSchema;
  value: Risk;
  onChange: (value: Risk) => void;
  onSubmit: (value: Risk) => void;
  serverErrors: Record<string, string>;
  formRef: RefObject<RjsfForm<Risk> | null>;
}) {
  const { t } = useTranslation();
  const validator = useMemo(() => riskValidator((key, values) => t(key, values ?? {})), [t]);
  const extraErrors = useMemo(() => {
    const errors: Record<string, { __errors: string[] }> = {};
    for (const [key, message] of Object.entries(serverErrors)) errors[key] = { __errors: [message] };
    return errors as ErrorSchema<Risk>;
  }, [serverErrors]);
  // The title is the product's name, shown by the screen already.
  const shown = { ...schema, title: undefined };
  return (
    <Form
      ref={formRef}
      schema={shown}
      formData={value}
      validator={validator}
      noHtml5Validate
      showErrorList={false}
      extraErrors={extraErrors}
      liveOmit={false}
      uiSchema={{ "ui:submitButtonOptions": { norender: true } }}
      translateString={(key, params) => {
        const mine = STRINGS[key];
        return mine ? t(mine) : englishStringTranslator(key, params);
      }}
      onChange={(event) => onChange((event.formData ?? {}) as Risk)}
      onSubmit={(event) => onSubmit((event.formData ?? {}) as Risk)}
    />
  );
}
