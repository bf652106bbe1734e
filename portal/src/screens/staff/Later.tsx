import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { laterRoute } from "../../router";
import { Page } from "../../ui";

export default function Later() {
  const { t } = useTranslation();
  const { module } = laterRoute.useParams();
  const name = t(`modules.${module}`);
  return (
    <Page title={t("later.title", { module: name })}>
      <Text>{t("later.body")}</Text>
    </Page>
  );
}
