import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { createRoot } from "react-dom/client";
import { CALLBACK_PATH, LOGGED_OUT_PATH, completeLogin, initAuth, login } from "./auth";
import { loadConfig } from "./config";
import { initI18n, storedLanguage } from "./i18n";
import { ApiError } from "./problems";
import { router } from "./router";
import { resolver, themeFor } from "./theme";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a missing thing does not get better by asking again.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.problem.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function App() {
  const { t } = useTranslation();
  const theme = useMemo(() => themeFor(t("common.close")), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={resolver}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}

async function start(): Promise<void> {
  initI18n();
  const auth = initAuth(await loadConfig());
  const path = window.location.pathname;
  if (path === CALLBACK_PATH) {
    const returnTo = await completeLogin();
    window.history.replaceState(null, "", returnTo);
  } else if (path !== LOGGED_OUT_PATH) {
    await login(storedLanguage(), path + window.location.search);
    return;
  }
  void auth;
  createRoot(document.getElementById("root") as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  // Before React runs there is nothing else to show: a plain sentence in both languages.
  console.error(error);
  const root = document.getElementById("root");
  if (root)
    root.textContent =
      "De portal kon niet starten; probeer het later opnieuw. / The portal could not start; try again later.";
});
