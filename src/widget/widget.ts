import { GuidelineChatElement } from './guideline-chat-element.js';

// Entry point of /widget.js. Embed with:
//   <script src="https://HOST/widget.js" data-api="https://HOST" data-audience="ask" data-title="…" async></script>

const TAG = 'guideline-chat';
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;

if (!customElements.get(TAG)) customElements.define(TAG, GuidelineChatElement);

function mount(source: HTMLScriptElement): void {
  const data = source.dataset;
  const chat = document.createElement(TAG);
  chat.setAttribute('api', data.api || new URL(source.src, window.location.href).origin);
  chat.setAttribute('audience', data.audience || 'ask');
  if (data.title) chat.setAttribute('heading', data.title);
  if (data.key) chat.setAttribute('key', data.key);
  if (data.examples) chat.setAttribute('examples', data.examples);
  if (data.open === 'true' || data.open === '') chat.setAttribute('open', '');
  const target = data.target ? document.querySelector(data.target) : null;
  if (target) {
    chat.setAttribute('layout', 'inline');
    target.appendChild(chat);
  } else {
    document.body.appendChild(chat);
  }
}

// A script tag with data-manual="true" only defines <guideline-chat> and leaves placing it to the page.
if (script && script.dataset.manual !== 'true') {
  if (document.body) mount(script);
  else document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
}
