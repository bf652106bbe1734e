/** The tenant's letterhead on the documents customers receive (policy schedules, invoices,
 * reminders): name, address, contact lines, the account transfers are paid to, and a logo. Kept
 * by whoever may change policies, or by the tenant's own administrator. */
import { Button, Card, FileInput, Group, Image, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, unwrapOrNone } from "../../api/client";
import {
  letterheadBody,
  letterheadValues,
  linesProblem,
  logoOf,
  MAX_ADDRESS_LINES,
  MAX_CONTACT_LINES,
  type LetterheadSetting,
  type LetterheadValues,
} from "../../clerk/letterhead";
import { ibanProblem, useFieldProblems } from "../../clerk/parts";
import { keepsLetterhead } from "../../rights";
import { useMe, useTenant } from "../../session";
import { ErrorNotice, Page, SaveForm } from "../../ui";

const FIELDS = ["name", "address_lines", "contact_lines", "iban", "logo_png"] as const;

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(file);
  });
}

/** The logo: a PNG file chosen here (read in the browser, sent as base64), shown as it is now. */
function LogoField({
  logo,
  onChange,
  error,
  readOnly,
}: {
  logo: string | null;
  onChange: (logo: string | null) => void;
  error: string | undefined;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  async function choose(chosen: File | null) {
    setFile(chosen);
    setProblem(null);
    if (!chosen) return;
    try {
      const read = logoOf(await readDataUrl(chosen), chosen.size);
      if ("logo" in read) onChange(read.logo);
      else setProblem(read.problem);
    } catch {
      setProblem("clerk.letterhead.unreadable");
    }
  }
  return (
    <Stack gap="xs">
      {!readOnly && (
        <FileInput
          label={t("clerk.letterhead.logo")}
          description={t("clerk.letterhead.logoHint")}
          name="logo_png"
          accept="image/png"
          value={file}
          onChange={(chosen) => void choose(chosen)}
          error={(problem && t(problem)) || error}
          w={360}
        />
      )}
      {logo && (
        <Group align="flex-end">
          <Image
            src={`data:image/png;base64,${logo}`}
            alt={t("clerk.letterhead.logoPreview")}
            h={64}
            w="auto"
            fit="contain"
          />
          {!readOnly && (
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setFile(null);
                onChange(null);
              }}
            >
              {t("clerk.letterhead.removeLogo")}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

function LetterheadForm({ initial, onSaved }: { initial: LetterheadSetting | null; onSaved: (saved: LetterheadSetting) => void }) {
  const { t } = useTranslation();
  const mayChange = keepsLetterhead(useMe().data);
  const problems = useFieldProblems(FIELDS);
  const [values, setValues] = useState<LetterheadValues>(() => letterheadValues(initial));
  const [saved, setSaved] = useState(false);
  const set = (name: keyof LetterheadValues, value: string | null) => {
    setSaved(false);
    setValues((before) => ({ ...before, [name]: value }));
  };
  async function save() {
    problems.clear();
    setSaved(false);
    try {
      onSaved(await unwrap(api.PUT("/api/policies/letterhead", { body: letterheadBody(values) })));
      setSaved(true);
    } catch (error) {
      problems.capture(error);
    }
  }
  const lines = (name: "address" | "contact", field: (typeof FIELDS)[number], max: number) => {
    const live = linesProblem(values[name], max);
    return {
      name: field,
      value: values[name],
      readOnly: !mayChange,
      autosize: true,
      minRows: 2,
      error: (live && t(live.key, live.values)) || problems.error(field),
      onChange: (e: React.ChangeEvent<HTMLTextAreaElement>) => set(name, e.currentTarget.value),
    };
  };
  const ibanLive = ibanProblem(values.iban);
  return (
    <Card withBorder>
      {!initial && <Text mb="sm">{t("clerk.letterhead.none")}</Text>}
      {!mayChange && <Text mb="sm">{t("clerk.letterhead.readOnly")}</Text>}
      <SaveForm onSave={save} message={problems.message} mayChange={mayChange} saved={saved}>
        <TextInput
          label={t("clerk.letterhead.name")}
          name="name"
          required
          readOnly={!mayChange}
          value={values.name}
          error={problems.error("name")}
          onChange={(e) => set("name", e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <Textarea
            label={t("clerk.letterhead.addressLines")}
            description={t("clerk.letterhead.addressHint")}
            {...lines("address", "address_lines", MAX_ADDRESS_LINES)}
          />
          <Textarea
            label={t("clerk.letterhead.contactLines")}
            description={t("clerk.letterhead.contactHint")}
            {...lines("contact", "contact_lines", MAX_CONTACT_LINES)}
          />
        </Group>
        <TextInput
          label={t("clerk.letterhead.iban")}
          description={t("clerk.letterhead.ibanHint")}
          name="iban"
          readOnly={!mayChange}
          value={values.iban}
          error={(ibanLive && t(ibanLive)) || problems.error("iban")}
          onChange={(e) => set("iban", e.currentTarget.value)}
          w={360}
        />
        <LogoField
          logo={values.logo}
          onChange={(logo) => set("logo", logo)}
          error={problems.error("logo_png")}
          readOnly={!mayChange}
        />
      </SaveForm>
    </Card>
  );
}

export default function Letterhead() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const key = ["letterhead", tenant];
  const letterhead = useQuery({
    queryKey: key,
    // None set yet (null): the form starts empty.
    queryFn: () => unwrapOrNone(api.GET("/api/policies/letterhead")),
  });
  return (
    <Page title={t("clerk.letterhead.title")}>
      <Text mb="xs">{t("clerk.letterhead.intro")}</Text>
      <Text mb="md">{t("clerk.letterhead.effect")}</Text>
      <ErrorNotice error={letterhead.error} />
      {letterhead.isSuccess && (
        <LetterheadForm
          key={tenant}
          initial={letterhead.data}
          onSaved={(saved) => queryClient.setQueryData(key, saved)}
        />
      )}
    </Page>
  );
}
