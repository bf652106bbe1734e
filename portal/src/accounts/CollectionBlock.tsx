/** Whether a debtor is blocked for direct debit, on the relation's account page: the reason and
 * since when, lifted by staff who may change the debtors' ledger; or a reason to block it. A run
 * leaves a blocked relation's items out; a bank's AC06 return (account blocked) sets it too. */
import { Button, Group, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, unwrapOrNone } from "../api/client";
import { Day, useFieldProblems } from "../clerk/parts";
import { useTenant } from "../session";
import { SaveForm } from "../ui";
import { useRight } from "./common";

const FIELDS = ["reason"] as const;

export function CollectionBlock({ relationId }: { relationId: string }) {
  const { t } = useTranslation();
  const tenant = useTenant();
  const mayChange = useRight("debtors", "change");
  const problems = useFieldProblems(FIELDS);
  const [reason, setReason] = useState("");
  const path = { params: { path: { relation_id: relationId } } };
  const block = useQuery({
    queryKey: ["collection-block", tenant, relationId],
    queryFn: () => unwrapOrNone(api.GET("/api/debtors/collection-blocks/{relation_id}", path)),
  });
  async function put() {
    problems.clear();
    try {
      await unwrap(api.PUT("/api/debtors/collection-blocks/{relation_id}", { ...path, body: { reason } }));
      setReason("");
      void block.refetch();
    } catch (error) {
      problems.capture(error);
    }
  }
  async function lift() {
    problems.clear();
    try {
      await unwrap(api.DELETE("/api/debtors/collection-blocks/{relation_id}", path));
      void block.refetch();
    } catch (error) {
      problems.capture(error);
    }
  }
  if (block.data) {
    return (
      <Group mb="sm" role="status">
        <Text fw={600}>
          {t("accounts.directDebit.block.blocked")} <Day iso={block.data.since.slice(0, 10)} />: {block.data.reason}
        </Text>
        {mayChange && (
          <Button variant="default" onClick={() => void lift()}>
            {t("accounts.directDebit.block.lift")}
          </Button>
        )}
      </Group>
    );
  }
  if (!mayChange || !block.isSuccess) return null;
  return (
    <SaveForm onSave={put} message={problems.message}>
      <Group align="flex-end" mb="sm">
        <TextInput
          required
          label={t("accounts.directDebit.block.reason")}
          value={reason}
          error={problems.error("reason")}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button type="submit" variant="default">
          {t("accounts.directDebit.block.block")}
        </Button>
      </Group>
    </SaveForm>
  );
}
