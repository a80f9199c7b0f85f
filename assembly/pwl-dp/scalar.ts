// pwl_dp_f64__scalar: exact breakpoint search for a PWL table by dynamic programming, scalar f64.
//
// Operation: boundaries 0 (-inf), 1..m (the candidate breakpoints) and m + 1 (+inf); boundary i starts at point
//   pos[i] (first point at or above it, so a point equal to a breakpoint goes right). Segment between boundaries
//   a <= b = points [pos[a], pos[b]), cost(a, b) = the cost of its best lattice line (0 when empty):
//   objective 0: sum w (f - k x - b)^2 (lattice-line.ts); objective 1: max |f - k x - b| (minimax-line.ts,
//   each search starting at the slope chosen for the previous, one boundary shorter, slice of the row).
//   Then best[t][b] = min over 1 <= a <= b of combine(best[t-1][a], cost(a, b)), combine = sum or max,
//   best[1][b] = cost(0, b); answer = layer N at b = m + 1 (a <= m). Ties keep the smallest a.
// Types: x, f, w: f64[n] (points with w <= 0 are skipped); pos: i32[count], count = m + 2; chosen: i32[N + 1]
//   receives 0, the N - 1 chosen candidate boundaries (1..m) and m + 1; returns the optimal total (f64).
// Scratch at scratchPtr, pwlDpScratchBytes in src/optimize/dp-kernel.ts: cost f64[count * count] (transposed:
//   cost[b * count + a]), two DP layers f64[count] each, argument i32[(N + 1) * count], hulls i32[n] twice.
// Preconditions: n >= 1, x non-decreasing, pos non-decreasing from 0 to n, m >= 1, N >= 2, lattice step a power of
//   two; 8-byte aligned pointers; no overlap between inputs, scratch and chosen. No allocation.
// Cost: O(count * n) point updates, O(count^2) slope searches, O(N count^2) DP steps.
// Reference: pwlDpJs in src/kernels/pwl-dp-js.ts; same float operations in the same order.
import { setLattice, squaredErrorLineCost } from './lattice-line';
import { addHullPoint, chosenSlopeUnits, maxErrorLineCost, setHulls, upperSize } from './minimax-line';

/** Fills the transposed segment cost matrix (step 1 of the header). */
function fillSegmentCosts(xPtr: usize, fPtr: usize, wPtr: usize, posPtr: usize, count: i32, objective: i32,
  cost: usize, upperPtr: usize, lowerPtr: usize): void {
  const stride = <usize>count << 3;
  for (let start = 0; start < count - 1; start++) {
    const column = cost + (<usize>start << 3);
    if (start > 0 && load<i32>(posPtr + (<usize>start << 2)) == load<i32>(posPtr + (<usize>(start - 1) << 2))) {
      for (let end = start; end < count; end++) {
        const at = column + <usize>end * stride;
        store<f64>(at, load<f64>(at - 8));
      }
      continue;
    }
    store<f64>(column + <usize>start * stride, 0);
    let weight: f64 = 0, meanX: f64 = 0, meanF: f64 = 0, sxx: f64 = 0, sxf: f64 = 0, sff: f64 = 0;
    setHulls(xPtr, fPtr, upperPtr, lowerPtr);
    let slopeHint: f64 = NaN;
    for (let end = start + 1; end < count; end++) {
      const from = load<i32>(posPtr + (<usize>(end - 1) << 2));
      const to = load<i32>(posPtr + (<usize>end << 2));
      const at = column + <usize>end * stride;
      if (from == to) {
        store<f64>(at, load<f64>(at - stride));
        continue;
      }
      for (let j = from; j < to; j++) {
        const w = load<f64>(wPtr + (<usize>j << 3));
        if (!(w > 0)) continue;
        if (objective == 0) {
          const x = load<f64>(xPtr + (<usize>j << 3));
          const f = load<f64>(fPtr + (<usize>j << 3));
          const total = weight + w;
          const share = w / total;
          const dx = x - meanX;
          const df = f - meanF;
          const nextMeanX = meanX + share * dx;
          const nextMeanF = meanF + share * df;
          sxx += w * dx * (x - nextMeanX);
          sxf += w * dx * (f - nextMeanF);
          sff += w * df * (f - nextMeanF);
          weight = total;
          meanX = nextMeanX;
          meanF = nextMeanF;
        } else {
          addHullPoint(j);
        }
      }
      if (objective == 0) {
        store<f64>(at, squaredErrorLineCost(weight, meanX, meanF, sxx, sxf, sff));
      } else {
        store<f64>(at, maxErrorLineCost(slopeHint));
        slopeHint = upperSize >= 2 ? chosenSlopeUnits : NaN;
      }
    }
  }
}

/** Step 2 of the header on the cost matrix; writes `chosen` and returns the optimal total. */
function chooseBoundaries(cost: usize, count: i32, entries: i32, objective: i32, layers: usize, argument: usize,
  chosen: usize): f64 {
  const last = count - 1;
  let previous = layers;
  let current = layers + (<usize>count << 3);
  for (let b = 1; b < last; b++) store<f64>(previous + (<usize>b << 3), load<f64>(cost + (<usize>b * count << 3)));
  for (let layer = 2; layer <= entries; layer++) {
    const first = layer == entries ? last : 1;
    const final = layer == entries ? last : last - 1;
    for (let b = first; b <= final; b++) {
      const row = cost + (<usize>b * count << 3);
      const highestStart = b < last ? b : last - 1;
      let best = Infinity;
      let bestStart = 1;
      for (let a = 1; a <= highestStart; a++) {
        const segment = load<f64>(row + (<usize>a << 3));
        const before = load<f64>(previous + (<usize>a << 3));
        const total = objective == 0 ? before + segment : before > segment ? before : segment;
        if (total < best) {
          best = total;
          bestStart = a;
        }
      }
      store<f64>(current + (<usize>b << 3), best);
      store<i32>(argument + (<usize>(layer * count + b) << 2), bestStart);
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  store<i32>(chosen + (<usize>entries << 2), last);
  for (let layer = entries; layer >= 2; layer--) {
    const next = load<i32>(chosen + (<usize>layer << 2));
    store<i32>(chosen + (<usize>(layer - 1) << 2), load<i32>(argument + (<usize>(layer * count + next) << 2)));
  }
  store<i32>(chosen, 0);
  return load<f64>(previous + (<usize>last << 3));
}

/**
 * Step 1 alone: fills the transposed cost matrix f64[count * count] at costPtr (the GA fitness of
 * assembly/pwl-breakpoint-cost reads it). Hull scratch at hullPtr: i32[n] twice.
 */
export function pwl_dp_costs_f64__scalar(xPtr: usize, fPtr: usize, wPtr: usize, n: i32, posPtr: usize, count: i32,
  step: f64, minUnits: f64, maxUnits: f64, objective: i32, costPtr: usize, hullPtr: usize): void {
  setLattice(step, minUnits, maxUnits);
  fillSegmentCosts(xPtr, fPtr, wPtr, posPtr, count, objective, costPtr, hullPtr, hullPtr + (<usize>n << 2));
}

/**
 * Step 2 alone, on a cost matrix filled by pwl_dp_costs_f64__scalar: fills `chosen` (N + 1 boundaries) and returns
 * the optimal total. Scratch at scratchPtr: two DP layers f64[count] each, then argument i32[(N + 1) * count].
 */
export function pwl_dp_choose_f64__scalar(costPtr: usize, count: i32, entries: i32, objective: i32, scratchPtr: usize,
  chosenPtr: usize): f64 {
  return chooseBoundaries(costPtr, count, entries, objective, scratchPtr, scratchPtr + (<usize>count << 4), chosenPtr);
}

/** The exact DP of the header: fills `chosen` (N + 1 boundaries) and returns the optimal total cost. */
export function pwl_dp_f64__scalar(xPtr: usize, fPtr: usize, wPtr: usize, n: i32, posPtr: usize, count: i32,
  entries: i32, step: f64, minUnits: f64, maxUnits: f64, objective: i32, scratchPtr: usize, chosenPtr: usize): f64 {
  setLattice(step, minUnits, maxUnits);
  const cost = scratchPtr;
  const layers = cost + (<usize>count * count << 3);
  const argument = layers + (<usize>count << 4);
  const upperPtr = argument + (<usize>((entries + 1) * count) << 2);
  const lowerPtr = upperPtr + (<usize>n << 2);
  fillSegmentCosts(xPtr, fPtr, wPtr, posPtr, count, objective, cost, upperPtr, lowerPtr);
  return chooseBoundaries(cost, count, entries, objective, layers, argument, chosenPtr);
}
