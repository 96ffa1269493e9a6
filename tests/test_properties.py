"Property tests (hypothesis) for the selection rules and the derivative norms: small, fast, no training."
import numpy as np
import jax.numpy as jnp
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from sparse_deriv.derivs import partial_derivatives, derivative_norms
from sparse_deriv.select import select_top_k, select_gap, select_stable, selection_frequency

FAST = settings(max_examples=25, deadline=None)
norm_values = st.floats(0, 1e3, allow_nan=False, allow_infinity=False, width=32)
norm_vectors = arrays(np.float64, st.integers(1, 30), elements=norm_values)


@FAST
@given(data=st.data(), norms=norm_vectors)
def test_select_top_k_selects_exactly_k_of_the_largest(data, norms):
    k = data.draw(st.integers(0, len(norms)))
    mask = select_top_k(norms, k)
    assert mask.dtype == bool and mask.shape == norms.shape and mask.sum() == k
    if 0 < k < len(norms): assert norms[mask].min() >= norms[~mask].max()


@FAST
@given(norms=norm_vectors)
def test_select_gap_selects_a_top_set_of_nonzero_norms(norms):
    mask = select_gap(norms)
    assert not mask[norms == 0].any()
    assert mask.any() == (norms > 0).any()
    if mask.any() and (~mask).any(): assert norms[mask].min() >= norms[~mask].max()


@FAST
@given(fold_norms=arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 15)), elements=norm_values),
       share=st.floats(0.01, 1.0), min_fraction=st.floats(0.01, 1.0))
def test_select_stable_is_a_threshold_on_the_selection_frequency(fold_norms, share, min_fraction):
    frequency = selection_frequency(fold_norms, share)
    assert np.all((0 <= frequency) & (frequency <= 1))
    if (fold_norms.max(axis=1) > 0).all(): assert frequency.sum() >= 1 - 1e-12  # each fold's largest input reaches its share
    np.testing.assert_array_equal(select_stable(fold_norms, share, min_fraction), frequency >= min_fraction)


P_LINEAR = 6

@FAST
@given(coef=arrays(np.float32, P_LINEAR, elements=st.floats(-10, 10, width=32)),
       intercept=st.floats(-5, 5, width=32), seed=st.integers(0, 2**16))
def test_derivative_norms_of_a_linear_function_are_abs_coef(coef, intercept, seed):
    X = np.random.default_rng(seed).normal(size=(17, P_LINEAR)).astype(np.float32)
    linear = lambda X, coef=jnp.asarray(coef): X @ coef + intercept
    J = partial_derivatives(linear, X)
    np.testing.assert_allclose(np.asarray(J), np.broadcast_to(coef, X.shape), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(np.asarray(derivative_norms(J)), np.abs(coef), rtol=1e-5, atol=1e-6)


# The importance of an input does not depend on the unit it is measured in: rescaling (and shifting) one column
# leaves every importance, every scaled derivative norm and the selection as they were.
# Exact in arithmetic. The column is rescaled in float64, where a shift of 1e3 on a column of scale 1e-3 still
# leaves its standardized values a few units of 1e-10 off, so now and then one float32 input differs in its last
# bit, which training carries on (an early-stopping check can flip); the tolerances allow for that (measured over
# 40 random rescalings of a float32 column, which differs far more: at most 0.015 in an importance, 7% of the
# largest scaled norm). A dependence on units would show as a factor of up to 1000.
from sparse_deriv import SparseDerivRegressor
from sparse_deriv.data import friedman1

TINY = dict(width=8, steps_per_level=30, warmup_steps=30, refit_steps=100, levels=[0.01, 0.1], cv=3, random_state=0)
_units_sim = friedman1(n=120, p=6, seed=0)
_units_base = SparseDerivRegressor(**TINY).fit(_units_sim.X, _units_sim.y)


@settings(max_examples=8, deadline=None, derandomize=True)
@given(column=st.integers(0, 5), log_factor=st.floats(-3, 3), shift=st.floats(-1e3, 1e3))
def test_importances_do_not_depend_on_units(column, log_factor, shift):
    factor = 10.0 ** log_factor
    X = _units_sim.X.astype(np.float64); X[:, column] = X[:, column] * factor + shift  # float64: no float32 rounding
    est = SparseDerivRegressor(**TINY).fit(X, _units_sim.y)
    np.testing.assert_allclose(est.feature_importances_, _units_base.feature_importances_, atol=0.03)
    scaled = _units_base.scaled_derivative_norms_
    np.testing.assert_allclose(est.scaled_derivative_norms_, scaled, atol=0.15 * scaled.max())
    assert (est.support_ == _units_base.support_).all()


@FAST
@given(data=st.data(), n=st.integers(10, 60), K=st.integers(2, 5), loss=st.sampled_from(['squared', 'logistic', 'softmax']))
def test_null_cv_error_is_row_losses_of_the_null_outputs(data, n, K, loss):
    "The float64 null error (the selection gate's reference) equals `row_losses` of `null_outputs` on held-out rows."
    from sparse_deriv.fit import fold_weights, null_outputs, null_cv_error, row_losses
    n_classes = data.draw(st.integers(3, 4)) if loss == 'softmax' else 2
    if loss == 'squared': y = data.draw(arrays(np.float64, n, elements=st.floats(-100, 100, width=32)))
    else: y = data.draw(arrays(np.int64, n, elements=st.integers(0, n_classes - 1))).astype(np.float64)
    folds = fold_weights(n, K, data.draw(st.integers(0, 99)))
    outputs = null_outputs(y, folds, loss, n_classes)
    per_fold = [np.asarray(row_losses(jnp.asarray(np.broadcast_to(o, (n,) + np.shape(o)), jnp.float32),
                                      jnp.asarray(y, jnp.float32), loss), np.float64) for o in outputs]
    expected = [(rows * (1 - w)).sum() / (1 - w).sum() for rows, w in zip(per_fold, folds)]
    np.testing.assert_allclose(null_cv_error(y, folds, loss, n_classes), expected, rtol=1e-4, atol=1e-4)
