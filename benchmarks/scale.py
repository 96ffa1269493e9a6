"""How the cost of a fit grows with p and with n: `SparseDerivRegressor` with its defaults on the additive design
(independent U[−1, 1] inputs, five nonlinear terms, σ = 0.5).

    python benchmarks/scale.py                                   # p = 100, 1,000, 10,000, 50,000 at n = 1,000
                                                                 # and n = 500, 2,000, 10,000, 50,000 at p = 100
    python benchmarks/scale.py --ps 100 10000 --ns               # only the two p's the target compares
    python benchmarks/scale.py --ps --ns 500 2000 --seed 1
    python benchmarks/scale.py --ps 100 10000 --ns --repeats 3   # median of 3 cold fits per cell, rounds interleaved

Each cell runs in a fresh Python process, so its fit time includes JAX's compilation (a cold start, as a user sees
it). With --warm each cell runs a second time, in another fresh process that loads the programs the first one
compiled from `use_compilation_cache` (as the command line does, and as a script that calls it does from its
second run on); the cold run always starts from an empty cache. Peak memory is the process's maximum resident set size (data included). Prints one row per cell: fit time
(and how much of it the path took), peak memory, selection F1 against the five true inputs, held-out R² against
the noiseless signal (2,000 fresh rows), and the fit time relative to the p = 100, n = 1,000 cell. On a shared
machine the speed drifts from minute to minute; --repeats R runs every cell R times, in rounds over all cells (so a
slow spell touches every cell alike), and prints the median fit time with the fastest and slowest beside it.
"""
import argparse, json, math, os, resource, statistics, subprocess, sys, tempfile, time

def one_cell(n, p, seed, noise, options, cache):
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    import numpy as np
    from sparse_deriv import SparseDerivRegressor
    from sparse_deriv.estimator import use_compilation_cache
    if cache: use_compilation_cache(cache)
    from sparse_deriv.data import additive
    from sparse_deriv.select import selection_metrics
    train, test = additive(n=n, p=p, noise=noise, seed=seed), additive(n=2000, p=p, noise=noise, seed=seed + 1000)
    start = time.perf_counter()
    est = SparseDerivRegressor(random_state=seed, **options).fit(train.X, train.y)
    fit_s = time.perf_counter() - start
    r2 = 1 - np.mean((est.predict(test.X) - test.signal) ** 2) / np.var(test.signal)
    metrics = selection_metrics(est.support_, train.support)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return dict(n=n, p=p, fit_s=fit_s, path_s=est.fit_times_['path'], peak_mib=peak_mib, f1=metrics['f1'],
                fp=metrics['fp'], tp=metrics['tp'], r2_signal=r2)

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--ps', type=int, nargs='*', default=[100, 1000, 10000, 50000], help='p values at n = --n')
    parser.add_argument('--ns', type=int, nargs='*', default=[500, 2000, 10000, 50000], help='n values at p = 100')
    parser.add_argument('--n', type=int, default=1000, help='n of the p sweep')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--noise', type=float, default=0.5)
    parser.add_argument('--options', default='{}', help='JSON of SparseDerivRegressor settings')
    parser.add_argument('--warm', action='store_true', help='also time each cell from a warm compilation cache')
    parser.add_argument('--repeats', type=int, default=1, help='cold fits per cell (median shown)')
    parser.add_argument('--one-cell', nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument('--cache', default='', help=argparse.SUPPRESS)
    args = parser.parse_args()
    options = json.loads(args.options)
    if args.one_cell:
        print(json.dumps(one_cell(*args.one_cell, args.seed, args.noise, options, args.cache))); return
    cells = [(args.n, p) for p in args.ps] + [(n, 100) for n in args.ns if n != args.n]
    print(f"additive design, σ = {args.noise}, seed {args.seed}, options {options}; each cell in a fresh process "
          f"(fit time includes compilation)")
    if args.repeats < 1: parser.error(f"--repeats must be at least 1, got {args.repeats}")
    spread = args.repeats > 1
    print(f"{'n':>6} {'p':>6} {'fit_s':>7} {'path_s':>7} {'warm_s':>7} {'peak_MiB':>8} {'F1':>5} {'TP':>3} {'FP':>3} "
          f"{'R2':>6} {'× p=100':>8} {'warm ×':>7}" + (f" {'fit_s min–max':>14}" if spread else ""))
    base = warm_base = None
    def run(n, p, cache):
        out = subprocess.run([sys.executable, __file__, '--one-cell', str(n), str(p), '--seed', str(args.seed),
                              '--noise', str(args.noise), '--options', args.options, '--cache', cache],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{n:>6} {p:>6} failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
            return None
        return json.loads(out.stdout.strip().splitlines()[-1])
    def cold(n, p): # one cold fit, and with --warm one more from the cache it filled
        with tempfile.TemporaryDirectory() as cache:
            r = run(n, p, cache if args.warm else '')
            again = run(n, p, cache) if args.warm and r else None
        return r and dict(r, warm_s=again['fit_s'] if again else math.nan)
    earlier = {cell: [] for cell in cells}
    for _ in range(args.repeats - 1):  # the rounds before the last; the last prints each cell as it finishes
        for n, p in cells: earlier[n, p].append(cold(n, p))
    median = lambda values: float(statistics.median(values)) if values else math.nan
    for n, p in cells:
        runs = [r for r in earlier[n, p] + [cold(n, p)] if r]
        if not runs: continue
        times = [r['fit_s'] for r in runs]
        r = dict(runs[-1], fit_s=median(times), path_s=median([r['path_s'] for r in runs]),
                 peak_mib=max(r['peak_mib'] for r in runs))
        warm = median([r['warm_s'] for r in runs if not math.isnan(r['warm_s'])])
        if (n, p) == (args.n, 100): base, warm_base = r['fit_s'], warm
        ratio = f"{r['fit_s'] / base:>8.1f}" if base else f"{'':>8}"
        warm_ratio = f"{warm / warm_base:>7.1f}" if warm_base else f"{'':>7}"
        print(f"{n:>6} {p:>6} {r['fit_s']:>7.1f} {r['path_s']:>7.1f} {warm:>7.1f} {r['peak_mib']:>8.0f} {r['f1']:>5.2f} "
              f"{int(r['tp']):>3} {int(r['fp']):>3} {r['r2_signal']:>6.3f} {ratio} {warm_ratio}"
              + (f" {min(times):>6.1f}–{max(times):<7.1f}" if spread else ""), flush=True)

if __name__ == '__main__': main()
