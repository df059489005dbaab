"""The readout's sentences are true: each claim is checked against the solvers, never against
the code that writes it (ridge crossings by a root-finder, lasso zero intervals by bisection,
the scikit-learn equivalents by scikit-learn)."""

import html
import math
import re

import numpy as np
import pytest
from scipy.optimize import brentq

from components import readout, stores
from components.lambda_control import SLIDER_MAX
from components.problem import GENERATOR_DEFAULTS, default_state, loss_for_state, resample
from geometry import penalized_optimum
from geometry.basis import design_matrix
from geometry.constrained import constrained_optimum
from tests.test_figures import NUMBER, _explanation, _readout_rows, assert_four_digits

VIEW = {"slider": math.log10(0.6), "mode": "penalized", "shown": ["l1", "l2"], "l1_ratio": 0.5}
SUB = "₁₂"


def _points(basis="correlated", **params) -> dict:
    state = dict(default_state(), basis=basis)
    return resample(state, dict(GENERATOR_DEFAULTS, **params))


def _shape(center, ratio, angle) -> dict:
    return dict(default_state(), source="shape", shape={"center": center, "ratio": ratio, "angle": angle})


STATES = {
    "default": default_state(),
    "rho=-0.95": _points(rho=-0.95),
    "x-x2": _points("x-x2", true_w=[0.2, 1.1]),
    "sin-cos": _points("sin-cos", true_w=[-0.8, 0.6], seed=3),
    "shape": _shape([1.5, 0.6], 0.45, 30.0),
    "shape on an axis": _shape([1.5, 0.0], 0.5, 0.0),  # ellipse axes parallel to w's, OLS w2 = 0
}
SLIDERS = (-3.0, -2.0, -1.3, -0.7, -0.3, math.log10(0.6), -0.05, 0.2, SLIDER_MAX)


@pytest.fixture(scope="module")
def scenes() -> dict:
    return {name: stores.build_scene(state) for name, state in STATES.items()}


def sentence(scene: dict, **view) -> str:
    return _explanation(readout.update_readout(dict(VIEW, **view), scene))


def lam_of(scene: dict, slider: float) -> float:
    return float(scene["lambda_max"]) * 10.0**slider


# ---------------------------------------------------------------------------- independent facts
def ridge_crossings(loss) -> dict[int, float]:
    """λ > 0 where a ridge weight changes sign, found by scanning and brentq on the solver."""
    lam_max = float(np.max(np.abs(loss.gradient(np.zeros(2)))))
    grid = np.geomspace(1e-7, 1e7, 800) * lam_max
    paths = np.array([penalized_optimum(loss, "l2", lam) for lam in grid])
    found = {}
    for j in range(2):
        flips = np.flatnonzero(np.sign(paths[:-1, j]) * np.sign(paths[1:, j]) < 0)
        for k in flips:
            found[j] = brentq(
                lambda lam: penalized_optimum(loss, "l2", lam)[j], grid[k], grid[k + 1], xtol=1e-14, rtol=1e-13
            )
    return found


def lasso_zero_start(loss, j: int, lam: float) -> float:
    """The smallest λ' with w_j = 0 on all of [λ', lam] (bisection on the solver)."""
    assert penalized_optimum(loss, "l1", lam)[j] == 0.0
    low = lam
    while penalized_optimum(loss, "l1", low)[j] == 0.0:
        low /= 2
        if low < 1e-12 * lam:
            return 0.0
    high = lam
    for _ in range(80):
        mid = 0.5 * (low + high)
        low, high = (mid, high) if penalized_optimum(loss, "l1", mid)[j] != 0.0 else (low, mid)
    return high


def numbers(text: str) -> list[str]:
    """Every number in a sentence (not the digits of J0, L1, w₁ or λ‖w‖₂²)."""
    return re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]\d+)?", text)


def matches(text: str, value: float) -> bool:
    shown = float(text)
    return shown == value if value == 0 or shown == 0 else shown == pytest.approx(value, rel=5.01e-4)


# ---------------------------------------------------------------------------- ridge (the case)
def test_the_ridge_path_of_w2_crosses_zero_at_rho_minus_095_and_the_sentence_says_where(scenes):
    scene, loss = scenes["rho=-0.95"], loss_for_state(STATES["rho=-0.95"])
    assert loss.ols_point[1] != 0.0  # the old sentence's "0 only if it is 0 at the OLS point" is false here
    crossings = ridge_crossings(loss)
    assert set(crossings) == {1}
    root = crossings[1]
    w_root = penalized_optimum(loss, "l2", root)
    assert abs(w_root[1]) < 1e-12 * abs(w_root[0])  # the ridge touch point lies on the w1 axis
    for slider in (*SLIDERS, math.log10(root / float(scene["lambda_max"]))):
        text = sentence(scene, slider=slider, shown=["l2"])
        assert "OLS point too" not in text and "never on a whole interval of λ" in text
        found = re.search(rf"here w₂ at λ = {NUMBER}\)", text)
        assert found, text
        assert_four_digits(found.group(1), root)
        assert "w₁ at λ" not in text
        w = penalized_optimum(loss, "l2", lam_of(scene, slider))
        pair = re.search(rf"to \({NUMBER}, {NUMBER}\), neither to exactly 0", text)
        assert pair, text
        assert np.all(w != 0.0)
        for shown, value in zip(pair.groups(), w):
            assert_four_digits(shown, value)


@pytest.mark.parametrize("name", ["default", "x-x2", "sin-cos", "shape"])
def test_ridge_says_no_crossing_only_when_no_path_crosses(scenes, name):
    loss = loss_for_state(STATES[name])
    crossings = ridge_crossings(loss)
    text = sentence(scenes[name], shown=["l2"])
    if crossings:
        for j, root in crossings.items():
            found = re.search(rf"w{SUB[j]} at λ = {NUMBER}", text)
            assert found, text
            assert_four_digits(found.group(1), root)
    else:
        assert "here neither does for λ > 0" in text


def test_a_ridge_weight_that_is_zero_for_every_lambda_is_named(scenes):
    scene, loss = scenes["shape on an axis"], loss_for_state(STATES["shape on an axis"])
    assert loss.ols_point[1] == 0.0
    assert all(penalized_optimum(loss, "l2", lam)[1] == 0.0 for lam in np.geomspace(1e-3, 1e3, 30))
    text = sentence(scene, shown=["l2"])
    assert "w₂ is 0 for every λ" in text and "never on a whole interval" not in text


# ---------------------------------------------------------------------------- lasso
@pytest.mark.parametrize("name", list(STATES))
def test_the_lasso_zero_interval_is_where_the_solver_keeps_the_weight_at_zero(scenes, name):
    scene, loss = scenes[name], loss_for_state(STATES[name])
    seen = 0
    for slider in np.linspace(-3.0, -0.01, 25):
        lam = lam_of(scene, slider)
        w = penalized_optimum(loss, "l1", lam)
        text = sentence(scene, slider=slider, shown=["l1"])
        if np.sum(w == 0.0) != 1:
            assert "stays exactly 0" not in text and "is exactly 0" not in text
            continue
        seen += 1
        j = int(np.flatnonzero(w == 0.0)[0])
        found = re.search(rf"w{SUB[j]} stays exactly 0 for every λ (?:≥ {NUMBER}|from {NUMBER} to {NUMBER})\.", text)
        assert found, text
        assert found.group(1) is not None, text  # in 2-D a zero weight stays 0 up to λ_max
        start = lasso_zero_start(loss, j, lam)
        if start == 0.0:
            assert found.group(1) == "0"
        else:
            assert_four_digits(found.group(1), start)
            assert penalized_optimum(loss, "l1", start * (1 - 1e-3))[j] != 0.0
        for between in np.geomspace(max(start, 1e-9) * (1 + 1e-3), 3 * float(scene["lambda_max"]), 12):
            assert penalized_optimum(loss, "l1", between)[j] == 0.0
    if name == "default":
        assert seen > 0


def test_lambda_at_or_above_lambda_max_says_both_zero(scenes):
    scene, loss = scenes["default"], loss_for_state(STATES["default"])
    lam_max = float(np.max(np.abs(loss.gradient(np.zeros(2)))))  # ‖Xcᵀyc‖∞ / n
    for slider in (0.0, 0.2, SLIDER_MAX):
        text = sentence(scene, slider=slider)
        found = re.search(rf"Both weights are exactly 0: λ = {NUMBER} ≥ λ_max = {NUMBER}", text)
        assert found, text
        assert_four_digits(found.group(1), lam_of(scene, slider))
        assert_four_digits(found.group(2), lam_max)
        assert np.all(penalized_optimum(loss, "l1", lam_of(scene, slider)) == 0.0)
        assert "Ridge (L2), by contrast" in text  # ridge is not 0 there
        assert np.all(penalized_optimum(loss, "l2", lam_of(scene, slider)) != 0.0)


# ---------------------------------------------------------------------------- elastic net
@pytest.mark.parametrize("r", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("name", ["default", "rho=-0.95", "shape"])
def test_elastic_net_wording_fits_the_mix(scenes, name, r):
    scene, loss = scenes[name], loss_for_state(STATES[name])
    for slider in SLIDERS:
        text = sentence(scene, slider=slider, shown=["en"], l1_ratio=r)
        assert "rounded" not in text
        lam = lam_of(scene, slider)
        w = penalized_optimum(loss, "elasticnet", lam, l1_ratio=r)
        if r == 0.0:
            assert text.startswith("With r = 0 the elastic net is ridge and its region is the circle")
            assert "corner" not in text
            assert ("neither weight exactly 0" in text) == bool(np.all(w != 0.0))
            continue
        if r == 1.0:
            assert text.startswith("With r = 1 the elastic net is the lasso and its region is the diamond.")
        else:
            assert text.startswith("The elastic-net region (r = 0.5) has the diamond's corners with curved sides")
        zeros = np.flatnonzero(w == 0.0)
        if len(zeros) == 2:
            found = re.search(rf"Both its weights are exactly 0: r·λ = {NUMBER} ≥ λ_max = {NUMBER}", text)
            assert found, text
            assert_four_digits(found.group(1), r * lam)
            assert r * lam >= float(scene["lambda_max"])
        elif len(zeros) == 1:
            j = int(zeros[0])
            found = re.search(rf"w{SUB[j]} is exactly 0: \|∂J0/∂w{SUB[j]}\| = {NUMBER} ≤ r·λ = {NUMBER}", text)
            assert found, text
            slope = abs(loss.gradient(w)[j])
            if slope == 0.0:
                assert found.group(1) == "0"
            else:
                assert_four_digits(found.group(1), slope)
            assert_four_digits(found.group(2), r * lam)
            assert slope <= r * lam
        else:
            assert "Both weights are non-zero" in text


# ---------------------------------------------------------------------------- modes and choices
def test_constrained_mode_t_zero_and_t_beyond_the_ols_point(scenes):
    scene, loss = scenes["default"], loss_for_state(STATES["default"])
    shown = ["l1", "l2", "en"]
    text = sentence(scene, mode="constrained", slider=-math.inf, shown=shown)
    assert text == "With t = 0 every region is a single point, the origin: both weights are exactly 0."
    for region in ("l1", "l2", "elasticnet"):
        assert np.all(constrained_optimum(loss, region, 0.0) == 0.0)
    # t = 3 ‖w_ols‖₁: every region holds the OLS point, so λ = 0 and the weights are the OLS weights
    text = sentence(scene, mode="constrained", slider=SLIDER_MAX, shown=["l1", "l2"])
    assert "λ = 0 here: the diamond reaches the OLS point" in text
    pair = re.search(rf"the circle reaches the OLS point \({NUMBER}, {NUMBER}\)", text)
    assert pair, text
    for shown_value, value in zip(pair.groups(), loss.ols_point):
        assert_four_digits(shown_value, value)


@pytest.mark.parametrize("mode", ["penalized", "constrained"])
@pytest.mark.parametrize("name", list(STATES))
def test_l1_and_l2_are_contrasted_and_each_choice_reads_right(scenes, name, mode):
    scene = scenes[name]
    both = sentence(scene, mode=mode, shown=["l1", "l2"])
    assert "diamond" in both and ("Ridge (L2), by contrast" in both or "By contrast, for ridge (L2)" in both)
    assert both.index("diamond") < both.index("by contrast" if "by contrast" in both else "By contrast")
    only_l1 = sentence(scene, mode=mode, shown=["l1"])
    assert "ridge" not in only_l1.lower()
    only_l2 = sentence(scene, mode=mode, shown=["l2"])
    assert "by contrast" not in only_l2.lower() and ("Ridge (L2)" in only_l2 or "For ridge (L2)" in only_l2)
    assert (
        sentence(scene, mode=mode, shown=[])
        == "Tick L1, L2, elastic net or the p-norm ball above the plot to see a region touch the contours."
    )


def test_every_number_in_the_sentences_is_a_solver_value(scenes):
    """Penalized mode, every state, slider and choice: each number is one of the solvers' facts."""
    for name, scene in scenes.items():
        loss = loss_for_state(STATES[name])
        crossings = list(ridge_crossings(loss).values())
        lam_max = float(np.max(np.abs(loss.gradient(np.zeros(2)))))
        for slider in SLIDERS:
            lam = lam_of(scene, slider)
            for r in (0.0, 0.5, 1.0):
                facts = [0.0, lam, r, r * lam, lam_max, *crossings]
                for region in ("l1", "l2", "elasticnet"):
                    w = penalized_optimum(loss, region, lam, l1_ratio=r)
                    facts += [*w, *np.abs(loss.gradient(w))]
                    if region == "l1" and np.sum(w == 0.0) == 1:
                        facts.append(lasso_zero_start(loss, int(np.flatnonzero(w == 0.0)[0]), lam))
                text = sentence(scene, slider=slider, shown=["l1", "l2", "en"], l1_ratio=r)
                for number in numbers(text):
                    assert any(matches(number, fact) for fact in facts), (name, slider, r, number, text)


# ---------------------------------------------------------------------------- table and glossary
def test_column_heads_say_what_they_mean_and_the_table_agrees(scenes):
    scene, loss = scenes["default"], loss_for_state(STATES["default"])
    body = readout.update_readout(dict(VIEW, shown=["l1", "l2", "en"], l1_ratio=0.3), scene)
    heads = re.findall(r"<th([^>]*)>([^<]*)</th>", body.split("</thead>")[0])
    assert [h for _, h in heads][1:] == ["w₁", "w₂", "exact zeros", "J0", "penalty P(w)", "t (region size)", "λ"]
    titles = {h: html.unescape(re.search(r'title="([^"]*)"', attrs).group(1)) for attrs, h in heads[1:]}
    assert "exactly 0.0" in titles["exact zeros"]
    assert "radius t = ‖w‖₂" in titles["t (region size)"] and "‖w‖₂²" in titles["penalty P(w)"]
    rows = _readout_rows(body)
    lam = lam_of(scene, VIEW["slider"])

    def en_penalty(w):
        return 0.3 * np.abs(w).sum() + 0.7 * w @ w

    for key, region, size, penalty in (
        ("l1", "l1", lambda w: np.abs(w).sum(), lambda w: np.abs(w).sum()),
        ("l2", "l2", np.linalg.norm, lambda w: w @ w),
        ("en", "elasticnet", lambda w: max(np.roots([0.7, 0.3, -en_penalty(w)]).real), en_penalty),
    ):
        w = penalized_optimum(loss, region, lam, l1_ratio=0.3)
        assert_four_digits(rows[key][5], penalty(w))
        assert_four_digits(rows[key][6], size(w))


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("default", "φ₁, φ₂ are two features with correlation ρ"),
        ("x-x2", "φ₁ = x, φ₂ = x²"),
        ("sin-cos", "φ₁ = sin πx, φ₂ = cos πx"),
        ("shape", "the weights of feature 1 and feature 2. In loss-shape mode there is no data"),
    ],
)
def test_glossary_names_the_features_and_every_symbol(scenes, name, says):
    body = html.unescape(readout.update_readout(VIEW, scenes[name]))
    glossary = re.search(r'<details class="readout-glossary" id="readout-glossary">(.*?)</details>', body).group(1)
    assert says in glossary
    for symbol in ("J0(w) = 1/(2n)‖y − Xw − b‖²", "λ_max", "P(w)", "t:", "exact zeros", "∂J0/∂wᵢ", "Lasso(alpha=λ)"):
        assert symbol in glossary
    assert "\n" not in body  # a blank line would end Markdown's HTML block


def test_the_scikit_learn_equivalents_in_the_glossary_hold():
    sklearn = pytest.importorskip("sklearn.linear_model")
    body = html.unescape(readout.update_readout(VIEW, stores.build_scene(STATES["default"])))
    assert (
        "Lasso(alpha=λ), L2 is Ridge(alpha=2nλ), the elastic net is ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r))" in body
    )
    state = STATES["default"]
    x, y = np.asarray(state["points"]["x"]), np.asarray(state["points"]["y"])
    X = design_matrix(state["basis"], x, rho=state["rho"])
    n, loss = len(y), loss_for_state(state)
    lam, r = 0.2, 0.3
    models = {
        "l1": sklearn.Lasso(alpha=lam, tol=1e-12, max_iter=100000),
        "l2": sklearn.Ridge(alpha=2 * n * lam),
        "elasticnet": sklearn.ElasticNet(alpha=(2 - r) * lam, l1_ratio=r / (2 - r), tol=1e-12, max_iter=100000),
    }
    for region, model in models.items():
        np.testing.assert_allclose(model.fit(X, y).coef_, penalized_optimum(loss, region, lam, l1_ratio=r), atol=1e-7)
