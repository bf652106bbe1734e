/** A relation made or changed by a clerk: address and IBAN checked as one types, the API's 422
 * on the field it names, and (for a new one) the possible duplicates compared side by side. */
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { compactIban, groupedIban } from "../../clerk/checks";
import {
  addressBody,
  addressLine,
  addressValues,
  Day,
  PartyFields,
  useFieldProblems,
  type PartyValues,
  type Relation,
  Dialog,
} from "../../clerk/parts";
import { ROLES } from "../../clerk/routes";

const FIELDS = [
  "name",
  "email",
  "phone",
  "iban",
  "date_of_birth",
  "coc_number",
  "roles",
  "advisor_id",
  "address.street",
  "address.house_number",
  "address.house_number_addition",
  "address.postcode",
  "address.city",
] as const;

type Values = PartyValues & { roles: string[] };

function valuesOf(r: Relation | null): Values {
  return {
    kind: r?.kind === "organization" ? "organization" : "person",
    name: r?.name ?? "",
    date_of_birth: r?.date_of_birth ?? "",
    email: r?.email ?? "",
    phone: r?.phone ?? "",
    iban: r?.iban ? groupedIban(r.iban) : "",
    coc_number: r?.coc_number ?? "",
    roles: r?.roles ?? ["policyholder"],
    address: addressValues(r?.address),
  };
}

function bodyOf(v: Values) {
  return {
    kind: v.kind,
    name: v.name.trim(),
    date_of_birth: v.kind === "person" && v.date_of_birth ? v.date_of_birth : null,
    email: v.email.trim() || null,
    phone: v.phone.trim() || null,
    iban: v.iban.trim() ? compactIban(v.iban) : null,
    coc_number: v.kind === "organization" && v.coc_number.trim() ? v.coc_number.trim() : null,
    roles: v.roles as (typeof ROLES)[number][],
    address: addressBody(v.address),
  };
}

export function RelationForm({ relation, onDone }: { relation: Relation | null; onDone: (saved: Relation | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problems = useFieldProblems(FIELDS);
  const [values, setValues] = useState<Values>(() => valuesOf(relation));
  const [busy, setBusy] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    problems.clear();
    try {
      const body = bodyOf(values);
      // A relation's kind is set when it is made; a change names the other fields.
      const changes: Partial<typeof body> = { ...body };
      delete changes.kind;
      const saved = relation
        ? await unwrap(
            api.PATCH("/api/relations/{relation_id}", { params: { path: { relation_id: relation.id } }, body: changes }),
          )
        : await unwrap(api.POST("/api/relations", { body }));
      notifications.show({
        color: "green",
        message: t(relation ? "clerk.relation.saved" : "clerk.relation.created", { name: saved.name }),
      });
      await queryClient.invalidateQueries({ queryKey: ["relations"] });
      await queryClient.invalidateQueries({ queryKey: ["relation", saved.id] });
      onDone(saved);
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problems.message && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{problems.message}</Text>
          </Alert>
        )}
        <PartyFields
          value={values}
          onChange={(v) => setValues({ ...values, ...v })}
          error={problems.error}
          kindFixed={!!relation}
        />
        <Checkbox.Group
          label={t("clerk.relation.roles")}
          value={values.roles}
          onChange={(roles) => setValues({ ...values, roles })}
          error={problems.error("roles")}
        >
          <Group mt={4}>
            {ROLES.map((r) => (
              <Checkbox key={r} value={r} label={t(`clerk.roles.${r}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {relation ? t("common.save") : t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One relation's details in a column, for comparing. */
export function RelationCard({ relation, heading }: { relation: Partial<Relation> & { name: string }; heading: string }) {
  const { t } = useTranslation();
  const rows: [string, React.ReactNode][] = [
    [t("clerk.relation.name"), relation.name],
    [t("clerk.relation.dateOfBirth"), relation.date_of_birth ? <Day iso={relation.date_of_birth} /> : "—"],
    [t("clerk.relation.email"), relation.email || "—"],
    [t("clerk.relation.iban"), relation.iban ? groupedIban(relation.iban) : "—"],
    [t("clerk.relation.address"), addressLine(relation.address) || "—"],
  ];
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">
        {heading}
      </Title>
      <dl style={{ margin: 0 }}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" fw={700} size="sm">
              {label}
            </Text>
            <Text component="dd" ml={0} mb={6}>
              {value}
            </Text>
          </div>
        ))}
      </dl>
    </Stack>
  );
}

/** The relations stored that may be the same as `subject`, side by side with it. */
export function DuplicatesCompare({
  subject,
  subjectHeading,
  duplicates,
  actions,
}: {
  subject: Partial<Relation> & { name: string };
  subjectHeading: string;
  duplicates: { id: string; name: string; reasons: string[] }[];
  actions?: (id: string) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const found = useQueries({
    queries: duplicates.map((d) => ({
      queryKey: ["relation", d.id],
      queryFn: () => unwrap(api.GET("/api/relations/{relation_id}", { params: { path: { relation_id: d.id } } })),
    })),
  });
  return (
    <SimpleGrid cols={Math.min(duplicates.length + 1, 3)} spacing="lg">
      <RelationCard relation={subject} heading={subjectHeading} />
      {duplicates.map((d, i) => (
        <Stack key={d.id} gap="xs">
          <RelationCard relation={found[i]?.data ?? { name: d.name }} heading={t("clerk.duplicates.existing", { name: d.name })} />
          <Text size="sm">
            {t("clerk.duplicates.because")}: {d.reasons.map((r) => t(`clerk.duplicates.reasons.${r}`, { defaultValue: r })).join("; ")}
          </Text>
          {actions?.(d.id)}
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** Create a relation; when the API names possible duplicates, compare them before going on. */
export function NewRelation({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [made, setMade] = useState<Relation | null>(null);
  const open = (id: string) => {
    setMade(null);
    onClose();
    void navigate({ to: "/relations/$relationId", params: { relationId: id } });
  };
  return (
    <>
      <Dialog opened={opened} onClose={onClose} title={t("relations.create")} size="lg">
        <RelationForm
          relation={null}
          onDone={(saved) => {
            onClose();
            if (saved?.possible_duplicates?.length) setMade(saved);
            else if (saved) open(saved.id);
          }}
        />
      </Dialog>
      <Dialog opened={!!made} onClose={() => setMade(null)} title={t("clerk.duplicates.title")} size="xl">
        {made && (
          <Stack>
            <Text>{t("clerk.duplicates.intro")}</Text>
            <DuplicatesCompare
              subject={made}
              subjectHeading={t("clerk.duplicates.new")}
              duplicates={made.possible_duplicates ?? []}
              actions={(id) => (
                <Button variant="default" onClick={() => open(id)}>
                  {t("clerk.duplicates.openExisting")}
                </Button>
              )}
            />
            <Group justify="flex-end">
              <Button onClick={() => open(made.id)}>{t("clerk.duplicates.keepNew")}</Button>
            </Group>
          </Stack>
        )}
      </Dialog>
    </>
  );
}
