"""The 3-D panel: exact touch points (group vs a direct solve and KKT), whole groups to zero, the table."""

import math

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from components import group_panel as gp
from geometry import QuadraticLoss, penalized_optimum
from geometry.group import group_lasso_optimum, group_norm


def direct_group_solve(loss, lam):
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

        lo, hi = 1e-12, 100.0
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
    loss = gp.group_loss()
    lam = fraction * float(np.max(np.abs(loss.linear)))
    w = group_lasso_optimum(loss, lam, list(gp.GROUPS))
    direct = direct_group_solve(loss, lam)
    np.testing.assert_allclose(w, direct, atol=1e-9)
    assert group_kkt(loss, w, lam) <= 1e-10


def test_the_group_goes_to_zero_together_above_its_threshold():
    loss = gp.group_loss()
    thr = gp.group_threshold(loss)
    # above: w1 = w2 = 0.0 exactly, w3 not; below: both non-zero
    for lam in (thr * (1 + 1e-9), thr * 1.1):
        w = group_lasso_optimum(loss, lam, list(gp.GROUPS))
        assert w[0] == 0.0 and w[1] == 0.0 and w[2] != 0.0
    w = group_lasso_optimum(loss, thr * (1 - 1e-6), list(gp.GROUPS))
    assert w[0] != 0.0 and w[1] != 0.0
    # the threshold is where the zero group's KKT condition ||grad_A|| <= lam becomes tight
    w3 = (loss.linear[2] - thr) / loss.hessian[2, 2]
    assert np.linalg.norm(loss.gradient(np.array([0, 0, w3]))[:2]) == pytest.approx(thr, rel=1e-12)


def test_table_rows_are_the_exact_optima_and_the_group_vanishes_on_the_grid():
    table = gp.group_table()
    loss = gp.group_loss()
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
    table = gp.group_table()
    fig = gp.group_figure(table, "group", 0.0)
    assert [t["uid"] for t in fig["data"]] == list(gp.GROUP_TRACE_UIDS)
    touch = fig["data"][gp.GROUP_TRACE_INDEX["group-touch"]]
    assert touch["x"] == [0.0] and touch["y"] == [0.0]  # λ = λ_max is above the group's threshold
    # the double cone's rim has the size of the touch point's group norm
    mesh = fig["data"][0]
    size = table["touch"]["group"]["size"][300]
    assert max(mesh["z"]) == pytest.approx(size)
    assert "exactly 0 as a whole" in gp.group_text(table, "group", 0.0)
    assert "组" in gp.group_text(table, "group", 0.0, lang="zh")
    assert "w₂ exactly 0" in gp.group_text(table, "l1", -0.4)


def test_update_table_only_on_first_opening():
    with pytest.raises(PreventUpdate):
        gp.update_table(False, None, "group", {"slider": 0}, {})
    with pytest.raises(PreventUpdate):
        gp.update_table(True, {"grid": []}, "group", {"slider": 0}, {})
    table, fig = gp.update_table(True, None, "l1", {"slider": -1.0}, {"lang": "zh"})
    assert table["styles"]["l1"]["name"] == "L1 八面体"
    assert fig["data"][0]["name"] == "L1 八面体"


def test_group_threshold_refuses_other_losses():
    with pytest.raises(ValueError, match="3-D loss"):
        gp.group_threshold(QuadraticLoss(np.eye(2), np.ones(2)))
