"""Regenerate docs/screenshot.png: the lab as a new user first sees it (headless Chromium).

python docs/screenshot.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools.browser import chrome_driver, start_server, stop  # noqa: E402


def main() -> None:
    server, url = start_server("app.py")
    driver = chrome_driver(window="1500,1100")
    try:
        driver.get(url)
        ready = "const g = document.querySelector('#weight-plane .js-plotly-plot'); return !!(g && g._fullData && g._fullData.length > 5);"
        while not driver.execute_script(ready):
            time.sleep(0.05)
        time.sleep(1.0)  # let fonts and the readout settle before the picture (not a test)
        out = ROOT / "docs" / "screenshot.png"
        driver.save_screenshot(str(out))
        print(f"wrote {out}")
    finally:
        driver.quit()
        stop(server)


if __name__ == "__main__":
    main()
