"""assets/lab_math.js in real Chromium against the Python ``geometry`` package (agreement to 1e-9).

The library is loaded into a tiny static page (no app server). The cases, the batched script
and the checks are ``tests/math_cases.py``, shared with the Node test ``tests/test_js_node.py``
(unit phase): this test confirms that Chromium's engine gives the same answers. Each loss is
evaluated with a single ``execute_script`` call; every expected value is computed by the Python
package, never hard-coded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..math_cases import (  # noqa: F401 - the shared tests and their fixture, collected here
    evaluated,
    test_lab_math_equals_geometry,
    test_lasso2d_equals_python,
    test_region_boundaries_are_exact,
)
from .conftest import wait_for

pytestmark = pytest.mark.browser

ASSETS = Path(__file__).resolve().parents[2] / "assets"
#: the math in the order Dash loads it (alphabetical)
LAB_MATH = [ASSETS / name for name in ("lab_math.js", "lab_math_constrained.js", "lab_math_curves.js", "lab_math_lasso.js")]


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def js_page(driver, tmp_path_factory):
    """A blank page that loads only the math assets (the shared tests' page)."""
    page = tmp_path_factory.mktemp("js-math") / "lab_math.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>lab math</title>"
        + "".join(f"<script src='{path.as_uri()}'></script>" for path in LAB_MATH)
        + "</head><body></body></html>"
    )
    driver.get(page.as_uri())
    wait_for(driver, "!!(window.labMath && window.labMath.lassoAt && window.labMath.l1ForT && window.labMath.diamond)")
    return driver
