"""The browser's JavaScript under Node, in the unit phase: one math, one number format.

- ``assets/lab_math.js`` (``window.labMath``) against the ``geometry`` package: every check of
  ``tests/math_cases.py`` on every case there (the same cases, script and checks as the Chromium
  test ``tests/browser/test_js_math.py``), and that no labMath function goes unchecked.
- ``assets/lab_format.js`` (``window.labFormat.number``) against
  ``components.formatting.format_number`` on ~20,000 values.

One Node process (``tests/node/run_js.js``) serves the module. Node is required: without it the
tests fail, they are not skipped.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from components.formatting import format_number

from .math_cases import (  # noqa: F401 - the shared tests and their fixture, collected here
    evaluated,
    test_lab_math_equals_geometry,
    test_lasso2d_equals_python,
    test_region_boundaries_are_exact,
)

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tests" / "node" / "run_js.js"
#: the math in the order Dash loads it (alphabetical), then the number format
MATH_ASSETS = [ROOT / "assets" / name for name in ("lab_math.js", "lab_math_constrained.js", "lab_math_curves.js", "lab_math_lasso.js", "lab_math_lp.js")]
ASSETS = [*MATH_ASSETS, ROOT / "assets" / "lab_format.js"]


# ---------------------------------------------------------------------------- Node
class NodePage:
    """``node tests/node/run_js.js <assets>``: the assets as in a page, and execute_script as in Selenium."""

    def __init__(self, node: str, assets: list[Path]):
        self.process = subprocess.Popen(
            [node, str(RUNNER), *map(str, assets)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
        )

    def execute_script(self, script: str, *args):
        """Run a function body with ``arguments`` = args; its return value, through JSON."""
        request = json.dumps({"script": script, "args": list(args)}, allow_nan=False)
        self.process.stdin.write(request + "\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        if not reply:
            self.process.wait(timeout=10)
            raise AssertionError(f"node exited ({self.process.returncode}): {self.process.stderr.read()}")
        reply = json.loads(reply)
        if "error" in reply:
            raise AssertionError(f"JavaScript error: {reply['error']}")
        return reply["value"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()


#: give a Node page the configuration a page of the app has (``lab.config()``)
CONFIGURE_JS = "const c = arguments[0]; window.lab.config = function () { return c; }; return true;"


def configured_page(assets: list[Path], *setup: str):
    """A Node page of ``assets`` with the app's English configuration, after each ``setup`` script:
    for a module-scoped fixture (``yield from configured_page(ASSETS)``)."""
    from components.client_config import client_config

    node_page = NodePage(node_executable(), assets)
    assert node_page.execute_script(CONFIGURE_JS, client_config())
    for script in setup:
        assert node_page.execute_script(script)
    yield node_page
    node_page.close()


def node_executable() -> str:
    """The node on PATH; the test fails (not skips) without it: CI installs Node.js."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is not on PATH: the browser's math and number formatting are unit-tested under Node.js "
            "(apt-get install -y nodejs)",
            pytrace=False,
        )
    return node


@pytest.fixture(scope="module")
def js_page():
    """The assets in one Node process for the whole module (the shared tests' page)."""
    node_page = NodePage(node_executable(), ASSETS)
    yield node_page
    node_page.close()


# ---------------------------------------------------------------------------- coverage
#: Every labMath function and the checks (tests/math_cases.py) that hold it to geometry/.
CHECKED_BY = {
    "l1Segment": "check_l1_segment",
    "l1Norm": "check_values_and_fits",
    "spectrum": "check_values_and_fits",
    "l2Norm": "check_values_and_fits",
    "enValue": "check_values_and_fits",
    "enBudget": "check_values_and_fits",
    "enIntercept": "check_values_and_fits",
    "J0": "check_values_and_fits",
    "excess": "check_values_and_fits",
    "gradient": "check_values_and_fits",
    "fitCurve": "check_values_and_fits",
    "lassoAt": "check_penalized_optima, check_lasso_breakpoints, check_lasso_at_is_lasso_path",
    "ridgeAt": "check_penalized_optima, check_rank_deficient_tiny_lambda",
    "elasticNetAt": "check_penalized_optima, check_rank_deficient_tiny_lambda",
    "lasso2d": "check_lasso2d",
    "equivalentLambda": "check_equivalent_lambda",
    "l1ForT": "check_constrained_optima, check_equivalent_lambda",
    "l2ForT": "check_constrained_optima, check_equivalent_lambda",
    "elasticNetForT": "check_constrained_optima, check_equivalent_lambda",
    "diamond": "check_region_boundaries",
    "circle": "check_region_boundaries",
    "enBoundary": "check_region_boundaries",
    "contourThrough": "check_contours_on_level, check_contour_through_is_contour_curve",
    "lpForT": "tests/test_lp_node.py",
    "lpBoundary": "tests/test_lp_node.py::test_the_outline_is_geometrys",
}


def test_every_lab_math_function_is_checked(js_page):
    names = js_page.execute_script("return Object.keys(window.labMath);")
    assert sorted(names) == sorted(CHECKED_BY), "labMath functions without a Node test (add them to CHECKED_BY)"


def test_assets_are_node_modules_too():
    """Under Node ``require`` gives the same objects that the page gets as window.labMath / labFormat."""
    script = (
        "const math = process.argv.slice(1, -1).map(file => require(file)).pop();"
        "console.log(JSON.stringify([Object.keys(math), require(process.argv.slice(-1)[0]).number(1e-5)]))"
    )
    done = subprocess.run(
        [node_executable(), "-e", script, *map(str, ASSETS)], capture_output=True, text=True, timeout=60, check=True
    )
    keys, formatted = json.loads(done.stdout)
    assert sorted(keys) == sorted(CHECKED_BY) and formatted == "1e-5"


# ---------------------------------------------------------------------------- number formatting
FORMAT_JS = """
const text = arguments[0], out = new Array(text.length);
for (let i = 0; i < text.length; i++) { out[i] = window.labFormat.number(Number(text[i])); }
return out;
"""


def _ties() -> list[float]:
    """Doubles whose exact value has 5 significant digits ending in 5 (4-digit rounding ties)."""
    candidates = [float(n) for n in range(10005, 100000, 10)]  # 10005, 10015, ...: exact integers
    candidates += [n * 2.0**-k for n in range(1, 4096, 3) for k in range(1, 14)]  # 1.0625 = 17 / 16, ...
    candidates += [n * 10.0**k for n in (12345, 99995, 10005, 50005) for k in range(0, 12)]
    out = []
    for v in candidates:
        digits = Decimal(v).normalize().as_tuple().digits
        if len(digits) == 5 and digits[-1] == 5:
            out.append(v)
    return out


def format_values() -> list[float]:
    """~20,000 doubles: random mantissas over 1e-20..1e20, ties and their neighbours, the edges."""
    rng = np.random.default_rng(20261124)
    mantissa = rng.uniform(1.0, 10.0, 12000)
    exponent = rng.integers(-20, 21, 12000)
    sign = rng.choice([-1.0, 1.0], 12000)
    values = (sign * mantissa * 10.0 ** exponent.astype(float)).tolist()
    values += rng.integers(-(10**6), 10**6, 1000).astype(float).tolist()  # integers: ties among them
    ties = _ties()
    for v in ties[:: max(1, len(ties) // 1500)]:
        values += [v, -v, float(np.nextafter(v, 0)), float(np.nextafter(v, np.inf))]
    edges = [1e-4, 1e5, 9.99951e-5, 9.9995e-5, 9.99949e-5, 99999.5, 99999.4, 99995.0, 99994.99999, 0.00010005]
    edges += [1.0625, 12345.0, 0.5, 2.5, 5e-324, 2.2250738585072014e-308, 1e308, 1e-7, 1e21]
    for v in edges:
        values += [v, -v, float(np.nextafter(v, 0)), float(np.nextafter(v, np.inf))]
    return values + [1.7976931348623157e308, -1.7976931348623157e308, 0.0, -0.0, math.inf, -math.inf, math.nan]


def _number_text(v: float) -> str:
    """v as text that JavaScript's Number() reads back as the same double (-0, inf and NaN included)."""
    return repr(v) if math.isfinite(v) else {"inf": "Infinity", "-inf": "-Infinity", "nan": "NaN"}[repr(v)]


def test_format_number_is_the_same_in_python_and_javascript(js_page):
    values = format_values()
    assert len(values) >= 19000
    got = js_page.execute_script(FORMAT_JS, [_number_text(v) for v in values])
    want = [format_number(v) for v in values]
    wrong = [(v, js, py) for v, js, py in zip(values, got, want) if js != py]
    assert not wrong, f"{len(wrong)} values differ (value, JS, Python), e.g. {wrong[:10]}"


@pytest.mark.parametrize(
    "value, text",
    [
        (0.0, "0"),
        (-0.0, "0"),
        (math.inf, "∞"),
        (-math.inf, "\u2212∞"),
        (math.nan, "NaN"),
        (0.0001234, "0.0001234"),
        (12345.6, "12350"),
        (12345.0, "12350"),
        (1.0625, "1.063"),
        (99999.9, "100000"),
        (-1.5, "-1.5"),
        (1e-5, "1e-5"),
        (3.678e-12, "3.678e-12"),
        (1.2e7, "1.2e+7"),
        (9.99951e-5, "1e-4"),
        (np.float32(0.25), "0.25"),
        (7, "7"),
    ],
)
def test_format_number_examples(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value", [None, "1", True, 1j, 10**400])
def test_format_number_rejects_what_is_not_a_real_number(value):
    with pytest.raises(ValueError, match="real number"):
        format_number(value)


def test_javascript_format_rejects_what_is_not_a_number(js_page):
    script = """
    return [null, '1', true, undefined, {}].map(v => {
      try { window.labFormat.number(v); return 'accepted'; } catch (e) { return e.name; }
    });
    """
    assert js_page.execute_script(script) == ["TypeError"] * 5
