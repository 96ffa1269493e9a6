"""Should the K fold networks of the refit stop each on its own held-out rows, or together? R² against the noiseless
signal of the refit ensemble on the true inputs (the oracle selection), so the comparison is about estimation alone.

    python benchmarks/refit_stopping.py                      # every hard design and Friedman #1, 3 seeds
    python benchmarks/refit_stopping.py --designs block_even --seeds 5

Each cell: K = 5 fold networks as `SparseDerivRegressor`'s refit builds them (depth 2, width 64, SiLU, a linear term
started at the least-squares fit, learning rate 10⁻², at most 400 steps, checks every 25 steps, patience 4), averaged;
R² on 2000 fresh rows. 'alone': each network keeps its own best check; 'together': all keep the check whose mean
held-out error over the folds is lowest (`fit_ensemble(groups=…)`). Prints the mean over seeds per design, the mean
over designs and the worst design.
"""
import argparse, os
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import numpy as np
import pandas as pd
from flax import nnx
from sparse_deriv.data import DESIGNS, HARD_DESIGNS
from sparse_deriv.fit import Ensemble, fit_ensemble, fold_weights
from sparse_deriv.nets import init_sparse_mlp

STOPPING = {'alone': None, 'together': np.zeros(5)}

def oracle_r2(design, seed, stopping):
    "R² against the signal of the refit ensemble on the true inputs of one draw."
    train, test = DESIGNS[design](seed=seed), DESIGNS[design](n=2000, seed=seed + 1000)
    columns = np.asarray(train.relevant)
    mean, scale, y_mean, y_scale = train.X.mean(0), train.X.std(0), train.y.mean(), train.y.std()
    Z, Z_test = ((train.X - mean) / scale)[:, columns], ((test.X - mean) / scale)[:, columns]
    model = init_sparse_mlp(len(columns), 2, 64, 'silu', seed=seed, skip=True)
    members, _ = fit_ensemble(model, Z, (train.y - y_mean) / y_scale, fold_weights(train.n, 5, seed), learning_rate=1e-2,
                              max_steps=400, linear_start=True, groups=STOPPING[stopping])
    prediction = np.asarray(Ensemble(nnx.split(model, nnx.Param)[0], members, np.ones(len(columns)))(Z_test)) * y_scale + y_mean
    return 1 - np.mean((prediction - test.signal) ** 2) / np.var(test.signal)

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--designs', default=','.join([*HARD_DESIGNS, 'friedman1']))
    parser.add_argument('--seeds', type=int, default=3)
    args = parser.parse_args()
    rows = [dict(design=d, stopping=s, seed=seed, r2=oracle_r2(d, seed, s))
            for d in args.designs.split(',') for s in STOPPING for seed in range(args.seeds)]
    table = pd.DataFrame(rows).pivot_table(index='design', columns='stopping', values='r2', sort=False)[list(STOPPING)]
    print(table.round(3).to_string())
    print('mean over designs  ', table.mean().round(3).to_dict())
    print('worst design       ', table.min().round(3).to_dict())

if __name__ == '__main__': main()
