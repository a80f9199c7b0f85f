// Entry of the scalar build: the scalar kernels only, so the module validates on engines without SIMD.
export * from './common';
export * from './fitness-f64/scalar';
export * from './functions-f64/scalar';
export * from './pwl-dp/scalar';
export * from './pwl-breakpoint-cost/scalar';
export * from './pwl-s8/scalar';
export * from './pwl-f32/scalar';
export * from './pwl-multirange/scalar';
