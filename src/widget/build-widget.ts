import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export type WidgetBundle = { code: string; etag: string };

// From the TypeScript source under tsx and in tests, from the compiled modules beside it in dist/.
const ENTRY = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './widget.ts' : './widget.js', import.meta.url));

/**
 * Bundles the widget from its TypeScript source in memory (tens of milliseconds), so `npm start`
 * and the tests serve the current source with no separate build step or stale build output.
 */
export async function buildWidget(entry: string = ENTRY): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('The widget bundle came out empty.');
  const digest = createHash('sha256').update(code).digest('base64url').slice(0, 27);
  return { code, etag: `"${digest}"` };
}
