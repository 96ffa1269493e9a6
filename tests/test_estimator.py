"""`SparseDerivRegressor`: scikit-learn's estimator checks, and the public contract of DESIGN.md.

Run with `JAX_PLATFORMS=cpu pytest -q tests/test_estimator.py`. Compilation dominates: every new data shape
compiles a new program, so the contract tests share fits of one shape (module-scoped fixtures)."""
import copy
import os
import pickle
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import parametrize_with_checks

from sparse_deriv import SparseDerivRegressor
from sparse_deriv.data import friedman1
from sparse_deriv.derivs import derivative_norms

# ---------------------------------------------------------------------------------------------------------------
# scikit-learn's estimator checks, with settings small enough that each fit takes well under a second once compiled

SMALL = dict(width=8, steps_per_level=30, warmup_steps=30, refit_steps=100, levels=[0.01, 0.1], cv=3, random_state=0,
             second_stage=False)  # the contract tests below exercise the second stage

@parametrize_with_checks([SparseDerivRegressor(**SMALL)])
def test_sklearn_compatible(estimator, check):
    check(estimator)

# ---------------------------------------------------------------------------------------------------------------
# The contract: one shared fit with default settings on Friedman #1 (n = 400, p = 20)

N, P = 400, 20

@pytest.fixture(scope="module")
def sim(): return friedman1(n=N, p=P, seed=0)

@pytest.fixture(scope="module")
def est(sim): return SparseDerivRegressor(random_state=0).fit(sim.X, sim.y)

@pytest.fixture(scope="module")
def frame(sim): return pd.DataFrame(sim.X, columns=[f"gene_{j}" for j in range(P)])

@pytest.fixture(scope="module")
def fit_frame(frame, sim):
    "The same fit on a DataFrame with named columns, and the warnings it raised."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        est = SparseDerivRegressor(random_state=0).fit(frame, sim.y)
    return est, caught

@pytest.fixture(scope="module")
def est_frame(fit_frame): return fit_frame[0]


def test_attribute_shapes(est):
    assert est.n_features_in_ == P
    assert est.derivative_norms_.shape == (P,)
    assert np.all(np.isfinite(est.derivative_norms_)) and np.all(est.derivative_norms_ >= 0)
    assert est.support_.shape == (P,) and est.support_.dtype == bool
    assert est.feature_importances_.shape == (P,)
    np.testing.assert_allclose(est.feature_importances_.sum(), 1.0, rtol=1e-6)
    scaled = est.derivative_norms_ * est.x_scale_
    np.testing.assert_allclose(est.scaled_derivative_norms_, scaled)
    np.testing.assert_allclose(est.feature_importances_, scaled / scaled.sum())


def test_get_support(est):
    np.testing.assert_array_equal(est.get_support(), est.support_)
    np.testing.assert_array_equal(est.get_support(indices=True), np.flatnonzero(est.support_))


def test_selects_the_relevant_inputs(est, sim):
    "Not a contract but a sanity check: Friedman #1 at n = 400 is easy, the five relevant inputs come out on top."
    assert set(np.argsort(-est.derivative_norms_)[:5]) == set(range(5))
    assert est.support_[:5].all()


def test_transform_keeps_selected_columns(est, sim):
    np.testing.assert_array_equal(est.transform(sim.X), sim.X[:, est.support_])


def test_predict_and_score(est, sim):
    assert est.predict(sim.X).shape == (N,)
    test = friedman1(n=500, p=P, seed=1)
    assert est.score(test.X, test.y) > 0.8


def test_partial_derivatives_shape(est, sim):
    J = est.partial_derivatives(sim.X)
    assert J.shape == (N, P) and np.all(np.isfinite(J))
    J_rows = est.partial_derivatives(sim.X[:7])
    assert J_rows.shape == (7, P)


def test_derivative_norms_are_those_of_the_training_rows(est, sim):
    np.testing.assert_allclose(est.derivative_norms_, derivative_norms(est.partial_derivatives(sim.X)), rtol=1e-5)


def _parts(est):
    "The relaxed fit's two parts as estimators: the refit alone, and the path's networks alone."
    refit, path = copy.copy(est), copy.copy(est)
    refit.path_members_ = path.path_members_ = None
    path.graphdef_, path.members_, path.columns_ = est.path_graphdef_, est.path_members_, None
    path.input_mask_ = np.ones(est.n_features_in_, np.float32)
    return refit, path


def test_refit_reads_only_the_selected_inputs(est, sim):
    "The refit part of f̂ sees only the selected inputs: its derivatives in the others are exactly 0."
    refit, _ = _parts(est)
    J = refit.partial_derivatives(sim.X)
    assert np.all(J[:, ~est.support_] == 0) and np.all(J[:, est.support_] != 0)


def test_relaxed_fit_is_the_mix_of_its_parts(est, sim):
    "f̂ = (1 − γ)·refit + γ·path: predictions and derivatives are that mix, and γ is the CV-best weight tried."
    gamma = est.relaxed_weight_
    assert est.relaxed_cv_error_[np.isclose(np.linspace(0, 1, 21), gamma)][0] == est.relaxed_cv_error_.min()
    if not 0 < gamma < 1: pytest.skip(f"the relaxed weight is {gamma} on this machine: f̂ is one part alone")
    refit, path = _parts(est)
    mix = lambda a, b: (1 - gamma) * a + gamma * b
    np.testing.assert_allclose(est.predict(sim.X), mix(refit.predict(sim.X), path.predict(sim.X)), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(est.partial_derivatives(sim.X),
                               mix(refit.partial_derivatives(sim.X), path.partial_derivatives(sim.X)), atol=1e-3)


def test_no_mix_with_refit_true(sim):
    "`refit=True`: the refit alone, so the inputs outside the selection have derivative 0."
    est = SparseDerivRegressor(random_state=0, refit=True).fit(sim.X, sim.y)
    assert est.relaxed_weight_ == 0 and est.path_members_ is None and est.relaxed_cv_error_ is None
    assert np.all(est.derivative_norms_[~est.support_] == 0)


def test_partial_derivatives_match_finite_differences_of_predict(est, sim):
    "The chain rule back to original units: ∂f̂/∂x_j agrees with central differences of `predict`."
    X, h = sim.X[:100].astype(np.float64), 1e-2
    J = est.partial_derivatives(X)
    for j in np.flatnonzero(est.support_):
        up, down = X.copy(), X.copy()
        up[:, j] += h; down[:, j] -= h
        fd = (est.predict(up) - est.predict(down)) / (2 * h)
        np.testing.assert_allclose(np.sqrt(np.mean(fd**2)), np.sqrt(np.mean(J[:, j]**2)), rtol=0.05)
        assert np.corrcoef(fd, J[:, j])[0, 1] > 0.99


def test_units_scale_with_inputs(est, sim):
    "Fitting on X * 10 divides the derivatives by 10 (chain rule) and leaves predictions, importances and selection alone."
    # In float64, X * 10 is exact and standardizes to the same float32 inputs as X, so the two fits are the same fit:
    # the figures agree to rounding. (A float32 X * 10 is rounded, and training carries the last bits on.)
    X = sim.X.astype(np.float64)
    scaled = SparseDerivRegressor(random_state=0).fit(X * 10, sim.y)
    np.testing.assert_array_equal(scaled.support_, est.support_)
    np.testing.assert_allclose(scaled.derivative_norms_ * 10, est.derivative_norms_, rtol=1e-6)
    np.testing.assert_allclose(scaled.feature_importances_, est.feature_importances_, rtol=1e-6)
    np.testing.assert_allclose(scaled.partial_derivatives(X * 10) * 10, est.partial_derivatives(sim.X), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(scaled.predict(X * 10), est.predict(sim.X), rtol=1e-6)


def test_same_seed_same_result(est, sim):
    again = clone(est).fit(sim.X, sim.y)
    np.testing.assert_array_equal(again.support_, est.support_)
    np.testing.assert_array_equal(again.predict(sim.X), est.predict(sim.X))
    np.testing.assert_array_equal(again.derivative_norms_, est.derivative_norms_)


def test_interaction_strengths_are_computed_when_first_read(est, sim):
    "fit keeps the first 500 training rows of the selected columns; the first read computes the strengths from them."
    fitted = copy.copy(est)
    fitted.__dict__.pop('interaction_strengths_', None)
    rows = fitted._standardize(sim.X[:500])[:, np.flatnonzero(fitted.encoded_support_)]
    np.testing.assert_allclose(fitted._interaction_rows, rows, rtol=1e-6, atol=1e-6)
    H = fitted.interaction_strengths_
    assert 'interaction_strengths_' in vars(fitted) and H.shape == (fitted.support_.sum(),) * 2
    np.testing.assert_allclose(H, fitted._interaction_strengths(rows), rtol=1e-5)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(fitted)).interaction_strengths_, H)
    with pytest.raises(NotFittedError): SparseDerivRegressor().interaction_strengths_


def test_dataframe_keeps_feature_names(est_frame, frame, est, sim):
    np.testing.assert_array_equal(est_frame.feature_names_in_, frame.columns.to_numpy())
    names_out = est_frame.get_feature_names_out()
    np.testing.assert_array_equal(names_out, frame.columns.to_numpy()[est_frame.support_])
    assert est_frame.transform(frame).shape == (N, int(est_frame.support_.sum()))
    # the names change nothing in the fit
    np.testing.assert_array_equal(est_frame.predict(frame), est.predict(sim.X))


def test_dataframe_fit_does_not_warn_about_feature_names(fit_frame):
    messages = [str(w.message) for w in fit_frame[1]]
    assert not [m for m in messages if "feature names" in m], messages


def test_array_input_gets_default_names(est):
    np.testing.assert_array_equal(est.get_feature_names_out(), np.array([f"x{j}" for j in np.flatnonzero(est.support_)]))


def test_predict_with_renamed_columns_fails(est_frame, frame):
    renamed = frame.rename(columns={"gene_0": "other"})
    with pytest.raises(ValueError, match="feature names"): est_frame.predict(renamed)

# ---------------------------------------------------------------------------------------------------------------
# Errors at the boundary: each names the problem (these raise before any training, so they are fast)

def test_predict_before_fit():
    X = np.random.default_rng(0).random((5, 3))
    for method in ("predict", "partial_derivatives", "transform"):
        with pytest.raises(NotFittedError): getattr(SparseDerivRegressor(), method)(X)


def _with(X, i, j, value):
    X = X.astype(np.float64).copy(); X[i, j] = value
    return X

BAD_TRAINING_DATA = {  # name: (make X, y from the simulation, exception, message pattern)
    "NaN in X": (lambda s: (_with(s.X, 3, 2, np.nan), s.y), ValueError, "NaN"),
    "inf in X": (lambda s: (_with(s.X, 3, 2, np.inf), s.y), ValueError, "infinity"),
    "NaN in y": (lambda s: (s.X, np.where(np.arange(N) == 5, np.nan, s.y)), ValueError, "y contains NaN"),
    "1-D X": (lambda s: (s.X[:, 0], s.y), ValueError, "2D array"),
    "zero rows": (lambda s: (s.X[:0], s.y[:0]), ValueError, "0 sample"),
    "one row": (lambda s: (s.X[:1], s.y[:1]), ValueError, "minimum of 2"),
    "mismatched lengths": (lambda s: (s.X, s.y[:-1]), ValueError, "inconsistent numbers of samples"),
    "2-D y": (lambda s: (s.X, np.c_[s.y, s.y]), ValueError, "1d array"),
    "only constant columns": (lambda s: (np.ones_like(s.X), s.y), ValueError, "every column of X is constant"),
    "constant y": (lambda s: (s.X, np.ones(N)), ValueError, "y is constant"),
}

@pytest.mark.parametrize("case", list(BAD_TRAINING_DATA))
def test_bad_training_data(case, sim):
    make, exc, pattern = BAD_TRAINING_DATA[case]
    X, y = make(sim)
    with pytest.raises(exc, match=pattern): SparseDerivRegressor().fit(X, y)


def test_constant_dataframe_column_is_named_and_left_out(frame, sim):
    with pytest.warns(UserWarning, match="constant columns are left out.*'gene_7'"):
        est = SparseDerivRegressor(random_state=0).fit(frame.assign(gene_7=2.5), sim.y)
    assert est.constant_columns_[7] and not est.support_[7] and est.feature_importances_[7] == 0
    assert np.all(np.isfinite(est.predict(frame.assign(gene_7=2.5))))


def test_non_numeric_dataframe_column(frame, sim):
    bad = frame.assign(gene_3=frame["gene_3"].astype(str))
    bad.loc[0, "gene_3"] = "red"
    with pytest.raises(TypeError, match="holds numbers and text"): SparseDerivRegressor().fit(bad, sim.y)


def test_non_numeric_dataframe_column_is_named(frame, sim):
    bad = frame.assign(gene_3=frame["gene_3"].astype(str))
    bad.loc[0, "gene_3"] = "red"
    with pytest.raises((ValueError, TypeError), match="gene_3"): SparseDerivRegressor().fit(bad, sim.y)


def test_string_y_names_the_problem(sim):
    with pytest.raises((ValueError, TypeError), match="y must be numeric|could not convert"):
        SparseDerivRegressor().fit(sim.X, np.array(["a", "b"] * (N // 2)))


@pytest.mark.parametrize("method", ["predict", "partial_derivatives", "transform"])
def test_wrong_number_of_features_after_fit(est, sim, method):
    with pytest.raises(ValueError, match=f"X has 5 features, but SparseDerivRegressor is expecting {P} features"):
        getattr(est, method)(sim.X[:, :5])


def test_nan_at_predict(est, sim):
    with pytest.raises(ValueError, match="NaN"): est.predict(_with(sim.X, 0, 0, np.nan))
    with pytest.raises(ValueError, match="NaN"): est.partial_derivatives(_with(sim.X, 0, 0, np.nan))


BAD_SETTINGS = {
    "penalty": ("ridge", "penalty must be"),
    "activation": ("sigmoid", "activation must be one of"),
    "cv_rule": ("max", "cv_rule must be"),
    "selection": ("lasso", "selection must be"),
    "cv": (1, "cv must be an integer between 2"),
    "width": (0, "width must be"),
    "depth": (2.5, "depth must be"),
    "steps_per_level": (-1, "steps_per_level must be"),
    "refit_steps": (20, "refit_steps must be at least 25"),
    "batch_size": (10_000, "batch_size must be"),
    "levels": ([-1.0], "levels must be"),
    "chance_alpha": (1.5, "chance_alpha must be None or a number between 0 and 1"),
    "refit": ("yes", "refit must be True, False or 'relaxed'"),
}

@pytest.mark.parametrize("name", list(BAD_SETTINGS))
def test_bad_settings(name, sim):
    value, pattern = BAD_SETTINGS[name]
    with pytest.raises(ValueError, match=pattern): SparseDerivRegressor(**{name: value}).fit(sim.X, sim.y)


# ---------------------------------------------------------------------------------------------------------------
# Text and discrete inputs: a table with a three-level text column, a 0/1 flag, a continuous input and noise

@pytest.fixture(scope="module")
def mixed_table():
    rng = np.random.default_rng(0); n = 300
    table = pd.DataFrame(dict(age=rng.uniform(20, 80, n), colour=rng.choice(["red", "green", "blue"], n),
                              flag=(rng.uniform(size=n) < 0.4).astype(float), **{f"z{j}": rng.normal(size=n) for j in range(4)}))
    effect = table.colour.map(dict(red=2.0, green=-1.0, blue=0.0)).to_numpy()
    y = 0.05 * table.age.to_numpy() + effect + 1.5 * table.flag.to_numpy() + rng.normal(0, 0.3, n)
    return table, y

@pytest.fixture(scope="module")
def mixed_est(mixed_table):
    table, y = mixed_table
    return SparseDerivRegressor(random_state=0).fit(table, y)


def test_text_column_is_one_input(mixed_est, mixed_table):
    table, _ = mixed_table
    assert mixed_est.n_features_in_ == 7 and list(mixed_est.feature_names_in_) == list(table.columns)
    for name in ("support_", "derivative_norms_", "feature_importances_", "selection_probabilities_", "constant_columns_"):
        assert getattr(mixed_est, name).shape == (7,), name
    assert mixed_est.path_derivative_norms_.shape[-1] == 7
    assert list(mixed_est.categories_[1]) == ["blue", "green", "red"]
    assert mixed_est.support_[:3].all() and not mixed_est.support_[3:].any()
    assert mixed_est.partial_derivatives(table.iloc[:10]).shape == (10, 7)
    assert mixed_est.transform(table).shape == (300, 3)


def test_text_effect_is_the_level_spread(mixed_est, mixed_table):
    "Level values 2, -1, 0 with shares near 1/3: the norm of the level effect is their spread (about 1.25)."
    table, _ = mixed_table
    shares = table.colour.value_counts(normalize=True)
    values = pd.Series(dict(red=2.0, green=-1.0, blue=0.0))
    spread = np.sqrt((shares * (values[shares.index] - (shares * values[shares.index]).sum()) ** 2).sum())
    np.testing.assert_allclose(mixed_est.derivative_norms_[1], spread, rtol=0.1)
    assert mixed_est.input_scale_[1] == 1.0 and np.isnan(mixed_est.interaction_strengths_[1]).all()


def test_binary_input_gets_its_finite_difference(mixed_est, mixed_table):
    table, _ = mixed_table
    assert list(mixed_est.discrete_levels_) == [2] and list(mixed_est.discrete_levels_[2]) == [0.0, 1.0]
    rows = table.iloc[:20]
    step = mixed_est.predict(rows.assign(flag=1.0)) - mixed_est.predict(rows.assign(flag=0.0))
    np.testing.assert_allclose(mixed_est.partial_derivatives(rows)[:, 2], step, rtol=1e-3, atol=1e-4)
    np.testing.assert_allclose(mixed_est.derivative_norms_[2], 1.5, rtol=0.1)


def test_text_columns_at_predict(mixed_est, mixed_table):
    table, _ = mixed_table
    np.testing.assert_allclose(mixed_est.predict(table[table.columns[::-1]].iloc[:5]), mixed_est.predict(table.iloc[:5]))
    with pytest.raises(ValueError, match="levels not seen in fit: 'purple'"): mixed_est.predict(table.iloc[:3].assign(colour="purple"))
    with pytest.raises(ValueError, match="missing 'flag'"): mixed_est.predict(table.drop(columns="flag"))
    with pytest.raises(ValueError, match="unexpected 'extra'"): mixed_est.predict(table.assign(extra=1.0))
    with pytest.raises(TypeError, match="DataFrame"): mixed_est.predict(table.drop(columns="colour").to_numpy())
    with pytest.raises(ValueError, match="missing values in text column 'colour'"): mixed_est.predict(table.iloc[:3].assign(colour=None))
    with pytest.raises(TypeError, match="column 'age' must be numeric"): mixed_est.predict(table.iloc[:3].assign(age="old"))


def test_single_level_text_column_is_left_out(mixed_table):
    table, y = mixed_table
    with pytest.warns(UserWarning, match="constant columns are left out.*'shape'"):
        est = SparseDerivRegressor(**SMALL).fit(table.assign(shape="round"), y)
    assert est.constant_columns_[7] and not est.support_[7] and est.feature_importances_[7] == 0


def test_rare_level_missing_from_a_fold_is_named(mixed_table):
    table, y = mixed_table
    rare = np.zeros(len(table)); rare[:2] = 1.0
    with pytest.warns(UserWarning, match="missing from the training rows of some cross-validation fold.*'rare'"):
        SparseDerivRegressor(**SMALL).fit(table.assign(rare=rare), y)


def test_discrete_can_be_declared_or_switched_off(mixed_table):
    table, y = mixed_table
    assert list(SparseDerivRegressor(**SMALL, discrete=None).fit(table, y).discrete_levels_) == []
    assert list(SparseDerivRegressor(**SMALL, discrete=["flag", 0]).fit(table, y).discrete_levels_) == [0, 2]
    with pytest.raises(ValueError, match="'weight', which is not a column"): SparseDerivRegressor(discrete=["weight"]).fit(table, y)
    with pytest.raises(ValueError, match="text columns 'colour'"): SparseDerivRegressor(discrete=["colour"]).fit(table, y)


def test_text_column_that_is_an_identifier_or_a_number(mixed_table):
    table, y = mixed_table
    with pytest.raises(ValueError, match="'name' has a different value in every row"):
        SparseDerivRegressor().fit(table.assign(name=[f"p{i}" for i in range(len(table))]), y)


def test_partial_derivatives_spread_over_folds(est, sim):
    J, spread = est.partial_derivatives(sim.X[:50], return_std=True)
    np.testing.assert_allclose(J, est.partial_derivatives(sim.X[:50]))
    assert spread.shape == J.shape and (spread >= 0).all() and (spread[:, est.support_] > 0).any()
    _, refit_spread = _parts(est)[0].partial_derivatives(sim.X[:50], return_std=True)  # the refit reads the selected
    assert (refit_spread[:, ~est.support_] == 0).all() and (refit_spread[:, est.support_] > 0).any()


def test_pair_partners_only_above_the_limit():
    "Wide data: the residual screen pairs columns with the selection and the path's strongest columns only, 256 in all."
    from sparse_deriv.estimator import PAIR_SCAN_MAX_FEATURES, PAIR_PARTNERS
    est = SparseDerivRegressor()
    p = PAIR_SCAN_MAX_FEATURES + 1
    est.path_derivative_norms_ = np.random.default_rng(0).random((3, 4, p))
    assert est._pair_partners([0], PAIR_SCAN_MAX_FEATURES) is None
    ranked = [int(j) for j in np.argsort(-est.path_derivative_norms_.mean(0).max(0))]
    weak = ranked[-1]  # the weakest column, selected: it joins, and the count stays PAIR_PARTNERS
    partners = est._pair_partners([weak], p)
    assert len(partners) == PAIR_PARTNERS and partners == sorted(partners)
    assert set(partners) == set(ranked[:PAIR_PARTNERS - 1]) | {weak}
    strong = ranked[0]  # a selected column among the strongest takes no extra place
    assert set(est._pair_partners([strong], p)) == set(ranked[:PAIR_PARTNERS])


def test_second_stage_batches_on_many_rows(monkeypatch):
    "Above 2 × SECOND_STAGE_BATCH rows the comparisons take mini-batches for twice the steps, unless batch_size=None."
    import sparse_deriv.estimator as estimator
    seen = []
    monkeypatch.setattr(estimator, 'compare_sets', lambda *args, **kwargs: seen.append(kwargs))
    est = SparseDerivRegressor(refit_steps=300)
    est.loss_, est.n_outputs_ = 'squared', 1
    for n in (2 * estimator.SECOND_STAGE_BATCH, 2 * estimator.SECOND_STAGE_BATCH + 1):
        est._compare([[0]], np.zeros((n, 2)), np.zeros(n), np.ones((5, n)), 0)
    est.set_params(batch_size=None)._compare([[0]], np.zeros((5000, 2)), np.zeros(5000), np.ones((5, 5000)), 0)
    assert seen[0]['max_steps'] == 300 and 'batch_size' not in seen[0]
    assert (seen[1]['batch_size'], seen[1]['max_steps'], seen[1]['eval_every']) == (1024, 600, 50)
    assert 'batch_size' not in seen[2]


CACHE_SCRIPT = """
import sys, jax, jax.numpy as jnp
from sparse_deriv.estimator import use_compilation_cache
bound = None if sys.argv[2] == 'none' else float(sys.argv[2])
use_compilation_cache(sys.argv[1], min_compile_seconds=0, max_megabytes=bound)
for k in range(40): jax.jit(lambda x, k=k: jnp.sin(x) * k + jnp.cos(x) ** k)(jnp.ones(k + 1)).block_until_ready()
"""

def test_compilation_cache_is_bounded(tmp_path):
    "Above `max_megabytes` JAX deletes the least recently used programs; without a bound the same run keeps all."
    def cached_megabytes(bound):
        folder = tmp_path / bound
        env = {k: v for k, v in os.environ.items() if not k.startswith('JAX_COMPILATION_CACHE')}
        subprocess.run([sys.executable, '-c', CACHE_SCRIPT, str(folder), bound], check=True, timeout=300,
                       env=dict(env, JAX_PLATFORMS='cpu'))
        return sum(f.stat().st_size for f in folder.iterdir() if f.name.endswith('-cache')) / 2**20
    unbounded, bounded = cached_megabytes('none'), cached_megabytes('0.05')
    assert unbounded > 0.1, unbounded
    assert 0 < bounded <= 0.05, bounded


def test_discrete_effects_only_where_the_function_reads():
    "Allele counts: difference quotients only for the columns f̂ reads, the same as predict's differences for all."
    rng = np.random.default_rng(1); n, p = 300, 12
    X = rng.integers(0, 3, (n, p)).astype(float)
    y = X[:, 0] + 1.5 * (X[:, 1] >= 1) + rng.normal(0, 0.3, n)
    est = SparseDerivRegressor(**{**SMALL, 'refit': False}).fit(X, y)  # the path's networks alone: zero rows left out
    read = est._read_columns()
    assert read[:2].all() and not read.all() and len(est.discrete_levels_) == p
    rows = X[:20]
    J = est.partial_derivatives(rows)
    for j in range(p):  # the quotient between the adjacent levels each row steps across (up, or down from the top)
        low = np.where(rows[:, j] == 2, 1., rows[:, j])
        step = est.predict(np.column_stack([*rows[:, :j].T, low + 1, *rows[:, j + 1:].T])) - \
               est.predict(np.column_stack([*rows[:, :j].T, low, *rows[:, j + 1:].T]))
        np.testing.assert_allclose(J[:, j], step, rtol=1e-3, atol=1e-4, err_msg=f"column {j}")
    assert (J[:, ~read] == 0).all()


def test_forward_step_answers_the_backward_step_after_it(monkeypatch):
    "Adding a missed even effect takes two comparisons: the backward step after it reads the forward step's spare slots."
    from sparse_deriv.data import additive
    from sparse_deriv.fit import fold_weights
    data = additive(n=400, p=12, noise=0.3, seed=0)
    Z = ((data.X - data.X.mean(0)) / data.X.std(0)).astype(np.float32)
    z_y = ((data.y - data.y.mean()) / data.y.std()).astype(np.float32)
    est = SparseDerivRegressor(refit_steps=200, random_state=0)
    est.loss_, est.n_outputs_, est.input_groups_ = 'squared', 1, np.arange(12)
    est.support_ = np.isin(np.arange(12), [0, 2, 3, 4])  # the path missed x₁ (3 x₁², an even effect)
    est.path_derivative_norms_, est.level_index_ = np.where(est.support_, 1., 0.)[None, None].repeat(5, 0), 0
    calls = []
    compare = type(est)._compare
    monkeypatch.setattr(type(est), '_compare', lambda self, sets, *a: calls.append(sets) or compare(self, sets, *a))
    est._second_stage(Z, z_y, fold_weights(400, 5, 0), 0)
    steps = est.selection_steps_
    assert np.flatnonzero(est.support_).tolist() == [0, 1, 2, 3, 4]
    assert steps.step.tolist()[:3] == ['drop', 'add', 'drop'] and steps.inputs[1] == [1]
    assert len(calls) == 2  # the backward step on {0, …, 4} was in the forward step's call
    assert [0, 1, 2, 3, 4] in calls[1] and all(T in calls[1] for T in ([0, 2, 3, 4], [1, 2, 3, 4], [0, 1, 2, 3]))
