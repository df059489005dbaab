"""The export (authoring/export.py) and its panel (components/export_panel.py).

The frames of the interactive figure are held against the app's own plane builder at each
slider position, and their touch points against the optimality conditions of the lasso and
ridge problems at that λ (facts independent of the builders). Images need kaleido and
Debian's Chromium; without them those tests are skipped (under CI they run).
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import struct
import time
import xml.etree.ElementTree as ET

import numpy as np
import plotly.io as pio
import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from authoring import export
from authoring.export import (
    STEP_COUNT,
    export_bytes,
    export_figure,
    figure_html,
    figure_json,
    image_bytes,
    slider_steps,
    view_at_value,
    write_export,
)
from components import export_panel
from components.i18n import text
from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from components.problem import default_state, loss_for_state
from components.stores import build_scene
from components.view import initial_view
from components.weight_plane import plane_for

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"), reason=f"{CHROMIUM} not installed"
)
#: 5 MB (plotly.min.js alone is 4.8 MB)
FIVE_MB = 5_000_000


def _values(array) -> np.ndarray:
    """A trace's x or y as floats: a plotly typed-array spec decoded, a list with None as NaN."""
    if isinstance(array, dict):
        dtype = {"f4": "<f4", "f8": "<f8"}[array["dtype"]]
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=dtype).astype(float)
    return np.array([np.nan if v is None else v for v in array], dtype=float)


def _shape_state() -> dict:
    return {**default_state(), "source": "shape"}


VIEWS = {
    "penalized": {**initial_view()},
    "penalized-all": {**initial_view(), "shown": ["l1", "l2", "en", "lp"], "l1_ratio": 0.3, "p": 0.4},
    "constrained": {**initial_view(), "mode": "constrained", "shown": ["l1", "en"], "slider": -0.7},
    "small-lambda": {**initial_view(), "slider": -2.5},
}


@pytest.fixture(scope="module")
def state():
    return default_state()


@pytest.fixture(scope="module")
def scene(state):
    return build_scene(state)


# --- slider positions -------------------------------------------------------------------------


@pytest.mark.parametrize("current", [SLIDER_MIN, SLIDER_MAX, math.log10(0.6), -1.234567, -3 + 3.477121254719662 / 24])
def test_slider_steps_are_log_spaced_over_the_app_range_and_hold_the_current_one(current):
    steps = slider_steps(current)
    assert len(steps) >= 25
    assert steps[0] == SLIDER_MIN and steps[-1] == pytest.approx(SLIDER_MAX, abs=1e-15)
    assert current in steps
    assert all(b > a for a, b in zip(steps, steps[1:]))
    # the slider's position is log10(λ / λ_max): equal gaps (apart from the inserted current
    # position) are equal ratios of λ
    others = [s for s in steps if s != current] if len(steps) > STEP_COUNT else steps
    grid = np.linspace(-3, math.log10(3), STEP_COUNT)
    assert len(others) == STEP_COUNT
    np.testing.assert_allclose(others, grid, atol=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"current": 0.0, "count": 1}, "count must be an integer >= 2"),
        ({"current": 0.0, "count": True}, "count must be an integer >= 2"),
        ({"current": 0.0, "count": 2.5}, "count must be an integer >= 2"),
        ({"current": 1.0}, "current must be a slider position"),
        ({"current": -3.5}, "current must be a slider position"),
        ({"current": "0"}, "current must be a slider position"),
    ],
)
def test_slider_steps_refuse_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        slider_steps(**kwargs)


def test_view_at_value_puts_the_slider_at_lambda_and_clamps_outside_the_range(scene):
    lam_max = scene["lambda_max"]
    view, clamped = view_at_value(scene, initial_view(), 0.05 * lam_max)
    assert not clamped
    assert view["slider"] == pytest.approx(math.log10(0.05))
    assert view["value"] == 0.05 * lam_max
    view, clamped = view_at_value(scene, initial_view(), 10 * lam_max)
    assert clamped and view["slider"] == SLIDER_MAX and view["value"] == pytest.approx(3 * lam_max)
    constrained, _ = view_at_value(scene, {**initial_view(), "mode": "constrained"}, 0.5)
    assert 10 ** constrained["slider"] * sum(abs(v) for v in scene["ols"]) == pytest.approx(0.5)


@pytest.mark.parametrize("value", [0, -1.0, math.inf, math.nan, "1", None, True])
def test_view_at_value_refuses_a_value_that_is_not_positive(scene, value):
    with pytest.raises(ValueError, match="value must be a finite number > 0"):
        view_at_value(scene, initial_view(), value)


# --- the interactive figure -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_each_frame_is_the_app_plane_at_its_slider_position(state, scene, name):
    view = VIEWS[name]
    figure = export_figure(state, view, scene=scene)
    uids = [trace["uid"] for trace in figure["data"]]
    slider = figure["layout"]["sliders"][0]
    positions = sorted({*np.linspace(-3, math.log10(3), STEP_COUNT).tolist(), view["slider"]})
    assert len(figure["frames"]) == len(slider["steps"]) == len(positions)
    for frame, step, position in zip(figure["frames"], slider["steps"], positions):
        assert step["args"][0] == [frame["name"]] and step["method"] == "animate"
        app = plane_for(state, scene, {**view, "slider": position})["data"]
        assert [trace["uid"] for trace in app] == uids
        # a frame holds the traces that move; every other trace is the same at each step
        in_frame = [uids[i] for i in frame["traces"]]
        assert in_frame == [u for u in uids if u in in_frame] and not {"loss-contours", "ols-point"} & set(in_frame)
        keys = {"l1": ("l1-region", "l1-touch"), "l2": ("l2-region", "l2-touch"), "en": ("en-region", "en-touch"),
                "lp": ("lp-region", "lp-touch")}
        assert {"touch-contours", *(u for k in view["shown"] for u in keys[k])} <= set(in_frame)
        at_view = plane_for(state, scene, view)["data"]
        for i, uid in enumerate(uids):
            if uid not in in_frame:
                assert (app[i]["x"], app[i]["y"]) == (at_view[i]["x"], at_view[i]["y"]), uid
        for index, data in zip(frame["traces"], frame["data"]):
            expected = app[index]
            for axis in ("x", "y"):
                got = _values(data[axis])
                if uids[index].endswith("-touch"):  # the touch points keep every digit
                    assert data[axis] == expected[axis]
                else:  # the curves as float32, thinned (each run's last point kept)
                    thin = _values(export.every_other_point(expected[axis], export.THIN_STEP.get(uids[index], 1)))
                    np.testing.assert_array_equal(got, thin.astype(np.float32).astype(float))
                    # the ends of every run are the app's (a closed curve stays closed)
                    assert np.array_equal(np.isnan(got), np.isnan(thin))
            assert data.get("hovertext") == expected.get("hovertext")
            assert data.get("visible") == expected.get("visible")
        value = scene["lambda_max" if view["mode"] == "penalized" else "ols"]
        ref = value if view["mode"] == "penalized" else sum(abs(v) for v in value)
        assert step["label"].startswith(export.format_number(ref * 10**position))


def test_frame_touch_points_solve_the_lasso_and_ridge_at_their_lambda(state, scene):
    """Each frame's L1 touch point meets the lasso's KKT conditions, its L2 touch point ridge's
    normal equations, at λ = λ_max · 10^position (independent of the path and the builders)."""
    loss = loss_for_state(state)
    figure = export_figure(state, initial_view(), scene=scene)
    uids = [trace["uid"] for trace in figure["data"]]
    positions = slider_steps(initial_view()["slider"])
    sparse = 0
    for frame, position in zip(figure["frames"], positions):
        lam = scene["lambda_max"] * 10**position
        touch = {uids[i]: data for i, data in zip(frame["traces"], frame["data"])}
        w1 = np.array([touch["l1-touch"]["x"][0], touch["l1-touch"]["y"][0]])
        grad = loss.gradient(w1)
        for j in range(2):
            if w1[j] != 0:
                assert grad[j] + lam * np.sign(w1[j]) == pytest.approx(0, abs=1e-9 * max(1, lam))
            else:
                assert abs(grad[j]) <= lam * (1 + 1e-9)
        sparse += int(np.count_nonzero(w1) < 2)
        w2 = np.array([touch["l2-touch"]["x"][0], touch["l2-touch"]["y"][0]])
        np.testing.assert_allclose(loss.gradient(w2) + 2 * lam * w2, 0, atol=1e-9 * max(1, lam))
    assert 0 < sparse < len(positions)  # the slider passes corners and edges of the diamond


def test_the_figure_opens_at_the_view_with_fixed_background(state, scene):
    view = VIEWS["penalized-all"]
    figure = export_figure(state, view, scene=scene)
    app = plane_for(state, scene, view)
    slider = figure["layout"]["sliders"][0]
    current = figure["frames"][slider["active"]]
    for index, data in zip(current["traces"], current["data"]):
        for key, value in data.items():
            assert figure["data"][index][key] == value
    for uid in ("loss-contours", "ols-point"):
        ours = next(t for t in figure["data"] if t["uid"] == uid)
        theirs = next(t for t in app["data"] if t["uid"] == uid)
        assert {k: v for k, v in ours.items() if k not in "xy"} == {k: v for k, v in theirs.items() if k not in "xy"}
        for axis in "xy":  # the background contours as float32, every point; the OLS point exact
            want = _values(theirs[axis])
            np.testing.assert_array_equal(_values(ours[axis]), want.astype(np.float32).astype(float) if uid == "loss-contours" else want)
    assert figure["layout"]["xaxis"]["range"] == app["layout"]["xaxis"]["range"]
    still = export_figure(state, view, scene=scene, animated=False)
    assert "frames" not in still and "sliders" not in still["layout"]
    label = figure["layout"]["sliders"][0]["steps"][slider["active"]]["label"]
    assert still["layout"]["title"]["subtitle"]["text"].endswith("λ = " + label)


def test_a_view_that_keeps_its_lambda_opens_at_that_lambda(state, scene):
    lam = 0.2 * scene["lambda_max"]
    figure = export_figure(state, {**initial_view(), "value": lam, "slider": 0.0}, scene=scene)
    slider = figure["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"].startswith(export.format_number(lam))


def test_title_and_formula_follow_the_regions_mode_and_language(state, scene):
    layout = export_figure(state, VIEWS["penalized-all"], scene=scene)["layout"]
    subtitle = layout["title"]["subtitle"]["text"]
    assert layout["title"]["text"] == text("export.title", "en")
    for formula in ("J0(w) + λ‖w‖₁", "J0(w) + λ‖w‖₂²", "λ(r‖w‖₁ + (1−r)‖w‖₂²)", "r = 0.3", "1/(2n)"):
        assert formula in subtitle
    layout = export_figure(state, VIEWS["constrained"], scene=scene, lang="zh")["layout"]
    subtitle = layout["title"]["subtitle"]["text"]
    assert layout["title"]["text"] == text("export.title", "zh") != text("export.title", "en")
    assert "‖w‖₁ ≤ t" in subtitle and "‖w‖₂ ≤ t" not in subtitle and "约束" in subtitle
    assert layout["sliders"][0]["currentvalue"]["prefix"].startswith("t")
    zh = export_figure(state, initial_view(), scene=scene, lang="zh")
    app_zh = plane_for({**state, "lang": "zh"}, {**scene, "lang": "zh"}, initial_view())
    touch = next(i for i, t in enumerate(app_zh["data"]) if t["uid"] == "l2-touch")
    assert zh["data"][touch]["hovertext"] == app_zh["data"][touch]["hovertext"]
    assert zh["data"][touch]["hovertext"] != plane_for(state, scene, initial_view())["data"][touch]["hovertext"]
    shape = export_figure(_shape_state(), initial_view())["layout"]["title"]["subtitle"]["text"]
    assert "1/(2n)" not in shape


def test_fixed_size_and_bad_sizes(state, scene):
    layout = export_figure(state, None, scene=scene, width=640, height=600)["layout"]
    assert (layout["width"], layout["height"], layout["autosize"]) == (640, 600, False)
    for bad in (0, -5, 2.5, True, "640"):
        with pytest.raises(ValueError, match="width must be a positive integer"):
            export_figure(state, None, scene=scene, width=bad)
        with pytest.raises(ValueError, match="height must be a positive integer"):
            export_figure(state, None, scene=scene, height=bad)


# --- files ------------------------------------------------------------------------------------


def _after_plotly(page: str) -> str:
    """The page without the inlined plotly.js: the figure's own script."""
    return page[page.rindex("Plotly.newPlot") :]


def test_inline_html_is_one_offline_file_under_5_mb_made_in_under_2_s(state):
    start = time.perf_counter()
    page = export_bytes(state, initial_view(), "html")
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    assert len(page) < FIVE_MB
    text_ = page.decode("utf-8")
    assert not re.search(r"<script[^>]+src=", text_)  # nothing to fetch
    assert "mathjax" not in text_.lower().split("plotly.newplot")[-1]
    tail = _after_plotly(text_)
    assert "Plotly.animate(" not in tail  # auto_play off: the slider waits for the reader
    assert '"sliders"' in tail
    everything = export_bytes(state, VIEWS["penalized-all"], "html")
    assert len(everything) < FIVE_MB
    chinese = export_bytes(state, VIEWS["penalized-all"], "html", lang="zh")
    assert len(chinese) < FIVE_MB


@pytest.mark.parametrize(("how", "src"), [("directory", 'src="plotly.min.js"'), ("cdn", "cdn.plot.ly")])
def test_html_can_load_plotly_js_beside_the_file_or_from_its_cdn(tmp_path, state, how, src):
    page = export_bytes(state, None, "html", plotlyjs=how)
    assert len(page) < 400_000 and src in page.decode("utf-8")
    written = write_export(tmp_path / "view.html", page, fmt="html", plotlyjs=how)
    assert [p.name for p in written] == (["view.html", "plotly.min.js"] if how == "directory" else ["view.html"])
    if how == "directory":
        assert (tmp_path / "plotly.min.js").stat().st_size > 3_000_000


def test_json_reads_back_with_plotly_as_the_same_figure(tmp_path, state, scene):
    view = VIEWS["penalized-all"]
    path = tmp_path / "view.json"
    write_export(path, export_bytes(state, view, "json"), fmt="json")
    figure = pio.read_json(path)
    ours = export_figure(state, view, scene=scene)
    assert len(figure.frames) == len(ours["frames"]) >= 25
    assert figure.layout.sliders[0].active == ours["layout"]["sliders"][0]["active"]
    assert [trace.uid for trace in figure.data] == [trace["uid"] for trace in ours["data"]]
    frame = figure.frames[3]
    for data, expected in zip(frame.data, ours["frames"][3]["data"]):
        np.testing.assert_array_equal(_values(data.x), _values(expected["x"]))
    json.loads(figure_json(ours))  # plain JSON


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda s: export_bytes(s, None, "gif"), "fmt must be one of html, png, svg, json"),
        (lambda s: export_bytes(s, None, "html", plotlyjs="require"), "plotlyjs must be one of inline, directory, cdn"),
        (lambda s: figure_html({"data": []}, plotlyjs="yes"), "plotlyjs must be one of"),
        (lambda s: write_export("x.gif", b"", fmt="gif"), "fmt must be one of"),
        (lambda s: write_export("x.html", b"", fmt="html", plotlyjs="no"), "plotlyjs must be one of"),
        (lambda s: image_bytes({"data": []}, "jpg"), "fmt must be one of png, svg"),
        (lambda s: image_bytes({"data": []}, "png", scale=0), "scale must be a finite number > 0"),
        (lambda s: image_bytes({"data": []}, "png", width=0), "width must be a positive integer"),
        (lambda s: export_bytes(s, None, "json", steps=1), "count must be an integer >= 2"),
    ],
)
def test_bad_export_arguments_are_refused(state, call, match):
    with pytest.raises(ValueError, match=match):
        call(state)


# --- images (kaleido and Chromium) --------------------------------------------------------------


@needs_chromium
def test_png_and_svg_are_valid_images_of_the_asked_size(state):
    png = export_bytes(state, initial_view(), "png", width=640, height=600)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (640, 600)
    svg = export_bytes(state, initial_view(), "svg", lang="zh")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("820", "760")
    assert text("export.title", "zh") in svg.decode("utf-8")


@needs_chromium
def test_a_repeated_image_export_reuses_the_running_browser(state, monkeypatch):
    starts = []
    real = export.kaleido.start_sync_server
    monkeypatch.setattr(export.kaleido, "start_sync_server", lambda *a, **k: (starts.append(1), real(*a, **k))[1])
    figure = export_figure(state, None, animated=False)
    image_bytes(figure, "png")
    assert export.image_server_running()
    before = len(starts)
    start = time.perf_counter()
    image_bytes(figure, "svg")
    image_bytes(figure, "png")
    assert len(starts) == before <= 1
    assert time.perf_counter() - start < 5


# --- the panel ----------------------------------------------------------------------------------


def test_panel_layout_has_its_controls_in_the_page_language():
    class Page:
        lang = "zh"

    parts = export_panel.layout(Page())
    assert [part.id for part in parts] == [
        export_panel.EXPORT_HTML,
        export_panel.EXPORT_IMAGE,
        export_panel.EXPORT_IMAGE_FORMAT,
        export_panel.EXPORT_MESSAGE,
        export_panel.EXPORT_DOWNLOAD,
    ]
    assert parts[0].children == text("export_panel.html", "zh") != text("export_panel.html", "en")
    assert [o["value"] for o in parts[2].options] == ["png", "svg"]


def test_html_button_downloads_the_interactive_file(state):
    download, message = export_panel.export_download(
        export_panel.EXPORT_HTML, "png", {**state, "lang": "zh"}, VIEWS["constrained"]
    )
    assert message == ""
    assert download["filename"].endswith(".html") and download["type"] == "text/html" and not download["base64"]
    assert "Plotly.newPlot" in download["content"] and text("export.title", "zh") in download["content"]


@needs_chromium
def test_image_button_downloads_png_or_svg(state):
    download, _ = export_panel.export_download(export_panel.EXPORT_IMAGE, "png", state, initial_view())
    assert download["base64"] and base64.b64decode(download["content"])[:4] == b"\x89PNG"
    download, _ = export_panel.export_download(export_panel.EXPORT_IMAGE, "svg", state, initial_view())
    assert download["filename"].endswith(".svg") and download["content"].lstrip().startswith("<svg")


def test_a_failed_export_says_why_and_changes_nothing(state, monkeypatch):
    bad = {**state, "lang": "zh", "points": {"x": [0.1, 0.1, 0.1], "y": [1.0, 2.0, 3.0]}}
    download, message = export_panel.export_download(export_panel.EXPORT_HTML, "png", bad, None)
    assert download is no_update
    assert message.startswith(text("export_panel.failed", "zh", reason="")) and len(message) > 6

    def no_browser(*args, **kwargs):
        raise RuntimeError("image export needs Chromium (apt-get install -y chromium)")

    monkeypatch.setattr(export_panel, "export_bytes", no_browser)
    download, message = export_panel.export_download(export_panel.EXPORT_IMAGE, "svg", state, None)
    assert download is no_update and "Chromium" in message


def test_no_click_no_export(state):
    with pytest.raises(PreventUpdate):
        export_panel.export_download(None, "png", state, None)
    with pytest.raises(PreventUpdate):
        export_panel.export_download(export_panel.EXPORT_HTML, "png", None, None)


@pytest.mark.parametrize("p", [0.3, 0.5, 2.0])
def test_exported_region_outlines_keep_their_shape(state, p):
    """Each region outline of the file lies on its region's boundary and keeps its extreme points:
    the diamond its four corners, the circle and the p-ball their four axis points."""
    from geometry.regions import region_size

    view = {**initial_view(), "shown": ["l1", "l2", "lp"], "p": p}
    figure = export_figure(state, view, animated=False)
    outline = {t["uid"]: np.c_[_values(t["x"]), _values(t["y"])] for t in figure["data"] if t["uid"].endswith("-region")}
    app = {t["uid"]: t for t in plane_for(state, build_scene(state), view)["data"]}
    for uid, region, kw in (("l1-region", "l1", {}), ("l2-region", "l2", {}), ("lp-region", "lp", {"p": p})):
        points = outline[uid]
        t = max(np.max(np.abs(app[uid]["x"])), np.max(np.abs(app[uid]["y"])))
        sizes = [region_size(region, w, **kw) for w in points]
        np.testing.assert_allclose(sizes, sizes[0], rtol=1e-5)
        for corner in ([t, 0], [0, t], [-t, 0], [0, -t]):
            assert np.min(np.hypot(*(points - corner).T)) <= 1e-6 * t, (uid, corner)


def test_every_other_point_keeps_each_runs_ends_and_gaps():
    assert export.every_other_point([0, 1, 2, 3, 4]) == [0, 2, 4]
    assert export.every_other_point([0, 1, 2, 3]) == [0, 2, 3]  # an even run keeps its last point
    assert export.every_other_point([0, 1, 2, None, 5, 6, 7, None, None, 9]) == [0, 2, None, 5, 7, None, 9]
    assert export.every_other_point([]) == []
    assert export.every_other_point([0, 1, 2, 3, 4, 5, 6], 3) == [0, 3, 6]
    assert export.every_other_point([0, 1, 2, 3, 4], 3) == [0, 3, 4]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_inline_html_with_every_region_stays_under_5_mb_on_other_data(seed):
    from components.problem import GENERATOR_DEFAULTS, resample

    state = resample(default_state(), {**GENERATOR_DEFAULTS, "seed": seed, "rho": -0.8})
    view = {**VIEWS["penalized-all"], "slider": -1.3}
    assert len(export_bytes(state, view, "html", lang="zh")) < FIVE_MB
