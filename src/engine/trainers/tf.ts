/**
 * The engine's one door to tfjs: tfjs-core with its gradients registered (the full
 * `@tensorflow/tfjs` bundle does this too, and also ships layers/converter/data that the app
 * does not use). Backends are registered by whoever chooses one: the worker or a test.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export * from '@tensorflow/tfjs-core';
