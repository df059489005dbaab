"""Fixtures for the browser tests: Debian's headless Chromium via selenium, and the real app.

Locally the directory is skipped (with the reason) when chromium or chromedriver is
missing; under CI (``CI`` set) a missing browser is an error.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from devtools.browser import CHROMEDRIVER, CHROMIUM, chrome_driver, free_port, start_server, stop

__all__ = ["wait_for", "free_port"]

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


@pytest.fixture(scope="session")
def driver():
    """One headless Debian Chromium for the whole session (selenium, no driver download)."""
    missing = _browser_missing()
    if missing:  # only reached under CI: locally the tests were skipped at collection
        pytest.fail(f"browser tests need {missing} (apt-get install -y chromium chromium-driver)", pytrace=False)
    drv = chrome_driver(window="1500,1100")
    yield drv
    drv.quit()


SERVER_LOGS: list[Path] = []


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Factory: start ``python app.py`` on a free port, return its base URL; all stopped at the end."""
    procs: list[subprocess.Popen] = []

    def start(*args: str) -> str:
        log = tmp_path_factory.mktemp("app") / "server.log"
        proc, url = start_server("app.py", *args, log=log)
        procs.append(proc)
        SERVER_LOGS.append(log)
        return url

    yield start
    for proc in procs:
        stop(proc)


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
