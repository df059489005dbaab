"""Three weights, rotatable: the loss ellipsoid touching the L1 octahedron, the L2 sphere and the
group-norm double cone (issue 14).

A collapsed ``<details>`` in the side panel (six components) with one plotly 3-D graph
(``group-plot``, drag to rotate). The groups are the articles' {w1, w2} and {w3}; the group
penalty is ``λ (||(w1, w2)||₂ + |w3|)``, whose ball is a double cone (a disc's edge in the w1–w2
plane joined to the two points ±s on the w3 axis).

**Which three-weight model.** The lab's own problem has two weights (synthetic points, or a
loss shape with no data at all), so it has no third weight to show: then the panel draws a
fixed synthetic loss (:data:`HESSIAN`, :data:`OLS`) and says so. When the lab's data are a real
data set (``source == "dataset"``, :mod:`components.dataset_panel`), the panel draws that data
set's three-feature least-squares model ``J0(w) = 1/(2n) ||y − Xw − b||²`` (intercept fitted,
not penalized, the lab's convention) on the plane's two features plus a third one: the
remaining feature most correlated with the residual of the plane's two-feature fit
(:func:`geometry.group.residual_feature`, the feature forward selection would add next). The
figure's title and axis titles name the model and its features.

λ is ``10^s · λ_max``, s the position of the lab's λ slider (``current-view``), in both of the
lab's modes; λ_max is the synthetic loss's own, or for a data set the plane's two-feature
model's, so that in penalized mode λ is the plane's λ. Each region is drawn at the size of its
penalized optimum's penalty, so it passes through the touch point, as in the plane. The touch
points are exact: L1 from the lasso homotopy, L2 from the ridge solve, group from
:func:`geometry.group.group_lasso_optimum` (KKT-checked), at every position of the slider's grid.

- :func:`update_table` (server) answers each opening of the panel with the table of the lab's
  current model (:func:`table_for_scene`: touch points and sizes on the slider's grid, the unit
  meshes and the loss's ellipsoid axes) and the figure. The tables are pure functions of
  immutable inputs, cached per process: :func:`group_table` (synthetic) and
  :func:`dataset_group_table` per (data set, features);
- ``group_panel.gate`` (clientside) re-asks the server while the panel is open and its table is
  not the model of the lab's data any more (:func:`model_key`: the source, data set and
  features changed); closed, it does nothing, and the next opening asks anyway;
- ``group_panel.follow`` (clientside, ``assets/group_panel.js``) draws the chosen region, its
  touch point and the ellipsoid through it for the view's slider position (interpolated between
  grid positions for a typed λ) and writes the sentence, on each λ step while open.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from geometry import QuadraticLoss, lambda_max, penalized_optimum
from geometry.datasets import dataset_names, load_dataset
from geometry.group import group_lasso_optimum, group_norm, residual_feature

from .i18n import normalize_lang, text
from .lambda_control import SLIDER_MAX, SLIDER_MIN, SLIDER_STEP
from .plot_style import GRAPH_CONFIG, OLS_COLOR, REGION_STYLE, blank_figure
from .stores import CURRENT_VIEW, SCENE_STORE

__all__ = [
    "GROUP_DETAILS",
    "GROUP_REGION",
    "GROUP_PLOT",
    "GROUP_TEXT",
    "GROUP_TABLE",
    "GROUP_REGIONS",
    "GROUPS",
    "HESSIAN",
    "OLS",
    "GROUP_TRACE_UIDS",
    "GROUP_TRACE_INDEX",
    "STRINGS",
    "group_loss",
    "group_threshold",
    "slider_grid",
    "touch_3d",
    "group_table",
    "dataset_model",
    "dataset_group_table",
    "model_key",
    "table_for_scene",
    "model_title",
    "model_label",
    "group_figure",
    "group_text",
    "update_table",
    "layout",
    "register_callbacks",
]

GROUP_DETAILS = "group-details"
GROUP_REGION = "group-region"
GROUP_PLOT = "group-plot"
GROUP_TEXT = "group-text"
#: the panel's data (:func:`table_for_scene`), written on each opening and when the lab's model changes
GROUP_TABLE = "group-table"

#: the regions the chooser offers
GROUP_REGIONS: tuple[str, ...] = ("l1", "l2", "group")
#: the articles' groups: {w1, w2} and {w3}
GROUPS: tuple[int, ...] = (0, 0, 1)
#: the fixed synthetic loss, drawn when the lab's problem has two weights (synthetic data, loss
#: shape): J0(w) = ½ (w − w_OLS)ᵀ H (w − w_OLS) + const. w3 matters most, the lasso drops w2
#: first (at ≈ 0.28 λ_max), then w1 (≈ 0.55 λ_max); the group {w1, w2} drops as one at ≈ 0.72 λ_max
HESSIAN: tuple[tuple[float, ...], ...] = ((1.0, 0.45, 0.25), (0.45, 1.0, 0.1), (0.25, 0.1, 1.0))
OLS: tuple[float, ...] = (0.55, 0.3, 1.4)
#: the figure's traces in drawing order
GROUP_TRACE_UIDS: tuple[str, ...] = ("group-region-mesh", "group-ellipsoid", "group-ols", "group-touch", "group-axes")
GROUP_TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(GROUP_TRACE_UIDS)}
#: mesh resolutions: latitude × longitude rings of the sphere and ellipsoid, points of the cone's rim
SPHERE_RINGS, SPHERE_SEGMENTS, CONE_SEGMENTS = 14, 28, 48
GROUP_COLOR = "#2f9e44"

STRINGS: dict[str, dict[str, str]] = {
    "group_panel.summary": {
        "en": "Three weights, rotatable: octahedron, sphere and the group-norm cone",
        "zh": "三个权重（可旋转）：八面体、球与组范数双锥",
    },
    "group_panel.intro": {
        "en": (
            "Three weights, in groups {w₁, w₂} and {w₃}. With the lab's synthetic data or a loss shape (two weights "
            "only) this is a fixed synthetic three-weight loss, not your data. With a real data set it is that data "
            "set's least-squares model on the plane's two features plus a third: the remaining feature most "
            "correlated with the residual of the plane's two-feature fit. The title says which model is drawn. "
            "λ = 10^s·λ_max, s the λ slider's position (for a data set λ_max is the plane's, so in penalized mode "
            "λ is the plane's λ). Each region passes through its exact touch point; drag to rotate."
        ),
        "zh": "三个权重，分组 {w₁, w₂} 与 {w₃}。使用实验室的合成数据或损失形状（只有两个权重）时，这里是一个固定的"
        "合成三权重损失，不是你的数据。使用真实数据集时，它是该数据集在平面的两个特征再加第三个特征上的最小二乘模型："
        "第三个特征是其余特征中与平面两特征拟合残差相关性最大的那个。标题说明画的是哪个模型。"
        "λ = 10^s·λ_max，s 为 λ 滑块的位置（数据集时 λ_max 取平面模型的，因此惩罚形式下 λ 就是平面的 λ）。"
        "每个区域都经过其精确切点；拖动可旋转。",
    },
    "group_panel.title_synthetic": {
        "en": "A fixed synthetic three-weight loss:<br>the lab's data have two weights",
        "zh": "固定的合成三权重损失：<br>实验室的数据只有两个权重",
    },
    "group_panel.title_dataset": {
        "en": "{dataset}: least squares on {f1}, {f2} and {f3};<br>{f3}: the feature most correlated with their fit's residual",
        "zh": "{dataset}：在 {f1}、{f2} 与 {f3} 上的最小二乘；<br>{f3}：与前两者拟合残差最相关的特征",
    },
    "group_panel.model_synthetic": {"en": "Synthetic loss", "zh": "合成损失"},
    "group_panel.model_dataset": {"en": "{dataset}, w = weights of ({f1}, {f2}, {f3})", "zh": "{dataset}，w 为 ({f1}, {f2}, {f3}) 的权重"},
    "group_panel.dataset_diabetes": {"en": "Diabetes", "zh": "糖尿病"},
    "group_panel.failed": {
        "en": "The three-weight model cannot be drawn: {reason}",
        "zh": "无法绘制三权重模型：{reason}",
    },
    "group_panel.region_l1": {"en": "L1 octahedron", "zh": "L1 八面体"},
    "group_panel.region_l2": {"en": "L2 sphere", "zh": "L2 球"},
    "group_panel.region_group": {"en": "group norm (double cone)", "zh": "组范数（双锥）"},
    "group_panel.ols": {"en": "OLS", "zh": "OLS"},
    "group_panel.touch": {"en": "touch point", "zh": "切点"},
    "group_panel.ellipsoid": {"en": "J0 level surface", "zh": "J0 等值面"},
    "group_panel.sentence": {
        "en": "{model}. λ = {lam}: w = ({w1}, {w2}, {w3}). {why}",
        "zh": "{model}。λ = {lam}：w = ({w1}, {w2}, {w3})。{why}",
    },
    "group_panel.why_group_zero": {
        "en": "The group (w₁, w₂) is exactly 0 as a whole: λ ≥ λ_group = {thr}, where ‖∇_(w₁,w₂) J0‖ ≤ λ at w₁ = w₂ = 0 (the cone's tip).",
        "zh": "组 (w₁, w₂) 整体恰好为 0：λ ≥ λ_group = {thr}，此时在 w₁ = w₂ = 0 处 ‖∇_(w₁,w₂) J0‖ ≤ λ（双锥的尖端）。",
    },
    "group_panel.why_group_on": {
        "en": "The group (w₁, w₂) is non-zero (both together) below λ_group = {thr}; above it both are exactly 0.",
        "zh": "在 λ_group = {thr} 以下组 (w₁, w₂) 非零（两者一起）；在其之上两者都恰好为 0。",
    },
    "group_panel.why_l1": {
        "en": "L1 sets weights to 0 one at a time, at the octahedron's edges and corners: {zeros} exactly 0 here.",
        "zh": "L1 一次把一个权重置 0，发生在八面体的棱和顶点：此处 {zeros} 恰好为 0。",
    },
    "group_panel.none": {"en": "none", "zh": "没有权重"},
    "group_panel.why_l2": {
        "en": "The sphere has no corners: L2 shrinks every weight, none is exactly 0.",
        "zh": "球没有尖角：L2 收缩每个权重，没有一个恰好为 0。",
    },
}


# ---------------------------------------------------------------------------- the model
def group_loss() -> QuadraticLoss:
    """The panel's fixed loss ``J0(w) = ½ wᵀHw − gᵀw`` with g = H w_OLS."""
    H = np.array(HESSIAN)
    return QuadraticLoss(H, H @ np.array(OLS))


def group_threshold(loss: QuadraticLoss) -> float:
    """The smallest λ at which the group optimum has w1 = w2 = 0, for groups {w1, w2}, {w3}.

    With w1 = w2 = 0 the optimum's w3 is the 1-D soft threshold ``w3(λ) = (|g3| − λ)₊ sign(g3) / H33``,
    and the group is 0 exactly when ``φ(λ) = ||g_A − H_A3 w3(λ)|| − λ <= 0`` (A = {1, 2}).
    When ``||H_A3|| < H33``, φ decreases (its slope is at most ``||H_A3|| / H33 − 1``), so
    bisection on ``[0, max(||g_A||, |g3|)]`` (where φ <= 0) finds its root to rounding.

    Raises
    ------
    ValueError
        A loss that is not 3-D with ``||H_A3|| < H33``.
    """
    H, g = loss.hessian, loss.linear
    if loss.dim != 3 or not float(np.linalg.norm(H[:2, 2])) < float(H[2, 2]):
        raise ValueError("group_threshold needs a 3-D loss with ||H[:2, 2]|| < H[2, 2]")
    g3, h33 = float(g[2]), float(H[2, 2])

    def phi(lam: float) -> float:
        w3 = math.copysign(max(abs(g3) - lam, 0.0), g3) / h33
        return float(np.linalg.norm(g[:2] - H[:2, 2] * w3)) - lam

    lo, hi = 0.0, max(float(np.linalg.norm(g[:2])), abs(g3))
    if phi(lo) <= 0:
        return 0.0
    for _ in range(200):  # never reaches the cap: 1100 halvings would reach the smallest float
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if phi(mid) > 0:
            lo = mid
        else:
            hi = mid
    return hi


def slider_grid() -> np.ndarray:
    """The λ slider's positions: SLIDER_MIN, SLIDER_MIN + SLIDER_STEP, ..., SLIDER_MAX (the last one exact)."""
    count = int(math.floor((SLIDER_MAX - SLIDER_MIN) / SLIDER_STEP + 1e-9)) + 1
    grid = np.round(SLIDER_MIN + SLIDER_STEP * np.arange(count), 10)
    return grid if grid[-1] >= SLIDER_MAX - 1e-12 else np.append(grid, SLIDER_MAX)


def touch_3d(loss: QuadraticLoss, region: str, lam: float) -> np.ndarray:
    """The exact penalized optimum of a region at λ: lasso (l1), ridge (l2) or group lasso."""
    if region == "group":
        return group_lasso_optimum(loss, lam, list(GROUPS))
    if region in ("l1", "l2"):
        return penalized_optimum(loss, region, lam)
    raise ValueError(f"region must be one of {', '.join(GROUP_REGIONS)}, got {region!r}")


def _size(region: str, w: np.ndarray) -> float:
    if region == "l1":
        return float(np.abs(w).sum())
    if region == "l2":
        return float(np.linalg.norm(w))
    return group_norm(w, list(GROUPS))


def _sphere_mesh(rings: int, segments: int) -> dict:
    """A unit sphere: vertices on latitude rings plus the two poles, and its triangles."""
    xs, ys, zs = [0.0], [0.0], [1.0]
    for r in range(1, rings):
        theta = math.pi * r / rings
        for s in range(segments):
            phi = 2 * math.pi * s / segments
            xs.append(math.sin(theta) * math.cos(phi))
            ys.append(math.sin(theta) * math.sin(phi))
            zs.append(math.cos(theta))
    xs.append(0.0), ys.append(0.0), zs.append(-1.0)
    south = len(xs) - 1
    i, j, k = [], [], []

    def v(r, s):
        return 1 + (r - 1) * segments + s % segments

    for s in range(segments):
        i.append(0), j.append(v(1, s)), k.append(v(1, s + 1))
        i.append(south), j.append(v(rings - 1, s + 1)), k.append(v(rings - 1, s))
    for r in range(1, rings - 1):
        for s in range(segments):
            i += [v(r, s), v(r, s + 1)]
            j += [v(r + 1, s), v(r + 1, s)]
            k += [v(r, s + 1), v(r + 1, s + 1)]
    return {"x": xs, "y": ys, "z": zs, "i": i, "j": j, "k": k}


def _octahedron_mesh() -> dict:
    xs = [1.0, -1.0, 0.0, 0.0, 0.0, 0.0]
    ys = [0.0, 0.0, 1.0, -1.0, 0.0, 0.0]
    zs = [0.0, 0.0, 0.0, 0.0, 1.0, -1.0]
    faces = [(a, b, c) for a in (0, 1) for b in (2, 3) for c in (4, 5)]
    return {"x": xs, "y": ys, "z": zs, "i": [f[0] for f in faces], "j": [f[1] for f in faces], "k": [f[2] for f in faces]}


def _double_cone_mesh(segments: int) -> dict:
    """The unit group-norm ball ``||(w1, w2)|| + |w3| <= 1``: a rim in the w1–w2 plane and two tips."""
    xs = [math.cos(2 * math.pi * s / segments) for s in range(segments)] + [0.0, 0.0]
    ys = [math.sin(2 * math.pi * s / segments) for s in range(segments)] + [0.0, 0.0]
    zs = [0.0] * segments + [1.0, -1.0]
    top, bottom = segments, segments + 1
    i, j, k = [], [], []
    for s in range(segments):
        n = (s + 1) % segments
        i += [top, bottom]
        j += [s, n]
        k += [n, s]
    return {"x": xs, "y": ys, "z": zs, "i": i, "j": j, "k": k}


def _short(value: float) -> float:
    """12 significant digits: far below what the figure and the sentence show, half the JSON."""
    return float(f"{float(value):.12g}")


def _loss_table(loss: QuadraticLoss, reference: float) -> dict:
    """The table of a 3-D loss with λ = 10^s·``reference`` at the slider's positions s (see :func:`group_table`).

    Raises
    ------
    ValueError
        A loss that is not 3-D with a positive definite Hessian and ``||H[:2, 2]|| < H[2, 2]``,
        or a reference λ that is not a finite number > 0.
    """
    if not (math.isfinite(reference) and reference > 0):
        raise ValueError(f"the reference λ must be a finite number > 0, got {reference!r}")
    if loss.dim != 3 or not float(loss.eigenvalues[0]) > 0:
        raise ValueError("the three-weight loss must be 3-D with a positive definite Hessian (no two features alike)")
    threshold = group_threshold(loss)
    grid = slider_grid()
    touch = {}
    for region in GROUP_REGIONS:
        ws = [touch_3d(loss, region, reference * 10.0**s) for s in grid]
        touch[region] = {
            "w": [[_short(v) for v in w] for w in ws],  # zeros stay exactly 0
            "size": [_short(_size(region, w)) for w in ws],
            "excess": [_short(max(float(loss(w) - loss.min_value), 0.0)) for w in ws],
        }
    sphere = _sphere_mesh(SPHERE_RINGS, SPHERE_SEGMENTS)
    # ½ dᵀ H d = 1: d = V diag(sqrt(2 / e)) u for unit u
    e, V = loss.eigenvalues, loss.eigenvectors
    u = np.array([sphere["x"], sphere["y"], sphere["z"]])
    d = V @ (np.sqrt(2.0 / e)[:, None] * u)
    ellipsoid = {**sphere, "x": d[0].tolist(), "y": d[1].tolist(), "z": d[2].tolist()}
    return {
        "grid": grid.tolist(),
        "lambda_max": float(reference),
        "threshold": threshold,
        "ols": [float(v) for v in loss.ols_point],
        "min_value": float(loss.min_value),
        "touch": touch,
        "meshes": {"l1": _octahedron_mesh(), "l2": sphere, "group": _double_cone_mesh(CONE_SEGMENTS)},
        "ellipsoid": ellipsoid,
    }


@functools.cache
def group_table() -> dict:
    """The table of the fixed synthetic loss (:func:`group_loss`), plain JSON values, computed once.

    Returns
    -------
    dict
        ``grid`` (the slider's positions s), ``lambda_max`` (the reference: λ = 10^s·lambda_max;
        here the loss's own λ_max), ``threshold`` (:func:`group_threshold`), ``ols``,
        ``min_value``; ``touch`` {region: {"w": (k, 3), "size": (k,), "excess": (k,)}} with the
        exact optimum at λ = 10^s·λ_max, its region's size (‖w‖₁, ‖w‖₂ or the group norm) and
        ``J0(w) − min J0``; ``meshes`` {region: unit mesh {x, y, z, i, j, k}} (the region of
        size 1); ``ellipsoid``: the unit mesh of ``{d: ½ dᵀHd = 1}`` (the level surface through
        w is ``w_OLS + sqrt(excess) · d``); ``dataset`` None and ``features`` None (the model is
        synthetic).
    """
    loss = group_loss()
    return {**_loss_table(loss, lambda_max(loss)), "dataset": None, "features": None, "columns": None}


def _check_dataset_features(name, features) -> tuple[str, tuple[int, int]]:
    if not isinstance(name, str) or name not in dataset_names():
        raise ValueError(f"name must be one of {', '.join(dataset_names())}, got {name!r}")
    count = len(load_dataset(name)[2])
    ok = (
        isinstance(features, (list, tuple))
        and len(features) == 2
        and all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) and 0 <= k < count for k in features)
        and features[0] != features[1]
    )
    if not ok:
        raise ValueError(f"features must be two distinct column indices in [0, {count}), got {features!r}")
    return name, (int(features[0]), int(features[1]))


def dataset_model(name: str, features) -> tuple[QuadraticLoss, list[int], float]:
    """A data set's three-weight model: the plane's two features and the one a fit on them misses most.

    Parameters
    ----------
    name : str
        A shipped data set (:func:`geometry.datasets.dataset_names`).
    features : sequence of 2 distinct whole numbers
        The plane's two columns, in the plane's order (w1, w2).

    Returns
    -------
    loss : QuadraticLoss
        ``J0(w) = 1/(2n) ||y − Xw − b||²`` over the three columns, intercept b fitted and not
        penalized (:meth:`geometry.QuadraticLoss.from_data`).
    columns : list of 3 int
        The two features, then :func:`geometry.group.residual_feature` of them.
    reference : float
        λ_max of the plane's two-feature model (the λ slider's reference in penalized mode).

    Raises
    ------
    ValueError
        An unknown data set, or features that are not two distinct column indices.
    """
    name, pair = _check_dataset_features(name, features)
    X, y, _ = load_dataset(name)
    third = residual_feature(X, y, list(pair))
    columns = [*pair, third]
    return QuadraticLoss.from_data(X[:, columns], y), columns, lambda_max(QuadraticLoss.from_data(X[:, list(pair)], y))


@functools.lru_cache(maxsize=16)
def _dataset_table(name: str, pair: tuple[int, int]) -> dict:
    loss, columns, reference = dataset_model(name, pair)
    names = load_dataset(name)[2]
    return {**_loss_table(loss, reference), "dataset": name, "features": [names[k] for k in columns], "columns": columns}


def dataset_group_table(name: str, features) -> dict:
    """The table (as :func:`group_table`) of a data set's three-weight model (:func:`dataset_model`),
    cached per (data set, features); ``dataset`` is the data set's name, ``features`` the three
    features' names and ``columns`` their indices.

    Raises
    ------
    ValueError
        As :func:`dataset_model`.
    """
    return _dataset_table(*_check_dataset_features(name, features))


def model_key(scene: dict | None) -> str:
    """Which model a scene's panel draws, with the scene's language: ``"synthetic|en"`` or, for a
    data set, ``"dataset:diabetes:2,8|en"`` (``assets/group_panel.js`` modelKey computes the same)."""
    scene = scene or {}
    lang = normalize_lang(scene.get("lang"))
    spec = scene.get("dataset") if isinstance(scene.get("dataset"), dict) else {}
    if scene.get("source") == "dataset":
        features = ",".join(str(k) for k in spec.get("features") or [])
        return f"dataset:{spec.get('name')}:{features}|{lang}"
    return f"synthetic|{lang}"


def table_for_scene(scene: dict | None) -> dict:
    """The table of the model a scene's panel draws: :func:`dataset_group_table` of the scene's
    data set and features in dataset mode, :func:`group_table` otherwise.

    Raises
    ------
    ValueError
        A dataset-mode scene whose data set or features are not valid.
    """
    scene = scene or {}
    if scene.get("source") == "dataset":
        spec = scene.get("dataset") if isinstance(scene.get("dataset"), dict) else {}
        return dataset_group_table(spec.get("name"), spec.get("features"))
    return group_table()


def _model_text(table: dict, lang: str, kind: str) -> str:
    if not table.get("dataset"):
        return text(f"group_panel.{kind}_synthetic", lang)
    f1, f2, f3 = table["features"]
    dataset = text(f"group_panel.dataset_{table['dataset']}", lang)
    return text(f"group_panel.{kind}_dataset", lang, dataset=dataset, f1=f1, f2=f2, f3=f3)


def model_title(table: dict, lang: str = "en") -> str:
    """The figure's title: which model the table holds (the fixed synthetic loss, or the data
    set's three features and how the third was chosen)."""
    return _model_text(table, lang, "title")


def model_label(table: dict, lang: str = "en") -> str:
    """The sentence's first words: the synthetic loss, or the data set and its three features."""
    return _model_text(table, lang, "model")


def _at(table: dict, region: str, slider: float) -> dict:
    """The table's entry for a slider position: exact at grid positions, linear in s between them."""
    grid = table["grid"]
    s = min(max(float(slider), grid[0]), grid[-1])
    k = min(int(np.searchsorted(grid, s, side="right")) - 1, len(grid) - 2)
    k = max(k, 0)
    frac = (s - grid[k]) / (grid[k + 1] - grid[k])
    if abs(frac) < 1e-9:
        frac = 0.0
    elif abs(frac - 1) < 1e-9:
        k, frac = k + 1, 0.0
    rows = table["touch"][region]

    def mix(key):
        a = np.asarray(rows[key][k], dtype=float)
        if frac == 0.0:
            return a
        return a + frac * (np.asarray(rows[key][k + 1], dtype=float) - a)

    return {"w": mix("w"), "size": float(mix("size")), "excess": float(mix("excess")), "lam": table["lambda_max"] * 10.0**s}


def group_figure(table: dict, region: str, slider: float, *, lang: str = "en") -> dict:
    """The 3-D figure (plain plotly dict) for a region and a slider position; traces in
    :data:`GROUP_TRACE_UIDS` order, each with its uid. The title names the model
    (:func:`model_title`); for a data set each axis title names its weight's feature."""
    lang = normalize_lang(lang)
    at = _at(table, region, slider)
    mesh, size = table["meshes"][region], at["size"]
    ols = table["ols"]
    root = math.sqrt(at["excess"])
    ell = table["ellipsoid"]
    color = GROUP_COLOR if region == "group" else REGION_STYLE[region]["color"]
    reach = 1.25 * max(abs(v) for v in ols)
    axis = {"range": [-reach, reach], "zeroline": True, "showspikes": False, "backgroundcolor": "#fafafa"}
    names = table.get("features") or ("", "", "")
    titles = [f"w{sub} · {name}" if name else f"w{sub}" for sub, name in zip("₁₂₃", names)]
    return {
        "data": [
            {
                "uid": "group-region-mesh", "type": "mesh3d", "name": text(f"group_panel.region_{region}", lang),
                "x": [size * v for v in mesh["x"]], "y": [size * v for v in mesh["y"]], "z": [size * v for v in mesh["z"]],
                "i": mesh["i"], "j": mesh["j"], "k": mesh["k"], "color": color, "opacity": 0.55,
                "flatshading": True, "hoverinfo": "skip", "showlegend": True,
            },
            {
                "uid": "group-ellipsoid", "type": "mesh3d", "name": text("group_panel.ellipsoid", lang),
                "x": [ols[0] + root * v for v in ell["x"]], "y": [ols[1] + root * v for v in ell["y"]],
                "z": [ols[2] + root * v for v in ell["z"]], "i": ell["i"], "j": ell["j"], "k": ell["k"],
                "color": "#f08c00", "opacity": 0.25, "hoverinfo": "skip", "showlegend": True,
            },
            {
                "uid": "group-ols", "type": "scatter3d", "mode": "markers", "name": text("group_panel.ols", lang),
                "x": [ols[0]], "y": [ols[1]], "z": [ols[2]], "marker": {"size": 4, "color": OLS_COLOR},
            },
            {
                "uid": "group-touch", "type": "scatter3d", "mode": "markers", "name": text("group_panel.touch", lang),
                "x": [float(at["w"][0])], "y": [float(at["w"][1])], "z": [float(at["w"][2])],
                "marker": {"size": 6, "color": color, "line": {"color": "white", "width": 1}},
                "hovertemplate": "w = (%{x:.4g}, %{y:.4g}, %{z:.4g})<extra></extra>",
            },
            {
                "uid": "group-axes", "type": "scatter3d", "mode": "lines", "showlegend": False, "hoverinfo": "skip",
                "x": [-reach, reach, None, 0, 0, None, 0, 0], "y": [0, 0, None, -reach, reach, None, 0, 0],
                "z": [0, 0, None, 0, 0, None, -reach, reach], "line": {"color": "#495057", "width": 2},
            },
        ],
        "layout": {
            "height": 380,
            "margin": {"l": 0, "r": 0, "t": 56, "b": 0},
            "title": {"text": model_title(table, lang), "font": {"size": 12}, "x": 0.01, "xanchor": "left", "y": 0.965,
                      "yanchor": "top"},
            "showlegend": True,
            "legend": {"orientation": "h", "x": 0, "y": 1.0, "font": {"size": 11}},
            "uirevision": "group",  # keeps the user's rotation when λ moves
            "scene": {
                "xaxis": {**axis, "title": {"text": titles[0]}},
                "yaxis": {**axis, "title": {"text": titles[1]}},
                "zaxis": {**axis, "title": {"text": titles[2]}},
                "aspectmode": "cube",
                "camera": {"eye": {"x": 1.5, "y": 1.3, "z": 0.9}},
            },
        },
    }  # fmt: skip


def group_text(table: dict, region: str, slider: float, *, lang: str = "en", fmt=None) -> str:
    """The sentence under the figure: the model (:func:`model_label`), λ, the touch point, and why
    weights are (not) exactly 0."""
    from .formatting import format_number

    fmt = fmt or format_number
    lang = normalize_lang(lang)
    at = _at(table, region, slider)
    w = at["w"]
    if region == "group":
        key = "group_panel.why_group_zero" if w[0] == 0.0 and w[1] == 0.0 else "group_panel.why_group_on"
        why = text(key, lang, thr=fmt(table["threshold"]))
    elif region == "l1":
        zeros = [f"w{'₁₂₃'[i]}" for i in range(3) if w[i] == 0.0]
        why = text("group_panel.why_l1", lang, zeros=", ".join(zeros) if zeros else text("group_panel.none", lang))
    else:
        why = text("group_panel.why_l2", lang)
    return text("group_panel.sentence", lang, model=model_label(table, lang), lam=fmt(at["lam"]), w1=fmt(w[0]), w2=fmt(w[1]),
                w3=fmt(w[2]), why=why)


# ---------------------------------------------------------------------------- the panel
def update_table(open_: bool, region: str | None, view: dict | None, scene: dict | None):
    """Server callback body: on each opening of the panel (``open_`` true: the user's, or the
    gate's when the lab's model changed while open), the table of the scene's model
    (:func:`table_for_scene` plus ``key`` (:func:`model_key`), ``model`` (:func:`model_label`)
    and the regions' names, colours and the sentence's strings in the page's language) and the
    figure for the chosen region at the view's slider position (the sentence follows from the
    script, which the table's arrival triggers). A scene whose model cannot be built gets a table
    with only its ``key`` and a figure that says why, never an error."""
    if not open_:
        raise PreventUpdate
    lang = normalize_lang((scene or {}).get("lang"))
    region = region if region in GROUP_REGIONS else "group"
    slider = float((view or {}).get("slider", 0.0))
    key = model_key(scene)
    try:
        out = dict(table_for_scene(scene))
    except ValueError as exc:
        return {"key": key}, blank_figure(380, text("group_panel.failed", lang, reason=str(exc)))
    out["key"] = key
    out["model"] = model_label(out, lang)
    out["styles"] = {
        r: {"name": text(f"group_panel.region_{r}", lang), "color": GROUP_COLOR if r == "group" else REGION_STYLE[r]["color"]}
        for r in GROUP_REGIONS
    }
    out["strings"] = {key.removeprefix("group_panel."): text(key, lang) for key in STRINGS if "why" in key or "sentence" in key or "none" in key}
    return out, group_figure(out, region, slider, lang=lang)


def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`); the figure is
    drawn when it first opens."""
    lang = normalize_lang(getattr(page, "lang", None))
    options = [{"label": text(f"group_panel.region_{r}", lang), "value": r} for r in GROUP_REGIONS]
    return [
        html.Details(
            id=GROUP_DETAILS,
            className="group-panel secondary",
            open=False,
            children=[
                html.Summary(text("group_panel.summary", lang)),
                text("group_panel.intro", lang),
                dcc.RadioItems(id=GROUP_REGION, options=options, value="group", inline=True, className="group-region"),
                # the graph without a role="img" box of its own (a component less on each λ step):
                # the sentence below says what it shows, in words
                dcc.Graph(
                    id=GROUP_PLOT,
                    figure={"data": [], "layout": {"height": 380}},
                    config={key: value for key, value in GRAPH_CONFIG.items() if key != "edits"},
                    className="group-plot",
                ),
                html.P(id=GROUP_TEXT, className="group-text", **{"aria-live": "polite"}, children=""),
                dcc.Store(id=GROUP_TABLE, data=None),
            ],
        )
    ]


def register_callbacks(app: Dash) -> None:
    """The table on each opening (server); the gate re-opens for a new model (clientside); the
    figure and sentence follow λ and the chooser (clientside)."""
    app.callback(
        Output(GROUP_TABLE, "data"),
        Output(GROUP_PLOT, "figure"),
        Input(GROUP_DETAILS, "open"),
        State(GROUP_REGION, "value"),
        State(CURRENT_VIEW, "data"),
        State(SCENE_STORE, "data"),
        prevent_initial_call=True,
    )(update_table)
    app.clientside_callback(
        ClientsideFunction(namespace="group_panel", function_name="follow"),
        Output(GROUP_TEXT, "children"),
        Output(GROUP_PLOT, "figure", allow_duplicate=True),
        Input(CURRENT_VIEW, "data"),
        Input(GROUP_REGION, "value"),
        Input(GROUP_DETAILS, "open"),
        Input(GROUP_TABLE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="group_panel", function_name="gate"),
        Output(GROUP_DETAILS, "open"),
        Input(SCENE_STORE, "data"),
        State(GROUP_DETAILS, "open"),
        State(GROUP_TABLE, "data"),
        prevent_initial_call=True,
    )
