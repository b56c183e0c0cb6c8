/**
 * Test-set scoring in the kernel's WebAssembly module (assembly/evaluate.ts): the same numbers
 * as core/metrics.ts's Evaluator (predictions and counts exactly, the loss within float32
 * rounding of its log1p term), about ten times faster. Each evaluator owns one instance of the
 * module, holding the test set once; the network is written in for every call.
 */
import { balancedAccuracy, type TestScorer } from '../core/metrics';
import type { Batch, Metrics, Params } from '../core/types';
import { instantiateKernelExports } from './fusedStepModule';

interface EvalKernel {
  readonly memory: WebAssembly.Memory;
  setupEval(n: number, m: number, K: number, size: number): number;
  evalW1Ptr(): number;
  evalB1Ptr(): number;
  evalW2Ptr(): number;
  evalB2Ptr(): number;
  evalCodesPtr(): number;
  evalLabelsPtr(): number;
  evalTruePosPtr(): number;
  evalTrueNegPtr(): number;
  evalExact(): number;
  /** The loss summed over samples and clauses. */
  evaluate(): number;
}

export class WasmEvaluator implements TestScorer {
  private readonly kernel = instantiateKernelExports<EvalKernel>();
  /** Hidden rows the kernel is sized for (0: not yet). */
  private m = 0;
  private readonly pos: Float64Array;

  constructor(
    private readonly data: Batch,
    private readonly n: number,
    private readonly K: number,
  ) {
    this.pos = new Float64Array(K);
    for (let s = 0; s < data.size; s++) for (let c = 0; c < K; c++) if (data.y[s * K + c] === 1) this.pos[c]++;
  }

  evaluate(params: Params): Metrics {
    const { kernel, n, K } = this;
    const m = params.b1.length;
    if (m !== this.m) this.setup(m);
    const buffer = kernel.memory.buffer;
    new Float32Array(buffer, kernel.evalW1Ptr(), m * n).set(params.W1);
    new Float32Array(buffer, kernel.evalB1Ptr(), m).set(params.b1);
    new Float32Array(buffer, kernel.evalW2Ptr(), K * m).set(params.W2);
    new Float32Array(buffer, kernel.evalB2Ptr(), K).set(params.b2);
    const lossSum = kernel.evaluate();
    const tp = new Float64Array(kernel.memory.buffer, kernel.evalTruePosPtr(), K);
    const tn = new Float64Array(kernel.memory.buffer, kernel.evalTrueNegPtr(), K);
    const { size } = this.data;
    return { loss: lossSum / (size * K), balancedAccuracy: balancedAccuracy(tp, this.pos, tn, size), exactMatch: kernel.evalExact() / size };
  }

  /** Sizes the kernel for m hidden rows and writes the test set: each sample's inputs as bytes of 8 bits, its labels as lane masks. */
  private setup(m: number): void {
    const { kernel, n, K, data } = this;
    if (!kernel.setupEval(n, m, K, data.size)) throw new RangeError(`The test set (${data.size} samples) does not fit in WebAssembly memory.`);
    this.m = m;
    const groups = (n + 7) >> 3;
    const Kp = (K + 3) & ~3;
    const codes = new Uint8Array(kernel.memory.buffer, kernel.evalCodesPtr(), data.size * groups);
    const labels = new BigInt64Array(kernel.memory.buffer, kernel.evalLabelsPtr(), data.size * Kp);
    for (let s = 0; s < data.size; s++) {
      for (let i = 0; i < n; i++) if (data.x[s * n + i] !== 0) codes[s * groups + (i >> 3)] |= 1 << (i & 7);
      for (let c = 0; c < K; c++) if (data.y[s * K + c] === 1) labels[s * Kp + c] = -1n;
    }
  }
}
