"""The three-weight panel's model: the loss, its exact touch points on the slider's grid, the table.

Pure (no Dash, no figure). The groups are the articles' {w1, w2} and {w3} (:data:`GROUPS`); the
group penalty is ``λ (||(w1, w2)||₂ + |w3|)``, whose ball is a double cone (a disc's edge in the
w1–w2 plane joined to the two points ±s on the w3 axis).

**Which three-weight model.** The lab's own problem has two weights (synthetic points, or a
loss shape with no data at all), so it has no third weight to show: then the panel draws a
fixed synthetic loss (:data:`HESSIAN`, :data:`OLS`; :func:`group_table`). When the lab's data
are a real data set (``source == "dataset"``, :mod:`components.dataset_panel`), the panel draws
that data set's three-feature least-squares model ``J0(w) = 1/(2n) ||y − Xw − b||²`` (intercept
fitted, not penalized, the lab's convention) on the plane's two features plus a third one: the
remaining feature most correlated with the residual of the plane's two-feature fit
(:func:`geometry.group.residual_feature`, the feature forward selection would add next;
:func:`dataset_model`, :func:`dataset_group_table`).

λ is ``10^s · λ_max``, s the position of the lab's λ slider, in both of the lab's modes; λ_max
is the synthetic loss's own, or for a data set the plane's two-feature model's, so that in
penalized mode λ is the plane's λ. The touch points are exact: L1 from the lasso homotopy, L2
from the ridge solve, group from :func:`geometry.group.group_lasso_optimum` (KKT-checked), at
every position of the slider's grid (:func:`slider_grid`). The tables are pure functions of
immutable inputs, cached per process.

:func:`model_key` names the model a scene's panel draws, :func:`table_for_scene` builds its
table; :mod:`components.group_figure` reads and draws a table, :mod:`components.group_panel`
serves it.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from geometry import QuadraticLoss, lambda_max, penalized_optimum
from geometry.datasets import dataset_names, load_dataset
from geometry.group import group_lasso_optimum, group_norm, residual_feature

from .i18n import normalize_lang
from .lambda_control import SLIDER_MAX, SLIDER_MIN, SLIDER_STEP

__all__ = [
    "GROUP_REGIONS",
    "GROUPS",
    "HESSIAN",
    "OLS",
    "group_loss",
    "group_threshold",
    "slider_grid",
    "touch_3d",
    "group_table",
    "dataset_model",
    "dataset_group_table",
    "model_key",
    "table_for_scene",
]

#: the regions the chooser offers
GROUP_REGIONS: tuple[str, ...] = ("l1", "l2", "group")
#: the articles' groups: {w1, w2} and {w3}
GROUPS: tuple[int, ...] = (0, 0, 1)
#: the fixed synthetic loss, drawn when the lab's problem has two weights (synthetic data, loss
#: shape): J0(w) = ½ (w − w_OLS)ᵀ H (w − w_OLS) + const. w3 matters most, the lasso drops w2
#: first (at ≈ 0.28 λ_max), then w1 (≈ 0.55 λ_max); the group {w1, w2} drops as one at ≈ 0.72 λ_max
HESSIAN: tuple[tuple[float, ...], ...] = ((1.0, 0.45, 0.25), (0.45, 1.0, 0.1), (0.25, 0.1, 1.0))
OLS: tuple[float, ...] = (0.55, 0.3, 1.4)
#: mesh resolutions: latitude × longitude rings of the sphere and ellipsoid, points of the cone's rim
SPHERE_RINGS, SPHERE_SEGMENTS, CONE_SEGMENTS = 14, 28, 48


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
