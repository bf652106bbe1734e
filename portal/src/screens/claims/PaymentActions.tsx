import { Group, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatMoney } from "../../format";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ConfirmMoney } from "./common";

interface Payment {
  id: string;
  claim_id: string;
  claim_number: string;
  payee_name: string;
  iban: string;
  amount: string;
  status: string;
  requested_by: string;
}

/** Approve or refuse a payment waiting for a second person; the person who entered it never
 * gets these buttons (the service refuses it too). */
export function PaymentActions({ payment, onDone }: { payment: Payment; onDone: (sentence: string) => Promise<void> | void }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  if (payment.status !== "awaiting_approval" || !can(me, "claims", "approve")) return null;
  if (me?.username === payment.requested_by) return <Text size="sm">{t("claims.approvals.ownPayment")}</Text>;
  const money = formatMoney(payment.amount, "EUR", i18n.language);
  const path = { params: { path: { claim_id: payment.claim_id, payment_id: payment.id } } };
  const what = { amount: money, payee: payment.payee_name, iban: payment.iban, claim: payment.claim_number, by: payment.requested_by };
  return (
    <Group gap="xs" wrap="nowrap">
      <ConfirmMoney
        label={t("claims.approvals.approve")}
        title={t("claims.approvals.approveTitle", what)}
        summary={<Text>{t("claims.approvals.approveConfirm", what)}</Text>}
        act={async () => {
          const done = await unwrap(api.POST("/api/claims/{claim_id}/payments/{payment_id}/approve", path));
          const sentence = t("claims.approvals.approved", { ...what, amount: formatMoney(done.amount, "EUR", i18n.language) });
          await onDone(sentence);
          return sentence;
        }}
        onResult={() => undefined}
      />
      <ConfirmMoney
        label={t("claims.approvals.refuse")}
        title={t("claims.approvals.refuseTitle", what)}
        variant="default"
        summary={
          <Textarea
            label={t("claims.approvals.reason")}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
          />
        }
        act={async () => {
          if (!reason.trim()) {
            setReasonError(t("claims.approvals.reasonNeeded"));
            throw new Error("reason");
          }
          await unwrap(api.POST("/api/claims/{claim_id}/payments/{payment_id}/refuse", { ...path, body: { reason: reason.trim() } }));
          const sentence = t("claims.approvals.refused", what);
          await onDone(sentence);
          return sentence;
        }}
        onResult={() => undefined}
      />
    </Group>
  );
}
