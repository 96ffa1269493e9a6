"""Selection on the hard suite of `sparse_deriv.data.HARD_DESIGNS` (p > n, correlated inputs, products, even
effects), on pure-noise y, and on Friedman #1, with `LassoCV` beside it on the same data.

    python benchmarks/hard_suite.py                          # 5 seeds per design, 20 pure-noise seeds, Friedman #1
    python benchmarks/hard_suite.py --seeds 2 --noise-seeds 5 --designs toeplitz_mixed,saturating
    python benchmarks/hard_suite.py --first-seed 5 --friedman-seeds 0   # seeds 5 … 9 and noise seeds 5 … 24
    python benchmarks/hard_suite.py --options '{"second_stage": false}'   # any SparseDerivRegressor settings
    python benchmarks/hard_suite.py --designs block_interactions,toeplitz_mixed,genotype --seeds 3 --p 10000 \
        --noise-seeds 0 --friedman-seeds 0                      # the designs drawn with 10,000 inputs
    python benchmarks/hard_suite.py --designs '' --friedman-seeds 0 --noise-seeds 10 --noise-n 1000 --noise-p 10000

Every fit runs with default sizes and default settings unless --options says otherwise. Figures per design: mean
and minimum F1 of the selection, mean TPR, false inputs kept (mean and maximum), R² against the noiseless signal
on 2000 fresh rows, fit time (each design's first seed includes JAX's compilation; fits run one after another in
one process, as a user's session would). For pure noise: the number of seeds with an empty selection.
Rows are printed as they finish; the summary table comes last.
"""
import argparse, json, os, time
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import warnings
import numpy as np
import pandas as pd
from sklearn.linear_model import LassoCV
from sparse_deriv import SparseDerivRegressor
from sparse_deriv.data import HARD_DESIGNS, DESIGNS
from sparse_deriv.select import selection_metrics

def path_gain_se(est):
    "The path's CV gain over the mean at the chosen level, in standard errors of the mean over folds."
    gain = est.null_cv_error_ - est.cv_validation_loss_[:, est.level_index_]
    return float(gain.mean() / (gain.std(ddof=1) / np.sqrt(len(gain))))

def one_fit(design, seed, options, n=None, p=None):
    "Fit our estimator and LassoCV on one draw (`n` rows, `p` inputs; None: the design's default); a tidy row."
    make = DESIGNS[design]
    size = {} if p is None else dict(p=p)
    train_size = size if n is None else dict(size, n=n)
    train, test = make(seed=seed, **train_size), make(n=2000, seed=seed + 1000, **size)
    r2 = lambda pred: 1 - np.mean((pred - test.signal) ** 2) / np.var(test.signal) if np.var(test.signal) > 0 else np.nan
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est = SparseDerivRegressor(random_state=seed, **options).fit(train.X, train.y)
    fit_s = time.perf_counter() - start
    start = time.perf_counter()
    lasso = LassoCV(cv=5, random_state=seed, n_jobs=1).fit(train.X, train.y)
    lasso_s = time.perf_counter() - start
    ours, theirs = selection_metrics(est.support_, train.support), selection_metrics(lasso.coef_ != 0, train.support)
    return dict(design=design, n=train.n, p=train.p, seed=seed, f1=ours['f1'], tpr=ours['tpr'], tp=ours['tp'], fp=ours['fp'],
                n_selected=ours['n_selected'], r2_signal=r2(est.predict(test.X)), fit_s=fit_s,
                first_stage_selected=int(est.first_stage_support_.sum()), bound=est.expected_false_selections_,
                gain_se=path_gain_se(est), relaxed=est.relaxed_weight_,
                steps=est.selection_steps_.drop(columns=['cv_before', 'cv_after']).round(2).to_dict('records'),
                truth=train.relevant.tolist(), selected=np.flatnonzero(est.support_).tolist(),
                lasso_f1=theirs['f1'], lasso_fp=theirs['fp'], lasso_r2_signal=r2(lasso.predict(test.X)), lasso_s=lasso_s)

def relaxed(row):
    "The relaxed fit's weight of the path's networks, where it is above 0."
    return f" relaxed {row['relaxed']:.2f}" if row['relaxed'] else ""

def summary(rows):
    "Per design: mean and minimum F1, TPR, false inputs, R² against the signal, median fit time; LassoCV beside."
    df = pd.DataFrame(rows)
    table = df.groupby('design', sort=False).agg(
        seeds=('seed', 'size'), f1_mean=('f1', 'mean'), f1_min=('f1', 'min'), tpr=('tpr', 'mean'), fp_mean=('fp', 'mean'),
        fp_max=('fp', 'max'), r2_mean=('r2_signal', 'mean'), r2_min=('r2_signal', 'min'), fit_s_median=('fit_s', 'median'),
        fit_s_max=('fit_s', 'max'), lasso_f1=('lasso_f1', 'mean'), lasso_fp=('lasso_fp', 'mean'), lasso_r2=('lasso_r2_signal', 'mean'))
    return table.round(3)

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--designs', default=','.join(HARD_DESIGNS), help='comma-separated names from sparse_deriv.data.DESIGNS')
    parser.add_argument('--seeds', type=int, default=5, help='seeds per design')
    parser.add_argument('--first-seed', type=int, default=0,
                        help='first seed of every design (5: seeds 5 … 9, fresh data for defaults chosen on 0 … 4)')
    parser.add_argument('--noise-seeds', type=int, default=20, help='pure-noise seeds (0 to skip)')
    parser.add_argument('--friedman-seeds', type=int, default=5, help='Friedman #1 (n=1000, p=100) seeds (0 to skip)')
    parser.add_argument('--options', default='{}', help='JSON of SparseDerivRegressor settings')
    parser.add_argument('--p', type=int, help="inputs of every design's draws (default: each design's own)")
    parser.add_argument('--noise-n', type=int, default=200, help='rows of the pure-noise draws')
    parser.add_argument('--noise-p', type=int, default=500, help='inputs of the pure-noise draws')
    parser.add_argument('--out', help='also write every row to this CSV')
    args = parser.parse_args()
    options = json.loads(args.options)
    seeds = lambda count: range(args.first_seed, args.first_seed + count)
    plan = [(d, s) for d in args.designs.split(',') if d for s in seeds(args.seeds)]
    plan += [('friedman1', s) for s in seeds(args.friedman_seeds)] + [('pure_noise', s) for s in seeds(args.noise_seeds)]
    print(f"options {options}; {len(plan)} fits", flush=True)
    rows = []
    for design, seed in plan:
        size = dict(n=args.noise_n, p=args.noise_p) if design == 'pure_noise' else {}
        if design in HARD_DESIGNS: size = dict(p=args.p)
        row = one_fit(design, seed, options, **size); rows.append(row)
        print(f"{design:>20} seed {seed:>2}: F1 {row['f1']:.2f} TP {row['tp']} FP {row['fp']} R2 {row['r2_signal']:.3f} "
              f"{row['fit_s']:.1f}s path gain {row['gain_se']:.1f} SE{relaxed(row)} | lasso F1 {row['lasso_f1']:.2f} "
              f"FP {row['lasso_fp']} R2 {row['lasso_r2_signal']:.3f}", flush=True)
        if args.out: pd.DataFrame(rows).to_csv(args.out, index=False)
    df = pd.DataFrame(rows)
    pd.set_option('display.width', 200)
    signal = df[df.design != 'pure_noise']
    if len(signal): print('\n' + summary(signal.to_dict('records')).to_string())
    hard = signal[signal.design.isin(list(HARD_DESIGNS))]
    if len(hard):
        per_design = hard.groupby('design').f1.mean()
        print(f"\nhard suite: mean F1 {per_design.mean():.3f}, worst design {per_design.idxmin()} {per_design.min():.3f}, "
              f"min R2 (design mean) {hard.groupby('design').r2_signal.mean().min():.3f}, max fit {hard.fit_s.max():.1f}s")
    noise = df[df.design == 'pure_noise']
    if len(noise):
        print(f"pure noise (n={args.noise_n}, p={args.noise_p}): empty selection in "
              f"{int((noise.n_selected == 0).sum())} of {len(noise)} seeds; inputs selected per seed "
              f"{noise.n_selected.tolist()}; LassoCV empty in {int((noise.lasso_fp == 0).sum())}")

if __name__ == '__main__': main()
