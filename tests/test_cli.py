"""The `sparse-deriv` command as a user runs it: exit codes, outputs and error messages.

Fits run the command as a subprocess; the bad-input cases, which end before any fitting, call `main` in this
process, which is quicker and sees the same stdout, stderr and exit code."""
import base64
import html
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

os.environ.setdefault('JAX_PLATFORMS', 'cpu')

import numpy as np
import pandas as pd
import pytest

import sparse_deriv
from sparse_deriv.cli import main, report_html

RELEVANT = ['dose', 'age']
N_ROWS, N_FEATURES = 200, 8
INDEX_NOTE = "note: dropped column 'Unnamed: 0' (looks like an index written by pandas)"
PNG_MAGIC = b'\x89PNG\r\n\x1a\n'
PNG_URI = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
PROGRESS_BAR = re.compile(r'path: +\d+%\|')  # tqdm's bar over the penalty levels


def run_cli(*args, cwd=None):
    "Run `python -m sparse_deriv.cli ARGS` on the CPU; return the completed process."
    env = dict(os.environ, JAX_PLATFORMS='cpu')
    return subprocess.run([sys.executable, '-m', 'sparse_deriv.cli', *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def png_size(data):
    "Width and height of a PNG from its IHDR chunk, after checking the signature and that IHDR comes first."
    assert data[:8] == PNG_MAGIC, data[:8]
    assert data[12:16] == b'IHDR', data[12:16]
    return int.from_bytes(data[16:20], 'big'), int.from_bytes(data[20:24], 'big')


def assert_sane_png(data, min_width=300, min_height=200):
    "A PNG the size of a figure: hundreds to thousands of pixels each way, more bytes than a blank image has."
    width, height = png_size(data)
    assert min_width <= width <= 5000 and min_height <= height <= 5000, (width, height)
    assert len(data) > 10_000, len(data)


def embedded_pngs(page):
    "The PNGs embedded in an HTML page as data URIs, decoded."
    return [base64.b64decode(o) for o in PNG_URI.findall(page)]


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
    "One quiet `fit` of the frame written with pandas' index column, saving every output; shared by the tests."
    folder = tmp_path_factory.mktemp('fitted')
    frame.to_csv(folder / 'indexed.csv')
    proc = run_cli('fit', folder / 'indexed.csv', '--target', 'y', '--cv', '3', '--quiet',
                   '--out', folder / 'results.json', '--save', folder / 'model.joblib',
                   '--plot', folder / 'figure.png', '--report', folder / 'report.html')
    assert proc.returncode == 0, proc.stderr
    return dict(proc=proc, results=folder / 'results.json', model=folder / 'model.joblib',
                plot=folder / 'figure.png', report=folder / 'report.html')


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


def test_fit_writes_png(fitted):
    "The figure: importances and the dependence of the selected inputs side by side, so wider than tall."
    width, height = png_size(fitted['plot'].read_bytes())
    assert_sane_png(fitted['plot'].read_bytes(), min_width=900)
    assert width > height


def test_fit_writes_report(fitted):
    "The HTML page names the data file and holds the ranked table, held-out R², settings and three embedded figures."
    page = fitted['report'].read_text(encoding='utf-8')
    results = json.loads(fitted['results'].read_text())
    assert page.startswith('<!DOCTYPE html>')
    assert re.search(r'<title>sparse-deriv report: [^<]*indexed\.csv</title>', page)
    rows = re.findall(r'<tr(?: class="selected")?><td>(\d+)</td><td>([^<]*)</td>', page)
    assert [name for _, name in rows] == [row['name'] for row in results['variables']]
    assert page.count('<tr class="selected">') == len(results['selected'])
    assert f"held-out R² on 40 rows: {results['r2']['y']:.3f} against y" in page
    assert 'fitted on 160 rows, 40 held out' in page
    for option, value in (('cv', '3'), ('target', 'y'), ('report', str(fitted['report'])), ('random_state', '0')):
        assert f'<tr><th>{option}</th><td>{html.escape(value)}</td></tr>' in page, option
    assert f'sparse-deriv {sparse_deriv.__version__}' in page
    assert re.search(r'made by sparse-deriv \S+ on \d{4}-\d\d-\d\d \d\d:\d\d UTC', page)
    figures = embedded_pngs(page)
    assert len(figures) == page.count('<img ') == page.count('<figure>') == 3
    for png in figures: assert_sane_png(png)
    assert not re.search(r'(?:src|href)="(?!data:image/png;base64,)', page), 'the page refers to something outside it'


def test_quiet_fit_shows_no_progress(fitted):
    "--quiet: no progress bars and no stage notes on stderr (the note on the dropped index stays)."
    err = fitted['proc'].stderr
    assert '%|' not in err and '\r' not in err and not PROGRESS_BAR.search(err), err
    assert 'fitting' not in err and 'written to' not in err, err
    assert INDEX_NOTE in err


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


OUTPUTS = dict(out='results.json', plot='figure.png', report='report.html', save='model.joblib')


OUTPUT_CASES = [('fit', o) for o in OUTPUTS] + [('demo', o) for o in OUTPUTS if o != 'save']  # demo saves no model


@pytest.mark.parametrize('command,option', OUTPUT_CASES)
def test_existing_output_kept_without_force(capsys, command, option, data_csv, tmp_path):
    "Every output file that exists is refused before the fit (no 'fitting' note), the error naming it, and kept."
    existing = tmp_path / OUTPUTS[option]
    existing.write_text('keep me\n')
    data = ['fit', data_csv, '--target', 'y'] if command == 'fit' else ['demo', '--n', '50', '--p', '6']
    result = run_main(capsys, *data, f'--{option}', existing)
    assert_error(result, str(existing), 'already exists', '--force')
    assert 'fitting' not in result[2]
    assert existing.read_text() == 'keep me\n'


def test_force_overwrites_existing_output(data_csv, tmp_path):
    out = tmp_path / 'results.csv'
    out.write_text('keep me\n')
    forced = run_cli('fit', data_csv, '--target', 'y', '--cv', '3', '--test-size', '0', '--quiet', '--out', out,
                     '--force')
    assert forced.returncode == 0, forced.stderr
    table = pd.read_csv(out)
    assert len(table) == N_FEATURES
    assert sorted(table['name']) == sorted(pd.read_csv(data_csv).columns.drop('y'))
    assert set(RELEVANT) <= set(table['name'][table.selected])


def test_bad_output_suffix(capsys, data_csv, tmp_path):
    assert_clean_error(run_cli('fit', data_csv, '--target', 'y', '--out', tmp_path / 'results.txt'), '.json or .csv')
    assert_error(run_main(capsys, 'fit', data_csv, '--target', 'y', '--report', tmp_path / 'report.htm'),
                 '--report must end in .html')
    assert_error(run_main(capsys, 'demo', '--plot', tmp_path / 'figure.svg'), '--plot must end in .png')


def test_missing_target_lists_columns(data_csv):
    assert_clean_error(run_cli('fit', data_csv, '--target', 'price'), "'price'", 'dose', 'age')


def test_missing_file(tmp_path):
    assert_clean_error(run_cli('fit', tmp_path / 'absent.csv', '--target', 'y'), 'absent.csv')


def test_save_checked_before_fitting(capsys, data_csv, tmp_path):
    "A --save name that cannot be written is refused before the fit: no 'fitting' note, the old file kept."
    assert_error(run_main(capsys, 'fit', data_csv, '--target', 'y', '--save', tmp_path / 'model.pkl'), '.joblib')
    assert_error(run_main(capsys, 'fit', data_csv, '--target', 'y', '--save', tmp_path / 'absent' / 'model.joblib'),
                 'folder for --save')


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


def test_text_target_refused_when_regressing(capsys, frame, tmp_path):
    path = tmp_path / 'text_y.csv'
    frame.assign(y=np.where(frame.y > 0, 'high', 'low')).to_csv(path, index=False)
    assert_error(run_main(capsys, 'fit', path, '--target', 'y', '--task', 'regress'), "'y'", 'not numeric')


def test_classification_end_to_end(frame, tmp_path):
    "A text target is classified: accuracy and log-loss reported, the report drawn, probabilities predicted."
    frame.assign(y=np.where(frame.y > 0, 'high', 'low')).to_csv(tmp_path / 'classes.csv', index=False)
    fit = run_cli('fit', tmp_path / 'classes.csv', '--target', 'y', '--cv', '3', '--out', tmp_path / 'results.json',
                  '--save', tmp_path / 'model.joblib', '--report', tmp_path / 'report.html')
    assert fit.returncode == 0, fit.stderr
    assert "2 classes, so a classifier is fitted" in fit.stderr
    assert 'held-out accuracy' in fit.stdout and 'log-loss' in fit.stdout and 'R²' not in fit.stdout
    results = json.loads((tmp_path / 'results.json').read_text())
    assert results['task'] == 'classification' and results['classes'] == ['high', 'low']
    assert 0.7 < results['scores']['accuracy'] <= 1 and results['scores']['log_loss'] > 0
    assert 'dose' in results['selected']
    page = (tmp_path / 'report.html').read_text()
    assert 'held-out accuracy' in page and len(embedded_pngs(page)) >= 1
    frame.drop(columns='y').head(4).to_csv(tmp_path / 'new.csv', index=False)
    predict = run_cli('predict', tmp_path / 'model.joblib', tmp_path / 'new.csv')
    assert predict.returncode == 0, predict.stderr
    table = pd.read_csv(io.StringIO(predict.stdout))
    assert list(table.columns) == ['prediction', 'probability_high', 'probability_low']
    assert set(table.prediction) <= {'high', 'low'}
    np.testing.assert_allclose(table.probability_high + table.probability_low, 1., atol=1e-6)


def test_three_classes_and_integer_labels(frame, tmp_path):
    "Integer labels 0, 1, 2 are classified under --task auto; the figure shows each class's centred logit."
    frame.assign(y=np.digitize(frame.y, np.quantile(frame.y, [1 / 3, 2 / 3]))).to_csv(tmp_path / 'three.csv', index=False)
    fit = run_cli('fit', tmp_path / 'three.csv', '--target', 'y', '--cv', '3', '--quiet',
                  '--out', tmp_path / 'results.json', '--plot', tmp_path / 'figure.png')
    assert fit.returncode == 0, fit.stderr
    results = json.loads((tmp_path / 'results.json').read_text())
    assert results['task'] == 'classification' and results['classes'] == ['0', '1', '2']
    assert_sane_png((tmp_path / 'figure.png').read_bytes())


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


@pytest.mark.parametrize('command', [None, 'demo', 'fit', 'predict', 'grid'])
def test_help_shows_defaults(capsys, command):
    "Every option but the flags states its default in --help, or that it is required."
    code, out, _ = run_main(capsys, *([command] if command else []), '--help')
    assert code == 0
    blocks = option_blocks(out)
    assert len(blocks) >= 2
    for block in blocks:
        if not block.startswith(FLAGS): assert '(default: ' in block or block.endswith('(required)'), block


def test_demo_small(tmp_path):
    "The demo at a small size, not quiet: progress bars and stage notes on stderr; its figure and HTML report saved."
    proc = run_cli('demo', '--n', '200', '--p', '8', '--cv', '3', '--plot', tmp_path / 'run.png',
                   '--report', tmp_path / 'run.html')
    assert proc.returncode == 0, proc.stderr
    assert 'Traceback' not in proc.stderr
    for line in ('selected (', 'truth    (5 of 8): x0, x1, x2, x3, x4', 'held-out R² on 200 rows', 'fit time'):
        assert line in proc.stdout, proc.stdout
    assert PROGRESS_BAR.search(proc.stderr), proc.stderr
    assert '100%|' in proc.stderr
    notes = ('fitting 3-fold cross-validated path on 200 rows × 8 inputs', f"figure written to {tmp_path / 'run.png'}",
             f"report written to {tmp_path / 'run.html'}")
    for note in notes:
        assert note in proc.stderr, (note, proc.stderr)
    assert_sane_png((tmp_path / 'run.png').read_bytes(), min_width=900)
    page = (tmp_path / 'run.html').read_text(encoding='utf-8')
    assert '<title>sparse-deriv report: Friedman #1 simulation (n=200, p=8, seed=0)</title>' in page
    assert 'truth: x0, x1, x2, x3, x4; F1' in page and 'against the noiseless signal' in page
    assert len(embedded_pngs(page)) == 3


SCRIPT, IMG = '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'


class _Tags(HTMLParser):
    "The tags, attribute names and text of a page, as a browser's parser splits them."
    def __init__(self, page):
        super().__init__()
        self.tags, self.attributes, self.text = [], [], []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]

    def handle_data(self, data): self.text.append(data)


def test_report_html_escapes_user_text():
    "Column names, the file name, the target and text levels that look like markup are shown as text, never as tags."
    variables = [dict(rank=1, name=SCRIPT, derivative_norm=2.0, importance=0.6, selection_frequency=1.0, selected=True),
                 dict(rank=2, name=IMG, derivative_norm=1.0, importance=0.4, selection_frequency=0.8, selected=True)]
    summary = dict(settings={}, n_train=80, n_test=20, n_features=2, selected=[SCRIPT, IMG], r2=dict(y=0.9), level=0.1,
                   cv_folds=3, fit_seconds=dict(total=1.0, path=0.6, final=0.4), variables=variables,
                   text_levels={IMG: [SCRIPT, 'plain']})
    page = report_html(summary, {}, dict(data=IMG + '.csv', target=SCRIPT), dict(cv=3), IMG + '.csv')
    parsed = _Tags(page)
    assert 'script' not in parsed.tags and 'img' not in parsed.tags
    assert not [name for name in parsed.attributes if name.startswith('on')]
    assert '<script' not in page and '<img' not in page
    assert html.escape(SCRIPT) in page and html.escape(IMG) in page
    text = ''.join(parsed.text)
    assert text.count(SCRIPT) >= 4 and text.count(IMG) >= 4  # table, selected line, levels, settings, title


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


def test_demo_design_errors(capsys):
    "An unknown design or too few inputs for the design's signal end in one line, before any fitting."
    assert_error(run_main(capsys, 'demo', '--design', 'friedman2'), "invalid choice: 'friedman2'")
    assert_error(run_main(capsys, 'demo', '--design', 'multiclass', '--p', '3'), 'multiclass needs p >= 4')


def test_demo_classes(tmp_path):
    "`demo --design multiclass` fits a classifier and saves its scores beside the true probabilities' scores."
    out = tmp_path / 'classes.json'
    proc = run_cli('demo', '--design', 'multiclass', '--n', '120', '--p', '6', '--cv', '3', '--quiet', '--out', out)
    assert proc.returncode == 0, proc.stderr
    assert 'held-out accuracy' in proc.stdout and 'truth    (4 of 6): x0, x1, x2, x3' in proc.stdout, proc.stdout
    summary = json.loads(out.read_text())
    assert summary['task'] == 'classification' and summary['classes'] == ['0', '1', '2']
    assert summary['settings']['design'] == 'multiclass' and 'noise' not in summary['settings']
    scores = summary['scores']
    assert set(scores) == {'accuracy', 'log_loss', 'bayes_accuracy', 'bayes_log_loss'}
    assert 0 < scores['accuracy'] <= 1 and scores['bayes_log_loss'] > 0
