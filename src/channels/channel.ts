import type { IncomingHttpHeaders } from 'node:http';
import type { Answer, Audience } from '../domain/types.js';

/** A webhook request as it arrived: the raw bytes are kept because every platform signs them. */
export type InboundRequest = {
  method: string;
  /** The path below the `/channels/<platform>` mount point, without the query. */
  path: string;
  /** The path and query exactly as received, from the root (Twilio signs the full URL). */
  originalUrl: string;
  query: Record<string, string | undefined>;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
};

/** A refusal the platform understands; the reason is for the server log only. */
export type Rejection = { status: 400 | 401 | 403; reason: string };

/** Verification never has a side effect: it only reads the request. */
export type Verification = { ok: true } | ({ ok: false } & Rejection);

/** What a message asks the service to do. */
export type ChannelAction =
  | { type: 'ask'; text: string }
  /** One of the follow-ups suggested by the last answer of the conversation, by position. */
  | { type: 'follow-up'; index: number }
  | { type: 'set-audience'; audience: Audience }
  | { type: 'start' };

/** A verified request, mapped to the one shape every platform shares. */
export type Mapped<Target> =
  /** A handshake the platform expects answered in the response (Slack's challenge, Meta's hub.challenge). */
  | { kind: 'respond'; status: number; body: string; contentType: string }
  /** Acknowledged and dropped: a bot's own message, a delivery receipt, an event type not handled. */
  | { kind: 'ignore'; reason: string }
  | { kind: 'invalid'; reason: string }
  /** One delivery may carry several messages (Meta batches them). */
  | { kind: 'events'; events: Array<MappedEvent<Target>> };

export type MappedEvent<Target> = {
  /** Unique per platform message: the same id twice is a retry or a replay. */
  eventId: string;
  /** The platform thread, chat or sender the conversation belongs to. */
  conversationKey: string;
  target: Target;
  action: ChannelAction;
};

/** What the service says back, before a platform formats it. */
export type ChannelReply =
  | {
      kind: 'answer';
      answer: Answer;
      /** The read-only answer page, when the service knows its public address. */
      link?: string;
      /** What the service is and is not, on the first message of a patient conversation. */
      intro?: string;
    }
  | { kind: 'notice'; text: string; intro?: string };

/**
 * One messaging platform: a verifier, a mapper, a renderer and a sender. Everything between
 * (deduplication, the conversation, the answer pipeline, retries, logging) is shared.
 */
export type ChannelPlatform<Target = unknown, Message = unknown> = {
  name: string;
  /** The audience of a new chat on this platform (a chat may change it with a command or keyword). */
  defaultAudience: Audience;
  /** Asynchronous where the platform's keys must be fetched (Microsoft Teams). */
  verify(request: InboundRequest): Verification | Promise<Verification>;
  map(request: InboundRequest): Mapped<Target>;
  /** The HTTP answer to an accepted event, sent before the answer is computed. */
  acknowledgement: { status: number; body?: string; contentType?: string };
  render(reply: ChannelReply, target: Target): Message[];
  /** One platform call; throws PlatformCallError so that the caller can retry. */
  send(target: Target, message: Message): Promise<void>;
  /** Tells the platform the event was received (e.g. stops a button's spinner); failures are only logged. */
  received?(target: Target): Promise<void>;
};
