// Types for build.mjs (plain JavaScript so that `npm run build:kernel` runs with node alone).

/** Where the generated module lives. */
export declare const KERNEL_MODULE_PATH: string;
/** asc arguments used for every build. */
export declare const ASC_ARGS: readonly string[];
/** Compiles the kernel in memory and returns the .wasm bytes. */
export declare function compileKernel(): Promise<Uint8Array>;
/** The text of fusedStep.wasm.ts for these bytes. */
export declare function kernelModuleSource(bytes: Uint8Array): string;
