import { errorFromResponse, networkError } from '../platform-call-error.js';
import type { WhatsAppTarget } from './map-whatsapp-notification.js';
import type { WhatsAppMessage } from './render-whatsapp-reply.js';

export const GRAPH_API = 'https://graph.facebook.com';
export const GRAPH_API_VERSION = 'v21.0';

// Graph API error codes for throttling and temporary trouble (HTTP status alone is often 400 for them).
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 80007, 130429, 131000, 131016, 131048, 131056]);

/** POST /<phone-number-id>/messages with the system user's access token. */
export function createWhatsAppSender(options: { accessToken: string; fetch?: typeof globalThis.fetch; apiUrl?: string }) {
  const fetcher = options.fetch ?? globalThis.fetch;
  const base = `${options.apiUrl ?? GRAPH_API}/${GRAPH_API_VERSION}`;
  return async (target: WhatsAppTarget, message: WhatsAppMessage): Promise<void> => {
    let response: Response;
    try {
      response = await fetcher(`${base}/${encodeURIComponent(target.phoneNumberId)}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: target.to, type: 'text', text: { preview_url: false, body: message.body } }),
      });
    } catch (error) {
      throw networkError('WhatsApp', error);
    }
    if (response.ok) return;
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: number } } | undefined;
    const code = body?.error?.code;
    const failure = errorFromResponse('WhatsApp', response, code !== undefined ? { code: String(code) } : {});
    if (code !== undefined && RETRYABLE_CODES.has(code)) failure.details.retryable = true;
    throw failure;
  };
}
