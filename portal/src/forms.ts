import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, problemToForm, type FormProblem } from "./problems";
import { errorText } from "./ui";

/** Holds what the last failed submit means for a form: messages on fields, or one message. */
export function useFormProblem(fields: readonly string[], conflictField?: string) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return {
    fieldError: (name: string): string | undefined => {
      const key = problem?.fields[name];
      return key ? t(key) : undefined;
    },
    message,
    capture(error: unknown) {
      if (error instanceof ApiError) {
        const mapped = problemToForm(error.problem, fields, conflictField);
        setProblem(mapped);
        setMessage(mapped.message ? errorText(error, t) : null);
      } else {
        setProblem(null);
        setMessage(errorText(error, t));
      }
    },
    clear() {
      setProblem(null);
      setMessage(null);
    },
  };
}
