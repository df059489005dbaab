"""The λ settings on screen, the "view": ``{"slider", "mode", "shown", "l1_ratio", "p", "value"?, "keep"?}``.

``slider`` is the λ slider's position (:mod:`components.lambda_control`), ``mode`` is
``"penalized"`` or ``"constrained"``, ``shown`` the regions ticked (keys ``l1``, ``l2``, ``en``,
``lp``), ``l1_ratio`` the elastic-net mix r and ``p`` the p-norm ball's p. ``value`` is the λ (or t) the slider stood for when the
browser published the view, and ``keep`` what a change of the data keeps: ``"value"`` (the
default: the same λ, the slider moves) or ``"ratio"`` (the same λ/λ_max, the slider stays).
``current-view`` and ``view-store`` hold one each.
"""

from __future__ import annotations

import math

from .lambda_control import KEEP_OPTIONS, SLIDER_DEFAULT, SLIDER_MAX, SLIDER_MIN, reference_value
from .penalty_control import DEFAULT_L1_RATIO, DEFAULT_P, DEFAULT_SHOWN, P_MAX, P_MIN

__all__ = ["KEEP_OPTIONS", "initial_view", "view_with_defaults", "view_for_scene"]



def initial_view() -> dict:
    """The view a new page starts with."""
    return {
        "slider": SLIDER_DEFAULT,
        "mode": "penalized",
        "shown": list(DEFAULT_SHOWN),
        "l1_ratio": DEFAULT_L1_RATIO,
        "p": DEFAULT_P,
        "keep": "value",
    }


def view_with_defaults(view: dict | None) -> dict:
    """A view with every key present and of the right type (defaults for what is missing)."""
    view = view or {}
    slider, l1_ratio, p = view.get("slider"), view.get("l1_ratio"), view.get("p")
    return {
        "slider": float(slider if slider is not None else SLIDER_DEFAULT),
        "mode": view.get("mode") or "penalized",
        "shown": list(view["shown"] if view.get("shown") is not None else DEFAULT_SHOWN),
        "l1_ratio": float(l1_ratio if l1_ratio is not None else DEFAULT_L1_RATIO),
        "p": float(p) if isinstance(p, (int, float)) and P_MIN <= p <= P_MAX else DEFAULT_P,
        **({"value": float(view["value"])} if isinstance(view.get("value"), (int, float)) else {}),
        "keep": view.get("keep") if view.get("keep") in KEEP_OPTIONS else "value",
    }


def view_for_scene(view: dict, scene: dict) -> dict:
    """The view on a scene: the same λ (or t) when the view keeps the value, else as it is.

    A view published by the browser carries the ``value`` its slider stood for. On a new scene
    (the data changed) the same value sits elsewhere on the slider's scale; with ``keep`` =
    ``"value"`` (the default) this returns the view with the slider there, clamped to the
    slider's range. A view without a value, one that keeps the ratio, or one whose slider
    already stands for its value (to 1e-12) is returned as it is.
    """
    value = view.get("value")
    if view.get("keep", "value") != "value" or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        return view
    ref = reference_value(scene, view.get("mode", "penalized"))
    if not 0 < ref < math.inf:
        return view
    slider = min(max(math.log10(value / ref), SLIDER_MIN), SLIDER_MAX)
    return view if abs(slider - view["slider"]) <= 1e-12 else {**view, "slider": slider}
