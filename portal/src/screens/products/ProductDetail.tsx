import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Stepper,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notify } from "../../notify";
import type { components } from "../../api/generated/product";
import { formatDate, formatDateTime } from "../../format";
import { ApiError } from "../../problems";
import { can } from "../../rights";
import { useMe } from "../../session";
import { ErrorNotice, Page, errorText } from "../../ui";
import { errorsByPath, type Json } from "./definition";
import { Designer } from "./Designer";
import { QuotePanel } from "./QuotePanel";
import { DARK, StatusBadge } from "./StatusBadge";

type Version = components["schemas"]["VersionOut"];
type Step = "submit" | "approve" | "reject" | "test" | "publish" | "withdraw";
const route = getRouteApi("/products/$code");
const PATH = ["draft", "submitted", "approved", "test", "live"];

function useStep(version: Version) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return async (step: Step, body?: object) => {
    const path = { code: version.code, version: version.version };
    const params = { params: { path } };
    const calls: Record<Step, () => Promise<Version>> = {
      submit: () => unwrap(api.POST("/api/products/{code}/versions/{version}/submit", params)),
      approve: () => unwrap(api.POST("/api/products/{code}/versions/{version}/approve", params)),
      test: () => unwrap(api.POST("/api/products/{code}/versions/{version}/test", params)),
      withdraw: () => unwrap(api.POST("/api/products/{code}/versions/{version}/withdraw", params)),
      reject: () =>
        unwrap(api.POST("/api/products/{code}/versions/{version}/reject", { ...params, body: body as { reason: string } })),
      publish: () =>
        unwrap(
          api.POST("/api/products/{code}/versions/{version}/publish", {
            ...params,
            body: body as components["schemas"]["PublishIn"],
          }),
        ),
    };
    const done = await calls[step]();
    queryClient.setQueryData(["product-version", version.code, version.version], done);
    await queryClient.invalidateQueries({ queryKey: ["product", version.code] });
    await queryClient.invalidateQueries({ queryKey: ["products"] });
    notify("green", t(`products.done.${step}`, { version: version.version }));
  };
}

function RejectDialog({ onClose, onReject }: { onClose: () => void; onReject: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t("products.lifecycle.rejectTitle")}>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await onReject(reason.trim());
            onClose();
          } catch (failure) {
            setError(failure instanceof ApiError && failure.problem.status === 422 ? t("products.lifecycle.reasonNeeded") : errorText(failure, t));
          }
        }}
      >
        <Stack>
          <Textarea label={t("products.lifecycle.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} required />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color={DARK.red}>
              {t("products.lifecycle.reject")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PublishDialog({ onClose, onPublish }: { onClose: () => void; onPublish: (body: object) => Promise<void> }) {
  const { t } = useTranslation();
  const [manual, setManual] = useState(true);
  const [website, setWebsite] = useState(false);
  const [intermediaries, setIntermediaries] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const clients = useQuery({
    queryKey: ["channel-clients"],
    queryFn: () => unwrap(api.GET("/api/identity/channel-clients")),
  });
  const brokers = (clients.data ?? []).filter((c) => c.channel === "intermediary" && !c.test);
  return (
    <Modal opened onClose={onClose} title={t("products.lifecycle.publishTitle")} size="lg">
      <Stack>
        <Text>{t("products.lifecycle.publishHelp")}</Text>
        <Checkbox label={t("products.channels.manual")} checked={manual} onChange={(e) => setManual(e.currentTarget.checked)} />
        <Checkbox label={t("products.channels.website")} checked={website} onChange={(e) => setWebsite(e.currentTarget.checked)} />
        <ErrorNotice error={clients.error} />
        <MultiSelect
          label={t("products.channels.intermediaries")}
          data={brokers.map((c) => ({ value: c.client_id, label: `${c.name} (${c.client_id})` }))}
          value={intermediaries}
          onChange={setIntermediaries}
          searchable
          nothingFoundMessage={t("common.empty")}
        />
        <ErrorNotice error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            onClick={async () => {
              try {
                await onPublish({ channels: { manual, website, intermediaries } });
                onClose();
              } catch (failure) {
                setError(failure);
              }
            }}
          >
            {t("products.lifecycle.publish")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The lifecycle bar: where the version stands, and the steps the person may take now. */
function Lifecycle({ version }: { version: Version }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const step = useStep(version);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<"reject" | "publish" | null>(null);
  const mayChange = can(me, "products", "change");
  const mayApprove = can(me, "products", "approve");
  const author = !!me && version.authors.includes(me.subject);
  const run = (s: Step) => async () => {
    setError(null);
    try {
      await step(s);
    } catch (failure) {
      setError(failure);
    }
  };
  const status = version.status;
  // Live is the last step: all done. A withdrawn version is off the path.
  const active = status === "withdrawn" ? -1 : status === "live" ? PATH.length : PATH.indexOf(status);
  return (
    <Card withBorder component="section" aria-labelledby="lifecycle">
      <Title order={2} size="h3" id="lifecycle" mb="sm">
        {t("products.lifecycle.title")}
      </Title>
      <Stepper active={active} size="sm" mb="md" allowNextStepsSelect={false}>
        {PATH.map((s) => (
          <Stepper.Step key={s} label={t(`products.statuses.${s}`)} />
        ))}
      </Stepper>
      {status === "withdrawn" && <Text mb="sm">{t("products.lifecycle.withdrawn")}</Text>}
      <Group>
        {status === "draft" && mayChange && <Button onClick={run("submit")}>{t("products.lifecycle.submit")}</Button>}
        {status === "submitted" && mayApprove && (
          <>
            <Button onClick={run("approve")} disabled={author} aria-describedby={author ? "own-version" : undefined}>
              {t("products.lifecycle.approve")}
            </Button>
            <Button variant="default" onClick={() => setDialog("reject")}>
              {t("products.lifecycle.reject")}
            </Button>
          </>
        )}
        {status === "approved" && mayChange && <Button onClick={run("test")}>{t("products.lifecycle.test")}</Button>}
        {status === "test" && mayApprove && <Button onClick={() => setDialog("publish")}>{t("products.lifecycle.publish")}</Button>}
        {["approved", "test", "live"].includes(status) && mayApprove && (
          <Button variant="default" c={DARK.red} onClick={run("withdraw")}>
            {t("products.lifecycle.withdraw")}
          </Button>
        )}
      </Group>
      {status === "submitted" && mayApprove && author && (
        <Text id="own-version" mt="xs" c={DARK.red}>
          {t("products.lifecycle.ownVersion")}
        </Text>
      )}
      {version.channels && (
        <Text mt="sm">
          {t("products.channels.title")}:{" "}
          {[
            version.channels.manual && t("products.channels.manual"),
            version.channels.website && t("products.channels.website"),
            (version.channels.intermediaries ?? []).length > 0 &&
              t("products.channels.intermediariesN", { count: (version.channels.intermediaries ?? []).length }),
          ]
            .filter(Boolean)
            .join(", ") || t("common.none")}
        </Text>
      )}
      <ErrorNotice error={error} />
      {dialog === "reject" && <RejectDialog onClose={() => setDialog(null)} onReject={(reason) => step("reject", { reason })} />}
      {dialog === "publish" && <PublishDialog onClose={() => setDialog(null)} onPublish={(body) => step("publish", body)} />}
    </Card>
  );
}

function DraftEditor({ version }: { version: Version }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Json>(version.definition as Json);
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editable = version.status === "draft" && can(me, "products", "change");
  async function save() {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await unwrap(
        api.PUT("/api/products/{code}/versions/{version}", {
          params: { path: { code: version.code, version: version.version } },
          body: draft as Record<string, unknown>,
        }),
      );
      setErrors(new Map());
      queryClient.setQueryData(["product-version", version.code, version.version], saved);
      notify("green", t("products.designer.saved", { version: version.version }));
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 422 && error.problem.errors?.length) {
        setErrors(errorsByPath(error.problem.errors));
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack>
      <Title order={2} size="h3">
        {editable ? t("products.designer.title") : t("products.designer.definition")}
      </Title>
      <Designer value={draft} onChange={setDraft} errors={errors} readOnly={!editable} />
      <ErrorNotice error={failure} />
      {editable && (
        <Group justify="flex-end" pos="sticky" bottom={0} bg="var(--mantine-color-body)" py="sm">
          <Button variant="default" onClick={() => setDraft(version.definition as Json)}>
            {t("products.designer.undo")}
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            {t("products.designer.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function VersionView({ code, number, newest }: { code: string; number: number; newest: boolean }) {
  const { t, i18n } = useTranslation();
  const version = useQuery({
    queryKey: ["product-version", code, number],
    queryFn: () => unwrap(api.GET("/api/products/{code}/versions/{version}", { params: { path: { code, version: number } } })),
  });
  if (version.error) return <ErrorNotice error={version.error} />;
  if (!version.data) return null;
  const v = version.data;
  return (
    <Stack>
      <Group>
        <Title order={2} size="h3">
          {t("products.versionN", { version: v.version })}
        </Title>
        <StatusBadge status={v.status} />
        <Text>{t("products.effectiveFrom", { date: formatDate(v.effective_from, i18n.language) })}</Text>
      </Group>
      <Lifecycle version={v} />
      {["test", "live"].includes(v.status) &&
        (newest ? (
          <QuotePanel code={code} version={v.version} definition={v.definition as Json} />
        ) : (
          <Alert color="blue" variant="outline">
            <Text>{t("products.quote.newerVersion")}</Text>
          </Alert>
        ))}
      <DraftEditor key={`${v.version}-${v.status}`} version={v} />
      <Card withBorder component="section" aria-labelledby="history">
        <Title order={2} size="h3" id="history" mb="sm">
          {t("products.history.title")}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("products.history.at")}</Table.Th>
              <Table.Th>{t("products.history.by")}</Table.Th>
              <Table.Th>{t("products.history.step")}</Table.Th>
              <Table.Th>{t("common.status")}</Table.Th>
              <Table.Th>{t("products.history.note")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.history.map((h, i) => (
              <Table.Tr key={i}>
                <Table.Td>{formatDateTime(h.at, i18n.language)}</Table.Td>
                <Table.Td>{h.by}</Table.Td>
                <Table.Td>{t(`products.steps.${h.step}`, { defaultValue: h.step })}</Table.Td>
                <Table.Td>{t(`products.statuses.${h.to_status}`)}</Table.Td>
                <Table.Td>{h.note ?? ""}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

export default function ProductDetail() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const { code } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const product = useQuery({
    queryKey: ["product", code],
    queryFn: () => unwrap(api.GET("/api/products/{code}", { params: { path: { code } } })),
  });
  const versions = (product.data?.versions ?? []) as { version: number; status: string; effective_from: string }[];
  const latest = versions[versions.length - 1];
  const shown = search.version ?? latest?.version;
  const show = (version: number) => navigate({ to: "/products/$code", params: { code }, search: { version } });
  const mayCreate = can(me, "products", "create") && latest && !["draft", "submitted"].includes(latest.status);
  return (
    <Page
      title={product.data ? `${product.data.name} (${product.data.code})` : code}
      actions={
        mayCreate && (
          <Button
            onClick={async () => {
              setError(null);
              try {
                const made = await unwrap(api.POST("/api/products/{code}/versions", { params: { path: { code } } }));
                await queryClient.invalidateQueries({ queryKey: ["product", code] });
                notify("green", t("products.newVersionMade", { version: made.version }));
                void show(made.version);
              } catch (failure) {
                setError(failure);
              }
            }}
          >
            {t("products.newVersion")}
          </Button>
        )
      }
    >
      <ErrorNotice error={product.error ?? error} />
      <Table withTableBorder mb="md" aria-label={t("products.versions")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("products.version")}</Table.Th>
            <Table.Th>{t("common.status")}</Table.Th>
            <Table.Th>{t("products.designer.effectiveFrom")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version} aria-current={v.version === shown ? "true" : undefined}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>
                <StatusBadge status={v.status} />
              </Table.Td>
              <Table.Td>{formatDate(v.effective_from, i18n.language)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant={v.version === shown ? "filled" : "default"} onClick={() => void show(v.version)}>
                  {t("products.open", { version: v.version })}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {shown !== undefined && <VersionView key={shown} code={code} number={shown} newest={shown === latestOffered(versions)} />}
    </Page>
  );
}

/** The version quotes for the manual channel go to: the newest in test or live. */
function latestOffered(versions: { version: number; status: string }[]): number | undefined {
  return [...versions].reverse().find((v) => v.status === "test" || v.status === "live")?.version;
}
