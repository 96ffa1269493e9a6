"Figures of a fitted estimator: what each plot draws, and the errors on bad input."
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import inspect

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from sparse_deriv.data import DESIGN_FUNCTIONS, friedman1
from sparse_deriv.estimator import SparseDerivRegressor
from sparse_deriv.plots import plot_cv_curve, plot_dependence, plot_importances, plot_interactions, plot_path

PLOTS = [plot_importances, plot_path, plot_cv_curve, plot_interactions]


@pytest.fixture(scope="module")
def fitted():
    sim = friedman1(n=200, p=10, seed=0)
    return sim, SparseDerivRegressor(width=16, random_state=0).fit(sim.X, sim.y)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def altered(est, **attributes):
    "A copy of the fitted estimator with some fitted attributes replaced."
    copy = type(est).__new__(type(est))
    copy.__dict__.update(est.__dict__, **attributes)
    return copy


def names(est, mask=None):
    return [f"x{j}" for j in (range(est.n_features_in_) if mask is None else np.flatnonzero(mask))]


def test_importances_bars_labels_and_note(fitted):
    _, est = fitted
    ax = plot_importances(est, top=4)
    assert len(ax.patches) == 4
    order = np.argsort(-est.feature_importances_, kind="stable")[:4]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"x{j}" for j in order]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], est.feature_importances_[order])
    probabilities = [t.get_text().strip() for t in ax.texts[:4]]
    assert probabilities == [f"{est.selection_probabilities_[j]:.2f}" for j in order]
    hidden_selected = int(est.support_.sum() - est.support_[order].sum())
    assert ax.texts[-1].get_text() == f"6 more inputs not shown, {hidden_selected} of them selected"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["selected", "not selected"]


def test_importances_all_shown_has_no_note(fitted):
    _, est = fitted
    ax = plot_importances(est, top=50)
    assert len(ax.patches) == est.n_features_in_
    assert not any("not shown" in t.get_text() for t in ax.texts)


def test_importances_selected_bars_coloured(fitted):
    _, est = fitted
    ax = plot_importances(est, top=est.n_features_in_)
    order = np.argsort(-est.feature_importances_, kind="stable")
    colours = [tuple(p.get_facecolor()) for p in ax.patches]
    selected = {c for c, j in zip(colours, order) if est.support_[j]}
    others = {c for c, j in zip(colours, order) if not est.support_[j]}
    assert len(selected) <= 1 and len(others) <= 1 and not selected & others


@pytest.mark.parametrize("top", [0, -3, 2.5, True])
def test_importances_bad_top(fitted, top):
    with pytest.raises(ValueError, match="top must be a positive integer"): plot_importances(fitted[1], top=top)


def test_importances_uses_feature_names(fitted):
    _, est = fitted
    named = altered(est, feature_names_in_=np.array([f"gene_{j}" for j in range(est.n_features_in_)], dtype=object))
    ax = plot_importances(named, top=3)
    order = np.argsort(-est.feature_importances_, kind="stable")[:3]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"gene_{j}" for j in order]
    with pytest.raises(ValueError, match="unknown feature 'x0'; the inputs are gene_0, gene_1"):
        plot_dependence(named, np.zeros((3, est.n_features_in_)), "x0")


def test_dependence_panels_and_truth(fitted):
    sim, est = fitted
    truth = DESIGN_FUNCTIONS["friedman1"][1](sim.X)
    fig = plot_dependence(est, sim.X, ["x0", 2], truth=truth)
    assert [a.get_xlabel() for a in fig.axes] == ["x0", "x2"]
    J = est.partial_derivatives(sim.X)
    for a, j in zip(fig.axes, [0, 2]):
        fitted_points, true_points = a.collections[-2], a.collections[-1]
        np.testing.assert_allclose(fitted_points.get_offsets()[:, 0], sim.X[:, j], rtol=1e-6)
        np.testing.assert_allclose(fitted_points.get_offsets()[:, 1], J[:, j], rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(true_points.get_offsets()[:, 1], truth[:, j], rtol=1e-6)


def test_dependence_one_feature_returns_axes_on_given_axes(fitted):
    sim, est = fitted
    _, given = plt.subplots()
    ax = plot_dependence(est, sim.X, 3, ax=given)
    assert ax is given
    assert ax.get_xlabel() == "x3" and ax.get_ylabel() == "∂f̂/∂x3"


def test_dependence_error_bars_when_spread_available(fitted):
    sim, est = fitted
    ax = plot_dependence(est, sim.X, "x1")
    has_std = "return_std" in inspect.signature(est.partial_derivatives).parameters
    assert len(ax.collections) == (2 if has_std else 1)


def test_dependence_bad_input(fitted):
    sim, est = fitted
    with pytest.raises(ValueError, match=r"unknown feature 'age'; the inputs are x0, x1"):
        plot_dependence(est, sim.X, ["x0", "age"])
    with pytest.raises(ValueError, match="unknown feature 10"): plot_dependence(est, sim.X, 10)
    with pytest.raises(ValueError, match="truth must have shape"):
        plot_dependence(est, sim.X, 0, truth=np.zeros((3, 3)))
    with pytest.raises(ValueError, match="features is empty"): plot_dependence(est, sim.X, [])
    _, one = plt.subplots()
    with pytest.raises(ValueError, match="1 axes for 2 features"): plot_dependence(est, sim.X, [0, 1], ax=one)


def test_path_lines_and_chosen_level(fitted):
    _, est = fitted
    ax = plot_path(est)
    p = est.n_features_in_
    assert len(ax.lines) == p + 1
    assert ax.get_xscale() == "log"
    np.testing.assert_allclose(ax.lines[-1].get_xdata(), [est.level_, est.level_])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == names(est, est.support_) + ["chosen level"]
    mean = est.path_derivative_norms_.mean(0)
    for line, j in zip(ax.lines[:p], list(np.flatnonzero(~est.support_)) + list(np.flatnonzero(est.support_))):
        np.testing.assert_allclose(line.get_ydata(), mean[:, j])
        np.testing.assert_allclose(line.get_xdata(), est.levels_)


def test_cv_curve_lines_band_and_null(fitted):
    _, est = fitted
    ax = plot_cv_curve(est)
    curve, null, chosen = ax.lines
    np.testing.assert_allclose(curve.get_ydata(), est.cv_error_)
    np.testing.assert_allclose(null.get_ydata(), [est.null_cv_error_.mean()] * 2)
    np.testing.assert_allclose(chosen.get_xdata(), [est.level_, est.level_])
    assert len(ax.collections) == 1  # the ± standard error band
    assert ax.get_xscale() == "log"


def test_interactions_heatmap(fitted):
    _, est = fitted
    ax = plot_interactions(est)
    labels = names(est, est.support_)
    assert [t.get_text() for t in ax.get_xticklabels()] == labels
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    mesh = ax.collections[0]
    shown = np.asarray(mesh.get_array()).reshape(len(labels), len(labels))
    np.testing.assert_allclose(shown, est.interaction_strengths_)


def test_interactions_masks_nan(fitted):
    _, est = fitted
    H = est.interaction_strengths_.copy()
    H[0, :] = H[:, 0] = np.nan
    mesh = plot_interactions(altered(est, interaction_strengths_=H)).collections[0]
    assert np.ma.getmaskarray(mesh.get_array()).reshape(H.shape)[0].all()


def test_plots_draw_on_given_axes(fitted):
    _, est = fitted
    fig, axes = plt.subplots(1, len(PLOTS))
    for plot, a in zip(PLOTS, axes): assert plot(est, ax=a) is a
    assert len(fig.axes) == len(PLOTS) + 1  # the heat map adds its colour bar


@pytest.mark.parametrize("plot", PLOTS + [lambda est: plot_dependence(est, np.zeros((3, 4)), 0)],
                         ids=["importances", "path", "cv_curve", "interactions", "dependence"])
def test_unfitted_raises(plot):
    with pytest.raises(NotFittedError): plot(SparseDerivRegressor())


def test_no_show(fitted, monkeypatch):
    sim, est = fitted
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show called"))
    for plot in PLOTS: plot(est)
    plot_dependence(est, sim.X, [0, 1])


def test_interactions_none_selected(fitted):
    _, est = fitted
    empty = altered(est, support_=np.zeros(est.n_features_in_, bool), interaction_strengths_=np.zeros((0, 0)))
    ax = plot_interactions(empty)
    assert [t.get_text() for t in ax.texts] == ["no input selected"]


def test_importances_many_inputs(fitted):
    _, est = fitted
    p, rng = 10_000, np.random.default_rng(0)
    importance = rng.random(p)
    support = np.zeros(p, bool)
    support[np.argsort(-importance)[[0, 1, 50, 60]]] = True  # two selected inputs fall outside the top 20
    wide = altered(est, n_features_in_=p, feature_importances_=importance / importance.sum(), support_=support,
                   selection_probabilities_=support.astype(float))
    ax = plot_importances(wide)
    assert len(ax.patches) == 20
    assert ax.texts[-1].get_text() == "9,980 more inputs not shown, 2 of them selected"
