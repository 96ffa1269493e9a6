"README.md is generated from nbs/index.ipynb, and it and `.ci/run` carry the project's two set-up commands."
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_CMD = 'pip install . && sparse-deriv demo'
TEST_CMD = 'pip install -e ".[dev]" && JAX_PLATFORMS=cpu nbdev-test --n-workers 2 && JAX_PLATFORMS=cpu pytest'

def _make_readme():
    spec = importlib.util.spec_from_file_location('make_readme', ROOT/'tools'/'make_readme.py')
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

def _readme(): return (ROOT/'README.md').read_text(encoding='utf-8')

def test_readme_is_generated_from_index():
    rendered = _make_readme().render_readme(ROOT/'nbs'/'index.ipynb')
    assert _readme() == rendered, 'README.md is stale: run `python tools/make_readme.py`'

def test_render_is_deterministic():
    mr = _make_readme()
    assert mr.render_readme(ROOT/'nbs'/'index.ipynb') == mr.render_readme(ROOT/'nbs'/'index.ipynb')

def test_readme_has_both_setup_commands():
    readme = _readme()
    assert DEMO_CMD in readme
    assert TEST_CMD in readme

def test_ci_runs_the_readme_test_command():
    ci = (ROOT/'.ci'/'run').read_text(encoding='utf-8')
    assert 'pip install -e ".[dev]"' in ci
    assert 'JAX_PLATFORMS=cpu' in ci
    assert 'nbdev-test --n-workers 2' in ci
    # pytest runs last, so its closing line is the verdict
    assert ci.rindex('pytest') > ci.index('nbdev-test --n-workers 2')
    assert 'tools/make_readme.py --check' in ci

def test_readme_drops_hidden_cells_and_directives():
    readme = _readme()
    assert '#|' not in readme
    assert 'test_eq' not in readme
