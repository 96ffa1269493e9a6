"""Which activation should the unpenalised refit use, and should its fold networks stop together? R² against the
noiseless signal of the refit ensemble on the true inputs (the oracle selection), so the comparison is about estimation
alone.

    python benchmarks/refit_activation.py                    # every hard design and Friedman #1, 3 seeds
    python benchmarks/refit_activation.py --designs toeplitz_mixed --activations tanh,silu --seeds 2
    python benchmarks/refit_activation.py --activations silu --linear --stopping alone,together   # as the estimator

Each cell: K = 5 fold networks (depth 2, width 64, learning rate 10⁻², at most 400 steps, checks every 25 steps,
patience 4) averaged; R² on 2000 fresh rows. `--stopping alone`: each network keeps its own best check on its fold's
held-out rows; `together`: all keep the check whose mean held-out error over the folds is lowest (`fit_ensemble`'s
`groups`, as `SparseDerivRegressor`'s refit does). `--linear`: a linear term started at the least-squares fit (the
estimator's `linear=True`). Prints the mean over seeds per design and setting, the mean over designs and the worst
design.
"""
import argparse, os
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import numpy as np
import pandas as pd
from flax import nnx
from sparse_deriv.data import DESIGNS, HARD_DESIGNS
from sparse_deriv.fit import Ensemble, fit_ensemble, fold_weights
from sparse_deriv.nets import init_sparse_mlp

def oracle_r2(design, seed, activation, linear=False, stopping='alone'):
    "R² against the signal of the refit ensemble on the true inputs of one draw."
    train, test = DESIGNS[design](seed=seed), DESIGNS[design](n=2000, seed=seed + 1000)
    columns = np.asarray(train.relevant)
    mean, scale, y_mean, y_scale = train.X.mean(0), train.X.std(0), train.y.mean(), train.y.std()
    Z, Z_test = ((train.X - mean) / scale)[:, columns], ((test.X - mean) / scale)[:, columns]
    model = init_sparse_mlp(len(columns), 2, 64, activation, seed=seed, skip=linear)
    groups = np.zeros(5) if stopping == 'together' else None
    members, _ = fit_ensemble(model, Z, (train.y - y_mean) / y_scale, fold_weights(train.n, 5, seed), learning_rate=1e-2,
                              max_steps=400, linear_start=linear, groups=groups)
    prediction = np.asarray(Ensemble(nnx.split(model, nnx.Param)[0], members, np.ones(len(columns)))(Z_test)) * y_scale + y_mean
    return 1 - np.mean((prediction - test.signal) ** 2) / np.var(test.signal)

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--designs', default=','.join([*HARD_DESIGNS, 'friedman1']))
    parser.add_argument('--activations', default='tanh,softplus,silu,gelu')
    parser.add_argument('--stopping', default='alone', help="comma-separated: 'alone', 'together'")
    parser.add_argument('--linear', action='store_true', help='a linear term started at the least-squares fit')
    parser.add_argument('--seeds', type=int, default=3)
    args = parser.parse_args()
    label = lambda a, s: f"{a} {s}" if ',' in args.stopping else a  # a column per activation (and stopping rule)
    settings = [(a, s) for a in args.activations.split(',') for s in args.stopping.split(',')]
    rows = [dict(design=d, setting=label(a, s), seed=seed, r2=oracle_r2(d, seed, a, args.linear, s))
            for d in args.designs.split(',') for a, s in settings for seed in range(args.seeds)]
    columns = [label(a, s) for a, s in settings]
    table = pd.DataFrame(rows).pivot_table(index='design', columns='setting', values='r2', sort=False)[columns]
    print(table.round(3).to_string())
    print('mean over designs  ', table.mean().round(3).to_dict())
    print('worst design       ', table.min().round(3).to_dict())

if __name__ == '__main__': main()
