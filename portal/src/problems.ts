/** Problem answers (RFC 9457) turned into what a person reads: a message on the field the
 * problem names, or one clear message; never the raw JSON. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly retryAfter: number | null = null,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

export interface FormProblem {
  /** field name → translation key */
  fields: Record<string, string>;
  /** translation key of a message for the whole form, if no field fits */
  message: string | null;
}

/**
 * `fields` are the form's own field names; a 422 error on one of them goes there (nested names
 * like `scope.0.module` go to their first part). `conflictField` names the field a 409 is about
 * (a taken slug, a taken login name).
 */
export function problemToForm(
  problem: Problem,
  fields: readonly string[],
  conflictField?: string,
): FormProblem {
  const result: FormProblem = { fields: {}, message: null };
  if (problem.status === 422 && problem.errors?.length) {
    for (const error of problem.errors) {
      const name = fields.find((f) => f === error.field || error.field.startsWith(`${f}.`));
      if (name && !result.fields[name]) result.fields[name] = `problems.field.${name}`;
    }
    if (Object.keys(result.fields).length) return result;
  }
  if (problem.status === 409 && conflictField && fields.includes(conflictField)) {
    result.fields[conflictField] = `problems.conflict.${conflictField}`;
    return result;
  }
  result.message = statusMessage(problem.status);
  return result;
}

export function statusMessage(status: number): string {
  switch (status) {
    case 400:
    case 422:
      return "problems.invalid";
    case 401:
      return "problems.unauthenticated";
    case 403:
      return "problems.forbidden";
    case 404:
      return "problems.notFound";
    case 409:
      return "problems.conflict.generic";
    case 413:
      return "problems.tooLarge";
    case 429:
      return "problems.tooMany";
    default:
      return status >= 500 ? "problems.server" : "problems.unexpected";
  }
}
