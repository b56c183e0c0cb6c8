/**
 * The fused steps use no tfjs, but two probes (SNIP, GraSP) score masks with tfjs ops. Left
 * alone, tfjs would start the highest-priority backend it has registered at their first op:
 * WebGL in the training worker (a software rasterizer in headless Chromium, a GPU elsewhere),
 * so their masks would depend on the machine, and on which worker of a pool ran them. A lab on
 * a fused backend runs them on tfjs cpu, in every worker, as the engine's tests do.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '../../engine/trainers/tf';

/** Whether a lab on this training backend runs its probes on tfjs cpu (the fused CPU steps). */
export const fusedBackend = (active: string): boolean => active === 'fused-wasm' || active === 'fused-js';

export async function useCpuForProbes(): Promise<void> {
  if (tf.engine().backendName !== 'cpu') await tf.setBackend('cpu');
}
