import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, problemToForm, type FormProblem } from "./problems";
import { errorText } from "./ui";

/** Holds what the last failed submit means for a form: messages on fields, or one message. */
export function useFormProblem(fields: readonly string[], conflictField?: string) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = {
    fieldError: (name: string): string | undefined => {
      const key = problem?.fields[name];
      return key ? t(key) : undefined;
    },
    message,
    busy,
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
    /** A form's submit handler: busy while `run` runs, its failure shown on the form. `refused`
     * may take an error over (return true) before it is shown the usual way. */
    submit(run: () => Promise<unknown>, refused?: (error: unknown) => boolean) {
      return async (event: React.FormEvent) => {
        event.preventDefault();
        setBusy(true);
        state.clear();
        try {
          await run();
        } catch (error) {
          if (!refused?.(error)) state.capture(error);
        } finally {
          setBusy(false);
        }
      };
    },
  };
  return state;
}
