"""Presets: each opens without a note and the picture keeps the promise of its name.

The promises are checked with the lab's geometry (the touch points the weight plane draws)
and, where one exists, with an independent solver (scikit-learn's Lasso and Ridge, and
ridge's closed form), never with numbers copied from the presets.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from authoring.presets import PRESETS, Preset, preset_query
from authoring.url_state import encode, page_for_query
from components.i18n import LANGS
from components.plane_traces import moving_traces, touches_for_view
from components.plot_style import REGION_KEYS
from components.problem import check_problem
from components.readout_sentences import explanation
from components.stores import build_scene
from components.view import view_with_defaults
from geometry import lambda_max
from geometry.basis import design_matrix
from geometry.touch import penalty_value


def _opened(name: str):
    page = page_for_query(f"preset={name}")
    scene = build_scene(page.state)
    touches = {REGION_KEYS[region]: touch for region, touch in touches_for_view(scene, page.view).items()}
    if "lp" in page.view["shown"]:  # the p-norm ball's touch point as the plane draws it
        lp = moving_traces(scene, page.view)["lp-touch"]
        touches["lp"] = SimpleNamespace(w=np.array([lp["x"][0], lp["y"][0]]))
    return page, scene, touches


def _data(state: dict) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(state["points"]["x"])
    return design_matrix(state["basis"], x, rho=state["rho"]), np.asarray(state["points"]["y"])


def _sklearn_lasso(state: dict, lam: float) -> np.ndarray:
    X, y = _data(state)
    return Lasso(alpha=lam, fit_intercept=True, tol=1e-12, max_iter=100_000).fit(X, y).coef_


def _sklearn_ridge(state: dict, lam: float) -> np.ndarray:
    X, y = _data(state)
    return Ridge(alpha=2 * len(y) * lam, fit_intercept=True).fit(X, y).coef_


@pytest.mark.parametrize("name", PRESETS)
def test_a_preset_opens_without_a_note_and_its_query_is_its_link(name):
    preset = PRESETS[name]
    page = page_for_query(preset.query)
    assert page.notes == []
    assert encode(page) == preset.query  # written the way a link writes it: nothing left to default
    by_name = page_for_query(f"preset={name}")
    assert (by_name.state, by_name.view, by_name.generator, by_name.notes) == (
        page.state, page.view, page.generator, [],
    )
    check_problem(page.state)


@pytest.mark.parametrize("name", PRESETS)
def test_a_preset_has_exactly_the_zero_weights_it_promises(name):
    page, _, touches = _opened(name)
    preset = PRESETS[name]
    assert set(preset.zeros) == set(page.view["shown"])
    for key, zeros in preset.zeros.items():
        assert int(np.sum(touches[key].w == 0.0)) == zeros, (key, touches[key].w)


@pytest.mark.parametrize("name", PRESETS)
def test_a_preset_has_a_title_and_a_promise_in_every_language(name):
    preset = PRESETS[name]
    assert preset.name == name and name == name.lower() and " " not in name
    for lang in LANGS:
        assert preset.title(lang) and preset.promise(lang)
    assert preset.title("en") != preset.title("zh") and preset.promise("en") != preset.promise("zh")


def test_preset_query_names_the_presets_for_an_unknown_one():
    assert preset_query("classic") == PRESETS["classic"].query
    with pytest.raises(ValueError, match="unknown preset 'nope'; the presets are: classic, correlated"):
        preset_query("nope")
    with pytest.raises(ValueError, match="unknown preset"):
        preset_query(None)


def test_a_link_overrides_its_preset():
    page = page_for_query("preset=correlated&lang=zh&present=1&show=l1")
    assert (page.lang, page.present, page.view["shown"], page.notes) == ("zh", True, ["l1"], [])
    assert page.state["rho"] == page_for_query("preset=correlated").state["rho"]


def test_classic_the_lasso_sits_on_a_corner_for_a_whole_interval_and_ridge_does_not():
    page, scene, touches = _opened("classic")
    lam = page.view["value"]
    assert page.view["mode"] == "penalized" and set(page.view["shown"]) == {"l1", "l2"}
    assert lam < scene["lambda_max"]
    for factor in (0.9, 1.0, 1.1):  # not at a breakpoint: a nudge of λ keeps the corner
        w = _sklearn_lasso(page.state, factor * lam)
        assert abs(w[1]) < 1e-9 and abs(w[0]) > 0.1, (factor, w)
    assert touches["l1"].w[1] == 0.0
    np.testing.assert_allclose(touches["l2"].w, _sklearn_ridge(page.state, lam), atol=1e-8)
    assert np.all(np.abs(touches["l2"].w) > 0.1)


def test_correlated_ridge_splits_the_weight_and_the_lasso_picks_one():
    page, scene, touches = _opened("correlated")
    lam = page.view["value"]
    X, _ = _data(page.state)
    assert np.corrcoef(X.T)[0, 1] > 0.9  # strongly correlated features
    ridge = touches["l2"].w
    np.testing.assert_allclose(ridge, _sklearn_ridge(page.state, lam), atol=1e-8)
    assert np.all(ridge > 0) and 0.8 <= ridge[0] / ridge[1] <= 1.25  # weights of similar size
    lasso = touches["l1"].w
    assert int(np.sum(lasso == 0.0)) == 1 and np.max(np.abs(lasso)) > 0.1
    for factor in (0.85, 1.0, 1.15):
        w = _sklearn_lasso(page.state, factor * lam)
        assert int(np.sum(np.abs(w) < 1e-9)) == 1 and np.argmax(np.abs(w)) == np.argmax(np.abs(lasso)), (factor, w)


def test_duplicated_the_lasso_optimum_is_a_whole_edge_and_ridge_is_unique():
    page, scene, touches = _opened("duplicated")
    lam = page.view["value"]
    X, y = _data(page.state)
    assert np.array_equal(X[:, 0], X[:, 1])  # the feature twice
    traces = moving_traces(scene, view_with_defaults(page.view))
    ends = np.c_[traces["l1-segment"]["x"], traces["l1-segment"]["y"]]
    assert ends.shape == (2, 2) and ends[0, 1] == 0.0 and ends[1, 0] == 0.0

    def objective(w):
        fit = X @ w
        b = np.mean(y - fit)
        return float(np.mean((y - fit - b) ** 2) / 2 + lam * np.abs(w).sum())

    # every point of the edge is as good as scikit-learn's lasso, and stepping off it is worse
    best = objective(_sklearn_lasso(page.state, lam))
    for s in np.linspace(0, 1, 9):
        assert objective((1 - s) * ends[0] + s * ends[1]) == pytest.approx(best, rel=1e-9)
    assert objective(ends[0] + 0.01 * (ends[0] - ends[1])) > best + 1e-9
    # ridge's answer is unique: both weights equal (the features are the same) and sklearn's
    ridge = touches["l2"].w
    np.testing.assert_allclose(ridge, _sklearn_ridge(page.state, lam), atol=1e-8)
    assert ridge[0] == pytest.approx(ridge[1], rel=1e-9)
    assert "not unique" in explanation(scene, view_with_defaults(page.view), touches_for_view(scene, page.view))


def test_lambda_max_every_touch_point_shown_is_exactly_zero():
    page, scene, touches = _opened("lambda-max")
    lam, r = page.view["value"], page.view["l1_ratio"]
    loss = check_problem(page.state)
    assert lam >= lambda_max(loss) and r * lam >= lambda_max(loss)  # both regions' thresholds passed
    assert "l2" not in page.view["shown"]  # ridge is never exactly 0
    for key in page.view["shown"]:
        assert touches[key].w.tolist() == [0.0, 0.0]
    np.testing.assert_array_equal(_sklearn_lasso(page.state, lam), [0.0, 0.0])


def test_round_the_loss_is_nearly_circular_and_l1_and_l2_almost_coincide():
    page, scene, touches = _opened("round")
    loss = check_problem(page.state)
    low, high = (float(v) for v in loss.eigenvalues)
    assert math.sqrt(low / high) >= 0.95  # the contours' axes differ by under 5 %
    gap = np.linalg.norm(touches["l1"].w - touches["l2"].w)
    assert gap <= 0.02 * np.linalg.norm(loss.ols_point)
    assert np.all(touches["l1"].w != 0.0) and np.all(touches["l2"].w != 0.0)
    # the least of the presets: classic's lasso and ridge are far apart at its λ
    _, _, classic = _opened("classic")
    assert gap < 0.1 * np.linalg.norm(classic["l1"].w - classic["l2"].w)


def test_elastic_net_lies_between_the_diamond_and_the_circle():
    page, scene, touches = _opened("elastic-net")
    assert page.view["mode"] == "constrained" and set(page.view["shown"]) == {"l1", "l2", "en"}
    t, r = page.view["value"], page.view["l1_ratio"]
    assert r == 0.5
    loss = check_problem(page.state)
    w1, w2, wen = touches["l1"].w, touches["l2"].w, touches["en"].w
    # each on its own region's boundary, all with the intercept t
    assert np.abs(w1).sum() == pytest.approx(t, rel=1e-9)
    assert np.linalg.norm(w2) == pytest.approx(t, rel=1e-9)
    assert penalty_value("elasticnet", wen, l1_ratio=r) == pytest.approx(r * t + (1 - r) * t * t, rel=1e-9)
    # the elastic-net point lies outside the diamond and inside the circle
    assert np.abs(wen).sum() > t > np.linalg.norm(wen)
    # nested regions: the larger the region, the lower the loss it reaches
    j0 = {key: loss.excess(w) for key, w in (("l1", w1), ("en", wen), ("l2", w2))}
    assert j0["l1"] > j0["en"] > j0["l2"]
    assert w1[1] == 0.0 and 0.0 < wen[1] < w2[1]


def test_the_table_is_easy_to_extend():
    extra = Preset(name="x", query="lam=1", zeros={"l1": 0}, title_key="preset.classic", promise_key="preset.classic.promise")
    assert extra.title("zh") == PRESETS["classic"].title("zh")


def test_p_below_1_the_ball_is_sparser_than_the_lasso_and_its_point_is_global():
    from geometry.regions import region_size
    from geometry.scene import loss_from_scene

    from .test_lp_certified import dense_boundary_minimum

    page, scene, touches = _opened("p-below-1")
    loss, p = loss_from_scene(scene), page.view["p"]
    assert p < 1 and np.all(touches["l1"].w != 0.0)
    t = touches_for_view(scene, page.view)["l1"].t
    w = touches["lp"].w
    assert region_size("lp", w, p=p) == pytest.approx(t, rel=1e-11) and np.sum(w == 0.0) == 1
    # global: no point of the ball's boundary is lower (a dense search of its own)
    assert loss(w) <= dense_boundary_minimum(loss, t, p, num=200_000) + 1e-12
    # for p < 1 the ball lies inside the diamond of the same intercept (||w||_1 <= ||w||_p), so its
    # minimum of J0 is no lower than the lasso's
    assert loss(w) >= loss(touches["l1"].w)
