import {
  Alert,
  Badge,
  Button,
  Checkbox,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatDate } from "../../format";
import { useFormProblem } from "../../forms";
import { useTenant } from "../../session";
import { ErrorNotice, FormAlert, Page } from "../../ui";
import { STATUS } from "../../theme";

interface Secret {
  client_id: string;
  client_secret: string;
}

/** The secret, shown once, with a copy button. */
function SecretShown({ secret, onClose }: { secret: Secret; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="yellow" variant="outline">
        <Text c="dark">{t("apiClients.secretOnce")}</Text>
      </Alert>
      <Text fw={600}>{t("apiClients.clientId")}</Text>
      <Text ff="monospace">{secret.client_id}</Text>
      <Text fw={600}>{t("apiClients.secret")}</Text>
      <Text ff="monospace" data-testid="client-secret" style={{ wordBreak: "break-all" }}>
        {secret.client_secret}
      </Text>
      <Group justify="flex-end">
        <CopyButton value={secret.client_secret}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t("common.copied") : t("common.copy")}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onClose}>{t("common.close")}</Button>
      </Group>
    </Stack>
  );
}

function CreateClient({ tenant, onCreated }: { tenant: string; onCreated: (s: Secret) => void }) {
  const { t } = useTranslation();
  const problem = useFormProblem(["name", "channel", "relation_id"], "name");
  const [name, setName] = useState("");
  const [channel, setChannel] = useState<"website" | "intermediary">("website");
  const [relation, setRelation] = useState("");
  const [test, setTest] = useState(false);

  const submit = problem.submit(async () => {
    const created = await unwrap(
      api.POST("/api/identity/tenants/{slug}/api-clients", {
        params: { path: { slug: tenant } },
        body: { name, channel, relation_id: relation.trim() || null, test },
      }),
    );
    onCreated(created);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={problem.message} />
        <TextInput
          label={t("apiClients.name")}
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={problem.fieldError("name")}
        />
        <Select
          label={t("apiClients.channel")}
          name="channel"
          allowDeselect={false}
          data={(["website", "intermediary"] as const).map((c) => ({
            value: c,
            label: t(`apiClients.channels.${c}`),
          }))}
          value={channel}
          onChange={(v) => setChannel(v === "intermediary" ? "intermediary" : "website")}
          error={problem.fieldError("channel")}
        />
        {channel === "intermediary" && (
          <TextInput
            label={t("apiClients.relation")}
            name="relation_id"
            value={relation}
            onChange={(e) => setRelation(e.currentTarget.value)}
            error={problem.fieldError("relation_id")}
          />
        )}
        <Checkbox
          label={t("apiClients.test")}
          checked={test}
          onChange={(e) => setTest(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={problem.busy}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function ApiClients() {
  const { t, i18n } = useTranslation();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [revoking, setRevoking] = useState<{ client_id: string; name: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const clients = useQuery({
    queryKey: ["api-clients", tenant],
    queryFn: () =>
      unwrap(
        api.GET("/api/identity/tenants/{slug}/api-clients", {
          params: { path: { slug: tenant } },
        }),
      ),
    enabled: !!tenant,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["api-clients", tenant] });

  async function rotate(clientId: string) {
    setError(null);
    try {
      setSecret(
        await unwrap(
          api.POST("/api/identity/tenants/{slug}/api-clients/{client_id}/rotate-secret", {
            params: { path: { slug: tenant, client_id: clientId } },
          }),
        ),
      );
    } catch (e) {
      setError(e);
    }
  }

  async function revoke(clientId: string) {
    setError(null);
    setRevoking(null);
    try {
      await unwrap(
        api.DELETE("/api/identity/tenants/{slug}/api-clients/{client_id}", {
          params: { path: { slug: tenant, client_id: clientId } },
        }),
      );
      await refresh();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page
      title={t("apiClients.title")}
      actions={<Button onClick={() => setCreating(true)}>{t("apiClients.create")}</Button>}
    >
      <Text mb="md">{t("apiClients.intro")}</Text>
      <ErrorNotice error={clients.error ?? error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("apiClients.name")}</Table.Th>
            <Table.Th>{t("apiClients.clientId")}</Table.Th>
            <Table.Th>{t("apiClients.channel")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th>{t("tenants.created")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(clients.data ?? []).map((c) => (
            <Table.Tr key={c.client_id}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{c.client_id}</Table.Td>
              <Table.Td>
                {t(`apiClients.channels.${c.channel}`, { defaultValue: c.channel })}
                {c.test ? ` (${t("apiClients.test")})` : ""}
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color={c.revoked_at ? STATUS.bad : STATUS.good}>
                  {c.revoked_at ? t("apiClients.revoked") : t("apiClients.active")}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(c.created_at, i18n.language)}</Table.Td>
              <Table.Td>
                {!c.revoked_at && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => void rotate(c.client_id)}>
                      {t("apiClients.rotate")}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setRevoking(c)}>
                      {t("apiClients.revoke")}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("apiClients.create")}>
        <CreateClient
          tenant={tenant}
          onCreated={(s) => {
            setCreating(false);
            setSecret(s);
            void refresh();
          }}
        />
      </Modal>
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title={t("apiClients.secret")}>
        {secret && <SecretShown secret={secret} onClose={() => setSecret(null)} />}
      </Modal>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t("apiClients.revoke")}>
        {revoking && (
          <Stack>
            <Text>{t("apiClients.revokeConfirm", { name: revoking.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(null)}>
                {t("common.cancel")}
              </Button>
              <Button color={STATUS.bad} onClick={() => void revoke(revoking.client_id)}>
                {t("apiClients.revoke")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}
