"""Which activation should the unpenalised refit use? R² against the noiseless signal of the refit ensemble on the
true inputs (the oracle selection), so the comparison is about estimation alone.

    python benchmarks/refit_activation.py                    # every hard design and Friedman #1, 3 seeds
    python benchmarks/refit_activation.py --designs toeplitz_mixed --activations tanh,silu --seeds 2

Each cell: K = 5 fold networks (depth 2, width 64, learning rate 10⁻², at most 400 steps, each early-stopped on its
fold's held-out rows) averaged; R² on 2000 fresh rows. `SparseDerivRegressor`'s refit also starts at the linear fit
and stops the folds together; here the units alone are compared, as they were measured. Prints the mean over
seeds per design and activation, the mean over designs and the worst design.
"""
import argparse, os
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import numpy as np
import pandas as pd
from flax import nnx
from sparse_deriv.data import DESIGNS, HARD_DESIGNS
from sparse_deriv.fit import Ensemble, fit_ensemble, fold_weights
from sparse_deriv.nets import init_sparse_mlp

def oracle_r2(design, seed, activation):
    "R² against the signal of the refit ensemble on the true inputs of one draw."
    train, test = DESIGNS[design](seed=seed), DESIGNS[design](n=2000, seed=seed + 1000)
    columns = np.asarray(train.relevant)
    mean, scale, y_mean, y_scale = train.X.mean(0), train.X.std(0), train.y.mean(), train.y.std()
    Z, Z_test = ((train.X - mean) / scale)[:, columns], ((test.X - mean) / scale)[:, columns]
    model = init_sparse_mlp(len(columns), 2, 64, activation, seed=seed)
    members, _ = fit_ensemble(model, Z, (train.y - y_mean) / y_scale, fold_weights(train.n, 5, seed), learning_rate=1e-2, max_steps=400)
    prediction = np.asarray(Ensemble(nnx.split(model, nnx.Param)[0], members, np.ones(len(columns)))(Z_test)) * y_scale + y_mean
    return 1 - np.mean((prediction - test.signal) ** 2) / np.var(test.signal)

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--designs', default=','.join([*HARD_DESIGNS, 'friedman1']))
    parser.add_argument('--activations', default='tanh,softplus,silu,gelu')
    parser.add_argument('--seeds', type=int, default=3)
    args = parser.parse_args()
    rows = [dict(design=d, activation=a, seed=s, r2=oracle_r2(d, s, a))
            for d in args.designs.split(',') for a in args.activations.split(',') for s in range(args.seeds)]
    table = pd.DataFrame(rows).pivot_table(index='design', columns='activation', values='r2', sort=False)[args.activations.split(',')]
    print(table.round(3).to_string())
    print('mean over designs  ', table.mean().round(3).to_dict())
    print('worst design       ', table.min().round(3).to_dict())

if __name__ == '__main__': main()
