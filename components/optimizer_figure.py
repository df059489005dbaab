"""The optimizer panel's model: update-rule paths from one start point and the KKT picture at the touch points.

Pure builders (plain JSON-ready values, no Dash) for :mod:`components.optimizer_panel`.
``assets/optimizer_model.js`` computes the same model and traces in the browser (optimizer_panel.js draws
them; this module is its reference, checked against it under Node,
``tests/test_optimizer_node.py``):

- :func:`default_settings`: the panel's settings as the page starts;
- :func:`optimizer_model`: for a scene, a view and the settings, the path of each ticked rule
  of :mod:`geometry.optimizers` (its step size, its exact target and how far it ends from it,
  sign flips, the step from which a weight is exactly 0) and the KKT picture of each shown touch
  point (:mod:`geometry.kkt`);
- :func:`optimizer_traces`: the data of the weight plane's optimizer traces
  (:data:`components.plane_traces.OPTIMIZER_UIDS`) for a model, the first k steps of each path.

Targets: plain GD → the OLS point; weight decay → the L2 touch point (ridge at the L2 touch's
λ); the three L1 rules → the L1 touch point (lasso at its λ). In constrained mode each λ is the
touch point's equivalent λ. The script's text about them is written with the templates of
:func:`components.optimizer_panel.strings_for`.
"""

from __future__ import annotations

import math

import numpy as np

from geometry.kkt import kkt_picture
from geometry.optimizers import DEFAULT_STEPS, L1_RULES, RULES, default_step, optimizer_path, sign_flips
from geometry.scene import loss_from_scene

from .plane_traces import OPTIMIZER_UIDS, touches_for_view
from .plot_style import REGION_KEYS
from .view import view_for_scene

__all__ = [
    "DEFAULT_RULES",
    "DEFAULT_FORMULA",
    "DEFAULT_START",
    "ARROW_LENGTH",
    "CONE_LENGTH",
    "HEAD",
    "path_uid",
    "default_settings",
    "optimizer_model",
    "optimizer_traces",
]

#: the rules ticked when the panel first opens
DEFAULT_RULES: tuple[str, ...] = RULES
#: the rule whose update the text spells out (:mod:`components.optimizer_panel` reads it through
#: :func:`default_settings`: imported there, an upper-case constant holding a kebab-case word
#: would be taken for a component id, components/client_config.py)
DEFAULT_FORMULA = "l1"
#: the default start, as a fraction of the plane's half-width: up and left of the origin, so
#: that the L1 paths cross the w₂ = 0 axis the lasso sets to 0 on the default data
DEFAULT_START: tuple[float, float] = (-0.35, 0.8)
#: the drawn length of −∇J0 (normalised) and of the normal cone's rays, as fractions of the
#: plane's half-width
ARROW_LENGTH = 0.3
CONE_LENGTH = 0.45
#: the arrowhead: its wings' length (fraction of the arrow) and angle from the shaft (radians)
HEAD = (0.22, 0.45)

#: the region each rule's target is the touch point of (None: the OLS point)
_TARGET = {"none": None, "l2": "l2", "l1-subgradient": "l1", "l1": "l1", "l1-clip": "l1"}


def path_uid(rule: str) -> str:
    """The uid of the weight plane's trace of a rule's path.

    Parameters
    ----------
    rule : str
        One of :data:`geometry.optimizers.RULES`.

    Returns
    -------
    str
        ``gd-path-<rule>``.
    """
    return f"gd-path-{rule}"


def default_settings() -> dict:
    """The panel's settings as the page starts (a new dict at each call).

    Returns
    -------
    dict
        ``rules`` (:data:`DEFAULT_RULES`), ``formula`` (:data:`DEFAULT_FORMULA`), ``eta``
        (None: each rule's 1/L), ``steps``, ``start`` (:data:`DEFAULT_START`, fractions of the
        plane's half-width), ``k`` (None: every step), ``paths`` (True: draw the paths, as when
        the details are open), ``kkt`` (False).
    """
    return {
        "rules": list(DEFAULT_RULES),
        "formula": DEFAULT_FORMULA,
        "eta": None,
        "steps": DEFAULT_STEPS,
        "start": list(DEFAULT_START),
        "k": None,
        "paths": True,
        "kkt": False,
    }


def _zero_from(points: np.ndarray, i: int) -> int | None:
    """The first step from which weight i is exactly 0.0 to the end, or None."""
    col = points[:, i]
    if col[-1] != 0.0:
        return None
    nonzero = np.flatnonzero(col != 0.0)
    return int(nonzero[-1] + 1) if nonzero.size else 0


def optimizer_model(scene: dict, view: dict, settings: dict) -> dict:
    """What the panel draws and says for a scene, a view and the panel's settings (JSON-ready).

    Parameters
    ----------
    scene : dict
        The ``scene-store`` dict.
    view : dict
        A view (``current-view``), taken on this scene (:func:`components.view.view_for_scene`).
    settings : dict
        :func:`default_settings`' keys.

    Returns
    -------
    dict
        ``radius`` (the plane's half-width), ``L`` (largest eigenvalue of H), ``start``,
        ``lam`` ({"l1", "l2"}: the touch points' λ), ``paths`` ({rule: {"eta", "lam", "points",
        "diverges", "stopped", "limit", "target", "distance", "flips", "zero_from", "ever_zero"}}
        for each ticked rule when ``settings["paths"]``), ``kkt`` (a list of {"region", "w",
        "lam", "descent", "case", "rays", "box"} for each shown region when ``settings["kkt"]``).
    """
    loss = loss_from_scene(scene)
    view = view_for_scene(view, scene)
    touches = touches_for_view(scene, view, loss=loss)
    radius = float(scene["view"]["x"][1])
    start = np.array([settings["start"][0] * radius, settings["start"][1] * radius])
    top = max(float(scene["eigenvalues"][-1]), 0.0)
    model: dict = {
        "radius": radius,
        "L": top,
        "start": start.tolist(),
        "lam": {"l1": float(touches["l1"].lam), "l2": float(touches["l2"].lam)},
        "paths": {},
        "kkt": [],
    }
    if settings.get("paths"):
        for rule in RULES:
            if rule not in settings["rules"]:
                continue
            lam = 0.0 if rule == "none" else model["lam"]["l1" if rule in L1_RULES else "l2"]
            if not math.isfinite(lam):
                continue
            eta = settings["eta"] if settings.get("eta") else default_step(loss, rule, lam)
            path = optimizer_path(loss, rule, start, eta=eta, lam=lam, steps=int(settings["steps"]))
            region = _TARGET[rule]
            target = loss.ols_point if region is None else touches[region].w
            pts = path.points
            model["paths"][rule] = {
                "eta": float(eta),
                "lam": lam,
                "points": pts.tolist(),
                "diverges": bool(path.diverges),
                "stopped": bool(path.stopped),
                "limit": float(2.0 / (top + 2.0 * lam if rule == "l2" else top)) if top > 0 else math.inf,
                "target": [float(v) for v in target],
                "distance": float(np.hypot(*(pts[-1] - target))),
                "flips": [int(v) for v in sign_flips(pts)],
                "zero_from": [_zero_from(pts, i) for i in range(2)],
                "ever_zero": [bool(np.any(pts[1:, i] == 0.0)) for i in range(2)],
            }
    if settings.get("kkt"):
        shown = set(view.get("shown", ()))
        r = float(view.get("l1_ratio", 0.5))
        for region, touch in touches.items():
            if REGION_KEYS[region] not in shown:
                continue
            pic = kkt_picture(loss, region, touch.w, touch.lam, l1_ratio=r)
            model["kkt"].append(
                {
                    "region": region,
                    "w": [float(v) for v in pic.w],
                    "lam": pic.lam,
                    "descent": [float(v) for v in pic.descent],
                    "case": pic.case,
                    "rays": pic.rays.tolist(),
                    "box": pic.box,
                }
            )
    return model


def _arrow(w: list, d: list, length: float) -> tuple[list, list]:
    """A shaft from w along d (scaled to ``length`` unless ``length`` is None: d as it is) and its head."""
    size = math.hypot(d[0], d[1])
    if size == 0:
        return [], []
    ux, uy = d[0] / size, d[1] / size
    span = size if length is None else length
    tx, ty = w[0] + span * ux, w[1] + span * uy
    h, a = HEAD[0] * span, HEAD[1]
    c, s = math.cos(a), math.sin(a)
    left = (tx - h * (c * ux - s * uy), ty - h * (s * ux + c * uy))
    right = (tx - h * (c * ux + s * uy), ty - h * (-s * ux + c * uy))
    return [w[0], tx, None, left[0], tx, right[0]], [w[1], ty, None, left[1], ty, right[1]]


def optimizer_traces(model: dict, k: int | None = None) -> dict[str, dict]:
    """The data of the weight plane's optimizer traces for a model.

    Parameters
    ----------
    model : dict
        As :func:`optimizer_model` returns it.
    k : int or None
        Show only the first k steps of each path (None: all of them).

    Returns
    -------
    dict
        ``{uid: {"x": list, "y": list}}`` for every uid of
        :data:`~components.plane_traces.OPTIMIZER_UIDS` (empty lists for what is not drawn).
        ``gd-path-<rule>``: the path's points. ``kkt-gradient``: −∇J0 at each touch point as
        an arrow of length ``ARROW_LENGTH · radius`` (at the origin: scaled so that the box
        ``λ r [−1, 1]²`` is ``CONE_LENGTH · radius`` wide each way, with the arrow inside it
        exactly when the KKT condition holds). ``kkt-cone``: the normal cone (rays of length
        ``CONE_LENGTH · radius``: one segment, a closed wedge, or the box). Pieces are
        separated by None.
    """
    out = {uid: {"x": [], "y": []} for uid in OPTIMIZER_UIDS}
    for rule, path in model["paths"].items():
        pts = path["points"] if k is None else path["points"][: k + 1]
        out[path_uid(rule)] = {"x": [p[0] for p in pts], "y": [p[1] for p in pts]}
    arrow_len, cone_len = ARROW_LENGTH * model["radius"], CONE_LENGTH * model["radius"]
    gx: list = []
    gy: list = []
    cx: list = []
    cy: list = []
    for pic in model["kkt"]:
        w, d = pic["w"], pic["descent"]
        if pic["case"] == "interior":
            continue
        if pic["case"] == "origin":
            if pic["box"] > 0:
                s = cone_len / pic["box"]
                ax, ay = _arrow(w, [s * d[0], s * d[1]], None)
                bx = [w[0] - cone_len, w[0] + cone_len, w[0] + cone_len, w[0] - cone_len, w[0] - cone_len]
                by = [w[1] - cone_len, w[1] - cone_len, w[1] + cone_len, w[1] + cone_len, w[1] - cone_len]
            else:
                ax, ay = _arrow(w, d, arrow_len)
                bx, by = [], []
        else:
            ax, ay = _arrow(w, d, arrow_len)
            ends = [(w[0] + cone_len * r[0], w[1] + cone_len * r[1]) for r in pic["rays"]]
            if len(ends) == 1:
                bx, by = [w[0], ends[0][0]], [w[1], ends[0][1]]
            else:
                bx = [w[0], ends[0][0], ends[1][0], w[0]]
                by = [w[1], ends[0][1], ends[1][1], w[1]]
        for xs, ys, px, py in ((gx, gy, ax, ay), (cx, cy, bx, by)):
            if px:
                if xs:
                    xs.append(None)
                    ys.append(None)
                xs.extend(px)
                ys.extend(py)
    out["kkt-gradient"] = {"x": gx, "y": gy}
    out["kkt-cone"] = {"x": cx, "y": cy}
    return out
