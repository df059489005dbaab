"""The path figure of dataset mode (:mod:`components.dataset_panel`): the regularization path of
the model on *all* the data set's features (ten for the diabetes data), the two features of the
plane highlighted, and the two-feature model's curves (the plane's problem: its touch points lie
on them at the current λ), dotted, after them: ``path-pair-l1-0``, ``path-pair-l1-1``,
``path-pair-l2-0``, … (:func:`pair_uid`).

A pure builder of a plain-dict figure on top of :func:`components.path_figure.path_figure_for_loss`
(its traces first, in its order); the numbers come from :mod:`components.path_model`.
"""

from __future__ import annotations

import numpy as np

from geometry.datasets import load_dataset
from geometry.scene import loss_from_scene
from geometry.solvers import lambda_max as loss_lambda_max

from .i18n import text
from .path_figure import curve_trace, path_figure_for_loss, path_uid, region_group_name, weight_label
from .path_model import GRID_POINTS, dataset_loss, lambda_range, now_lambda, region_curves, scene_lasso_path
from .plot_style import REGION_KEYS

__all__ = ["pair_uid", "dataset_path_figure"]


def pair_uid(region: str, k: int) -> str:
    """The uid of the two-feature model's curve of weight ``k`` (0 or 1) in dataset mode:
    ``path-pair-l1-0``, ``path-pair-l2-1``, ….

    Raises
    ------
    ValueError
        As :func:`path_uid`.
    """
    return path_uid(region, k).replace("path-", "path-pair-", 1)


def dataset_path_figure(scene: dict, view: dict, *, lang: str = "en", num: int = GRID_POINTS) -> dict:
    """The path figure of dataset mode (``scene["dataset"]``: ``{"name", "features": [i, j]}``).

    The curves of :func:`path_figure_for_loss` for the model on all the data set's features,
    features i and j bold, on a λ axis that covers both the slider's range (the two-feature
    model's) and the full model's; then, dotted, the two-feature model's weights w₁ (feature i)
    and w₂ (feature j) for each region shown (uids :func:`pair_uid`): the weight plane's
    problem, whose touch points lie on them at the current λ (penalized mode). Each dotted curve
    has a point at the ``path-now`` line's λ: there it is the plane's touch point, exactly.

    Raises
    ------
    ValueError
        For a scene without a known ``dataset``, or as :func:`path_figure_for_loss`.
    """
    spec = scene.get("dataset") or {}
    name, pair = spec.get("name"), list(spec.get("features") or [])
    _, _, names = load_dataset(name)
    if len(pair) != 2:
        raise ValueError(f"scene['dataset']['features'] must be two feature indices, got {pair!r}")
    loss = dataset_loss(name)
    plane_loss = loss_from_scene(scene)
    lo_plane, hi_plane = lambda_range(float(scene["lambda_max"]))
    lo_full, hi_full = lambda_range(loss_lambda_max(loss))
    lo, hi = min(lo_plane, lo_full), max(hi_plane, hi_full)
    shown = set(view.get("shown", ("l1", "l2")))
    r = float(view.get("l1_ratio", 0.5))
    groups = {
        region: text("dataset_panel.path_ten", lang, count=len(names), region=region_group_name(region, r, lang))
        for region in REGION_KEYS
    }
    lam_now = now_lambda(scene, view, loss=plane_loss)
    figure = path_figure_for_loss(
        loss,
        lam_now=lam_now,
        shown=shown,
        l1_ratio=r,
        feature_names=list(names),
        lang=lang,
        num=num,
        lam_range=(lo, hi),
        highlight=pair,
        group_names=groups,
    )
    plane_path = scene_lasso_path(scene)
    # the current λ is a point of each dotted curve: there it is the plane's touch point exactly
    at = min(max(float(lam_now), lo), hi)
    pairs = region_curves(plane_loss, shown, lo, hi, l1_ratio=r, path=plane_path, num=num, at=at)
    for region, (lams, ws) in pairs.items():
        visible = REGION_KEYS[region] in shown
        group = text("dataset_panel.path_pair", lang, region=region_group_name(region, r, lang))
        for k in range(2):
            label = weight_label(k) + f" = {names[pair[k]]}"
            column = ws[:, k] if visible else np.empty(0)
            trace = curve_trace(region, k, 2, label, group, lams, column, visible)
            trace["uid"] = pair_uid(region, k)
            trace["legendgroup"] = f"pair-{region}"
            trace["name"] = f"{region_group_name(region, r, lang)}: {label}"
            trace.pop("legendgrouptitle", None)
            trace["line"] = {**trace["line"], "dash": "dot", "width": 3.2}
            figure["data"].append(trace)
    # a compact legend (the plot keeps its height): the dotted curves listed, the solid ones
    # explained in the legend's title and named on hover
    for trace in figure["data"][2:]:
        if not trace["uid"].startswith("path-pair-"):
            trace["showlegend"] = False
            trace.pop("legendgrouptitle", None)
    figure["layout"]["legend"] = {
        **figure["layout"]["legend"],
        "title": {
            "text": text(
                "dataset_panel.path_legend", lang, count=len(names), first=names[pair[0]], second=names[pair[1]]
            ),
            "side": "top",
            "font": {"size": 11},
        },
    }
    figure["layout"]["meta"] = {**figure["layout"]["meta"], "dataset": name, "pair": pair}
    return figure
