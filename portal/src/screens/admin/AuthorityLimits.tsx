import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { formatMoney } from "../../format";
import { useFormProblem } from "../../forms";
import { useTenant } from "../../session";
import { ErrorNotice, FormAlert, Page } from "../../ui";

/** An amount as typed in either language ("1.234,56" or "1,234.56") as a decimal string. */
export function parseAmount(text: string, language: string): string {
  const cleaned = text.replace(/[€\s]/g, "");
  const normal =
    language === "nl" ? cleaned.replace(/\./g, "").replace(",", ".") : cleaned.replace(/,/g, "");
  return normal;
}

function LimitForm({
  label,
  withHandler,
  onSave,
}: {
  label: string;
  withHandler: boolean;
  onSave: (handler: string, amount: string) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const problem = useFormProblem(["handler", "authority_limit"]);
  const [handler, setHandler] = useState("");
  const [amount, setAmount] = useState("");
  const submit = problem.submit(async () => {
    await onSave(handler.trim(), parseAmount(amount, i18n.language));
    setHandler("");
    setAmount("");
  });
  return (
    <form noValidate onSubmit={submit}>
      <Group align="flex-start">
        {withHandler && (
          <TextInput
            label={t("limits.handler")}
            name="handler"
            value={handler}
            onChange={(e) => setHandler(e.currentTarget.value)}
            error={problem.fieldError("handler")}
          />
        )}
        <TextInput
          label={t("limits.limit")}
          name="authority_limit"
          inputMode="decimal"
          leftSection="€"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={problem.fieldError("authority_limit")}
        />
        <Button type="submit" loading={problem.busy} mt={24}>
          {label}
        </Button>
      </Group>
      <FormAlert message={problem.message} />
    </form>
  );
}

export default function AuthorityLimits() {
  const { t, i18n } = useTranslation();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const settings = useQuery({
    queryKey: ["claims-settings", tenant],
    queryFn: () => unwrap(api.GET("/api/claims/settings")),
    enabled: !!tenant,
  });
  const limits = useQuery({
    queryKey: ["authority-limits", tenant],
    queryFn: () => unwrap(api.GET("/api/claims/authority-limits")),
    enabled: !!tenant,
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["claims-settings", tenant] }),
      queryClient.invalidateQueries({ queryKey: ["authority-limits", tenant] }),
    ]);
  const money = (value: string | number) => formatMoney(value, "EUR", i18n.language);

  return (
    <Page title={t("limits.title")}>
      <Text mb="md">{t("limits.intro")}</Text>
      <ErrorNotice error={settings.error ?? limits.error ?? error} />
      <Stack>
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            {t("limits.default")}
          </Title>
          {settings.data && <Text mb="sm">{money(settings.data.authority_limit ?? 0)}</Text>}
          <LimitForm
            label={t("common.save")}
            withHandler={false}
            onSave={async (_, amount) => {
              await unwrap(api.PUT("/api/claims/settings", { body: { authority_limit: amount } }));
              await refresh();
            }}
          />
        </Card>
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            {t("limits.perHandler")}
          </Title>
          <Table withTableBorder mb="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("limits.handler")}</Table.Th>
                <Table.Th>{t("limits.limit")}</Table.Th>
                <Table.Th>{t("limits.setBy")}</Table.Th>
                <Table.Th>{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(limits.data ?? []).map((l) => (
                <Table.Tr key={l.handler}>
                  <Table.Td>{l.handler}</Table.Td>
                  <Table.Td>{money(l.authority_limit)}</Table.Td>
                  <Table.Td>{l.set_by}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={async () => {
                        setError(null);
                        try {
                          await unwrap(
                            api.DELETE("/api/claims/authority-limits/{handler}", {
                              params: { path: { handler: l.handler } },
                            }),
                          );
                          await refresh();
                        } catch (e) {
                          setError(e);
                        }
                      }}
                    >
                      {t("limits.drop")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <LimitForm
            label={t("limits.add")}
            withHandler
            onSave={async (handler, amount) => {
              await unwrap(
                api.PUT("/api/claims/authority-limits/{handler}", {
                  params: { path: { handler } },
                  body: { authority_limit: amount },
                }),
              );
              await refresh();
            }}
          />
        </Card>
      </Stack>
    </Page>
  );
}
