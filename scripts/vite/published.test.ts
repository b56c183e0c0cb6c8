/**
 * What the build publishes beside the app: the run file's schema at a stable path (the very file
 * the app's validator uses) and a web app manifest whose colours and icons are the app's own.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { describe, expect, test } from 'vitest';
import schema from '../../src/engine/runFile/run.schema.json';
import { publishRunSchema, RUN_SCHEMA_PATH } from './publishRunSchema';
import { MANIFEST_COLOURS, pwaOptions } from './pwa';

/** Runs the plugin's generateBundle hook and returns what it emitted. */
function emitted(plugin: Plugin): { fileName: string; source: string }[] {
  const out: { fileName: string; source: string }[] = [];
  const hook = plugin.generateBundle as unknown as (this: unknown, ...args: unknown[]) => void;
  hook.call({ emitFile: (file: { fileName: string; source: string }) => out.push(file) }, {}, {}, false);
  return out;
}

/** Width and height of a PNG, read from its IHDR chunk. */
function pngSize(path: string): string {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('the published run schema', () => {
  test('is served at schema/run.v1.json and equals, byte for byte, the schema the app validates with', () => {
    const files = emitted(publishRunSchema());
    expect(files.map((f) => f.fileName)).toEqual(['schema/run.v1.json']);
    expect(RUN_SCHEMA_PATH).toBe('schema/run.v1.json');
    expect(files[0].source).toBe(readFileSync('src/engine/runFile/run.schema.json', 'utf8'));
    expect(JSON.parse(files[0].source)).toEqual(schema);
  });

  test('its $id is an absolute https identifier ending in the published path, under a never-resolving host', () => {
    const id = new URL(schema.$id);
    expect(id.protocol).toBe('https:');
    expect(id.pathname).toBe(`/${RUN_SCHEMA_PATH}`);
    // RFC 6761: .invalid names are guaranteed never to resolve, so no one else can ever own it.
    expect(id.hostname.endsWith('.invalid')).toBe(true);
  });
});

describe('the web app manifest', () => {
  const manifest = pwaOptions.manifest as { theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string; purpose: string }[]; start_url: string; scope: string };

  test("uses the light theme's page colour of tokens.css", () => {
    const light = readFileSync('src/app/styles/tokens.css', 'utf8').split(":root[data-theme='dark']")[0];
    const bg = light.match(/--bg:\s*(#[0-9a-f]{6})/i)?.[1];
    expect(manifest.background_color).toBe(bg);
    expect(manifest.theme_color).toBe(bg);
    expect(MANIFEST_COLOURS).toEqual({ theme: bg, background: bg });
    // index.html names the same colours for the browser's toolbar, light and dark.
    const dark = readFileSync('src/app/styles/tokens.css', 'utf8')
      .split(":root[data-theme='dark']")[1]
      .match(/--bg:\s*(#[0-9a-f]{6})/i)?.[1];
    const html = readFileSync('index.html', 'utf8');
    expect(html).toContain(`<meta name="theme-color" content="${bg}" media="(prefers-color-scheme: light)" />`);
    expect(html).toContain(`<meta name="theme-color" content="${dark}" media="(prefers-color-scheme: dark)" />`);
  });

  test('stays inside the folder it is served from, wherever that is', () => {
    expect(manifest.start_url).toBe('./');
    expect(manifest.scope).toBe('./');
    expect(manifest.icons.every((i) => !i.src.startsWith('/') && !/^https?:/.test(i.src))).toBe(true);
  });

  test('lists an SVG icon and PNG icons whose files have the sizes it states (192, 512, maskable 512)', () => {
    expect(manifest.icons.find((i) => i.type === 'image/svg+xml')?.src).toBe('favicon.svg');
    const pngs = manifest.icons.filter((i) => i.type === 'image/png');
    expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of pngs) expect(pngSize(`public/${icon.src}`), icon.src).toBe(icon.sizes);
    expect(pngSize('public/icons/apple-touch-icon.png')).toBe('180x180');
  });
});
