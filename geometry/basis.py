"""Two-feature bases for the data panel: yhat(x) = b + w1 * phi1(x) + w2 * phi2(x).

Each basis maps 1-D inputs x to the two features whose weights (w1, w2) the weight plane
shows. The "correlated" basis has a feature correlation rho the user controls:
``phi1 = P1(x)``, ``phi2 = rho P1(x) + sqrt(1 - rho^2) P2(x)`` with the orthonormal Legendre
polynomials on [-1, 1], so for x spread evenly over [-1, 1] the two features correlate by rho.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .validation import check_array, check_option, check_rho, check_whole_number

__all__ = ["BASES", "BasisSpec", "design_matrix", "synthetic_data", "X_RANGE"]

#: The x interval the data panel shows and the generator samples from.
X_RANGE: tuple[float, float] = (-1.0, 1.0)

_SQRT3 = math.sqrt(3.0)
_SQRT5 = math.sqrt(5.0)


def _legendre1(x: np.ndarray) -> np.ndarray:
    return _SQRT3 * x


def _legendre2(x: np.ndarray) -> np.ndarray:
    return _SQRT5 * 0.5 * (3.0 * x**2 - 1.0)


@dataclass(frozen=True)
class BasisSpec:
    """A named pair of features.

    Attributes
    ----------
    label : str
        What the user reads in the chooser.
    feature_names : tuple of str
        Names of phi1 and phi2 (for axis titles and hover).
    features : callable (x (n,), rho) -> ndarray (n, 2)
    uses_rho : bool
        Whether the correlation control applies.
    """

    label: str
    feature_names: tuple[str, str]
    features: Callable[[np.ndarray, float], np.ndarray]
    uses_rho: bool = False


BASES: dict[str, BasisSpec] = {
    "x-x2": BasisSpec("x and x²", ("x", "x²"), lambda x, rho: np.c_[x, x**2]),
    "x-x3": BasisSpec("x and x³ (correlated)", ("x", "x³"), lambda x, rho: np.c_[x, x**3]),
    "correlated": BasisSpec(
        "two features with correlation ρ",
        ("φ₁", "φ₂"),
        lambda x, rho: np.c_[_legendre1(x), rho * _legendre1(x) + math.sqrt(max(0.0, 1 - rho * rho)) * _legendre2(x)],
        uses_rho=True,
    ),
    "sin-cos": BasisSpec(
        "sin(πx) and cos(πx)", ("sin πx", "cos πx"), lambda x, rho: np.c_[np.sin(np.pi * x), np.cos(np.pi * x)]
    ),
    # J0 depends on w1 + w2 only: the lasso's optimum is a whole edge of the diamond
    "duplicated": BasisSpec("x twice (duplicated feature)", ("x", "x again"), lambda x, rho: np.c_[x, x]),
}


def design_matrix(basis: str, x, *, rho: float = 0.0) -> np.ndarray:
    """The feature matrix of inputs x.

    Parameters
    ----------
    basis : one of :data:`BASES`
    x : array_like of shape (n,)
    rho : float in [-0.99, 0.99], default 0.0
        Feature correlation (only the "correlated" basis uses it).

    Returns
    -------
    ndarray of shape (n, 2)
    """
    spec = BASES[check_option(basis, BASES, kind="basis", kinds="bases")]
    rho = check_rho(rho)
    x = check_array(x, "x", ndim=1)
    return spec.features(x, rho)


def synthetic_data(
    *,
    n: int = 20,
    basis: str = "correlated",
    rho: float = 0.5,
    true_w=(1.0, 0.4),
    intercept: float = 0.0,
    noise: float = 0.3,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Noisy samples of ``y = intercept + true_w . phi(x)`` with x spread over :data:`X_RANGE`.

    Parameters
    ----------
    n : int in [2, 500]
    basis, rho : see :func:`design_matrix`
    true_w : array_like of shape (2,)
    intercept : float
    noise : float >= 0
        Standard deviation of the Gaussian noise on y.
    seed : int >= 0

    Returns
    -------
    x : ndarray of shape (n,)
    y : ndarray of shape (n,)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 2 <= n <= 500:
        raise ValueError(f"n must be a whole number from 2 to 500, got {n!r}")
    w = np.asarray(true_w, dtype=float)
    if w.shape != (2,) or not np.all(np.isfinite(w)):
        raise ValueError(f"true_w must be two finite numbers, got {true_w!r}")
    if not (isinstance(noise, (int, float)) and math.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    seed = check_whole_number(seed, "seed", minimum=0)
    if not math.isfinite(float(intercept)):
        raise ValueError(f"intercept must be finite, got {intercept!r}")
    rng = np.random.default_rng(int(seed))
    lo, hi = X_RANGE
    # Evenly spread, jittered inputs: the features' sample correlation stays close to rho.
    x = lo + (hi - lo) * (np.arange(n) + rng.uniform(0.2, 0.8, size=n)) / n
    y = float(intercept) + design_matrix(basis, x, rho=rho) @ w + noise * rng.normal(size=n)
    return x, y
