"""The comparison table (components/comparison_panel.py): static cells and the live column."""

from __future__ import annotations

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from components import comparison_panel as cp
from components import stores
from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from components.plane_traces import touches_for_view
from components.problem import default_state
from components.view import initial_view
from geometry.scene import loss_from_scene
from geometry.solvers import penalized_optimum


@pytest.fixture(scope="module")
def scene() -> dict:
    return stores.build_scene(default_state())


def _view(**kw) -> dict:
    return {**initial_view(), **kw}


@pytest.mark.parametrize("slider", [SLIDER_MIN, -1.0, -0.22, 0.0, SLIDER_MAX])
def test_live_cells_count_the_exact_zeros_of_the_touch_points(scene, slider):
    view = _view(slider=slider)
    cells = cp.comparison_cells(scene, view)
    touches = touches_for_view(scene, view)
    loss = loss_from_scene(scene)
    lam = cells["l1"]["lam"]
    for region in ("l1", "l2", "elasticnet"):
        assert cells[region]["w"] == pytest.approx(list(touches[region].w))
        assert cells[region]["zeros"] == sum(1 for x in touches[region].w if x == 0.0)
        # an independent solve of the same problem has the same exact zeros
        ref = penalized_optimum(loss, region, lam, l1_ratio=0.5)
        assert cells[region]["zeros"] == int(np.sum(ref == 0.0))
    assert cells["l2"]["zeros"] == 0 or slider == SLIDER_MAX  # ridge: never exactly 0 for finite λ


def test_lambda_above_lambda_max_zeroes_every_l1_weight_and_tiny_lambda_none(scene):
    assert cp.comparison_cells(scene, _view(slider=SLIDER_MAX))["l1"]["zeros"] == 2  # λ = 3 λ_max
    assert cp.comparison_cells(scene, _view(slider=SLIDER_MIN))["l1"]["zeros"] == 0


def test_markdown_table_in_english_and_chinese(scene):
    cells = cp.comparison_cells(scene, _view(slider=-0.22))
    assert (cells["l1"]["zeros"], cells["l2"]["zeros"]) == (1, 0)  # the default page: one lasso weight 0
    en = cp.comparison_markdown(cells, lang="en")
    lines = en.splitlines()
    assert lines[0].count("|") == 8  # a region column, five static columns and "now"
    assert "diamond" in en and "feature selection" in en and "not differentiable at 0" in en
    assert "1 of 2 exactly 0" in lines[2] and "0 of 2 exactly 0" in lines[3]
    assert f"Exact zeros now: L1 1 of 2, L2 0 of 2, elastic net (r = 0.5) {cells['elasticnet']['zeros']} of 2." in en
    zh = cp.comparison_markdown(cells, lang="zh")
    assert "菱形" in zh and "特征选择" in zh and "2 个中 1 个恰为 0" in zh and "当前恰为 0 的权重：L1 2 个中 1 个" in zh


def test_constrained_mode_says_t(scene):
    cells = cp.comparison_cells(scene, _view(mode="constrained", slider=-0.5))
    text = cp.comparison_markdown(cells)
    assert cells["mode"] == "constrained" and "Constrained mode: every region has size t =" in text


def test_update_table_only_while_open(scene):
    view = _view(slider=-1.0)
    with pytest.raises(PreventUpdate):
        cp.update_table(view, scene, False)
    with pytest.raises(PreventUpdate):
        cp.update_table(view, None, True)
    assert cp.update_table(view, scene, True) == cp.comparison_markdown(cp.comparison_cells(scene, view))
    zh = cp.update_table(view, {**scene, "lang": "zh"}, True)
    assert "当前恰为 0 的权重" in zh


def test_without_cells_the_static_table_stays():
    text = cp.comparison_markdown(None)
    assert "feature selection" in text and "waits" in text
