/**
 * Imported first by bench/batchedNode.ts: tfjs-backend-wasm's Node build finds its .wasm files
 * through `__dirname`, which an ES module bundle does not define. Pointing it at the package's
 * dist folder (from the repository root) lets the bundled backend start as it does unbundled.
 */
const scope = globalThis as { __dirname?: string };
scope.__dirname ??= `${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist`;
