"""Fixtures for the browser tests: Debian's headless Chromium via selenium, and the real app.

Locally the directory is skipped (with the reason) when chromium or chromedriver is
missing; under CI (``CI`` set) a missing browser is an error.
"""

from __future__ import annotations

import os
import shutil
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
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (os.path.exists(p) or shutil.which(os.path.basename(p)))]
    return ", ".join(missing) if missing else None


def pytest_collection_modifyitems(config, items):
    missing = _browser_missing()
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"browser tests need {missing} (apt-get install -y chromium chromium-driver)")
    skip = pytest.mark.skip(reason=f"{missing} not installed (apt-get install -y chromium chromium-driver)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def wait_for(driver, js: str, timeout: float = 20.0, poll: float = 0.05):
    """Poll a JavaScript expression (a function body that returns) until it is truthy.

    Returns the value; raises AssertionError naming the condition on time-out.
    """
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = driver.execute_script(js)
        except Exception as exc:  # the page may be between renders
            last = exc
        if last and not isinstance(last, Exception):
            return last
        time.sleep(poll)  # polling interval of a DOM condition, not a synchronisation sleep
    raise AssertionError(f"timed out after {timeout}s waiting for: {js} (last value {last!r})")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def driver():
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
