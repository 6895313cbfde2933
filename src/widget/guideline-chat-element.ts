import type { Audience, Block, Reference } from '../domain/types.js';
import { ChatError, sendChat, type ChatRequestBody, type RenderedAnswer } from './chat-client.js';
import { append, element, icon, ICONS } from './dom.js';
import { renderAnswer, renderBlocks, type RenderContext } from './render-answer.js';
import { WIDGET_CSS } from './styles.js';

const AUDIENCE_KEY = 'guideline-chat.audience';
const AUDIENCE_NAMES: Record<Audience, string> = { patient: 'Patient', professional: 'Professional' };

let panelCount = 0;

/**
 * <guideline-chat api="https://host" audience="ask|patient|professional" heading="…" examples="q1|q2" open layout="inline">
 * Everything lives in an open shadow root so the host page's CSS cannot reach in, nor ours out.
 */
export class GuidelineChatElement extends HTMLElement {
  static observedAttributes = ['open'];

  private readonly root: ShadowRoot;
  private readonly instanceId = `gc${++panelCount}`;
  private built = false;
  private audience: Audience | undefined;
  private conversationId: string | undefined;
  private busy = false;
  private turnCount = 0;

  private launcher!: HTMLButtonElement;
  private panel!: HTMLElement;
  private conversation!: HTMLElement;
  private switcher!: HTMLElement;
  private textarea!: HTMLTextAreaElement;
  private sendButton!: HTMLButtonElement;
  private composerLabel!: HTMLLabelElement;
  private chooser: HTMLElement | undefined;
  private examples: HTMLElement | undefined;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    this.build();
  }

  attributeChangedCallback(): void {
    if (this.built) this.syncOpen(false);
  }

  get api(): string {
    return (this.getAttribute('api') || window.location.origin).replace(/\/+$/, '');
  }

  /** The site's publishable key, when the server requires keys. */
  private get key(): string | undefined {
    return this.getAttribute('key') || undefined;
  }

  private get inline(): boolean {
    return this.getAttribute('layout') === 'inline';
  }

  private get isOpen(): boolean {
    return this.inline || this.hasAttribute('open');
  }

  /** Opens or closes the panel; focus follows when a person did it. */
  setOpen(open: boolean): void {
    this.toggleAttribute('open', open);
    this.syncOpen(true);
  }

  private syncOpen(moveFocus: boolean): void {
    const open = this.isOpen;
    this.panel.hidden = !open;
    this.launcher.hidden = open || this.inline;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (!moveFocus) return;
    if (open) (this.chooser?.querySelector('button') ?? this.textarea).focus();
    else this.launcher.focus();
  }

  private build(): void {
    adoptStyles(this.root);
    const heading = this.getAttribute('heading') || 'Ask the guidelines';
    const panelId = `${this.instanceId}-panel`;

    this.launcher = element('button', {
      class: 'launcher',
      attributes: { type: 'button', 'aria-controls': panelId, 'aria-expanded': 'false' },
      on: { click: () => this.setOpen(true) },
    }, [icon(ICONS.chat), heading]);

    this.switcher = element('div', { class: 'audience-switch', attributes: { role: 'group', 'aria-label': 'Answers worded for' } },
      (['patient', 'professional'] as const).map((audience) =>
        element('button', {
          text: AUDIENCE_NAMES[audience],
          attributes: { type: 'button', 'data-audience': audience, 'aria-pressed': 'false' },
          on: { click: () => this.chooseAudience(audience, true) },
        }),
      ),
    );
    this.switcher.hidden = true;

    const header = element('div', { class: 'header' }, [
      element('div', { class: 'header-text' }, [
        element('h2', { text: heading, attributes: { id: `${this.instanceId}-heading` } }),
        element('p', { text: 'Answers only from the guidelines held, each claim with its source.' }),
        this.switcher,
      ]),
      this.inline ? null : element('button', {
        class: 'icon-button',
        attributes: { type: 'button', 'aria-label': 'Close chat' },
        on: { click: () => this.setOpen(false) },
      }, [icon(ICONS.close)]),
    ]);

    this.conversation = element('div', {
      class: 'conversation',
      attributes: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Conversation', tabindex: '0' },
    });

    const inputId = `${this.instanceId}-input`;
    this.composerLabel = element('label', { text: 'Ask a question', attributes: { for: inputId } });
    this.textarea = element('textarea', {
      attributes: { id: inputId, rows: '1', maxlength: '4000', placeholder: 'Type your question', autocomplete: 'off' },
      on: {
        keydown: (event) => {
          const key = event as KeyboardEvent;
          if (key.key === 'Enter' && !key.shiftKey && !key.isComposing) {
            key.preventDefault();
            this.submit();
          }
        },
        input: () => this.resizeInput(),
      },
    });
    this.sendButton = element('button', { class: 'send', attributes: { type: 'submit', 'aria-label': 'Send question' } }, [icon(ICONS.send)]);
    const composer = element('form', { class: 'composer', on: { submit: (event) => { event.preventDefault(); this.submit(); } } }, [
      this.composerLabel,
      element('div', { class: 'composer-row' }, [this.textarea, this.sendButton]),
      element('p', { class: 'fineprint', text: 'General information from guidelines, not a diagnosis. In an emergency, call your local emergency number.' }),
    ]);

    this.panel = element('section', {
      class: 'panel',
      attributes: { id: panelId, role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': `${this.instanceId}-heading` },
      on: {
        keydown: (event) => {
          if ((event as KeyboardEvent).key === 'Escape' && !this.inline) {
            event.stopPropagation();
            this.setOpen(false);
          }
        },
      },
    }, [header, this.conversation, composer]);

    append(this.root, [this.launcher, this.panel]);

    const stored = readStoredAudience();
    const configured = this.getAttribute('audience');
    const initial = stored ?? (configured === 'patient' || configured === 'professional' ? configured : undefined);
    if (initial) this.chooseAudience(initial, false);
    else this.showChooser();
    this.syncOpen(false);
  }

  private showChooser(): void {
    const choice = (audience: Audience, label: string, detail: string) =>
      element('button', { class: 'choice', attributes: { type: 'button', 'data-audience': audience }, on: { click: () => this.chooseAudience(audience, true) } }, [
        element('strong', { text: label }),
        element('span', { text: detail }),
      ]);
    this.chooser = element('div', { class: 'card chooser', attributes: { role: 'group', 'aria-labelledby': `${this.instanceId}-chooser` } }, [
      element('h3', { text: 'Which best describes you?', attributes: { id: `${this.instanceId}-chooser` } }),
      element('p', { text: 'Answers are worded for you. You can change this at any time.' }),
      choice('patient', 'Patient, family member or carer', 'Plain language, what to expect and when to get help'),
      choice('professional', 'Healthcare professional', 'Doses, criteria and the evidence behind them'),
    ]);
    this.conversation.appendChild(this.chooser);
    this.updateComposer();
  }

  private chooseAudience(audience: Audience, byPerson: boolean): void {
    const previous = this.audience;
    this.audience = audience;
    writeStoredAudience(audience);
    for (const button of Array.from(this.switcher.querySelectorAll('button'))) {
      button.setAttribute('aria-pressed', String(button.dataset.audience === audience));
    }
    this.switcher.hidden = false;
    if (this.chooser) {
      this.chooser.remove();
      this.chooser = undefined;
    }
    if (previous && previous !== audience && this.turnCount > 0) {
      this.conversation.appendChild(element('p', {
        class: 'system-note',
        text: audience === 'patient' ? 'Answers will now be worded for patients.' : 'Answers will now be worded for healthcare professionals.',
      }));
    }
    if (this.turnCount === 0) this.showExamples();
    this.updateComposer();
    if (byPerson) this.textarea.focus();
  }

  private showExamples(): void {
    this.examples?.remove();
    const questions = (this.getAttribute('examples') ?? '').split('|').map((question) => question.trim()).filter(Boolean);
    if (questions.length === 0) return;
    this.examples = element('div', { class: 'card examples' }, [
      element('h4', { text: 'Try asking' }),
      element('div', { class: 'chips' }, questions.map((question) =>
        element('button', { class: 'chip', text: question, attributes: { type: 'button' }, on: { click: () => this.ask(question) } }),
      )),
    ]);
    this.conversation.appendChild(this.examples);
  }

  private updateComposer(): void {
    const ready = this.audience !== undefined;
    this.textarea.disabled = !ready;
    this.sendButton.disabled = !ready || this.busy;
    this.textarea.placeholder = ready ? (this.turnCount > 0 ? 'Ask a follow-up question' : 'Type your question') : 'Choose who you are first';
    this.composerLabel.textContent = this.turnCount > 0 ? 'Have a follow-up question?' : 'Ask a question';
    for (const chip of Array.from(this.conversation.querySelectorAll<HTMLButtonElement>('.chip'))) chip.disabled = this.busy;
  }

  private resizeInput(): void {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight, 140)}px`;
  }

  private submit(): void {
    const message = this.textarea.value.trim();
    if (!message || this.busy || !this.audience) return;
    this.textarea.value = '';
    this.resizeInput();
    this.ask(message);
  }

  /** Asks a question as the next turn of this conversation. */
  ask(message: string): void {
    if (this.busy || !this.audience) return;
    this.examples?.remove();
    this.examples = undefined;
    this.turnCount += 1;
    this.conversation.appendChild(element('div', { class: 'question', text: message, attributes: { 'aria-label': `You asked: ${message}` } }));
    const body: ChatRequestBody = { message, audience: this.audience, ...(this.conversationId ? { conversationId: this.conversationId } : {}) };
    void this.run(body);
  }

  private async run(body: ChatRequestBody): Promise<void> {
    this.busy = true;
    this.updateComposer();
    const turn = element('article', { class: 'answer', attributes: { 'aria-busy': 'true', 'aria-label': 'Answer' } });
    const status = element('div', { class: 'status', attributes: { role: 'status' } }, [
      element('span', { class: 'dots', attributes: { 'aria-hidden': 'true' } }, [element('i'), element('i'), element('i')]),
      'Searching the guidelines…',
    ]);
    turn.appendChild(status);
    this.conversation.appendChild(turn);
    turn.scrollIntoView({ block: 'start' });

    const context: RenderContext = { idPrefix: `${this.instanceId}-a${this.turnCount}`, references: [], onCite: (n) => this.highlightReference(turn, context, n) };
    const streamed: Block[] = [];
    let progress: HTMLElement | undefined;

    try {
      await sendChat(this.api, body, {
        onMeta: (meta) => {
          if (meta.conversationId) this.conversationId = meta.conversationId;
        },
        onReferences: (references: Reference[]) => {
          context.references = references;
        },
        onText: (text) => {
          streamed.push({ kind: text.kind, text: text.text, citations: [] });
          status.lastChild!.textContent = 'Writing the answer…';
          const next = renderBlocks(streamed, context);
          if (progress) progress.replaceWith(next);
          else turn.insertBefore(next, status);
          progress = next;
        },
        onFallback: () => {
          // The model's sentences shown so far are replaced by the answer that follows.
          streamed.length = 0;
          progress?.remove();
          progress = undefined;
        },
        onAnswer: (answer: RenderedAnswer) => {
          this.conversationId = answer.conversationId;
          context.references = answer.references;
          turn.replaceChildren(...renderAnswer(answer, context, { onFollowUp: (question) => this.ask(question) }));
          turn.setAttribute('aria-label', `Answer: ${answer.title}`);
        },
      }, fetch, this.key);
    } catch (error) {
      turn.remove();
      this.showError(error instanceof ChatError ? error : new ChatError('server', 'Something went wrong. Please try again.'), body);
    } finally {
      turn.removeAttribute('aria-busy');
      this.busy = false;
      this.updateComposer();
    }
  }

  private showError(error: ChatError, body: ChatRequestBody): void {
    const retryable = error.kind !== 'rejected';
    const box = element('div', { class: 'error', attributes: { role: 'alert', 'data-kind': error.kind } }, [
      icon(ICONS.alert),
      element('div', {}, [
        element('p', { text: error.message }),
        retryable
          ? element('button', {
              class: 'retry',
              attributes: { type: 'button' },
              on: {
                click: () => {
                  if (this.busy) return;
                  box.remove();
                  void this.run({ ...body, ...(this.audience ? { audience: this.audience } : {}) });
                },
              },
            }, [icon(ICONS.retry), 'Try again'])
          : null,
      ]),
    ]);
    this.conversation.appendChild(box);
    box.scrollIntoView({ block: 'nearest' });
  }

  private highlightReference(turn: HTMLElement, context: RenderContext, n: number): void {
    const target = turn.querySelector<HTMLElement>(`#${context.idPrefix}-ref-${n}`);
    if (!target) return;
    for (const other of Array.from(this.conversation.querySelectorAll('.reference.highlighted'))) other.classList.remove('highlighted');
    target.classList.add('highlighted');
    const details = target.querySelector('details');
    if (details) details.open = true;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}

/** A constructed stylesheet is not an inline <style>, so a host page's strict CSP does not block it. */
function adoptStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.appendChild(element('style', { text: WIDGET_CSS }));
  }
}

// Storage can throw (privacy modes, sandboxed frames); the widget then just asks again next time.
function readStoredAudience(): Audience | undefined {
  try {
    const value = window.localStorage.getItem(AUDIENCE_KEY);
    return value === 'patient' || value === 'professional' ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeStoredAudience(audience: Audience): void {
  try {
    window.localStorage.setItem(AUDIENCE_KEY, audience);
  } catch {
    // not remembered; nothing else changes
  }
}

