import { Badge, Button, Group, Modal, Table } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useTenant } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { LoginForm } from "../LoginForm";
import { STATUS } from "../../theme";
import { notify } from "../../notify";
import { SecondFactorSetting } from "./SecondFactor";

export function useLogins(tenant: string, cursor: string | null) {
  return useQuery({
    queryKey: ["logins", tenant, cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/identity/tenants/{slug}/users", {
          params: { path: { slug: tenant }, query: { limit: 25, cursor } },
        }),
      ),
    enabled: !!tenant,
  });
}

export default function Employees() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const paging = useCursor();
  const logins = useLogins(tenant, paging.cursor);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["logins", tenant] });

  async function act(run: () => Promise<unknown>, message: string) {
    setError(null);
    try {
      await run();
      notify("green", message);
      await refresh();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page
      title={t("employees.title")}
      actions={<Button onClick={() => setCreating(true)}>{t("employees.create")}</Button>}
    >
      <SecondFactorSetting tenant={tenant} />
      <ErrorNotice error={logins.error ?? error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("logins.username")}</Table.Th>
            <Table.Th>{t("employees.name")}</Table.Th>
            <Table.Th>{t("logins.email")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th>{t("employees.protocols")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(logins.data?.items ?? []).map((login) => (
            <Table.Tr key={login.id} data-username={login.username}>
              <Table.Td>{login.username}</Table.Td>
              <Table.Td>
                {login.first_name} {login.last_name}
              </Table.Td>
              <Table.Td>{login.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="outline" color={login.enabled ? STATUS.good : STATUS.bad}>
                    {login.enabled ? t("employees.enabled") : t("employees.disabled")}
                  </Badge>
                  {login.administrator && (
                    <Badge variant="outline" color={STATUS.info}>
                      {t("employees.administrator")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{(login.protocols ?? []).map((p) => t(`protocols.${p}`)).join(", ")}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() =>
                      void act(
                        () =>
                          unwrap(
                            api.PATCH("/api/identity/tenants/{slug}/users/{user_id}", {
                              params: { path: { slug: tenant, user_id: login.id } },
                              body: { enabled: !login.enabled },
                            }),
                          ),
                        t("common.saved"),
                      )
                    }
                  >
                    {login.enabled ? t("employees.disable") : t("employees.enable")}
                  </Button>
                  {!login.administrator && login.enabled && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        void act(
                          () =>
                            unwrap(
                              api.POST("/api/identity/tenants/{slug}/administrators", {
                                params: { path: { slug: tenant } },
                                body: { user_id: login.id },
                              }),
                            ),
                          t("employees.madeAdmin", { username: login.username }),
                        )
                      }
                    >
                      {t("employees.makeAdmin")}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager paging={paging} nextCursor={logins.data?.next_cursor} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("employees.create")} size="lg">
        <LoginForm
          tenant={tenant}
          submitLabel={t("common.create")}
          onCancel={() => setCreating(false)}
          onCreated={async (login) => {
            notify("green", t("employees.created", { username: login.username }));
            setCreating(false);
            await refresh();
          }}
        />
      </Modal>
    </Page>
  );
}
