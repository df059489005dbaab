"""Debian's headless Chromium via selenium, and the app (or any script) on a free local port.

Used by ``tests/browser``, ``bench/latency.py`` and ``docs/screenshot.py``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

#: Headless, sandbox-free (we run as root), and silent on the network: without the
#: background-networking flags Chromium keeps trying to reach its services.
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
)


def chrome_driver(*, window: str = "1500,1100", script_timeout: float = 60):
    """A selenium Chrome driver on Debian's chromium/chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in (*CHROMIUM_ARGS, f"--window-size={window}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(script_timeout)
    return driver


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    script: str = "app.py",
    *args: str,
    port: int | None = None,
    log: Path | None = None,
    timeout: float = 60,
    cwd: Path = ROOT,
):
    """Run ``python <script> --port N`` from ``cwd`` (the project root) and wait until it answers ``GET /``.

    Returns ``(process, url)``. Output goes to ``log`` (a file, never a pipe: a full pipe would
    stall the server) or is discarded.
    """
    port = port or free_port()
    sink = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - handed to the child
    try:
        proc = subprocess.Popen(
            [sys.executable, script, "--port", str(port), *args], cwd=cwd, stdout=sink, stderr=subprocess.STDOUT
        )
    finally:
        if log:
            sink.close()
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            detail = log.read_text() if log else ""
            raise RuntimeError(f"{script} exited early {detail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return proc, url
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"{script} did not answer on {url} within {timeout} s")
        time.sleep(0.1)  # polling the server's readiness


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
