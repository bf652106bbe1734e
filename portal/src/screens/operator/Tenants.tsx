import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { selectTenant, useSelectedTenant } from "../../api/tenant";
import { formatDate } from "../../format";
import { useFormProblem } from "../../forms";
import { ErrorNotice, FormAlert, Page } from "../../ui";
import { LoginForm } from "../LoginForm";
import { STATUS } from "../../theme";
import { notify } from "../../notify";

function CreateTenant({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problem = useFormProblem(["slug", "name"], "slug");
  const [slug, setSlug] = useState("");
  const [name, setName] = useState("");

  const submit = problem.submit(async () => {
    await unwrap(api.POST("/api/identity/tenants", { body: { slug, name } }));
    notify("green", t("tenants.created_ok", { slug }));
    await queryClient.invalidateQueries({ queryKey: ["tenants"] });
    onClose();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={problem.message} />
        <TextInput
          label={t("tenants.slug")}
          description={t("tenants.slugHint")}
          name="slug"
          required
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={problem.fieldError("slug")}
        />
        <TextInput
          label={t("tenants.name")}
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={problem.fieldError("name")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={problem.busy}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Appoint({ slug, onClose }: { slug: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack>
      <Text>{t("tenants.appointIntro")}</Text>
      <ErrorNotice error={error} />
      <LoginForm
        tenant={slug}
        submitLabel={t("tenants.appoint")}
        onCancel={onClose}
        onCreated={async (login) => {
          try {
            await unwrap(
              api.POST("/api/identity/tenants/{slug}/administrators", {
                params: { path: { slug } },
                body: { user_id: login.id },
              }),
            );
            notify("green", t("tenants.appointed", { username: login.username, slug }));
            onClose();
          } catch (e) {
            setError(e);
          }
        }}
      />
    </Stack>
  );
}

export default function Tenants() {
  const { t, i18n } = useTranslation();
  const current = useSelectedTenant();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [appointing, setAppointing] = useState<string | null>(null);
  const tenants = useQuery({
    queryKey: ["tenants"],
    queryFn: () => unwrap(api.GET("/api/identity/tenants")),
  });
  return (
    <Page
      title={t("tenants.title")}
      actions={<Button onClick={() => setCreating(true)}>{t("tenants.create")}</Button>}
    >
      <ErrorNotice error={tenants.error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("tenants.slug")}</Table.Th>
            <Table.Th>{t("tenants.name")}</Table.Th>
            <Table.Th>{t("tenants.administration")}</Table.Th>
            <Table.Th>{t("tenants.created")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tenants.data?.items ?? []).map((tenant) => (
            <Table.Tr key={tenant.slug} data-slug={tenant.slug}>
              <Table.Td>{tenant.slug}</Table.Td>
              <Table.Td>{tenant.name}</Table.Td>
              <Table.Td>
                <Badge
                  variant="outline"
                  color={tenant.administration === "self-managed" ? STATUS.good : STATUS.neutral}
                >
                  {t(`administration.${tenant.administration}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(tenant.created_at, i18n.language)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant={current === tenant.slug ? "filled" : "default"}
                    onClick={() => {
                      selectTenant(tenant.slug);
                      void queryClient.invalidateQueries();
                    }}
                  >
                    {current === tenant.slug
                      ? t("tenants.working", { slug: tenant.slug })
                      : t("tenants.workOn", { slug: tenant.slug })}
                  </Button>
                  {tenant.administration === "operator-managed" && (
                    <Button size="xs" variant="default" onClick={() => setAppointing(tenant.slug)}>
                      {t("tenants.appoint")}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("tenants.create")}>
        <CreateTenant onClose={() => setCreating(false)} />
      </Modal>
      <Modal
        opened={appointing !== null}
        onClose={() => setAppointing(null)}
        title={t("tenants.appointTitle", { slug: appointing ?? "" })}
        size="lg"
      >
        {appointing && <Appoint slug={appointing} onClose={() => setAppointing(null)} />}
      </Modal>
    </Page>
  );
}
