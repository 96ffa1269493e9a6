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
