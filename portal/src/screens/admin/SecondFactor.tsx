/** The tenant's second factor at sign-in: its administrators always give a one-time code from an
 * authenticator app besides their password; here the administrator asks it of all the staff
 * (`everyone`), or of the administrators only again. Applied by the identity service to every
 * login at once, and in the audit trail. */
import { Badge, Card, Group, Switch, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ConfirmDialog } from "../../clerk/parts";
import { useFormProblem } from "../../forms";
import { notify } from "../../notify";
import { STATUS } from "../../theme";
import { ErrorNotice } from "../../ui";

type RequiredFor = "administrators" | "everyone";

export function SecondFactorSetting({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problem = useFormProblem(["required_for"]);
  const [asking, setAsking] = useState<RequiredFor | null>(null);
  const [busy, setBusy] = useState(false);
  const key = ["second-factor", tenant];
  const setting = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.GET("/api/identity/tenants/{slug}/second-factor", { params: { path: { slug: tenant } } }),
      ),
    enabled: !!tenant,
  });
  const everyone = setting.data?.required_for === "everyone";

  async function change(requiredFor: RequiredFor) {
    problem.clear();
    setBusy(true);
    try {
      await unwrap(
        api.PUT("/api/identity/tenants/{slug}/second-factor", {
          params: { path: { slug: tenant } },
          body: { required_for: requiredFor },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: key });
      notify("green", t(requiredFor === "everyone" ? "secondFactor.switchedOn" : "secondFactor.switchedOff"));
      setAsking(null);
    } catch (error) {
      problem.capture(error);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    problem.clear();
    setAsking(null);
  }

  return (
    <Card withBorder mb="md" data-testid="second-factor">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          {t("secondFactor.title")}
        </Title>
        {setting.data && (
          <Badge variant="outline" color={everyone ? STATUS.good : STATUS.neutral} data-testid="second-factor-state">
            {everyone ? t("secondFactor.on") : t("secondFactor.off")}
          </Badge>
        )}
      </Group>
      <ErrorNotice error={setting.error} />
      <Text mb="sm">{t("secondFactor.explain")}</Text>
      {setting.data && (
        <>
          <Text mb="sm" fw={600}>
            {everyone ? t("secondFactor.nowEveryone") : t("secondFactor.nowAdministrators")}
          </Text>
          <Switch
            checked={everyone}
            onChange={() => setAsking(everyone ? "administrators" : "everyone")}
            label={t("secondFactor.switch")}
          />
        </>
      )}
      <ConfirmDialog
        opened={asking !== null}
        title={asking === "everyone" ? t("secondFactor.confirmOnTitle") : t("secondFactor.confirmOffTitle")}
        confirm={asking === "everyone" ? t("secondFactor.confirmOn") : t("secondFactor.confirmOff")}
        onConfirm={() => {
          if (asking) void change(asking);
        }}
        onClose={close}
        busy={busy}
        error={problem.message ?? problem.fieldError("required_for")}
      >
        <Text>{asking === "everyone" ? t("secondFactor.confirmOnText") : t("secondFactor.confirmOffText")}</Text>
      </ConfirmDialog>
    </Card>
  );
}
