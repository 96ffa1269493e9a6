"""The documentation pages as a reader sees them, without Quarto.

`tools/render_docs.py` renders every notebook once per session (nbdev's docs processing, then nbconvert) into a
temporary folder. The pages are checked as files (every notebook has one, `index.html` links them all, no script,
stylesheet or image comes from the network), then opened one by one in headless Chromium (the `browser` fixture of
conftest.py): the title shows, every figure loads, MathJax typesets the math without an error, the `show_doc`
reference entry of every public function and class is there, and the browser asks for nothing but local files.
Expectations come from the source notebooks and the package, not from the renderer. Without Chromium the browser
tests are skipped, and without Debian's MathJax (libjs-mathjax) all of them, unless SPARSE_DERIV_REQUIRE_BROWSER=1.
"""
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import network_log, require_or_skip

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'
MATHJAX = Path('/usr/share/javascript/mathjax/MathJax.js')
SOURCES = sorted(p.name for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.')))
RENDER_TIMEOUT_S = 1800

_directive_re = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')
_math_re = re.compile(r'(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$|\$\$.+?\$\$', re.S)


def _notebook(name): return json.loads((NBS/name).read_text(encoding='utf-8'))
def _src(cell): return ''.join(cell['source']) if isinstance(cell['source'], list) else cell['source']


def _options(cell) -> dict:
    "The `#|` options at the top of a code cell, {name: value}."
    res = {}
    for line in _src(cell).splitlines():
        if not line.strip(): continue
        m = _directive_re.match(line)
        if not m: break
        res[m.group(1).lower()] = m.group(2).lower()
    return res


def expected_title(nb) -> str:
    "The `# Title` of the notebook's first markdown cell."
    first = next(c for c in nb['cells'] if c['cell_type'] == 'markdown')
    return re.match(r'#\s+(.+)', _src(first).strip()).group(1).strip()


def expected_figures(nb) -> int:
    "How many figures (image outputs) the notebook shows: those of cells not hidden from the docs."
    n = 0
    for cell in nb['cells']:
        if cell['cell_type'] != 'code': continue
        opts = _options(cell)
        if 'hide' in opts or opts.get('include') == 'false' or opts.get('output') == 'false': continue
        n += sum(any(k.startswith('image/') and k != 'image/svg+xml' for k in o.get('data', {}))
                 for o in cell.get('outputs', []))
    return n


def has_math(nb) -> bool:
    "Whether a markdown cell of the notebook holds TeX between dollars."
    return any(_math_re.search(re.sub(r'`[^`]*`', '', _src(c))) for c in nb['cells'] if c['cell_type'] == 'markdown')


def default_exp(nb):
    "The module the notebook exports to (`#| default_exp NAME`), or None."
    for cell in nb['cells']:
        m = re.search(r'^#\|\s*default_exp\s+(\S+)', _src(cell), re.M)
        if m: return m.group(1)


def public_entries(module:str) -> list:
    "The functions and classes a module defines and exports: each gets a `show_doc` entry on its page."
    mod = importlib.import_module(f'sparse_deriv.{module}')
    return [name for name in mod.__all__
            if (inspect.isfunction(o := getattr(mod, name)) or inspect.isclass(o)) and o.__module__ == mod.__name__]


@pytest.fixture(scope='session')
def docs(tmp_path_factory):
    "The pages, rendered once: SimpleNamespace(out=folder, pages={notebook: {file, title}}, stdout=...)."
    if not MATHJAX.exists():
        require_or_skip(f'no MathJax 2 at {MATHJAX} (apt-get install -y libjs-mathjax)')
    out = tmp_path_factory.mktemp('docs_html')
    proc = subprocess.run([sys.executable, str(ROOT/'tools'/'render_docs.py'), '--out', str(out), '--n-workers', '2'],
                          cwd=ROOT, capture_output=True, text=True, timeout=RENDER_TIMEOUT_S,
                          env=dict(os.environ, JAX_PLATFORMS='cpu'))
    assert proc.returncode == 0, f'render_docs.py failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}'
    pages = {p['source']: p for p in json.loads((out/'pages.json').read_text())}
    return SimpleNamespace(out=out, pages=pages, stdout=proc.stdout)


def page_of(docs, source):
    assert source in docs.pages, f'{source} has no page: {sorted(docs.pages)}'
    return docs.out/docs.pages[source]['file']


# ---------------------------------------------------------------- the files
def test_every_notebook_has_a_page(docs):
    "One page per notebook in nbs/, and the command says where the index is."
    assert sorted(docs.pages) == SOURCES
    for source in SOURCES: assert page_of(docs, source).is_file()
    assert (docs.out/'index.html').as_uri() in docs.stdout, docs.stdout


def test_index_links_every_page(docs):
    "index.html is the home page and links to every other page."
    index = (docs.out/'index.html').read_text(encoding='utf-8')
    assert f'<title>{expected_title(_notebook("index.ipynb"))}</title>' in index
    links = set(re.findall(r'<a\b[^>]*\bhref="([^"#]+)"', index))
    missing = {p['file'] for p in docs.pages.values()} - links - {'index.html'}
    assert not missing, missing


_LOADS = re.compile(r'<(script|img|link|iframe|source|embed|video|audio)\b[^>]*?\b(src|href|srcset|poster)\s*=\s*'
                    r'["\']?([^"\'\s>]+)', re.I)


@pytest.mark.parametrize('source', SOURCES)
def test_page_needs_no_network(docs, source):
    "No element that loads as the page opens points at the network, and what it loads locally is there."
    page = page_of(docs, source)
    text = page.read_text(encoding='utf-8')
    loads = _LOADS.findall(text)
    remote = [(tag, url) for tag, _, url in loads if re.match(r'(https?:)?//', url, re.I)]
    assert not remote, remote
    assert not re.search(r'''(url\(\s*['"]?|@import\s+['"])(https?:)?//''', text, re.I)
    local = {url.split('?')[0] for _, _, url in loads if not url.startswith(('data:', '#'))}
    assert 'mathjax/MathJax.js' in local
    for url in local: assert (page.parent/url).is_file(), url


# ---------------------------------------------------------------- in the browser
PAGE_STATE = """
const done = arguments[arguments.length - 1];
const state = () => {
  const jax = window.MathJax && MathJax.Hub ? MathJax.Hub.getAllJax() : [];
  const prose = Array.from(document.querySelectorAll('.jp-RenderedMarkdown')).map(e => {
    const c = e.cloneNode(true);
    c.querySelectorAll('code, pre, script, .MathJax_Preview, .MathJax_SVG, .MathJax_SVG_Display, .MJX_Assistive_MathML')
     .forEach(x => x.remove());
    return c.textContent;
  }).join('\\n');
  return {
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
    mathjax: !!(window.MathJax && MathJax.Hub),
    math: jax.length,
    typeset: document.querySelectorAll('.MathJax_SVG svg').length,
    math_errors: jax.map(j => j.root.toMathML()).filter(m => /<merror|mathcolor="red">\\\\/.test(m)),
    prose: prose,
    images: Array.from(document.images).map(i => ({src: i.src.slice(0, 40), complete: i.complete,
                                                   width: i.naturalWidth, height: i.naturalHeight})),
    resources: performance.getEntriesByType('resource').map(r => r.name),
  };
};
if (window.MathJax && MathJax.Hub) MathJax.Hub.Queue(() => done(state())); else done(state());
"""


@pytest.mark.parametrize('source', SOURCES)
def test_page_in_browser(docs, open_page, source):
    "Title, figures, typeset math, no console error, and only local files fetched."
    nb = _notebook(source)
    driver = open_page(page_of(docs, source))
    state = driver.execute_async_script(PAGE_STATE)
    title = expected_title(nb)
    assert state['title'] == title and state['h1'].replace('¶', '').strip() == title, (state['title'], state['h1'])
    # figures: as many as the notebook shows, every one decoded
    n_figures = expected_figures(nb)
    if source in ('06_estimator.ipynb', '07_plots.ipynb'): assert n_figures > 0
    assert len(state['images']) >= n_figures, (len(state['images']), n_figures)
    bad = [i for i in state['images'] if not (i['complete'] and i['width'] > 0 and i['height'] > 0)]
    assert not bad, bad
    # math: MathJax ran, typeset every formula as SVG, without a TeX error, and left no raw TeX in the prose
    assert state['mathjax']
    if has_math(nb): assert state['math'] > 0 and state['typeset'] >= state['math'], (state['math'], state['typeset'])
    assert state['math_errors'] == []
    leftover = _math_re.findall(state['prose'])
    assert not leftover, leftover[:5]
    # network: only local files (and the inline data: figures); nothing failed to load
    log = network_log(driver)
    assert log['failed'] == []
    remote = [u for u in log['requested'] + state['resources'] if not u.startswith(('file:', 'data:', 'about:'))]
    assert not remote, remote
    assert any(u.endswith('/mathjax/MathJax.js?config=TeX-AMS_SVG,Safe') for u in log['requested'])
    errors = [e for e in driver.get_log('browser') if e['level'] == 'SEVERE']
    assert not errors, errors


def _norm(text:str) -> str:
    "`text` without markdown's marks (`, *, _) and with single spaces, for comparing source with rendered text."
    return ' '.join(re.sub(r'[`*_]', '', text).split())


MODULE_PAGES = [s for s in SOURCES if default_exp(_notebook(s))]


@pytest.mark.parametrize('source', MODULE_PAGES)
def test_reference_entries_in_browser(docs, open_page, source):
    "Every exported function and class has its `show_doc` entry: heading, signature line by line, summary."
    module = default_exp(_notebook(source))
    names = public_entries(module)
    assert names, f'sparse_deriv.{module} exports no function or class'
    driver = open_page(page_of(docs, source))
    entries = driver.execute_script("""
      return Object.fromEntries(arguments[0].map(name => {
        const h = document.getElementById(name);
        if (!h || !/^H[1-6]$/.test(h.tagName)) return [name, null];
        return [name, (h.closest('.jp-RenderedMarkdown') || h.parentElement).innerText];
      }));""", names)
    missing = [n for n, text in entries.items() if text is None]
    assert not missing, f'no reference entry on {docs.pages[source]["file"]} for {missing}'
    from nbdev.showdoc import show_doc
    mod = importlib.import_module(f'sparse_deriv.{module}')
    for name, text in entries.items():
        obj = getattr(mod, name)
        flat = _norm(text)
        signature = re.search(r'```python\n(.*?)```', show_doc(obj)._repr_markdown_(), re.S)
        assert signature, f'show_doc({name}) has no signature'
        # each line of the signature: the parameter's name, and for a function its comment (docments); a class
        # defined in a notebook cell has no source file there, so its fields show without comments
        for line in signature.group(1).splitlines():
            code, _, comment = line.partition('#')
            if m := re.match(r'\s*(def \w+\(|class \w+|\*{0,2}\w+)', code):
                assert _norm(m.group(1)) in flat, (name, line)
            if inspect.isfunction(obj): assert _norm(comment) in flat, (name, line, text[:1500])
        doc = (inspect.getdoc(obj) or '').split('\n\n')[0]
        assert doc.strip(), f'{name} has no docstring'
        for words in re.split(r'\$[^$]*\$', doc):  # the prose of the summary; its math is typeset
            assert _norm(words) in flat, (name, words, text[:1500])


def test_partial_derivatives_entry(docs, open_page):
    "The page of 04_derivs shows `partial_derivatives`: its summary, then each parameter with its comment."
    from fastcore.docments import docments
    from sparse_deriv.derivs import partial_derivatives
    driver = open_page(page_of(docs, '04_derivs.ipynb'))
    text = driver.execute_script(
        "const h = document.getElementById('partial_derivatives');"
        "return h ? h.closest('.jp-RenderedMarkdown').innerText : null;")
    assert text is not None, 'no heading partial_derivatives on derivs.html'
    assert 'def partial_derivatives(' in text, text
    assert _norm(inspect.getdoc(partial_derivatives).split('\n\n')[0]) in _norm(text), text
    comments = docments(partial_derivatives)
    assert {'f', 'X'} <= set(comments), comments
    for name, comment in comments.items():
        if name == 'return' or not comment: continue
        line = next((l for l in text.splitlines() if re.match(rf'\s*{name}\s*:', l)), None)
        assert line and _norm(comment) in _norm(line), (name, line)
