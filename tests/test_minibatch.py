"""Minibatch optima (geometry/minibatch.py) and the minibatch lesson's panel: the optima checked
against the lasso's KKT conditions and the ridge's linear solve, the numbers recomputed from
the figure's own trace data, exact zeros counted exactly."""

from __future__ import annotations

import numpy as np
import pytest
from dash import no_update

from components.formatting import format_number
from components.minibatch_figure import MINIBATCH_TRACE_UIDS, minibatch_figure
from components.minibatch_model import minibatch_model
from components.minibatch_panel import update_panel
from components.plane_traces import touches_for_view
from components.problem import default_state
from components.stores import build_scene
from components.view import initial_view
from geometry import QuadraticLoss, lambda_max
from geometry.basis import design_matrix
from geometry.minibatch import (
    batch_loss,
    batch_moments,
    cloud_spread,
    corner_shares,
    lasso_2d_many,
    mean_distance,
    minibatch_optima,
    ridge_2d_many,
    sample_batches,
)
from geometry.solvers import lasso_2d


def _data(state=None):
    state = state or default_state()
    x = np.asarray(state["points"]["x"], float)
    y = np.asarray(state["points"]["y"], float)
    return design_matrix(state["basis"], x, rho=float(state["rho"])), y


def _kkt_violation(H, g, lam, w) -> float:
    """Largest violation of 0 ∈ H w − g + lam ∂||w||_1 (relative to the problem's scale)."""
    grad = H @ w - g
    out = 0.0
    for j in range(2):
        if w[j] != 0.0:
            out = max(out, abs(grad[j] + lam * np.sign(w[j])))
        else:
            out = max(out, abs(grad[j]) - lam)
    return out / max(1.0, float(np.max(np.abs(g))), lam)


@pytest.mark.parametrize("b", [2, 3, 5, 10, 20])
@pytest.mark.parametrize("frac", [0.02, 0.3, 0.8])
def test_each_l1_optimum_satisfies_the_lasso_kkt_of_its_batch(b, frac):
    X, y = _data()
    lam = frac * lambda_max(QuadraticLoss.from_data(X, y))
    opt = minibatch_optima(X, y, batch_size=b, count=60, seed=3, lam_l1=lam)
    for batch, w in zip(opt.batches, opt.l1):
        loss = QuadraticLoss.from_data(X[batch], y[batch])  # the batch's loss, independently
        assert _kkt_violation(loss.hessian, loss.linear, lam, w) <= 1e-9


def test_l2_optimum_is_the_batch_ridge_linear_solve():
    X, y = _data()
    lam = 0.1
    opt = minibatch_optima(X, y, batch_size=6, count=80, seed=1, lam_l1=0.3, lam_l2=lam)
    for batch, w in zip(opt.batches, opt.l2):
        loss = batch_loss(X, y, batch)
        want = np.linalg.solve(loss.hessian + 2 * lam * np.eye(2), loss.linear)
        assert np.allclose(w, want, rtol=1e-10, atol=1e-12)


def test_lasso_2d_many_is_lasso_2d_row_by_row_bit_for_bit():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(300, 2, 2))
    H = np.einsum("mki,mkj->mij", A, A) + 1e-3 * np.eye(2)
    g = rng.normal(size=(300, 2))
    for lam in (0.0, 0.2, 0.7, 5.0):
        got = lasso_2d_many(H, g, lam)
        for i in range(300):
            want = lasso_2d(H[i, 0, 0], H[i, 0, 1], H[i, 1, 1], g[i, 0], g[i, 1], lam)
            assert want is not None and tuple(got[i]) == want


def test_batches_are_drawn_without_replacement_and_are_reproducible():
    batches = sample_batches(20, 7, 300, seed=5)
    assert batches.shape == (300, 7)
    assert all(len(set(row)) == 7 for row in batches.tolist())
    assert np.all(np.diff(batches, axis=1) > 0) and batches.min() >= 0 and batches.max() <= 19
    assert np.array_equal(batches, sample_batches(20, 7, 300, seed=5))
    assert not np.array_equal(batches, sample_batches(20, 7, 300, seed=6))
    # every row is drawn: about 7/20 of the batches hold row 0
    assert 0.25 < float(np.mean(np.any(batches == 0, axis=1))) < 0.45


def test_batch_moments_are_each_batchs_from_data():
    X, y = _data()
    batches = sample_batches(len(y), 4, 20, seed=2)
    H, g = batch_moments(X, y, batches)
    for i, batch in enumerate(batches):
        loss = QuadraticLoss.from_data(X[batch], y[batch])
        assert np.allclose(H[i], loss.hessian, rtol=1e-13, atol=1e-15)
        assert np.allclose(g[i], loss.linear, rtol=1e-13, atol=1e-15)


def test_batch_size_n_puts_every_batch_at_the_full_data_optimum():
    state = default_state()
    X, y = _data(state)
    scene = build_scene({**state, "lang": "en"})
    view = initial_view()
    touches = touches_for_view(scene, view)
    model = minibatch_model(state, scene, view, batch_size=len(y), count=40, seed=0)
    l1, l2 = np.asarray(model["l1"]), np.asarray(model["l2"])
    assert np.allclose(l1, touches["l1"].w, rtol=0, atol=1e-12)
    assert np.allclose(l2, touches["l2"].w, rtol=0, atol=1e-12)
    assert model["stats"]["spread_l1"] <= 1e-12 and model["stats"]["spread_l2"] <= 1e-12
    # the full data's zero pattern, exactly, for every batch
    zero = tuple(np.asarray(touches["l1"].w) == 0.0)
    assert all(tuple(row == 0.0) == zero for row in l1)


def test_figure_clouds_are_the_optima_the_numbers_come_from():
    state = {**default_state(), "lang": "en"}
    scene = build_scene(state)
    view = initial_view()
    figure, text, message, slider_max = update_panel(
        {"view": view, "batch": 5, "count": 150, "seed": 2}, state, scene
    )
    assert message == "" and slider_max == len(state["points"]["x"])
    data = {t["uid"]: t for t in figure["data"]}
    assert [t["uid"] for t in figure["data"]] == list(MINIBATCH_TRACE_UIDS)
    l1 = np.c_[data["minibatch-l1-cloud"]["x"], data["minibatch-l1-cloud"]["y"]]
    l2 = np.c_[data["minibatch-l2-cloud"]["x"], data["minibatch-l2-cloud"]["y"]]
    assert l1.shape == l2.shape == (150, 2)
    stats = figure["layout"]["meta"]["minibatch"]["stats"]

    def rms(p):  # independent of geometry.minibatch
        return float(np.sqrt(np.mean(np.sum((p - p.mean(axis=0)) ** 2, axis=1))))

    full1 = np.array([data["minibatch-full-l1"]["x"][0], data["minibatch-full-l1"]["y"][0]])
    full2 = np.array([data["minibatch-full-l2"]["x"][0], data["minibatch-full-l2"]["y"][0]])
    assert stats["spread_l1"] == pytest.approx(rms(l1), rel=1e-12)
    assert stats["spread_l2"] == pytest.approx(rms(l2), rel=1e-12)
    assert stats["distance_l1"] == pytest.approx(np.mean(np.linalg.norm(l1 - full1, axis=1)), rel=1e-12)
    assert stats["distance_l2"] == pytest.approx(np.mean(np.linalg.norm(l2 - full2, axis=1)), rel=1e-12)
    shares = stats["shares_l1"]
    assert shares["w1_axis"] == np.mean((l1[:, 1] == 0) & (l1[:, 0] != 0))
    assert shares["w2_axis"] == np.mean((l1[:, 0] == 0) & (l1[:, 1] != 0))
    assert shares["origin"] == np.mean((l1[:, 0] == 0) & (l1[:, 1] == 0))
    assert shares["off_axes"] == np.mean((l1[:, 0] != 0) & (l1[:, 1] != 0))
    # the full-data optima are the main plane's touch points
    touches = touches_for_view(scene, view)
    assert list(full1) == list(touches["l1"].w) and list(full2) == list(touches["l2"].w)
    # the sentence says the same numbers
    assert format_number(rms(l1)) in text and format_number(rms(l2)) in text
    assert f"(w₂ = 0) {100 * shares['w1_axis']:.0f} %" in text
    # play's frames hold batches' optima of the clouds
    for frame in figure["layout"]["meta"]["minibatch"]["frames"]:
        assert frame["l1"] in l1.tolist() and frame["l2"] in l2.tolist()


def test_constrained_mode_uses_each_touch_points_lambda():
    state = {**default_state(), "lang": "en"}
    scene = build_scene(state)
    view = {**initial_view(), "mode": "constrained", "slider": -0.2}
    touches = touches_for_view(scene, view)
    model = minibatch_model(state, scene, view, batch_size=len(state["points"]["x"]), count=3, seed=0)
    assert model["lam_l1"] == touches["l1"].lam and model["lam_l2"] == touches["l2"].lam
    assert model["lam_l1"] != model["lam_l2"]
    assert np.allclose(model["l2"], touches["l2"].w, atol=1e-12)
    figure = minibatch_figure(model)
    assert figure["data"][MINIBATCH_TRACE_UIDS.index("minibatch-full-l1")]["x"] == [touches["l1"].w[0]]


def test_zeros_are_counted_exactly_never_as_small():
    points = [[1.0, 0.0], [0.0, -2.0], [0.0, 0.0], [1e-300, 0.5], [3.0, -1e-300], [-0.0, 0.0]]
    shares = corner_shares(points)
    assert shares == {"w1_axis": 1 / 6, "w2_axis": 1 / 6, "origin": 2 / 6, "off_axes": 2 / 6}


def test_spread_and_distance_of_known_points():
    assert cloud_spread([[1.0, 0.0], [-1.0, 0.0]]) == 1.0
    assert cloud_spread([[2.0, 3.0]] * 5) == 0.0
    assert mean_distance([[3.0, 4.0], [0.0, 0.0]], [0.0, 0.0]) == 2.5


def test_the_articles_claim_on_the_default_data():
    """L1 optima of minibatches land on several different axes/corners (exact zeros) at some λ;
    the L2 optima never do (ridge sets no weight exactly to 0 for these data), and the L2
    cloud moves continuously with λ."""
    X, y = _data()
    lmax = lambda_max(QuadraticLoss.from_data(X, y))
    spread_classes = 0
    for frac in (0.05, 0.1, 0.2, 0.4, 0.6):
        opt = minibatch_optima(X, y, batch_size=5, count=200, seed=0, lam_l1=frac * lmax)
        shares = corner_shares(opt.l1)
        spread_classes = max(spread_classes, sum(v > 0 for v in shares.values()))
        assert corner_shares(opt.l2)["off_axes"] == 1.0
        assert np.isfinite(cloud_spread(opt.l1)) and np.isfinite(cloud_spread(opt.l2))
    assert spread_classes >= 3
    # continuity of the L2 cloud in λ: a relative step of 1e-7 moves every optimum by ~1e-7
    a = minibatch_optima(X, y, batch_size=5, count=200, seed=0, lam_l1=0.3 * lmax).l2
    b = minibatch_optima(X, y, batch_size=5, count=200, seed=0, lam_l1=0.3 * lmax * (1 + 1e-7)).l2
    assert np.max(np.abs(a - b)) < 1e-5


def test_bad_count_keeps_the_picture_and_shape_mode_says_there_are_no_points():
    state = {**default_state(), "lang": "en"}
    scene = build_scene(state)
    for bad in (0, 501, None, 2.5, "x", True):
        figure, text, message, slider_max = update_panel({"view": initial_view(), "batch": 5, "count": bad}, state, scene)
        assert figure is no_update and text is no_update and "whole number from 1 to 500" in message
    shape = {**state, "source": "shape"}
    figure, text, message, _ = update_panel({"view": initial_view(), "batch": 5, "count": 10}, shape, scene)
    assert figure["data"] == [] and "no data points" in text
    zh = update_panel({"view": initial_view(), "batch": 5, "count": 10}, {**shape, "lang": "zh"}, scene)[1]
    assert "没有数据点" in zh


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: sample_batches(10, 11, 5, seed=0), "batch_size must be at most n"),
        (lambda: sample_batches(10, 1, 5, seed=0), "batch_size must be a whole number >= 2"),
        (lambda: sample_batches(10, 3, 0, seed=0), "count must be a whole number >= 1"),
        (lambda: sample_batches(10, 3, 5, seed=-1), "seed must be a whole number >= 0"),
        (lambda: sample_batches(10, 3.0, 5, seed=0), "batch_size must be a whole number"),
        (lambda: minibatch_optima(np.ones((5, 3)), np.ones(5), batch_size=2, count=1, seed=0, lam_l1=0.1), "2 columns"),
        (lambda: minibatch_optima(np.ones((5, 2)), np.ones(4), batch_size=2, count=1, seed=0, lam_l1=0.1), "same number of rows"),
        (lambda: minibatch_optima(np.ones((5, 2)), np.ones(5), batch_size=2, count=1, seed=0, lam_l1=-1), "lam"),
        (lambda: minibatch_optima(np.ones((5, 2)), np.ones(5), batch_size=2, count=1, seed=0, lam_l1=0.1, lam_l2=np.nan), "lam"),
        (lambda: lasso_2d_many(np.ones((3, 2, 3)), np.ones((3, 2)), 0.1), r"shape \(m, 2, 2\)"),
        (lambda: ridge_2d_many(np.eye(2)[None], np.ones((2, 2)), 0.1), "linears must have shape"),
        (lambda: batch_moments(np.ones((5, 2)), np.ones(5), [[0, 5]]), "index rows"),
        (lambda: corner_shares(np.ones((3, 3))), r"shape \(m, 2\)"),
        (lambda: mean_distance([[0.0, 0.0]], [1.0]), "target must have shape"),
    ],
)
def test_argument_checks(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_singular_batches_fall_back_to_the_homotopy():
    """b = 2: two centred rows have rank 1; every optimum still meets the KKT conditions."""
    X, y = _data()
    opt = minibatch_optima(X, y, batch_size=2, count=30, seed=4, lam_l1=0.05, lam_l2=0.05)
    for batch, w1, w2 in zip(opt.batches, opt.l1, opt.l2):
        loss = QuadraticLoss.from_data(X[batch], y[batch])
        assert _kkt_violation(loss.hessian, loss.linear, 0.05, w1) <= 1e-9
        assert np.allclose(w2, np.linalg.solve(loss.hessian + 0.1 * np.eye(2), loss.linear), atol=1e-10)


def test_dataset_mode_draws_batches_of_the_data_set_two_features():
    from components.minibatch_model import minibatch_model
    from components.plane_traces import touches_for_view
    from components.problem import default_state, design_for_state
    from components.stores import build_scene
    from components.view import initial_view

    state = {**default_state(), "source": "dataset", "dataset": {"name": "diabetes", "features": [2, 8]}}
    scene, view = build_scene(state), initial_view()
    X, y = design_for_state(state)
    assert X.shape == (442, 2)
    model = minibatch_model(state, scene, view, batch_size=442, count=3, seed=1)
    assert model["n"] == 442
    # one batch of every row is the whole data set: its optima are the plane's touch points
    touches = touches_for_view(scene, view)
    for key, region in (("l1", "l1"), ("l2", "l2")):
        np.testing.assert_allclose(np.asarray(model[key]), np.tile(touches[region].w, (3, 1)), rtol=1e-9, atol=1e-12)
