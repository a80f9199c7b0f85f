#!/usr/bin/env python3
"""Replays the official GQA-LUT trainer (PingchengDong/GQA-LUT, gqa_lut_trainer.py with DEAP 1.3 eaSimple) without
DEAP, to check src/fit/official-ga.ts generation by generation and to locate where two runs part ways.

The loop follows docs section 3 (gqa-lut-semantics.md): the same calls to Python's `random` and NumPy's legacy
generator, in the same order, and the same fitness arithmetic (NumPy float64, np.mean's pairwise summation).

    python3 scripts/official-ga-replay.py gelu_8 [--trace trace.json] [--table out.json] [--generations 500]
                                                 [--correctly-rounded-log]

Run from the repository root (it reads ../shared/reference/official-figures.json for the target's settings).
--table writes the output table in the official JSON format; on this machine it equals the official table for all
11 targets. --trace writes, per generation, every individual's genes and fitness (after evaluation), for comparison
with the TypeScript trainer (runOfficialGa's onGeneration hook). --correctly-rounded-log makes the Gaussian use a
correctly rounded log, as src/random/numpy-random.ts does; with it the genes of all 11 targets agree with the
TypeScript run in every generation (without it, glibc's log misrounds 7 to 21 arguments per fit and some genes differ
by an ulp, which never reaches a table). Needs python3, numpy and scipy; not used by the tests.
"""
import argparse
import json
import math
import random
from decimal import Decimal, getcontext

import numpy as np
from scipy import special

FUNCTIONS = {
    "gelu": lambda x: 0.5 * x * (1 + special.erf(x / np.sqrt(2))),
    "hswish": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "silu": lambda x: x / (1 + np.exp(-x)),
    "exp": lambda x: np.exp(x),
    "reci": lambda x: np.reciprocal(x),
    "sqrt_reci": lambda x: np.reciprocal(np.sqrt(x)),
}


class CorrectlyRoundedGauss:
    """NumPy's legacy polar-method normal(loc, scale) on the global NumPy stream, but with a correctly rounded log
    (as src/random/numpy-random.ts uses by default) instead of the C library's, which misrounds ~0.07 % of inputs."""

    def __init__(self):
        self.cached = None
        self.misrounded_logs = 0

    def normal(self, loc, scale):
        if self.cached is not None:
            value, self.cached = self.cached, None
            return loc + scale * value
        while True:
            x1 = 2.0 * np.random.random_sample() - 1.0
            x2 = 2.0 * np.random.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if 0.0 < r2 < 1.0:
                break
        getcontext().prec = 40
        log = float(Decimal(r2).ln())
        self.misrounded_logs += log != math.log(r2)
        factor = math.sqrt(-2.0 * log / r2)
        self.cached = factor * x1
        return loc + scale * (factor * x2)


NORMAL = np.random.normal


def load_preset(name, figures_path):
    with open(figures_path) as handle:
        settings = json.load(handle)[name]
    bits = settings["decimal_bits"]
    return {
        "function": settings["function"],
        "genes": settings["entries"] - 1,
        "x_range": settings["x_range"],
        "search_range": settings["search_range"],
        "bits": (bits[0], bits[-1]),
        "rounding_mutation": settings["rounding_mutation"],
        "offset": settings["rounding_mutation_offset"],
        "outer": settings["outer_segment_ends"],
    }


def secant_coefficients(splits, func):
    slopes, intercepts = [], []
    for a1, a2 in zip(splits[:-1], splits[1:]):
        if a2 != a1:
            slope = (func(a2) - func(a1)) / (a2 - a1)
            intercept = -a1 * slope + func(a1)
        else:
            slope, intercept = 0, 0
        slopes.append(np.round(slope * 64) / 64)
        intercepts.append(np.round(intercept * 64) / 64)
    return slopes, intercepts


def make_fitness(preset):
    func = FUNCTIONS[preset["function"]]
    low_end, high_end = preset["outer"]
    grid = np.arange(preset["x_range"][0], preset["x_range"][1], 0.01)
    values = np.array([func(x) for x in grid])

    def fitness(genes):
        genes.sort()
        splits = [low_end] + genes + [high_end]
        slopes, intercepts = secant_coefficients(splits, func)
        clipped = [min(max(s, low_end), high_end) for s in splits]
        index = np.minimum(np.digitize(grid, clipped) - 1, len(slopes) - 1)
        approx = np.array(slopes)[index] * grid + np.array(intercepts)[index]
        return float(np.mean((values - approx) ** 2))

    return fitness


def clip(value, low, high):
    # Python's min(max(value, low), high): keeps `value` (and its zero sign) unless a bound is strictly beyond it.
    return min(max(value, low), high)


def mutate(genes, preset):
    low, high = preset["search_range"]
    lo_bits, hi_bits = preset["bits"]
    for i in range(len(genes)):
        if preset["rounding_mutation"]:
            for j in range(lo_bits + preset["offset"], hi_bits + 1):
                p = np.random.random()
                if 0.05 * j <= p < 0.05 * (j + 1):
                    scale = 2 ** (lo_bits + j)
                    genes[i] = clip(round(genes[i] * scale) / scale, low, high)
                elif p >= 0.9:
                    genes[i] += NORMAL(0, 0.2)
            genes[i] = clip(genes[i], low, high)
        elif np.random.random() >= 0.9:
            genes[i] = clip(genes[i] + NORMAL(0, 0.2), low, high)


def two_point_crossover(first, second):
    size = min(len(first), len(second))
    point1 = random.randint(1, size)
    point2 = random.randint(1, size - 1)
    if point2 >= point1:
        point2 += 1
    else:
        point1, point2 = point2, point1
    first[point1:point2], second[point1:point2] = second[point1:point2], first[point1:point2]


def run(preset, generations, trace=None):
    random.seed(42)
    np.random.seed(42)
    fitness = make_fitness(preset)
    low, high = preset["search_range"]
    population = [[np.random.uniform(low, high) for _ in range(preset["genes"])] for _ in range(50)]
    scores = [fitness(genes) for genes in population]
    evaluations = len(population)
    if trace is not None:
        trace.append({"genes": [list(g) for g in population], "fitness": list(scores)})
    for _ in range(generations):
        chosen = []
        for _ in range(len(population)):
            picks = [random.choice(range(len(population))) for _ in range(3)]
            best = picks[0]
            for pick in picks[1:]:
                if scores[pick] < scores[best]:
                    best = pick
            chosen.append(best)
        offspring = [list(population[k]) for k in chosen]
        offspring_scores = [scores[k] for k in chosen]
        changed = [False] * len(offspring)
        for i in range(1, len(offspring), 2):
            if random.random() < 0.7:
                two_point_crossover(offspring[i - 1], offspring[i])
                changed[i - 1] = changed[i] = True
        for i in range(len(offspring)):
            if random.random() < 0.2:
                mutate(offspring[i], preset)
                changed[i] = True
        for i, genes in enumerate(offspring):
            if changed[i]:
                offspring_scores[i] = fitness(genes)
                evaluations += 1
        population, scores = offspring, offspring_scores
        if trace is not None:
            trace.append({"genes": [list(g) for g in population], "fitness": list(scores)})
    best = min(range(len(population)), key=lambda k: (scores[k], k))
    return population[best], scores[best], evaluations


def output_table(preset, best_genes):
    func = FUNCTIONS[preset["function"]]
    splits = sorted([preset["outer"][0]] + list(best_genes) + [preset["outer"][1]])
    slopes, intercepts = secant_coefficients(splits, func)
    table = {}
    for bits in range(preset["bits"][0], preset["bits"][1] + 1):
        rounded = [np.round(s * 2**bits) / 2**bits for s in splits]
        table[str(bits)] = {
            "breakpoints": [float(v) for v in rounded[1:-1]],
            "slopes": [float(v) for v in slopes],
            "intercepts": [float(v) for v in intercepts],
        }
    return {preset["function"]: table}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("preset")
    parser.add_argument("--figures", default="../shared/reference/official-figures.json")
    parser.add_argument("--generations", type=int, default=500)
    parser.add_argument("--trace")
    parser.add_argument("--table")
    parser.add_argument("--correctly-rounded-log", action="store_true",
                        help="Gaussian with a correctly rounded log, like the TypeScript emulation (not like NumPy)")
    args = parser.parse_args()
    global NORMAL
    gauss = CorrectlyRoundedGauss() if args.correctly_rounded_log else None
    if gauss:
        NORMAL = gauss.normal
    preset = load_preset(args.preset, args.figures)
    trace = [] if args.trace else None
    genes, score, evaluations = run(preset, args.generations, trace)
    summary = {"preset": args.preset, "best_genes": genes, "best_fitness": score, "evaluations": evaluations}
    if gauss:
        summary["libm_misrounded_logs"] = gauss.misrounded_logs
    print(json.dumps(summary))
    if args.trace:
        with open(args.trace, "w") as handle:
            json.dump(trace, handle)
    if args.table:
        with open(args.table, "w") as handle:
            json.dump(output_table(preset, genes), handle, indent=4)


if __name__ == "__main__":
    main()
