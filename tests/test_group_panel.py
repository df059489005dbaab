"""The 3-D panel: exact touch points (group vs a direct solve and KKT), whole groups to zero, the table."""

import math

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from components import group_figure as gf
from components import group_model as gm
from components import group_panel as gp
from geometry import QuadraticLoss, penalized_optimum
from geometry.group import group_lasso_optimum, group_norm


def direct_group_solve(loss, lam, *, rho_max=100.0):
    """Groups {0, 1}, {2} solved by enumerating which groups are 0 and, for an active group
    A, bisecting on rho = ||w_A|| in (H + lam/rho on A) w = g - lam s e3 (independent of FISTA)."""
    H, g = loss.hessian, loss.linear
    best, best_val = None, math.inf

    def objective(w):
        return float(loss(w) + lam * group_norm(w, [0, 0, 1]))

    cands = [np.zeros(3)]
    for s in (1.0, -1.0):  # only w3
        w3 = (g[2] - lam * s) / H[2, 2]
        if w3 * s > 0:
            cands.append(np.array([0.0, 0.0, w3]))
    for b_state in ("zero", 1.0, -1.0):  # group A active, w3 zero or of sign b_state
        def solve(rho):
            M = H.copy()
            M[0, 0] += lam / rho
            M[1, 1] += lam / rho
            rhs = g.copy()
            if b_state == "zero":
                w = np.zeros(3)
                w[:2] = np.linalg.solve(M[:2, :2], rhs[:2])
                return w
            rhs[2] -= lam * b_state
            return np.linalg.solve(M, rhs)

        lo, hi = 1e-12, rho_max
        if np.linalg.norm(solve(lo)[:2]) - lo <= 0:
            continue
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if np.linalg.norm(solve(mid)[:2]) > mid:
                lo = mid
            else:
                hi = mid
        w = solve(0.5 * (lo + hi))
        if b_state != "zero" and w[2] * b_state <= 0:
            continue
        cands.append(w)
    for w in cands:
        v = objective(w)
        if v < best_val:
            best, best_val = w, v
    return best


def group_kkt(loss, w, lam):
    grad = loss.gradient(w)
    worst = 0.0
    for idx in ([0, 1], [2]):
        n = np.linalg.norm(w[idx])
        worst = max(worst, np.linalg.norm(grad[idx]) - lam if n == 0 else np.linalg.norm(grad[idx] + lam * w[idx] / n))
    return worst


@pytest.mark.parametrize("fraction", [0.01, 0.1, 0.3, 0.5, 0.7, 0.8, 1.2])
def test_group_optimum_equals_a_direct_solve_and_meets_kkt(fraction):
    loss = gm.group_loss()
    lam = fraction * float(np.max(np.abs(loss.linear)))
    w = group_lasso_optimum(loss, lam, list(gm.GROUPS))
    direct = direct_group_solve(loss, lam)
    np.testing.assert_allclose(w, direct, atol=1e-9)
    assert group_kkt(loss, w, lam) <= 1e-10


def test_the_group_goes_to_zero_together_above_its_threshold():
    loss = gm.group_loss()
    thr = gm.group_threshold(loss)
    # above: w1 = w2 = 0.0 exactly, w3 not; below: both non-zero
    for lam in (thr * (1 + 1e-9), thr * 1.1):
        w = group_lasso_optimum(loss, lam, list(gm.GROUPS))
        assert w[0] == 0.0 and w[1] == 0.0 and w[2] != 0.0
    w = group_lasso_optimum(loss, thr * (1 - 1e-6), list(gm.GROUPS))
    assert w[0] != 0.0 and w[1] != 0.0
    # the threshold is where the zero group's KKT condition ||grad_A|| <= lam becomes tight
    w3 = (loss.linear[2] - thr) / loss.hessian[2, 2]
    assert np.linalg.norm(loss.gradient(np.array([0, 0, w3]))[:2]) == pytest.approx(thr, rel=1e-12)


def test_table_rows_are_the_exact_optima_and_the_group_vanishes_on_the_grid():
    table = gm.group_table()
    loss = gm.group_loss()
    grid = table["grid"]
    assert grid[0] == -3.0 and grid[-1] == pytest.approx(math.log10(3.0))
    for k in (0, 120, 250, len(grid) - 1):
        lam = table["lambda_max"] * 10 ** grid[k]
        np.testing.assert_allclose(table["touch"]["l1"]["w"][k], penalized_optimum(loss, "l1", lam), atol=1e-11)
        w2 = penalized_optimum(loss, "l2", lam)
        np.testing.assert_allclose(table["touch"]["l2"]["w"][k], w2, atol=1e-11)  # the ridge solve
        # ridge's closed form, independently: (H + 2 lam I) w = g
        np.testing.assert_allclose(w2, np.linalg.solve(loss.hessian + 2 * lam * np.eye(3), loss.linear), atol=1e-12)
        assert table["touch"]["l1"]["size"][k] == pytest.approx(np.abs(table["touch"]["l1"]["w"][k]).sum(), rel=1e-11)
    zero_rows = [k for k, w in enumerate(table["touch"]["group"]["w"]) if w[0] == 0.0 and w[1] == 0.0]
    above = [k for k, s in enumerate(grid) if table["lambda_max"] * 10**s >= table["threshold"]]
    assert zero_rows == above and above


def test_figure_and_sentence():
    table = gm.group_table()
    fig = gf.group_figure(table, "group", 0.0)
    assert [t["uid"] for t in fig["data"]] == list(gf.GROUP_TRACE_UIDS)
    touch = fig["data"][gf.GROUP_TRACE_INDEX["group-touch"]]
    assert touch["x"] == [0.0] and touch["y"] == [0.0]  # λ = λ_max is above the group's threshold
    # the double cone's rim has the size of the touch point's group norm
    mesh = fig["data"][0]
    size = table["touch"]["group"]["size"][300]
    assert max(mesh["z"]) == pytest.approx(size)
    assert "exactly 0 as a whole" in gf.group_text(table, "group", 0.0)
    assert "组" in gf.group_text(table, "group", 0.0, lang="zh")
    assert "w₂ exactly 0" in gf.group_text(table, "l1", -0.4)


def test_update_table_answers_each_opening_with_the_scenes_model():
    with pytest.raises(PreventUpdate):
        gp.update_table(False, "group", {"slider": 0}, {})
    table, fig = gp.update_table(True, "l1", {"slider": -1.0}, {"lang": "zh", "source": "points"})
    assert table["styles"]["l1"]["name"] == "L1 八面体"
    assert fig["data"][0]["name"] == "L1 八面体"
    assert table["key"] == "synthetic|zh" and table["model"] == "合成损失"
    assert "合成三权重损失" in fig["layout"]["title"]["text"]
    # opened again (nothing is kept between openings): the same answer
    again, _ = gp.update_table(True, "l1", {"slider": -1.0}, {"lang": "zh", "source": "points"})
    assert again["key"] == table["key"] and again["touch"] == table["touch"]
    # a data set: its three-feature model, named
    scene = {"lang": "en", "source": "dataset", "dataset": {"name": "diabetes", "features": [2, 8]}}
    table, fig = gp.update_table(True, "group", {"slider": -0.5}, scene)
    assert table["key"] == "dataset:diabetes:2,8|en" and table["features"] == ["bmi", "s5", "bp"]
    assert [fig["layout"]["scene"][a]["title"]["text"] for a in ("xaxis", "yaxis", "zaxis")] == ["w₁ · bmi", "w₂ · s5", "w₃ · bp"]
    assert fig["layout"]["title"]["text"].startswith("Diabetes: least squares on bmi, s5")


def test_update_table_says_why_a_model_cannot_be_drawn():
    scene = {"lang": "en", "source": "dataset", "dataset": {"name": "iris", "features": [0, 1]}}
    table, fig = gp.update_table(True, "group", {"slider": 0.0}, scene)
    assert table == {"key": "dataset:iris:0,1|en"}  # the script draws nothing from it and asks no more
    assert "cannot be drawn" in fig["layout"]["annotations"][0]["text"] and fig["data"] == []


@pytest.mark.parametrize(
    ("scene", "key"),
    [
        (None, "synthetic|en"),
        ({"source": "points", "lang": "zh"}, "synthetic|zh"),
        ({"source": "shape"}, "synthetic|en"),
        ({"source": "dataset", "dataset": {"name": "diabetes", "features": [0, 9]}, "lang": "fr"}, "dataset:diabetes:0,9|en"),
    ],
)
def test_model_key_and_table_for_scene(scene, key):
    assert gm.model_key(scene) == key
    table = gm.table_for_scene(scene)
    if key.startswith("synthetic"):
        assert table is gm.group_table() and table["dataset"] is None
    else:
        assert table is gm.dataset_group_table("diabetes", (0, 9)) and table["columns"][:2] == [0, 9]


def test_dataset_tables_are_cached_per_dataset_and_features():
    a = gm.dataset_group_table("diabetes", [2, 8])
    assert gm.dataset_group_table("diabetes", (2, 8)) is a
    b = gm.dataset_group_table("diabetes", [8, 2])  # the plane's order is the 3-D order
    assert b is not a and b["features"][:2] == ["s5", "bmi"] and b["features"][2] == "bp"
    np.testing.assert_allclose(np.array(b["touch"]["l2"]["w"])[:, [1, 0, 2]], a["touch"]["l2"]["w"], rtol=1e-11, atol=1e-12)


@pytest.mark.parametrize(
    ("name", "features", "match"),
    [
        ("iris", [0, 1], "name must be one of diabetes"),
        ("diabetes", [0, 0], "two distinct column indices in \\[0, 10\\)"),
        ("diabetes", [0, 10], "two distinct column indices"),
        ("diabetes", [0], "two distinct column indices"),
        ("diabetes", [0, True], "two distinct column indices"),
        ("diabetes", "ab", "two distinct column indices"),
    ],
)
def test_dataset_model_refuses_bad_arguments(name, features, match):
    with pytest.raises(ValueError, match=match):
        gm.dataset_model(name, features)
    with pytest.raises(ValueError, match=match):
        gm.dataset_group_table(name, features)


def test_group_threshold_refuses_other_losses():
    with pytest.raises(ValueError, match="3-D loss"):
        gm.group_threshold(QuadraticLoss(np.eye(2), np.ones(2)))


# ---------------------------------------------------------------------------- a data set's three-weight model
def _residual_choice(X, y, pair):
    """The third feature by the panel's rule, computed apart: scikit-learn's least squares, numpy's corrcoef."""
    from sklearn.linear_model import LinearRegression

    residual = y - LinearRegression().fit(X[:, pair], y).predict(X[:, pair])
    rest = [k for k in range(X.shape[1]) if k not in pair]
    return rest[int(np.argmax([abs(np.corrcoef(X[:, k], residual)[0, 1]) for k in rest]))]


@pytest.mark.parametrize("pair", [(2, 8), (0, 1), (4, 5), (9, 3)])
def test_diabetes_model_touch_points_equal_scikit_learn_and_the_group_meets_kkt(pair):
    """The table of a diabetes pair holds the lasso, ridge and group-lasso optima of the three-feature
    least-squares model with an unpenalized intercept, at λ = 10^s · λ_max of the plane's pair."""
    from sklearn.linear_model import Lasso, Ridge

    from geometry.datasets import load_diabetes

    X, y, names = load_diabetes()
    third = _residual_choice(X, y, list(pair))
    table = gm.dataset_group_table("diabetes", list(pair))
    assert table["columns"] == [*pair, third] and table["features"] == [names[k] for k in (*pair, third)]
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    # the reference λ: the plane's two-feature lasso is all 0 exactly from λ_max = max_j |x_jᵀ(y − ȳ)| / n on
    assert table["lambda_max"] == pytest.approx(np.max(np.abs(Xc[:, list(pair)].T @ yc)) / n, rel=1e-12)
    X3 = X[:, [*pair, third]]
    H, g = Xc[:, [*pair, third]].T @ Xc[:, [*pair, third]] / n, Xc[:, [*pair, third]].T @ yc / n
    scale = float(np.max(np.abs(np.linalg.solve(H, g))))
    grid = table["grid"]
    for k in (0, 60, 150, 220, 260, 300, len(grid) - 1):
        lam = table["lambda_max"] * 10 ** grid[k]
        lasso = Lasso(alpha=lam, tol=1e-14, max_iter=1_000_000).fit(X3, y).coef_
        np.testing.assert_allclose(table["touch"]["l1"]["w"][k], lasso, rtol=0, atol=1e-9 * scale)
        ridge = Ridge(alpha=2 * n * lam, solver="cholesky").fit(X3, y).coef_
        np.testing.assert_allclose(table["touch"]["l2"]["w"][k], ridge, rtol=1e-9, atol=1e-9 * scale)
        w = np.array(table["touch"]["group"]["w"][k])
        # KKT of J0 + λ(‖(w1, w2)‖ + |w3|) from the data's own moments: −∇J0 in λ·∂(penalty)
        grad = H @ w - g
        for idx in ([0, 1], [2]):
            norm = np.linalg.norm(w[idx])
            if norm == 0:
                assert np.linalg.norm(grad[idx]) <= lam + 1e-9 * float(np.max(np.abs(g)))
            else:
                # to the table's 12 significant digits: relative to the gradient's scale ‖g‖
                np.testing.assert_allclose(grad[idx], -lam * w[idx] / norm, rtol=0, atol=1e-9 * max(lam, float(np.max(np.abs(g)))))
        assert (w[0] == 0 and w[1] == 0) == (lam >= table["threshold"])
        # sizes and J0 excesses of each region's touch point
        assert table["touch"]["group"]["size"][k] == pytest.approx(np.linalg.norm(w[:2]) + abs(w[2]), rel=1e-11, abs=1e-300)
        ols = np.linalg.solve(H, g)
        excess = 0.5 * (w - ols) @ H @ (w - ols)
        assert table["touch"]["group"]["excess"][k] == pytest.approx(excess, rel=1e-8, abs=1e-12 * float(g @ ols))
    # sklearn's OLS with an intercept is the table's centre
    from sklearn.linear_model import LinearRegression

    np.testing.assert_allclose(table["ols"], LinearRegression().fit(X3, y).coef_, rtol=1e-10)


def test_diabetes_group_optimum_equals_a_direct_solve():
    """Between the grid's points too: the group optimum of the bmi, s5, bp model equals the direct
    enumeration-and-bisection solve (independent of FISTA and Newton)."""
    loss, columns, reference = gm.dataset_model("diabetes", [2, 8])
    assert columns == [2, 8, 3]  # bp: the feature forward selection adds after bmi and s5 (Efron et al. 2004, fig. 1)
    for fraction in (0.003, 0.05, 0.3, 0.9, 1.3, 1.45):
        lam = fraction * reference
        w = group_lasso_optimum(loss, lam, list(gm.GROUPS))
        direct = direct_group_solve(loss, lam, rho_max=1e5)
        np.testing.assert_allclose(w, direct, rtol=0, atol=1e-7)
        assert group_kkt(loss, w, lam) <= 1e-9 * lam


def test_group_figure_and_sentence_name_the_model_in_both_languages():
    data = gm.dataset_group_table("diabetes", [2, 8])
    for lang, title, label in [
        ("en", "Diabetes: least squares on bmi, s5 and bp;<br>bp: the feature most correlated", "Diabetes, w = weights of (bmi, s5, bp)."),
        ("zh", "糖尿病：在 bmi、s5 与 bp 上的最小二乘；<br>bp：", "糖尿病，w 为 (bmi, s5, bp) 的权重。"),
    ]:
        fig = gf.group_figure(data, "l1", -1.0, lang=lang)
        assert fig["layout"]["title"]["text"].startswith(title)
        assert gf.group_text(data, "l1", -1.0, lang=lang).startswith(label)
    synthetic = gm.group_table()
    fig = gf.group_figure(synthetic, "group", 0.0)
    assert fig["layout"]["title"]["text"] == "A fixed synthetic three-weight loss:<br>the lab's data have two weights"
    assert [fig["layout"]["scene"][a]["title"]["text"] for a in ("xaxis", "yaxis", "zaxis")] == ["w₁", "w₂", "w₃"]
    assert gf.group_text(synthetic, "group", 0.0).startswith("Synthetic loss. λ = ")
    assert gf.group_text(synthetic, "group", 0.0, lang="zh").startswith("合成损失。λ = ")
