// Parses Mermaid files with Mermaid's own parser under Node, headless (jsdom gives Mermaid's
// label sanitizer the DOM it needs). Usage: node mermaid_parse.mjs DIR FILE...; DIR holds
// node_modules with mermaid and jsdom (`npm install mermaid jsdom`). Prints "ok TYPE FILE"
// or "error FILE MESSAGE" per file; exits 1 if any file does not parse.
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { pathToFileURL } from 'url';

const [dir, ...files] = process.argv.slice(2);
const modules = path.resolve(dir, 'node_modules');
const { JSDOM } = createRequire(path.join(modules, 'noop.js'))('jsdom');
const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const entry = path.join(modules, 'mermaid', 'dist', 'mermaid.core.mjs');
const { default: mermaid } = await import(pathToFileURL(entry).href);
let failed = false;
for (const file of files) {
  try {
    const result = await mermaid.parse(fs.readFileSync(file, 'utf8'));
    console.log('ok', result.diagramType, file);
  } catch (e) {
    console.log('error', file, e.message);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
