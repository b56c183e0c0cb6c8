/**
 * Starts `vite preview` on its own port for the bench (4173 belongs to the e2e tests) and stops
 * it again, with every process it spawned: it runs in its own process group.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portTaken(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function startPreview(port) {
  if (await portTaken(port)) throw new Error(`Port ${port} is already in use: stop whatever listens there first.`);
  const args = ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  const child = spawn('npx', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exit = null;
  child.on('exit', (code, signal) => (exit = signal ?? code));
  const stop = () => {
    if (exit !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
    if (exit !== null) throw new Error(`vite preview exited (${exit}):\n${log}`);
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
  }
  stop();
  throw new Error(`vite preview did not answer on ${url} within 60 s:\n${log}`);
}
