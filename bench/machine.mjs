/** What the numbers were measured on: they mean little without the machine beside them. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let nproc;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    nproc = os.availableParallelism();
  }
  return {
    nproc,
    cpu: model,
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    loadAverage: os.loadavg(),
  };
}
