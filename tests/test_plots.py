"Figures of a fit, from a fitted estimator or from arrays: what each plot draws, and the errors on bad input."
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import inspect

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from sparse_deriv.data import DESIGN_FUNCTIONS, friedman1
from sparse_deriv.estimator import SparseDerivRegressor
import pandas as pd
from sparse_deriv.plots import (plot_cv_curve, plot_cv_errors, plot_dependence, plot_derivative_dependence,
                                plot_importance_bars, plot_importances, plot_interaction_matrix, plot_interactions,
                                plot_norm_path, plot_path)

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


# ---- the array forms ----

def test_importance_bars_from_arrays():
    importance = np.array([0.1, 0.4, 0.0, 0.3, 0.2])
    ax = plot_importance_bars(importance, selected=[0, 1, 0, 1, 0], probabilities=[0.2, 1, 0, 0.9, 0.4],
                              names=list("abcde"), top=3)
    assert isinstance(ax, plt.Axes) and len(ax.patches) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "d", "e"]
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [0.4, 0.3, 0.2])
    assert [t.get_text().strip() for t in ax.texts[:3]] == ["1.00", "0.90", "0.40"]
    assert ax.texts[-1].get_text() == "2 more inputs not shown, 0 of them selected"
    colours = [tuple(p.get_facecolor()) for p in ax.patches]
    assert colours[0] == colours[1] != colours[2]


def test_importance_bars_plain_vector_and_threshold():
    ax = plot_importance_bars([3., 1., 2.], threshold=2.5)
    assert len(ax.patches) == 3 and not ax.texts  # no probabilities, nothing hidden
    assert len({tuple(p.get_facecolor()) for p in ax.patches}) == 1  # no mask: one colour
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["threshold"]
    np.testing.assert_allclose(ax.lines[0].get_xdata(), [2.5, 2.5])
    assert ax.get_xlim()[1] >= 2.5


def test_importance_bars_ten_thousand_inputs():
    p, rng = 10_000, np.random.default_rng(1)
    importance = rng.exponential(size=p)
    selected = importance > np.sort(importance)[-3]  # the top two
    selected[np.argsort(importance)[:5]] = True  # and five of the smallest, far outside the top 20
    ax = plot_importance_bars(importance, selected=selected, probabilities=selected * 0.9)
    assert len(ax.patches) == 20 and len(ax.get_yticklabels()) == 20
    assert ax.texts[-1].get_text() == "9,980 more inputs not shown, 5 of them selected"
    assert tuple(ax.figure.get_size_inches()) == (6, 7.5)  # sized by the bars shown, not by p
    assert plot_importance_bars(importance, top=5).texts[-1].get_text() == "9,995 more inputs not shown"


@pytest.mark.parametrize("kwargs, message", [
    (dict(importances=[[0.5, 0.5]]), r"importances must have shape \(p,\); got \(1, 2\)"),
    (dict(importances=[]), "importances is empty"),
    (dict(importances=[0.5, -0.1]), "importances must be finite and non-negative"),
    (dict(importances=[0.5, np.nan]), "importances must be finite and non-negative"),
    (dict(importances=[0.5, 0.5], selected=[True]), r"selected must have shape \(p,\) = \(2,\); got \(1,\)"),
    (dict(importances=[0.5, 0.5], selected=[1, 3]), "selected must be a boolean mask; got values such as 3"),
    (dict(importances=[0.5, 0.5], probabilities=[0.5, 1.5]), "probabilities must lie between 0 and 1"),
    (dict(importances=[0.5, 0.5], names=["a"]), "names must have one entry per input, 2; got 1"),
    (dict(importances=[0.5, 0.5], threshold=-1), "threshold must be a finite non-negative number"),
    (dict(importances=["a", "b"]), "importances must be numeric"),
])
def test_importance_bars_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message): plot_importance_bars(**kwargs)


def test_array_forms_refuse_an_estimator(fitted):
    _, est = fitted
    with pytest.raises(TypeError, match="importances must be an array, not a SparseDerivRegressor; for a fitted"):
        plot_importance_bars(est)
    with pytest.raises(TypeError, match="H must be an array"): plot_interaction_matrix(est)


@pytest.fixture(scope="module")
def rows():
    "Rows of g(a, b, c) = a² + 3ab and its exact partial derivatives."
    X = np.random.default_rng(0).uniform(-1, 1, (50, 3))
    return X, np.c_[2 * X[:, 0] + 3 * X[:, 1], 3 * X[:, 0], np.zeros(50)]


def test_derivative_dependence_panels(rows):
    X, J = rows
    fig = plot_derivative_dependence(X, J, [0, "x1"], truth=J, spread=np.full_like(J, 0.1))
    assert isinstance(fig, plt.Figure) and len(fig.axes) == 2
    assert [a.get_xlabel() for a in fig.axes] == ["x0", "x1"]
    for a, j in zip(fig.axes, [0, 1]):
        assert len(a.collections) == 3  # error bars, fitted, true
        np.testing.assert_allclose(a.collections[1].get_offsets(), np.c_[X[:, j], J[:, j]])


def test_derivative_dependence_against_and_dataframe(rows):
    X, J = rows
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    ax = plot_derivative_dependence(frame, J, "b", against="a")
    assert isinstance(ax, plt.Axes) and (ax.get_xlabel(), ax.get_ylabel()) == ("a", "∂f̂/∂b")
    np.testing.assert_allclose(ax.collections[0].get_offsets(), np.c_[X[:, 0], 3 * X[:, 0]])
    assert len(ax.collections) == 1  # no spread, no truth
    fig = plot_derivative_dependence(X, J, [1, 1], names=list("abc"), against=[1, 0])
    assert [a.get_xlabel() for a in fig.axes] == ["b", "a"]


def test_derivative_dependence_on_given_axes(rows):
    X, J = rows
    fig, axes = plt.subplots(1, 3)
    assert plot_derivative_dependence(X, J, [0, 1, 2], ax=axes) is fig
    assert all(len(a.collections) == 1 for a in axes)


@pytest.mark.parametrize("args, kwargs, message", [
    (lambda X, J: (X[:, 0], J, 0), {}, r"X must have shape \(n, p\); got \(50,\)"),
    (lambda X, J: (X, J[:40], 0), {}, r"J must have shape \(n, p\) = \(50, 3\), as X; got \(40, 3\)"),
    (lambda X, J: (X, J, 3), {}, "unknown feature 3; the inputs are x0, x1, x2"),
    (lambda X, J: (X, J, "a"), {}, "unknown feature 'a'"),
    (lambda X, J: (X, J, []), {}, "features is empty"),
    (lambda X, J: (X, J, [0, 1]), dict(against=[0]), "against names 1 inputs for 2 features"),
    (lambda X, J: (X, J, 0), dict(against=5), "unknown feature 5"),
    (lambda X, J: (X, J, 0), dict(truth=np.zeros((50, 2))), r"truth must have shape \(n, p\) = \(50, 3\)"),
    (lambda X, J: (X, J, 0), dict(spread=np.zeros(50)), r"spread must have shape \(n, p\) = \(50, 3\)"),
    (lambda X, J: (X, J, 0), dict(names=["a", "b"]), "names must have one entry per input, 3; got 2"),
])
def test_derivative_dependence_bad_input(rows, args, kwargs, message):
    with pytest.raises(ValueError, match=message): plot_derivative_dependence(*args(*rows), **kwargs)


def test_derivative_dependence_too_few_axes(rows):
    _, one = plt.subplots()
    with pytest.raises(ValueError, match="1 axes for 2 features"): plot_derivative_dependence(*rows, [0, 1], ax=one)


@pytest.fixture(scope="module")
def path():
    "A soft-thresholded path: |β_j(λ)| = max(|b_j| − λ, 0) over 8 increasing levels, 4 inputs."
    levels = np.geomspace(0.01, 2, 8)
    return levels, np.maximum(np.array([1.5, 0.8, 0.3, 0.05]) - levels[:, None], 0)


def test_norm_path_lines_legend_and_chosen(path):
    levels, norms = path
    ax = plot_norm_path(levels, norms, chosen=3, selected=norms[3] > 0, names=list("abcd"))
    assert len(ax.lines) == 4 + 1 and ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "c", "chosen level"]
    np.testing.assert_allclose(ax.lines[-1].get_xdata(), [levels[3]] * 2)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), norms[:, 3])  # the unselected input, drawn first in grey
    assert ax.get_xlim()[0] < ax.get_xlim()[1]  # increasing levels: not inverted


def test_norm_path_defaults_and_many_inputs(path):
    levels, norms = path
    ax = plot_norm_path(levels[::-1], norms[::-1])
    assert len(ax.lines) == 4 and [t.get_text() for t in ax.get_legend().get_texts()] == ["x0", "x1", "x2", "x3"]
    assert ax.get_xlim()[0] > ax.get_xlim()[1]  # decreasing levels: drawn in path order, first on the left
    wide = np.tile(norms, 20)  # 80 highlighted inputs: no names in the legend, and no legend at all
    ax = plot_norm_path(levels, wide)
    assert len(ax.lines) == 80 and ax.get_legend() is None


@pytest.mark.parametrize("args, kwargs, message", [
    (lambda l, n: (l, n[:, :, None]), {}, r"norms must have shape \(L, p\) with L = 8 levels; got \(8, 4, 1\)"),
    (lambda l, n: (l[:5], n), {}, r"norms must have shape \(L, p\) with L = 5 levels; got \(8, 4\)"),
    (lambda l, n: (l - 1, n), {}, "levels must be a non-empty vector of positive numbers"),
    (lambda l, n: (l, n), dict(chosen=8), "chosen must be an index into levels, 0 to 7; got 8"),
    (lambda l, n: (l, n), dict(chosen=True), "chosen must be an index into levels"),
    (lambda l, n: (l, n), dict(selected=[True] * 3), r"selected must have shape \(p,\) = \(4,\)"),
])
def test_norm_path_bad_input(path, args, kwargs, message):
    with pytest.raises(ValueError, match=message): plot_norm_path(*args(*path), **kwargs)


def test_cv_errors_curve_band_null_and_chosen():
    levels, rng = np.geomspace(0.01, 1, 6), np.random.default_rng(0)
    errors = 0.5 + (np.log10(levels) + 1) ** 2 + rng.normal(0, 0.05, (5, 6))
    ax = plot_cv_errors(levels, errors, chosen=2, null_error=[1.9, 2.1, 2., 2., 2.])
    curve, null, chosen = ax.lines
    np.testing.assert_allclose(curve.get_ydata(), errors.mean(0))
    np.testing.assert_allclose(null.get_ydata(), [2., 2.])
    np.testing.assert_allclose(chosen.get_xdata(), [levels[2]] * 2)
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    se = errors.std(0, ddof=1) / np.sqrt(5)
    np.testing.assert_allclose([band.min(), band.max()], [(errors.mean(0) - se).min(), (errors.mean(0) + se).max()])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["CV error", "± 1 standard error", "null model",
                                                                   "chosen level"]


def test_cv_errors_one_fold_no_band_no_null():
    ax = plot_cv_errors([0.1, 1.], [[0.3, 0.5]])
    assert len(ax.lines) == 1 and len(ax.collections) == 0


@pytest.mark.parametrize("args, kwargs, message", [
    (([0.1, 1.], [0.3, 0.5]), {}, r"fold_errors must have shape \(K, L\) with L = 2 levels; got \(2,\)"),
    (([0.1, 1.], np.zeros((0, 2))), {}, "fold_errors has no folds"),
    (([0.1, 1.], [[0.3, 0.5, 0.1]]), {}, r"got \(1, 3\)"),
    (([0.1, 1.], [[0.3, 0.5]]), dict(chosen=-1), "chosen must be an index into levels, 0 to 1; got -1"),
    (([], np.zeros((2, 0))), {}, "levels must be a non-empty vector"),
])
def test_cv_errors_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message): plot_cv_errors(*args, **kwargs)


def test_interaction_matrix_cells_annotations_and_nan():
    H = np.array([[2., 3., np.nan], [3., 0., 0.], [np.nan, 0., 0.]])
    ax = plot_interaction_matrix(H, names=list("abc"))
    mesh = ax.collections[0]
    assert np.asarray(mesh.get_array()).size == 9
    assert np.ma.getmaskarray(mesh.get_array()).reshape(3, 3)[0, 2]
    assert len(ax.texts) == 7  # every unmasked cell annotated
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert len(ax.figure.axes) == 2  # and its colour bar


def test_interaction_matrix_many_inputs_and_empty():
    ax = plot_interaction_matrix(np.eye(12))
    assert np.asarray(ax.collections[0].get_array()).size == 144 and not ax.texts  # past 10 inputs, no numbers
    assert [t.get_text() for t in plot_interaction_matrix(np.zeros((0, 0))).texts] == ["no input selected"]


@pytest.mark.parametrize("H, names, message", [
    (np.zeros((2, 3)), None, r"H must be square, \(k, k\); got \(2, 3\)"),
    (np.zeros(4), None, r"H must have shape \(k, k\); got \(4,\)"),
    (np.zeros((2, 2)), ["a"], "names must have one entry per input, 2; got 1"),
])
def test_interaction_matrix_bad_input(H, names, message):
    with pytest.raises(ValueError, match=message): plot_interaction_matrix(H, names=names)


def test_estimator_forms_draw_the_array_forms(fitted):
    "Each estimator form draws exactly what its array form draws from the estimator's arrays."
    sim, est = fitted
    both = lambda a, b: (a, b)
    pairs = [
        both(plot_importances(est, top=5),
             plot_importance_bars(est.feature_importances_, selected=est.support_,
                                  probabilities=est.selection_probabilities_, top=5)),
        both(plot_path(est),
             plot_norm_path(est.levels_, est.path_derivative_norms_.mean(0), chosen=est.level_index_,
                            selected=est.support_)),
        both(plot_cv_curve(est),
             plot_cv_errors(est.levels_, est.cv_validation_loss_, chosen=est.level_index_,
                            null_error=est.null_cv_error_)),
        both(plot_interactions(est),
             plot_interaction_matrix(est.interaction_strengths_, names=names(est, est.support_))),
    ]
    J, spread = est.partial_derivatives(sim.X, return_std=True)
    pairs.append(both(plot_dependence(est, sim.X, 2), plot_derivative_dependence(sim.X, J, 2, spread=spread)))
    for a, b in pairs:
        assert [t.get_text() for t in a.texts] == [t.get_text() for t in b.texts]
        assert [t.get_text() for t in a.get_yticklabels()] == [t.get_text() for t in b.get_yticklabels()]
        assert len(a.patches) == len(b.patches) and len(a.lines) == len(b.lines)
        for la, lb in zip(a.lines, b.lines): np.testing.assert_allclose(la.get_xydata(), lb.get_xydata())
        assert len(a.collections) == len(b.collections)
        for ca, cb in zip(a.collections, b.collections):
            np.testing.assert_allclose(np.asarray(ca.get_offsets(), float), np.asarray(cb.get_offsets(), float))
            if ca.get_array() is not None:  # the heat map's cells
                np.testing.assert_array_equal(np.ma.filled(ca.get_array(), -1), np.ma.filled(cb.get_array(), -1))
