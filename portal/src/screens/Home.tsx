import { Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ACTIONS, MODULES, can } from "../rights";
import { useMe } from "../session";
import { Page } from "../ui";
import { STATUS } from "../theme";

/** Who am I: the person, the tenant, acting as what, with which rights. */
export default function Home() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const modules = MODULES.filter((m) => ACTIONS.some((a) => can(me, m, a)));
  return (
    <Page title={t("me.title")}>
      <Table variant="vertical" withTableBorder maw={720}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={180}>{t("me.person")}</Table.Th>
            <Table.Td>{me.username}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("me.tenant")}</Table.Th>
            <Table.Td>{me.tenant ?? t("top.noTenant")}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("me.actingAs")}</Table.Th>
            <Table.Td>{t(`actingAs.${me.acting_as ?? "none"}`)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("me.roles")}</Table.Th>
            <Table.Td>
              {me.roles
                .filter((r) => r === "platform-operator" || r === "tenant-admin")
                .map((r) => t(`me.roleNames.${r}`))
                .join(", ") || t("common.none")}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("me.rights")}</Table.Th>
            <Table.Td>
              {modules.length === 0 && <Text>{t("me.noRights")}</Text>}
              {modules.map((m) => (
                <Group key={m} gap={6} my={4}>
                  <Text fw={600} w={120}>
                    {t(`modules.${m}`)}
                  </Text>
                  {ACTIONS.filter((a) => can(me, m, a)).map((a) => (
                    <Badge key={a} variant="outline" color={STATUS.neutral}>
                      {t(`actions.${a}`)}
                    </Badge>
                  ))}
                </Group>
              ))}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Page>
  );
}
