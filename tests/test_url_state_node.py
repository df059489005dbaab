"""One link rule, implemented twice: ``assets/share_panel.js`` (``lab.share.encode``, which
mirrors the page into the address bar) writes the same string as
:func:`authoring.url_state.encode`, under Node, for many random pages (points, loss-shape mode,
stale generator settings, empty boxes) and for edge numbers; ``lab.share.numberText`` equals
:func:`authoring.url_state.number_text` on random doubles of every magnitude.
"""

from __future__ import annotations

import copy
import math
import struct
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from authoring.url_state import PageState, encode, number_text, page_for_query, share_defaults
from components.client_config import client_config

from .test_js_node import NodePage, node_executable
from .test_url_state import random_page

ROOT = Path(__file__).resolve().parents[1]
#: encode each page with the configuration (the map callback's `arguments` are its own)
ENCODE_ALL_JS = """
var cfg = arguments[1];
return arguments[0].map(function (page) { return window.lab.share.encode(page, cfg); });
"""
NUMBERS_JS = "return arguments[0].map(function (x) { return window.lab.share.numberText(x); });"


@pytest.fixture(scope="module")
def js_page():
    page = NodePage(node_executable(), [ROOT / "assets" / "share_panel.js"])
    yield page
    page.close()


def _as_json(page: PageState) -> dict:
    out = asdict(page)
    out.pop("notes")
    return out


def _edge_pages(rng) -> list[PageState]:
    """Pages with the numbers where two implementations part: exponents, -0, rounding halves,
    integers beyond 2**53, the ends of the ranges."""
    pages = []
    values = [1e-7, 1.5e-7, 1e-6, 0.1, 1 / 3, 1e21, 1.5e21, 123456789012345680000.0, 1e300, 5e-324, 2.0**53 + 2]
    for value in values:
        page = random_page(rng)
        page.view["value"] = value
        pages.append(page)
    points = {
        "x": [-1.0, 1.0, 0.0, -0.0, 5e-7, -5e-7, 0.0078125, 2.5e-7, 0.9999995, 1 / 3],
        "y": [1e9, -1e9, -0.0, 1e-300, 4.5e-7, -4.5e-7, 2.0**-20, 1e15, 123.4567895, -1 / 3],
    }
    for shape_source in (False, True):
        page = random_page(rng)
        page.state = {**page.state, "points": copy.deepcopy(points)}
        page.state.pop("generated", None)
        if shape_source:
            page.state.update(source="shape", shape={"center": [1e-7, -0.0], "ratio": 1.0, "angle": 1e21})
        pages.append(page)
    page = random_page(rng)
    page.generator = {"n": None, "true_w": [None, -0.0], "noise": 1e-7, "seed": 2**32 - 1}
    page.view.update(shown=[], l1_ratio=None, keep=None, mode=None)
    pages.append(page)
    page = random_page(rng)
    page.generator = {"n": 20.0, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7.0}  # floats equal to the defaults
    page.view.update(l1_ratio=0.5, shown=["l2", "l1"])
    pages.append(page)
    return pages


def test_share_config_is_what_the_page_carries():
    assert client_config()["share"] == share_defaults()


def test_javascript_encodes_every_page_as_python_does(js_page):
    rng = np.random.default_rng(20261130)
    pages = [random_page(rng) for _ in range(300)] + _edge_pages(rng)
    pages += [page_for_query(f"preset={name}") for name in ("classic", "correlated", "round")]
    expected = [encode(page) for page in pages]
    got = js_page.execute_script(ENCODE_ALL_JS, [_as_json(p) for p in pages], share_defaults())
    for page, want, have in zip(pages, expected, got):
        assert have == want, _as_json(page)
    # the sample reaches every parameter a link may hold
    written = {pair.split("=")[0] for query in expected for pair in query.split("&")}
    assert written == {"lang", "present", "lam", "mode", "show", "r", "p", "keep", "src", "basis", "rho", "shape",
                       "g", "gen", "pts"}


def _random_doubles(rng, count: int) -> list[float]:
    """Finite doubles from random bit patterns (every exponent), and some round decimals."""
    out = []
    while len(out) < count:
        x = struct.unpack("<d", struct.pack("<Q", int(rng.integers(0, 2**64, dtype=np.uint64))))[0]
        if math.isfinite(x):
            out.append(x)
    out += [round(float(v), int(d)) for v, d in zip(rng.normal(scale=100, size=count // 2), rng.integers(0, 8, count // 2))]
    out += [float(v) for v in rng.integers(-(2**60), 2**60, size=200)]
    return out


def test_javascript_writes_numbers_as_python_does(js_page):
    rng = np.random.default_rng(7)
    numbers = _random_doubles(rng, 4000) + [0.0, -0.0, 1e21, 1e-7, 9.999999999999999e20, 1e-6, 9.99999e-7]
    got = js_page.execute_script(NUMBERS_JS, numbers)
    assert got == [number_text(x) for x in numbers]
