import { Button, Checkbox, Group, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import type { identityTypes } from "../api/client";
import { useFormProblem } from "../forms";
import { FormAlert } from "../ui";

type LoginOut = identityTypes["schemas"]["LoginOut"];
const FIELDS = ["username", "email", "first_name", "last_name", "password"] as const;

/** Creates a login in a tenant (with a temporary password by default). */
export function LoginForm({
  tenant,
  submitLabel,
  onCreated,
  onCancel,
}: {
  tenant: string;
  submitLabel: string;
  onCreated: (login: LoginOut) => Promise<void> | void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const problem = useFormProblem(FIELDS, "username");
  const [values, setValues] = useState({
    username: "",
    email: "",
    first_name: "",
    last_name: "",
    password: "",
    temporary: true,
  });
  const set = (name: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues({
      ...values,
      [name]: name === "temporary" ? event.currentTarget.checked : event.currentTarget.value,
    });

  const submit = problem.submit(async () => {
    const login = await unwrap(
      api.POST("/api/identity/tenants/{slug}/users", {
        params: { path: { slug: tenant } },
        body: values,
      }),
    );
    await onCreated(login);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={problem.message} />
        <TextInput
          label={t("logins.username")}
          name="username"
          required
          value={values.username}
          onChange={set("username")}
          error={problem.fieldError("username")}
          description={t("logins.signInAs", { name: `${values.username || "…"}@${tenant}` })}
          autoComplete="off"
        />
        <TextInput
          label={t("logins.email")}
          name="email"
          type="email"
          required
          value={values.email}
          onChange={set("email")}
          error={problem.fieldError("email")}
        />
        <Group grow>
          <TextInput
            label={t("logins.firstName")}
            name="first_name"
            required
            value={values.first_name}
            onChange={set("first_name")}
            error={problem.fieldError("first_name")}
          />
          <TextInput
            label={t("logins.lastName")}
            name="last_name"
            required
            value={values.last_name}
            onChange={set("last_name")}
            error={problem.fieldError("last_name")}
          />
        </Group>
        <PasswordInput
          label={t("logins.password")}
          name="password"
          required
          value={values.password}
          onChange={set("password")}
          error={problem.fieldError("password")}
          autoComplete="new-password"
        />
        <Checkbox
          label={t("logins.temporary")}
          name="temporary"
          checked={values.temporary}
          onChange={set("temporary")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={problem.busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
