// reference_f64__scalar: one value of a built-in function's float64 reference (reference.ts), for the tests that
// check the port bit for bit against the JS registry (test/reference-f64.test.ts). Not used by the package itself.
// Types: id: i32 (1 gelu, 2 hswish, 3 reci, 4 sqrt_reci, 5 erf; other ids give NaN); x: f64 (any value).
// Reference: src/functions/registry.ts and src/functions/erf.ts (equal bit for bit; NaN payloads aside).
import { referenceF64 } from './reference';

/** f_id(x), see reference.ts. */
export function reference_f64__scalar(id: i32, x: f64): f64 {
  return referenceF64(id, x);
}
