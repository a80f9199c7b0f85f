#!/usr/bin/env python3
"""Reference data and polynomial coefficients for src/functions/erf.ts, computed with mpmath.

Usage:
  python3 scripts/gen-erf-fixture.py                 # writes test/fixtures/erf-mpmath.json
  python3 scripts/gen-erf-fixture.py --coefficients  # prints the coefficient tables embedded in src/functions/erf.ts

Fixture (test/fixtures/erf-mpmath.json): erf at 50 significant digits (mpmath, working precision 80 digits), rounded
to the nearest float64, for a dense grid of [-6, 6], tiny and subnormal arguments, both sides of every branch boundary
of erf.ts, and seeded random points. Each case is [x, erf(x) rounded to float64, (exact - rounded) / ulp(rounded)], the
last with 4 significant digits, so that the test can measure fractional ulp errors and not only distances between
doubles. The "gelu" cases are [x, gelu(x) = x/2 * (1 + erf(x / sqrt 2)) rounded to float64].

Coefficients: our own fits (Chebyshev-node interpolation at 80 digits, converted to the monomial basis and rounded to
float64), not taken from any library:
  * |x| < 1/4: erf(x) = x * (2/sqrt(pi) + z * S(z)), z = x^2, S a polynomial fitted to
    S(z) = (erf(sqrt z)/sqrt z - 2/sqrt(pi)) / z on [0, 1/16] (evaluated from the Maclaurin series).
  * 1/4 <= |x| < 6, split into [1/4, 1/2) and [k/2, (k+1)/2) for k = 1..11, each with a centre m:
    erf(m + t) = E(m) + D(m) t + t^2 Q(t), with E = erf(m) and D = erf'(m) = 2/sqrt(pi) exp(-m^2) as double-double
    pairs and Q a polynomial fitted to (erf(m + t) - E - D t) / t^2 on [-h, h] (h = half the interval width).
  The degree of every polynomial is the smallest whose truncation error is below 2^-62 relative to erf on its piece.
"""
import json
import random
import sys
from pathlib import Path

import mpmath as mp

mp.mp.dps = 80
TARGET = mp.mpf(2) ** -62
TWO_OVER_SQRT_PI = 2 / mp.sqrt(mp.pi)

# Pieces of the table: (lower end, upper end); the centre is the midpoint.
PIECES = [(mp.mpf(1) / 4, mp.mpf(1) / 2)] + [(mp.mpf(k) / 2, mp.mpf(k + 1) / 2) for k in range(1, 12)]
SMALL_END = mp.mpf(1) / 4
BRANCH_POINTS = [0.25] + [k / 2 for k in range(1, 13)]


def round_double(v):
    """Round an mpf to the nearest float64 (ties cannot occur for erf of a nonzero double), subnormals included."""
    v = mp.mpf(v)
    if v == 0:
        return 0.0
    e = int(mp.floor(mp.log(abs(v), 2)))
    # Guard against log rounding at exact powers of two.
    while mp.mpf(2) ** e > abs(v):
        e -= 1
    while mp.mpf(2) ** (e + 1) <= abs(v):
        e += 1
    ulp = mp.mpf(2) ** max(e - 52, -1074)
    return float(mp.nint(v / ulp) * ulp)


def ulp_of(d):
    """Spacing of float64 at d: 2^(exponent(d) - 52), at least 2^-1074."""
    if d == 0:
        return mp.mpf(2) ** -1074
    m, e = mp.frexp(mp.mpf(abs(d)))  # abs(d) = m * 2^e, 0.5 <= m < 1
    return mp.mpf(2) ** max(int(e) - 53, -1074)


def double_double(v):
    hi = round_double(v)
    lo = round_double(mp.mpf(v) - hi)
    return hi, lo


def chebyshev_fit(f, a, b, degree):
    """Monomial coefficients (in the variable of f) of the interpolant of f at degree+1 Chebyshev nodes of [a, b]."""
    n = degree + 1
    nodes = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (2 * k + 1) / (2 * n)) for k in range(n)]
    matrix = mp.matrix(n, n)
    rhs = mp.matrix(n, 1)
    for i, s in enumerate(nodes):
        for j in range(n):
            matrix[i, j] = s**j
        rhs[i] = f(s)
    solution = mp.lu_solve(matrix, rhs)
    return [solution[j] for j in range(n)]


def poly(coefficients, s):
    acc = mp.mpf(0)
    for c in reversed(coefficients):
        acc = acc * s + c
    return acc


def small_s(z):
    """S(z) = (erf(sqrt z)/sqrt z - 2/sqrt(pi)) / z from the Maclaurin series of erf."""
    total = mp.mpf(0)
    term = mp.mpf(1)  # z^(n-1) / n!, starting at n = 1
    n = 1
    while True:
        piece = (-1) ** n * term / (2 * n + 1)
        total += piece
        if abs(piece) < mp.mpf(10) ** -75:
            break
        term = term * z / (n + 1)
        n += 1
    return TWO_OVER_SQRT_PI * total


def fit_small():
    lo, hi = mp.mpf(0), SMALL_END**2
    for degree in range(1, 30):
        coefficients = chebyshev_fit(small_s, lo, hi, degree)
        worst = mp.mpf(0)
        for i in range(1, 201):
            z = hi * i / 200
            x = mp.sqrt(z)
            worst = max(worst, abs(x * z * (poly(coefficients, z) - small_s(z))) / mp.erf(x))
        if worst < TARGET:
            return coefficients, worst
    raise RuntimeError('no degree reached the target')


def fit_piece(a, b):
    m = (a + b) / 2
    h = (b - a) / 2
    e = mp.erf(m)
    d = TWO_OVER_SQRT_PI * mp.exp(-m * m)

    def q(t):
        if t == 0:
            return -m * d  # erf''(m) / 2
        return (mp.erf(m + t) - e - d * t) / (t * t)

    for degree in range(0, 30):
        coefficients = chebyshev_fit(q, -h, h, degree)
        worst = mp.mpf(0)
        for i in range(201):
            t = -h + 2 * h * i / 200
            worst = max(worst, abs(t * t * (poly(coefficients, t) - q(t))) / mp.erf(m + t))
        if worst < TARGET:
            return m, e, d, coefficients, worst
    raise RuntimeError('no degree reached the target')


def print_coefficients():
    small, worst = fit_small()
    print(f'// S(z) on [0, 1/16], degree {len(small) - 1}, truncation {float(worst):.2e} relative')
    print('const SMALL = [' + ', '.join(repr(round_double(c)) for c in small) + '];')
    c_hi, c_lo = double_double(TWO_OVER_SQRT_PI)
    print(f'// 2/sqrt(pi) = {c_hi!r} + {c_lo!r}')
    rows = []
    degrees = []
    for a, b in PIECES:
        m, e, d, coefficients, worst = fit_piece(a, b)
        degrees.append(len(coefficients) - 1)
        e_hi, e_lo = double_double(e)
        d_hi, d_lo = double_double(d)
        values = [float(m), e_hi, e_lo, d_hi, d_lo] + [round_double(c) for c in coefficients]
        rows.append((float(a), float(b), len(coefficients) - 1, worst, values))
    width = 5 + max(degrees) + 1
    print(f'// stride {width}: [m, erf(m) hi, lo, erf\'(m) hi, lo, Q coefficients (zero-padded)]')
    print('const PIECES = new Float64Array([')
    for a, b, degree, worst, values in rows:
        values = values + [0.0] * (width - len(values))
        print(f'  // [{a}, {b}): degree {degree}, truncation {float(worst):.2e} relative')
        print('  ' + ', '.join(repr(v) for v in values) + ',')
    print(']);')


def erf_case(x):
    v = mp.erf(mp.mpf(x))
    r = round_double(v)
    residual = (v - r) / ulp_of(r) if x != 0 else mp.mpf(0)
    return [x, r, float(mp.nstr(residual, 4)) if residual != 0 else 0.0]


def next_up(x, steps=1):
    import math

    for _ in range(abs(steps)):
        x = math.nextafter(x, math.inf if steps > 0 else -math.inf)
    return x


def write_fixture():
    xs = []
    # Dense grid of [-6, 6]: 4001 points, step 0.003 (the nearest doubles to -6 + 12 i / 4000).
    xs += [float(mp.mpf(-6) + mp.mpf(12) * i / 4000) for i in range(4001)]
    # Tiny and subnormal arguments.
    tiny = [5e-324, 1e-320, 2.0**-1022, 1e-300, 2.0**-969, 2.0**-960, 1e-200, 1e-100, 1e-30, 1e-17, 2.0**-28, 1e-8,
            1e-5, 1e-3, 0.01, 0.1]
    xs += tiny + [-v for v in tiny] + [0.0]
    # Both sides of every branch boundary: a few ulps each way, both signs.
    for b in BRANCH_POINTS + [5.9215871957945]:
        for s in range(-3, 4):
            xs += [next_up(b, s), -next_up(b, s)]
    # Seeded random points: uniform on [0, 6] and log-uniform on [1e-20, 1], both signs.
    rng = random.Random(20240611)
    for _ in range(400):
        v = rng.uniform(0, 6)
        xs.append(v if rng.random() < 0.5 else -v)
    for _ in range(200):
        v = 10 ** rng.uniform(-20, 0)
        xs.append(v if rng.random() < 0.5 else -v)
    seen = set()
    unique = []
    for x in xs:
        key = (x, str(x))
        if key not in seen:
            seen.add(key)
            unique.append(x)
    cases = [erf_case(x) for x in unique]

    gelu_x = [-4.0, -2.83, -2.0, -1.0, -0.5, -0.1, -1e-3, 0.0, 1e-3, 0.1, 0.5, 1.0, 1.5, 2.0, 2.83, 4.0]
    gelu = [[x, round_double(mp.mpf(x) / 2 * (1 + mp.erf(mp.mpf(x) / mp.sqrt(2))))] for x in gelu_x]

    out = {
        'generatedBy': 'scripts/gen-erf-fixture.py (mpmath %s, erf at 50 significant digits, rounded to float64)'
        % mp.__version__,
        'format': 'erf: [x, erf(x) rounded to float64, (exact - rounded) / ulp(rounded) to 4 digits]; '
        'gelu: [x, x/2*(1+erf(x/sqrt 2)) rounded to float64]',
        'erf': cases,
        'gelu': gelu,
    }
    path = Path(__file__).resolve().parent.parent / 'test' / 'fixtures' / 'erf-mpmath.json'
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open('w') as fh:
        fh.write('{\n')
        fh.write(f'  "generatedBy": {json.dumps(out["generatedBy"])},\n')
        fh.write(f'  "format": {json.dumps(out["format"])},\n')
        fh.write('  "erf": [\n')
        fh.write(',\n'.join('    ' + json.dumps(c) for c in cases))
        fh.write('\n  ],\n  "gelu": [\n')
        fh.write(',\n'.join('    ' + json.dumps(c) for c in gelu))
        fh.write('\n  ]\n}\n')
    print(f'wrote {len(cases)} erf cases and {len(gelu)} gelu cases to {path}')


if __name__ == '__main__':
    if '--coefficients' in sys.argv[1:]:
        print_coefficients()
    else:
        write_fixture()
