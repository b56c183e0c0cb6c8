#!/usr/bin/env node
/**
 * The `lottery-lens` command: sweeps of the app's engine from the command line (src/cli/).
 * A thin launcher: it builds the bundle when it is missing or stale, then runs it.
 */
import { pathToFileURL } from 'node:url';
import { ensureCli } from '../scripts/buildCli.mjs';

let bundle;
try {
  bundle = await ensureCli();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
