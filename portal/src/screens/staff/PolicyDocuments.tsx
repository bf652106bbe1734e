/** A policy's documents as the policyholder receives them (schedules, invoices, credit notes),
 * newest first, a page at a time, each to open as PDF. */
import { Badge, Stack, Table, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/generated/policy";
import { Day, type Policy } from "../../clerk/parts";
import { formatDate } from "../../format";
import { STATUS } from "../../theme";
import { ErrorNotice, Pager, PdfButton, useCursor } from "../../ui";

type PolicyDocument = components["schemas"]["DocumentOut"];

function documentName(d: PolicyDocument, t: TFunction): string {
  return `${t(`clerk.policyDocuments.kind.${d.kind}`, { defaultValue: d.title })} ${d.key}`;
}

function loadPdf(policyId: string, key: string): Promise<Blob> {
  return unwrap(
    api.GET("/api/policies/{policy_id}/documents/{key}", {
      params: { path: { policy_id: policyId, key } },
      parseAs: "blob",
    }),
  );
}

/** Made (and so sent) on a day, or not yet. */
function sentText(madeAt: string | null, t: TFunction, language: string): string {
  if (!madeAt) return t("clerk.policyDocuments.notSent");
  return t("clerk.policyDocuments.madeOn", { date: formatDate(madeAt, language) });
}

function DocumentRow({ policy, document: d }: { policy: Policy; document: PolicyDocument }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // Opened, a document is made (and so sent) if it was not yet: the list says so then.
  const load = async () => {
    const pdf = await loadPdf(policy.id, d.key);
    if (!d.made_at) void queryClient.invalidateQueries({ queryKey: ["policy", policy.id, "documents"] });
    return pdf;
  };
  return (
    <Table.Tr data-document={d.key}>
      <Table.Td>
        {t(`clerk.policyDocuments.kind.${d.kind}`, { defaultValue: d.title })}
        {d.test && (
          <Badge ml="xs" color={STATUS.bad} c={STATUS.bad} variant="outline" styles={{ label: { color: "inherit" } }}>
            {t("clerk.policyDocuments.test")}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Day iso={d.date} />
      </Table.Td>
      <Table.Td>{d.key}</Table.Td>
      <Table.Td>{sentText(d.made_at, t, i18n.language)}</Table.Td>
      <Table.Td>
        <PdfButton
          document={documentName(d, t)}
          filename={`${policy.number}-${d.key}.pdf`}
          load={load}
        />
      </Table.Td>
    </Table.Tr>
  );
}

export function PolicyDocuments({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const paging = useCursor(policy.id);
  const documents = useQuery({
    queryKey: ["policy", policy.id, "documents", paging.cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/policies/{policy_id}/documents", {
          params: { path: { policy_id: policy.id }, query: { limit: 20, cursor: paging.cursor } },
        }),
      ),
  });
  const items = documents.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Text>{t("clerk.policyDocuments.intro")}</Text>
      <ErrorNotice error={documents.error} />
      <Table striped withTableBorder>
        <Table.Caption>{t("clerk.policyDocuments.caption", { number: policy.number })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("clerk.policyDocuments.document")}</Table.Th>
            <Table.Th>{t("clerk.policyDocuments.date")}</Table.Th>
            <Table.Th>{t("clerk.policyDocuments.key")}</Table.Th>
            <Table.Th>{t("clerk.policyDocuments.sent")}</Table.Th>
            <Table.Th>{t("clerk.policyDocuments.pdf")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <DocumentRow key={d.key} policy={policy} document={d} />
          ))}
          {documents.isSuccess && !items.length && (
            <Table.Tr>
              <Table.Td colSpan={5}>{t("clerk.policyDocuments.none")}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {(paging.page > 1 || documents.data?.next_cursor) && (
        <Pager paging={paging} nextCursor={documents.data?.next_cursor} />
      )}
    </Stack>
  );
}
