/**
 * Entry of diagnostics.html, "Check this browser's backends": shows the WebGL renderer the
 * training worker would see and times every backend here, so a user can tell why `auto` chose
 * what it chose. The same measurements are a promise API on `window.lotteryDiagnostics`, which
 * bench/run.mjs and the e2e tests call.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULTS } from '../settings/settings';
import type { WebGLProbe } from '../worker/backends';
import { BENCH_BACKENDS, type BenchRequestBody, type BenchResponse, type DiagnosticsApi, type SpeedResult } from '../worker/benchProtocol';
import './styles/index.css';
import './diagnostics.css';

/** The page's handle on the bench worker: one promise per request, answered by id. */
function startBenchWorker(): DiagnosticsApi {
  const worker = new Worker(new URL('../worker/bench.worker.ts', import.meta.url), { type: 'module', name: 'lottery-lens-bench' });
  const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let died: string | null = null;
  worker.onmessage = (e: MessageEvent<BenchResponse>) => {
    const w = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    if (e.data.ok) w?.resolve(e.data.result as never);
    else w?.reject(new Error(e.data.message));
  };
  worker.onerror = (e) => {
    e.preventDefault();
    died = `The diagnostics worker stopped: ${e.message || 'unknown error'}`;
    for (const w of waiting.values()) w.reject(new Error(died));
    waiting.clear();
  };
  const call = <T,>(body: BenchRequestBody) =>
    new Promise<T>((resolve, reject) => {
      if (died) return reject(new Error(died));
      const id = ++nextId;
      waiting.set(id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage({ ...body, id });
    });
  return {
    backends: BENCH_BACKENDS,
    defaults: DEFAULTS,
    probe: () => call({ type: 'probe' }),
    train: (r) => call({ type: 'train', ...r }),
    speed: (r) => call({ type: 'speed', ...r }),
    batchedSpeed: (r) => call({ type: 'batchedSpeed', ...r }),
  };
}

const api = startBenchWorker();
window.lotteryDiagnostics = api;

type Row = { backend: string; result?: SpeedResult; error?: string };

function rendererText(p: WebGLProbe | null): string {
  if (!p) return 'asking the worker…';
  if (p.renderer === null) return 'no WebGL2 in a worker here: the tfjs webgl backend cannot start.';
  return `${p.renderer} — ${p.software ? 'a software rasterizer (the CPU draws; no GPU speed-up)' : 'a GPU'}`;
}

function Diagnostics() {
  const [probe, setProbe] = useState<WebGLProbe | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.probe().then(setProbe, (e: Error) => setProbe({ renderer: `error: ${e.message}`, software: null }));
  }, []);

  async function measure() {
    setBusy(true);
    setRows([]);
    for (const backend of BENCH_BACKENDS) {
      const row: Row = { backend };
      try {
        row.result = await api.speed({ backend, steps: 100_000, repeats: 3, targetMs: 500 });
      } catch (e) {
        row.error = e instanceof Error ? e.message : String(e);
      }
      setRows((r) => [...r, row]);
    }
    setBusy(false);
  }

  return (
    <div className="app diagnostics">
      <header className="top">
        <h1>Check this browser's backends</h1>
        <a href="./index.html">back to Lottery Lens</a>
      </header>
      <section className="panel">
        <p>
          WebGL renderer in a worker: <strong data-testid="renderer">{rendererText(probe)}</strong>
        </p>
        <p className="muted">
          Each backend trains the default network (fresh, no snapshots) for three timed repeats of about half a second, after a warm-up. The first step includes setting the backend's kernels up (WebGL
          compiles its shaders the first time).
        </p>
        <button type="button" className="primary" onClick={measure} disabled={busy}>
          {busy ? 'Measuring…' : 'Measure each backend'}
        </button>
        {rows.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>backend</th>
                <th>first step (ms)</th>
                <th>steps/s (median of 3)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.backend}>
                  <td>{r.result?.backend ?? r.backend}</td>
                  <td>{r.result ? r.result.firstStepMs.toFixed(0) : '—'}</td>
                  <td>{r.result ? Math.round(r.result.median).toLocaleString('en-US') : `failed: ${r.error}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Diagnostics />
  </StrictMode>,
);
