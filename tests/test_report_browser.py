"""The `--report` page as a browser shows it: names in the data that look like markup are shown as text.

The command runs as a subprocess on a small CSV whose column names, target name, text levels and file name hold
`<script>` and an `<img onerror=…>`; the page it writes is checked as a string, then opened in headless Chromium
(Debian's `chromium` and `chromium-driver`, driven by selenium): the names show, no script runs, there are no
elements but ours, every embedded figure loads and nothing is fetched from the network. The browser comes from
`tests/conftest.py` (`open_page`, `network_log`): without Chromium the browser test is skipped, unless
SPARSE_DERIV_REQUIRE_BROWSER=1, when it fails."""
import html
import json
import os
import re
import subprocess
import sys

os.environ.setdefault('JAX_PLATFORMS', 'cpu')

import numpy as np
import pandas as pd
import pytest

SCRIPT, IMG = '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'
TARGET, LEVEL = '<b>y</b>', '<script>alert(2)</script>'
FILE_NAME = IMG + '.csv'


@pytest.fixture(scope='module')
def report(tmp_path_factory):
    "Fit a small CSV with hostile names through the command; the report's path, its text and the results."
    folder = tmp_path_factory.mktemp('hostile')
    rng = np.random.default_rng(0)
    n = 90
    data = pd.DataFrame(rng.uniform(-1, 1, (n, 3)), columns=[SCRIPT, IMG, 'noise'])
    data['site'] = rng.choice([LEVEL, 'north'], n)
    data[TARGET] = 2 * np.sin(np.pi * data[SCRIPT]) + 1.5 * data[IMG] + 0.1 * rng.standard_normal(n)
    data.to_csv(folder / FILE_NAME, index=False)
    env = dict(os.environ, JAX_PLATFORMS='cpu')
    proc = subprocess.run([sys.executable, '-m', 'sparse_deriv.cli', 'fit', FILE_NAME, '--target', TARGET, '--cv', '3',
                           '--quiet', '--report', 'report.html', '--out', 'results.json'],
                          capture_output=True, text=True, env=env, cwd=folder, timeout=300)
    assert proc.returncode == 0, proc.stderr
    path = folder / 'report.html'
    results = json.loads((folder / 'results.json').read_text())
    return dict(path=path, page=path.read_text(encoding='utf-8'), results=results)


def test_report_escapes_hostile_names(report):
    "In the page's text: no tag from the data, each hostile string present escaped."
    page, selected = report['page'], report['results']['selected']
    assert {SCRIPT, IMG} <= set(selected), selected
    assert page.count('<script') == 0 and page.count('onerror=alert') == page.count(html.escape('onerror=alert'))
    assert len(re.findall(r'<img\b', page)) == page.count('<img src="data:image/png;base64,') == 3
    for text in (SCRIPT, IMG, TARGET, LEVEL): assert html.escape(text) in page, text


PAGE_STATE = """
const images = Array.from(document.images);
return {
  title: document.title,
  table: document.querySelector('table.ranked').innerText,
  text: document.body.innerText,
  scripts: document.scripts.length,
  handlers: Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))
                 .map(a => a.name).filter(name => name.startsWith('on')),
  figures: document.querySelectorAll('figure').length,
  images: images.map(i => ({src: i.getAttribute('src').slice(0, 22), complete: i.complete,
                             width: i.naturalWidth, height: i.naturalHeight})),
  resources: performance.getEntriesByType('resource').map(r => r.name),
};
"""


def test_report_in_browser(report, open_page, network_log):
    "The hostile names show as text; no script, handler or foreign image; the figures load; nothing leaves the machine."
    from selenium.common.exceptions import NoAlertPresentException
    browser = open_page(report['path'])
    with pytest.raises(NoAlertPresentException): browser.switch_to.alert.text
    state = browser.execute_script(PAGE_STATE)
    assert FILE_NAME in state['title']
    for name in (SCRIPT, IMG): assert name in state['table'], (name, state['table'])
    for text in (TARGET, LEVEL, FILE_NAME): assert text in state['text'], text
    assert state['scripts'] == 0 and state['handlers'] == []
    assert len(state['images']) == state['figures'] == 3
    for image in state['images']:
        assert image['src'] == 'data:image/png;base64,' and image['complete'], image
        assert image['width'] > 300 and image['height'] > 200, image
    assert state['resources'] == []
    log = network_log(browser)
    assert report['path'].resolve().as_uri() in log['requested'], log
    assert all(url.startswith(('file:', 'data:')) for url in log['requested']) and log['failed'] == [], log
