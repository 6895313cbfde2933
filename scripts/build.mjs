// npm run build: compiles src/ to dist/ (one JavaScript module per TypeScript file, same layout), and
// copies every other file under src/ (data files read beside their module, such as wording.yaml).
// Plain JavaScript, so that it runs on a production install without the TypeScript tooling.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const source = 'src';
const output = 'dist';

const files = readdirSync(source, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));

rmSync(output, { recursive: true, force: true });
await build({
  entryPoints: files.filter((file) => file.endsWith('.ts')),
  outdir: output,
  outbase: source,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
for (const file of files.filter((name) => !name.endsWith('.ts'))) cpSync(file, path.join(output, path.relative(source, file)));
