"""When the warm-up ends: the step at which each fold's training loss first falls to 5% and 2% of its first loss.

    python benchmarks/warmup_end.py

The estimator's settings (five folds, a depth-2 network of width 64, Adam at step size 0.01, no penalty) on three
designs: the additive one at n = 1,000 with p = 10,000 and p = 100, and `block_interactions` (n = 400, p = 1,000).
Prints, per design, those steps for each fold and the mean held-out loss there and after 100 steps."""
import os
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import numpy as np, jax, jax.numpy as jnp
from flax import nnx
from sparse_deriv.fit import fold_weights, weighted_loss, train_step, make_optimizer
from sparse_deriv.nets import init_sparse_mlp
from sparse_deriv.data import additive, HARD_DESIGNS

TOLERANCES = (0.05, 0.02)

def warmup(design, steps=100, learning_rate=0.01):
    "Per fold: the steps at which the training loss reaches each tolerance, and the held-out losses there and at the end."
    Z = jnp.asarray((design.X - design.X.mean(0)) / design.X.std(0), jnp.float32)
    y = jnp.asarray((design.y - design.y.mean()) / design.y.std(), jnp.float32)
    rows = []
    for weights in fold_weights(len(y), 5):
        weights = jnp.asarray(weights)
        graphdef, params = nnx.split(init_sparse_mlp(Z.shape[1], 2, 64, 'tanh', seed=0), nnx.Param)
        optimizer = make_optimizer('group', 0., learning_rate)
        state = optimizer.init(params)
        step = jax.jit(lambda params, state: train_step(graphdef, optimizer, params, state, Z, y, weights))
        held_out = jax.jit(lambda params: weighted_loss(graphdef, params, Z, y, 1. - weights))
        train, test = [], []
        for _ in range(steps):
            params, state, value = step(params, state)
            train.append(float(value)); test.append(float(held_out(params)))
        train = np.array(train)
        ends = [next((t for t in range(2, steps) if train[t] <= tol * train[0]), steps - 1) for tol in TOLERANCES]
        rows.append([*ends, *[test[t] for t in ends], test[-1]])
    return np.array(rows)

if __name__ == '__main__':
    designs = {'additive, p = 10,000': additive(n=1000, p=10000, noise=0.5, seed=0),
               'block_interactions': HARD_DESIGNS['block_interactions'](seed=0),
               'additive, p = 100': additive(n=1000, p=100, noise=0.5, seed=0)}
    for name, design in designs.items():
        rows = warmup(design)
        print(f"{name}: steps to 5% {rows[:, 0].astype(int).tolist()}, to 2% {rows[:, 1].astype(int).tolist()}; "
              f"mean held-out loss at 5%, 2%, 100 steps: {np.round(rows[:, 2:].mean(0), 3).tolist()}", flush=True)
