import { Button, Container, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { login } from "../auth";
import { storedLanguage } from "../i18n";

export default function LoggedOut() {
  const { t } = useTranslation();
  return (
    <Container size="xs" py="xl">
      <main>
        <Title order={1}>{t("loggedOut.title")}</Title>
        <Text my="md">{t("loggedOut.body")}</Text>
        <Button onClick={() => void login(storedLanguage(), "/")}>{t("loggedOut.again")}</Button>
      </main>
    </Container>
  );
}
