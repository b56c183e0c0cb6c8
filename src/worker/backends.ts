/**
 * Choosing and starting the backend inside the worker.
 *
 * `auto` picks WebGL when the worker's WebGL renderer is a real GPU. Where WebGL is only a
 * software rasterizer (SwiftShader in headless Chromium, llvmpipe) or absent, every tfjs backend
 * pays a fixed cost per op that dwarfs this tiny model, so `auto` trains on the CPU with a fused
 * step: the WebAssembly SIMD one, the fastest CPU path measured (docs/BENCHMARKS.md), where the
 * engine validates WebAssembly SIMD, else the typed-array one. A backend that fails to start is
 * never replaced silently: the reason says what happened.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { wasmSimdSupported } from '../engine/kernel/simdSupport';
import * as tf from '../engine/tf';
import type { BackendChoice } from '../state/settings';
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

/** The fused step `auto` trains with on the CPU, and how the reason names it. */
function fusedCpuStep(simd: boolean): { active: 'fused-wasm' | 'fused-js'; what: string } {
  return simd
    ? { active: 'fused-wasm', what: 'the fused WebAssembly SIMD step, the fastest CPU path measured (docs/BENCHMARKS.md)' }
    : { active: 'fused-js', what: 'the fused typed-array step (this engine has no WebAssembly SIMD for the faster fused-wasm step)' };
}

/**
 * Starts the requested backend and says which one runs and why. Throws if it cannot start.
 * `simd`: whether WebAssembly SIMD validates here (a parameter so a test can say no).
 */
export async function activateBackend(requested: BackendChoice, probe: WebGLProbe, simd = wasmSimdSupported()): Promise<BackendInfo> {
  const info = (active: string, reason: string): BackendInfo => ({
    requested,
    active,
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
  const cpu = fusedCpuStep(simd);
  if (probe.renderer !== null && probe.software === false) {
    try {
      const active = await startTfjs('webgl');
      return info(active, `auto: WebGL runs on a GPU (${probe.renderer}).`);
    } catch {
      return info(cpu.active, `auto: WebGL is present but failed to start, so training runs on the CPU with ${cpu.what}.`);
    }
  }
  const why = probe.renderer === null ? 'WebGL is unavailable in this worker' : 'WebGL here is only a software rasterizer';
  return info(cpu.active, `auto: ${why}, so training runs on the CPU with ${cpu.what}.`);
}
