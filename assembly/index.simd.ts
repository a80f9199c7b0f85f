// Entry of the SIMD build: every kernel, SIMD and scalar variants (so both can be measured in one module).
export * from './common';
export * from './fitness-f64/simd128';
export * from './fitness-f64/scalar';
export * from './functions-f64/scalar';
export * from './pwl-s8/simd128';
export * from './pwl-dp/scalar';
export * from './pwl-breakpoint-cost/scalar';
export * from './pwl-s8/scalar';
export * from './pwl-s8-wide/simd128';
export * from './pwl-f32/simd128';
export * from './pwl-f32/scalar';
export * from './pwl-multirange/simd128';
export * from './pwl-multirange/scalar';
