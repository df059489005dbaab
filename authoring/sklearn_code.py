"""The scikit-learn code equivalent to what the lab shows: data, estimators, printed weights.

:func:`sklearn_code` writes a runnable Python script for a state, a view and a scene: the data
inlined (the design matrix X, n × 2, and y; in loss-shape mode a small exact dataset whose J0
is the shape's), one estimator per region the view shows, and ``print`` of each ``coef_``.
Its weights are the lab's touch points (:func:`components.plane_traces.touches_for_view`):

=========== =================================== ==============================================
region      the lab's penalty                   scikit-learn
=========== =================================== ==============================================
L1          λ‖w‖₁                               ``Lasso(alpha=λ)``
L2          λ‖w‖₂²                              ``Ridge(alpha=2nλ)``
elastic net λ(r‖w‖₁ + (1−r)‖w‖₂²)               ``ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r))``
=========== =================================== ==============================================

with J0(w) = 1/(2n)‖y − Xw − b‖² and the intercept b fitted (``fit_intercept=True``, the
default), as the glossary states (:mod:`components.glossary`). In constrained mode each
region's λ is the penalized λ equivalent to its touch point (``Touch.lam``).
"""

from __future__ import annotations

import math

import numpy as np

from components.i18n import LANGS, text
from components.plane_traces import touches_for_view
from components.problem import dataset_spec
from geometry.basis import BASES, design_matrix
from geometry.scene import loss_from_scene

__all__ = ["STRINGS", "TOL", "MAX_ITER", "sklearn_code", "shape_dataset"]

#: the coordinate-descent solvers' tolerance and iteration cap in the generated code: tight
#: enough that Lasso and ElasticNet agree with the lab's exact touch points to 1e-6
TOL = 1e-12
MAX_ITER = 1_000_000

STRINGS: dict[str, dict[str, str]] = {
    "sklearn_code.header": {
        "en": "# The lab's current picture in scikit-learn: the printed weights are the touch points.",
        "zh": "# 用 scikit-learn 复现实验室当前的画面：打印出的权重就是各区域的切点。",
    },
    "sklearn_code.loss": {
        "en": "# J0(w) = 1/(2n)·‖y − Xw − b‖², the intercept b fitted and never penalized (fit_intercept=True).",
        "zh": "# J0(w) = 1/(2n)·‖y − Xw − b‖²，截距 b 参与拟合但不受惩罚（fit_intercept=True）。",
    },
    "sklearn_code.columns": {
        "en": "# Columns of X: {columns}; n = {n} points.",
        "zh": "# X 的两列：{columns}；共 n = {n} 个点。",
    },
    "sklearn_code.dataset": {
        "en": "# The diabetes data (Efron et al. 2004) as scikit-learn ships it; the lab's plane uses columns {features}.",
        "zh": "# scikit-learn 自带的糖尿病数据（Efron 等，2004）；实验室的权重平面用第 {features} 列。",
    },
    "sklearn_code.shape": {
        "en": (
            "# Loss-shape mode has no data: these {n} points are made so that their J0 is the shape's loss\n"
            "# (centred X with XᵀX/n = H, Xᵀy/n = g, and y in the span of X, so the smallest J0 is 0)."
        ),
        "zh": (
            "# 损失形状模式没有数据：这 {n} 个点是构造出来的，其 J0 正是所设的损失\n"
            "# （X 已中心化，XᵀX/n = H，Xᵀy/n = g，且 y 在 X 的列空间中，因此 J0 的最小值为 0）。"
        ),
    },
    "sklearn_code.constrained": {
        "en": (
            "# Constrained mode (t = {t}): scikit-learn fits the penalized problem; each region's λ below is\n"
            "# the penalized λ whose optimum is that region's touch point at this t."
        ),
        "zh": (
            "# 约束模式（t = {t}）：scikit-learn 拟合的是惩罚形式；下面每个区域的 λ 是\n"
            "# 在该 t 下切点所对应的等价惩罚 λ。"
        ),
    },
    "sklearn_code.unconstrained": {
        "en": "# {name}: t is large enough that the constraint does not bind (λ = 0): the plain least-squares fit.",
        "zh": "# {name}：t 足够大，约束不起作用（λ = 0）：即普通最小二乘拟合。",
    },
    "sklearn_code.duplicated": {
        "en": (
            "# The two columns are the same feature: the lasso's optima form a whole edge of the diamond\n"
            "# (every w with the same w₁ + w₂); scikit-learn may print another point of it."
        ),
        "zh": "# 两列是同一个特征：lasso 的最优解是菱形的一整条边（w₁ + w₂ 相同的所有 w）；scikit-learn 可能给出其中另一点。",
    },
    "sklearn_code.none_shown": {
        "en": "# No region is ticked in the lab: tick L1, L2 or elastic net to fit one.",
        "zh": "# 实验室中没有勾选任何区域：勾选 L1、L2 或弹性网即可拟合。",
    },
}

_REGION_NAMES = {"l1": "L1 (lasso)", "l2": "L2 (ridge)", "en": "elastic net"}
_REGION_OF_KEY = {"l1": "l1", "l2": "l2", "en": "elasticnet"}


def _num(value: float) -> str:
    """A float as Python reads it back exactly (the shortest round-trip repr)."""
    return repr(float(value))


def shape_dataset(hessian, linear) -> tuple[np.ndarray, np.ndarray]:
    """Four points whose loss is ``J0(w) = 1/2 wᵀHw − gᵀw + 1/2 gᵀH⁻¹g`` (smallest value 0).

    With ``H = L Lᵀ`` (Cholesky) and ``A = √2 Lᵀ``: ``X = [A; −A]`` and ``y = [u; −u]`` with
    ``Aᵀu = 2g``. Both are centred, ``XᵀX/4 = AᵀA/2 = H``, ``Xᵀy/4 = Aᵀu/2 = g``, and y lies in
    the span of X's columns, so ``1/(2·4)‖y − Xw‖²`` is that loss.

    Parameters
    ----------
    hessian : array_like of shape (2, 2), symmetric positive definite
    linear : array_like of shape (2,)

    Returns
    -------
    X : ndarray of shape (4, 2)
    y : ndarray of shape (4,)

    Raises
    ------
    ValueError
        When H is not 2 × 2 symmetric positive definite, or g not two finite numbers.
    """
    H = np.asarray(hessian, dtype=float)
    g = np.asarray(linear, dtype=float)
    if H.shape != (2, 2) or not np.all(np.isfinite(H)) or not np.allclose(H, H.T):
        raise ValueError(f"hessian must be a symmetric 2 x 2 matrix of finite numbers, got {hessian!r}")
    if g.shape != (2,) or not np.all(np.isfinite(g)):
        raise ValueError(f"linear must be two finite numbers, got {linear!r}")
    try:
        L = np.linalg.cholesky(H)
    except np.linalg.LinAlgError:
        raise ValueError(f"hessian must be positive definite, got {hessian!r}") from None
    A = math.sqrt(2.0) * L.T
    u = np.linalg.solve(A.T, 2.0 * g)
    return np.vstack([A, -A]), np.concatenate([u, -u])


def _data_lines(X: np.ndarray, y: np.ndarray) -> list[str]:
    rows = [f"    [{_num(a)}, {_num(b)}, {_num(c)}]," for (a, b), c in zip(X, y)]
    return ["data = np.array([  # columns: feature 1, feature 2, y", *rows, "])", "X, y = data[:, :2], data[:, 2]"]


def _columns(state: dict, lang: str) -> str:
    spec = BASES[state["basis"]]
    if spec.uses_rho:
        return f"φ₁, φ₂ = {text('basis.' + state['basis'], lang)}, ρ = {_num(state['rho'])}"
    return f"φ₁ = {spec.feature_names[0]}, φ₂ = {spec.feature_names[1]}"


def _estimator(key: str, lam: float, r: float, lam_name: str) -> tuple[list[str], str]:
    """Lines fitting the region ``key`` at ``lam`` (bound to the name ``lam_name``), and the model's name."""
    cd = f"tol={TOL:g}, max_iter={MAX_ITER}"
    if lam == 0.0:
        return [f"{key}_model = LinearRegression().fit(X, y)"], f"{key}_model"
    if key == "l1":
        return [f"lasso = Lasso(alpha={lam_name}, {cd}).fit(X, y)"], "lasso"
    if key == "l2":
        return [f"ridge = Ridge(alpha=2 * n * {lam_name}).fit(X, y)"], "ridge"
    if r == 1.0:
        return [f"enet = Lasso(alpha={lam_name}, {cd}).fit(X, y)  # r = 1: the elastic net is the lasso"], "enet"
    if r == 0.0:
        return [f"enet = Ridge(alpha=2 * n * {lam_name}).fit(X, y)  # r = 0: the elastic net is ridge"], "enet"
    return [
        f"enet = ElasticNet(alpha=(2 - r) * {lam_name}, l1_ratio=r / (2 - r), {cd}).fit(X, y)",
    ], "enet"


def sklearn_code(state: dict, view: dict, scene: dict, *, lang: str = "en") -> str:
    """Runnable Python that fits the regions the view shows with scikit-learn and prints the weights.

    Parameters
    ----------
    state : dict
        The ``lab-state`` dict: ``source`` ``"points"`` (with ``points``, ``basis``, ``rho``)
        or ``"shape"``.
    view : dict
        The view (``slider``, ``mode``, ``shown``, ``l1_ratio``, optionally ``value`` and
        ``keep``), as :func:`components.plane_traces.touches_for_view` takes it.
    scene : dict
        The ``scene-store`` dict of that state (the λ scale and, in loss-shape mode, H and g).
    lang : {"en", "zh"}
        The language of the comments.

    Returns
    -------
    str
        A script that needs numpy and scikit-learn; the weights it prints (``coef_`` of
        ``lasso``, ``ridge``, ``enet``, or ``<key>_model`` for a λ of 0) are the lab's touch
        points of the shown regions.

    Raises
    ------
    ValueError
        For an unknown ``lang``, a state without a known ``source``, a view whose ``mode`` is
        neither penalized nor constrained, or a scene that is not a scene bundle.

    Examples
    --------
    >>> from components.problem import default_state
    >>> from components.stores import build_scene
    >>> from components.view import initial_view
    >>> state = default_state()
    >>> code = sklearn_code(state, initial_view(), build_scene(state))
    >>> "Lasso(alpha=lam" in code and "Ridge(alpha=2 * n * lam)" in code
    True
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    source = state.get("source", "points") if isinstance(state, dict) else None
    if source not in ("points", "shape", "dataset"):
        raise ValueError(f"state must be a lab-state dict with source 'points', 'shape' or 'dataset', got {state!r:.80}")
    mode = view.get("mode", "penalized") if isinstance(view, dict) else None
    if mode not in ("penalized", "constrained") or not isinstance(view.get("slider"), (int, float)):
        raise ValueError(f"view must have a slider position and mode 'penalized' or 'constrained', got {view!r:.80}")
    if not isinstance(scene, dict):
        raise ValueError(f"scene must be a scene-store dict, got {scene!r:.80}")
    loss = loss_from_scene(scene)  # ValueError: not a scene bundle
    touches = touches_for_view(scene, view, loss=loss)
    r = float(view.get("l1_ratio", 0.5))
    shown = [key for key in ("l1", "l2", "en") if key in (view.get("shown") or [])]

    lines = [text("sklearn_code.header", lang), text("sklearn_code.loss", lang)]
    lines += ["import numpy as np", "from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge", ""]
    if source == "dataset":
        # scikit-learn ships the same data (tests/test_datasets.py): load it rather than inline 442 rows
        name, features = dataset_spec(state)
        lines.append(text("sklearn_code.dataset", lang, features=", ".join(str(k) for k in features)))
        lines += [
            "from sklearn.datasets import load_diabetes",
            "",
            "X, y = load_diabetes(return_X_y=True)",
            f"X = X[:, [{features[0]}, {features[1]}]]",
            "n = len(y)",
            "",
        ]
    elif source == "shape":
        X, y = shape_dataset(scene["hessian"], scene["linear"])
        lines.append(text("sklearn_code.shape", lang, n=len(y)))
    else:
        X = design_matrix(state["basis"], state["points"]["x"], rho=float(state["rho"]))
        y = np.asarray(state["points"]["y"], dtype=float)
        lines.append(text("sklearn_code.columns", lang, columns=_columns(state, lang), n=len(y)))
        if state["basis"] == "duplicated" and "l1" in shown:
            lines.append(text("sklearn_code.duplicated", lang))
    if source != "dataset":
        lines += [*_data_lines(X, y), "n = len(y)", ""]
    if not shown:
        lines.append(text("sklearn_code.none_shown", lang))
        return "\n".join(lines) + "\n"

    if "en" in shown:
        lines.append(f"r = {_num(r)}  # the elastic-net mix")
    if mode == "constrained":
        t = next(iter(touches.values())).t
        lines.append(text("sklearn_code.constrained", lang, t=_num(t)))
    else:
        lines.append(f"lam = {_num(touches['l1'].lam)}  # λ")
    lines.append("np.set_printoptions(precision=8, suppress=False)")
    for key in shown:
        touch = touches[_REGION_OF_KEY[key]]
        lines.append("")
        lam_name = "lam"
        if mode == "constrained":
            lam_name = f"lam_{key}"
            if touch.lam == 0.0:
                lines.append(text("sklearn_code.unconstrained", lang, name=_REGION_NAMES[key]))
            else:
                lines.append(f"{lam_name} = {_num(touch.lam)}  # λ equivalent to t for {_REGION_NAMES[key]}")
        fit, model = _estimator(key, float(touch.lam), r, lam_name)
        lines += fit
        lines.append(f'print("{_REGION_NAMES[key]}: w =", {model}.coef_, " b =", {model}.intercept_)')
    return "\n".join(lines) + "\n"
