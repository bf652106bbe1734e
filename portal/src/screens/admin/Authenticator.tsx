import { Alert, Button, Card, Group, Image, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, type identityTypes } from "../../api/client";
import { useFormProblem } from "../../forms";
import { ApiError } from "../../problems";
import { CodeInput, ErrorNotice, FormAlert, Page } from "../../ui";

type Enrolment = identityTypes["schemas"]["Enrolment"];

/** The QR code as an image (never inline markup from the server). */
function qrSource(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

export default function Authenticator() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [enrollError, setEnrollError] = useState<unknown>(null);
  const [already, setAlready] = useState(false);
  const [code, setCode] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const problem = useFormProblem(["code"]);

  async function enroll() {
    setEnrolling(true);
    setEnrollError(null);
    try {
      setEnrolment(await unwrap(api.POST("/api/identity/authenticator")));
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409) setAlready(true);
      else setEnrollError(error);
    } finally {
      setEnrolling(false);
    }
  }

  const confirm = problem.submit(async () => {
    const confirmed = await unwrap(
      api.POST("/api/identity/authenticator/confirm", { body: { code: code.trim() } }),
    );
    setDone(confirmed.administration);
    setEnrolment(null);
    await queryClient.invalidateQueries();
  });

  return (
    <Page title={t("authenticator.title")}>
      <Text mb="md">{t("authenticator.intro")}</Text>
      <ErrorNotice error={enrollError} />
      {already && (
        <Alert color="blue" variant="outline" mb="md">
          {t("authenticator.already")}
        </Alert>
      )}
      {done && (
        <Alert color="green" variant="outline" role="status" mb="md">
          <Text fw={700}>{t("authenticator.confirmed")}</Text>
          {done === "self-managed" && <Text data-testid="locked-out">{t("authenticator.lockedOut")}</Text>}
        </Alert>
      )}
      {!enrolment && !done && !already && (
        <Button onClick={() => void enroll()} loading={enrolling}>
          {t("authenticator.enroll")}
        </Button>
      )}
      {enrolment && (
        <Card withBorder maw={720}>
          <Text mb="sm">{t("authenticator.scan")}</Text>
          <Group align="flex-start" wrap="wrap">
            <Image src={qrSource(enrolment.qr_svg)} alt={t("authenticator.qrAlt")} w={220} h={220} />
            <Stack gap={4} maw={420}>
              <Text fw={600} size="sm">
                {t("authenticator.uri")}
              </Text>
              <Text ff="monospace" size="sm" data-testid="otpauth-uri" style={{ wordBreak: "break-all" }}>
                {enrolment.otpauth_uri}
              </Text>
            </Stack>
          </Group>
          <form onSubmit={confirm} noValidate>
            <Group align="flex-end" mt="md">
              <CodeInput
                label={t("authenticator.code")}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={problem.fieldError("code")}
                w={220}
              />
              <Button type="submit" loading={problem.busy}>
                {t("authenticator.confirm")}
              </Button>
            </Group>
            <FormAlert message={problem.message} />
          </form>
        </Card>
      )}
    </Page>
  );
}
