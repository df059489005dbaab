"""The 1-D kink (geometry/kink.py) and its panel's pure parts (components/kink_panel.py).

The minimisers are held to independent facts: a brute-force search on a fine grid, the
subgradient (KKT) condition 0 ∈ f'(x) + λ ∂|x|, scikit-learn's coordinate descent for the lasso
the 1-D view is cut from, and the articles' pair (λ = 0.5 moves the minimum toward 0, λ = 2
puts it at 0).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from dash import dcc, html
from sklearn.linear_model import Lasso

from authoring.url_state import page_for_query
from components import kink_panel
from components.i18n import LANGS, text
from components.kink_figure import (
    DEFAULT_A,
    DEFAULT_C,
    KINK_TRACE_UIDS,
    kink_data,
    kink_figure,
    kink_model,
)
from components.kink_sentences import kink_text, strings_for
from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from components.plane_traces import touches_for_view
from components.problem import default_state, resample
from components.stores import build_scene
from components.view import initial_view
from geometry import QuadraticLoss
from geometry.kink import (
    Quadratic1D,
    along_weight,
    kink_curves,
    kink_grid,
    l1_minimiser,
    l2_minimiser,
    one_sided_slopes,
    parabola,
)

RNG = np.random.default_rng(20261201)


def _brute(objective, lo: float, hi: float, num: int = 400_001) -> float:
    """argmin of objective over a fine grid of [lo, hi] (an independent search)."""
    x = np.linspace(lo, hi, num)
    return float(x[np.argmin(objective(x))])


def _random_problems(count: int):
    for _ in range(count):
        curvature = float(RNG.uniform(0.05, 5.0))
        slope = float(RNG.normal(scale=3.0))
        lam = float(RNG.uniform(0.0, 4.0))
        yield Quadratic1D(curvature, slope, float(RNG.normal())), lam


# ---------------------------------------------------------------------------- L1: soft thresholding
@pytest.mark.parametrize("case", range(60))
def test_l1_minimiser_is_the_brute_force_minimum_and_meets_the_kkt_condition(case):
    f, lam = list(_random_problems(60))[case]
    x = l1_minimiser(f, lam)
    reach = abs(f.slope) / f.curvature + 1.0
    grid_x = _brute(lambda t: f(t) + lam * np.abs(t), -reach, reach)
    assert x == pytest.approx(grid_x, abs=2 * 2 * reach / 400_000)
    # the subgradient condition: f'(x) + λ s = 0 with s = sign(x), or |f'(0)| <= λ at x = 0
    derivative = f.slope + f.curvature * x
    if x == 0:
        assert abs(derivative) <= lam
    else:
        assert derivative + lam * math.copysign(1.0, x) == pytest.approx(0.0, abs=1e-12 * (abs(f.slope) + lam + 1))


@pytest.mark.parametrize(
    ("slope", "lam"),
    [(0.3, 0.5), (-0.3, 0.5), (0.5, 0.5), (-0.5, 0.5), (2.0, 2.0), (-2.0, 2.0), (0.0, 0.0), (0.0, 1e-300), (1e-17, 1e-17)],
)
@pytest.mark.parametrize("curvature", [0.0, 1e-9, 1.0, 1e6])
def test_l1_minimiser_is_exactly_zero_whenever_the_slope_at_zero_is_within_lambda(slope, lam, curvature):
    x = l1_minimiser(Quadratic1D(curvature, slope), lam)
    assert x == 0.0 and math.copysign(1.0, x) == 1.0  # the float 0.0 itself, not -0.0 and not "small"
    left, right = one_sided_slopes(Quadratic1D(curvature, slope), lam)
    assert left <= 0 <= right


def test_l1_minimiser_leaves_zero_just_past_the_threshold_on_the_side_against_the_slope():
    lam = 0.5
    for slope in (np.nextafter(0.5, 1.0), 0.6, 3.0):
        assert l1_minimiser(Quadratic1D(2.0, slope), lam) < 0
        assert l1_minimiser(Quadratic1D(2.0, -slope), lam) > 0
    assert l1_minimiser(Quadratic1D(2.0, -3.0), 0.5) == pytest.approx(1.25)  # (3 − 0.5) / 2


def test_one_sided_slopes_are_the_difference_quotients_of_the_l1_objective_at_zero():
    for f, lam in _random_problems(20):
        left, right = one_sided_slopes(f, lam)
        h = 1e-7
        objective = lambda t: float(f(t)) + lam * abs(t)  # noqa: E731
        assert left == pytest.approx((objective(0.0) - objective(-h)) / h, abs=1e-5 * (1 + f.curvature))
        assert right == pytest.approx((objective(h) - objective(0.0)) / h, abs=1e-5 * (1 + f.curvature))


# ---------------------------------------------------------------------------- L2: closed form
def test_l2_minimiser_is_the_brute_force_minimum_and_has_zero_derivative():
    for f, lam in _random_problems(40):
        x = l2_minimiser(f, lam)
        reach = abs(f.slope) / f.curvature + 1.0
        assert x == pytest.approx(_brute(lambda t: f(t) + lam * t * t, -reach, reach), abs=4 * reach / 400_000)
        assert f.slope + (f.curvature + 2 * lam) * x == pytest.approx(0.0, abs=1e-12 * (abs(f.slope) + 1))


def test_l2_minimiser_is_zero_only_when_the_slope_at_zero_is_zero():
    for lam in (0.0, 0.5, 2.0, 1e6):
        assert l2_minimiser(Quadratic1D(1.0, 0.0), lam) == 0.0
        for slope in (1e-12, -0.3, 5.0):
            assert l2_minimiser(Quadratic1D(1.0, slope), lam) != 0.0
            # the L1 minimiser does reach 0 at the same slope once λ >= |d0|
            assert l1_minimiser(Quadratic1D(1.0, slope), abs(slope)) == 0.0


# ---------------------------------------------------------------------------- the articles' pair
def test_default_parabola_reproduces_the_articles_pair():
    f = parabola(DEFAULT_A, DEFAULT_C)
    assert f(np.array([DEFAULT_C]))[0] == 0.0 and f.minimiser == DEFAULT_C  # a(x − c)², minimum at c
    assert 0.5 < abs(f.slope) < 2  # |f′(0)| between the two λ: 0.5 moves, 2 zeroes
    moved = l1_minimiser(f, 0.5)
    assert 0 < moved < DEFAULT_C  # toward 0, not at 0
    assert moved == pytest.approx(_brute(lambda t: f(t) + 0.5 * np.abs(t), -2, 2), abs=1e-5)
    assert l1_minimiser(f, 2.0) == 0.0
    assert _brute(lambda t: f(t) + 2.0 * np.abs(t), -2, 2) == pytest.approx(0.0, abs=1e-5)
    # L2 with the same λ: smaller, never 0
    assert 0 < l2_minimiser(f, 2.0) < DEFAULT_C


def test_parabola_coefficients_are_those_of_a_times_x_minus_c_squared():
    for a, c in [(1.0, 0.75), (0.3, -2.0), (5.0, 0.0)]:
        f = parabola(a, c)
        x = np.linspace(-3, 3, 13)
        assert np.allclose(f(x), a * (x - c) ** 2, rtol=1e-14, atol=1e-14)


# ---------------------------------------------------------------------------- along a weight of J0
def _loss_and_data(seed: int):
    rng = np.random.default_rng(seed)
    n = 30
    X = rng.normal(size=(n, 2)) @ np.array([[1.0, 0.0], [rng.uniform(-0.9, 0.9), 0.6]])
    y = X @ rng.normal(size=2) * 1.5 + rng.normal(scale=0.5, size=n) + 2.0
    return QuadraticLoss.from_data(X, y), X, y


def test_along_weight_is_j0_on_the_line():
    for seed in range(10):
        loss, _, _ = _loss_and_data(seed)
        at = RNG.normal(size=2)
        for k in (0, 1):
            f = along_weight(loss, k, at)
            for x in (-2.0, 0.0, 0.7):
                w = at.copy()
                w[k] = x
                assert float(f(x)) == pytest.approx(loss(w), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("seed", range(12))
def test_the_1d_l1_minimiser_at_the_lasso_optimum_is_that_optimums_coordinate(seed):
    loss, X, y = _loss_and_data(seed)
    lam_max = float(np.max(np.abs(loss.linear)))
    for ratio in (0.05, 0.3, 0.6, 0.9, 1.2):
        lam = ratio * lam_max
        lasso = Lasso(alpha=lam, tol=1e-14, max_iter=100_000).fit(X, y).coef_  # independent solver
        for k in (0, 1):
            x = l1_minimiser(along_weight(loss, k, lasso), lam)
            assert x == pytest.approx(lasso[k], abs=1e-8)
            if lasso[k] == 0:
                assert x == 0.0


# ---------------------------------------------------------------------------- grid and curves
@pytest.mark.parametrize(("lo", "hi", "num"), [(-1.0, 1.0, 201), (-0.01, 5.0, 201), (-3.0, 1e-3, 11), (-1.0, 2.0, 3)])
def test_kink_grid_contains_zero_and_runs_from_lo_to_hi(lo, hi, num):
    x = kink_grid(lo, hi, num)
    assert x.shape == (num,) and x[0] == lo and x[-1] == hi
    assert np.count_nonzero(x == 0.0) == 1 and np.all(np.diff(x) > 0)


def test_kink_curves_add_the_penalties_to_f():
    f = parabola(2.0, -0.5)
    x = np.array([-1.0, 0.0, 0.5])
    curves = kink_curves(f, 0.8, x)
    assert np.allclose(curves["f"], 2.0 * (x + 0.5) ** 2)
    assert np.allclose(curves["l1"] - curves["f"], 0.8 * np.abs(x))
    assert np.allclose(curves["l2"] - curves["f"], 0.8 * x**2)


# ---------------------------------------------------------------------------- bad arguments
def test_bad_arguments_raise_one_clear_value_error_each():
    f = Quadratic1D(1.0, -1.0)
    loss = QuadraticLoss([[2.0, 1.0], [1.0, 2.0]], [1.0, 0.0])
    with pytest.raises(ValueError, match="curvature must be >= 0"):
        Quadratic1D(-1.0, 0.0)
    with pytest.raises(ValueError, match="slope must be a finite number"):
        Quadratic1D(1.0, math.nan)
    with pytest.raises(ValueError, match="value must be a finite number"):
        Quadratic1D(1.0, 0.0, "x")
    with pytest.raises(ValueError, match="lam must be >= 0"):
        l1_minimiser(f, -0.1)
    with pytest.raises(ValueError, match="lam must be a finite number"):
        l2_minimiser(f, math.inf)
    with pytest.raises(ValueError, match="lam must be a finite number"):
        one_sided_slopes(f, True)
    with pytest.raises(ValueError, match="unbounded below"):
        l1_minimiser(Quadratic1D(0.0, 2.0), 1.0)
    with pytest.raises(ValueError, match="unbounded below"):
        l2_minimiser(Quadratic1D(0.0, 2.0), 0.0)
    with pytest.raises(ValueError, match="a must be > 0"):
        parabola(0.0, 1.0)
    with pytest.raises(ValueError, match="a must be a finite number"):
        parabola(None, 1.0)
    with pytest.raises(ValueError, match="c must be a finite number"):
        parabola(1.0, math.inf)
    with pytest.raises(ValueError, match="loss must be a QuadraticLoss"):
        along_weight({"hessian": [[1.0]]}, 0, [0.0, 0.0])
    with pytest.raises(ValueError, match="at least 2 weights"):
        along_weight(QuadraticLoss([[1.0]], [1.0]), 0, [0.0])
    with pytest.raises(ValueError, match="weight must be an integer index"):
        along_weight(loss, 2, [0.0, 0.0])
    with pytest.raises(ValueError, match="weight must be an integer index"):
        along_weight(loss, True, [0.0, 0.0])
    with pytest.raises(ValueError, match=r"at must have shape \(2,\)"):
        along_weight(loss, 0, [0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="at contains NaN"):
        along_weight(loss, 0, [0.0, math.nan])
    with pytest.raises(ValueError, match="lo < 0 < hi"):
        kink_grid(0.0, 1.0)
    with pytest.raises(ValueError, match="hi must be a finite number"):
        kink_grid(-1.0, math.inf)
    with pytest.raises(ValueError, match="num must be an integer >= 3"):
        kink_grid(-1.0, 1.0, 2)


# ---------------------------------------------------------------------------- the panel's model
def _states() -> dict[str, dict]:
    base = default_state()
    gen = {"n": 20, "rho": 0.6, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7}
    out = {"default": base, "shape": dict(base, source="shape")}
    for basis, seed in (("x-x3", 11), ("correlated", 19), ("sin-cos", 5)):
        out[f"{basis} {seed}"] = resample(dict(base, basis=basis), dict(gen, seed=seed, rho=-0.9))
    return out


STATES = _states()
VIEWS = [
    {"slider": v, "mode": mode, "shown": ["l1", "l2"], "l1_ratio": 0.5}
    for mode in ("penalized", "constrained")
    for v in (SLIDER_MIN, -1.2, math.log10(0.6), -0.05, SLIDER_MAX)
]


@pytest.fixture(scope="module")
def scenes() -> dict[str, dict]:
    return {name: build_scene(state) for name, state in STATES.items()}


@pytest.mark.parametrize("name", list(STATES))
def test_model_l1_minimiser_is_the_planes_l1_touch_coordinate_in_both_modes(scenes, name):
    scene = scenes[name]
    for view in VIEWS:
        touch = touches_for_view(scene, view)["l1"]
        for k, source in enumerate(("w1", "w2")):
            model = kink_model(scene, view, source)
            assert model["lam"] == touch.lam  # constrained mode: the lasso's λ for t
            assert model["x1"] == pytest.approx(touch.w[k], abs=1e-9 * (1 + np.max(np.abs(scene["ols"]))))
            if touch.w[k] == 0 and abs(model["f"]["slope"]) < touch.lam * (1 - 1e-9):
                assert model["x1"] == 0.0


def test_model_sees_the_view_keep_its_value_on_new_data(scenes):
    scene = scenes["x-x3 11"]
    view = {**initial_view(), "value": 0.123}
    assert kink_model(scene, view, "parabola")["lam"] == pytest.approx(0.123, rel=1e-12)


def test_figure_has_every_trace_with_its_uid_and_the_right_geometry(scenes):
    model = kink_model(scenes["default"], initial_view(), "parabola")
    fig = kink_figure(model)
    traces = {t["uid"]: t for t in fig["data"]}
    assert [t["uid"] for t in fig["data"]] == list(KINK_TRACE_UIDS)
    f, lam = parabola(DEFAULT_A, DEFAULT_C), model["lam"]
    # the minimiser markers sit on their curves at the soft-threshold / closed-form x
    l1_min, l2_min = traces["kink-l1-min"], traces["kink-l2-min"]
    assert l1_min["x"] == [l1_minimiser(f, lam)]
    assert l1_min["y"][0] == pytest.approx(float(f(l1_min["x"][0])) + lam * abs(l1_min["x"][0]))
    assert l2_min["x"] == [pytest.approx(DEFAULT_C * 2 * DEFAULT_A / (2 * DEFAULT_A + 2 * lam))]
    # the curves are f + λ|x| and f + λx², sampled through 0
    x = np.array(traces["kink-l1-curve"]["x"])
    assert 0.0 in x
    assert np.allclose(traces["kink-l1-curve"]["y"], DEFAULT_A * (x - DEFAULT_C) ** 2 + lam * np.abs(x))
    assert np.allclose(traces["kink-l2-curve"]["y"], DEFAULT_A * (x - DEFAULT_C) ** 2 + lam * x**2)
    # the tangent segments at 0: slopes d0 − λ left of 0, d0 + λ right of it, and d0
    sx, sy = traces["kink-slopes"]["x"], traces["kink-slopes"]["y"]
    d0 = -2 * DEFAULT_A * DEFAULT_C
    f0 = DEFAULT_A * DEFAULT_C**2
    assert sx[2] is None and sy[2] is None  # two lines, each through (0, f(0))
    for (a, b), slope in (((0, 1), d0 - lam), ((3, 4), d0 + lam)):
        assert sx[a] == -sx[b] < 0 and (sy[a] + sy[b]) / 2 == pytest.approx(f0)
        assert (sy[b] - sy[a]) / (sx[b] - sx[a]) == pytest.approx(slope)
    dx, dy = traces["kink-d0"]["x"], traces["kink-d0"]["y"]
    assert (dy[2] - dy[0]) / (dx[2] - dx[0]) == pytest.approx(d0)
    # both minima and the point (0, f(0)) are inside the axes
    (x0, x1), (y0, y1) = fig["layout"]["xaxis"]["range"], fig["layout"]["yaxis"]["range"]
    for px, py in [(l1_min["x"][0], l1_min["y"][0]), (l2_min["x"][0], l2_min["y"][0]), (0.0, f0)]:
        assert x0 < px < x1 and y0 < py < y1


def test_plane_window_is_the_x_axis_for_a_weight(scenes):
    scene = scenes["default"]
    data = kink_data(kink_model(scene, initial_view(), "w2"))
    assert data["xrange"] == scene["view"]["y"]


def _parabola_model(scenes, lam_target: float) -> dict:
    """The parabola's model at λ = lam_target (penalized mode, the slider set for it)."""
    scene = scenes["default"]
    view = {**initial_view(), "slider": math.log10(lam_target / scene["lambda_max"])}
    model = kink_model(scene, view, "parabola")
    assert model["lam"] == pytest.approx(lam_target, rel=1e-12)
    return model


def test_text_explains_each_case_with_the_live_numbers(scenes):
    moved, zeroed = _parabola_model(scenes, 0.5), _parabola_model(scenes, 2.0)
    moved_text, zeroed_text = kink_text(moved), kink_text(zeroed)
    assert "d₀ = f′(0) = −2ac = -1.5" in moved_text and "λ = 0.5" in moved_text
    assert "0 is not the minimum because d₀ + λ = -1 < 0" in moved_text
    assert "x = −(d₀ + λ)/f″ = 0.5" in moved_text  # (1.5 − 0.5) / f″ = 1 / 2
    assert "0 is the minimum because d₀ − λ = -3.5 < 0 < d₀ + λ = 0.5" in zeroed_text
    assert "L2: the slope at 0 stays d₀ = -1.5 ≠ 0" in zeroed_text  # L2 never zero here
    # at the threshold the sentence says ≤, and x is still exactly 0
    edge = dict(zeroed, lam=1.5, x1=l1_minimiser(parabola(1.0, 0.75), 1.5))
    assert edge["x1"] == 0.0 and "≤ d₀ + λ = 0" in kink_text(edge)
    # the other side, and d0 = 0 for L2
    left = dict(moved, f={"curvature": 2.0, "slope": 3.0, "value": 0.0}, x1=-1.25)
    assert "0 is not the minimum because d₀ − λ = 2.5 > 0" in kink_text(left)
    flat = dict(moved, f={"curvature": 2.0, "slope": 0.0, "value": 0.0}, x1=0.0, x2=0.0)
    assert "L2: the slope at 0 is d₀ = 0, so x = 0 is the minimum" in kink_text(flat)
    assert "约束模式" in kink_text(dict(moved, mode="constrained"), lang="zh")


def test_every_template_the_script_fills_is_in_both_languages():
    for lang in LANGS:
        strings = strings_for(lang)
        assert {"f_weight", "f_parabola", "constrained", "l1_zero", "l1_right", "l1_left", "l2_zero", "l2_nonzero",
                "bad_a", "bad_c"} <= set(strings)  # fmt: skip
        assert all(strings[key] == text(f"kink_panel.{key}", lang) for key in strings)


def _components(node) -> list:
    if not hasattr(node, "_type"):
        return []
    children = getattr(node, "children", None)
    return [node] + [c for child in (children if isinstance(children, (list, tuple)) else [children]) for c in _components(child)]


def test_layout_is_one_closed_details_with_few_components_and_a_drawn_figure():
    page = page_for_query({})
    (details,) = kink_panel.layout(page)
    assert isinstance(details, html.Details) and details.open is False
    found = _components(details)
    assert len(found) <= 11
    graph = next(c for c in found if isinstance(c, dcc.Graph))
    assert [t["uid"] for t in graph.figure["data"]] == list(KINK_TRACE_UIDS)
    # the default page's lasso sets w₂ to exactly 0: the panel opens on that weight, at x = 0.0
    radio = next(c for c in found if isinstance(c, dcc.RadioItems))
    assert radio.value == "w2"
    l1_min = graph.figure["data"][KINK_TRACE_UIDS.index("kink-l1-min")]
    assert l1_min["x"] == [0.0]
    assert "0 is the minimum because" in next(c for c in found if getattr(c, "id", None) == kink_panel.KINK_TEXT).children
