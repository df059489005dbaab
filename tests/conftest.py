"""Shared fixtures and helpers for the unit tests."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geometry import QuadraticLoss  # noqa: E402


def correlated_data(rng: np.random.Generator, n: int, d: int, *, rho: float = 0.5, noise: float = 0.5):
    """Gaussian features with pairwise correlation rho, a sparse true w, and noisy targets."""
    cov = np.full((d, d), rho) + (1 - rho) * np.eye(d)
    X = rng.multivariate_normal(np.zeros(d), cov, size=n)
    w = rng.normal(size=d) * (rng.random(d) < 0.6)
    y = X @ w + 1.5 + noise * rng.normal(size=n)
    return X, y


def degenerate_datasets(rng: np.random.Generator) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Data sets that make H singular or extreme; none of them may make a solver raise."""
    x = rng.normal(size=15)
    X3 = rng.normal(size=(15, 2))
    return {
        "n=1": (np.array([[1.0, 2.0]]), np.array([3.0])),
        "n<d": (rng.normal(size=(3, 6)), rng.normal(size=3)),
        "identical columns": (np.c_[x, x], 2 * x + 0.3 * rng.normal(size=15)),
        "opposite columns": (np.c_[x, -x], 2 * x + 0.3 * rng.normal(size=15)),
        "sum column": (np.c_[X3, X3.sum(axis=1)], X3 @ [1.0, -2.0] + 0.1 * rng.normal(size=15)),
        "constant column": (np.c_[x, np.full(15, 4.0)], 3 * x + 1),
        "y constant": (rng.normal(size=(15, 2)), np.full(15, 7.0)),
        "all x equal": (np.ones((15, 2)), rng.normal(size=15)),
        "scales 1e-3..1e3": (rng.normal(size=(15, 3)) * [1e-3, 1.0, 1e3], 1e3 * rng.normal(size=15)),
        "tiny": (1e-3 * rng.normal(size=(15, 2)), 1e-3 * rng.normal(size=15)),
        "huge": (1e3 * rng.normal(size=(15, 2)), 1e3 * rng.normal(size=15)),
    }


def lasso_kkt_residual(loss: QuadraticLoss, w: np.ndarray, lam: float, *, l2: float = 0.0) -> float:
    """Largest violation of the KKT conditions of J0 + lam ||w||_1 + l2 ||w||^2, relative to the scale."""
    grad = loss.gradient(w) + 2.0 * l2 * w
    on = w != 0
    res = np.where(on, grad + lam * np.sign(w), np.maximum(np.abs(grad) - lam, 0.0))
    scale = max(float(np.max(np.abs(loss.linear))), lam, 1e-300)
    return float(np.max(np.abs(res))) / scale


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20261124)
