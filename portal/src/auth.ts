import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import type { PortalConfig } from "./config";

/** Login with Authorization Code + PKCE against Keycloak's `portal` client. Tokens live only in
 * this page's memory; the refresh token renews them. Only the short-lived login state of the
 * redirect round trip is kept in sessionStorage, as it must survive the navigation. */
let manager: UserManager | null = null;
let current: User | null = null;

export const CALLBACK_PATH = "/auth/callback";
export const LOGGED_OUT_PATH = "/logged-out";

export function initAuth(config: PortalConfig): UserManager {
  const origin = window.location.origin;
  manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: origin + CALLBACK_PATH,
    post_logout_redirect_uri: origin + LOGGED_OUT_PATH,
    response_type: "code",
    scope: "openid profile email",
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    monitorSession: false,
  });
  manager.events.addUserLoaded((user) => {
    current = user;
  });
  manager.events.addUserUnloaded(() => {
    current = null;
  });
  return manager;
}

function userManager(): UserManager {
  if (!manager) throw new Error("auth not initialised");
  return manager;
}

export function accessToken(): string | null {
  return current?.access_token ?? null;
}

export function currentUser(): User | null {
  return current;
}

/** Finishes the redirect back from Keycloak; returns where the user was going. */
export async function completeLogin(): Promise<string> {
  const user = await userManager().signinRedirectCallback();
  current = user;
  const state = user.state as { returnTo?: string } | undefined;
  return state?.returnTo && state.returnTo.startsWith("/") ? state.returnTo : "/";
}

export async function login(language: string, returnTo: string): Promise<void> {
  await userManager().signinRedirect({
    state: { returnTo },
    ui_locales: language,
  });
}

export async function logout(): Promise<void> {
  const user = current;
  current = null;
  await userManager().signoutRedirect({ id_token_hint: user?.id_token });
}
