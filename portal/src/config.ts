/** Where Keycloak is, read at start-up from the server, so one build runs in every environment. */
export interface PortalConfig {
  authority: string;
  clientId: string;
}

export async function loadConfig(): Promise<PortalConfig> {
  const response = await fetch("/portal-config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`portal-config.json: HTTP ${response.status}`);
  return (await response.json()) as PortalConfig;
}
