// Entry of the SIMD build: every kernel, SIMD and scalar variants (so both can be measured in one module).
export * from './common';
