"""assets/lab_math.js in real Chromium against the Python ``geometry`` package (agreement to 1e-9).

The library is loaded into a tiny static page (no app server). Each loss is evaluated with a
single ``execute_script`` call over arrays of lambdas, sizes t and points; every expected value
is computed here by the Python package, never hard-coded.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pytest

from geometry import QuadraticLoss, constrained_optimum, lambda_max, penalized_optimum, region_size
from geometry.scene import scene_bundle

from .conftest import wait_for

pytestmark = pytest.mark.browser

LAB_MATH = Path(__file__).resolve().parents[2] / "assets" / "lab_math.js"
MIXES = (0.0, 0.25, 0.5, 0.9, 1.0)  # elastic-net l1_ratio r
TOL = 1e-9

BATCH_JS = """
const [scene, lams, mixes, sizes, points, phi1, phi2] = arguments;
const M = window.labMath;
const en = {}, enT = {};
mixes.forEach((r, i) => {
  en[i] = lams.map(l => M.elasticNetAt(scene, l, r));
  enT[i] = sizes.en[i].map(t => M.elasticNetForT(scene, t, r));
});
return {
  lasso: lams.map(l => M.lassoAt(scene, l)),
  ridge: lams.map(l => M.ridgeAt(scene, l)),
  en: en,
  l1T: sizes.l1.map(t => M.l1ForT(scene, t)),
  l2T: sizes.l2.map(t => M.l2ForT(scene, t)),
  enT: enT,
  J0: points.map(w => M.J0(scene, w)),
  l1: points.map(w => M.l1Norm(w)),
  l2: points.map(w => M.l2Norm(w)),
  enValue: points.map(w => mixes.map(r => M.enValue(w, r))),
  contours: points.map(w => M.contourThrough(scene, w, 73)),
  fits: points.map(w => M.fitCurve(scene, w, phi1, phi2)),
};
"""


# ---------------------------------------------------------------------------- the losses
@functools.cache
def losses() -> dict[str, QuadraticLoss]:
    rng = np.random.default_rng(20261124)
    x = np.linspace(-1.0, 1.0, 12)
    out = {
        "well-conditioned": QuadraticLoss.from_ellipse([1.2, 0.7], [1.0, 0.8], 0.3),
        "round (H = I)": QuadraticLoss.from_ellipse([0.9, -0.4], [1.0, 1.0], 0.0),
        "axis-aligned, OLS on an axis": QuadraticLoss.from_ellipse([1.5, 0.0], [1.0, 0.4], 0.0),
        "rotated 45 degrees": QuadraticLoss.from_ellipse([1.4, 0.5], [1.0, 0.3], math.pi / 4),
        "rotated, negative quadrant": QuadraticLoss.from_ellipse([-0.6, -1.3], [0.5, 1.7], 2.0, min_value=0.4),
        "ill-conditioned (1e-3 axis)": QuadraticLoss.from_ellipse([0.8, -1.1], [1.0, 1e-3], 1.1),
        "data, correlated": QuadraticLoss.from_data(
            np.c_[x, 0.9 * x + 0.2 * np.sin(7 * x)], 2 * x + 0.1 * rng.normal(size=12)
        ),
        "data, large scale": QuadraticLoss.from_data(1e3 * np.c_[x, x**2], 5e2 * x - 3e2 * x**2 + rng.normal(size=12)),
        "rank one, x2 = x1": QuadraticLoss.from_data(np.c_[x, x], 1.5 * x + 0.2 * np.cos(4 * x)),
        "rank one, x2 = -2 x1": QuadraticLoss.from_data(np.c_[x, -2 * x], 1.5 * x + 0.2 * np.cos(4 * x)),
        "y constant": QuadraticLoss.from_data(np.c_[x, x**2], np.full(12, 3.0)),
        "y constant, rank one": QuadraticLoss.from_data(np.c_[x, x], np.full(12, -2.0)),
        "rank zero (constant columns)": QuadraticLoss.from_data(np.c_[np.ones(12), np.full(12, 2.0)], x),
    }
    for k in range(4):
        X = rng.normal(size=(20, 2)) @ rng.normal(size=(2, 2))
        out[f"random data {k}"] = QuadraticLoss.from_data(X, X @ rng.normal(size=2) + rng.normal(size=20))
    return out


def lambdas_for(loss: QuadraticLoss, scene: dict) -> list[float]:
    lm = lambda_max(loss)
    if lm == 0:
        return [0.0, 1e-12, 0.5, 1.0, 10.0]
    fractions = [0.0, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.05, 0.2, 0.37, 0.5, 0.81, 0.999999, 1.0, 1.5, 10.0]
    knots = scene["lasso_path"]["lambdas"]
    mids = [0.5 * (a + b) for a, b in zip(knots, knots[1:])]
    near = [k * (1 + s * 1e-10) for k in knots[1:-1] for s in (-1, 1)]
    return sorted({f * lm for f in fractions} | set(knots) | set(mids) | set(near))


def sizes_for(size: float) -> list[float]:
    if size == 0:
        return [0.0, 1e-9, 1.0]
    fractions = [0.0, 1e-12, 1e-6, 0.05, 0.3, 0.6, 0.9, 0.999999, 1.0, 1.5]
    return [f * size for f in fractions]


def points_for(loss: QuadraticLoss, scene: dict) -> list[list[float]]:
    rng = np.random.default_rng(7)
    (xlo, xhi), (ylo, yhi) = scene["view"]["x"], scene["view"]["y"]
    lm = lambda_max(loss)
    pts = [
        loss.ols_point,
        np.zeros(2),
        penalized_optimum(loss, "l1", 0.3 * lm),
        penalized_optimum(loss, "l2", 0.3 * lm),
        np.array([0.5 * xhi, 0.0]),
        *np.c_[rng.uniform(xlo, xhi, 4), rng.uniform(ylo, yhi, 4)],
    ]
    return [[float(a), float(b)] for a, b in pts]


def is_rank_deficient(loss: QuadraticLoss) -> bool:
    return loss.rank < 2


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def math_page(driver, tmp_path_factory):
    """A blank page that loads only assets/lab_math.js."""
    page = tmp_path_factory.mktemp("js-math") / "lab_math.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>lab math</title>"
        f"<script src='{LAB_MATH.as_uri()}'></script></head><body></body></html>"
    )
    driver.get(page.as_uri())
    wait_for(driver, "!!(window.labMath && window.labMath.lassoAt)")
    return driver


@pytest.fixture(scope="module")
def evaluated(math_page):
    """name -> (loss, scene, inputs, JS outputs); one batched execute_script per loss."""
    cache = {}

    def get(name):
        if name not in cache:
            loss = losses()[name]
            scene = scene_bundle(loss)
            ols = loss.ols_point
            inputs = {
                "lams": lambdas_for(loss, scene),
                "sizes": {
                    "l1": sizes_for(region_size("l1", ols)),
                    "l2": sizes_for(region_size("l2", ols)),
                    "en": {str(i): sizes_for(region_size("elasticnet", ols, l1_ratio=r)) for i, r in enumerate(MIXES)},
                },
                "points": points_for(loss, scene),
                "phi1": np.linspace(-2, 2, 9).tolist(),
                "phi2": (np.linspace(-2, 2, 9) ** 2).tolist(),
            }
            out = math_page.execute_script(
                BATCH_JS,
                scene,
                inputs["lams"],
                list(MIXES),
                inputs["sizes"],
                inputs["points"],
                inputs["phi1"],
                inputs["phi2"],
            )
            cache[name] = (loss, scene, inputs, out)
        return cache[name]

    return get


def assert_close(got, want, what, tol=TOL):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    err = float(np.max(np.abs(got - want)))
    assert err <= tol * max(1.0, float(np.max(np.abs(want)))), (
        f"{what}: JS {got.tolist()} vs Python {want.tolist()} (diff {err:.3g})"
    )


# ---------------------------------------------------------------------------- penalized optima
@pytest.mark.parametrize("name", list(losses()))
def test_penalized_optima_equal_python(evaluated, name):
    loss, scene, inputs, out = evaluated(name)
    lm = lambda_max(loss)
    # Rank-deficient losses: below ~1e-6 lambda_max the ridge / elastic-net answers of the
    # stored floats depend on rounding residue of g in the null space (Python divides it by
    # 2 lam, JS drops it); see test_rank_deficient_tiny_lambda_is_continuous.
    floor = 1e-6 * lm if is_rank_deficient(loss) else 0.0
    for lam, lasso, ridge in zip(inputs["lams"], out["lasso"], out["ridge"]):
        assert_close(lasso, penalized_optimum(loss, "l1", lam), f"{name}: lasso at lam={lam!r}")
        if lam == 0 or lam >= floor:
            assert_close(ridge, penalized_optimum(loss, "l2", lam), f"{name}: ridge at lam={lam!r}")
        if lam >= lm:
            assert lasso == [0, 0], f"{name}: lasso at lam={lam!r} >= lambda_max must be exactly 0"
    for i, r in enumerate(MIXES):
        for lam, w in zip(inputs["lams"], out["en"][str(i)]):
            if lam == 0 or lam >= floor or r == 1.0:
                want = penalized_optimum(loss, "elasticnet", lam, l1_ratio=r)
                assert_close(w, want, f"{name}: elastic net r={r} at lam={lam!r}")


def test_lasso_exact_at_breakpoints_and_linear_between(evaluated):
    loss, scene, inputs, out = evaluated("random data 1")
    path = scene["lasso_path"]
    by_lam = dict(zip(inputs["lams"], out["lasso"]))
    for lam, w in zip(path["lambdas"], path["weights"]):
        assert by_lam[lam] == w  # a breakpoint is returned as stored, bit for bit
    assert by_lam[0.0] == path["weights"][-1]


def test_lasso2d_equals_python_on_random_problems(math_page):
    rng = np.random.default_rng(3)
    problems = []
    for k in range(60):
        cond = 10.0 ** rng.uniform(0, 4)
        angle = rng.uniform(0, np.pi)
        R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        H = R @ np.diag([1.0, cond]) @ R.T * 10.0 ** rng.uniform(-2, 2)
        g = rng.normal(size=2) * 10.0 ** rng.uniform(-2, 2)
        if k % 10 == 0:
            g[k % 2] = 0.0
        lam = float(rng.choice([0.0, 1e-12, 0.1, 0.5, 0.9, 1.0, 2.0])) * float(np.max(np.abs(g)))
        problems.append((0.5 * (H + H.T), g, lam))
    problems.append((np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([2.0, 1.0]), 0.0))  # optimum (1, 0) at lam 0
    problems.append((np.eye(2), np.array([1.0, 0.0]), 0.0))
    got = math_page.execute_script(
        "return arguments[0].map(p => window.labMath.lasso2d(p[0], p[1], p[2]));",
        [[H.tolist(), g.tolist(), lam] for H, g, lam in problems],
    )
    for (H, g, lam), w in zip(problems, got):
        assert w is not None, (H, g, lam)
        want = penalized_optimum(QuadraticLoss(H, g), "l1", lam)
        assert_close(
            w, want, f"lasso2d H={H.tolist()} g={g.tolist()} lam={lam}", tol=1e-9 * max(1.0, np.linalg.cond(H) / 1e3)
        )
    singular = math_page.execute_script("return window.labMath.lasso2d([[1, 1], [1, 1]], [1, 1], 0.1);")
    assert singular is None


def test_rank_deficient_tiny_lambda_is_continuous(evaluated):
    """Ridge and elastic net stay within 1e-9 of their limits as lam -> 0 on a singular loss.

    Ridge -> the minimum-norm OLS point; elastic net -> its value at 1e-6 lambda_max (the
    path is smooth, slope O(1)). Python's penalized_optimum does not pass this (reported).
    """
    for name in ("rank one, x2 = x1", "rank one, x2 = -2 x1"):
        loss, scene, inputs, out = evaluated(name)
        lm = lambda_max(loss)
        tiny = [(lam, i) for i, lam in enumerate(inputs["lams"]) if 0 < lam < 1e-6 * lm]
        assert tiny
        for lam, i in tiny:
            assert_close(out["ridge"][i], loss.ols_point, f"{name}: ridge at lam={lam!r}", tol=1e-9 + 10 * lam)
            for k, r in enumerate(MIXES[1:-1], start=1):
                ref = penalized_optimum(loss, "elasticnet", 1e-6 * lm, l1_ratio=r)
                assert_close(out["en"][str(k)][i], ref, f"{name}: elastic net r={r} at lam={lam!r}", tol=1e-5)


# ---------------------------------------------------------------------------- constrained optima
def check_constrained(loss, name, region, r, sizes, results, tol=TOL):
    pen = {"l1": "l1", "l2": "l2", "elasticnet": "elasticnet"}[region]
    size_of = lambda w: region_size(region, np.asarray(w), l1_ratio=r)  # noqa: E731
    full = size_of(loss.ols_point)
    for t, res in zip(sizes, results):
        w, lam = res["w"], res["lam"]
        want = constrained_optimum(loss, region, t, l1_ratio=r)
        what = f"{name}: {region} (r={r}) region of size t={t!r}"
        at_ols = is_rank_deficient(loss) and loss.excess(want) <= 1e-14 * max(loss.min_value, 1.0)
        if at_ols:
            # a whole segment of OLS points may fit: any feasible one is a minimiser
            assert loss.excess(w) <= 1e-12 * max(loss.min_value, 1.0), what
            assert size_of(w) <= t * (1 + 1e-12) + 1e-300, what
        else:
            assert_close(w, want, what, tol=tol)
        if t >= full or at_ols:
            # exactly 0, or rounding-level when t equals the OLS point's size
            assert lam == 0 or (t == full and 0 <= lam <= 1e-12 * lambda_max(loss)), (what, lam)
            continue
        if t == 0:
            assert w == [0, 0], what
        else:
            assert abs(size_of(w) - t) <= 1e-12 * t, f"{what}: not on the boundary ({size_of(w)!r})"
        if lam is None:  # Infinity: only the l2 disc of radius 0
            assert region == "l2" and t == 0, what
            continue
        # the returned multiplier is the one whose penalized optimum is this point
        again = penalized_optimum(loss, pen, lam, l1_ratio=r)
        assert_close(again, w, f"{what}: penalized optimum at the returned lam={lam!r}", tol=max(tol, 1e-9))


@pytest.mark.parametrize("name", list(losses()))
def test_constrained_optima_equal_python(evaluated, name):
    loss, scene, inputs, out = evaluated(name)
    check_constrained(loss, name, "l1", 1.0, inputs["sizes"]["l1"], out["l1T"])
    check_constrained(loss, name, "l2", 0.0, inputs["sizes"]["l2"], out["l2T"])
    for i, r in enumerate(MIXES):
        region = "l1" if r == 1.0 else "l2" if r == 0.0 else "elasticnet"
        sizes = inputs["sizes"]["en"][str(i)]
        if r == 0.0:  # r||w||_1 + (1-r)||w||^2 <= t is the disc of radius sqrt(t)
            for t, res in zip(sizes, out["enT"][str(i)]):
                assert_close(res["w"], constrained_optimum(loss, "elasticnet", t, l1_ratio=0.0), f"{name}: r=0 t={t!r}")
            continue
        check_constrained(loss, name, region, r, sizes, out["enT"][str(i)])


# ---------------------------------------------------------------------------- values, curves, fits
@pytest.mark.parametrize("name", list(losses()))
def test_objective_norms_and_fit_equal_python(evaluated, name):
    loss, scene, inputs, out = evaluated(name)
    phi = np.c_[inputs["phi1"], inputs["phi2"]]
    for k, w in enumerate(inputs["points"]):
        w = np.asarray(w)
        want = loss.min_value + loss.excess(w)
        assert abs(out["J0"][k] - want) <= 1e-13 * max(abs(want), 1.0), (name, w.tolist())
        assert abs(out["J0"][k] - loss(w)) <= 1e-9 * max(abs(loss(w)), loss.constant, 1.0), (name, w.tolist())
        assert out["l1"][k] == pytest.approx(np.abs(w).sum(), rel=1e-15)
        assert out["l2"][k] == pytest.approx(np.linalg.norm(w), rel=1e-15)
        for r, value in zip(MIXES, out["enValue"][k]):
            assert value == pytest.approx(region_size("elasticnet", w, l1_ratio=r), rel=1e-14, abs=1e-300)
        fit = loss.intercept(w) + phi @ w
        np.testing.assert_allclose(out["fits"][k], fit, rtol=1e-12, atol=1e-12 * max(1.0, np.abs(fit).max()))


@pytest.mark.parametrize("name", list(losses()))
def test_contour_through_a_point_is_on_its_level(evaluated, name):
    loss, scene, inputs, out = evaluated(name)
    (xlo, xhi), (ylo, yhi) = scene["view"]["x"], scene["view"]["y"]
    top = float(np.max(np.abs(loss.eigenvalues)))
    for w, curve in zip(inputs["points"], out["contours"]):
        level = loss.excess(np.asarray(w))
        xs, ys = curve["x"], curve["y"]
        assert len(xs) == len(ys)
        if loss.rank == 0:
            assert xs == [] and ys == []
            continue
        pts = np.array([(a, b) for a, b in zip(xs, ys) if a is not None], dtype=float)
        # J0 is computed at the curve's points in Python: equal to J0(w) to 1e-9 relative
        scale = max(level, 1e-12 * top * float(np.sum(loss.ols_point**2)) + 1e-300)
        np.testing.assert_allclose(loss.excess(pts), level, rtol=0, atol=1e-9 * scale, err_msg=f"{name} through {w}")
        if loss.rank == 2:
            assert len(xs) == 73 and xs[0] == xs[-1] and ys[0] == ys[-1], f"{name}: ellipse not closed"
        else:  # two clipped lines with a null gap (one line when w is on the OLS line)
            slack = 1e-12 * max(xhi - xlo, 1.0)
            assert np.all((pts[:, 0] >= xlo - slack) & (pts[:, 0] <= xhi + slack)), name
            assert np.all((pts[:, 1] >= ylo - slack) & (pts[:, 1] <= yhi + slack)), name
            assert len(xs) in (0, 2, 5) and (len(xs) != 5 or (xs[2] is None and ys[2] is None)), (name, xs)
            mids = 0.5 * (pts[0::2] + pts[1::2])
            np.testing.assert_allclose(loss.excess(mids), level, rtol=0, atol=1e-9 * scale)


# ---------------------------------------------------------------------------- region boundaries
def test_region_boundaries_are_exact(math_page):
    sizes = [0.0, 1e-7, 0.3, 1.0, 123.456]
    out = math_page.execute_script(
        """
        const M = window.labMath, [sizes, mixes] = arguments;
        return sizes.map(t => ({
          diamond: M.diamond(t),
          circle: M.circle(t, 101),
          en: mixes.map(r => M.enBoundary(t, r, 101)),
        }));
        """,
        sizes,
        list(MIXES),
    )
    for t, shapes in zip(sizes, out):
        assert shapes["diamond"] == {"x": [t, 0, -t, 0, t], "y": [0, t, 0, -t, 0]}
        curves = [("l2", 0.0, t, shapes["circle"])]
        for r, curve in zip(MIXES, shapes["en"]):
            curves.append(("elasticnet", r, t, curve))
        for region, r, size, curve in curves:
            pts = np.c_[curve["x"], curve["y"]]
            assert len(pts) >= 100 and curve["x"][0] == curve["x"][-1] and curve["y"][0] == curve["y"][-1]
            values = np.array([region_size(region, p, l1_ratio=r) for p in pts])
            np.testing.assert_allclose(values, size, rtol=1e-14, atol=1e-300, err_msg=f"{region} r={r} t={t}")
            if region == "l2":
                rho = t
            elif r == 0.0:
                rho = math.sqrt(t)
            else:  # (1 - r) rho^2 + r rho = t on the axes
                rho = 2 * t / (r + math.sqrt(r * r + 4 * (1 - r) * t)) if t > 0 else 0.0
            xs, ys = np.asarray(curve["x"]), np.asarray(curve["y"])
            on_x, on_y = xs[ys == 0.0], ys[xs == 0.0]  # exactly on an axis
            for found in (on_x, on_y):
                assert found.size >= 2, (region, r, t)
                np.testing.assert_allclose(np.sort(found)[[0, -1]], [-rho, rho], rtol=1e-15, atol=1e-300)
