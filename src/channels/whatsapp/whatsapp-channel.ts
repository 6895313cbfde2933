import type { Audience } from '../../domain/types.js';
import type { ChannelPlatform } from '../channel.js';
import { mapWhatsAppNotification, type WhatsAppTarget } from './map-whatsapp-notification.js';
import { renderWhatsAppReply, type WhatsAppMessage } from './render-whatsapp-reply.js';
import { verifyWhatsAppRequest } from './verify-whatsapp-request.js';
import { createWhatsAppSender } from './whatsapp-client.js';

export type WhatsAppSettings = { accessToken: string; appSecret: string; verifyToken: string; audience: Audience };

/** The WhatsApp Cloud API webhook at /channels/whatsapp/webhook; the sender's number is the conversation. */
export function createWhatsAppChannel(settings: WhatsAppSettings, options: { fetch?: typeof globalThis.fetch; apiUrl?: string } = {}): ChannelPlatform<WhatsAppTarget, WhatsAppMessage> {
  return {
    name: 'whatsapp',
    defaultAudience: settings.audience,
    verify: (request) => verifyWhatsAppRequest(request, settings),
    map: mapWhatsAppNotification,
    acknowledgement: { status: 200 },
    render: renderWhatsAppReply,
    send: createWhatsAppSender({ accessToken: settings.accessToken, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) }),
  };
}
