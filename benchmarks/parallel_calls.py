"""What the members cost as one batched call against parallel calls of one compiled program (`parallel_calls`).

    python benchmarks/parallel_calls.py                 # n = 1,000, p = 100, the estimator's defaults
    python benchmarks/parallel_calls.py --threads 4

Times, once compiled (each setting is called once first), two things the estimator does at every fit:
the path (`fit_path`: five folds, the default levels and steps, the default 64-unit tanh network) on the additive
design, and a comparison of eight sets (`fit_ensemble`: 40 networks of `refit_width` SiLU units with a linear start,
400 steps, the folds of a set stopping together); first as one call over all members
(`SPARSE_DERIV_PARALLEL_CALLS=1`), then as parallel calls. Prints seconds and the CPU time the process used.
"""
import argparse, os, resource, time
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import jax
import numpy as np
from sparse_deriv import SparseDerivRegressor
from sparse_deriv.data import additive
from sparse_deriv.estimator import _check_params, _derivative_norms_record
from sparse_deriv.fit import PARALLEL_CALLS_VARIABLE, fit_ensemble, fit_path, fold_weights, init_sparse_mlp, parallel_calls

def timed(run):
    "Wall and CPU seconds of `run()` after one call that compiles it."
    run()
    usage, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    run()
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF)
    return wall, after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--n', type=int, default=1000, help='rows')
    parser.add_argument('--p', type=int, default=100, help='inputs of the path')
    parser.add_argument('--threads', type=int, help='parallel calls (default: the usable cores)')
    args = parser.parse_args()
    est = SparseDerivRegressor()
    data = additive(n=args.n, p=args.p, noise=0.5, seed=0)
    Z = ((data.X - data.X.mean(0)) / data.X.std(0)).astype(np.float32)
    z_y = ((data.y - data.y.mean()) / data.y.std()).astype(np.float32)
    folds = fold_weights(args.n, est.cv, 0)
    levels, _ = _check_params(est, *Z.shape)
    path_model = init_sparse_mlp(args.p, est.depth, est.width, est.activation, seed=0)
    path = lambda: fit_path(path_model, Z, z_y, folds, levels, penalty=est.penalty, learning_rate=est.learning_rate,
                            steps_per_level=est.steps_per_level, warmup_steps=est.warmup_steps,
                            record=_derivative_norms_record).validation_loss
    sets, columns = 8, 16
    masks = np.repeat(np.random.default_rng(0).random((sets, columns)) < 0.5, est.cv, axis=0).astype(np.float32)
    refit_model = init_sparse_mlp(columns, est.depth, est.refit_width, est.refit_activation, skip=True, seed=0)
    comparison = lambda: fit_ensemble(refit_model, Z[:, :columns], z_y, np.tile(folds, (sets, 1)), masks,
                                      learning_rate=est.learning_rate, max_steps=est.refit_steps, patience=10**6,
                                      linear_start=True, groups=np.repeat(np.arange(sets), est.cv))[1]
    print(f"n = {args.n}, p = {args.p}; {os.cpu_count()} CPUs; seconds once compiled (CPU seconds used)")
    for label, threads in (('one call', '1'), ('parallel calls', str(args.threads or ''))):
        if threads: os.environ[PARALLEL_CALLS_VARIABLE] = threads
        else: os.environ.pop(PARALLEL_CALLS_VARIABLE, None)
        (path_s, path_cpu), (compare_s, compare_cpu) = timed(path), timed(comparison)
        print(f"{label:>15} ({parallel_calls()} at once): path {path_s:5.2f} s ({path_cpu:5.2f})   "
              f"eight sets {compare_s:5.2f} s ({compare_cpu:5.2f})")

if __name__ == '__main__': main()
