"""One case list and one set of checks for ``assets/lab_math.js`` against the ``geometry`` package.

Two test modules run the same JavaScript on the same cases and hold it to the same checks:
``tests/test_js_node.py`` under Node (unit phase) and ``tests/browser/test_js_math.py`` in
Chromium. Both import the shared tests at the end of this module and provide their fixture
``js_page``, whose ``execute_script(script, *args)`` has the contract of Selenium's (the Node one
is ``tests/node/run_js.js``). Every expected value is computed here by the Python package, never
hard-coded. Where geometry/ is known to be wrong, ``KNOWN_GEOMETRY_BUGS`` marks the check xfail.

The cases: hand-made losses (well- and ill-conditioned, round, rank 1, rank 0, scaled data),
40 random positive-definite Hessians with condition numbers from 1 to 1e10, random rotations
and scales 1e-3..1e3, random rank-1 losses, and ties ``|g1| = |g2|``. For each: lambdas at 0,
at lambda_max and each lasso breakpoint exactly, one ulp and 1e-10 (relative) either side of
them, and in between; region sizes at 0, at each breakpoint of the lasso path's L1 norm and at
the OLS point's size (and one ulp either side); points at the OLS point, the origin, on the axes
and at random.

Tolerances: 1e-9 relative to the weights' scale max|OLS point| (``TOL``), widened to
``COND_SLACK * cond(H) * eps`` where H is ill-conditioned: the two sides solve the same problem by different
algorithms (see "Deliberate differences from geometry/" in ``assets/lab_math.js``), and an
answer of a problem with condition number k is only determined to about k * eps.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pytest

from geometry import (
    elastic_net_budget,
    elastic_net_intercept,
    QuadraticLoss,
    constrained_optimum,
    contour_curve,
    contour_level_through,
    l1_solution_segment,
    lambda_max,
    penalized_optimum,
    region_boundary,
    region_size,
)
from geometry.paths import lasso_path_breakpoints
from geometry.scene import scene_bundle
from geometry.touch import equivalent_lambda

__all__ = [
    "MIXES",
    "TOL",
    "BATCH_JS",
    "Evaluation",
    "losses",
    "KNOWN_GEOMETRY_BUGS",
    "evaluate",
    "assert_close",
    "loss_tolerance",
    "check_penalized_optima",
    "check_lasso_breakpoints",
    "check_rank_deficient_tiny_lambda",
    "check_constrained_optima",
    "check_values_and_fits",
    "check_contours_on_level",
    "check_lasso_at_is_lasso_path",
    "check_equivalent_lambda",
    "check_contour_through_is_contour_curve",
    "check_l1_segment",
    "lasso2d_problems",
    "LASSO2D_JS",
    "check_lasso2d",
    "BOUNDARY_SIZES",
    "BOUNDARY_JS",
    "check_region_boundaries",
    "CASE_CHECKS",
    "case_params",
    "evaluated",
    "test_lab_math_equals_geometry",
    "test_lasso2d_equals_python",
    "test_region_boundaries_are_exact",
]

MIXES = (0.0, 0.25, 0.5, 0.9, 1.0)  # elastic-net l1_ratio r
TOL = 1e-9
#: Agreement an ill-conditioned problem allows: COND_SLACK * cond(H) * eps (relative).
COND_SLACK = 64.0

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
  l1Segment: lams.map(l => M.l1Segment(scene, M.lassoAt(scene, l))),
  ridge: lams.map(l => M.ridgeAt(scene, l)),
  en: en,
  l1T: sizes.l1.map(t => M.l1ForT(scene, t)),
  l2T: sizes.l2.map(t => M.l2ForT(scene, t)),
  enT: enT,
  J0: points.map(w => M.J0(scene, w)),
  excess: points.map(w => M.excess(scene, w)),
  gradient: points.map(w => M.gradient(scene, w)),
  equivalentLambda: points.map(w => mixes.map(r => M.equivalentLambda(scene, w, r))),
  l1: points.map(w => M.l1Norm(w)),
  l2: points.map(w => M.l2Norm(w)),
  enValue: points.map(w => mixes.map(r => M.enValue(w, r))),
  enIntercept: points.map(w => mixes.map(r => M.enIntercept(M.enValue(w, r), r))),
  enBudget: points.map(w => mixes.map(r => M.enBudget(M.l1Norm(w), r))),
  contours: points.map(w => M.contourThrough(scene, w, 73)),
  fits: points.map(w => M.fitCurve(scene, w, phi1, phi2)),
  spectrum: M.spectrum(scene),
};
"""


# ---------------------------------------------------------------------------- the losses
def _rotation(angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s], [s, c]])


def _random_definite(rng: np.random.Generator, count: int) -> dict[str, QuadraticLoss]:
    """``count`` losses with cond(H) spread evenly in log from 1 to 1e10, random rotation and scales."""
    out = {}
    for k in range(count):
        cond = 10.0 ** (10.0 * k / (count - 1))
        scale_h, scale_w = 10.0 ** rng.uniform(-3, 3), 10.0 ** rng.uniform(-3, 3)
        R = _rotation(rng.uniform(0, math.pi))
        H = scale_h * (R @ np.diag([1.0, 1.0 / cond]) @ R.T)
        H = 0.5 * (H + H.T)
        center = scale_w * rng.normal(size=2)
        g = H @ center
        if k % 8 == 3:  # a zero correlation: one weight enters the lasso path late or never
            g[k % 2] = 0.0
        elif k % 8 == 7:  # a tie |g1| = |g2|: both weights enter at lambda_max
            g[1] = math.copysign(abs(g[0]), g[1])
        loss = QuadraticLoss(H, g)
        out[f"random definite {k}, cond {cond:.1e}"] = QuadraticLoss(H, g, 0.5 * float(g @ loss.ols_point))
    return out


def _random_rank_one(rng: np.random.Generator, count: int) -> dict[str, QuadraticLoss]:
    """Rank-1 H = s v v^T, v random (the first two along the axes and the diagonal), g = c v."""
    out = {}
    for k in range(count):
        v = [np.array([1.0, 0.0]), np.array([1.0, 1.0]) / math.sqrt(2.0)][k] if k < 2 else rng.normal(size=2)
        v = v / np.linalg.norm(v)
        s = 10.0 ** rng.uniform(-3, 3)
        g = s * v * (10.0 ** rng.uniform(-3, 3)) * rng.choice([-1.0, 1.0])
        out[f"random rank one {k}"] = QuadraticLoss(s * np.outer(v, v), g)
    return out


@functools.cache
def losses() -> dict[str, QuadraticLoss]:
    """Every case, by name (insertion order is the parametrization order)."""
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
    out["tie |g1| = |g2|, correlated"] = QuadraticLoss([[2.0, 0.5], [0.5, 1.0]], [1.0, -1.0])
    out["tie |g1| = |g2|, anti-correlated"] = QuadraticLoss([[1.0, -0.9], [-0.9, 1.0]], [0.3, 0.3])
    cases = np.random.default_rng(20261125)
    out.update(_random_definite(cases, 40))
    out.update(_random_rank_one(cases, 6))
    return out


#: Cases on which geometry/ disagrees with itself (reported; the tests xfail strictly until fixed):
#: case name -> {check: reason}.
KNOWN_GEOMETRY_BUGS: dict[str, dict[str, str]] = {
    "random rank one 1": {
        "constrained": "constrained_optimum(elasticnet, r=0.25, t = (1 - 1e-10) * size(OLS)) on this rank-1 loss "
        "with equal columns returns [0.00725, 0], 1% off the OLS line (excess 5.6e-11); JS returns the OLS "
        "point scaled onto the boundary (excess ~1e-26)"
    },
}


def is_rank_deficient(loss: QuadraticLoss) -> bool:
    return loss.rank < 2


def condition(loss: QuadraticLoss) -> float:
    """cond(H) of a rank-2 loss; 1 for a singular one (its closed forms work on the range of H)."""
    e = loss.eigenvalues
    return float(e[-1] / e[0]) if loss.rank == 2 else 1.0


def loss_tolerance(loss: QuadraticLoss, tol: float = TOL) -> float:
    """``tol``, widened to ``COND_SLACK * cond(H) * eps`` for an ill-conditioned H."""
    return max(tol, COND_SLACK * condition(loss) * np.finfo(float).eps)


# ---------------------------------------------------------------------------- the inputs
def _either_side(values) -> set[float]:
    """Each value, and one ulp and 1e-10 (relative) below and above each positive one."""
    out = set(values)
    for v in values:
        if v > 0:
            out |= {float(np.nextafter(v, 0)), float(np.nextafter(v, np.inf)), v * (1 - 1e-10), v * (1 + 1e-10)}
    return out


def lambdas_for(loss: QuadraticLoss, scene: dict) -> list[float]:
    lm = lambda_max(loss)
    if lm == 0:
        return [0.0, 1e-12, 0.5, 1.0, 10.0]
    fractions = [0.0, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.05, 0.2, 0.37, 0.5, 0.81, 0.999999, 1.0, 1.5, 10.0]
    knots = scene["lasso_path"]["lambdas"]
    mids = [0.5 * (a + b) for a, b in zip(knots, knots[1:])]
    return sorted({f * lm for f in fractions} | set(mids) | _either_side(knots))


def sizes_for(size: float, knots=()) -> list[float]:
    """Region sizes: fractions of the OLS point's size, and ``knots`` (each with its neighbours)."""
    if size == 0:
        return [0.0, 1e-9, 1.0]
    fractions = [0.0, 1e-12, 1e-6, 0.05, 0.3, 0.6, 0.9, 0.999999, 1.0, 1.5]
    return sorted({f * size for f in fractions} | _either_side([size, *knots]))


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
        np.array([0.0, 0.3 * ylo]),
        2.0 * loss.ols_point,
        np.array([3.0 * xhi, -2.0 * yhi]),
    ]
    return [[float(a), float(b)] for a, b in pts]


def inputs_for(loss: QuadraticLoss, scene: dict) -> dict:
    """The arguments of BATCH_JS for one loss (JSON-ready)."""
    ols = loss.ols_point
    l1_knots = [float(np.abs(w).sum()) for w in scene["lasso_path"]["weights"]]
    return {
        "lams": lambdas_for(loss, scene),
        "sizes": {
            "l1": sizes_for(region_size("l1", ols), l1_knots),
            "l2": sizes_for(region_size("l2", ols)),
            "en": {str(i): sizes_for(region_size("elasticnet", ols, l1_ratio=r)) for i, r in enumerate(MIXES)},
        },
        "points": points_for(loss, scene),
        "phi1": np.linspace(-2, 2, 9).tolist(),
        "phi2": (np.linspace(-2, 2, 9) ** 2).tolist(),
    }


@dataclass(frozen=True)
class Evaluation:
    """One loss, its scene bundle, the inputs sent to the JavaScript and what it returned."""

    name: str
    loss: QuadraticLoss
    scene: dict
    inputs: dict
    out: dict


def evaluate(run_script, name: str) -> Evaluation:
    """Run BATCH_JS for the loss ``name`` with ``run_script(script, *args)`` (one call)."""
    loss = losses()[name]
    scene = scene_bundle(loss)
    inputs = inputs_for(loss, scene)
    out = run_script(
        BATCH_JS,
        scene,
        inputs["lams"],
        list(MIXES),
        inputs["sizes"],
        inputs["points"],
        inputs["phi1"],
        inputs["phi2"],
    )
    return Evaluation(name, loss, scene, inputs, out)


# ---------------------------------------------------------------------------- comparison
def assert_close(got, want, what, tol=TOL, scale=1.0):
    """max |got - want| <= tol * max(scale, max |want|); got None (JSON's Infinity) only for inf."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, f"{what}: JS {got.tolist()} vs Python {want.tolist()}"
    err = float(np.max(np.abs(got - want), initial=0.0))
    assert err <= tol * max(scale, float(np.max(np.abs(want), initial=0.0))), (
        f"{what}: JS {got.tolist()} vs Python {want.tolist()} (diff {err:.3g})"
    )


def weight_scale(loss: QuadraticLoss) -> float:
    """Size of the weights the problem is about: max |OLS point| (1 for a flat loss)."""
    reach = float(np.max(np.abs(loss.ols_point)))
    return reach if reach > 0 else 1.0


# ---------------------------------------------------------------------------- penalized optima
def check_penalized_optima(case: Evaluation) -> None:
    """lassoAt, ridgeAt and elasticNetAt equal penalized_optimum."""
    name, loss, inputs, out = case.name, case.loss, case.inputs, case.out
    lm = lambda_max(loss)
    tol, scale = loss_tolerance(loss), weight_scale(loss)
    # Rank-deficient losses: below ~1e-6 lambda_max the elastic-net answers of the stored floats
    # depend on rounding residue of g in the null space (Python divides it by 2 lam (1 - r), JS
    # drops it), see check_rank_deficient_tiny_lambda; and the lasso path may end with a
    # rounding-level segment (a knot below ~1e-15 lambda_max) from the least-L1 OLS point to the
    # minimum-norm one, the homotopy's answer at exactly 0, which JS interpolates and Python does not.
    floor = 1e-6 * lm if is_rank_deficient(loss) else 0.0
    for lam, lasso, ridge in zip(inputs["lams"], out["lasso"], out["ridge"]):
        if lam == 0 or lam >= floor:
            assert_close(lasso, penalized_optimum(loss, "l1", lam), f"{name}: lasso at lam={lam!r}", tol, scale)
        assert_close(ridge, penalized_optimum(loss, "l2", lam), f"{name}: ridge at lam={lam!r}", tol, scale)
        if lam >= lm:
            assert lasso == [0, 0], f"{name}: lasso at lam={lam!r} >= lambda_max must be exactly 0"
    for i, r in enumerate(MIXES):
        for lam, w in zip(inputs["lams"], out["en"][str(i)]):
            if lam == 0 or lam >= floor or r == 0.0:
                want = penalized_optimum(loss, "elasticnet", lam, l1_ratio=r)
                assert_close(w, want, f"{name}: elastic net r={r} at lam={lam!r}", tol, scale)


def check_lasso_breakpoints(case: Evaluation) -> None:
    """A breakpoint is returned as stored, bit for bit; lam = 0 gives the path's last point."""
    path = case.scene["lasso_path"]
    by_lam = dict(zip(case.inputs["lams"], case.out["lasso"]))
    for lam, w in zip(path["lambdas"], path["weights"]):
        assert by_lam[lam] == w, (case.name, lam)
    assert by_lam[0.0] == path["weights"][-1], case.name


def check_rank_deficient_tiny_lambda(case: Evaluation) -> None:
    """Ridge and elastic net stay within 1e-9 of their limits as lam -> 0 on a singular loss.

    Ridge -> the minimum-norm OLS point; elastic net -> its value at 1e-6 lambda_max (the
    path is smooth, slope O(1)). Python's penalized_optimum does not pass this for the elastic
    net (it divides the null-space rounding residue of g by 2 lam (1 - r)).
    """
    name, loss, inputs, out = case.name, case.loss, case.inputs, case.out
    lm, top = lambda_max(loss), float(loss.eigenvalues[-1])
    scale = weight_scale(loss)
    # from 1e-13 lambda_max: below, lam r is lost to rounding next to g (|g| = lambda_max)
    tiny = [(lam, i) for i, lam in enumerate(inputs["lams"]) if 1e-13 * lm <= lam < 1e-6 * lm]
    assert tiny, name
    refs = {r: penalized_optimum(loss, "elasticnet", 1e-6 * lm, l1_ratio=r) for r in MIXES[1:-1]}
    # how far the path moves from 1e-6 to 2e-6 lambda_max bounds how far it moves from 1e-6 to 0
    moves = {r: np.max(np.abs(penalized_optimum(loss, "elasticnet", 2e-6 * lm, l1_ratio=r) - refs[r])) for r in refs}
    for lam, i in tiny:
        # w(lam) = ols e / (e + 2 lam) along the one curved direction
        assert_close(out["ridge"][i], loss.ols_point, f"{name}: ridge at lam={lam!r}", 1e-9 + 2 * lam / top, scale)
        for k, r in enumerate(MIXES[1:-1], start=1):
            what = f"{name}: elastic net r={r} at lam={lam!r}"
            assert_close(out["en"][str(k)][i], refs[r], what, 1e-9 + 2 * moves[r] / scale, scale)


# ---------------------------------------------------------------------------- constrained optima
def null_residue(loss: QuadraticLoss) -> float:
    """|V0^T g| over the flat directions: rounding residue of g that Python's l2 disc divides by 2 mu."""
    flat = loss.eigenvectors[:, : loss.dim - loss.rank]  # eigenvalues ascend: the flat ones first
    return float(np.max(np.abs(flat.T @ loss.linear), initial=0.0))


def _disc_slack(loss: QuadraticLoss, lam) -> float:
    """How far Python's l2-disc optimum may sit from JS's along flat directions: residue / (2 mu)."""
    if not is_rank_deficient(loss) or not lam:
        return 0.0
    return null_residue(loss) / (2 * lam) / weight_scale(loss)


def _check_constrained(loss, name, region, r, sizes, results):
    size_of = lambda w: region_size(region, np.asarray(w), l1_ratio=r)  # noqa: E731
    full = size_of(loss.ols_point)
    tol, scale = loss_tolerance(loss), weight_scale(loss)
    # the excess of the origin: the scale of J0 - min J0 over the picture
    j_scale = max(loss.min_value, float(loss.excess(np.zeros(loss.dim))), 1e-300)
    for t, res in zip(sizes, results):
        w, lam = res["w"], res["lam"]
        want = constrained_optimum(loss, region, t, l1_ratio=r)
        what = f"{name}: {region} (r={r}) region of size t={t!r}"
        at_ols = is_rank_deficient(loss) and loss.excess(want) <= 1e-14 * j_scale
        if at_ols:
            # a whole segment of OLS points may fit: any feasible one is a minimiser
            assert loss.excess(w) <= 1e-12 * j_scale, what
            assert size_of(w) <= t * (1 + 1e-12) + 1e-300, what
        else:
            slack = _disc_slack(loss, lam) if region == "l2" else 0.0
            assert_close(w, want, what, tol + slack, scale)
        if t >= full:  # exactly 0, or rounding-level when t equals the OLS point's size
            assert lam == 0 or (t == full and 0 <= lam <= 1e-12 * lambda_max(loss)), (what, lam)
            continue
        if at_ols:  # within rounding of the set of OLS points: a tiny multiplier
            assert 0 <= lam <= 1e-6 * lambda_max(loss), (what, lam)
            continue
        if t >= full * (1 - COND_SLACK * condition(loss) * np.finfo(float).eps):
            # The OLS point is resolved to ~cond(H) eps only (scene.ols and the lasso path's end
            # differ by that much): within it, w may be inside the region with lam ~ 0.
            assert size_of(w) <= t * (1 + 1e-12) and 0 <= lam <= 1e-6 * lambda_max(loss), (what, lam)
            continue
        if t == 0:
            assert w == [0, 0], what
        else:
            assert abs(size_of(w) - t) <= 1e-12 * t, f"{what}: not on the boundary ({size_of(w)!r})"
        if lam is None:  # Infinity: only the l2 disc of radius 0
            assert region == "l2" and t == 0, what
            continue
        # the returned multiplier is the one whose penalized optimum is this point
        again = penalized_optimum(loss, region, lam, l1_ratio=r)
        assert_close(again, w, f"{what}: penalized optimum at the returned lam={lam!r}", tol, scale)


def check_constrained_optima(case: Evaluation) -> None:
    """l1ForT, l2ForT and elasticNetForT equal constrained_optimum; their lam gives the same point."""
    name, loss, inputs, out = case.name, case.loss, case.inputs, case.out
    _check_constrained(loss, name, "l1", 1.0, inputs["sizes"]["l1"], out["l1T"])
    _check_constrained(loss, name, "l2", 0.0, inputs["sizes"]["l2"], out["l2T"])
    for i, r in enumerate(MIXES):
        sizes, found = inputs["sizes"]["en"][str(i)], out["enT"][str(i)]
        if r == 0.0:  # r||w||_1 + (1-r)||w||^2 <= t is the disc of radius sqrt(t)
            _check_constrained(loss, name, "l2", 0.0, [math.sqrt(t) for t in sizes], found)
        else:
            _check_constrained(loss, name, "l1" if r == 1.0 else "elasticnet", r, sizes, found)


# ---------------------------------------------------------------------------- values, curves, fits
def check_values_and_fits(case: Evaluation) -> None:
    """J0, excess, gradient, the norms, the elastic-net penalty and fitCurve equal the Python values."""
    name, loss, inputs, out = case.name, case.loss, case.inputs, case.out
    phi = np.c_[inputs["phi1"], inputs["phi2"]]
    g_scale = max(float(np.max(np.abs(loss.hessian))) * weight_scale(loss), lambda_max(loss), 1e-300)
    for k, w in enumerate(inputs["points"]):
        w = np.asarray(w)
        excess = loss.excess(w)
        want = loss.min_value + excess
        d = np.abs(w - loss.ols_point)
        terms = 0.5 * float(d @ np.abs(loss.hessian) @ d)  # excess without cancellation: its rounding scale
        assert abs(out["J0"][k] - want) <= 1e-13 * max(abs(loss.min_value) + terms, 1e-300), (name, w.tolist())
        a = np.abs(w)
        expanded = max(
            abs(loss(w)), loss.constant, 0.5 * float(a @ np.abs(loss.hessian) @ a), abs(float(loss.linear @ w))
        )
        # loss(w) cancels far from the minimum, J0 = min + excess cancels near the origin
        assert abs(out["J0"][k] - loss(w)) <= 1e-9 * max(expanded, 1.0) + 1e-13 * terms, (name, w.tolist())
        assert abs(out["excess"][k] - excess) <= 1e-13 * max(terms, 1e-300), (name, w.tolist())
        reach = max(g_scale, float(np.max(np.abs(loss.hessian))) * float(np.max(np.abs(w))))
        assert_close(out["gradient"][k], loss.gradient(w), f"{name}: gradient at {w.tolist()}", 1e-14, reach)
        assert out["l1"][k] == pytest.approx(np.abs(w).sum(), rel=1e-15)
        assert out["l2"][k] == pytest.approx(np.linalg.norm(w), rel=1e-15)
        for r, value in zip(MIXES, out["enValue"][k]):
            assert value == pytest.approx(region_size("elasticnet", w, l1_ratio=r), rel=1e-14, abs=1e-300)
        for r, got in zip(MIXES, out["enIntercept"][k]):
            size = region_size("elasticnet", w, l1_ratio=r)
            assert got == pytest.approx(elastic_net_intercept(size, l1_ratio=r), rel=1e-14, abs=1e-300)
        for r, got in zip(MIXES, out["enBudget"][k]):
            want = elastic_net_budget(float(np.abs(w).sum()), l1_ratio=r)
            assert got == pytest.approx(want, rel=1e-14, abs=1e-300)
        fit = loss.intercept(w) + phi @ w
        np.testing.assert_allclose(out["fits"][k], fit, rtol=1e-12, atol=1e-12 * max(1.0, np.abs(fit).max()))
    # spectrum: the eigen-data of H the closed forms use; directions outside the rank carry
    # neither curvature nor any part of g, and the counted ones rebuild the OLS point
    spectrum = out["spectrum"]
    counted = np.arange(2) >= 2 - loss.rank
    V = np.asarray(spectrum["v"]).T  # columns: the eigenvectors
    np.testing.assert_allclose(np.abs(V.T @ V), np.eye(2), atol=1e-12)
    top = float(np.max(np.abs(loss.eigenvalues)))
    for k in range(2):
        if counted[k]:
            assert spectrum["e"][k] == pytest.approx(loss.eigenvalues[k], rel=1e-12, abs=1e-14 * top)
        else:
            assert spectrum["e"][k] == 0 and spectrum["c"][k] == 0, name
    rebuilt = np.zeros(2) + sum(V[:, k] * spectrum["c"][k] / spectrum["e"][k] for k in range(2) if counted[k])
    assert_close(rebuilt, loss.ols_point, f"{name}: spectrum rebuilds the OLS point", loss_tolerance(loss), weight_scale(loss))


def check_contours_on_level(case: Evaluation) -> None:
    """contourThrough(w) lies on J0's level through w (J0 computed in Python at its points)."""
    name, loss, scene, inputs, out = case.name, case.loss, case.scene, case.inputs, case.out
    (xlo, xhi), (ylo, yhi) = scene["view"]["x"], scene["view"]["y"]
    top = float(np.max(np.abs(loss.eigenvalues)))
    # excess rounds to ~eps top |w - ols|^2 (and a rank-1 H's null eigenvalue is ~eps top)
    reach2 = float(np.sum(loss.ols_point**2)) + max(xhi - xlo, yhi - ylo) ** 2
    tol = loss_tolerance(loss)  # and relative to the level, ~cond(H) eps
    for w, curve in zip(inputs["points"], out["contours"]):
        level = loss.excess(np.asarray(w))
        xs, ys = curve["x"], curve["y"]
        assert len(xs) == len(ys)
        if loss.rank == 0:
            assert xs == [] and ys == []
            continue
        pts = np.array([(a, b) for a, b in zip(xs, ys) if a is not None], dtype=float).reshape(-1, 2)
        atol = tol * level + 64 * np.finfo(float).eps * top * reach2
        np.testing.assert_allclose(loss.excess(pts), level, rtol=0, atol=atol, err_msg=f"{name} through {w}")
        if loss.rank == 2:
            assert len(xs) == 73 and xs[0] == xs[-1] and ys[0] == ys[-1], f"{name}: ellipse not closed"
        else:  # two clipped lines with a null gap (one line when w is on the OLS line)
            slack = 1e-12 * max(xhi - xlo, 1.0)
            assert np.all((pts[:, 0] >= xlo - slack) & (pts[:, 0] <= xhi + slack)), name
            assert np.all((pts[:, 1] >= ylo - slack) & (pts[:, 1] <= yhi + slack)), name
            assert len(xs) in (0, 2, 5) and (len(xs) != 5 or (xs[2] is None and ys[2] is None)), (name, xs)
            if len(pts):
                mids = 0.5 * (pts[0::2] + pts[1::2])
                np.testing.assert_allclose(loss.excess(mids), level, rtol=0, atol=atol)


# ---------------------------------------------------------------------------- lasso2d
LASSO2D_JS = "return arguments[0].map(p => window.labMath.lasso2d(p[0], p[1], p[2]));"


def lasso2d_problems() -> list[tuple[np.ndarray, np.ndarray, float]]:
    """Random definite (H, g, lam), cond(H) up to 1e4, some with g_k = 0, plus two exact ties."""
    rng = np.random.default_rng(3)
    problems = []
    for k in range(60):
        cond = 10.0 ** rng.uniform(0, 4)
        R = _rotation(rng.uniform(0, np.pi))
        H = R @ np.diag([1.0, cond]) @ R.T * 10.0 ** rng.uniform(-2, 2)
        g = rng.normal(size=2) * 10.0 ** rng.uniform(-2, 2)
        if k % 10 == 0:
            g[k % 2] = 0.0
        lam = float(rng.choice([0.0, 1e-12, 0.1, 0.5, 0.9, 1.0, 2.0])) * float(np.max(np.abs(g)))
        problems.append((0.5 * (H + H.T), g, lam))
    problems.append((np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([2.0, 1.0]), 0.0))  # optimum (1, 0) at lam 0
    problems.append((np.eye(2), np.array([1.0, 0.0]), 0.0))
    return problems


def lasso2d_arguments(problems) -> list:
    return [[H.tolist(), g.tolist(), lam] for H, g, lam in problems]


def check_lasso2d(run_script) -> None:
    """lasso2d equals penalized_optimum(l1) (Python refines Cramer's rule once; JS does not)."""
    problems = lasso2d_problems()
    got = run_script(LASSO2D_JS, lasso2d_arguments(problems))
    assert run_script("return window.labMath.lasso2d([[1, 1], [1, 1]], [1, 1], 0.1);") is None  # singular
    for (H, g, lam), w in zip(problems, got):
        assert w is not None, (H, g, lam)
        want = penalized_optimum(QuadraticLoss(H, g), "l1", lam)
        what = f"lasso2d H={H.tolist()} g={g.tolist()} lam={lam}"
        assert_close(w, want, what, tol=1e-9 * max(1.0, np.linalg.cond(H) / 1e3))


# ---------------------------------------------------------------------------- region boundaries
BOUNDARY_SIZES = (0.0, 1e-7, 0.3, 1.0, 123.456)

BOUNDARY_JS = """
const M = window.labMath, [sizes, mixes] = arguments;
return sizes.map(t => ({
  diamond: M.diamond(t),
  circle: M.circle(t, 101),
  en: mixes.map(r => M.enBoundary(t, r, 101)),
}));
"""


def check_region_boundaries(run_script) -> None:
    """diamond is region_boundary("l1"); circle and enBoundary lie on the boundary (region_size), with
    as many points as region_boundary draws and exact axis points."""
    out = run_script(BOUNDARY_JS, list(BOUNDARY_SIZES), list(MIXES))
    for t, shapes in zip(BOUNDARY_SIZES, out):
        assert shapes["diamond"] == {"x": [t, 0, -t, 0, t], "y": [0, t, 0, -t, 0]}
        assert np.array_equal(np.c_[shapes["diamond"]["x"], shapes["diamond"]["y"]], region_boundary("l1", t))
        assert len(shapes["circle"]["x"]) == len(region_boundary("l2", t, num=101))
        for r, curve in zip(MIXES, shapes["en"]):
            assert len(curve["x"]) == len(region_boundary("elasticnet", t, l1_ratio=r, num=101)), (t, r)
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


# ---------------------------------------------------------------------------- more of the same function
def check_lasso_at_is_lasso_path(case: Evaluation) -> None:
    """lassoAt is LassoPath.at (the same interpolation of the same breakpoints) to rounding."""
    path = lasso_path_breakpoints(case.loss)
    for lam, w in zip(case.inputs["lams"], case.out["lasso"]):
        what = f"{case.name}: lassoAt vs LassoPath.at({lam!r})"
        assert_close(w, path.at(lam), what, 1e-15, weight_scale(case.loss))


def _region(r: float) -> str:
    return "l1" if r == 1.0 else "l2" if r == 0.0 else "elasticnet"


def check_equivalent_lambda(case: Evaluation) -> None:
    """equivalentLambda equals equivalent_lambda at the points; the constrained optima's lam is theirs."""
    loss, out = case.loss, case.out
    tol, lm = loss_tolerance(loss), lambda_max(loss)

    def same(got, want, what):
        if math.isinf(want):
            assert got is None, f"{what}: JS {got!r} vs Python inf"
        else:
            assert got is not None and abs(got - want) <= tol * max(lm, abs(want)), (
                f"{what}: JS {got!r} vs Python {want!r}"
            )

    for w, values in zip(case.inputs["points"], out["equivalentLambda"]):
        for r, got in zip(MIXES, values):
            same(got, equivalent_lambda(loss, _region(r), w, l1_ratio=r), f"{case.name}: equivalentLambda({w}, r={r})")
    results = [(1.0, out["l1T"]), (0.0, out["l2T"])] + [(r, out["enT"][str(i)]) for i, r in enumerate(MIXES)]
    for r, found in results:
        for res in found:
            if is_rank_deficient(loss) and res["lam"] is not None and res["lam"] < 1e-6 * lm:
                continue  # at (or within rounding of) the line of OLS points: lam is not resolved
            what = f"{case.name}: lam of r={r} at {res}"
            same(res["lam"], equivalent_lambda(loss, _region(r), res["w"], l1_ratio=r), what)


def check_contour_through_is_contour_curve(case: Evaluation) -> None:
    """contourThrough(w, 73) is contour_curve(level through w, num=73) point by point.

    The Python level is ``min J0 + excess``, so its delta carries a rounding error of about
    eps * |min J0| that JS (which takes delta = excess(w) from the point) does not have.
    """
    loss, scene = case.loss, case.scene
    view = (scene["view"]["x"], scene["view"]["y"])
    for w, curve in zip(case.inputs["points"], case.out["contours"]):
        want = contour_curve(loss, contour_level_through(loss, w), num=73, view=view)
        got = np.array([(a, b) for a, b in zip(curve["x"], curve["y"]) if a is not None], dtype=float).reshape(-1, 2)
        if loss.rank == 0 or not want:  # a flat loss, or lines that miss the view
            assert want == [] and got.size == 0, case.name
            continue
        delta = float(loss.excess(np.asarray(w)))
        reach = math.sqrt(2 * delta / float(loss.eigenvalues[-loss.rank]))  # the longest half-axis (offset)
        cancel = 4 * np.finfo(float).eps * max(abs(loss.min_value), delta)
        slack = TOL * max(weight_scale(loss), reach) + (reach * cancel / delta if delta > 0 else 0.0)
        what = f"{case.name}: contour through {w}"
        if loss.rank == 2 and len(want[0]) == 1:  # Python: the level is the minimum (up to rounding)
            assert_close(got, np.repeat(want[0], len(got), axis=0), what, 1.0, slack)
        elif loss.rank == 1 and len(want) * 2 != len(got):  # Python snapped a tiny offset to one line
            assert len(want) == 1 and reach <= slack, what
        else:
            assert_close(got, np.concatenate(want), what, 1.0, slack)


def check_l1_segment(case: Evaluation) -> None:
    """l1Segment is l1_solution_segment at the same lasso optima (None where Python has none)."""
    path = lasso_path_breakpoints(case.loss)
    for lam, got in zip(case.inputs["lams"], case.out["l1Segment"]):
        want = l1_solution_segment(case.loss, path.at(lam))
        what = f"{case.name}: l1Segment at lam={lam!r}"
        if want is None:
            assert got is None, f"{what}: JS {got!r}, Python None"
        else:
            assert got is not None, f"{what}: JS None, Python {want.tolist()}"
            assert_close(got, want, what, 1e-12, weight_scale(case.loss))


# ---------------------------------------------------------------------------- the table
def _has_tiny_lambdas(loss: QuadraticLoss) -> bool:
    return loss.rank == 1 and lambda_max(loss) > 0


#: Every per-case check, by name: (check, which losses it applies to).
CASE_CHECKS = {
    "penalized": (check_penalized_optima, None),
    "breakpoints": (check_lasso_breakpoints, None),
    "tiny_lambda": (check_rank_deficient_tiny_lambda, _has_tiny_lambdas),
    "lasso_path": (check_lasso_at_is_lasso_path, None),
    "constrained": (check_constrained_optima, None),
    "equivalent_lambda": (check_equivalent_lambda, None),
    "values": (check_values_and_fits, None),
    "contours": (check_contours_on_level, None),
    "contour_curve": (check_contour_through_is_contour_curve, None),
    "l1_segment": (check_l1_segment, None),
}


def case_params() -> list:
    """(check, case name) pairs as pytest params, xfail(strict) where KNOWN_GEOMETRY_BUGS lists them."""
    out = []
    for check, (_, applies) in CASE_CHECKS.items():
        for name, loss in losses().items():
            if applies is not None and not applies(loss):
                continue
            reason = KNOWN_GEOMETRY_BUGS.get(name, {}).get(check)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(check, name, marks=marks, id=f"{check}: {name}"))
    return out


# ---------------------------------------------------------------------------- the shared tests
# A test module that imports these (they are collected there) provides the fixture ``js_page``:
# an object whose ``execute_script(script, *args)`` runs a function body in a page that has
# loaded assets/lab_math.js (Selenium's driver, or tests/node/run_js.js).


@pytest.fixture(scope="module")
def evaluated(js_page):
    """name -> Evaluation, each loss evaluated once (one execute_script) and cached."""
    cache = {}

    def get(name: str) -> Evaluation:
        if name not in cache:
            cache[name] = evaluate(js_page.execute_script, name)
        return cache[name]

    return get


@pytest.mark.parametrize("check, name", case_params())
def test_lab_math_equals_geometry(evaluated, check, name):
    CASE_CHECKS[check][0](evaluated(name))


def test_lasso2d_equals_python(js_page):
    check_lasso2d(js_page.execute_script)


def test_region_boundaries_are_exact(js_page):
    check_region_boundaries(js_page.execute_script)
