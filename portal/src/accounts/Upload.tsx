import { Alert, Card, FileInput, Group, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { ApiError } from "../problems";
import { Confirm, Facts, useFormat } from "./common";
import { refusal, type Refusal } from "./explain";

type Check = "refuse" | "warn";

function formatOf(file: File): "camt.053" | "csv" {
  return /\.csv$/i.test(file.name) || file.type === "text/csv" ? "csv" : "camt.053";
}

/** Why the file was refused, in a sentence and the place in the file. */
function Refused({ refused }: { refused: Refusal }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const values = { ...refused.values, difference: refused.values.difference ? money(refused.values.difference) : "" };
  return (
    <Alert color="red" variant="outline" role="alert" title={t(`accounts.upload.refused.${refused.kind}`, values)}>
      {refused.kind === "line" && (
        <Text c="red.9">
          {refused.place
            ? t("accounts.upload.at", {
                place: t(`accounts.upload.places.${refused.place.key}`, refused.place.values),
                reason: t(`accounts.upload.reasons.${refused.reason}`, values),
              })
            : t(`accounts.upload.reasons.${refused.reason}`, values)}
        </Text>
      )}
    </Alert>
  );
}

/** Upload a bank statement (CAMT.053 or CSV): its receipts and payments are booked. */
export function StatementUpload({ onDone }: { onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const upload = async (chosen: File, check: Check): Promise<string> => {
    const csv = formatOf(chosen) === "csv";
    const bytes = await chosen.arrayBuffer();
    const done = await unwrap(
      api.POST("/api/ledger/bank-statements", {
        params: { query: { balance_check: check } },
        // The file's own bytes: the ledger knows a file again by them.
        body: bytes as unknown as string,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { "Content-Type": csv ? "text/csv" : "application/xml" },
      }),
    );
    setRefused(null);
    setFile(null);
    void queryClient.invalidateQueries({ queryKey: ["debtors"] });
    void queryClient.invalidateQueries({ queryKey: ["creditors"] });
    void queryClient.invalidateQueries({ queryKey: ["ledger"] });
    return [
      t("accounts.upload.done", { statement: done.statement_id, receipts: done.receipts, payments: done.payments }),
      done.skipped ? t("accounts.upload.skipped", { count: done.skipped }) : "",
      done.auto_matched ? t("accounts.upload.autoMatched", { count: done.auto_matched }) : "",
    ]
      .filter(Boolean)
      .join(" ");
  };
  const takeRefusal = (failure: unknown) => {
    if (!(failure instanceof ApiError) || ![409, 415, 422].includes(failure.problem.status)) return false;
    setRefused(refusal(failure.problem));
    return true;
  };
  const confirmation = (check: Check) =>
    file && (
      <Confirm
        label={t(check === "warn" ? "accounts.upload.anyway" : "accounts.upload.submit")}
        title={t("accounts.upload.confirmTitle")}
        variant={check === "warn" ? "default" : undefined}
        act={() => upload(file, check)}
        onDone={onDone}
        onError={takeRefusal}
      >
        <Facts
          rows={[
            [t("accounts.upload.file"), file.name],
            [t("accounts.upload.format"), formatOf(file).toUpperCase()],
          ]}
        />
        <Text>{t(check === "warn" ? "accounts.upload.confirmAnyway" : "accounts.upload.confirmText")}</Text>
      </Confirm>
    );
  return (
    <Card withBorder component="section" aria-labelledby="upload" mb="md">
      <Title order={2} size="h3" id="upload" mb="xs">
        {t("accounts.upload.title")}
      </Title>
      <Stack gap="sm">
        <Group align="flex-end">
          <FileInput
            label={t("accounts.upload.choose")}
            description={t("accounts.upload.hint")}
            accept=".xml,.csv,application/xml,text/xml,text/csv"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setRefused(null);
            }}
            clearable
            clearButtonProps={{ "aria-label": t("accounts.upload.clear") }}
            w={360}
          />
          {confirmation("refuse")}
        </Group>
        {refused && <Refused refused={refused} />}
        {refused?.kind === "balance" && confirmation("warn")}
      </Stack>
    </Card>
  );
}
