/**
 * Choosing and starting the backend inside the worker.
 *
 * `auto` trains on what a calibration measured fastest on this device (calibration.ts,
 * backendChoice.ts): one model's trainer for the run, a batched one for the labs. The probe
 * below tells a real GPU from a software rasterizer (SwiftShader in headless Chromium,
 * llvmpipe), where webgl is not even timed. A backend that fails to start is never replaced
 * silently: the reason says what happened.
 *
 * A WebGL context can be lost at any time (a GPU reset, a driver update, too many contexts).
 * `webglFaults` is how the training session sees and survives that: whether the tfjs webgl
 * backend's context is lost, a way to lose it on purpose (diagnostics), and the backend that
 * takes over (tfjs wasm, else cpu).
 */
import '@tensorflow/tfjs-backend-cpu';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { wasmSimdSupported } from '../engine/kernel/simdSupport';
import * as tf from '../engine/trainers/tf';
import type { BackendChoice } from '../settings/settings';
import type { Calibration } from './calibration';
import type { BackendInfo } from './protocol';

// Threaded wasm breaks under Vite and turns itself on with cross-origin isolation (TOOLCHAIN 3).
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

export interface WebGLProbe {
  renderer: string | null;
  software: boolean | null;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Reads the WebGL2 renderer string available to this worker. */
export function probeWebGL(): WebGLProbe {
  try {
    if (typeof OffscreenCanvas === 'undefined') return { renderer: null, software: null };
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { renderer: null, software: null };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer, software: SOFTWARE_RENDERERS.test(renderer) };
  } catch {
    return { renderer: null, software: null };
  }
}

/** Starts a tfjs backend and returns tf.getBackend(); throws if that is not the one asked for. */
export async function startTfjs(name: 'webgl' | 'wasm' | 'cpu'): Promise<string> {
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch {
    ok = false;
  }
  const active = tf.getBackend();
  if (!ok || active !== name) throw new Error(`The ${name} backend could not start here.`);
  return active;
}

/** What the fused steps are, in a reason's words. */
const FUSED_WORDS: Record<string, string> = {
  'fused-wasm': 'the fused WebAssembly SIMD step',
  'fused-js': 'the fused typed-array step',
};

/** The fastest CPU step this engine runs: `auto`'s fallback when a measured webgl will not start. */
function cpuStep(simd: boolean): 'fused-wasm' | 'fused-js' {
  return simd ? 'fused-wasm' : 'fused-js';
}

/**
 * Starts the requested backend and says which one runs and why. Throws if it cannot start.
 * `auto` trains on what `calibration` measured fastest here (calibration.ts): `choice.single`
 * for the dense run, `choice.batched` for the labs (`labs`). A measured webgl that fails to
 * start is replaced by the CPU's fused step, and the reason says so.
 * `simd`: whether WebAssembly SIMD validates here (a parameter so a test can say no).
 */
export async function activateBackend(requested: BackendChoice, probe: WebGLProbe, simd = wasmSimdSupported(), calibration: Calibration | null = null): Promise<BackendInfo> {
  const info = (active: string, reason: string, labs = active): BackendInfo => ({
    requested,
    active,
    labs,
    reason,
    renderer: probe.renderer,
    softwareWebGL: probe.software,
  });
  if (requested === 'fused-js') return info('fused-js', 'Chosen in the settings: one fused typed-array step, no tfjs ops.');
  if (requested === 'fused-wasm') {
    if (!simd) throw new Error('The fused-wasm backend needs WebAssembly SIMD, which this browser does not support.');
    return info('fused-wasm', 'Chosen in the settings: one fused WebAssembly SIMD step, no tfjs ops.');
  }
  if (requested !== 'auto') {
    const active = await startTfjs(requested);
    return info(active, `Chosen in the settings; tf.getBackend() reports "${active}".`);
  }
  if (!calibration) throw new Error('auto needs a calibration to choose by.');
  const { single, batched } = calibration.choice;
  const needsWebgl = single === 'webgl' || batched === 'webgl';
  let webglStarted = false;
  if (needsWebgl) {
    try {
      webglStarted = (await startTfjs('webgl')) === 'webgl';
    } catch {
      webglStarted = false;
    }
  }
  const cpu = cpuStep(simd);
  const pick = (c: string) => (c === 'webgl' && !webglStarted ? cpu : c);
  const active = pick(single);
  const labs = pick(batched);
  const words = (c: string) => (c === 'webgl' ? `tfjs webgl on ${probe.renderer}` : FUSED_WORDS[c]);
  const failed = needsWebgl && !webglStarted ? ` WebGL measured fastest but failed to start, so ${FUSED_WORDS[cpu]} takes its place.` : '';
  return info(active, `auto: measured fastest on this device: ${words(active)} for the run, ${words(labs)} for the labs.${failed}`, labs);
}

/** How the session learns of, causes and survives a lost GPU context (injectable for tests). */
export interface GpuFaults {
  /** Whether the GL context that `active` trains on is lost; false for backends without one. */
  contextLost(active: string): boolean;
  /** Loses that context on purpose (WEBGL_lose_context); throws where `active` has none. */
  loseContext(active: string): void;
  /** Calls `onLost` when the context `active` trains on fires `webglcontextlost` (once per context). */
  watch(active: string, onLost: () => void): void;
  /** Starts the backend that takes over from a lost context and returns its tf.getBackend(). */
  fallback(): Promise<string>;
}

/** The GL context of tfjs's webgl backend while it is the active tfjs backend, else null. */
function activeWebGLContext(active: string): WebGLRenderingContext | null {
  if (active !== 'webgl' || tf.getBackend() !== 'webgl') return null;
  const backend = tf.backend();
  return backend instanceof MathBackendWebGL ? backend.gpgpu.gl : null;
}

const watched = new WeakSet<object>();
const lostContexts = new WeakSet<object>();

export const webglFaults: GpuFaults = {
  contextLost(active) {
    const gl = activeWebGLContext(active);
    return gl !== null && (lostContexts.has(gl) || gl.isContextLost());
  },
  loseContext(active) {
    const gl = activeWebGLContext(active);
    const ext = gl?.getExtension('WEBGL_lose_context');
    if (!gl || !ext) throw new Error(`Only the tfjs webgl backend has a WebGL context to lose; this run trains on ${active}.`);
    ext.loseContext();
  },
  watch(active, onLost) {
    const gl = activeWebGLContext(active);
    const canvas = gl?.canvas as (EventTarget & object) | undefined;
    if (!gl || !canvas || typeof canvas.addEventListener !== 'function' || watched.has(canvas)) return;
    watched.add(canvas);
    canvas.addEventListener('webglcontextlost', () => {
      lostContexts.add(gl);
      onLost();
    });
  },
  async fallback() {
    // The lost backend is dropped and registered anew, so choosing webgl later starts a fresh
    // context (tfjs forgets the lost one when its webglcontextlost event arrives).
    if (tf.findBackendFactory('webgl')) {
      try {
        tf.removeBackend('webgl');
        tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
      } catch {
        // Releasing a lost context's resources failed: the old backend stays registered, unused.
      }
    }
    for (const name of ['wasm', 'cpu'] as const) {
      try {
        return await startTfjs(name);
      } catch {
        // Try the next one.
      }
    }
    throw new Error('The WebGL context was lost, and neither the tfjs wasm nor the cpu backend could start in its place.');
  },
};
