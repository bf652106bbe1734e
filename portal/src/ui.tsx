import { Alert, Button, Group, Stack, Text, TextInput, Title, type TextInputProps } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { openFile } from "./download";
import { notify } from "./notify";
import { ApiError, statusMessage } from "./problems";

/** A translated sentence for any error; never the raw answer. */
export function errorText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("problems.unexpected");
  const { status } = error.problem;
  if (status === 0) return t("problems.network");
  if (status === 429)
    return error.retryAfter
      ? t("problems.tooMany", { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) })
      : t("problems.tooManyLater");
  return t(statusMessage(status));
}

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="outline" role="alert" my="sm">
      <Text c="red.9">{errorText(error, t)}</Text>
    </Alert>
  );
}

/** The six-digit code of the authenticator app. */
export function CodeInput(props: TextInputProps) {
  return <TextInput name="code" inputMode="numeric" autoComplete="one-time-code" {...props} />;
}

/** The one message of a form whose problem fits none of its fields. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="outline" role="alert">
      {message}
    </Alert>
  );
}

/** A settings form: submitting calls `onSave`; the problem's message, if any, above the fields;
 * the save button (for those who may change it) and "saved" once saved, below them. */
export function SaveForm({
  onSave,
  message,
  mayChange = false,
  saved = false,
  children,
}: {
  onSave: () => Promise<void>;
  message: string | null | undefined;
  /** Shows the save button (a form without it brings its own). */
  mayChange?: boolean;
  saved?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <Stack>
        {message && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{message}</Text>
          </Alert>
        )}
        {children}
        {mayChange && (
          <Group>
            <Button type="submit">{t("common.save")}</Button>
            {saved && <Text role="status">{t("common.saved")}</Text>}
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </>
  );
}

/** Paging by the API's cursors: a stack of the cursors of the pages seen, back to the first
 * page whenever `resetKey` (the filters) changes. */
export function useCursor(resetKey = "") {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({
    key: resetKey,
    stack: [null],
  });
  const stack = state.key === resetKey ? state.stack : [null];
  return {
    cursor: stack[stack.length - 1] ?? null,
    page: stack.length,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
  };
}

export function Pager({
  paging,
  nextCursor,
}: {
  paging: ReturnType<typeof useCursor>;
  nextCursor: string | null | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="sm" gap="sm">
      <Button variant="default" disabled={paging.page <= 1} onClick={paging.previous}>
        {t("common.previous")}
      </Button>
      <Text aria-live="polite">{t("common.page", { page: paging.page })}</Text>
      <Button
        variant="default"
        disabled={!nextCursor}
        onClick={() => nextCursor && paging.next(nextCursor)}
      >
        {t("common.next")}
      </Button>
    </Group>
  );
}

/** Fetches a PDF with the person's token and opens it in a new tab (saved as `filename` where
 * the browser blocks the tab); a failure is said in a notice. `document` names it for a screen
 * reader, as the button reads the same in every row. */
export function PdfButton({
  load,
  document,
  filename,
}: {
  load: () => Promise<Blob>;
  document: string;
  filename: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function open() {
    setBusy(true);
    try {
      openFile(await load(), filename);
    } catch (error) {
      notify("red", errorText(error, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      size="xs"
      variant="outline"
      loading={busy}
      aria-label={t("common.openPdfOf", { document })}
      onClick={() => void open()}
    >
      {t("common.openPdf")}
    </Button>
  );
}
