"""Accuracy and speed of `SparseDerivRegressor` on simulated designs, with a lasso baseline.

    python benchmarks/benchmark.py                       # Friedman #1, n=1000, p=100, 5 seeds
    python benchmarks/benchmark.py --design correlated --n 200 --p 500

Each seed runs in a fresh Python process, so every fit time includes JAX's compilation (a cold start, as a
user sees it); the same process then fits once more on the next seed's data to show the warm time.
Figures: selection F1 against the true support, held-out R² against the noiseless signal (2000 fresh rows),
fit wall time. Prints one row per seed and the summary the issue's targets are stated in.
"""
import argparse, json, os, subprocess, sys, time

def one_seed(design, n, p, seed, options):
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    import numpy as np
    from sklearn.linear_model import LassoCV
    from sparse_deriv import SparseDerivRegressor
    from sparse_deriv.data import DESIGNS
    from sparse_deriv.select import selection_metrics
    simulate = DESIGNS[design]
    train, test, warm_data = simulate(n=n, p=p, seed=seed), simulate(n=2000, p=p, seed=seed + 1000), simulate(n=n, p=p, seed=seed + 2000)
    r2 = lambda pred: 1 - np.mean((pred - test.signal) ** 2) / np.var(test.signal)
    start = time.perf_counter()
    est = SparseDerivRegressor(random_state=seed, **options).fit(train.X, train.y)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    SparseDerivRegressor(random_state=seed, **options).fit(warm_data.X, warm_data.y)
    warm = time.perf_counter() - start
    start = time.perf_counter()
    lasso = LassoCV(cv=5, random_state=seed).fit(train.X, train.y)
    lasso_time = time.perf_counter() - start
    ours, theirs = selection_metrics(est.support_, train.support), selection_metrics(lasso.coef_ != 0, train.support)
    return dict(seed=seed, f1=ours['f1'], tp=ours['tp'], fp=ours['fp'], r2_signal=r2(est.predict(test.X)),
                fit_s=cold, path_s=est.fit_times_['path'], final_s=est.fit_times_['final'], warm_fit_s=warm,
                level=est.level_, lasso_f1=theirs['f1'], lasso_fp=theirs['fp'], lasso_r2_signal=r2(lasso.predict(test.X)), lasso_s=lasso_time)

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--design', default='friedman1'); parser.add_argument('--n', type=int, default=1000)
    parser.add_argument('--p', type=int, default=100); parser.add_argument('--seeds', type=int, default=5)
    parser.add_argument('--options', default='{}', help='JSON of SparseDerivRegressor settings, e.g. {"penalty": "l1"}')
    parser.add_argument('--one-seed', type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    options = json.loads(args.options)
    if args.one_seed is not None:
        print(json.dumps({k: float(v) for k, v in one_seed(args.design, args.n, args.p, args.one_seed, options).items()})); return
    import numpy as np
    print(f"{args.design}: n={args.n}, p={args.p}, {args.seeds} seeds, options {options}; each seed in a fresh process (fit_s includes compilation)")
    header = f"{'seed':>4} {'F1':>5} {'TP':>3} {'FP':>3} {'R2 signal':>9} {'fit_s':>6} {'path_s':>6} {'final_s':>7} {'warm_s':>6} | {'lasso F1':>8} {'FP':>3} {'R2':>6} {'s':>5}"
    print(header); rows = []
    for seed in range(args.seeds):
        out = subprocess.run([sys.executable, __file__, '--design', args.design, '--n', str(args.n), '--p', str(args.p),
                              '--options', args.options, '--one-seed', str(seed)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1]); rows.append(r)
        print(f"{int(r['seed']):>4} {r['f1']:>5.2f} {int(r['tp']):>3} {int(r['fp']):>3} {r['r2_signal']:>9.3f} {r['fit_s']:>6.1f} {r['path_s']:>6.1f} {r['final_s']:>7.1f} {r['warm_fit_s']:>6.1f} | {r['lasso_f1']:>8.2f} {int(r['lasso_fp']):>3} {r['lasso_r2_signal']:>6.3f} {r['lasso_s']:>5.1f}", flush=True)
    col = lambda k: np.array([r[k] for r in rows])
    print(f"mean F1 {col('f1').mean():.3f} | mean R2 signal {col('r2_signal').mean():.3f} (min {col('r2_signal').min():.3f}) | "
          f"median fit {np.median(col('fit_s')):.1f} s cold, {np.median(col('warm_fit_s')):.1f} s warm | "
          f"lasso: mean F1 {col('lasso_f1').mean():.3f}, mean R2 {col('lasso_r2_signal').mean():.3f}")

if __name__ == '__main__': main()
