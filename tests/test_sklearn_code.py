"""The generated scikit-learn code runs and prints the lab's touch points.

Each case EXECUTES the code :func:`authoring.sklearn_code.sklearn_code` writes (scikit-learn is
a test dependency) and compares the fitted ``coef_`` with the touch points the lab draws
(:func:`components.plane_traces.touches_for_view`, exact path / closed forms): scikit-learn's
coordinate descent and Ridge solver are an independent computation of the same optima.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import warnings

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from authoring.sklearn_code import shape_dataset, sklearn_code
from components.plane_traces import touches_for_view
from components.problem import GENERATOR_DEFAULTS, default_state, resample
from components.sklearn_panel import layout as sklearn_layout
from components.sklearn_panel import update_code
from components.stores import build_scene, for_store
from components.view import initial_view

pytest.importorskip("sklearn")

MODEL_OF = {"l1": "lasso", "l2": "ridge", "en": "enet"}
REGION_OF = {"l1": "l1", "l2": "l2", "en": "elasticnet"}


def _state(basis: str = "correlated", *, seed: int = 7, n: int = 20, rho: float = 0.6) -> dict:
    state = {**default_state(), "basis": basis, "rho": rho}
    return resample(state, {**GENERATOR_DEFAULTS, "n": n, "seed": seed, "rho": rho})


def _shape_state(center=(1.5, 0.6), ratio=0.45, angle=30.0) -> dict:
    return {**default_state(), "source": "shape", "shape": {"center": list(center), "ratio": ratio, "angle": angle}}


def _view(slider: float, *, mode: str = "penalized", shown=("l1", "l2", "en"), r: float = 0.5) -> dict:
    return {**initial_view(), "slider": slider, "mode": mode, "shown": list(shown), "l1_ratio": r}


def _run(code: str) -> tuple[dict, str]:
    """Execute generated code; its namespace and what it printed. A ConvergenceWarning fails."""
    namespace: dict = {}
    out = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<sklearn_code>", "exec"), namespace)  # noqa: S102 - the code under test
    return namespace, out.getvalue()


def _model(namespace: dict, key: str):
    """The fitted estimator of region ``key`` (``<key>_model`` when λ = 0)."""
    return namespace.get(f"{key}_model", namespace.get(MODEL_OF[key]))


def _check(state: dict, view: dict, *, atol: float = 1e-6) -> tuple[dict, str, dict]:
    scene = for_store(build_scene(state))
    code = sklearn_code(state, view, scene)
    namespace, printed = _run(code)
    touches = touches_for_view(scene, view)
    for key in view["shown"]:
        model = _model(namespace, key)
        np.testing.assert_allclose(model.coef_, touches[REGION_OF[key]].w, atol=atol, rtol=0, err_msg=key)
    # one printed line per shown region, with the weights
    assert len(re.findall(r": w = \[", printed)) == len(view["shown"])
    return namespace, printed, touches


SLIDERS = [-2.5, -1.0, math.log10(0.6), 0.3]


@pytest.mark.parametrize("slider", SLIDERS)
@pytest.mark.parametrize("basis", ["correlated", "x-x2", "x-x3", "sin-cos"])
def test_points_mode_prints_the_touch_points(basis, slider):
    _check(_state(basis), _view(slider))


def test_points_mode_inlines_x_and_y_exactly():
    state = _state("x-x2", n=37, seed=3)
    code = sklearn_code(state, _view(-1.0), for_store(build_scene(state)))
    namespace, _ = _run(code)
    x = np.asarray(state["points"]["x"])
    np.testing.assert_array_equal(namespace["X"], np.c_[x, x**2])  # the basis, independently
    np.testing.assert_array_equal(namespace["y"], state["points"]["y"])
    assert namespace["n"] == 37


@pytest.mark.parametrize("n", [3, 200])
def test_smallest_and_largest_data_sets(n):
    _check(_state("correlated", n=n, seed=11), _view(-1.5))


@pytest.mark.parametrize(
    "shape", [((1.5, 0.6), 0.45, 30.0), ((-0.8, 2.0), 1.0, 0.0), ((0.3, -1.1), 0.1, 75.0), ((2.0, 2.0), 0.7, -40.0)]
)
@pytest.mark.parametrize("slider", [-2.0, -0.5, 0.1])
def test_shape_mode_prints_the_touch_points(shape, slider):
    center, ratio, angle = shape
    namespace, _, _ = _check(_shape_state(center, ratio, angle), _view(slider))
    # the made-up data have the shape's loss: 0 at the centre, 1/2 on the ellipse with the
    # shape's semi-axes (1, ratio) turned by its angle
    X, y = namespace["X"], namespace["y"]

    def j0(w):
        return float(np.sum((y - X @ np.asarray(w)) ** 2) / (2 * len(y)))

    assert j0(center) == pytest.approx(0.0, abs=1e-12)
    turn = math.radians(angle)
    for theta in np.linspace(0, 2 * math.pi, 7):
        u, v = math.cos(theta), ratio * math.sin(theta)
        w = np.add(center, [u * math.cos(turn) - v * math.sin(turn), u * math.sin(turn) + v * math.cos(turn)])
        assert j0(w) == pytest.approx(0.5, rel=1e-10)


def test_shape_dataset_moments():
    H = np.array([[2.0, 0.7], [0.7, 0.5]])
    g = np.array([0.3, -1.2])
    X, y = shape_dataset(H, g)
    n = len(y)
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-15)
    assert abs(y.mean()) < 1e-15
    np.testing.assert_allclose(X.T @ X / n, H, atol=1e-12)
    np.testing.assert_allclose(X.T @ y / n, g, atol=1e-12)
    # y in the span of X: the least-squares residual is 0
    w = np.linalg.solve(H, g)
    np.testing.assert_allclose(X @ w, y, atol=1e-12)


@pytest.mark.parametrize(
    "hessian, linear, match",
    [
        ([[1.0, 0.0, 0.0]], [0.0, 0.0], "symmetric 2 x 2"),
        ([[1.0, 0.5], [0.4, 1.0]], [0.0, 0.0], "symmetric 2 x 2"),
        ([[1.0, 0.0], [0.0, np.nan]], [0.0, 0.0], "symmetric 2 x 2"),
        ([[1.0, 0.0], [0.0, 1.0]], [0.0, np.inf], "linear must be two finite"),
        ([[1.0, 0.0], [0.0, 1.0]], [0.0], "linear must be two finite"),
        ([[1.0, 1.0], [1.0, 1.0]], [0.0, 0.0], "positive definite"),
    ],
)
def test_shape_dataset_rejects_bad_input(hessian, linear, match):
    with pytest.raises(ValueError, match=match):
        shape_dataset(hessian, linear)


@pytest.mark.parametrize("slider", [-2.5, -1.2, -0.4, 0.0, 0.4])
@pytest.mark.parametrize("source", ["points", "shape"])
def test_constrained_mode_uses_each_regions_equivalent_lambda(source, slider):
    state = _state("x-x2") if source == "points" else _shape_state()
    view = _view(slider, mode="constrained")
    namespace, _, touches = _check(state, view)
    for key in view["shown"]:
        lam = touches[REGION_OF[key]].lam
        if lam > 0:
            assert namespace[f"lam_{key}"] == lam  # written exactly
        else:  # t beyond the OLS point: the plain least-squares fit
            assert f"{key}_model" in namespace and type(namespace[f"{key}_model"]).__name__ == "LinearRegression"


def test_constrained_mode_says_so_and_names_t():
    state = _state()
    scene = for_store(build_scene(state))
    view = _view(-1.0, mode="constrained")
    code = sklearn_code(state, view, scene)
    t = touches_for_view(scene, view)["l1"].t
    assert f"t = {t!r}" in code and "Constrained mode" in code


@pytest.mark.parametrize("r", [0.0, 0.05, 0.3, 0.5, 0.9, 1.0])
@pytest.mark.parametrize("mode", ["penalized", "constrained"])
def test_elastic_net_at_every_mix(r, mode):
    _check(_state("sin-cos"), _view(-1.3, mode=mode, shown=("en",), r=r))


def test_elastic_net_mapping_as_the_glossary_states():
    state = _state()
    code = sklearn_code(state, _view(-1.0, shown=("l1", "l2", "en"), r=0.3), for_store(build_scene(state)))
    assert "Lasso(alpha=lam," in code
    assert "Ridge(alpha=2 * n * lam)" in code
    assert "ElasticNet(alpha=(2 - r) * lam, l1_ratio=r / (2 - r)," in code


def test_duplicated_feature_lasso_matches_up_to_the_edge():
    """Two equal columns: every w with the same w1 + w2 is a lasso optimum; ridge and the
    elastic net are unique."""
    state = _state("duplicated")
    scene = for_store(build_scene(state))
    view = _view(-1.0, shown=("l1", "l2", "en"))
    code = sklearn_code(state, view, scene)
    assert "whole edge" in code
    namespace, _ = _run(code)
    touches = touches_for_view(scene, view)
    assert namespace["lasso"].coef_.sum() == pytest.approx(touches["l1"].w.sum(), abs=1e-6)
    np.testing.assert_allclose(namespace["ridge"].coef_, touches["l2"].w, atol=1e-6)
    np.testing.assert_allclose(namespace["enet"].coef_, touches["elasticnet"].w, atol=1e-6)


def test_only_the_shown_regions_are_fitted():
    state = _state()
    namespace, printed, _ = _check(state, _view(-1.0, shown=("l2",)))
    assert "ridge" in namespace and "lasso" not in namespace and "enet" not in namespace
    assert printed.startswith("L2 (ridge): w =")


def test_no_region_shown():
    state = _state()
    code = sklearn_code(state, _view(-1.0, shown=()), for_store(build_scene(state)))
    namespace, printed = _run(code)
    assert printed == "" and "No region is ticked" in code and "X" in namespace


def test_a_view_that_keeps_its_value_is_taken_on_this_scene():
    """A view published for other data keeps its λ (components.view.view_for_scene)."""
    state = _state(seed=5)
    scene = for_store(build_scene(state))
    lam = 0.05
    view = {**_view(-1.0), "value": lam, "keep": "value"}
    namespace, _ = _run(sklearn_code(state, view, scene))
    assert namespace["lam"] == pytest.approx(lam, rel=1e-12)


def test_comments_in_chinese():
    state = _shape_state()
    code = sklearn_code(state, _view(-1.0), for_store(build_scene(state)), lang="zh")
    assert "损失形状模式" in code
    _run(code)


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((_state(), _view(-1.0), None), {"lang": "fr"}, "lang must be one of"),
        (({"source": "sky"}, _view(-1.0), None), {}, "source 'points', 'shape' or 'dataset'"),
        ((_state(), {**_view(-1.0), "mode": "dual"}, None), {}, "mode 'penalized' or 'constrained'"),
        ((_state(), {"mode": "penalized"}, None), {}, "slider position"),
        ((_state(), _view(-1.0), ["not", "a", "dict"]), {}, "scene must be a scene-store dict"),
        ((_state(), _view(-1.0), {"lambda_max": 1.0}), {}, "not a scene bundle"),
    ],
)
def test_bad_arguments_raise(args, kwargs, match):
    state, view, scene = args
    if scene is None:
        scene = for_store(build_scene(_state()))
    with pytest.raises(ValueError, match=match):
        sklearn_code(state, view, scene, **kwargs)


# ------------------------------------------------------------------ the panel's callback


def test_update_code_waits_for_its_inputs():
    state = _state()
    scene = for_store(build_scene(state))
    for args in ((None, scene, state), (_view(-1.0), None, state), (_view(-1.0), scene, None)):
        with pytest.raises(PreventUpdate):
            update_code(*args)


def test_update_code_writes_the_code_in_the_pages_language():
    state = {**_state(), "lang": "zh"}
    scene = for_store(build_scene(state))
    code = update_code(_view(-1.0), scene, state)
    assert "X 的两列" in code
    _run(code)


def test_update_code_says_why_instead_of_failing():
    state = _state()
    code = update_code({**_view(-1.0), "mode": "dual"}, for_store(build_scene(state)), state)
    assert code.startswith("# The code could not be written")


def test_panel_starts_closed_with_a_copy_button():
    from authoring.url_state import PageState

    page = PageState(state=_state(), generator=dict(GENERATOR_DEFAULTS), view=initial_view(), lang="zh")
    details, store = sklearn_layout(page)
    assert details.open is False and store.data is None
    summary, hint, copy, pre = details.children
    assert summary.children == "用 scikit-learn 实现" and isinstance(hint, str)
    assert pre.children == ""  # written on first opening, not with the page
    assert copy.target_id == pre.id


@pytest.mark.parametrize("features", [(2, 3), (8, 0)])
@pytest.mark.parametrize("slider", [-2.0, -0.5, 0.2])
def test_dataset_mode_loads_the_diabetes_data_and_prints_the_touch_points(features, slider):
    from sklearn.datasets import load_diabetes

    state = {**default_state(), "source": "dataset", "dataset": {"name": "diabetes", "features": list(features)}}
    namespace, _, _ = _check(state, _view(slider))
    X, y = load_diabetes(return_X_y=True)
    np.testing.assert_array_equal(namespace["X"], X[:, list(features)])  # scikit-learn's own copy
    np.testing.assert_array_equal(namespace["y"], y)
