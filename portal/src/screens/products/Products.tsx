import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notify } from "../../notify";
import { ApiError } from "../../problems";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Pager, Page, errorText, useCursor } from "../../ui";
import { errorsByPath, newDefinition } from "./definition";
import { DARK, StatusBadge } from "./StatusBadge";

function NewProduct({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The service's 422 names fields by path (code, insurer.name); a 409 is a code in use.
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [taken, setTaken] = useState(false);
  const fieldError = (name: string) => {
    const keys = [...errors].filter(([path]) => path === name || path.startsWith(`${name}.`)).flatMap(([, k]) => k);
    return keys.length ? t(`products.errors.${keys[0] ?? "generic"}`) : undefined;
  };
  const [values, setValues] = useState({
    code: "",
    name: "",
    insurerCode: "",
    insurerName: "",
    from: new Date().toISOString().slice(0, 10),
  });
  const [busy, setBusy] = useState(false);
  const bind = (name: keyof typeof values) => ({
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.currentTarget.value }),
  });
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors(new Map());
        setMessage(null);
        setTaken(false);
        try {
          const body = newDefinition(values.code.trim(), values.name.trim(), { code: values.insurerCode.trim(), name: values.insurerName.trim() }, values.from);
          const made = await unwrap(api.POST("/api/products", { body }));
          await queryClient.invalidateQueries({ queryKey: ["products"] });
          notify("green", t("products.created", { code: made.code }));
          onDone();
          void navigate({ to: "/products/$code", params: { code: made.code }, search: { version: made.version } });
        } catch (error) {
          if (error instanceof ApiError && error.problem.status === 409) setTaken(true);
          else if (error instanceof ApiError && error.problem.status === 422 && error.problem.errors?.length)
            setErrors(errorsByPath(error.problem.errors));
          else setMessage(errorText(error, t));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Stack>
        {message && (
          <Alert color="red" variant="outline" role="alert">
            {message}
          </Alert>
        )}
        <TextInput label={t("products.code")} required {...bind("code")} error={taken ? t("products.codeTaken") : fieldError("code")} />
        <TextInput label={t("products.name")} required {...bind("name")} error={fieldError("name")} />
        <Group grow>
          <TextInput label={t("products.designer.insurerCode")} required {...bind("insurerCode")} error={fieldError("insurer")} />
          <TextInput label={t("products.designer.insurerName")} required {...bind("insurerName")} />
        </Group>
        <TextInput label={t("products.designer.effectiveFrom")} type="date" {...bind("from")} error={fieldError("effective_from")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function Products() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const paging = useCursor();
  const [creating, setCreating] = useState(false);
  const products = useQuery({
    queryKey: ["products", me?.tenant, paging.cursor],
    queryFn: () => unwrap(api.GET("/api/products", { params: { query: { limit: 25, cursor: paging.cursor } } })),
  });
  const items = products.data?.items ?? [];
  return (
    <Page
      title={t("products.title")}
      actions={can(me, "products", "create") && <Button onClick={() => setCreating(true)}>{t("products.new")}</Button>}
    >
      <ErrorNotice error={products.error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("products.code")}</Table.Th>
            <Table.Th>{t("products.name")}</Table.Th>
            <Table.Th>{t("products.latestVersion")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.code}>
              <Table.Td>
                <Anchor
                  href={`/products/${encodeURIComponent(p.code)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate({ to: "/products/$code", params: { code: p.code }, search: {} });
                  }}
                >
                  {p.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.latest_version ?? ""}</Table.Td>
              <Table.Td>{p.latest_status ? <StatusBadge status={p.latest_status} /> : <Badge color={DARK.grey}>—</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {products.isSuccess && items.length === 0 && <Text mt="sm">{t("common.empty")}</Text>}
      <Pager paging={paging} nextCursor={products.data?.next_cursor} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("products.new")} size="lg">
        <NewProduct onDone={() => setCreating(false)} />
      </Modal>
    </Page>
  );
}
