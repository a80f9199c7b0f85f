// Entry of the scalar build: the scalar kernels only, so the module validates on engines without SIMD.
export * from './common';
