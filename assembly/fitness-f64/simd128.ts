// fitness_f64__simd128: population fitness of the official GQA-LUT trainer, f64x2 SIMD.
//
// Operation: for each of `count` candidate tables, NumPy's np.mean((y - (k_s * x + b_s)) ** 2) over the grid.
//   The candidate is its N + 1 splits [lo_end, genes..., hi_end] and f at them; k_s and b_s are the rounded secants
//   of split pair s (secant.ts), computed here two segments per step. Segment s of grid point j is the number of
//   breakpoints (genes clipped to [lo_end, hi_end]) <= x[j] (ties go right; the last segment takes the rest). The
//   grid is ascending, so segment s is the slice [start_s, end_s) with end_s = first j with x[j] >= p_s, found by
//   an interpolation guess corrected on the actual grid values (grid-search.ts).
//   Pass 1 writes the squared residual of every grid point to `squares`, 4 points (2 vectors) per step; pass 2 sums
//   them in NumPy's pairwise order, its 8 partial sums r0..r7 held as 4 vectors [r0 r1] [r2 r3] [r4 r5] [r6 r7]
//   (value i of a block goes to r[i % 8], i.e. vector (i % 8) / 2, lane i % 2). The result is bit-identical to
//   NumPy's and to the JS baseline, so equal squared residuals give equal fitness whatever the segments are.
// Types: x, y: f64[gridLength]; candidates: f64[count * (2 * entries + 2)], per candidate [entries + 1 splits
//   (finite, genes non-decreasing), entries + 1 values of f]; scale: 2^fracBits; scratch: f64[gridLength + 4 +
//   2 * entries] (squares, slopes, intercepts); out: f64[count]; functionId: i32, 0 or the id of a built-in
//   function in ../functions-f64/reference.ts. With an id the kernel computes f at the genes itself (bit-identical
//   to the JS registry) and writes it into the candidate's value slots 1..entries-1, whose input is then ignored
//   (the outer ends' values, slots 0 and entries, are always the caller's); with 0 the caller supplies all of them.
// Preconditions: gridLength >= 1, x ascending and finite, entries >= 1; pointers 8-byte aligned (16-byte alignment
//   of scratch is faster); scratch and out overlap nothing else. No allocation.
// Over-read / over-write: a segment's last step may run up to 3 points past its end: x and y are read up to index
//   gridLength + 2 (any values there) and squares written up to gridLength + 2 (the next segment rewrites the
//   squares it overlapped; those past the grid are never summed).
// Rounding: k * x + b, the residual and its square are separate IEEE operations (no FMA), as in NumPy.
// Measured (gelu_8 / gelu_16, population 50, 800 points; bench/fitness.bench.mjs): 0.32 / 0.41 us per candidate,
//   secants included (scalar secants cost 0.05 us more on gelu_16), of which ~0.09 us is pass 2. A single pass
//   accumulating per slice was 20-30 % faster but its sum depended on where the segments start, which changed the
//   official GA's tournament on exp_16. Squares fused into the pairwise sum in NumPy's order (8-point tiles, the
//   ones a boundary crosses done point by point) was 20-35 % slower; even with those tiles free it gained only ~10 %.
//   Tiles of 4 points beat 2 and 8. A branch-free first step of the breakpoint walk was slower.
//   f at the genes in the kernel (functionId = gelu, evaluated scalar) adds 0.12 / 0.23 us per candidate, ~15 ns a
//   gene: erf.ts's Horner chains are latency-bound (their order is fixed by the bits); the evaluator saves more in JS.
// Reference: fitnessJs in src/kernels/fitness-js.ts (equal bit for bit).
import { firstIndexAtOrAbove, gridPointsPerUnit } from './grid-search';
import { clipToEnds, writeSecants } from './secant';
import { writeGeneValues } from '../functions-f64/reference';

/** NumPy's pairwise sum of `length` f64 at `ptr`, the 8 partial sums in 4 vectors. */
function pairwiseSumSimd(ptr: usize, length: i32): f64 {
  if (length < 8) {
    let sum: f64 = 0;
    for (let i = 0; i < length; i++) sum += load<f64>(ptr + (<usize>i << 3));
    return sum;
  }
  if (length <= 128) {
    let r01 = v128.load(ptr), r23 = v128.load(ptr, 16), r45 = v128.load(ptr, 32), r67 = v128.load(ptr, 48);
    const blocked = length - (length & 7);
    let i = 8;
    for (; i < blocked; i += 8) {
      const at = ptr + (<usize>i << 3);
      r01 = f64x2.add(r01, v128.load(at));
      r23 = f64x2.add(r23, v128.load(at, 16));
      r45 = f64x2.add(r45, v128.load(at, 32));
      r67 = f64x2.add(r67, v128.load(at, 48));
    }
    let sum = ((f64x2.extract_lane(r01, 0) + f64x2.extract_lane(r01, 1)) + (f64x2.extract_lane(r23, 0) + f64x2.extract_lane(r23, 1)))
      + ((f64x2.extract_lane(r45, 0) + f64x2.extract_lane(r45, 1)) + (f64x2.extract_lane(r67, 0) + f64x2.extract_lane(r67, 1)));
    for (; i < length; i++) sum += load<f64>(ptr + (<usize>i << 3));
    return sum;
  }
  const half = (length >> 1) - ((length >> 1) & 7);
  return pairwiseSumSimd(ptr, half) + pairwiseSumSimd(ptr + (<usize>half << 3), length - half);
}

/** Squared residuals (y - (k * x + b))^2 of the two points at byte offset `offset` of x and y. */
// @ts-ignore: decorator
@inline
function squaredResiduals(xPtr: usize, yPtr: usize, offset: usize, slope: v128, intercept: v128): v128 {
  const x = v128.load(xPtr + offset);
  const residual = f64x2.sub(v128.load(yPtr + offset), f64x2.add(f64x2.mul(slope, x), intercept));
  return f64x2.mul(residual, residual);
}

/**
 * writeSecants (secant.ts) two segments per step: the same operations lane by lane (f64x2.nearest is ties-to-even
 * like f64.nearest; a zero-width pair is masked to +0), the odd last segment by the scalar code.
 */
// @ts-ignore: decorator
@inline
function writeSecantsSimd(splitsPtr: usize, valuesPtr: usize, entries: i32, scale: f64, inverseScale: f64,
  slopesPtr: usize, interceptsPtr: usize): void {
  const scaleV = f64x2.splat(scale);
  const inverseScaleV = f64x2.splat(inverseScale);
  let s = 0;
  for (; s + 2 <= entries; s += 2) {
    const offset = <usize>s << 3;
    const a1 = v128.load(splitsPtr + offset);
    const a2 = v128.load(splitsPtr + offset, 8);
    const f1 = v128.load(valuesPtr + offset);
    const slope = f64x2.div(f64x2.sub(v128.load(valuesPtr + offset, 8), f1), f64x2.sub(a2, a1));
    const intercept = f64x2.add(f64x2.mul(f64x2.neg(a1), slope), f1);
    const zeroWidth = f64x2.eq(a1, a2);
    v128.store(slopesPtr + offset, v128.andnot(f64x2.mul(f64x2.nearest(f64x2.mul(slope, scaleV)), inverseScaleV), zeroWidth));
    v128.store(interceptsPtr + offset, v128.andnot(f64x2.mul(f64x2.nearest(f64x2.mul(intercept, scaleV)), inverseScaleV), zeroWidth));
  }
  if (s < entries) {
    const offset = <usize>s << 3;
    writeSecants(splitsPtr + offset, valuesPtr + offset, 1, scale, inverseScale, slopesPtr + offset, interceptsPtr + offset);
  }
}

/** Writes the grid MSE of each of `count` candidate tables to out (see the header for the layout). */
export function fitness_f64__simd128(xPtr: usize, yPtr: usize, gridLength: i32, candidatesPtr: usize, count: i32,
  entries: i32, scale: f64, scratchPtr: usize, outPtr: usize, functionId: i32): void {
  const stride = <usize>(2 * entries + 2) << 3;
  const squaresPtr = scratchPtr;
  const slopesPtr = squaresPtr + (<usize>(gridLength + 4) << 3); // past the squares' over-write
  const interceptsPtr = slopesPtr + (<usize>entries << 3);
  const inverseScale = 1 / scale;
  const x0 = load<f64>(xPtr);
  const pointsPerUnit = gridPointsPerUnit(xPtr, gridLength);
  for (let candidate = 0; candidate < count; candidate++) {
    const splits = candidatesPtr + <usize>candidate * stride;
    const values = splits + (<usize>(entries + 1) << 3);
    if (functionId != 0) writeGeneValues(functionId, splits, values, entries);
    writeSecantsSimd(splits, values, entries, scale, inverseScale, slopesPtr, interceptsPtr);
    const lowEnd = load<f64>(splits);
    const highEnd = load<f64>(splits + (<usize>entries << 3));
    let start = 0;
    for (let segment = 0; segment < entries; segment++) {
      const end = segment < entries - 1
        ? firstIndexAtOrAbove(xPtr, start, gridLength, clipToEnds(load<f64>(splits + (<usize>segment << 3), 8), lowEnd, highEnd), x0, pointsPerUnit)
        : gridLength;
      const slope = v128.load64_splat(slopesPtr + (<usize>segment << 3));
      const intercept = v128.load64_splat(interceptsPtr + (<usize>segment << 3));
      for (let j = start; j < end; j += 4) {
        const offset = <usize>j << 3;
        v128.store(squaresPtr + offset, squaredResiduals(xPtr, yPtr, offset, slope, intercept));
        v128.store(squaresPtr + offset, squaredResiduals(xPtr, yPtr, offset + 16, slope, intercept), 16);
      }
      start = end;
    }
    store<f64>(outPtr + (<usize>candidate << 3), pairwiseSumSimd(squaresPtr, gridLength) / <f64>gridLength);
  }
}
