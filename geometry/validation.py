"""Argument checks of the geometry package, and its :class:`ConvergenceWarning`.

Every public function of ``geometry`` checks its arguments with the functions here: each
returns the argument converted (a float, an int, a float array, ...) or raises one
``ValueError`` that names the argument, what it must be and what it got.

Import order: :mod:`geometry.loss` imports nothing from the package; this module imports the
loss (for :func:`check_loss`, and :func:`check_array`, which the loss itself uses to check
its input); every other module imports its checks from here.
"""

from __future__ import annotations

import math
from typing import Callable, Collection

import numpy as np

from .loss import QuadraticLoss, check_array

__all__ = [
    "ConvergenceWarning",
    "PENALTIES",
    "REGION_NAMES",
    "check_array",
    "check_loss",
    "check_loss_2d",
    "check_lambda",
    "check_lambdas",
    "check_l1_ratio",
    "check_option",
    "check_penalty",
    "check_region",
    "check_size",
    "check_p",
    "check_rho",
    "check_whole_number",
    "check_groups",
    "check_view",
]

#: The penalties of :func:`geometry.solvers.penalized_optimum`.
PENALTIES: tuple[str, ...] = ("l1", "l2", "elasticnet", "group")

#: The regions of :func:`geometry.constrained.constrained_optimum` and :mod:`geometry.regions`.
REGION_NAMES: tuple[str, ...] = ("l1", "l2", "lp", "elasticnet")


class ConvergenceWarning(UserWarning):
    """An iterative solver gave up: it stopped at its iteration cap, or its answer failed its own check.

    Like scikit-learn's ``sklearn.exceptions.ConvergenceWarning``: the answer is still
    returned (it is the best the solver has), but it is not certified to the solver's
    tolerance. Turn it into an error with ``warnings.simplefilter("error", ConvergenceWarning)``.
    """


def _number(value, accept: Callable[[float], bool], requirement: str) -> float:
    """``float(value)`` if ``accept`` takes it; else ValueError "{requirement}, got {value!r}"."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{requirement}, got {value!r}") from None
    if not accept(number):
        raise ValueError(f"{requirement}, got {value!r}")
    return number


def check_loss(loss) -> QuadraticLoss:
    """``loss`` itself; ValueError unless it is a :class:`~geometry.loss.QuadraticLoss`."""
    if not isinstance(loss, QuadraticLoss):
        raise ValueError(f"loss must be a QuadraticLoss, got {type(loss).__name__}")
    return loss


def check_loss_2d(loss, *, what: str = "contours are drawn in 2-D") -> QuadraticLoss:
    """``loss`` if it is a QuadraticLoss of dimension 2; ValueError "{what}, got a loss of dimension d" otherwise."""
    check_loss(loss)
    if loss.dim != 2:
        raise ValueError(f"{what}, got a loss of dimension {loss.dim}")
    return loss


def check_lambda(lam) -> float:
    """``lam`` as a float; ValueError unless it is a finite number >= 0."""
    return _number(lam, lambda x: math.isfinite(x) and x >= 0, "lam must be a finite number >= 0")


def check_lambdas(lambdas) -> np.ndarray:
    """``lambdas`` as a float ndarray of shape (k,); ValueError unless 1-D, finite and >= 0."""
    try:
        arr = np.asarray(lambdas, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"lambdas must be an array of finite numbers >= 0, got {lambdas!r}") from None
    if arr.ndim != 1:
        raise ValueError(f"lambdas must be 1-dimensional, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError("lambdas must be finite numbers >= 0")
    return arr


def check_l1_ratio(l1_ratio) -> float:
    """``l1_ratio`` as a float; ValueError unless it lies in [0, 1]."""
    return _number(l1_ratio, lambda x: 0.0 <= x <= 1.0, "l1_ratio must be a number in [0, 1]")


def check_option(value, options: Collection, *, kind: str, kinds: str):
    """``value`` if it is one of ``options``; ValueError "unknown {kind} ...; valid {kinds} are ..." otherwise."""
    if value not in options:
        raise ValueError(f"unknown {kind} {value!r}; valid {kinds} are {', '.join(map(repr, options))}")
    return value


def check_penalty(penalty) -> str:
    """``penalty`` if it names a known penalty; ValueError listing the valid names otherwise."""
    return check_option(penalty, PENALTIES, kind="penalty", kinds="penalties")


def check_region(region) -> str:
    """``region`` if it names a known region; ValueError listing the valid names otherwise."""
    return check_option(region, REGION_NAMES, kind="region", kinds="regions")


def check_size(t) -> float:
    """``t`` as a float; ValueError unless it is a finite number >= 0."""
    return _number(t, lambda x: math.isfinite(x) and x >= 0, "t must be a finite number >= 0")


def check_p(p) -> float:
    """``p`` as a float; ValueError unless it is a finite number > 0."""
    return _number(p, lambda x: math.isfinite(x) and x > 0, "p must be a finite number > 0")


def check_rho(rho) -> float:
    """``rho`` as a float; ValueError unless it lies in [-0.99, 0.99]."""
    return _number(rho, lambda x: -0.99 <= x <= 0.99, "rho must be a number in [-0.99, 0.99]")


def check_whole_number(value, name: str, *, minimum: int) -> int:
    """``value`` as an int; ValueError unless it is an integer (not a bool) >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def check_groups(groups, d: int) -> list[np.ndarray]:
    """The coordinates of each group (int arrays, by first appearance); ValueError unless d hashable labels."""
    try:
        labels = list(groups)
    except TypeError:
        raise ValueError(f"groups must be a sequence of {d} group labels, got {groups!r}") from None
    if len(labels) != d:
        raise ValueError(f"groups must give one label per weight: expected {d}, got {len(labels)}")
    order: dict = {}
    for i, label in enumerate(labels):
        try:
            order.setdefault(label, []).append(i)
        except TypeError:
            raise ValueError(f"group labels must be hashable, got {label!r}") from None
    return [np.array(idx, dtype=int) for idx in order.values()]


def check_view(view) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """``view`` as ``((xmin, xmax), (ymin, ymax))`` floats, or None; ValueError unless finite and increasing."""
    if view is None:
        return None
    try:
        (x0, x1), (y0, y1) = view
        x0, x1, y0, y1 = float(x0), float(x1), float(y0), float(y1)
    except (TypeError, ValueError):
        raise ValueError(f"view must be ((xmin, xmax), (ymin, ymax)), got {view!r}") from None
    if not all(map(math.isfinite, (x0, x1, y0, y1))) or x1 <= x0 or y1 <= y0:
        raise ValueError(f"view must be finite with xmin < xmax and ymin < ymax, got {view!r}")
    return (x0, x1), (y0, y1)
