// fitness_f64__scalar: population fitness of the official GQA-LUT trainer, scalar f64 (no v128).
//
// Operation: for each of `count` candidate tables, NumPy's np.mean((y - (k_s * x + b_s)) ** 2) over the grid.
//   The candidate is its N + 1 splits [lo_end, genes..., hi_end] and f at them; k_s and b_s are the rounded secants
//   of split pair s (secant.ts), computed here. Segment s of grid point j is the number of breakpoints (genes
//   clipped to [lo_end, hi_end]) <= x[j] (ties go right; the last segment takes the rest). The grid is ascending,
//   so segment s is the slice [start_s, end_s) with end_s = first j with x[j] >= p_s, found by an interpolation
//   guess corrected on the actual grid values (grid-search.ts).
//   Pass 1 writes the squared residual of every grid point to scratch; pass 2 sums them in NumPy's pairwise order
//   (pairwise_sum behind np.add.reduce), so the result is bit-identical to NumPy's and to the JS baseline.
// Types: x, y: f64[gridLength]; candidates: f64[count * (2 * entries + 2)], per candidate [entries + 1 splits
//   (finite, genes non-decreasing), entries + 1 values of f]; scale: 2^fracBits; scratch: f64[gridLength +
//   2 * entries] (squares, slopes, intercepts); out: f64[count]; functionId: i32, 0 or the id of a built-in
//   function in ../functions-f64/reference.ts. With an id the kernel computes f at the genes itself (bit-identical
//   to the JS registry) and writes it into the candidate's value slots 1..entries-1, whose input is then ignored
//   (the outer ends' values, slots 0 and entries, are always the caller's); with 0 the caller supplies all of them.
// Preconditions: gridLength >= 1, x ascending and finite, entries >= 1; pointers 8-byte aligned; scratch and out
//   overlap nothing else. No allocation, no over-read.
// Rounding: k * x + b, the residual and its square are separate IEEE operations (no FMA), as in NumPy.
// Reference: fitnessJs in src/kernels/fitness-js.ts (equal bit for bit).
import { firstIndexAtOrAbove, gridPointsPerUnit } from './grid-search';
import { clipToEnds, writeSecants } from './secant';
import { writeGeneValues } from '../functions-f64/reference';

/** NumPy's pairwise sum of `length` f64 at `ptr` (see pairwiseSum in src/kernels/fitness-js.ts). */
function pairwiseSumScalar(ptr: usize, length: i32): f64 {
  if (length < 8) {
    let sum: f64 = 0;
    for (let i = 0; i < length; i++) sum += load<f64>(ptr + (<usize>i << 3));
    return sum;
  }
  if (length <= 128) {
    let r0 = load<f64>(ptr), r1 = load<f64>(ptr, 8), r2 = load<f64>(ptr, 16), r3 = load<f64>(ptr, 24);
    let r4 = load<f64>(ptr, 32), r5 = load<f64>(ptr, 40), r6 = load<f64>(ptr, 48), r7 = load<f64>(ptr, 56);
    const blocked = length - (length & 7);
    let i = 8;
    for (; i < blocked; i += 8) {
      const at = ptr + (<usize>i << 3);
      r0 += load<f64>(at); r1 += load<f64>(at, 8); r2 += load<f64>(at, 16); r3 += load<f64>(at, 24);
      r4 += load<f64>(at, 32); r5 += load<f64>(at, 40); r6 += load<f64>(at, 48); r7 += load<f64>(at, 56);
    }
    let sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < length; i++) sum += load<f64>(ptr + (<usize>i << 3));
    return sum;
  }
  const half = (length >> 1) - ((length >> 1) & 7);
  return pairwiseSumScalar(ptr, half) + pairwiseSumScalar(ptr + (<usize>half << 3), length - half);
}

/** Writes the grid MSE of each of `count` candidate tables to out (see the header for the layout). */
export function fitness_f64__scalar(xPtr: usize, yPtr: usize, gridLength: i32, candidatesPtr: usize, count: i32,
  entries: i32, scale: f64, scratchPtr: usize, outPtr: usize, functionId: i32): void {
  const stride = <usize>(2 * entries + 2) << 3;
  const squaresPtr = scratchPtr;
  const slopesPtr = squaresPtr + (<usize>gridLength << 3);
  const interceptsPtr = slopesPtr + (<usize>entries << 3);
  const inverseScale = 1 / scale;
  const x0 = load<f64>(xPtr);
  const pointsPerUnit = gridPointsPerUnit(xPtr, gridLength);
  for (let candidate = 0; candidate < count; candidate++) {
    const splits = candidatesPtr + <usize>candidate * stride;
    const values = splits + (<usize>(entries + 1) << 3);
    if (functionId != 0) writeGeneValues(functionId, splits, values, entries);
    writeSecants(splits, values, entries, scale, inverseScale, slopesPtr, interceptsPtr);
    const lowEnd = load<f64>(splits);
    const highEnd = load<f64>(splits + (<usize>entries << 3));
    let start = 0;
    for (let segment = 0; segment < entries; segment++) {
      const end = segment < entries - 1
        ? firstIndexAtOrAbove(xPtr, start, gridLength, clipToEnds(load<f64>(splits + (<usize>segment << 3), 8), lowEnd, highEnd), x0, pointsPerUnit)
        : gridLength;
      const slope = load<f64>(slopesPtr + (<usize>segment << 3));
      const intercept = load<f64>(interceptsPtr + (<usize>segment << 3));
      for (let j = start; j < end; j++) {
        const offset = <usize>j << 3;
        const residual = load<f64>(yPtr + offset) - (slope * load<f64>(xPtr + offset) + intercept);
        store<f64>(squaresPtr + offset, residual * residual);
      }
      start = end;
    }
    store<f64>(outPtr + (<usize>candidate << 3), pairwiseSumScalar(squaresPtr, gridLength) / <f64>gridLength);
  }
}
