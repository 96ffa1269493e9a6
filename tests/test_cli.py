"The `sparse-deriv` command run as a subprocess, as a user runs it: exit codes, outputs and error messages."
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

RELEVANT = ['dose', 'age']
N_ROWS, N_FEATURES = 200, 8


def run_cli(*args, cwd=None):
    "Run `python -m sparse_deriv.cli ARGS` on the CPU; return the completed process."
    env = dict(os.environ, JAX_PLATFORMS='cpu')
    return subprocess.run([sys.executable, '-m', 'sparse_deriv.cli', *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope='module')
def data_csv(tmp_path_factory):
    "A CSV with two relevant columns (a curve in `dose`, a line in `age`) among eight, and the response `y`."
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (N_ROWS, N_FEATURES))
    names = RELEVANT + [f'noise_{j}' for j in range(N_FEATURES - len(RELEVANT))]
    frame = pd.DataFrame(X, columns=names)
    frame['y'] = 2 * np.sin(np.pi * frame.dose) + 1.5 * frame.age + 0.2 * rng.standard_normal(N_ROWS)
    path = tmp_path_factory.mktemp('data') / 'data.csv'
    frame.to_csv(path, index=False)
    return path


def assert_clean_error(proc, *fragments):
    "Exit code 2, one `error:` line on stderr naming every fragment, and no traceback."
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert 'Traceback' not in proc.stderr
    assert proc.stderr.startswith('error:'), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    for fragment in fragments: assert fragment in proc.stderr, (fragment, proc.stderr)


def test_fit_writes_json(data_csv, tmp_path):
    out = tmp_path / 'results.json'
    proc = run_cli('fit', data_csv, '--target', 'y', '--cv', '3', '--quiet', '--out', out)
    assert proc.returncode == 0, proc.stderr
    assert 'Traceback' not in proc.stderr
    results = json.loads(out.read_text())
    assert set(RELEVANT) <= set(results['selected'])
    assert len(results['variables']) == N_FEATURES
    assert {'name', 'derivative_norm', 'importance', 'selected'} <= set(results['variables'][0])
    assert results['variables'][0]['name'] in RELEVANT
    assert results['n_test'] == 40 and results['n_train'] == 160
    assert results['r2']['y'] > 0.5
    assert results['settings']['target'] == 'y'
    for name in RELEVANT: assert name in proc.stdout
    assert 'selected (' in proc.stdout


def test_existing_output_needs_force(data_csv, tmp_path):
    out = tmp_path / 'results.csv'
    out.write_text('keep me\n')
    refused = run_cli('fit', data_csv, '--target', 'y', '--out', out)
    assert_clean_error(refused, str(out), '--force')
    assert out.read_text() == 'keep me\n'
    forced = run_cli('fit', data_csv, '--target', 'y', '--cv', '3', '--test-size', '0', '--quiet', '--out', out, '--force')
    assert forced.returncode == 0, forced.stderr
    table = pd.read_csv(out)
    assert len(table) == N_FEATURES
    assert sorted(table['name']) == sorted(pd.read_csv(data_csv).columns.drop('y'))
    assert set(RELEVANT) <= set(table['name'][table.selected])


def test_bad_output_suffix(data_csv, tmp_path):
    assert_clean_error(run_cli('fit', data_csv, '--target', 'y', '--out', tmp_path / 'results.txt'), '.json or .csv')


def test_missing_target_lists_columns(data_csv):
    assert_clean_error(run_cli('fit', data_csv, '--target', 'price'), "'price'", 'dose', 'age')


def test_missing_file(tmp_path):
    assert_clean_error(run_cli('fit', tmp_path / 'absent.csv', '--target', 'y'), 'absent.csv')


def test_non_numeric_column(data_csv, tmp_path):
    path = tmp_path / 'text.csv'
    pd.read_csv(data_csv).assign(site='north').to_csv(path, index=False)
    assert_clean_error(run_cli('fit', path, '--target', 'y'), "'site'")


def test_demo_small():
    proc = run_cli('demo', '--n', '200', '--p', '8', '--cv', '3', '--quiet')
    assert proc.returncode == 0, proc.stderr
    assert 'Traceback' not in proc.stderr
    for line in ('selected (', 'truth    (5 of 8): x0, x1, x2, x3, x4', 'held-out R² on 200 rows', 'fit time'):
        assert line in proc.stdout, proc.stdout
