import { Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/generated/claims";
import { formatDate, formatDateTime, formatMoney } from "../../format";
import { ApiError } from "../../problems";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Page, errorText } from "../../ui";
import { ClaimBadge, ClaimsNav, ConfirmMoney, Result, causeLabel, useCauses } from "./common";
import { amountText, reserveReason } from "./text";
import { PaymentActions } from "./PaymentActions";
import { DARK } from "../products/StatusBadge";

type Claim = components["schemas"]["ClaimFile"];
const route = getRouteApi("/claims/$claimId");

function useSaveClaim(id: string) {
  const queryClient = useQueryClient();
  return async (claim: Claim) => {
    queryClient.setQueryData(["claim", id], claim);
    await queryClient.invalidateQueries({ queryKey: ["claims"] });
    await queryClient.invalidateQueries({ queryKey: ["claim-payments"] });
  };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={700} component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Summary({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  const causes = useCauses();
  const p = claim.policy;
  const money = (v: string) => formatMoney(v, "EUR", i18n.language);
  return (
    <Section id="claim-summary" title={t("claims.file.summary")}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
        <Fact label={t("claims.policy")}>{p.number}</Fact>
        <Fact label={t("claims.file.product")}>{t("claims.file.productVersion", { code: p.product.code as string, version: p.product.version as number })}</Fact>
        <Fact label={t("claims.file.insurer")}>{p.insurer.name ?? p.insurer.code ?? ""}</Fact>
        <Fact label={t("claims.file.period")}>
          {p.ends
            ? t("claims.file.periodUntil", { from: formatDate(p.start_date, i18n.language), to: formatDate(p.ends, i18n.language) })
            : t("claims.file.periodFrom", { from: formatDate(p.start_date, i18n.language) })}
        </Fact>
        <Fact label={t("claims.file.coverOnLossDate")}>{p.coverages ? p.coverages.join(", ") : t("claims.file.noCover")}</Fact>
        <Fact label={t("claims.file.policyholder")}>{claim.policyholder.name ?? t("claims.file.unknownRelation")}</Fact>
        <Fact label={t("claims.file.claimant")}>{claim.claimant.name ?? t("claims.file.unknownRelation")}</Fact>
        <Fact label={t("claims.lossDate")}>{formatDate(claim.loss_date, i18n.language)}</Fact>
        <Fact label={t("claims.cause")}>{causeLabel(claim.cause, causes.data, t)}</Fact>
        <Fact label={t("claims.coverage")}>{claim.coverage}</Fact>
        <Fact label={t("claims.file.reported")}>
          {t("claims.file.reportedBy", { at: formatDateTime(claim.reported_at, i18n.language), by: claim.reported_by })}
        </Fact>
        <Fact label={t("claims.handler")}>{claim.handler ?? t("claims.noHandler")}</Fact>
        <Fact label={t("claims.file.estimate")}>{money(claim.estimate)}</Fact>
        <Fact label={t("claims.reserve")}>{money(claim.reserve)}</Fact>
        <Fact label={t("claims.paid")}>{money(claim.paid)}</Fact>
      </SimpleGrid>
      <Text fw={700} size="sm" mt="md">
        {t("claims.description")}
      </Text>
      <Text>{claim.description}</Text>
      {claim.outside_cover && (
        <Text mt="sm" c="red.9">
          {t("claims.file.outsideCover", { reason: claim.outside_cover_reason ?? "" })}
        </Text>
      )}
    </Section>
  );
}

function Handling({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const save = useSaveClaim(claim.id);
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [handler, setHandler] = useState("");
  const [remark, setRemark] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const path = { params: { path: { claim_id: claim.id } } };
  const attempt = async (key: string, call: () => Promise<Claim>, done: string) => {
    setErrors({});
    setFailure(null);
    try {
      await save(await call());
      notifications.show({ color: "green", message: done });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 422) setErrors({ [key]: t(`claims.file.wrong.${key}`) });
      else setFailure(error);
      return false;
    }
  };
  if (!can(me, "claims", "change")) return null;
  return (
    <Section id="claim-handling" title={t("claims.file.handling")}>
      <Stack>
        <Group>
          {claim.next_statuses.map((s) => (
            <Button key={s} variant="default" onClick={() => setTo(s)}>
              {t(`claims.transitions.${s}`, { defaultValue: t(`claims.statuses.${s}`) })}
            </Button>
          ))}
          {claim.next_statuses.length === 0 && <Text>{t("claims.file.noTransitions")}</Text>}
        </Group>
        <Group align="flex-end">
          <TextInput label={t("claims.file.assignTo")} value={handler} onChange={(e) => setHandler(e.currentTarget.value)} error={errors.handler} />
          <Button
            variant="default"
            onClick={() =>
              void attempt(
                "handler",
                () => unwrap(api.POST("/api/claims/{claim_id}/handler", { ...path, body: { handler: handler.trim() } })),
                t("claims.file.assigned", { handler: handler.trim() }),
              ).then((ok) => ok && setHandler(""))
            }
          >
            {t("claims.file.assign")}
          </Button>
          {me && claim.handler !== me.username && (
            <Button
              variant="default"
              onClick={() =>
                void attempt(
                  "handler",
                  () => unwrap(api.POST("/api/claims/{claim_id}/handler", { ...path, body: { handler: me.username } })),
                  t("claims.file.assigned", { handler: me.username }),
                )
              }
            >
              {t("claims.file.takeIt")}
            </Button>
          )}
        </Group>
        <Group align="flex-end">
          <Textarea label={t("claims.file.note")} value={remark} onChange={(e) => setRemark(e.currentTarget.value)} error={errors.note} w={480} autosize />
          <Button
            variant="default"
            onClick={() =>
              void attempt(
                "note",
                () => unwrap(api.POST("/api/claims/{claim_id}/notes", { ...path, body: { note: remark.trim() } })),
                t("claims.file.noted"),
              ).then((ok) => ok && setRemark(""))
            }
          >
            {t("claims.file.addNote")}
          </Button>
        </Group>
        <ErrorNotice error={failure} />
      </Stack>
      <Modal opened={to !== null} onClose={() => setTo(null)} title={t("claims.file.transitionTitle", { status: t(`claims.statuses.${to ?? "reported"}`) })}>
        <Stack>
          <Textarea label={t("claims.file.note")} required value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.transition} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTo(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              onClick={async () => {
                if (!to) return;
                const ok = await attempt(
                  "transition",
                  () => unwrap(api.POST("/api/claims/{claim_id}/transitions", { ...path, body: { to: to as components["schemas"]["TransitionIn"]["to"], note: note.trim() } })),
                  t("claims.file.transitioned", { status: t(`claims.statuses.${to}`) }),
                );
                if (ok) {
                  setTo(null);
                  setNote("");
                }
              }}
            >
              {t("common.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

function Reserve({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const save = useSaveClaim(claim.id);
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string | null>(null);
  const money = (v: string) => formatMoney(v, "EUR", i18n.language);
  const typed = amountText(amount, i18n.language);
  const readReason = (reason: string) => {
    const known = reserveReason(reason);
    return known ? t(known.key, { amount: money(known.amount ?? "0"), payee: known.payee }) : reason;
  };
  return (
    <Section id="claim-reserve" title={t("claims.file.reserve")}>
      <Text mb="sm">{t("claims.file.reserveNow", { amount: money(claim.reserve) })}</Text>
      {can(me, "claims", "change") && (
        <Group align="flex-start" mb="md">
          <TextInput label={t("claims.file.newReserve")} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amount} />
          <TextInput label={t("claims.file.reserveReason")} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} w={360} />
          <Stack mt={24}>
            <ConfirmMoney
              label={t("claims.file.changeReserve")}
              title={t("claims.file.changeReserve")}
              beforeOpen={() => {
                const missing: Record<string, string> = {};
                if (!typed || Number.isNaN(Number(typed))) missing.amount = t("claims.file.wrong.amount");
                if (!note.trim()) missing.note = t("claims.file.wrong.note");
                setErrors(missing);
                return !Object.keys(missing).length;
              }}
              summary={<Text>{t("claims.file.reserveConfirm", { from: money(claim.reserve), to: money(typed || "0") })}</Text>}
              act={async () => {
                const saved = await unwrap(
                  api.POST("/api/claims/{claim_id}/reserve", { params: { path: { claim_id: claim.id } }, body: { amount: typed, note: note.trim() } }),
                );
                await save(saved);
                setAmount("");
                setNote("");
                return t("claims.file.reserveDone", { amount: money(saved.reserve) });
              }}
              onError={(failure) => {
                if (failure instanceof ApiError && failure.problem.status === 422) {
                  const field = failure.problem.errors?.[0]?.field === "note" ? "note" : "amount";
                  setErrors({ [field]: t(`claims.file.wrong.${field}`) });
                  return true;
                }
                return false;
              }}
              onResult={setResult}
            />
          </Stack>
        </Group>
      )}
      <Result sentence={result} />
      <Table aria-label={t("claims.file.reserveHistory")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("claims.file.at")}</Table.Th>
            <Table.Th ta="right">{t("claims.file.change")}</Table.Th>
            <Table.Th ta="right">{t("claims.reserve")}</Table.Th>
            <Table.Th>{t("claims.file.reason")}</Table.Th>
            <Table.Th>{t("claims.file.by")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claim.reserves.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td>{formatDateTime(r.at, i18n.language)}</Table.Td>
              <Table.Td ta="right">{money(r.change)}</Table.Td>
              <Table.Td ta="right">{money(r.reserve)}</Table.Td>
              <Table.Td>{readReason(r.reason)}</Table.Td>
              <Table.Td>{r.by}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function NewPayment({ claim, onResult }: { claim: Claim; onResult: (sentence: string) => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveClaim(claim.id);
  const payees = [claim.policyholder, claim.claimant].filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i);
  const [payee, setPayee] = useState<string | null>(payees[0]?.id ?? null);
  const [amount, setAmount] = useState("");
  const [iban, setIban] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const typed = amountText(amount, i18n.language);
  const money = (v: string) => formatMoney(v, "EUR", i18n.language);
  const chosen = payees.find((p) => p.id === payee);
  return (
    <Group align="flex-start">
      <Select
        label={t("claims.file.payee")}
        data={payees.map((p) => ({ value: p.id, label: p.name ?? p.id }))}
        value={payee}
        onChange={setPayee}
        allowDeselect={false}
        error={errors.payee_relation_id}
      />
      <TextInput label={t("claims.file.amount")} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amount} />
      <TextInput
        label={t("claims.file.iban")}
        placeholder={chosen?.iban ?? ""}
        description={t("claims.file.ibanHelp")}
        value={iban}
        onChange={(e) => setIban(e.currentTarget.value)}
        error={errors.iban}
      />
      <Stack mt={24}>
        <ConfirmMoney
          label={t("claims.file.pay")}
          title={t("claims.file.pay")}
          beforeOpen={() => {
            const wrong = !typed || Number.isNaN(Number(typed)) || Number(typed) <= 0;
            setErrors(wrong ? { amount: t("claims.file.wrong.amount") } : {});
            return !wrong && !!payee;
          }}
          summary={
            <Text>
              {t("claims.file.payConfirm", { amount: money(typed || "0"), payee: chosen?.name ?? "", iban: iban.trim() || chosen?.iban || "" })}
            </Text>
          }
          act={async () => {
            const made = await unwrap(
              api.POST("/api/claims/{claim_id}/payments", {
                params: { path: { claim_id: claim.id } },
                body: { payee_relation_id: payee ?? "", amount: typed, iban: iban.trim() || null },
                headers: { "Idempotency-Key": crypto.randomUUID() },
              }),
            );
            const fresh = await unwrap(api.GET("/api/claims/{claim_id}", { params: { path: { claim_id: claim.id } } }));
            await save(fresh);
            setAmount("");
            setIban("");
            return made.status === "released"
              ? t("claims.file.paidNow", { amount: money(made.amount), payee: made.payee_name })
              : t("claims.file.awaitingApproval", { amount: money(made.amount), payee: made.payee_name });
          }}
          onError={(failure) => {
            if (failure instanceof ApiError && failure.problem.status === 422) {
              const field = failure.problem.errors?.[0]?.field ?? "amount";
              const key = ["iban", "payee_relation_id"].includes(field) ? field : "amount";
              setErrors({ [key]: t(`claims.file.wrong.${key}`) });
              return true;
            }
            return false;
          }}
          onResult={onResult}
        />
      </Stack>
    </Group>
  );
}

function Payments({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const save = useSaveClaim(claim.id);
  const [result, setResult] = useState<string | null>(null);
  const money = (v: string) => formatMoney(v, "EUR", i18n.language);
  const payable = ["accepted", "paid"].includes(claim.status);
  return (
    <Section id="claim-payments" title={t("claims.file.payments")}>
      <Stack>
        {can(me, "claims", "create") &&
          (payable ? <NewPayment claim={claim} onResult={setResult} /> : <Text>{t("claims.file.notPayable")}</Text>)}
        <Result sentence={result} />
        <Table aria-label={t("claims.file.payments")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("claims.file.payee")}</Table.Th>
              <Table.Th>{t("claims.file.iban")}</Table.Th>
              <Table.Th ta="right">{t("claims.file.amount")}</Table.Th>
              <Table.Th>{t("common.status")}</Table.Th>
              <Table.Th>{t("claims.file.requestedBy")}</Table.Th>
              <Table.Th>{t("claims.file.decidedBy")}</Table.Th>
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.payments.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.payee_name}</Table.Td>
                <Table.Td>{p.iban}</Table.Td>
                <Table.Td ta="right">{money(p.amount)}</Table.Td>
                <Table.Td>
                  <ClaimBadge status={p.status} />
                </Table.Td>
                <Table.Td>
                  {p.requested_by}, {formatDateTime(p.requested_at, i18n.language)}
                </Table.Td>
                <Table.Td>{p.decided_by ? `${p.decided_by}, ${formatDateTime(p.decided_at ?? "", i18n.language)}` : ""}</Table.Td>
                <Table.Td>
                  <PaymentActions
                    payment={{ ...p, claim_id: claim.id, claim_number: claim.number }}
                    onDone={async (sentence) => {
                      setResult(sentence);
                      await save(await unwrap(api.GET("/api/claims/{claim_id}", { params: { path: { claim_id: claim.id } } })));
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {claim.payments.length === 0 && <Text>{t("claims.file.noPayments")}</Text>}
      </Stack>
    </Section>
  );
}

/** The payees' current accounts in the ledger: a released payment is an open item there. */
function CreditorSide({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  const ids = [...new Set(claim.payments.filter((p) => p.status === "released").map((p) => p.payee_relation_id))];
  const accounts = useQuery({
    queryKey: ["claim-creditors", claim.id, ids, claim.paid],
    enabled: ids.length > 0,
    queryFn: () => Promise.all(ids.map((id) => unwrap(api.GET("/api/creditors/{relation_id}", { params: { path: { relation_id: id } } })))),
  });
  if (!ids.length) return null;
  const money = (v: string) => formatMoney(v, "EUR", i18n.language);
  return (
    <Section id="claim-creditors" title={t("claims.file.creditorSide")}>
      <ErrorNotice error={accounts.error} />
      {(accounts.data ?? []).map((a) => (
        <Stack key={a.relation_id} gap="xs" mb="sm">
          <Text fw={700}>{t("claims.file.creditorBalance", { name: a.name, balance: money(a.balance) })}</Text>
          <Table aria-label={t("claims.file.creditorItems", { name: a.name })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("claims.file.itemDate")}</Table.Th>
                <Table.Th>{t("claims.file.reference")}</Table.Th>
                <Table.Th>{t("claims.description")}</Table.Th>
                <Table.Th ta="right">{t("claims.file.amount")}</Table.Th>
                <Table.Th ta="right">{t("claims.file.remaining")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.open_items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatDate(item.item_date, i18n.language)}</Table.Td>
                  <Table.Td>{item.reference}</Table.Td>
                  <Table.Td>{item.description}</Table.Td>
                  <Table.Td ta="right">{money(item.amount)}</Table.Td>
                  <Table.Td ta="right">{money(item.remaining)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {a.open_items.length === 0 && <Text>{t("claims.file.noOpenItems")}</Text>}
        </Stack>
      ))}
    </Section>
  );
}

function History({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  return (
    <Section id="claim-history" title={t("claims.file.history")}>
      <Timeline bulletSize={14} lineWidth={2}>
        {claim.history.map((h, i) => (
          <Timeline.Item
            key={i}
            title={
              h.to_status && h.from_status !== h.to_status
                ? t("claims.file.becameStatus", { status: t(`claims.statuses.${h.to_status}`) })
                : t(`claims.historyKinds.${h.kind}`, { defaultValue: t("claims.historyKinds.other") })
            }
          >
            {h.note && <Text size="sm">{h.note}</Text>}
            <Text size="xs">
              {formatDateTime(h.at, i18n.language)} · {h.by}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}

export default function ClaimFile() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { claimId } = route.useParams();
  const claim = useQuery({
    queryKey: ["claim", claimId],
    queryFn: () => unwrap(api.GET("/api/claims/{claim_id}", { params: { path: { claim_id: claimId } } })),
  });
  const c = claim.data;
  return (
    <Page title={c ? t("claims.file.title", { number: c.number }) : t("claims.file.loading")}>
      <ClaimsNav />
      {claim.error ? <Text role="alert">{errorText(claim.error, t)}</Text> : null}
      {c && (
        <Stack>
          <Group>
            <ClaimBadge status={c.status} />
            {c.outside_cover && <Badge color={DARK.red}>{t("claims.file.outsideCoverBadge")}</Badge>}
            {c.test && <Badge color={DARK.grey}>{t("claims.file.test")}</Badge>}
          </Group>
          <Summary claim={c} />
          <Handling claim={c} />
          <Reserve claim={c} />
          <Payments claim={c} />
          {can(me, "creditors", "view") && <CreditorSide claim={c} />}
          <History claim={c} />
        </Stack>
      )}
    </Page>
  );
}
