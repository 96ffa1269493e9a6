"""The `sparse-deriv` command as a user runs it: exit codes, outputs and error messages.

Fits run the command as a subprocess; the bad-input cases, which end before any fitting, call `main` in this
process, which is quicker and sees the same stdout, stderr and exit code."""
import io
import json
import os
import subprocess
import sys

os.environ.setdefault('JAX_PLATFORMS', 'cpu')

import numpy as np
import pandas as pd
import pytest

import sparse_deriv
from sparse_deriv.cli import main

RELEVANT = ['dose', 'age']
N_ROWS, N_FEATURES = 200, 8
INDEX_NOTE = "note: dropped column 'Unnamed: 0' (looks like an index written by pandas)"


def run_cli(*args, cwd=None):
    "Run `python -m sparse_deriv.cli ARGS` on the CPU; return the completed process."
    env = dict(os.environ, JAX_PLATFORMS='cpu')
    return subprocess.run([sys.executable, '-m', 'sparse_deriv.cli', *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def run_main(capsys, *args):
    "Run `main(ARGS)` in this process; return (exit code, stdout, stderr)."
    code = main([str(o) for o in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope='module')
def frame():
    "Two relevant columns (a curve in `dose`, a line in `age`) among eight, and the response `y`."
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (N_ROWS, N_FEATURES))
    names = RELEVANT + [f'noise_{j}' for j in range(N_FEATURES - len(RELEVANT))]
    frame = pd.DataFrame(X, columns=names)
    frame['y'] = 2 * np.sin(np.pi * frame.dose) + 1.5 * frame.age + 0.2 * rng.standard_normal(N_ROWS)
    return frame


@pytest.fixture(scope='module')
def data_csv(frame, tmp_path_factory):
    "The frame as a CSV without an index column."
    path = tmp_path_factory.mktemp('data') / 'data.csv'
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope='module')
def fitted(frame, tmp_path_factory):
    "One `fit` of the frame written with pandas' index column, saving the results and the model; shared by the tests."
    folder = tmp_path_factory.mktemp('fitted')
    frame.to_csv(folder / 'indexed.csv')
    proc = run_cli('fit', folder / 'indexed.csv', '--target', 'y', '--cv', '3', '--quiet',
                   '--out', folder / 'results.json', '--save', folder / 'model.joblib')
    assert proc.returncode == 0, proc.stderr
    return dict(proc=proc, results=folder / 'results.json', model=folder / 'model.joblib')


def assert_clean_error(proc, *fragments):
    "Exit code 2, one `error:` line on stderr naming every fragment, and no traceback."
    assert_error((proc.returncode, proc.stdout, proc.stderr), *fragments)


def assert_error(result, *fragments):
    "`result` (exit code, stdout, stderr) is exit code 2 and a single `error:` line naming every fragment."
    code, _, err = result
    assert code == 2, (code, err)
    assert 'Traceback' not in err
    assert err.startswith('error:'), err
    assert len(err.strip().splitlines()) == 1, err
    for fragment in fragments: assert fragment in err, (fragment, err)


def with_header(model, path, **changes):
    "Copy the saved `model` to `path` with its JSON header line changed."
    first, rest = model.read_bytes().split(b'\n', 1)
    path.write_bytes(json.dumps(json.loads(first) | changes).encode() + b'\n' + rest)
    return path


def test_fit_writes_json(fitted):
    proc = fitted['proc']
    assert 'Traceback' not in proc.stderr
    results = json.loads(fitted['results'].read_text())
    assert set(RELEVANT) <= set(results['selected'])
    assert len(results['variables']) == N_FEATURES
    assert {'name', 'derivative_norm', 'importance', 'selected'} <= set(results['variables'][0])
    assert results['variables'][0]['name'] in RELEVANT
    assert results['n_test'] == 40 and results['n_train'] == 160
    assert results['r2']['y'] > 0.5
    assert results['settings']['target'] == 'y'
    for name in RELEVANT: assert name in proc.stdout
    assert 'selected (' in proc.stdout


def test_index_column_dropped_with_note(fitted):
    "The index written by `to_csv` is dropped with a note, even under --quiet, and never becomes an input."
    assert INDEX_NOTE in fitted['proc'].stderr.splitlines()
    names = [row['name'] for row in json.loads(fitted['results'].read_text())['variables']]
    assert 'Unnamed: 0' not in names and len(names) == N_FEATURES


def test_saved_model_header(fitted, frame):
    header = json.loads(fitted['model'].read_bytes().split(b'\n', 1)[0])
    assert header == dict(format='sparse-deriv model', version=sparse_deriv.__version__, target='y',
                          features=list(frame.columns.drop('y')), text_features=[])


def test_predict_stdout_and_out(fitted, frame, data_csv, tmp_path):
    "Printed predictions keep the rows' order; --out keeps an input's index column; the target is ignored with a note."
    printed = run_cli('predict', fitted['model'], data_csv)
    assert printed.returncode == 0, printed.stderr
    assert printed.stderr == "note: ignored column 'y' (the model's target)\n"
    predictions = pd.read_csv(io.StringIO(printed.stdout))
    assert list(predictions.columns) == ['prediction'] and len(predictions) == N_ROWS
    assert np.corrcoef(predictions.prediction, frame.y)[0, 1] > 0.9
    shuffled = frame.drop(columns='y').sample(frac=1, random_state=1)
    shuffled.to_csv(tmp_path / 'shuffled.csv', sep=';')
    out = tmp_path / 'predictions.csv'
    written = run_cli('predict', fitted['model'], tmp_path / 'shuffled.csv', '--sep', ';', '--out', out, '--quiet')
    assert written.returncode == 0, written.stderr
    assert written.stderr.strip() == INDEX_NOTE and written.stdout == ''
    table = pd.read_csv(out, index_col=0)
    assert list(table.columns) == ['prediction'] and list(table.index) == list(shuffled.index)
    np.testing.assert_allclose(table.prediction.sort_index(), predictions.prediction, rtol=1e-5, atol=1e-5)


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


def test_save_checked_before_fitting(capsys, data_csv, tmp_path):
    "A --save name that cannot be written is refused before the fit: no 'fitting' note, the old file kept."
    assert_error(run_main(capsys, 'fit', data_csv, '--target', 'y', '--save', tmp_path / 'model.pkl'), '.joblib')
    assert_error(run_main(capsys, 'fit', data_csv, '--target', 'y', '--save', tmp_path / 'absent' / 'model.joblib'),
                 'folder for --save')
    existing = tmp_path / 'model.joblib'
    existing.write_text('keep me\n')
    assert_error(run_main(capsys, 'fit', data_csv, '--target', 'y', '--save', existing), str(existing), '--force')
    assert existing.read_text() == 'keep me\n'


def test_predict_bad_columns(capsys, fitted, frame, tmp_path):
    "Missing and extra columns, a missing value, a word in a numeric column: one line naming the columns."
    rows = frame.drop(columns='y').head(5)
    rows.rename(columns=dict(age='years')).assign(site_id=range(5)).to_csv(tmp_path / 'renamed.csv', index=False)
    assert_error(run_main(capsys, 'predict', fitted['model'], tmp_path / 'renamed.csv'),
                 "missing 'age'", "extra 'years', 'site_id'")
    rows.assign(age=[0.1, None, 0.3, 0.4, 0.5]).to_csv(tmp_path / 'gaps.csv', index=False)
    assert_error(run_main(capsys, 'predict', fitted['model'], tmp_path / 'gaps.csv'), 'missing', "'age'")
    rows.assign(dose=['0.1', 'old', '0.3', '0.4', '0.5']).to_csv(tmp_path / 'words.csv', index=False)
    assert_error(run_main(capsys, 'predict', fitted['model'], tmp_path / 'words.csv'), "'dose' holds 'old'")
    rows.head(0).to_csv(tmp_path / 'empty.csv', index=False)
    assert_error(run_main(capsys, 'predict', fitted['model'], tmp_path / 'empty.csv'), 'no data rows')


def test_predict_refuses_files_that_are_not_models(capsys, fitted, data_csv, tmp_path):
    assert_error(run_main(capsys, 'predict', data_csv, fitted['model']), str(data_csv), 'not a sparse-deriv model',
                 'the model comes first')
    old = with_header(fitted['model'], tmp_path / 'old.joblib', version='0.99.0')
    assert_error(run_main(capsys, 'predict', old, data_csv), str(old), '0.99.0', sparse_deriv.__version__)
    damaged = tmp_path / 'damaged.joblib'
    damaged.write_bytes(fitted['model'].read_bytes()[:3000])
    assert_error(run_main(capsys, 'predict', damaged, data_csv), str(damaged), 'damaged')
    assert_error(run_main(capsys, 'predict', tmp_path / 'absent.joblib', data_csv), 'absent.joblib')


def test_predict_existing_out_needs_force(capsys, fitted, data_csv, tmp_path):
    out = tmp_path / 'predictions.csv'
    out.write_text('keep me\n')
    assert_error(run_main(capsys, 'predict', fitted['model'], data_csv, '--out', out), '--force')
    assert out.read_text() == 'keep me\n'
    assert_error(run_main(capsys, 'predict', fitted['model'], data_csv, '--out', tmp_path / 'p.json'), '.csv')


def test_text_target_refused(capsys, frame, tmp_path):
    path = tmp_path / 'text_y.csv'
    frame.assign(y=np.where(frame.y > 0, 'high', 'low')).to_csv(path, index=False)
    assert_error(run_main(capsys, 'fit', path, '--target', 'y'), "'y'", 'not numeric')


def test_wrong_separator_hint(capsys, frame, tmp_path):
    path = tmp_path / 'semicolons.csv'
    frame.to_csv(path, sep=';', index=False)
    assert_error(run_main(capsys, 'fit', path, '--target', 'y'), "separator ';'")


def test_version(capsys):
    code, out, _ = run_main(capsys, '--version')
    assert (code, out) == (0, f'sparse-deriv {sparse_deriv.__version__}\n')


FLAGS = ('-h, --help', '--force', '--quiet', '--version')


def option_blocks(help_text):
    "The options section of a --help text, one string per option: its line and the lines its help wraps onto."
    blocks = []
    for line in help_text.split('options:\n', 1)[1].splitlines():
        if line.startswith('  -'): blocks.append(line.strip())
        elif line.startswith('   ') and blocks: blocks[-1] += ' ' + line.strip()
    return blocks


@pytest.mark.parametrize('command', [None, 'demo', 'fit', 'predict'])
def test_help_shows_defaults(capsys, command):
    "Every option but the flags states its default in --help, or that it is required."
    code, out, _ = run_main(capsys, *([command] if command else []), '--help')
    assert code == 0
    blocks = option_blocks(out)
    assert len(blocks) >= 2
    for block in blocks:
        if not block.startswith(FLAGS): assert '(default: ' in block or block.endswith('(required)'), block


def test_demo_small(tmp_path):
    "The demo at a small size, with its figure saved (a PNG of sensible size); an existing figure is kept without --force."
    proc = run_cli('demo', '--n', '200', '--p', '8', '--cv', '3', '--quiet', '--plot', tmp_path / 'run.png')
    assert proc.returncode == 0, proc.stderr
    assert 'Traceback' not in proc.stderr
    for line in ('selected (', 'truth    (5 of 8): x0, x1, x2, x3, x4', 'held-out R² on 200 rows', 'fit time'):
        assert line in proc.stdout, proc.stdout
    png = (tmp_path / 'run.png').read_bytes()
    assert png[:8] == b'\x89PNG\r\n\x1a\n' and len(png) > 10_000
    again = run_cli('demo', '--n', '200', '--p', '8', '--cv', '3', '--quiet', '--plot', tmp_path / 'run.png')
    assert again.returncode == 2 and 'already exists' in again.stderr


def test_text_column_end_to_end(tmp_path):
    "A text column with three levels that shift y is fitted, reported as one input, saved as text and predicted."
    rng = np.random.default_rng(1)
    n = 120
    data = pd.DataFrame(rng.uniform(-1, 1, (n, 3)), columns=['dose', 'noise_0', 'noise_1'])
    data['site'] = rng.choice(['north', 'south', 'east'], n)
    shift = data.site.map(dict(north=0.0, south=2.0, east=-2.0))
    data['y'] = 2 * np.sin(np.pi * data.dose) + shift + 0.1 * rng.standard_normal(n)
    data.to_csv(tmp_path / 'sites.csv', index=False)
    fit = run_cli('fit', tmp_path / 'sites.csv', '--target', 'y', '--cv', '3', '--test-size', '0', '--quiet',
                  '--out', tmp_path / 'results.json', '--save', tmp_path / 'model.joblib')
    assert fit.returncode == 0, fit.stderr
    results = json.loads((tmp_path / 'results.json').read_text())
    assert {'dose', 'site'} <= set(results['selected'])
    assert sorted(row['name'] for row in results['variables']) == ['dose', 'noise_0', 'noise_1', 'site']
    header = json.loads((tmp_path / 'model.joblib').read_bytes().split(b'\n', 1)[0])
    assert header['text_features'] == ['site']
    new = pd.DataFrame(dict(dose=[0.0] * 3, noise_0=[0.0] * 3, noise_1=[0.0] * 3, site=['north', 'south', 'east']))
    new.to_csv(tmp_path / 'new.csv', index=False)
    predict = run_cli('predict', tmp_path / 'model.joblib', tmp_path / 'new.csv')
    assert predict.returncode == 0, predict.stderr
    predictions = pd.read_csv(io.StringIO(predict.stdout)).prediction.to_numpy()
    np.testing.assert_allclose(predictions - predictions[0], [0.0, 2.0, -2.0], atol=0.5)
