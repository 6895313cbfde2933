// The page at `/`: what a newcomer sees after `npm start`. Static text only; nothing from a request.

const EXAMPLES = [
  'What bone-modifying agent and dose for breast cancer bone metastases?',
  'How should zoledronic acid be dosed when kidney function is reduced?',
  'What warning signs mean I should get help straight away?',
];

export function demoPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Guideline Chat</title>
<style>
  :root { color-scheme: light; }
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #17202b; background: #eef2f6; }
  main { max-width: 1280px; margin: 0; padding: 56px 48px; }
  .intro { max-width: 520px; }
  .tag { display: inline-block; margin: 0 0 12px; padding: 2px 10px; border-radius: 999px; background: #dcebf4; color: #084766; font-size: 13px; font-weight: 600; }
  h1 { margin: 0 0 16px; font-size: 40px; line-height: 1.15; letter-spacing: -0.02em; }
  p { margin: 0 0 16px; color: #344054; }
  ul { padding-left: 20px; color: #344054; }
  a { color: #0b5f86; }
  code { padding: 1px 6px; border-radius: 6px; background: #fff; border: 1px solid #dbe1e8; font-size: 13px; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; padding: 14px; border-radius: 10px; background: #17202b; color: #e4e7ec; font-size: 12.5px; line-height: 1.5; }
  /* The widget is themed from the host page through its custom properties. */
  guideline-chat { --gc-panel-width: 540px; --gc-panel-height: 900px; }
  @media (max-width: 1020px) { main { padding: 32px 20px 120px; } h1 { font-size: 32px; } }
</style>
</head>
<body>
<main>
  <div class="intro">
    <p class="tag">Demo</p>
    <h1>Guideline Chat</h1>
    <p>Guideline Chat answers clinical questions only from the guideline documents it holds, and every sentence ends with a numbered citation you can open to read the quoted passage, its publisher and its review status.</p>
    <p>Tell it whether you are a patient or a healthcare professional and it words the answer for you; when the guidelines it holds do not cover a question, it says so instead of guessing.</p>
    <ul>
      <li>API: <code>POST /v1/chat</code> with <code>{"message", "audience"}</code>; every route is described in <a href="/openapi.json">/openapi.json</a>.</li>
      <li>Browse the documents it answers from: <a href="/v1/knowledge">/v1/knowledge</a>.</li>
      <li>Put this chat on your own site with one script tag (your origin must be listed in <code>WIDGET_ORIGINS</code>):</li>
    </ul>
    <pre>&lt;script src="https://HOST/widget.js" data-api="https://HOST"
        data-audience="ask" data-title="Ask the guidelines" async&gt;&lt;/script&gt;</pre>
  </div>
</main>
<script src="/widget.js" data-title="Guideline Chat" data-audience="ask" data-open="true" data-examples="${EXAMPLES.join('|')}" async></script>
</body>
</html>
`;
}
