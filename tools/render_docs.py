"""Render the documentation pages to HTML that works offline, without Quarto.

The site is built by Quarto in the deploy workflow; Quarto cannot be installed everywhere, so this script gives
contributors (and the tests) the pages another way:

1. nbdev's docs processing (`nbdev.serve.proc_nbs`, what `nbdev-proc-nbs` runs once Quarto is found) writes the
   processed notebooks to `_proc/`: `show_doc` reference entries added and run, import cells run, the title cell
   turned into front matter. It reuses what is already there and up to date (`--force` redoes everything).
2. Each processed notebook becomes one page with nbconvert's HTML exporter: the front matter becomes the title
   block, Quarto cell options (`#| echo: false`, `#| output: false`, `#| include: false`) are applied and stripped,
   and metadata that nbformat's schema refuses (the float `execution.total` and the rest of `execution`) is dropped.
3. Nothing is fetched at view time: the template leaves out require.js and mermaid, math is typeset by MathJax 2
   copied next to the pages from Debian's `libjs-mathjax` (SVG output: no web fonts), figures are embedded, and
   every page is checked for a script, stylesheet or image that would come from the network.

Each page gets a navigation bar in the order of `nbs/sidebar.yml`; `index.html` is the home page (`index.ipynb`).

Usage: `python tools/render_docs.py [--out DIR] [--n-workers N] [--force]`, then open the printed `index.html`.
Needs the `dev` extra and `apt-get install libjs-mathjax` (or `--mathjax DIR`, a MathJax 2 folder).
"""
import argparse, contextlib, copy, fcntl, hashlib, html, json, os, re, shutil, tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATHJAX_DIR = Path('/usr/share/javascript/mathjax')
# What MathJax 2 loads for the `TeX-AMS_SVG` configuration (and `Safe`): 3 MB of its 50.
MATHJAX_PARTS = ('MathJax.js', 'config/TeX-AMS_SVG.js', 'config/Safe.js', 'extensions', 'jax/input/TeX',
                 'jax/element', 'jax/output/SVG/jax.js', 'jax/output/SVG/config.js', 'jax/output/SVG/autoload',
                 'jax/output/SVG/fonts/TeX', 'jax/output/PreviewHTML', 'localization/en')
MATHJAX_URL = 'mathjax/MathJax.js?config=TeX-AMS_SVG,Safe'
MARKER = '.render_docs'  # marks an output folder as ours, so a rerun may clear it

TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{#- require.js and mermaid would come from a CDN, and no page needs them -#}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style>
.docs-nav { font-family: var(--jp-ui-font-family); font-size: 14px; padding: 8px 16px; margin-bottom: 8px;
            border-bottom: 1px solid var(--jp-border-color2); line-height: 1.8; }
.docs-nav a { margin-right: 12px; }
.docs-nav a[aria-current] { font-weight: bold; }
.docs-nav .docs-nav-section { color: var(--jp-ui-font-color2); margin-right: 8px; }
.docs-nav .docs-nav-home { font-weight: bold; margin-right: 20px; }
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.docs_nav }}
{%- endblock body_header -%}
"""

from make_readme import _directive_re, _directives, _strip_directives  # the same `#|` cell options as the README
_false = ('false', 'no', '0')
_CELL_KEYS = {'code': {'id', 'cell_type', 'metadata', 'source', 'execution_count', 'outputs'},
              'markdown': {'id', 'cell_type', 'metadata', 'source', 'attachments'},
              'raw': {'id', 'cell_type', 'metadata', 'source', 'attachments'}}


def fail(msg): raise SystemExit(f'render_docs: {msg}')


# ---------------------------------------------------------------- processing (nbdev)
@contextlib.contextmanager
def _lock():
    "One processing at a time per checkout: it runs the notebooks' import cells."
    path = Path(tempfile.gettempdir())/f'render_docs-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:12]}.lock'
    with open(path, 'w') as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try: yield
        finally: fcntl.flock(f, fcntl.LOCK_UN)


def process(n_workers:int=1, force:bool=False) -> Path:
    "Run nbdev's docs processing of `nbs/` into `_proc/` (no Quarto needed) and return `_proc/`."
    from nbdev.serve import proc_nbs
    os.chdir(ROOT)  # nbdev's workers read the project's config from the working directory
    with _lock(): return Path(proc_nbs(str(ROOT/'nbs'), n_workers=n_workers, force=force))


# ---------------------------------------------------------------- one notebook
def front_matter(nb:dict) -> dict:
    "The YAML front matter nbdev put in the first raw cell (`title`, `description`, `output-file`), or {}."
    import yaml
    cells = nb.get('cells', [])
    if not cells or cells[0]['cell_type'] != 'raw': return {}
    src = ''.join(cells[0]['source']).strip()
    if not src.startswith('---'): return {}
    return yaml.safe_load(src.strip('-').strip()) or {}


def prepare(nb:dict, name:str):
    "A copy of the processed notebook `nb` as nbconvert should render it, and its front matter."
    import nbformat
    from nbformat.v4.rwbase import rejoin_lines
    nb = copy.deepcopy(nb)
    fm = front_matter(nb)
    title = str(fm.get('title') or name)
    cells = []
    for i, cell in enumerate(nb['cells']):
        # nbformat's schema refuses the float `execution.total` (timing) and keys nbdev adds (`has_sd`)
        cell = {k: v for k, v in cell.items() if k in _CELL_KEYS[cell['cell_type']]}
        cell.get('metadata', {}).pop('execution', None)
        src = ''.join(cell['source']) if isinstance(cell['source'], list) else cell['source']
        if i == 0 and fm:
            head = f'# {title}'
            if fm.get('description'): head += '\n\n> ' + ' '.join(str(fm['description']).split())
            cells.append(nbformat.v4.new_markdown_cell(head))
            continue
        if cell['cell_type'] == 'code':
            opts = _directives(src)
            if 'hide' in opts or opts.get('include', '').lower() in _false: continue
            cell['source'] = _strip_directives(src)
            if opts.get('echo', '').lower() in _false:
                cell.setdefault('metadata', {})['transient'] = {'remove_source': True}  # nbconvert's templates skip it
            if opts.get('output', '').lower() in _false: cell['outputs'] = []
            if not cell['source'] and not cell['outputs']: continue
        cells.append(cell)
    nb['cells'] = cells
    nb.setdefault('metadata', {})['title'] = title
    node = rejoin_lines(nbformat.from_dict(nb))  # sources and texts as single strings, as nbconvert wants
    try: nbformat.validate(node)
    except nbformat.ValidationError as e: fail(f'{name}: not a valid notebook after cleaning: {e.message}')
    return node, fm


# ---------------------------------------------------------------- offline check
_RESOURCE_ATTRS = {'script': ('src',), 'img': ('src', 'srcset'), 'iframe': ('src',), 'embed': ('src',),
                   'source': ('src', 'srcset'), 'video': ('src', 'poster'), 'audio': ('src',), 'track': ('src',),
                   'object': ('data',), 'input': ('src',)}
_remote_re = re.compile(r'^\s*(https?:|//|ftp:)', re.I)


class _Resources(HTMLParser):
    "Collects the URLs a page loads as it opens: scripts, stylesheets, images, frames, media, CSS `url()`s."
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls, self._in_style = [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'link' and a.get('href') and set((a.get('rel') or '').lower().split()) & {
                'stylesheet', 'icon', 'preload', 'modulepreload', 'prefetch', 'manifest'}:
            self.urls.append(('link', a['href']))
        for attr in _RESOURCE_ATTRS.get(tag, ()):
            if a.get(attr): self.urls.append((tag, a[attr]))
        if a.get('style'): self.urls += [('style', u) for u in _css_urls(a['style'])]
        self._in_style = tag == 'style'

    def handle_endtag(self, tag): self._in_style = False

    def handle_data(self, data):
        if self._in_style: self.urls += [('style', u) for u in _css_urls(data)]


def _css_urls(css:str) -> list:
    return re.findall(r'''url\(\s*['"]?([^'")\s]+)''', css) + re.findall(r'''@import\s+['"]([^'"]+)''', css)


def offline_problems(page:str, folder:Path) -> list:
    "What in `page` (HTML in `folder`) would need the network, or is missing from `folder`."
    p = _Resources()
    p.feed(page)
    res = []
    for tag, url in p.urls:
        if _remote_re.match(url): res.append(f'<{tag}> loads {url}')
        elif not url.startswith(('data:', '#', 'blob:', 'about:')) and tag != 'style':
            local = url.split('?')[0].split('#')[0]
            if not (folder/local).exists(): res.append(f'<{tag}> loads {url}, which is not in {folder}')
    return res


# ---------------------------------------------------------------- the pages
def _sidebar_order() -> list:
    "[(section or None, notebook file name)] from `nbs/sidebar.yml`, in its order."
    import yaml
    path = ROOT/'nbs'/'sidebar.yml'
    if not path.exists(): return []
    res = []
    def walk(items, section):
        for it in items or []:
            if isinstance(it, str): res.append((section, it))
            elif isinstance(it, dict):
                if 'contents' in it: walk(it['contents'], it.get('section', section))
                elif 'href' in it: res.append((section, it['href']))
    walk(((yaml.safe_load(path.read_text()) or {}).get('website', {}).get('sidebar', {}) or {}).get('contents'), None)
    return res


def nav_html(pages:list, current:str) -> str:
    "The navigation bar: home, then the pages by section."
    order = {nb: i for i, (_, nb) in enumerate(_sidebar_order())}
    section = {nb: s for s, nb in _sidebar_order()}
    home = next((p for p in pages if p['file'] == 'index.html'), None)
    parts = ['<nav class="docs-nav">']
    if home: parts.append(f'<a class="docs-nav-home" href="index.html">{html.escape(home["title"])}</a>')
    rest = sorted((p for p in pages if p is not home), key=lambda p: (order.get(p['source'], len(order)), p['source']))
    last = object()
    for p in rest:
        s = section.get(p['source'], 'Other pages' if order else None)
        if s != last and s: parts.append(f'<span class="docs-nav-section">{html.escape(s)}:</span>')
        last = s
        cur = ' aria-current="page"' if p['file'] == current else ''
        parts.append(f'<a href="{html.escape(p["file"])}"{cur}>{html.escape(p["title"])}</a>')
    parts.append('</nav>')
    return '\n'.join(parts)


def _site_url() -> str:
    try:
        from nbdev.config import get_config
        cfg = get_config(str(ROOT))
        return (cfg.doc_host.rstrip('/') + '/' + cfg.doc_baseurl.strip('/')).rstrip('/') + '/'
    except Exception: return ''


def _local_links(page:str, files:set, by_source:dict) -> str:
    "Links to the published site, or to `.ipynb` sources, made relative when the page is rendered here."
    site = _site_url()
    def site_link(m):
        target = m.group(2)
        return f'{m.group(1)}"{target}' if target.split('#')[0] in files else m.group(0)
    if site: page = re.sub(r'(href=)"' + re.escape(site) + r'([^"]*)', site_link, page)
    def nb_link(m):
        f = by_source.get(Path(m.group(2)).name)
        return f'{m.group(1)}"{f}{m.group(3) or ""}"' if f else m.group(0)
    return re.sub(r'(href=)"(?![a-z]+:)([^"#]+\.ipynb)(#[^"]*)?"', nb_link, page)


def copy_mathjax(src:Path, out:Path):
    "Copy the parts of MathJax 2 that the pages load into `out/mathjax`."
    if not (src/'MathJax.js').exists():
        fail(f'MathJax 2 not found in {src}: `apt-get install libjs-mathjax` (Debian/Ubuntu) or pass --mathjax DIR')
    dest = out/'mathjax'
    shutil.rmtree(dest, ignore_errors=True)
    for part in MATHJAX_PARTS:
        s, d = src/part, dest/part
        if not s.exists(): fail(f'{s} is missing: the MathJax in {src} is not a full MathJax 2')
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir(): shutil.copytree(s, d)
        else: shutil.copy2(s, d)


def _clear(out:Path):
    "Make `out` an empty folder of ours (it may be a previous output, never anything else)."
    if out.exists() and any(out.iterdir()):
        if not (out/MARKER).exists(): fail(f'{out} is not empty and was not written by render_docs.py: choose --out')
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out/MARKER).write_text('written by tools/render_docs.py; the folder is cleared on each run\n')


def render(proc:Path, out:Path, mathjax:Path=MATHJAX_DIR) -> list:
    "Render every processed notebook in `proc` to `out`; the pages as [{source, file, title}]."
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    _clear(out)
    copy_mathjax(mathjax, out)
    nbs = sorted(p for p in proc.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    if not nbs: fail(f'no processed notebooks in {proc}')
    prepared, pages = [], []
    for path in nbs:
        node, fm = prepare(json.loads(path.read_text(encoding='utf-8')), path.stem)
        file = Path(str(fm.get('output-file') or path.stem + '.html')).name
        prepared.append((path, node))
        pages.append(dict(source=path.name, file=file, title=node.metadata.title))
    files = {p['file'] for p in pages}
    if len(files) < len(pages): fail(f'two notebooks render to the same page: {sorted(p["file"] for p in pages)}')
    by_source = {p['source']: p['file'] for p in pages}
    exporter = HTMLExporter(extra_loaders=[DictLoader({'docs_offline.html.j2': TEMPLATE})],
                            template_file='docs_offline.html.j2', mathjax_url=MATHJAX_URL, embed_images=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    problems = []
    for (path, node), page in zip(prepared, pages):
        resources = {'metadata': {'name': page['title'], 'path': str(path.parent)},
                     'docs_nav': nav_html(pages, page['file'])}
        body, _ = exporter.from_notebook_node(node, resources=resources)
        body = _local_links(body, files, by_source)
        (out/page['file']).write_text(body, encoding='utf-8')
        problems += [f'{page["file"]}: {p}' for p in offline_problems(body, out)]
    if 'index.html' not in files:  # no home page notebook: a plain list of the pages
        head = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Pages</title></head><body>'
        (out/'index.html').write_text(head + nav_html(pages, '') + '</body></html>\n', encoding='utf-8')
    (out/'pages.json').write_text(json.dumps(pages, indent=1) + '\n')
    if problems: fail('pages need the network or miss files:\n  ' + '\n  '.join(problems))
    return pages


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=str(ROOT/'_docs_html'), help='folder for the pages (default: _docs_html/)')
    ap.add_argument('--n-workers', type=int, default=1, help="processes for nbdev's processing (default 1)")
    ap.add_argument('--force', action='store_true', help='process every notebook again, ignoring _proc/')
    ap.add_argument('--mathjax', default=str(MATHJAX_DIR), help='a MathJax 2 folder (default: Debian libjs-mathjax)')
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    if out == ROOT or ROOT.is_relative_to(out): fail(f'--out {out} would hold the project: choose another folder')
    if not Path(args.mathjax, 'MathJax.js').exists():  # before minutes of processing
        fail(f'MathJax 2 not found in {args.mathjax}: `apt-get install libjs-mathjax` or pass --mathjax DIR')
    if args.n_workers < 1: fail('--n-workers must be at least 1')
    proc = process(args.n_workers, args.force)
    pages = render(proc, out, Path(args.mathjax))
    print(f'Rendered {len(pages)} pages to {out}\nOpen {(out/"index.html").as_uri()}')


if __name__ == '__main__': main()
