"""Fixtures for the browser tests: Debian's headless Chromium via selenium, and the real app.

Locally the directory is skipped (with the reason) when chromium or chromedriver is
missing; under CI (``CI`` set) a missing browser is an error.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def _browser_missing() -> str | None:
    """The missing browser executables, comma-separated, or None if both are there."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    return ", ".join(missing) if missing else None


def _in_ci() -> bool:
    return bool(os.environ.get("CI"))


def pytest_collection_modifyitems(config, items):
    """Skip every test of this directory (and any ``browser``-marked test) without a browser.

    Under CI the tests are not skipped: the ``driver`` fixture fails them with the reason.
    """
    missing = _browser_missing()
    if not missing or _in_ci():
        return
    here = Path(__file__).resolve().parent
    skip = pytest.mark.skip(reason=f"{missing} not installed (apt-get install -y chromium chromium-driver)")
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents or item.get_closest_marker("browser"):
            item.add_marker(skip)


def wait_for(driver, js_expression: str, timeout: float = 20.0, poll: float = 0.05):
    """Poll a JavaScript condition in the page every ``poll`` seconds until it is truthy.

    Parameters
    ----------
    driver : selenium WebDriver
    js_expression : str
        An expression (evaluated as ``return (<expression>);``) or a function body that
        starts with ``return`` or contains statements ending in one.
    timeout : float
        Seconds before giving up.

    Returns
    -------
    The first truthy value. Raises AssertionError naming the condition (and the last value
    or exception seen) on time-out.
    """
    text = js_expression.strip()
    script = text if text.startswith("return") or "return " in text else f"return ({text});"
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = driver.execute_script(script)
        except Exception as exc:  # noqa: BLE001 - the page may be between renders
            last = exc
        if last and not isinstance(last, Exception):
            return last
        if time.monotonic() >= deadline:
            break
        time.sleep(poll)  # the polling interval of a DOM condition, not a synchronisation sleep
    raise AssertionError(f"timed out after {timeout}s waiting for: {text} (last value {last!r})")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def driver():
    """One headless Debian Chromium for the whole session (selenium, no driver download)."""
    missing = _browser_missing()
    if missing:  # only reached under CI: locally the tests were skipped at collection
        pytest.fail(f"browser tests need {missing} (apt-get install -y chromium chromium-driver)", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1500,1100",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ):
        options.add_argument(arg)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.set_script_timeout(60)
    yield drv
    drv.quit()


SERVER_LOGS: list[Path] = []


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Factory: start ``python app.py`` on a free port, return its base URL; all stopped at the end."""
    procs: list[subprocess.Popen] = []

    def start(*args: str) -> str:
        port = free_port()
        log = tmp_path_factory.mktemp("app") / "server.log"
        with open(log, "w") as sink:  # a file, not a pipe: a full pipe would stall the server
            proc = subprocess.Popen(
                [sys.executable, "app.py", "--port", str(port), *args],
                cwd=ROOT,
                stdout=sink,
                stderr=subprocess.STDOUT,
                text=True,
            )
        procs.append(proc)
        SERVER_LOGS.append(log)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited early: {log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return url
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"app.py did not answer on {url} within 60 s")

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "driver" in getattr(item, "funcargs", {}):
        SCREENSHOTS.mkdir(exist_ok=True)
        try:
            item.funcargs["driver"].save_screenshot(str(SCREENSHOTS / f"{item.name}.png"))
        except Exception:  # pragma: no cover - best effort
            pass
