/**
 * Publishes the run file's JSON Schema (docs/RUN_FILE.md) at a stable path of the built app,
 * `schema/run.v1.json`, so a notebook or another tool can fetch the contract from wherever the
 * app is deployed. One source of truth: the file the app's own validator imports
 * (src/engine/runFile/run.schema.json) is copied byte for byte at build time and served from
 * the same path by the dev server, never edited by hand in a second place.
 *
 *   src/engine/runFile/run.schema.json ─┬─ import ─▶ parse.ts (the app's validator)
 *                                       └─ this plugin ─▶ dist/schema/run.v1.json (and dev server)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** Where the schema is served, relative to the app's base. Versioned: v2 gets a new path. */
export const RUN_SCHEMA_PATH = 'schema/run.v1.json';

/** The schema file the app's validator imports. */
export const RUN_SCHEMA_SOURCE = fileURLToPath(new URL('../../src/engine/runFile/run.schema.json', import.meta.url));

/** The published bytes: exactly the validator's file. */
export function runSchemaText(): string {
  return readFileSync(RUN_SCHEMA_SOURCE, 'utf8');
}

export function publishRunSchema(): Plugin {
  return {
    name: 'lottery-lens:publish-run-schema',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: RUN_SCHEMA_PATH, source: runSchemaText() });
    },
    configureServer(server) {
      const at = `${server.config.base.replace(/^\.?\/?$/, '/')}${RUN_SCHEMA_PATH}`;
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== at) return next();
        res.setHeader('content-type', 'application/json');
        res.end(runSchemaText());
      });
    },
  };
}
