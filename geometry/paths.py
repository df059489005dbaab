"""Regularization paths: w*(lam) for a whole range of lam.

- :func:`lasso_path_breakpoints`: the exact, piecewise-linear lasso homotopy. Any lam is
  evaluated exactly by linear interpolation between two breakpoints (this is what the
  browser does while the lam slider is dragged).
- :func:`ridge_path`: closed form from the eigen-decomposition of H,
  ``w(lam) = V diag(1 / (e_i + 2 lam)) V^T g`` (:func:`geometry.solvers.ridge_solution`).
- :func:`regularization_path`: any penalty, on a grid of lam.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .loss import QuadraticLoss
from .solvers import lasso_homotopy, penalized_optimum, ridge_solution
from .validation import check_lambda, check_lambdas, check_loss, check_penalty

__all__ = ["LassoPath", "lasso_path_breakpoints", "ridge_path", "regularization_path"]


@dataclass(frozen=True, eq=False)
class LassoPath:
    """The exact lasso solution path as breakpoints.

    Attributes
    ----------
    lambdas : ndarray of shape (k,)
        Strictly decreasing from lambda_max to 0.0 (a single 0.0 when lambda_max = 0).
    weights : ndarray of shape (k, d)
        Exact optimum at each breakpoint; ``weights[0]`` is the zero vector.
    """

    lambdas: np.ndarray
    weights: np.ndarray

    def at(self, lam: float) -> np.ndarray:
        """Exact lasso optimum at ``lam``, shape (d,), by linear interpolation."""
        lam = check_lambda(lam)
        lambdas, weights = self.lambdas, self.weights
        if lam >= lambdas[0]:
            return np.zeros(weights.shape[1])
        # lambdas decrease: find k with lambdas[k] >= lam > lambdas[k + 1]
        k = int(np.searchsorted(-lambdas, -lam, side="right")) - 1
        k = min(max(k, 0), len(lambdas) - 2)
        lo, hi = lambdas[k + 1], lambdas[k]
        theta = (hi - lam) / (hi - lo)
        return weights[k] + theta * (weights[k + 1] - weights[k])

    __call__ = at

    @property
    def active_counts(self) -> np.ndarray:
        """Number of non-zero weights on each piece after each breakpoint, shape (k,)."""
        return np.count_nonzero(self.weights, axis=1)


def lasso_path_breakpoints(loss: QuadraticLoss) -> LassoPath:
    """The exact lasso homotopy of ``J0(w) + lam ||w||_1`` from lambda_max down to 0.

    Parameters
    ----------
    loss : QuadraticLoss

    Returns
    -------
    LassoPath
        ``lambdas`` of shape (k,), ``weights`` of shape (k, d).

    Raises
    ------
    ValueError
        If ``loss`` is not a QuadraticLoss.

    References
    ----------
    See :func:`geometry.solvers.lasso_homotopy` (Osborne, Presnell & Turlach 2000; Efron
    et al. 2004).
    """
    check_loss(loss)
    lambdas, weights = lasso_homotopy(loss.hessian, loss.linear, lam_stop=0.0)
    return LassoPath(lambdas=lambdas, weights=weights)


def ridge_path(loss: QuadraticLoss, lambdas) -> np.ndarray:
    """Ridge optima ``argmin J0(w) + lam ||w||_2^2`` for each lam, in closed form.

    Parameters
    ----------
    loss : QuadraticLoss
    lambdas : array_like of shape (k,), each >= 0

    Returns
    -------
    ndarray of shape (k, d)
        Row i is the optimum at ``lambdas[i]``, as :func:`geometry.solvers.ridge_solution`.

    Raises
    ------
    ValueError
        If ``loss`` is not a QuadraticLoss or ``lambdas`` is not a 1-D array of finite
        numbers >= 0.
    """
    check_loss(loss)
    return ridge_solution(loss, check_lambdas(lambdas))


def regularization_path(
    loss: QuadraticLoss,
    penalty: str,
    lambdas,
    *,
    l1_ratio: float = 0.5,
    groups: Sequence | None = None,
) -> np.ndarray:
    """Penalized optima for each lam of a grid.

    Parameters
    ----------
    loss : QuadraticLoss
    penalty : {"l1", "l2", "elasticnet", "group"}
    lambdas : array_like of shape (k,), each >= 0
    l1_ratio : float in [0, 1], default 0.5
    groups : sequence of length d, optional (for "group")

    Returns
    -------
    ndarray of shape (k, d)
        Row i is ``penalized_optimum(loss, penalty, lambdas[i], ...)``.

    Raises
    ------
    ValueError
        As :func:`geometry.solvers.penalized_optimum`, and if ``lambdas`` is not a 1-D
        array of finite numbers >= 0.

    Warns
    -----
    ConvergenceWarning
        ``"group"`` only: see :func:`geometry.group.group_lasso_optimum`.
    """
    check_loss(loss)
    check_penalty(penalty)
    lam = check_lambdas(lambdas)
    if penalty == "l1":
        path = lasso_path_breakpoints(loss)
        return np.array([path.at(x) for x in lam]).reshape(len(lam), loss.dim)
    if penalty == "l2":
        return ridge_path(loss, lam)
    return np.array([penalized_optimum(loss, penalty, x, l1_ratio=l1_ratio, groups=groups) for x in lam]).reshape(
        len(lam), loss.dim
    )
