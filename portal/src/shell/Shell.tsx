import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Select, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api, onForbidden, unwrap } from "../api/client";
import { selectTenant, selectedTenant, useSelectedTenant } from "../api/tenant";
import { currentUser, logout } from "../auth";
import { LANGUAGES, setLanguage, type Language } from "../i18n";
import { clerkMenu, LETTERHEAD_PATH } from "../clerk/routes";
import { administers, can, isOperator, isOwnAdministrator, visibleModules } from "../rights";
import { useMe } from "../session";
import { ErrorNotice } from "../ui";
import { SupportBanner } from "./SupportBanner";
import { notify } from "../notify";

/** Modules whose screens are at /<module> (the others show a placeholder still). */
const OWN_SCREENS: string[] = ["products", "claims", "debtors", "creditors", "ledger", "imports"];

interface Item {
  to: string;
  label: string;
}

function Menu({ items, label }: { items: Item[]; label?: string }) {
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.pathname });
  if (!items.length) return null;
  return (
    <>
      {label && (
        <Text fw={700} size="sm" mt="md" mb={4} px="sm" component="h2">
          {label}
        </Text>
      )}
      {items.map((item) => (
        <NavLink
          key={item.to}
          href={item.to}
          label={item.label}
          active={path === item.to}
          variant="filled"
          aria-current={path === item.to ? "page" : undefined}
          onClick={(event) => {
            event.preventDefault();
            void navigate({ to: item.to });
          }}
        />
      ))}
    </>
  );
}

function TenantSwitcher() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tenant = useSelectedTenant();
  const tenants = useQuery({
    queryKey: ["tenants"],
    queryFn: () => unwrap(api.GET("/api/identity/tenants")),
  });
  return (
    <Select
      aria-label={t("top.chooseTenant")}
      placeholder={t("top.noTenant")}
      data={(tenants.data?.items ?? []).map((x) => ({ value: x.slug, label: `${x.name} (${x.slug})` }))}
      value={tenant}
      clearable
      searchable
      w={260}
      onChange={(value) => {
        selectTenant(value);
        void queryClient.invalidateQueries();
      }}
    />
  );
}

export function Shell() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle }] = useDisclosure();
  const queryClient = useQueryClient();
  const me = useMe();

  useEffect(
    () =>
      onForbidden(() => {
        notify("red", t("problems.forbidden"));
        void queryClient.invalidateQueries({ queryKey: ["me"] });
      }),
    [t, queryClient],
  );
  const operator = isOperator(me.data);
  useEffect(() => {
    // Only an operator names a tenant; a stale choice from an earlier login is dropped.
    if (me.data && !operator && selectedTenant()) selectTenant(null);
  }, [me.data, operator]);

  const operatorItems: Item[] = operator
    ? [
        { to: "/tenants", label: t("nav.tenants") },
        { to: "/support-requests", label: t("nav.supportRequests") },
      ]
    : [];
  const moduleItems: Item[] = visibleModules(me.data).flatMap(
    (m) =>
      clerkMenu(m, t, me.data) ?? [
        { to: OWN_SCREENS.includes(m) ? `/${m}` : `/modules/${m}`, label: t(`modules.${m}`) },
      ],
  );
  const own = isOwnAdministrator(me.data);
  const inPolicies = can(me.data, "policies", "view") && can(me.data, "policies", "change");
  const adminItems: Item[] = administers(me.data)
    ? [
        { to: "/admin/employees", label: t("nav.employees") },
        { to: "/admin/rights", label: t("nav.rights") },
        ...(own ? [{ to: "/admin/authenticator", label: t("nav.authenticator") }] : []),
        ...(own ? [{ to: "/admin/support", label: t("nav.support") }] : []),
        { to: "/admin/audit", label: t("nav.audit") },
        { to: "/admin/api-clients", label: t("nav.apiClients") },
        { to: "/admin/authority-limits", label: t("nav.authorityLimits") },
        // In the policies' own menu for whoever may change policies.
        ...(own && !inPolicies ? [{ to: LETTERHEAD_PATH, label: t("nav.letterhead") }] : []),
      ]
    : [];
  const name = currentUser()?.profile.preferred_username ?? me.data?.username ?? "";

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("app.openMenu")}
            />
            <Title order={2} size="h3">
              {t("app.title")}
            </Title>
            {me.data?.tenant && !operator && <Text>{me.data.tenant}</Text>}
          </Group>
          <Group wrap="nowrap" gap="sm">
            {operator && <TenantSwitcher />}
            <Select
              aria-label={t("top.language")}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              value={i18n.language}
              allowDeselect={false}
              w={130}
              onChange={(value) => value && setLanguage(value as Language)}
            />
            <Text size="sm" visibleFrom="md">
              {t("top.person", { name })}
            </Text>
            <Button variant="default" onClick={() => void logout()}>
              {t("top.logout")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("app.navigation")}>
        {/* A long menu scrolls within the bar; the page beside it stays put. */}
        <AppShell.Section grow component={ScrollArea}>
          <Menu items={[{ to: "/", label: t("nav.home") }]} />
          <Menu items={operatorItems} label={t("nav.sectionOperator")} />
          <Menu items={moduleItems} label={t("nav.sectionModules")} />
          <Menu items={adminItems} label={t("nav.sectionAdmin")} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <div id="main">
          <SupportBanner me={me.data} />
          <ErrorNotice error={me.error} />
          {me.data && <Outlet />}
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
