import type { Audience } from '../../domain/types.js';
import type { ChannelPlatform } from '../channel.js';
import { mapTeamsActivity, type TeamsTarget } from './map-teams-activity.js';
import { renderTeamsReply, type TeamsMessage } from './render-teams-reply.js';
import { teamsAuthConfiguration, type TeamsCredentials } from './teams-auth.js';
import { createTeamsSender } from './teams-client.js';
import { createTeamsVerifier } from './verify-teams-request.js';

export type TeamsSettings = TeamsCredentials & { audience: Audience };

/** Microsoft Teams through the Microsoft 365 Agents SDK, at /channels/teams/messages. */
export function createTeamsChannel(settings: TeamsSettings): ChannelPlatform<TeamsTarget, TeamsMessage> {
  const auth = teamsAuthConfiguration(settings);
  return {
    name: 'teams',
    defaultAudience: settings.audience,
    verify: createTeamsVerifier(auth),
    map: mapTeamsActivity,
    acknowledgement: { status: 200 },
    render: renderTeamsReply,
    send: createTeamsSender(auth, settings.clientId),
  };
}
