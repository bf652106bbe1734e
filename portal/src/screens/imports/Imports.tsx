import { Alert, Anchor, Badge, Button, FileInput, Group, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDate, formatDateTime } from "../../format";
import { can } from "../../rights";
import { useMe } from "../../session";
import { STATUS } from "../../theme";
import { ErrorNotice, Page, Pager, useCursor } from "../../ui";

const COLORS: Record<string, string> = {
  checked: STATUS.good,
  loaded: STATUS.good,
  rejected: STATUS.bad,
  failed: STATUS.bad,
  checking: STATUS.info,
  loading: STATUS.info,
  withdrawing: STATUS.info,
  withdrawal_stopped: STATUS.bad,
};

export function ImportBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={COLORS[status] ?? STATUS.neutral}>
      {t(`imports.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** The tenant's imports, newest first, and handing in a conversion package for a dry run. */
export default function Imports() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const paging = useCursor();
  const [file, setFile] = useState<File | null>(null);
  const imports = useQuery({
    queryKey: ["imports", me?.tenant, paging.cursor],
    queryFn: () => unwrap(api.GET("/api/imports", { params: { query: { limit: 25, cursor: paging.cursor } } })),
  });
  const handIn = useMutation({
    mutationFn: (zip: File) =>
      unwrap(
        api.POST("/api/imports", {
          body: zip as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { "Content-Type": "application/zip" },
        }),
      ),
    onSuccess: async (made) => {
      await queryClient.invalidateQueries({ queryKey: ["imports"] });
      void navigate({ to: "/imports/$importId", params: { importId: made.id } });
    },
  });
  const items = imports.data?.items ?? [];
  return (
    <Page title={t("imports.title")}>
      <Text mb="md">{t("imports.intro")}</Text>
      {can(me, "imports", "create") && (
        <Group align="flex-end" mb="md">
          <FileInput
            label={t("imports.package")}
            accept=".zip,application/zip"
            value={file}
            onChange={setFile}
            w={360}
            clearable
          />
          <Button disabled={!file} loading={handIn.isPending} onClick={() => file && handIn.mutate(file)}>
            {t("imports.handIn")}
          </Button>
        </Group>
      )}
      {handIn.error && (
        <Alert color="red" mb="md" role="alert">
          <ErrorNotice error={handIn.error} />
        </Alert>
      )}
      <ErrorNotice error={imports.error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("imports.number")}</Table.Th>
            <Table.Th>{t("imports.source")}</Table.Th>
            <Table.Th>{t("imports.cutOff")}</Table.Th>
            <Table.Th>{t("imports.by")}</Table.Th>
            <Table.Th>{t("imports.at")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th ta="right">{t("imports.errors")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id} data-import={i.number}>
              <Table.Td>
                <Anchor
                  href={`/imports/${i.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate({ to: "/imports/$importId", params: { importId: i.id } });
                  }}
                >
                  {i.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{i.source_system}</Table.Td>
              <Table.Td>{i.cut_off ? formatDate(i.cut_off, i18n.language) : ""}</Table.Td>
              <Table.Td>
                {i.created_by} ({t(`actingAs.${i.acting_as}`, { defaultValue: i.acting_as })})
              </Table.Td>
              <Table.Td>{formatDateTime(i.created_at, i18n.language)}</Table.Td>
              <Table.Td>
                <ImportBadge status={i.status} />
              </Table.Td>
              <Table.Td ta="right">{i.error_count}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {imports.isSuccess && items.length === 0 && <Text mt="sm">{t("imports.empty")}</Text>}
      <Pager paging={paging} nextCursor={imports.data?.next_cursor} />
    </Page>
  );
}
