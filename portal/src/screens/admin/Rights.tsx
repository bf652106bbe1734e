import { Button, Checkbox, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, type identityTypes } from "../../api/client";
import { effectiveRights } from "../../rights";
import { useCatalogue, useTenant, type Catalogue } from "../../session";
import { ErrorNotice, Pager, Page, useCursor } from "../../ui";
import { ScopeGrid, toggled } from "../ScopeGrid";
import { useLogins } from "./Employees";
import { notify } from "../../notify";

type Login = identityTypes["schemas"]["LoginOut"];

function Row({ login, catalogue, tenant }: { login: Login; catalogue: Catalogue; tenant: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [protocols, setProtocols] = useState(new Set(login.protocols ?? []));
  const [rights, setRights] = useState(new Set(login.rights ?? []));
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const byProtocol = Object.fromEntries(catalogue.protocols.map((p) => [p.name, p.rights]));
  const effective = effectiveRights([...protocols], [...rights], byProtocol);
  const dirty =
    [...protocols].sort().join() !== [...(login.protocols ?? [])].sort().join() ||
    [...rights].sort().join() !== [...(login.rights ?? [])].sort().join();

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.PUT("/api/identity/tenants/{slug}/users/{user_id}/rights", {
          params: { path: { slug: tenant, user_id: login.id } },
          body: {
            protocols: [...protocols],
            rights: [...rights].map((r) => {
              const [module = "", action = ""] = r.split(":");
              return { module, action };
            }),
          },
        }),
      );
      notify("green", t("rights.saved", { username: login.username }));
      await queryClient.invalidateQueries({ queryKey: ["logins", tenant] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Fragment>
      <Table.Tr data-username={login.username}>
        <Table.Th scope="row">{login.username}</Table.Th>
        {catalogue.protocols.map((p) => (
          <Table.Td key={p.name}>
            <Checkbox
              aria-label={t("rights.protocolFor", { protocol: t(`protocols.${p.name}`), username: login.username })}
              data-protocol={p.name}
              checked={protocols.has(p.name)}
              onChange={() => setProtocols(toggled(protocols, p.name))}
            />
          </Table.Td>
        ))}
        <Table.Td>
          <Stack gap={4} align="flex-start">
            <Button size="xs" variant="default" onClick={() => setOpen(!open)} aria-expanded={open}>
              {open ? t("rights.hide") : t("rights.details")}
            </Button>
            <Button size="xs" disabled={!dirty} loading={busy} onClick={() => void save()}>
              {t("common.save")}
            </Button>
          </Stack>
        </Table.Td>
      </Table.Tr>
      {(open || !!error) && (
        <Table.Tr>
          <Table.Td colSpan={catalogue.protocols.length + 2}>
            <ErrorNotice error={error} />
            {open && (
              <>
                <ScopeGrid
                  catalogue={catalogue}
                  selected={rights}
                  effective={effective}
                  subject={login.username}
                  viaLabel={t("rights.viaProtocol")}
                  onToggle={(right) => setRights(toggled(rights, right))}
                />
                <Text size="sm" mt="xs">
                  {t("rights.effective")}:{" "}
                  {[...effective]
                    .sort()
                    .map((r) => {
                      const [m, a] = r.split(":");
                      return `${t(`modules.${m}`)} (${t(`actions.${a}`)})`;
                    })
                    .join(", ") || t("common.none")}
                </Text>
              </>
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export default function Rights() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const catalogue = useCatalogue();
  const paging = useCursor();
  const logins = useLogins(tenant, paging.cursor);
  return (
    <Page title={t("rights.title")}>
      <Text mb="md">{t("rights.intro")}</Text>
      <ErrorNotice error={logins.error ?? catalogue.error} />
      {catalogue.data && (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rights.employee")}</Table.Th>
              {catalogue.data.protocols.map((p) => (
                <Table.Th key={p.name}>{t(`protocols.${p.name}`)}</Table.Th>
              ))}
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(logins.data?.items ?? []).map((login) => (
              <Row
                key={`${login.id}:${(login.protocols ?? []).join()}:${(login.rights ?? []).join()}`}
                login={login}
                catalogue={catalogue.data}
                tenant={tenant}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager paging={paging} nextCursor={logins.data?.next_cursor} />
    </Page>
  );
}
