"""Generate README.md from nbs/index.ipynb without Quarto.

`nbdev-readme` renders the README through Quarto; this script does the same job with nbconvert's
`MarkdownExporter`, so the README can be rebuilt (and checked in CI) with only the `dev` extra installed.

Rules, applied to every cell of the notebook:
- a cell with a `#| hide` directive (or `#| include: false`) is dropped, and so is a `#| default_exp` cell;
- `#|` directive lines are stripped from code cells; `#| echo: false` drops the code and keeps its output,
  `#| output: false` keeps the code and drops its output;
- of the outputs, stdout streams and the `text/markdown` (else `text/plain`) part of displayed values are kept;
  figures (any output with an image), HTML, stderr and errors are dropped: nothing is embedded.

Usage: `python tools/make_readme.py` writes README.md; `python tools/make_readme.py --check` exits 1 if
README.md is not what the notebook renders to.
"""
import argparse, copy, re, sys
from pathlib import Path

import nbformat
from nbconvert import MarkdownExporter

ROOT = Path(__file__).resolve().parent.parent
NB_PATH = ROOT/'nbs'/'index.ipynb'
README_PATH = ROOT/'README.md'

_directive_re = re.compile(r'^\s*#\|\s*(.*?)\s*$')

def _directives(source:str) -> dict:
    "The `#|` directives at the top of a cell's `source`, as {name: value}."
    res = {}
    for line in source.splitlines():
        if not line.strip(): continue
        m = _directive_re.match(line)
        if not m: break
        text = m.group(1)
        # Quarto style `#| echo: false`, or nbdev style `#| default_exp data`
        name, _, value = text.partition(':') if re.match(r'^[\w-]+\s*:', text) else text.partition(' ')
        res[name.strip().lower()] = value.strip()
    return res

def _strip_directives(source:str) -> str:
    "`source` without its `#|` directive lines."
    return '\n'.join(l for l in source.splitlines() if not _directive_re.match(l)).strip('\n')

def _is_false(v:str) -> bool: return v.strip().lower() in ('false', 'no', '0')

def _keep_output(out) -> bool:
    if out.output_type == 'stream': return out.get('name') == 'stdout'
    if out.output_type in ('execute_result', 'display_data'):
        data = out.get('data', {})
        if any(k.startswith('image/') for k in data): return False  # a figure: its text/plain is only `<Figure ...>`
        return any(k in data for k in ('text/markdown', 'text/plain'))
    return False

def _text_only(out):
    "`out` reduced to plain text: markdown if present, else text/plain; no images, HTML or metadata."
    if out.output_type == 'stream': return out
    data = out['data']
    key = 'text/markdown' if 'text/markdown' in data else 'text/plain'
    out = copy.deepcopy(out)
    out['data'] = {key: data[key]}
    out['metadata'] = {}
    return out

def readme_cells(nb):
    "The cells of `nb` that belong in the README, with directives applied and removed."
    cells = []
    for cell in nb.cells:
        d = _directives(cell.source)
        if 'hide' in d or 'default_exp' in d or _is_false(d.get('include', 'true')): continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == 'code':
            cell.source = _strip_directives(cell.source)
            outputs = [] if _is_false(d.get('output', 'true')) else [_text_only(o) for o in cell.outputs if _keep_output(o)]
            cell.outputs = outputs
            cell.execution_count = None
            if not cell.source.strip() and not cell.outputs: continue
            if _is_false(d.get('echo', 'true')) or not cell.source.strip():
                cell.metadata['transient'] = {'remove_source': True}
        elif cell.cell_type == 'markdown': cell.attachments = {}
        else: continue
        cells.append(cell)
    return cells

def render_readme(nb_path=NB_PATH) -> str:
    "README.md text rendered from the notebook at `nb_path`."
    nb = nbformat.read(str(nb_path), as_version=4)
    nb.cells = readme_cells(nb)
    nb.metadata = {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'},
                   'language_info': {'name': 'python'}}
    exporter = MarkdownExporter(exclude_raw=True)
    body, _ = exporter.from_notebook_node(nb)
    body = '\n'.join(l.rstrip() for l in body.splitlines())
    body = re.sub(r'\n{3,}', '\n\n', body).strip('\n')
    return body + '\n'

def main(argv=None):
    "Write README.md from nbs/index.ipynb, or with `--check` fail if it is stale."
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--check', action='store_true', help='exit 1 if README.md differs from what the notebook renders to')
    p.add_argument('--nb', default=str(NB_PATH), help='notebook to render (default: nbs/index.ipynb)')
    p.add_argument('--out', default=str(README_PATH), help='README to write or check (default: README.md)')
    args = p.parse_args(argv)
    text, out = render_readme(args.nb), Path(args.out)
    if args.check:
        if not out.exists() or out.read_text(encoding='utf-8') != text:
            print(f'{out} is out of date with {args.nb}: run `python tools/make_readme.py` and commit the result.',
                  file=sys.stderr)
            return 1
        print(f'{out} is up to date.')
        return 0
    out.write_text(text, encoding='utf-8')
    print(f'Wrote {out}.')
    return 0

if __name__ == '__main__': sys.exit(main())
