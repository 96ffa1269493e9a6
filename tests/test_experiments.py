"""The experiment runner: designs by name, one row per cell, a store that resumes, executors, rates and the CLI hooks.

Every grid here uses one tiny shape (n = 40, p = 6, a width-4 network, a few dozen steps), so JAX compiles the
fit once for the whole file."""
import argparse
import json
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pytest

from sparse_deriv import experiments
from sparse_deriv.data import central_differences
from sparse_deriv.experiments import (Cell, add_grid_arguments, done_keys, estimator_settings, fit_rate, fit_rates,
                                      grid_command, load_results, make_design, run_grid, sparse_network,
                                      sparse_network_truth, write_row)

TINY = dict(width=4, cv=2, levels=[0.5, 0.25], warmup_steps=30, steps_per_level=10)
GRID = dict(designs=['sparse_network', 'additive'], n_values=[40], p_values=[6], seeds=[0, 1],
            estimator_params=TINY, estimators=['paper'], n_test=500)


@pytest.fixture(scope='module')
def baseline():
    "The tiny grid's rows, run here one cell after another, indexed by key."
    return run_grid(**GRID).set_index('key')


def test_sparse_network_truth():
    truth = sparse_network_truth(s=3, width=5, depth=2, unit_l1=1.5, output_l1=4.0, truth_seed=2)
    assert truth.radius == pytest.approx(2 * 5 * 1.5 + 4.0, rel=1e-5)
    X = np.random.default_rng(0).standard_normal((100, 7))
    G = truth.gradient(X)
    np.testing.assert_allclose(G, central_differences(lambda Z: truth(Z).astype(np.float64), X, 1e-2), atol=2e-3)
    assert not G[:, 3:].any()
    sim = sparse_network(300, 7, s=3, seed=1, truth_seed=2, width=5, unit_l1=1.5, output_l1=4.0)
    np.testing.assert_allclose(sim.signal, truth(sim.X), rtol=1e-6)
    assert sim.relevant.tolist() == [0, 1, 2] and sim.name == 'sparse_network'


def test_registry_names_known_designs():
    with pytest.raises(ValueError, match="unknown design 'friedman'; known designs: 'friedman1'"):
        make_design('friedman', 10, 10)
    assert make_design('additive', 10, 6, 3).X.shape == (10, 6)


def test_rows_measure_the_fit_against_the_truth(baseline):
    assert len(baseline) == 4 and baseline.attrs == dict(ran=4, skipped=0)
    row = baseline[baseline.design == 'sparse_network'].iloc[0]
    assert row.well_specified and not baseline[baseline.design == 'additive'].well_specified.any()
    assert json.loads(row.settings) == estimator_settings('paper', TINY)
    assert 0 < row.test_error and 0 < row.derivative_error_max <= row.derivative_error
    assert len(row.derivative_errors_true) == 4
    assert row.derivative_error_true == pytest.approx(sum(row.derivative_errors_true))
    assert 0 <= row.fpr <= 1 and 0 <= row.tpr <= 1 and row.fit_time > 0 and row.l1_norm > 0
    assert row.train_error_truth == pytest.approx(row.noise ** 2, rel=0.5)


def test_interrupted_run_resumes_with_only_the_missing_cells(tmp_path, monkeypatch, baseline):
    store, ran, real = tmp_path / 'store', [], experiments.run_cell
    def interrupted_after_two(cell):
        if len(ran) == 2: raise KeyboardInterrupt
        ran.append(cell.key)
        return real(cell)
    monkeypatch.setattr(experiments, 'run_cell', interrupted_after_two)
    with pytest.raises(KeyboardInterrupt): run_grid(**GRID, store=store)
    assert done_keys(store) == set(ran) and len(ran) == 2
    first = list(ran)
    def counted(cell):
        ran.append(cell.key)
        return real(cell)
    monkeypatch.setattr(experiments, 'run_cell', counted)
    results = run_grid(**GRID, store=store)
    assert results.attrs == dict(ran=2, skipped=2)
    assert set(ran[2:]) == set(baseline.index) - set(first)
    np.testing.assert_allclose(results.set_index('key').loc[baseline.index, 'test_error'], baseline.test_error,
                               rtol=1e-5)
    assert run_grid(**GRID, store=store).attrs == dict(ran=0, skipped=4)


def test_store_writes_are_atomic(tmp_path, baseline):
    row = baseline.reset_index().iloc[0].to_dict()
    threads = [threading.Thread(target=write_row, args=(tmp_path, {**row, 'fit_time': float(i)})) for i in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    (tmp_path / '.left-by-a-crash.tmp').write_bytes(b'PAR1 half')
    back = load_results(tmp_path)
    assert len(back) == 1 and back.loc[0, 'key'] == row['key'] and back.loc[0, 'fit_time'] in range(8)
    assert [o.name for o in tmp_path.iterdir() if o.suffix == '.parquet'] == [f"{row['key']}.parquet"]


def test_process_pool_gives_the_same_rows(tmp_path, baseline):
    one = dict(GRID, designs=['sparse_network'], seeds=[0])
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn')) as pool:
        pooled = run_grid(**one, executor=pool, store=tmp_path)
    assert pooled.attrs == dict(ran=1, skipped=0)
    np.testing.assert_allclose(pooled.test_error, baseline.loc[pooled.key, 'test_error'], rtol=1e-5)


def test_dask_local_cluster_gives_the_same_rows(tmp_path, baseline):
    distributed = pytest.importorskip('distributed')
    two = dict(GRID, designs=['sparse_network'])
    local = dict(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    with distributed.LocalCluster(**local) as cluster:
        with distributed.Client(cluster) as client:
            results = run_grid(**two, executor=client.get_executor(), store=tmp_path)
    assert results.attrs == dict(ran=2, skipped=0) and len(load_results(tmp_path)) == 2
    np.testing.assert_allclose(results.test_error, baseline.loc[results.key, 'test_error'], rtol=1e-5)


def test_fit_rate_recovers_a_known_slope():
    rng = np.random.default_rng(1)
    n = np.repeat([50, 100, 200, 400, 800, 1600], 6)
    covered = 0
    for _ in range(20):
        frame = pd.DataFrame(dict(n=n, test_error=2 * n ** -0.75 * np.exp(0.3 * rng.standard_normal(len(n)))))
        rate = fit_rate(frame, n_boot=400, seed=int(rng.integers(1000)))
        covered += rate['low'] < -0.75 < rate['high']
        assert rate['low'] < rate['slope'] < rate['high'] and rate['sizes'] == 6 and rate['points'] == 36
    assert covered >= 15  # a 95% interval: about 19 of 20
    exact = pd.DataFrame(dict(n=[10, 100, 1000], derivative_error=[1., .1, .01], design='a'))
    rates = fit_rates(exact, 'derivative_error', by=['design'])
    assert rates.loc[0, 'slope'] == pytest.approx(-1) and rates.loc[0, 'design'] == 'a'
    with pytest.raises(ValueError, match='at least 2 distinct values of n'):
        fit_rate(exact.iloc[:1], y='derivative_error')
    with pytest.raises(ValueError, match='positive'): fit_rate(exact.assign(derivative_error=0.), y='derivative_error')
    with pytest.raises(ValueError, match="no column 'test_error'"): fit_rate(exact)


def _parser():
    formatter = argparse.ArgumentDefaultsHelpFormatter
    return add_grid_arguments(argparse.ArgumentParser(prog='grid', formatter_class=formatter))


def test_grid_options_show_their_defaults():
    text = ' '.join(_parser().format_help().split())  # help lines wrap
    for default in ('[100, 200, 400, 800]', "['paper', 'default']", 'grid-results', '10000'):
        assert f'(default: {default})' in text
    assert text.count('(default:') == len([a for a in _parser()._actions if a.dest != 'help'])
    args = _parser().parse_args([])
    assert args.n_values == [100, 200, 400, 800] and args.seeds == 3 and args.params == {} and args.dask is None
    for bad in (['--n', '0'], ['--designs', 'nope'], ['--params', '[1]'], ['--params', '{'], ['--estimators', 'x']):
        with pytest.raises(SystemExit): _parser().parse_args(bad)


def test_grid_command_runs_and_resumes(tmp_path, capsys, baseline):
    argv = ['--designs', 'sparse_network', 'additive', '--n', '40', '--p', '6', '--seeds', '2', '--estimators',
            'paper', '--params', json.dumps(TINY), '--n-test', '500', '--store', str(tmp_path / 'grid'), '--quiet']
    assert grid_command(_parser().parse_args(argv)) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 cells fitted, 0 already in") and 'sparse_network' in out and 'test_error' in out
    assert grid_command(_parser().parse_args(argv)) == 0
    assert capsys.readouterr().out.startswith("0 cells fitted, 4 already in")
    np.testing.assert_allclose(load_results(tmp_path / 'grid').set_index('key').loc[baseline.index, 'test_error'],
                               baseline.test_error, rtol=1e-5)


def test_bad_input_is_named(tmp_path):
    grid = dict(designs=['sparse_network'], n_values=[40], p_values=[6], seeds=[0])
    with pytest.raises(ValueError, match="known designs: 'friedman1'"): run_grid(**{**grid, 'designs': ['friedman']})
    with pytest.raises(ValueError, match='n_values must hold integers >= 1; got -5'):
        run_grid(**{**grid, 'n_values': [-5]})
    with pytest.raises(ValueError, match='p_values must be a non-empty list'): run_grid(**{**grid, 'p_values': []})
    with pytest.raises(ValueError, match='seeds must hold integers >= 0'): run_grid(**{**grid, 'seeds': [1.5]})
    with pytest.raises(ValueError, match='sparse_network needs p >= s = 4'): run_grid(**{**grid, 'p_values': [3]})
    with pytest.raises(ValueError, match="unknown estimator 'lasso'"): run_grid(**grid, estimators=['lasso'])
    with pytest.raises(ValueError, match='must not set random_state'):
        run_grid(**grid, estimator_params=dict(random_state=1))
    with pytest.raises(ValueError, match='JSON-serialisable'):
        run_grid(**grid, estimator_params=dict(levels=np.ones(2)))
    (tmp_path / 'file').write_text('')
    with pytest.raises(ValueError, match='store must be a directory'): run_grid(**grid, store=tmp_path / 'file')
    with pytest.raises(ValueError, match='no results store'): load_results(tmp_path / 'missing')
