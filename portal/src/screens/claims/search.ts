/** The claims screens' filters, kept in the address so a filtered list can be bookmarked. */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

function day(value: unknown): string | undefined {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

export interface ClaimsSearch {
  status?: string;
  handler?: string;
}

export function claimsSearch(search: Record<string, unknown>): ClaimsSearch {
  return { status: text(search.status), handler: text(search.handler) };
}

export interface ApprovalsSearch {
  status?: "released" | "refused" | "awaiting_approval";
}

export function approvalsSearch(search: Record<string, unknown>): ApprovalsSearch {
  const status = search.status;
  return status === "released" || status === "refused" ? { status } : {};
}

export interface ReportsSearch {
  from?: string;
  to?: string;
}

export function reportsSearch(search: Record<string, unknown>): ReportsSearch {
  return { from: day(search.from), to: day(search.to) };
}
