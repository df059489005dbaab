"""The λ settings on screen, the "view": ``{"slider", "mode", "shown", "l1_ratio"}``.

``slider`` is the λ slider's position (:mod:`components.lambda_control`), ``mode`` is
``"penalized"`` or ``"constrained"``, ``shown`` the regions ticked (keys ``l1``, ``l2``, ``en``)
and ``l1_ratio`` the elastic-net mix r. ``current-view`` and ``view-store`` hold one each.
"""

from __future__ import annotations

from .lambda_control import SLIDER_DEFAULT
from .penalty_control import DEFAULT_L1_RATIO, DEFAULT_SHOWN

__all__ = ["initial_view", "view_with_defaults"]


def initial_view() -> dict:
    """The view a new page starts with."""
    return {"slider": SLIDER_DEFAULT, "mode": "penalized", "shown": list(DEFAULT_SHOWN), "l1_ratio": DEFAULT_L1_RATIO}


def view_with_defaults(view: dict | None) -> dict:
    """A view with every key present and of the right type (defaults for what is missing)."""
    view = view or {}
    slider, l1_ratio = view.get("slider"), view.get("l1_ratio")
    return {
        "slider": float(slider if slider is not None else SLIDER_DEFAULT),
        "mode": view.get("mode") or "penalized",
        "shown": list(view["shown"] if view.get("shown") is not None else DEFAULT_SHOWN),
        "l1_ratio": float(l1_ratio if l1_ratio is not None else DEFAULT_L1_RATIO),
    }
