/** A debtor's direct-debit mandates on the relation's account page: listed with their status,
 * and a signed mandate added (reference, date signed, IBAN; checked by the ledger). */
import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { Day, useFieldProblems } from "../clerk/parts";
import { useTenant } from "../session";
import { ErrorNotice } from "../ui";
import { CollectionBlock } from "./CollectionBlock";
import { today, useRight } from "./common";

const FIELDS = ["reference", "signed_on", "iban"] as const;
const EMPTY = { reference: "", signed_on: "", iban: "" };

export function RelationMandates({ relationId }: { relationId: string }) {
  const { t } = useTranslation();
  const tenant = useTenant();
  const mayAdd = useRight("debtors", "create");
  const problems = useFieldProblems(FIELDS);
  const [values, setValues] = useState(EMPTY);
  const mandates = useQuery({
    queryKey: ["mandates", tenant, relationId],
    queryFn: () =>
      unwrap(api.GET("/api/debtors/mandates", { params: { query: { relation_id: relationId, limit: 50 } } })),
  });
  async function add() {
    problems.clear();
    try {
      await unwrap(api.POST("/api/debtors/mandates", { body: { ...values, relation_id: relationId, kind: "recurring" } }));
      setValues(EMPTY);
      void mandates.refetch();
    } catch (error) {
      problems.capture(error);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="relation-mandates" mb="lg">
      <Title order={2} size="h3" id="relation-mandates" mb="sm">
        {t("accounts.directDebit.mandates.title")}
      </Title>
      <CollectionBlock relationId={relationId} />
      <ErrorNotice error={mandates.error} />
      <Table withTableBorder mb="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.directDebit.mandates.reference")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.iban")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.signed")}</Table.Th>
            <Table.Th>{t("accounts.directDebit.mandates.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(mandates.data?.items ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.reference}</Table.Td>
              <Table.Td>{m.iban}</Table.Td>
              <Table.Td>
                <Day iso={m.signed_on} />
              </Table.Td>
              <Table.Td>{t(`accounts.directDebit.mandates.${m.status}`)}</Table.Td>
            </Table.Tr>
          ))}
          {mandates.isSuccess && !mandates.data.items.length && (
            <Table.Tr>
              <Table.Td colSpan={4}>{t("accounts.directDebit.mandates.none")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {mayAdd && (
        <form
          noValidate
          aria-label={t("accounts.directDebit.mandates.add")}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Stack gap="xs">
            {problems.message && (
              <Alert color="red" variant="outline" role="alert">
                <Text c="red.9">{problems.message}</Text>
              </Alert>
            )}
            <Group align="flex-start">
              <TextInput
                required
                label={t("accounts.directDebit.mandates.reference")}
                value={values.reference}
                error={problems.error("reference")}
                onChange={(e) => setValues({ ...values, reference: e.currentTarget.value })}
              />
              <TextInput
                required
                type="date"
                max={today()}
                label={t("accounts.directDebit.mandates.signed")}
                value={values.signed_on}
                error={problems.error("signed_on")}
                onChange={(e) => setValues({ ...values, signed_on: e.currentTarget.value })}
              />
              <TextInput
                required
                label={t("accounts.directDebit.mandates.iban")}
                value={values.iban}
                error={problems.error("iban")}
                onChange={(e) => setValues({ ...values, iban: e.currentTarget.value })}
              />
              <Button type="submit" mt={25}>
                {t("accounts.directDebit.mandates.add")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
