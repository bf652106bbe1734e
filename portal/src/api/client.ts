import createClient, { type Middleware } from "openapi-fetch";
import { accessToken } from "../auth";
import { ApiError, type Problem } from "../problems";
import type { paths as claims } from "./generated/claims";
import type { paths as identity } from "./generated/identity";
import type { paths as imports } from "./generated/imports";
import type { paths as ledger } from "./generated/ledger";
import type { paths as policy } from "./generated/policy";
import type { paths as product } from "./generated/product";
import { selectedTenant } from "./tenant";

export type paths = identity & product & policy & claims & ledger & imports;
export type { components as identityTypes } from "./generated/identity";

type Listener = (problem: Problem) => void;
const forbiddenListeners = new Set<Listener>();

/** Called on every 403, so the shell can say "you may not …" and refresh the rights. */
export function onForbidden(listener: Listener): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

const authorize: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    const tenant = selectedTenant();
    if (tenant && !request.headers.has("X-Tenant")) request.headers.set("X-Tenant", tenant);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(authorize);

/** A problem from any error answer; a body that is not a problem becomes a bare status. */
export function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === "object" && "status" in error) return error as Problem;
  return { status: response.status };
}

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the problem. */
export async function unwrap<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await pending;
  } catch {
    throw new ApiError({ status: 0 });
  }
  const { data, error, response } = answer;
  if (!response.ok) {
    const problem = toProblem(error, response);
    if (problem.status === 403) forbiddenListeners.forEach((l) => l(problem));
    const retry = response.headers.get("Retry-After");
    throw new ApiError(problem, retry ? Number(retry) : null);
  }
  return data as T;
}

/** As `unwrap`, but a 404 is `null`: a setting or state that does not exist (yet) is no error. */
export async function unwrapOrNone<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T | null> {
  try {
    return await unwrap(pending);
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return null;
    throw error;
  }
}
