#!/usr/bin/env python3
"""Writes test/fixtures/python-random.json: reference sequences of CPython's `random` and NumPy's legacy
`RandomState`, which test/random.test.ts compares with the package's emulations (src/random/) exactly.

Run from the repository root: python3 scripts/gen-random-fixture.py  (needs python3 and numpy; the tests do not).
"""
import json
import platform
import random
import sys

from decimal import Decimal, getcontext
import math

import numpy as np

COUNT = 1000


def python_sequences():
    out = {}
    random.seed(42)
    out["random"] = [random.random() for _ in range(COUNT)]
    random.seed(42)
    out["randint_1_7"] = [random.randint(1, 7) for _ in range(COUNT)]
    random.seed(42)
    out["randint_1_6"] = [random.randint(1, 6) for _ in range(COUNT)]
    random.seed(42)
    population = list(range(50))
    out["choice_range_50"] = [random.choice(population) for _ in range(COUNT)]
    random.seed(42)
    out["getrandbits"] = [[k, random.getrandbits(k)] for _ in range(40) for k in (1, 5, 6, 13, 31, 32)]
    # The order of calls in one DEAP generation: tournament choices, crossover coins and points, mutation coins.
    random.seed(42)
    mixed = []
    for _ in range(200):
        mixed.append(["choice", random.choice(population)])
        mixed.append(["random", random.random()])
        mixed.append(["randint_1_7", random.randint(1, 7)])
        mixed.append(["randint_1_6", random.randint(1, 6)])
    out["mixed"] = mixed
    # Seeds that need more than one 32-bit word, and zero.
    out["other_seeds"] = {}
    for seed in (0, 5489, 2**32 + 7, 12345678901234567890):
        random.seed(seed)
        out["other_seeds"][str(seed)] = [random.random() for _ in range(20)]
    return out


class PolarGaussShadow:
    """Replays NumPy's legacy polar-method Gaussian on its own RandomState to see every r2 handed to the C `log`."""

    def __init__(self, seed):
        self.state = np.random.RandomState(seed)
        self.cached = None
        self.log_arguments = []

    def random(self):
        return self.state.random_sample()

    def normal(self, loc, scale):
        if self.cached is not None:
            value, self.cached = self.cached, None
            return loc + scale * value
        while True:
            x1 = 2.0 * self.state.random_sample() - 1.0
            x2 = 2.0 * self.state.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if 0.0 < r2 < 1.0:
                break
        self.log_arguments.append(r2)
        factor = math.sqrt(-2.0 * math.log(r2) / r2)
        self.cached = factor * x1
        return loc + scale * (factor * x2)


def glibc_log_exceptions(arguments):
    """[r2, log(r2)] for every argument where the C library's log is not the correctly rounded value."""
    getcontext().prec = 40
    exceptions = []
    for r2 in arguments:
        if math.log(r2) != float(Decimal(r2).ln()):
            exceptions.append([r2, math.log(r2)])
    return exceptions


def numpy_sequences():
    out = {}
    np.random.seed(42)
    out["random"] = [np.random.random() for _ in range(COUNT)]
    np.random.seed(42)
    out["uniform_-4_4"] = [np.random.uniform(-4.0, 4.0) for _ in range(COUNT)]
    np.random.seed(42)
    out["normal_0_0.2"] = [np.random.normal(0, 0.2) for _ in range(COUNT)]
    # Interleaved calls: a random() between the two halves of a Gaussian pair must not disturb the cached half.
    np.random.seed(42)
    mixed = []
    for i in range(COUNT // 2):
        if i % 3 == 0:
            mixed.append(["random", np.random.random()])
        mixed.append(["normal", np.random.normal(0, 0.2)])
        if i % 5 == 0:
            mixed.append(["uniform_-6.5_0", np.random.uniform(-6.5, 0.0)])
    out["mixed"] = mixed
    # Replay both Gaussian sequences to list the log arguments where libm's log is not correctly rounded.
    shadow = PolarGaussShadow(42)
    assert [shadow.normal(0, 0.2) for _ in range(COUNT)] == out["normal_0_0.2"]
    arguments = shadow.log_arguments
    shadow = PolarGaussShadow(42)
    replay = {"random": shadow.random, "normal": lambda: shadow.normal(0, 0.2)}
    for name, value in mixed:
        if name == "uniform_-6.5_0":
            assert -6.5 + 6.5 * shadow.random() == value
        else:
            assert replay[name]() == value
    out["libm_log_exceptions"] = glibc_log_exceptions(arguments + shadow.log_arguments)
    # Re-seeding drops a cached Gaussian.
    np.random.seed(42)
    first = np.random.normal(0, 1)
    np.random.seed(42)
    out["reseed_drops_cache"] = [np.random.normal(0, 1) for _ in range(3)]
    np.random.seed(7)
    out["seed_7_random"] = [np.random.random() for _ in range(20)]
    return out


def main():
    data = {
        "_generated": "by scripts/gen-random-fixture.py; do not edit by hand",
        "_versions": {"python": platform.python_version(), "numpy": np.__version__},
        "python_seed_42": python_sequences(),
        "numpy_seed_42": numpy_sequences(),
    }
    path = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/python-random.json"
    with open(path, "w") as handle:
        json.dump(data, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
