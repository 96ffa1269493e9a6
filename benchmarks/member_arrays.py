"""What a path stage costs on one shared input array against one array per member (`fit_path_active`'s choice).

    python benchmarks/member_arrays.py                      # n = 1,000, five members, widths 448 to 2,176
    python benchmarks/member_arrays.py --n 400 --widths 256 512 1024

Times `fit_path` over 100 steps of five members (a 2-layer, 64-unit network, the group penalty) on random data:
first on one (n, k) array that every member reads, then on five (n, k) arrays, one per member (a batched product).
Each setting is compiled first and then timed on a second call, so the figures are compute only.
"""
import argparse, os, time
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import jax
import numpy as np
from sparse_deriv.fit import fit_path, fold_weights
from sparse_deriv.nets import init_sparse_mlp

def seconds(model, X, y, folds, steps):
    "Compute time of a path of one level of `steps` steps after one call that compiles it."
    run = lambda: jax.block_until_ready(fit_path(model, X, y, folds, [0.1], warmup_steps=0, steps_per_level=steps,
                                                 learning_rate=1e-2).validation_loss)
    run()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--n', type=int, default=1000, help='rows')
    parser.add_argument('--members', type=int, default=5, help='members (folds)')
    parser.add_argument('--widths', type=int, nargs='+', default=[448, 512, 576, 960, 1024, 1088, 2048, 2176], help='input columns k')
    parser.add_argument('--steps', type=int, default=100)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    y = rng.standard_normal(args.n).astype(np.float32)
    folds = fold_weights(args.n, args.members, 0)
    print(f"n = {args.n}, {args.members} members, {args.steps} steps; seconds once compiled")
    print(f"{'k':>6} {'shared (n, k)':>14} {'per member (m, n, k)':>21}")
    for k in args.widths:
        model = init_sparse_mlp(k, 2, 64, 'tanh', seed=0)
        X = rng.standard_normal((args.n, k)).astype(np.float32)
        shared = seconds(model, X, y, folds, args.steps)
        own = seconds(model, np.stack([X] * args.members), y, folds, args.steps)
        print(f"{k:>6} {shared:>14.2f} {own:>21.2f}", flush=True)

if __name__ == '__main__': main()
