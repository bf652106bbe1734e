import { Alert, Anchor, Badge, Button, Card, Drawer, Group, NativeSelect, Radio, Select, Stack, Table, Text, Textarea } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import {
  ConfirmDialog,
  Day,
  DocumentList,
  documentsOf,
  Money,
  StatusBadge,
  useFieldProblems,
  type Address,
  type Application,
  type PremiumDocument,
  AnchorLink,
} from "../../clerk/parts";
import { useVersion } from "../../clerk/product";
import type { ApplicationSearch } from "../../clerk/routes";
import { formatDateTime } from "../../format";
import { can } from "../../rights";
import { STATUS } from "../../theme";
import { useMe } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { DuplicatesCompare } from "./RelationForm";

const route = getRouteApi("/applications");
const NEW = "new";

function applicantOf(application: Application) {
  return application.applicant as Application["applicant"] & {
    name: string;
    email?: string;
    iban?: string;
    date_of_birth?: string;
    address?: Address;
  };
}

type Decision = { policyId: string | null; policyNumber: string | null; documents: PremiumDocument[] };

function Decide({ application }: { application: Application }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const version = useVersion(application.product, application.product_version);
  const applicant = applicantOf(application);
  const [holder, setHolder] = useState<string>(NEW);
  // The applicant's mandate, if given with the application, makes direct debit the default.
  const [payment, setPayment] = useState<"transfer" | "direct_debit">(application.direct_debit ? "direct_debit" : "transfer");
  const [confirming, setConfirming] = useState<"accept" | "reject" | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [decided, setDecided] = useState<Decision | null>(null);
  const problems = useFieldProblems(["holder_id", "reason"]);
  const open = application.status === "received";
  const mayDecide = can(me, "policies", "create") && open;
  const duplicates = application.possible_duplicates;
  const path = { params: { path: { application_id: application.id } } };

  async function decide(kind: "accept" | "reject") {
    setBusy(true);
    problems.clear();
    try {
      const answer =
        kind === "accept"
          ? await unwrap(api.POST("/api/policies/applications/{application_id}/accept", { ...path, body: { holder_id: holder === NEW ? null : holder, payment_method: payment } }))
          : await unwrap(api.POST("/api/policies/applications/{application_id}/reject", { ...path, body: { reason: reason.trim() } }));
      setDecided({
        policyId: answer.policy_id ?? null,
        policyNumber: answer.application.policy_number ?? null,
        documents: documentsOf({ documents: answer.documents ?? [] }),
      });
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: ["applications"] });
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  }

  if (decided)
    return (
      <Stack>
        <Alert color="green" variant="outline" role="status">
          <Text c="green.9">
            {decided.policyNumber ? t("clerk.applications.accepted", { number: decided.policyNumber }) : t("clerk.applications.rejected")}
          </Text>
        </Alert>
        {decided.policyId && (
          <AnchorLink to="/policies/$policyId" params={{ policyId: decided.policyId }}>
            {t("clerk.applications.openPolicy", { number: decided.policyNumber })}
          </AnchorLink>
        )}
        {decided.policyId && <DocumentList documents={decided.documents} empty={t("clerk.applications.noInvoice")} />}
      </Stack>
    );

  return (
    <Stack>
      <Group gap="xs">
        <StatusBadge status={application.status} />
        {application.review && (
          <Badge color={STATUS.bad} variant="outline" c={STATUS.bad}>
            {t("clerk.applications.review")}
          </Badge>
        )}
        {application.test && <Badge variant="outline">{t("clerk.policy.test")}</Badge>}
      </Group>
      {application.reasons.length > 0 && (
        <Alert color="orange" variant="outline">
          <Text fw={700}>{t("clerk.applications.reasons")}</Text>
          {application.reasons.map((r) => (
            <Text key={r}>{r}</Text>
          ))}
        </Alert>
      )}
      <Card withBorder>
        <Text>
          {t("clerk.applications.product")}: {version.data?.name ?? application.product} ({application.product} v{application.product_version})
        </Text>
        <Text>
          {t("clerk.applications.start")}: <Day iso={application.start_date} />
        </Text>
        <Text>
          {t("clerk.applications.premium")}: <Money amount={application.premium.total} currency={application.premium.currency} />{" "}
          {t(`clerk.frequency.per.${application.premium.frequency}`)}
        </Text>
        {application.reason && (
          <Text>
            {t("clerk.applications.rejectReason")}: {application.reason}
          </Text>
        )}
        {application.policy_id && (
          <AnchorLink to="/policies/$policyId" params={{ policyId: application.policy_id }}>
            {t("clerk.applications.openPolicy", { number: application.policy_number })}
          </AnchorLink>
        )}
      </Card>
      {duplicates.length > 0 ? (
        <>
          <Text fw={700}>{t("clerk.applications.duplicates", { count: duplicates.length })}</Text>
          <DuplicatesCompare subject={applicant} subjectHeading={t("clerk.applications.applicant")} duplicates={duplicates} />
        </>
      ) : (
        <DuplicatesCompare subject={applicant} subjectHeading={t("clerk.applications.applicant")} duplicates={[]} />
      )}
      {mayDecide && (
        <Card withBorder>
          <Stack>
            <Radio.Group
              label={t("clerk.applications.holder")}
              value={holder}
              onChange={setHolder}
              error={problems.error("holder_id")}
            >
              <Stack mt={4} gap={6}>
                <Radio value={NEW} label={t("clerk.applications.newHolder", { name: applicant.name })} />
                {duplicates.map((d) => (
                  <Radio key={d.id} value={d.id} label={t("clerk.applications.existingHolder", { name: d.name })} />
                ))}
              </Stack>
            </Radio.Group>
            <NativeSelect
              label={t("clerk.policy.paymentMethod")}
              value={payment}
              onChange={(e) => setPayment(e.currentTarget.value as typeof payment)}
              data={(["transfer", "direct_debit"] as const).map((m) => ({ value: m, label: t(`clerk.payment.${m}`) }))}
              description={
                application.direct_debit
                  ? t("clerk.applications.mandateGiven", { iban: String(application.direct_debit.iban ?? "") })
                  : undefined
              }
              w={360}
            />
            <Group>
              <Button onClick={() => setConfirming("accept")}>{t("clerk.applications.accept")}</Button>
              <Button variant="outline" color="red.9" onClick={() => setConfirming("reject")}>
                {t("clerk.applications.reject")}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <ConfirmDialog
        opened={confirming === "accept"}
        title={t("clerk.applications.acceptTitle")}
        confirm={t("clerk.applications.acceptConfirm")}
        onConfirm={() => void decide("accept")}
        onClose={() => setConfirming(null)}
        busy={busy}
        error={problems.message}
      >
        <Text>
          {t("clerk.applications.acceptText", {
            holder: holder === NEW ? applicant.name : (duplicates.find((d) => d.id === holder)?.name ?? ""),
          })}
        </Text>
        <Text>
          {t("clerk.applications.premium")}: <Money amount={application.premium.total} currency={application.premium.currency} />{" "}
          {t(`clerk.frequency.per.${application.premium.frequency}`)}
        </Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirming === "reject"}
        title={t("clerk.applications.rejectTitle")}
        confirm={t("clerk.applications.rejectConfirm")}
        onConfirm={() => void decide("reject")}
        onClose={() => setConfirming(null)}
        busy={busy}
        error={problems.message}
      >
        <Textarea
          label={t("clerk.applications.rejectReason")}
          description={t("clerk.applications.rejectHint")}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problems.error("reason")}
        />
      </ConfirmDialog>
    </Stack>
  );
}

/** One filter's queue, paged by cursor (another filter starts at its first page). */
function Queue({ search, onOpen }: { search: ApplicationSearch; onOpen: (a: Application) => void }) {
  const { t, i18n } = useTranslation();
  const paging = useCursor();
  const status = search.status ?? "received";
  const applications = useQuery({
    queryKey: ["applications", JSON.stringify(search), paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/policies/applications", {
          params: {
            query: {
              status: status === "all" ? null : status,
              review: search.review ? search.review === "yes" : null,
              limit: 25,
              cursor: paging.cursor,
            },
          },
        }),
      ),
  });
  const items = applications.data?.items ?? [];
  return (
    <>
      <ErrorNotice error={applications.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t("clerk.applications.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.applications.received")}</Table.Th>
            <Table.Th>{t("clerk.applications.applicant")}</Table.Th>
            <Table.Th>{t("clerk.applications.product")}</Table.Th>
            <Table.Th>{t("clerk.applications.start")}</Table.Th>
            <Table.Th ta="right">{t("clerk.applications.premium")}</Table.Th>
            <Table.Th>{t("clerk.applications.channel")}</Table.Th>
            <Table.Th>{t("clerk.applications.status")}</Table.Th>
            <Table.Th>{t("clerk.applications.duplicatesShort")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-application={a.id}>
              <Table.Td>{formatDateTime(a.received_at, i18n.language)}</Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => onOpen(a)}>
                  {applicantOf(a).name}
                </Anchor>
              </Table.Td>
              <Table.Td>{a.product}</Table.Td>
              <Table.Td>
                <Day iso={a.start_date} />
              </Table.Td>
              <Table.Td ta="right">
                <Money amount={a.premium.total} currency={a.premium.currency} />
              </Table.Td>
              <Table.Td>{t(`clerk.channel.${a.channel}`, { defaultValue: a.channel })}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StatusBadge status={a.status} />
                  {a.review && (
                    <Badge color={STATUS.bad} variant="outline" c={STATUS.bad}>
                      {t("clerk.applications.review")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{a.possible_duplicates.length || t("common.none")}</Table.Td>
            </Table.Tr>
          ))}
          {applications.isSuccess && !items.length && (
            <Table.Tr>
              <Table.Td colSpan={8}>{t("common.empty")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={applications.data?.next_cursor} />
    </>
  );
}

export default function Applications() {
  const { t } = useTranslation();
  const me = useMe().data;
  const search = route.useSearch();
  const navigate = useNavigate();
  const [opened, setOpened] = useState<Application | null>(null);
  const status = search.status ?? "received";
  return (
    <Page
      title={t("clerk.applications.title")}
      actions={
        can(me, "policies", "create") && (
          <Button component={Link} to="/applications/new">
            {t("clerk.applications.new")}
          </Button>
        )
      }
    >
      <Group mb="md" align="flex-end">
        <Select
          label={t("clerk.applications.status")}
          allowDeselect={false}
          w={200}
          data={(["received", "accepted", "rejected", "all"] as const).map((s) => ({
            value: s,
            label: t(s === "all" ? "common.all" : `clerk.status.${s}`),
          }))}
          value={status}
          onChange={(v) =>
            void navigate({ to: "/applications", search: { ...search, status: v === "received" ? undefined : (v as ApplicationSearch["status"]) } })
          }
        />
        <Select
          label={t("clerk.applications.reviewFilter")}
          allowDeselect={false}
          w={220}
          data={[
            { value: "any", label: t("common.all") },
            { value: "yes", label: t("clerk.applications.onlyReview") },
            { value: "no", label: t("clerk.applications.noReview") },
          ]}
          value={search.review ?? "any"}
          onChange={(v) => void navigate({ to: "/applications", search: { ...search, review: v === "yes" || v === "no" ? v : undefined } })}
        />
      </Group>
      <Queue key={JSON.stringify(search)} search={search} onOpen={setOpened} />
      <Drawer
        opened={!!opened}
        onClose={() => setOpened(null)}
        position="right"
        size="xl"
        closeButtonProps={{ "aria-label": t("common.close") }}
        title={t("clerk.applications.drawerTitle", { name: opened ? applicantOf(opened).name : "" })}
      >
        {opened && <Decide key={opened.id} application={opened} />}
      </Drawer>
    </Page>
  );
}
