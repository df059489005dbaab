"""The sparsity Monte-Carlo (geometry/sparsity.py) and its figure (components/sparsity_panel.py).

The optima are checked against facts that do not come from the code under test: the lasso's KKT
conditions, soft-thresholding for H = I, ridge's linear solve, the exact one-problem solver of
geometry.solvers, and counts recomputed from the returned weights.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from components import sparsity_figure as sf
from components import sparsity_model as sm
from components import sparsity_panel as sp
from components import stores
from components.problem import default_state
from components.view import initial_view
from geometry.solvers import penalized_optimum
from geometry.sparsity import (
    MAX_COUNT,
    MAX_DIM,
    lasso_batch,
    random_problems,
    ridge_batch,
    sparsity_study,
    touch_classes,
    unit_touch_points,
    zero_counts,
)

FACTORS = [0.02, 0.1, 0.3, 0.8, 1.5]


@pytest.fixture(scope="module", params=[(2, 0.0), (6, 0.5), (12, 0.9)], ids=["d2", "d6-rho.5", "d12-rho.9"])
def study(request):
    dim, rho = request.param
    return sparsity_study(random_problems(150, dim, rho=rho, noise=0.7, seed=11), FACTORS, l1_ratio=0.4)


# ---------------------------------------------------------------------------- the optima
def test_every_l1_optimum_satisfies_the_lasso_kkt_conditions(study):
    P = study.problems
    for i, f in enumerate(study.factors):
        lam = f * P.lambda_max
        w = study.weights["l1"][i]
        grad = P.linears - np.einsum("bij,bj->bi", P.hessians, w)  # g - H w
        scale = np.maximum(P.lambda_max, lam)[:, None]
        zero = w == 0.0
        assert np.all(np.abs(grad)[zero] <= (lam[:, None] + 1e-9 * scale)[zero.nonzero()[0], 0])
        on = ~zero
        residual = np.abs(grad - lam[:, None] * np.sign(w))[on]
        assert np.all(residual <= 1e-9 * np.broadcast_to(scale, w.shape)[on])


def test_elastic_net_optima_satisfy_their_kkt_conditions(study):
    P, r = study.problems, study.l1_ratio
    for i, f in enumerate(study.factors):
        lam = f * P.lambda_max
        w = study.weights["elasticnet"][i]
        grad = P.linears - np.einsum("bij,bj->bi", P.hessians, w) - 2 * (1 - r) * lam[:, None] * w
        zero = w == 0.0
        bound = np.broadcast_to((r * lam)[:, None], w.shape)
        tol = 1e-9 * np.broadcast_to(P.lambda_max[:, None], w.shape)
        assert np.all(np.abs(grad)[zero] <= bound[zero] + tol[zero])
        assert np.all(np.abs(grad - bound * np.sign(w))[~zero] <= tol[~zero])


def test_optima_equal_the_one_problem_exact_solver():
    P = random_problems(40, 7, rho=0.7, noise=1.0, seed=3)
    s = sparsity_study(P, [0.05, 0.4], l1_ratio=0.3)
    for i, f in enumerate(s.factors):
        for k in range(P.count):
            for penalty in ("l1", "l2", "elasticnet"):
                ref = penalized_optimum(P.loss(k), penalty, f * P.lambda_max[k], l1_ratio=0.3)
                got = s.weights[penalty][i, k]
                assert np.array_equal(ref == 0.0, got == 0.0), (penalty, f, k)
                np.testing.assert_allclose(got, ref, atol=1e-10, rtol=1e-8)


def test_lasso_of_identity_hessian_is_soft_thresholding():
    rng = np.random.default_rng(5)
    g = rng.normal(size=(60, 5))
    lam = rng.uniform(0.1, 1.0, 60)
    H = np.broadcast_to(np.eye(5), (60, 5, 5))
    w, fallbacks = lasso_batch(H, g, lam)
    expected = np.sign(g) * np.maximum(np.abs(g) - lam[:, None], 0.0)
    np.testing.assert_allclose(w, expected, atol=1e-14)
    assert np.array_equal(w == 0.0, np.abs(g) <= lam[:, None])
    assert fallbacks == 0


def test_a_warm_start_gives_the_same_optima():
    P = random_problems(100, 9, rho=0.8, seed=8)
    hi, _ = lasso_batch(P.hessians, P.linears, 0.3 * P.lambda_max)
    cold, _ = lasso_batch(P.hessians, P.linears, 0.05 * P.lambda_max)
    warm, _ = lasso_batch(P.hessians, P.linears, 0.05 * P.lambda_max, start=hi)
    assert np.array_equal(cold == 0.0, warm == 0.0)
    np.testing.assert_allclose(warm, cold, atol=1e-11)


def test_above_lambda_max_every_lasso_weight_is_exactly_zero(study):
    i = list(study.factors).index(1.5)
    assert np.all(study.weights["l1"][i] == 0.0)
    assert np.all(study.zero_share()["l1"][i] == 1.0)


def test_ridge_is_the_linear_solve_and_has_no_exact_zeros(study):
    P = study.problems
    for i, f in enumerate(study.factors):
        lam = f * P.lambda_max
        expected = np.stack(
            [np.linalg.solve(P.hessians[k] + 2 * lam[k] * np.eye(P.dim), P.linears[k]) for k in range(P.count)]
        )
        np.testing.assert_allclose(study.weights["l2"][i], expected, rtol=1e-9, atol=1e-12)
    assert np.all(study.zero_counts()["l2"] == 0)
    assert np.all(study.zero_share()["l2"] == 0.0)


def test_elastic_net_with_r_1_is_the_lasso_and_with_r_0_ridge():
    P = random_problems(80, 5, rho=0.3, seed=2)
    one = sparsity_study(P, [0.1, 0.5], l1_ratio=1.0)
    assert np.array_equal(one.weights["elasticnet"], one.weights["l1"])
    zero = sparsity_study(P, [0.1, 0.5], l1_ratio=0.0)
    assert np.array_equal(zero.weights["elasticnet"], zero.weights["l2"])
    # from a cold start too (the study starts each λ from the last one's optima)
    w, _ = lasso_batch(P.hessians, P.linears, 0.1 * P.lambda_max, shifts=np.zeros(P.count))
    assert np.array_equal(w == 0.0, one.weights["l1"][0] == 0.0)
    np.testing.assert_allclose(w, one.weights["l1"][0], atol=1e-12)


def test_l1_is_sparser_than_the_elastic_net_which_is_sparser_than_ridge(study):
    shares = study.zero_share()
    assert np.all(shares["l1"] >= shares["elasticnet"])
    assert np.all(shares["elasticnet"] >= shares["l2"])
    assert shares["l1"][list(study.factors).index(0.3)] > 0.0


# ---------------------------------------------------------------------------- counting
def test_counts_are_recomputed_from_the_returned_weights(study):
    for penalty, counts in study.zero_counts().items():
        w = study.weights[penalty]
        manual = np.array([[sum(1 for x in w[i, k] if x == 0.0) for k in range(w.shape[1])] for i in range(w.shape[0])])
        np.testing.assert_array_equal(counts, manual)
        np.testing.assert_allclose(study.zero_share()[penalty], manual.sum(axis=1) / w[0].size)


def test_zero_counts_never_count_small_weights():
    assert zero_counts([[0.0, 1e-300, -0.0], [1e-17, 2.0, 3.0]]).tolist() == [2, 0]


def test_touch_classes_and_unit_touch_points():
    w = np.array([[0.0, 0.0], [0.3, 0.0], [0.0, -2.0], [0.5, -0.25]])
    assert touch_classes(w).tolist() == ["origin", "axis", "axis", "between"]
    l1 = unit_touch_points(w, "l1")
    assert np.isnan(l1[0]).all()
    assert l1[1].tolist() == [1.0, 0.0] and l1[2].tolist() == [0.0, -1.0]
    assert np.abs(l1[3]).sum() == pytest.approx(1.0)
    l2 = unit_touch_points(w, "l2")
    assert np.hypot(*l2[3]) == pytest.approx(1.0)
    en = unit_touch_points(w, "elasticnet", l1_ratio=0.4)
    a, b = np.abs(en[3]).sum(), (en[3] ** 2).sum()
    assert 0.4 * a + 0.6 * b == pytest.approx(1.0)
    assert en[1].tolist() == [1.0, 0.0]  # a corner stays a corner (intercept 1)


# ---------------------------------------------------------------------------- the problems
def test_problems_are_reproducible_with_a_seed():
    a = random_problems(30, 6, rho=0.4, noise=0.5, seed=7)
    b = random_problems(30, 6, rho=0.4, noise=0.5, seed=7)
    c = random_problems(30, 6, rho=0.4, noise=0.5, seed=8)
    assert np.array_equal(a.hessians, b.hessians) and np.array_equal(a.linears, b.linears)
    assert not np.array_equal(a.linears, c.linears)
    sa, sb = sparsity_study(a, [0.1]), sparsity_study(b, [0.1])
    for penalty in sa.weights:
        assert np.array_equal(sa.weights[penalty], sb.weights[penalty])


def test_problems_have_the_stated_correlation_and_sparse_true_weights():
    P = random_problems(300, 5, rho=0.6, samples=400, seed=1)
    diag = np.sqrt(np.einsum("bii->bi", P.hessians))
    corr = P.hessians / (diag[:, :, None] * diag[:, None, :])
    off = corr[:, ~np.eye(5, dtype=bool)]
    assert abs(off.mean() - 0.6) < 0.03
    assert np.all(np.count_nonzero(P.true_w, axis=1) == math.ceil(5 / 2))
    nonzero = np.abs(P.true_w[P.true_w != 0])
    assert nonzero.min() >= 0.5 and nonzero.max() <= 1.5
    np.testing.assert_allclose(P.lambda_max, np.abs(P.linears).max(axis=1))
    assert np.all(np.linalg.eigvalsh(P.hessians)[:, 0] > 0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"count": 0, "dim": 3}, "count must be a whole number"),
        ({"count": MAX_COUNT + 1, "dim": 3}, "count must be a whole number in"),
        ({"count": 2.5, "dim": 3}, "count must be a whole number"),
        ({"count": 5, "dim": 1}, "dim must be a whole number"),
        ({"count": 5, "dim": MAX_DIM + 1}, "dim must be a whole number in"),
        ({"count": 5, "dim": 3, "rho": 1.0}, r"rho must be a number in \[0, 1\)"),
        ({"count": 5, "dim": 3, "rho": -0.2}, r"rho must be a number in \[0, 1\)"),
        ({"count": 5, "dim": 3, "rho": "x"}, r"rho must be a number in \[0, 1\)"),
        ({"count": 5, "dim": 3, "noise": -1.0}, "noise must be a finite number >= 0"),
        ({"count": 5, "dim": 3, "noise": float("nan")}, "noise must be a finite number >= 0"),
        ({"count": 5, "dim": 3, "samples": 3}, "samples must be a whole number >= 4"),
    ],
)
def test_random_problems_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        random_problems(**kwargs)


def test_study_and_solvers_reject_bad_arguments():
    P = random_problems(5, 3, seed=0)
    with pytest.raises(ValueError, match="problems must be a RandomProblems"):
        sparsity_study("nope", [0.1])
    with pytest.raises(ValueError, match="factors must be a non-empty array of numbers > 0"):
        sparsity_study(P, [])
    with pytest.raises(ValueError, match="factors must be a non-empty array of numbers > 0"):
        sparsity_study(P, [0.1, 0.0])
    with pytest.raises(ValueError, match="lambdas must be finite numbers >= 0"):
        sparsity_study(P, [-0.1])
    with pytest.raises(ValueError, match=r"l1_ratio must be a number in \[0, 1\]"):
        sparsity_study(P, [0.1], l1_ratio=1.5)
    with pytest.raises(ValueError, match="hessians must have shape"):
        lasso_batch(P.hessians[:, :2], P.linears, P.lambda_max)
    with pytest.raises(ValueError, match="hessians and linears must be finite"):
        lasso_batch(P.hessians, np.full_like(P.linears, np.nan), P.lambda_max)
    with pytest.raises(ValueError, match="lams and shifts must have shape"):
        lasso_batch(P.hessians, P.linears, P.lambda_max[:2])
    with pytest.raises(ValueError, match="start must be a finite array of shape"):
        lasso_batch(P.hessians, P.linears, P.lambda_max, start=np.zeros((5, 2)))
    with pytest.raises(ValueError, match="need hessians"):
        ridge_batch(P.hessians, P.linears, P.lambda_max[:1])
    with pytest.raises(ValueError, match=r"weights must have shape \(k, 2\)"):
        touch_classes(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="unknown region 'lp'"):
        unit_touch_points(np.zeros((3, 2)), "lp")


# ---------------------------------------------------------------------------- the panel
REQUEST = {"count": 200, "dim": 8, "rho": 0.5, "noise": 1.0, "lambda": -1.0, "l1_ratio": 0.5, "n": 1}


def test_figure_states_the_count_and_time_and_its_numbers_come_from_the_solves():
    study, seconds, now = sm.monte_carlo(120, 6, rho=0.3, noise=1.0, factor=0.2, l1_ratio=0.5)
    fig = sf.sparsity_figure(study, seconds=seconds, now=now)
    assert [t["uid"] for t in fig["data"]] == list(sf.CURVE_UIDS)
    title = fig["layout"]["title"]["text"]
    assert title.startswith("120 problems (d = 6") and f"{1000 * seconds:.0f} ms" in title
    meta = fig["layout"]["meta"]
    for penalty in ("l1", "l2", "elasticnet"):
        w = study.weights[penalty][now]
        assert meta["zeros"][penalty] == int(np.sum(w == 0.0))
        assert meta["share"][penalty] == pytest.approx(np.sum(w == 0.0) / w.size)
    assert meta["zeros"]["l2"] == 0 and "ridge gives no exact zeros" in title
    assert f"L1 {sf._percent(meta['share']['l1'])} %" in title
    assert meta["factor"] == 0.2 and fig["data"][3]["x"] == [0.2, 0.2]
    assert meta["solves"] == 120 * (sm.GRID + 1) * 3
    # the curves: one point per grid factor, shares in [0, 1], L1 all 0 above λ_max
    l1 = fig["data"][0]
    assert len(l1["x"]) == sm.GRID and l1["y"][-1] == 1.0 and all(0 <= y <= 1 for y in l1["y"])


def test_two_weights_show_where_the_touch_points_land():
    study, seconds, now = sm.monte_carlo(150, 2, rho=0.5, noise=1.0, factor=0.3, l1_ratio=0.5)
    fig = sf.sparsity_figure(study, seconds=seconds, now=now, lang="zh")
    assert [t["uid"] for t in fig["data"]] == list(sf.CURVE_UIDS + sf.TOUCH_UIDS)
    touch = fig["layout"]["meta"]["touch"]
    for region, counts in touch.items():
        assert sum(counts.values()) == 150
        w = study.weights[region][now]
        assert counts["axis"] == int(np.sum(np.sum(w == 0.0, axis=1) == 1))
    assert touch["l2"]["axis"] == 0 and touch["l1"]["axis"] > 0
    l1 = next(t for t in fig["data"] if t["uid"] == "sparsity-touch-l1")
    assert np.allclose(np.abs(l1["x"]) + np.abs(l1["y"]), 1.0, atol=1e-3)
    assert "个问题" in fig["layout"]["title"]["text"] and "在坐标轴上" in fig["layout"]["annotations"][0]["text"]


def test_update_figure_runs_a_request_and_says_why_it_cannot():
    with pytest.raises(PreventUpdate):
        sp.update_figure(None, None)
    fig = sp.update_figure(REQUEST, None, {"lang": "en"})
    assert fig["layout"]["meta"]["count"] == 200 and fig["layout"]["meta"]["factor"] == pytest.approx(0.1)
    bad = sp.update_figure({**REQUEST, "rho": "high"}, None)
    assert bad["data"] == [] and "rho must be a number" in bad["layout"]["annotations"][0]["text"]


def test_update_figure_follows_the_labs_lambda():
    scene = stores.build_scene(default_state())
    view = {**initial_view(), "slider": -0.5}
    fig = sp.update_figure({**REQUEST, "view": view, "count": 20}, scene)
    assert fig["layout"]["meta"]["factor"] == pytest.approx(10**-0.5)
    assert sm.lab_factor(scene, {**view, "slider": -9}) == pytest.approx(10.0**sm.SLIDER_MIN)


def test_check_request_clamps_and_rejects():
    out = sm.check_request({"count": 99999, "dim": 1, "rho": 0.99, "noise": None, "lambda": 5})
    assert out == {"count": 2000, "dim": 2, "rho": 0.95, "noise": 1.0, "lambda": sm.SLIDER_MAX, "l1_ratio": 0.5}
    with pytest.raises(ValueError, match="count must be a number"):
        sm.check_request({"count": "many"})
    with pytest.raises(ValueError, match=r"l1_ratio must be a number in \[0, 1\]"):
        sm.check_request({"l1_ratio": 2})


# ---------------------------------------------------------------------------- d = 20, strong correlation (speed work)
def lasso_kkt_violation(H, g, lam, w):
    """Largest violation of the lasso's KKT conditions per row, relative to max(lambda_max, lam)."""
    grad = g - np.einsum("bij,bj->bi", H, w)
    zero = w == 0.0
    off = np.where(zero, np.abs(grad) - lam[:, None], 0.0)
    on = np.where(zero, 0.0, np.abs(grad - lam[:, None] * np.sign(w)))
    return np.maximum(off, on).max(axis=1) / np.maximum(np.abs(g).max(axis=1), lam)


@pytest.fixture(scope="module")
def correlated20():
    return random_problems(60, 20, rho=0.9, noise=1.0, seed=21)


def test_d20_strongly_correlated_study_equals_the_one_problem_exact_solver(correlated20):
    P = correlated20
    s = sparsity_study(P, [0.005, 0.05, 0.3], l1_ratio=0.5)
    assert s.fallbacks == 0
    for i, f in enumerate(s.factors):
        lam = f * P.lambda_max
        assert lasso_kkt_violation(P.hessians, P.linears, lam, s.weights["l1"][i]).max() <= 1e-10
        for k in range(P.count):
            for penalty in ("l1", "elasticnet"):
                ref = penalized_optimum(P.loss(k), penalty, lam[k], l1_ratio=0.5)
                got = s.weights[penalty][i, k]
                assert np.array_equal(ref == 0.0, got == 0.0), (penalty, f, k)
                np.testing.assert_allclose(got, ref, atol=1e-10, rtol=1e-8)
    # the picture the panel shows: many exact zeros at moderate λ, none from ridge
    assert 0.2 < s.zero_share()["l1"][1] < 1.0 and np.all(s.zero_counts()["l2"] == 0)


def test_d20_strongly_correlated_lasso_equals_scikit_learns_coordinate_descent(correlated20):
    linear_model = pytest.importorskip("sklearn.linear_model")
    P = correlated20
    lam = 0.05 * P.lambda_max
    w, _ = lasso_batch(P.hessians, P.linears, lam)
    d = P.dim
    for k in range(0, P.count, 4):
        # a design with the same moments: X^T X / d = H, X^T y / d = g (X = sqrt(d) L^T, H = L L^T)
        L = np.linalg.cholesky(P.hessians[k])
        X = math.sqrt(d) * L.T
        y = math.sqrt(d) * np.linalg.solve(L, P.linears[k])
        ref = linear_model.Lasso(alpha=lam[k], fit_intercept=False, tol=1e-14, max_iter=200_000).fit(X, y).coef_
        np.testing.assert_allclose(w[k], ref, atol=1e-7)
        assert np.array_equal(w[k] == 0.0, ref == 0.0), k


def test_cold_and_warm_starts_agree_at_d20_with_rho_095():
    P = random_problems(200, 20, rho=0.95, noise=0.5, seed=4)
    hi, _ = lasso_batch(P.hessians, P.linears, 0.2 * P.lambda_max)
    lam = 0.01 * P.lambda_max
    cold, cold_fallbacks = lasso_batch(P.hessians, P.linears, lam)
    warm, warm_fallbacks = lasso_batch(P.hessians, P.linears, lam, start=hi)
    assert np.array_equal(cold == 0.0, warm == 0.0)
    np.testing.assert_allclose(warm, cold, atol=1e-11)
    assert lasso_kkt_violation(P.hessians, P.linears, lam, warm).max() <= 1e-10
    assert (cold_fallbacks, warm_fallbacks) == (0, 0)


def fallback_counter(monkeypatch) -> list:
    """Count the rows handed to the one-problem exact solver (geometry.sparsity's own reference to it)."""
    calls = []

    def counted(loss, penalty, lam, **kwargs):
        calls.append(lam)
        return penalized_optimum(loss, penalty, lam, **kwargs)

    monkeypatch.setattr("geometry.sparsity.penalized_optimum", counted)
    return calls


def refuse_all(M, g, lam, tol, start, **kwargs):
    """A stand-in batch method that certifies no row."""
    return np.zeros(g.shape), np.zeros(g.shape[0], dtype=bool)


def test_rows_the_batch_methods_cannot_certify_are_solved_exactly_and_counted(monkeypatch):
    P = random_problems(30, 12, rho=0.9, seed=5)
    lam = np.where(np.arange(P.count) % 3 == 0, 1.2, 0.1) * P.lambda_max  # every third row: exactly 0, no solve
    expected, _ = lasso_batch(P.hessians, P.linears, lam, shifts=0.3 * lam)
    calls = fallback_counter(monkeypatch)
    monkeypatch.setattr("geometry.sparsity._kkt_exchange", refuse_all)
    monkeypatch.setattr("geometry.sparsity._feature_sign", refuse_all)
    w, fallbacks = lasso_batch(P.hessians, P.linears, lam, shifts=0.3 * lam)
    assert fallbacks == len(calls) == 20
    assert np.all(w[::3] == 0.0)
    assert np.array_equal(w == 0.0, expected == 0.0)
    np.testing.assert_allclose(w, expected, atol=1e-10)


def test_the_feature_sign_search_finishes_what_the_block_exchange_leaves(monkeypatch):
    P = random_problems(40, 15, rho=0.9, seed=6)
    lam = 0.02 * P.lambda_max
    expected, _ = lasso_batch(P.hessians, P.linears, lam)
    calls = fallback_counter(monkeypatch)
    monkeypatch.setattr("geometry.sparsity._kkt_exchange", refuse_all)
    w, fallbacks = lasso_batch(P.hessians, P.linears, lam)
    assert fallbacks == len(calls)
    assert np.array_equal(w == 0.0, expected == 0.0)
    np.testing.assert_allclose(w, expected, atol=1e-10)
    assert lasso_kkt_violation(P.hessians, P.linears, lam, w).max() <= 1e-10


def test_the_study_reports_every_fallback(monkeypatch):
    P = random_problems(25, 8, rho=0.5, seed=9)
    calls = fallback_counter(monkeypatch)
    monkeypatch.setattr("geometry.sparsity._kkt_exchange", refuse_all)
    monkeypatch.setattr("geometry.sparsity._feature_sign", refuse_all)
    s = sparsity_study(P, [0.05, 0.5, 2.0], l1_ratio=0.5)
    # every row below lambda_max, for L1 and the elastic net, at the two factors < 1
    assert s.fallbacks == len(calls) == 2 * 2 * P.count
    assert np.all(s.weights["l1"][2] == 0.0) and np.all(s.weights["elasticnet"][2] == 0.0)
