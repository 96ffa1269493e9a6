"""How the width of the networks that compare sets of inputs (`compare_sets`, the second stage) changes its verdicts
and its cost.

    python benchmarks/compare_widths.py friedman1
    python benchmarks/compare_widths.py toeplitz_mixed

On seed 0 of the design, the sets compared are the relevant inputs plus two noise inputs, and that set less each
one of its inputs in turn (the backward step's comparison). Prints, per width and number of steps, the seconds of
a warm call and the CV error of each set (first: the full set; then without each input, relevant inputs first).
"""
import os, sys, time
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import numpy as np
from sparse_deriv.fit import compare_sets, fold_weights
from sparse_deriv.data import DESIGNS

sim = DESIGNS[sys.argv[1] if len(sys.argv) > 1 else 'friedman1'](seed=0)
Z = (sim.X - sim.X.mean(0)) / sim.X.std(0)
z_y = (sim.y - sim.y.mean()) / sim.y.std()
full = list(map(int, sim.relevant)) + [int(j) for j in np.setdiff1d(np.arange(sim.p), sim.relevant)[:2]]
sets = [full] + [[c for c in full if c != j] for j in full]
folds = fold_weights(sim.n, 5, 0)
for width, steps in [(64, 400), (32, 400), (16, 400)]:
    compare_sets(sets, Z, z_y, folds, width=width, max_steps=steps)  # compile
    start = time.perf_counter()
    result = compare_sets(sets, Z, z_y, folds, width=width, max_steps=steps)
    print(f"width {width:>2}, {steps} steps: {time.perf_counter() - start:5.2f} s  CV {result.cv_error.round(3)}")
