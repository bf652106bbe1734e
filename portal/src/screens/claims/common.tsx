import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useRouterState } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { can } from "../../rights";
import { useMe } from "../../session";
import { errorText } from "../../ui";
import { DARK } from "../products/StatusBadge";

export const CLAIM_STATUSES = [
  "reported",
  "in_treatment",
  "awaiting_information",
  "accepted",
  "rejected",
  "paid",
  "closed",
] as const;

const STATUS_COLORS: Record<string, string> = {
  reported: DARK.blue,
  in_treatment: DARK.violet,
  awaiting_information: DARK.amber,
  accepted: DARK.teal,
  rejected: DARK.red,
  paid: DARK.green,
  closed: DARK.grey,
  awaiting_approval: DARK.amber,
  released: DARK.green,
  refused: DARK.red,
};

export function ClaimBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLORS[status] ?? DARK.grey} w="max-content" maw="none">{t(`claims.statuses.${status}`, { defaultValue: status })}</Badge>;
}

/** The claims screens, one link each: the list, the approvals inbox, the reports. */
export function ClaimsNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const path = useRouterState({ select: (s) => s.location.pathname });
  const links = [
    { to: "/claims", label: t("claims.nav.list") },
    { to: "/claims/approvals", label: t("claims.nav.approvals") },
    { to: "/claims/reports", label: t("claims.nav.reports") },
    ...(can(me, "claims", "create") ? [{ to: "/claims/new", label: t("claims.nav.register") }] : []),
  ] as const;
  return (
    <Group component="nav" aria-label={t("claims.nav.label")} mb="md" gap="lg">
      {links.map((l) => (
        <Anchor
          key={l.to}
          href={l.to}
          fw={path === l.to ? 700 : 400}
          aria-current={path === l.to ? "page" : undefined}
          onClick={(e) => {
            e.preventDefault();
            void navigate({ to: l.to, search: {} });
          }}
        >
          {l.label}
        </Anchor>
      ))}
    </Group>
  );
}

export function useCauses() {
  return useQuery({
    queryKey: ["claim-causes"],
    queryFn: () => unwrap(api.GET("/api/claims/causes")),
    staleTime: 300_000,
  });
}

/** A standard cause in the user's language; a tenant's own cause by the name it was given. */
export function causeLabel(code: string, causes: { code: string; name: string }[] | undefined, t: TFunction): string {
  const own = causes?.find((c) => c.code === code)?.name ?? code;
  return t(`claims.causes.${code}`, { defaultValue: own });
}

/**
 * A change of money: the person sees what will happen and confirms; the result (or why it did
 * not work) stays on the screen. `act` gives the sentence that says what came of it.
 */
export function ConfirmMoney({
  label,
  title,
  summary,
  act,
  onResult,
  color,
  disabled,
  variant,
  beforeOpen,
  onError,
}: {
  label: string;
  title: string;
  summary: ReactNode;
  act: () => Promise<string>;
  onResult: (sentence: string) => void;
  color?: string;
  disabled?: boolean;
  variant?: string;
  beforeOpen?: () => boolean;
  /** Takes a failure the form shows on its field (a 422): true closes the dialog. */
  onError?: (failure: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        color={color}
        variant={variant}
        disabled={disabled}
        onClick={() => {
          if (beforeOpen && !beforeOpen()) return;
          setError(null);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title}>
        <Stack>
          {summary}
          {error && (
            <Alert color="red" variant="outline" role="alert">
              <Text c="red.9">{error}</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button
              color={color}
              loading={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  onResult(await act());
                  setOpen(false);
                } catch (failure) {
                  if (onError?.(failure)) setOpen(false);
                  else setError(errorText(failure, t));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t("common.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** What came of the last change of money, until the next one. */
export function Result({ sentence }: { sentence: string | null }) {
  if (!sentence) return null;
  return (
    <Alert color="green" variant="outline" role="status" my="sm">
      <Text c={DARK.green}>{sentence}</Text>
    </Alert>
  );
}
