// Theming is by the --gc-* custom properties below; a host page overrides them on the element:
//   guideline-chat { --gc-accent: #7a1f5c; --gc-font: Georgia, serif; }
export const WIDGET_CSS = `
:host {
  --gc-accent: #0b5f86;
  --gc-accent-strong: #084766;
  --gc-accent-contrast: #ffffff;
  --gc-accent-soft: #e8f2f8;
  --gc-surface: #ffffff;
  --gc-background: #f4f6f9;
  --gc-text: #17202b;
  --gc-muted: #566273;
  --gc-border: #dbe1e8;
  --gc-urgent: #b42318;
  --gc-urgent-surface: #fef3f2;
  --gc-warning: #93370d;
  --gc-warning-surface: #fffaeb;
  --gc-warning-border: #fedf89;
  --gc-success: #067647;
  --gc-success-surface: #ecfdf3;
  --gc-highlight: #fff4c2;
  --gc-radius: 14px;
  --gc-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --gc-font-size: 15px;
  --gc-panel-width: 440px;
  --gc-panel-height: 720px;
  --gc-z-index: 2147483000;
  all: initial;
  font-family: var(--gc-font);
  font-size: var(--gc-font-size);
  color: var(--gc-text);
  line-height: 1.5;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--gc-accent); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: var(--gc-z-index);
  display: inline-flex; align-items: center; gap: 8px;
  padding: 12px 18px; border: 0; border-radius: 999px;
  background: var(--gc-accent); color: var(--gc-accent-contrast);
  font-weight: 600; box-shadow: 0 8px 24px rgba(16, 24, 40, .22);
}
.launcher:hover { background: var(--gc-accent-strong); }

.panel {
  position: fixed; right: 20px; bottom: 20px; z-index: var(--gc-z-index);
  width: min(var(--gc-panel-width), calc(100vw - 40px));
  height: min(var(--gc-panel-height), calc(100vh - 40px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--gc-background); border: 1px solid var(--gc-border); border-radius: var(--gc-radius);
  box-shadow: 0 24px 48px -12px rgba(16, 24, 40, .28);
}
:host([layout="inline"]) .panel { position: relative; right: auto; bottom: auto; width: 100%; height: 100%; min-height: 480px; box-shadow: none; }

.header { display: flex; align-items: flex-start; gap: 12px; padding: 14px 16px 12px; background: var(--gc-surface); border-bottom: 1px solid var(--gc-border); }
.header-text { flex: 1; min-width: 0; }
.header h2 { margin: 0; font-size: 1.05em; line-height: 1.3; }
.header p { margin: 2px 0 0; color: var(--gc-muted); font-size: .82em; }
.icon-button { display: inline-grid; place-items: center; width: 36px; height: 36px; border: 0; border-radius: 8px; background: transparent; color: var(--gc-muted); }
.icon-button:hover { background: var(--gc-background); color: var(--gc-text); }

.audience-switch { display: inline-flex; margin-top: 8px; padding: 2px; border-radius: 999px; background: var(--gc-background); border: 1px solid var(--gc-border); }
.audience-switch button { border: 0; background: transparent; padding: 3px 12px; border-radius: 999px; font-size: .8em; color: var(--gc-muted); }
.audience-switch button[aria-pressed="true"] { background: var(--gc-accent); color: var(--gc-accent-contrast); font-weight: 600; }

.conversation { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 14px; scroll-behavior: smooth; }

.card { background: var(--gc-surface); border: 1px solid var(--gc-border); border-radius: var(--gc-radius); padding: 16px; }
.chooser h3 { margin: 0 0 4px; font-size: 1.1em; }
.chooser p { margin: 0 0 12px; color: var(--gc-muted); font-size: .9em; }
.choice { display: block; width: 100%; text-align: left; margin-top: 8px; padding: 12px 14px; border: 1px solid var(--gc-border); border-radius: 10px; background: var(--gc-surface); }
.choice strong { display: block; }
.choice span { color: var(--gc-muted); font-size: .88em; }
.choice:hover { border-color: var(--gc-accent); background: var(--gc-accent-soft); }

.examples h4, .eyebrow { margin: 0 0 8px; font-size: .72em; letter-spacing: .06em; text-transform: uppercase; color: var(--gc-muted); }
.chips { display: flex; flex-wrap: wrap; gap: 8px; }
.chip { text-align: left; padding: 7px 12px; border: 1px solid var(--gc-accent); border-radius: 999px; background: var(--gc-surface); color: var(--gc-accent-strong); font-size: .86em; line-height: 1.35; }
.chip:hover { background: var(--gc-accent-soft); }
.chip:disabled { opacity: .5; cursor: default; }

.question { align-self: flex-end; max-width: 85%; padding: 9px 14px; border-radius: 16px 16px 4px 16px; background: var(--gc-accent); color: var(--gc-accent-contrast); white-space: pre-wrap; overflow-wrap: anywhere; }
.system-note { align-self: center; margin: 0; font-size: .8em; color: var(--gc-muted); }

.answer { display: flex; flex-direction: column; gap: 12px; overflow-wrap: anywhere; }
.answer-title { margin: 0; font-size: 1.15em; line-height: 1.3; }
.answer-meta, .understood { margin: -6px 0 0; color: var(--gc-muted); font-size: .8em; }
.understood { font-style: italic; }
.blocks { display: flex; flex-direction: column; gap: 12px; }
.bottom-line { padding: 12px 14px; border-left: 4px solid var(--gc-accent); border-radius: 0 10px 10px 0; background: var(--gc-accent-soft); }
.bottom-line p { margin: 0; }
.section h4 { display: flex; align-items: center; gap: 6px; margin: 4px 0 6px; font-size: .95em; }
.section p { margin: 0 0 6px; }
.section ul { margin: 0; padding-left: 20px; }
.section li { margin: 0 0 6px; }
.section li::marker { color: var(--gc-accent); }
.pitfalls { padding: 10px 14px; border: 1px solid var(--gc-warning-border); border-radius: 10px; background: var(--gc-warning-surface); }
.pitfalls h4 { color: var(--gc-warning); }
.pitfalls svg { width: 18px; height: 18px; }
.pitfalls li::marker { color: var(--gc-warning); }
.findings li.critical strong { color: var(--gc-urgent); }

.citations { position: relative; top: -.45em; margin-left: 3px; font-size: .7em; line-height: 1; vertical-align: baseline; white-space: nowrap; color: var(--gc-muted); }
.citation { min-width: 1.7em; padding: 1px 4px; margin: 0 1px; border: 1px solid transparent; border-radius: 5px; background: var(--gc-accent-soft); color: var(--gc-accent-strong); font-weight: 700; font-size: 1em; line-height: 1.2; vertical-align: baseline; }
.citation:hover { border-color: var(--gc-accent); }
.citation-missing { color: var(--gc-muted); }

.references { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.reference { display: flex; gap: 10px; padding: 8px 10px; border-radius: 10px; border: 1px solid var(--gc-border); background: var(--gc-surface); transition: background-color .4s, border-color .4s; scroll-margin: 16px; }
.reference.highlighted { background: var(--gc-highlight); border-color: #e9b949; }
.reference:focus { outline: none; }
.reference:focus-visible { outline: 3px solid var(--gc-accent); }
.reference-number { flex: none; display: grid; place-items: center; width: 24px; height: 24px; border-radius: 50%; background: var(--gc-accent-soft); color: var(--gc-accent-strong); font-weight: 700; font-size: .78em; }
.reference-body { min-width: 0; flex: 1; }
.reference-title { font-weight: 600; font-size: .9em; line-height: 1.35; }
.reference-title a { color: var(--gc-accent-strong); }
.reference-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 6px; margin-top: 4px; font-size: .75em; color: var(--gc-muted); }
.badge { padding: 1px 8px; border-radius: 999px; border: 1px solid var(--gc-border); background: var(--gc-background); font-weight: 600; }
.badge.review.approved { color: var(--gc-success); background: var(--gc-success-surface); border-color: #abefc6; }
.badge.review.under-review { color: var(--gc-warning); background: var(--gc-warning-surface); border-color: var(--gc-warning-border); }
.badge.review.submitted { color: var(--gc-muted); }
.quote { margin-top: 4px; font-size: .82em; }
.quote summary { cursor: pointer; color: var(--gc-accent-strong); width: fit-content; }
.quote blockquote { margin: 6px 0 2px; padding: 6px 10px; border-left: 3px solid var(--gc-border); color: var(--gc-text); white-space: pre-wrap; }

.notice { margin: 0; font-size: .85em; }
.notice.urgent { display: flex; gap: 10px; padding: 12px 14px; border: 2px solid var(--gc-urgent); border-radius: 10px; background: var(--gc-urgent-surface); color: var(--gc-urgent); font-size: .95em; }
.notice.urgent svg { flex: none; margin-top: 2px; }
.notice.urgent p { margin: 2px 0 0; color: var(--gc-text); }
.notice.warning-signs { padding: 10px 14px; border: 1px solid var(--gc-warning); border-radius: 10px; background: var(--gc-warning-surface); font-size: .9em; }
.notice.warning-signs p { margin: 2px 0 0; }
.notice.not-covered, .notice.professional-source { padding: 8px 12px; border-radius: 10px; background: var(--gc-surface); border: 1px dashed var(--gc-muted); font-size: .88em; }
.notice.out-of-scope { padding: 10px 14px; border-radius: 10px; background: var(--gc-surface); border: 1px dashed var(--gc-muted); font-size: .92em; }
.notice.pending-review { padding: 8px 12px; border-radius: 10px; background: var(--gc-warning-surface); color: var(--gc-warning); }
.notice.disclaimer { color: var(--gc-muted); font-size: .78em; }

.status { display: flex; align-items: center; gap: 8px; color: var(--gc-muted); font-size: .85em; }
.dots { display: inline-flex; gap: 3px; }
.dots i { width: 6px; height: 6px; border-radius: 50%; background: var(--gc-accent); animation: gc-pulse 1.2s infinite ease-in-out; }
.dots i:nth-child(2) { animation-delay: .15s; }
.dots i:nth-child(3) { animation-delay: .3s; }
@keyframes gc-pulse { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .dots i { animation: none; } .conversation { scroll-behavior: auto; } .reference { transition: none; } }

.error { display: flex; gap: 10px; align-items: flex-start; padding: 12px 14px; border-radius: 10px; border: 1px solid #fda29b; background: var(--gc-urgent-surface); color: var(--gc-urgent); }
.error p { margin: 0 0 8px; color: var(--gc-text); }
.error svg { flex: none; }
.retry { display: inline-flex; align-items: center; gap: 6px; padding: 6px 12px; border: 1px solid var(--gc-urgent); border-radius: 8px; background: var(--gc-surface); color: var(--gc-urgent); font-weight: 600; font-size: .88em; }
.retry svg { width: 16px; height: 16px; }

.composer { padding: 10px 12px 12px; background: var(--gc-surface); border-top: 1px solid var(--gc-border); }
.composer label { display: block; margin: 0 0 6px; font-size: .82em; font-weight: 600; color: var(--gc-muted); }
.composer-row { display: flex; gap: 8px; align-items: flex-end; }
.composer textarea { flex: 1; min-height: 42px; max-height: 140px; padding: 10px 12px; resize: none; border: 1px solid var(--gc-border); border-radius: 10px; background: var(--gc-surface); line-height: 1.4; }
.composer textarea:focus-visible { outline-offset: 0; border-color: var(--gc-accent); }
.composer textarea:disabled { background: var(--gc-background); }
.send { display: inline-grid; place-items: center; width: 42px; height: 42px; border: 0; border-radius: 10px; background: var(--gc-accent); color: var(--gc-accent-contrast); }
.send:disabled { opacity: .45; cursor: default; }
.fineprint { margin: 6px 0 0; font-size: .72em; color: var(--gc-muted); }

@media (max-width: 520px) {
  :host(:not([layout="inline"])) .panel { inset: 0; width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; border: 0; }
  .launcher { right: 12px; bottom: 12px; }
  .conversation { padding: 12px; }
}
`;
