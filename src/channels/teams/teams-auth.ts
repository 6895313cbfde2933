import { getAuthConfigWithDefaults, type AuthConfiguration } from '@microsoft/agents-hosting';

export type TeamsCredentials = { clientId: string; clientSecret: string; tenantId: string };

/** The SDK's configuration from explicit settings (the SDK would otherwise read its own environment variables). */
export function teamsAuthConfiguration(credentials: TeamsCredentials): AuthConfiguration {
  return getAuthConfigWithDefaults({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, tenantId: credentials.tenantId });
}
