"""Shared fixtures: a headless Chromium for the tests that look at HTML pages the way a reader does.

`browser` is one headless Chromium for the whole session (Debian's `/usr/bin/chromium`, driven through
`/usr/bin/chromedriver` by selenium, so selenium never downloads a driver), with a fresh profile and the DevTools
network log kept. `open_page(path)` loads a local file in it and returns the driver; `network_log(driver)` says which
URLs the browser asked for since the last call, and which failed to load. Without Chromium, its driver or selenium
the tests that use them are skipped, unless SPARSE_DERIV_REQUIRE_BROWSER=1 (CI), when they fail.
"""
import json
import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = '/usr/bin/chromium', '/usr/bin/chromedriver'
CHROMIUM_OPTIONS = ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                    '--disable-background-networking', '--disable-component-update', '--disable-sync')
PAGE_LOAD_TIMEOUT_S = 120


def require_or_skip(reason:str):
    "Skip with `reason`, or fail when SPARSE_DERIV_REQUIRE_BROWSER=1 says the browser stack must be there."
    if os.environ.get('SPARSE_DERIV_REQUIRE_BROWSER') == '1':
        pytest.fail(f'{reason}; SPARSE_DERIV_REQUIRE_BROWSER=1 requires it')
    pytest.skip(reason)


def browser_missing() -> list:
    "What a headless browser test lacks here: Chromium, its driver, selenium."
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(path)]
    try: import selenium  # noqa: F401
    except ImportError: missing.append('the Python package selenium')
    return missing


@pytest.fixture(scope='session')
def browser():
    "One headless Chromium for the session (a selenium webdriver), fresh profile, network log kept."
    if missing := browser_missing():
        require_or_skip(f"no headless browser: {', '.join(missing)} missing "
                        "(apt-get install -y chromium chromium-driver; pip install selenium)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    with tempfile.TemporaryDirectory(prefix='chromium-profile-') as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for option in (*CHROMIUM_OPTIONS, f'--user-data-dir={profile}'): options.add_argument(option)
        options.set_capability('goog:loggingPrefs', {'performance': 'ALL', 'browser': 'ALL'})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT_S)
            driver.set_script_timeout(PAGE_LOAD_TIMEOUT_S)
            driver.get('about:blank')
            network_log(driver)  # drop what starting up asked for
            yield driver
        finally: driver.quit()


def network_log(driver) -> dict:
    "{'requested': [URL], 'failed': [(URL, error)]}: what `driver` fetched since the last call (DevTools log)."
    events = [json.loads(entry['message'])['message'] for entry in driver.get_log('performance')]
    requested, urls = [], {}
    for e in events:
        if e['method'] == 'Network.requestWillBeSent':
            url = e['params']['request']['url']
            requested.append(url)
            urls[e['params']['requestId']] = url
    failed = [(urls.get(e['params']['requestId'], '?'), e['params'].get('errorText', ''))
              for e in events if e['method'] == 'Network.loadingFailed']
    return dict(requested=requested, failed=failed)


@pytest.fixture(scope='session')
def open_page(browser):
    "`open_page(path)`: clear the network log, load the local file `path` in `browser`, return the driver."
    def _open(path):
        path = Path(path).resolve()
        assert path.is_file(), f'no page at {path}'
        network_log(browser)
        browser.get(path.as_uri())
        return browser
    return _open


@pytest.fixture(name='network_log')
def network_log_fixture():
    "The `network_log(driver)` function, for test modules that do not import conftest."
    return network_log
