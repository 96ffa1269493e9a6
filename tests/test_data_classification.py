"Properties of the classification designs in `sparse_deriv.data` that the notebook's lessons do not show."
import numpy as np
import pytest
from scipy import special
from sparse_deriv.data import (CLASSIFICATION_DESIGNS, DESIGNS, bayes_accuracy, class_probabilities, draw_labels,
                               logistic_friedman1, logistic_friedman1_function, multiclass, multiclass_function,
                               multiclass_gradient)

def test_registries_are_separate():
    assert set(CLASSIFICATION_DESIGNS) == {'logistic_friedman1', 'multiclass'}
    assert not set(CLASSIFICATION_DESIGNS) & set(DESIGNS)

@pytest.mark.parametrize('name', list(CLASSIFICATION_DESIGNS))
def test_generator_seed_and_frame(name):
    "A Generator works as a seed, and `to_frame` keeps integer labels as column `y`."
    design = CLASSIFICATION_DESIGNS[name]
    a, b = design(n=30, seed=np.random.default_rng(5)), design(n=30, seed=np.random.default_rng(5))
    np.testing.assert_array_equal(a.y, b.y)
    df = a.to_frame()
    assert df.columns[-1] == 'y' and df.y.dtype == np.int64 and len(df.columns) == a.p + 1

def test_binary_labels_follow_the_logistic():
    "Rows with log-odds η get class 1 with frequency σ(η)."
    for eta in (-2.0, 0.0, 1.5):
        y = draw_labels(np.full(50_000, eta), np.random.default_rng(1))
        assert abs(y.mean() - special.expit(eta)) < 0.01

def test_two_class_multiclass_is_half_the_log_odds():
    "With two classes the centred logit of class 1 is half its log-odds, and both give the same probabilities."
    X = np.random.default_rng(0).uniform(-1, 1, (100, 5))
    centred = multiclass_function(X, classes=2)
    np.testing.assert_allclose(centred[:, 1], -centred[:, 0])
    log_odds = 8 * X[:, 1] * X[:, 2] - 4 * X[:, 0]
    np.testing.assert_allclose(centred[:, 1], log_odds / 2)
    np.testing.assert_allclose(class_probabilities(centred), class_probabilities(log_odds))
    np.testing.assert_allclose(multiclass_gradient(X, classes=2).sum(1), 0, atol=1e-12)

def test_scale_trades_accuracy():
    "A larger scale flattens the log-odds and lowers the Bayes accuracy; the labels stay balanced."
    acc = [bayes_accuracy(logistic_friedman1(n=20_000, p=5, seed=2, scale=s).signal) for s in (0.5, 1, 2, 4)]
    assert all(a > b for a, b in zip(acc, acc[1:]))
    X = logistic_friedman1(n=20_000, p=5, seed=2).X
    np.testing.assert_allclose(logistic_friedman1_function(X, 2.0), logistic_friedman1_function(X) / 2, rtol=1e-6)

def test_bad_arguments():
    with pytest.raises(ValueError, match='scale must be positive'): logistic_friedman1(scale=-1)
    with pytest.raises(ValueError, match='p >= 5'): logistic_friedman1(p=4)
    with pytest.raises(ValueError, match='n >= 1'): multiclass(n=0)
    with pytest.raises(ValueError, match='p >= 7'): multiclass(p=6, classes=5)
    with pytest.raises(ValueError, match='classes'): multiclass(classes=2.5)
