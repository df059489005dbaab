"""The three-weight panel's script under Node: ``assets/group_panel.js`` draws what the server does.

``lab.groupPanel`` (loaded as in a page, after the number format; the configuration is the
server's) is held to :mod:`components.group_panel` on the fixed synthetic loss and on three
diabetes models, in English and in 中文:

- ``at``: the table's entry at a slider position (exact on the grid, linear between) equals
  ``group_figure.table_entry``;
- ``moving``: the region's mesh scaled to its size, the ellipsoid through the touch point and the
  touch point equal the traces of :func:`components.group_panel.group_figure`;
- ``sentence`` equals :func:`components.group_panel.group_text`, string for string;
- ``modelKey`` equals :func:`components.group_panel.model_key` on the lab's sample states and
  dataset states, and ``stale`` asks the server exactly when the open panel's table is another
  model's;
- the clientside callbacks ``follow`` and ``gate`` (with a recording stand-in for Dash's Patch).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from components import group_figure as gf
from components import group_model as gm
from components import group_panel as gp
from components.group_figure import table_entry
from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from components.stores import build_scene, for_store

from .lab_states import sample_states
from .test_js_node import ROOT, configured_page

ASSETS = [ROOT / "assets" / "lab_format.js", ROOT / "assets" / "stores.js", ROOT / "assets" / "group_panel.js"]
#: a stand-in for dash_clientside.Patch that records its operations, and no_update
DASH_JS = """
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.no_update = {no_update: true};
window.dash_clientside.Patch = function () {
  const ops = [];
  this.merge = (path, value) => { ops.push({op: 'merge', path: path, value: value}); };
  this.assign = (path, value) => { ops.push({op: 'assign', path: path, value: value}); };
  this.build = () => ops;
};
window.dash_clientside.callback_context = {triggered: []};
return true;
"""
#: slider positions: the ends, grid points, between grid points, beyond the ends (clamped)
SLIDERS = [
    SLIDER_MIN,
    SLIDER_MAX,
    -2.5,
    -1.0,
    -0.22,
    0.0,
    0.3,
    -2.995,
    -1.2345,
    -0.0049,
    0.4771,
    -3.5,
    1.2,
    -0.61 + 1e-12,
]
PAIRS = [(2, 8), (4, 5), (9, 0)]


@pytest.fixture(scope="module")
def page():
    yield from configured_page(ASSETS, DASH_JS)


def _scene(pair=None, lang="en") -> dict:
    """A scene-store dict: the synthetic data, or a diabetes pair (as the store's JSON)."""
    if pair is None:
        return {"source": "points", "lang": lang}
    return {"source": "dataset", "dataset": {"name": "diabetes", "features": list(pair)}, "lang": lang}


def _page_table(pair=None, lang="en") -> dict:
    """The table as the page receives it (update_table's answer, through JSON)."""
    table, _ = gp.update_table(True, "group", {"slider": 0.0}, _scene(pair, lang))
    return json.loads(json.dumps(table))


TABLES = {"synthetic": None, **{f"diabetes {a},{b}": (a, b) for a, b in PAIRS}}


@pytest.fixture(scope="module", params=list(TABLES))
def table(request) -> dict:
    return _page_table(TABLES[request.param])


def test_at_equals_python_on_and_between_grid_points(page, table):
    got = page.execute_script(
        "const [t, regions, sliders] = arguments;"
        "return regions.map(r => sliders.map(s => window.lab.groupPanel.at(t, r, s)));",
        table,
        list(gm.GROUP_REGIONS),
        SLIDERS,
    )
    scale = max(1.0, max(abs(v) for v in table["ols"]))
    for region, row in zip(gm.GROUP_REGIONS, got):
        for slider, js in zip(SLIDERS, row):
            want = table_entry(table, region, slider)
            where = (region, slider)
            np.testing.assert_allclose(js["w"], want["w"], rtol=0, atol=1e-13 * scale, err_msg=str(where))
            assert js["size"] == pytest.approx(want["size"], rel=1e-13, abs=1e-13 * scale), where
            assert js["excess"] == pytest.approx(want["excess"], rel=1e-13, abs=1e-300), where
            assert js["lam"] == pytest.approx(want["lam"], rel=1e-14), where
    # on grid points the entry is the table's row itself: exact zeros stay exactly 0
    grid = table["grid"]
    for k in (0, 17, 200, len(grid) - 1):
        js = page.execute_script("return window.lab.groupPanel.at(arguments[0], 'l1', arguments[1]);", table, grid[k])
        assert js["w"] == table["touch"]["l1"]["w"][k] and js["size"] == table["touch"]["l1"]["size"][k]


def test_moving_parts_equal_the_servers_figure(page, table):
    cases = [(region, s) for region in gm.GROUP_REGIONS for s in (SLIDER_MIN, -1.2345, -0.22, SLIDER_MAX)]
    got = page.execute_script(
        "const [t, cases] = arguments; return cases.map(([r, s]) => window.lab.groupPanel.moving(t, r, s));",
        table,
        cases,
    )
    scale = max(1.0, max(abs(v) for v in table["ols"]))
    for (region, slider), js in zip(cases, got):
        fig = gf.group_figure(table, region, slider)
        data = {trace["uid"]: trace for trace in fig["data"]}
        for axis in "xyz":
            np.testing.assert_allclose(
                js["region"][axis], data["group-region-mesh"][axis], rtol=1e-14, atol=1e-14 * scale
            )
            np.testing.assert_allclose(
                js["ellipsoid"][axis], data["group-ellipsoid"][axis], rtol=1e-14, atol=1e-12 * scale
            )
        touch = [data["group-touch"][axis][0] for axis in "xyz"]
        np.testing.assert_allclose(js["touch"], touch, rtol=0, atol=1e-13 * scale)
    # independent of the builders: the ellipsoid passes through the touch point's level J0 = min + excess
    # (½ dᵀHd = excess for each of its vertices d − w_OLS), checked on the synthetic loss's Hessian
    if table["dataset"] is None:
        H = np.array(gm.HESSIAN)
        js = got[1]
        at = table_entry(table, cases[1][0], cases[1][1])
        d = np.array([js["ellipsoid"][a] for a in "xyz"]).T - np.array(table["ols"])
        np.testing.assert_allclose(0.5 * np.einsum("ij,jk,ik->i", d, H, d), at["excess"], rtol=1e-9)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("pair", [None, (2, 8)])
def test_sentence_equals_python_string_for_string(page, lang, pair):
    table = _page_table(pair, lang)
    cases = [(region, s) for region in gm.GROUP_REGIONS for s in (SLIDER_MIN, -1.0, -0.4, -0.1234, 0.0, SLIDER_MAX)]
    got = page.execute_script(
        "const [t, cases] = arguments; return cases.map(([r, s]) => window.lab.groupPanel.sentence(t, r, s));",
        table,
        cases,
    )
    for (region, slider), js in zip(cases, got):
        assert js == gf.group_text(table, region, slider, lang=lang), (region, slider)
    assert any("exactly 0 as a whole" in s or "整体恰好为 0" in s for s in got)  # the group's zero branch is met


def test_model_key_equals_python_on_the_labs_states(page):
    scenes = []
    for state in sample_states().values():
        for lang in ("en", "zh"):
            scenes.append(json.loads(json.dumps(for_store(build_scene(dict(state, lang=lang))))))
    for pair in [(2, 8), (0, 9), (9, 0)]:
        state = dict(sample_states()["default"], source="dataset", dataset={"name": "diabetes", "features": list(pair)})
        scenes.append(json.loads(json.dumps(for_store(build_scene(dict(state, lang="zh"))))))
    scenes += [{}, {"source": "dataset", "dataset": {"name": "diabetes", "features": [3, 4]}, "lang": "fr"}]
    got = page.execute_script("return arguments[0].map(s => window.lab.groupPanel.modelKey(s));", scenes)
    assert got == [gm.model_key(scene) for scene in scenes]
    assert "dataset:diabetes:9,0|zh" in got and "synthetic|zh" in got and "synthetic|en" in got


def test_stale_and_gate_ask_the_server_only_for_an_open_panel_with_another_models_table(page):
    synthetic, bmi_s5 = _scene(), _scene((2, 8))
    table = {"key": gm.model_key(bmi_s5)}
    cases = [
        (bmi_s5, True, table, False),  # the model drawn: nothing to ask
        (bmi_s5, False, None, False),  # closed: nothing, whatever the table
        (synthetic, False, table, False),
        (synthetic, True, table, True),  # open, back to the synthetic data: ask
        (_scene((8, 2)), True, table, True),  # the features swapped: another model
        (_scene((2, 8), "zh"), True, table, True),  # another language
        (bmi_s5, True, None, True),  # open with no table yet (the first answer is on its way): ask with the new data
    ]
    got = page.execute_script(
        "return arguments[0].map(([s, o, t]) => [window.lab.groupPanel.stale(s, o, t),"
        " window.dash_clientside.group_panel.gate(s, o, t)]);",
        [list(case[:3]) for case in cases],
    )
    for case, (stale, gate) in zip(cases, got):
        assert stale is case[3], case
        assert gate == (True if case[3] else {"no_update": True}), case


def test_follow_patches_the_figure_and_writes_the_sentence(page):
    table = _page_table((2, 8))
    view = {"slider": -0.4, "mode": "penalized"}
    sentence, ops = page.execute_script(
        "return window.dash_clientside.group_panel.follow(arguments[0], 'l1', true, arguments[1]);", view, table
    )
    assert sentence == gf.group_text(table, "l1", -0.4)
    fig = gf.group_figure(table, "l1", -0.4)
    index = gf.GROUP_TRACE_INDEX
    merged = {op["path"][1]: op["value"] for op in ops if op["op"] == "merge"}
    assert set(merged) == {index["group-region-mesh"], index["group-ellipsoid"], index["group-touch"]}
    for uid in ("group-region-mesh", "group-ellipsoid", "group-touch"):
        for axis in "xyz":
            np.testing.assert_allclose(merged[index[uid]][axis], fig["data"][index[uid]][axis], rtol=1e-13, atol=1e-12)
    assert merged[index["group-region-mesh"]]["name"] == fig["data"][index["group-region-mesh"]]["name"]
    # closed, no table, or a table that only says why not: nothing at all
    nothing = [{"no_update": True}, {"no_update": True}]
    for args in ([view, "l1", False, table], [view, "l1", True, None], [view, "l1", True, {"key": "dataset:x:0,1|en"}]):
        assert page.execute_script("return window.dash_clientside.group_panel.follow(...arguments);", *args) == nothing


def test_a_lambda_step_moves_the_vertices_and_leaves_the_triangles(page):
    """On a λ step alone the mesh's triangles, colour and name stay (they change with the region)."""
    table = _page_table((2, 8))
    view = {"slider": -0.4, "mode": "penalized"}
    step = (
        "window.dash_clientside.callback_context = {triggered: [{prop_id: 'current-view.data'}]};"
        "try { return window.dash_clientside.group_panel.follow(arguments[0], 'l1', true, arguments[1]); }"
        "finally { window.dash_clientside.callback_context = {triggered: []}; }"
    )
    sentence, ops = page.execute_script(step, view, table)
    index = gf.GROUP_TRACE_INDEX
    mesh = next(op["value"] for op in ops if op["op"] == "merge" and op["path"][1] == index["group-region-mesh"])
    assert set(mesh) == {"x", "y", "z"} and not [op for op in ops if op["op"] == "assign"]
    fig = gf.group_figure(table, "l1", -0.4)
    np.testing.assert_allclose(mesh["x"], fig["data"][index["group-region-mesh"]]["x"], rtol=1e-13, atol=1e-12)
    assert sentence == gf.group_text(table, "l1", -0.4)
