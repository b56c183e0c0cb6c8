import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileKernel, KERNEL_MODULE_PATH, kernelModuleSource } from '../kernel/build.mjs';
import { fusedStepBytes, instantiateFusedStep } from '../kernel/fusedStepModule';
import { wasmSimdSupported } from '../kernel/simdSupport';
import { generateTask, trainingBatch } from '../core/task';
import type { TaskConfig } from '../core/types';

/** Training batch `step` as the kernel draws it: x [B][n] and y [B][K] as 0/1 bytes. */
function kernelBatch(config: TaskConfig, taskSeed: number, size: number, dataSeed: number, step: number) {
  const task = generateTask(config, taskSeed);
  const { n, K, k } = config;
  const kernel = instantiateFusedStep();
  expect(kernel.setup(n, 4, K, k, size)).toBeTruthy();
  const inputs = new Int32Array(kernel.memory.buffer, kernel.clauseInputsPtr(), K * k);
  const signs = new Uint8Array(kernel.memory.buffer, kernel.clauseSignsPtr(), K * k);
  task.clauses.forEach((clause, c) =>
    clause.inputs.forEach((input, l) => {
      inputs[c * k + l] = input;
      signs[c * k + l] = clause.template[l] > 0 ? 1 : 0;
    }),
  );
  kernel.setSampling(config.p, config.q, dataSeed >>> 0);
  kernel.drawBatch(step >>> 0);
  const out = new Uint8Array(kernel.memory.buffer, kernel.batchPtr(), size * (n + K));
  return { task, x: out.slice(0, size * n), y: out.slice(size * n) };
}

describe('the fused-step kernel', () => {
  it('is checked in as exactly what the AssemblyScript source compiles to (run npm run build:kernel if not)', async () => {
    const [bytes, checkedIn] = await Promise.all([compileKernel(), readFile(KERNEL_MODULE_PATH, 'utf8')]);
    expect(checkedIn).toBe(kernelModuleSource(bytes));
    expect(fusedStepBytes()).toEqual(new Uint8Array(bytes));
  });

  it('draws training batch t bit for bit as trainingBatch does', () => {
    const cases: [TaskConfig, number, number, number][] = [
      [{ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 256, 3, 0],
      [{ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 256, 3, 2999],
      [{ n: 7, K: 5, k: 7, p: 0.1, q: 0.9 }, 33, 123456, 2 ** 31 + 5],
      [{ n: 100, K: 9, k: 8, p: 0.3, q: 0.6 }, 64, 7, 41],
      [{ n: 128, K: 64, k: 1, p: 0.99, q: 1 }, 17, 2 ** 31 - 1, 12],
      [{ n: 64, K: 3, k: 2, p: 0.01, q: 0 }, 50, 0, 1],
    ];
    for (const [config, size, dataSeed, step] of cases) {
      const { task, x, y } = kernelBatch(config, 5, size, dataSeed, step);
      const ref = trainingBatch(task, size, dataSeed, step);
      expect(x).toEqual(Uint8Array.from(ref.x));
      expect(y).toEqual(Uint8Array.from(ref.y));
    }
  });

  it('needs WebAssembly SIMD, which the probe reports exactly where the kernel validates', () => {
    expect(WebAssembly.validate(fusedStepBytes())).toBe(true);
    expect(wasmSimdSupported()).toBe(WebAssembly.validate(fusedStepBytes()));
  });
});
