"""Regenerate the README's pictures with headless Chromium: the lab as a new user first sees it,
presenter mode, the lessons' views opened, an exported standalone HTML file, and the first
screen on a phone, a tablet, a projector and laptops (``docs/screens/``).

python docs/screenshot.py [NAME ...]     (default: every picture; names: see SHOTS)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools.browser import chrome_driver, start_server, stop  # noqa: E402

READY = (
    "const g = document.querySelector('#weight-plane .js-plotly-plot');"
    "return !!(g && g._fullData && g._fullData.length > 5);"
)
#: opens a lesson's <details> (by its id, or the id of the graph inside it) and scrolls it into view
OPEN = (
    "const g = document.getElementById(arguments[0]); const d = g && (g.tagName === 'DETAILS' ? g : g.closest('details'));"
    "if (d && !d.open) { d.querySelector('summary').click(); } if (d) { d.scrollIntoView(); } return !!d;"
)
#: a graph has drawn (any other element: there)
DRAWN = (
    "const e = document.getElementById(arguments[0]); if (e && e.tagName === 'DETAILS') { return e.open; }"
    "const g = document.querySelector('#' + arguments[0] + ' .js-plotly-plot'); return !!(g && g._fullData && g._fullData.length);"
)
#: after opening: what else to do for a picture (tick KKT for the optimizer's)
AFTER = {"optimizer-details": "const k = document.querySelector(\"input[value='kkt']\"); if (k && !k.checked) { k.click(); }"}

#: name -> (query, window "W,H", id of a lesson's graph to open or None)
SHOTS: dict[str, tuple[str, str, str | None]] = {
    "screenshot": ("", "1500,1100", None),
    "plane-lp": ("?preset=p-below-1", "1500,1100", None),
    "classroom": ("?preset=classic&present=1", "1024,768", None),
    "zh": ("?lang=zh&preset=correlated", "1500,1100", None),
    "kink": ("?preset=classic", "1500,1100", "kink-plot"),
    "path": ("?preset=correlated", "1500,1100", "path-plot"),
    "minibatch": ("?preset=classic", "1500,1100", "minibatch-plot"),
    "sparsity": ("?preset=classic", "1500,1100", "sparsity-plot"),
    "norm-family": ("?preset=classic", "1500,1100", "norm-family-plot"),
    "group": ("?src=dataset&feat=2_8&lam=0.5", "1500,1100", "group-plot"),
    "optimizer": ("?preset=classic", "1500,1100", "optimizer-details"),
    "comparison": ("?preset=classic", "1500,1100", "comparison-details"),
    "dataset": ("?src=dataset&feat=2_3&lam=3", "1500,1100", "path-plot"),
}


def _wait(driver, script: str, *args, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if driver.execute_script(script, *args):
            return True
        time.sleep(0.05)
    return False


def shoot(driver, url: str, name: str) -> None:
    query, window, lesson = SHOTS[name]
    width, height = (int(v) for v in window.split(","))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
    )
    driver.get(url + query)
    _wait(driver, READY)
    if lesson and not (driver.execute_script(OPEN, lesson) and _wait(driver, DRAWN, lesson)):
        print(f"skipped {name}: no drawn #{lesson} on the page")
        return
    if lesson in AFTER:
        driver.execute_script(AFTER[lesson])
    time.sleep(1.5)  # let fonts, transitions and the readout settle before the picture (not a test)
    if lesson == "optimizer-details":  # the paths and the KKT cones are drawn in the weight plane
        driver.execute_script("document.getElementById('weight-plane').scrollIntoView({block: 'start'});")
    elif lesson:  # the panel grew as it drew: bring its top back into view
        driver.execute_script(
            "const e = document.getElementById(arguments[0]);"
            "(e.tagName === 'DETAILS' ? e : e.closest('details')).scrollIntoView({block: 'start'});",
            lesson,
        )
        time.sleep(0.5)
    out = ROOT / "docs" / f"{name}.png"
    driver.save_screenshot(str(out))
    print(f"wrote {out}")


#: docs/screens/<name>.png: (CSS width, CSS height, device pixels per CSS pixel, phone or tablet)
SCREENS: dict[str, tuple[int, int, float, bool]] = {
    "phone-390x844": (390, 844, 3, True),
    "tablet-820x1180": (820, 1180, 2, True),
    "projector-1024x768": (1024, 768, 1, False),
    "laptop-1280x800": (1280, 800, 1, False),
    "desktop-1920x1080-zoom150": (1280, 720, 1.5, False),  # 1920x1080 at 150 %
}


def shoot_screen(driver, url: str, name: str) -> None:
    """The first screen of the default page on a device (``docs/screens/``)."""
    width, height, scale, mobile = SCREENS[name]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile},
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": mobile})
    driver.get(url)
    _wait(driver, READY)
    time.sleep(1.5)  # fonts and the readout settle (not a test)
    out = ROOT / "docs" / "screens" / f"{name}.png"
    driver.save_screenshot(str(out))
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
    print(f"wrote {out}")


def shoot_export(driver) -> None:
    """An exported standalone HTML file (``python app.py export``), opened from file://."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "correlated.html"
        subprocess.run(
            [sys.executable, str(ROOT / "app.py"), "export", "--preset", "correlated", "--format", "html", "--out", str(page)],
            check=True,
        )
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 1100, "height": 820, "deviceScaleFactor": 1, "mobile": False}
        )
        driver.get(page.as_uri())
        _wait(driver, "return !!document.querySelector('.js-plotly-plot .main-svg');")
        time.sleep(1.0)
        out = ROOT / "docs" / "export.png"
        driver.save_screenshot(str(out))
        print(f"wrote {out}")


def main(names: list[str]) -> None:
    names = names or [*SHOTS, "export", *SCREENS]
    server, url = start_server("app.py")
    driver = chrome_driver(window="1500,1100")
    try:
        for name in names:
            if name == "export":
                shoot_export(driver)
            elif name in SCREENS:
                shoot_screen(driver, url, name)
            else:
                shoot(driver, url.rstrip("/") + "/", name)
    finally:
        driver.quit()
        stop(server)


if __name__ == "__main__":
    main(sys.argv[1:])
