"""The quadratic least-squares loss J0(w) of a linear regression with a fitted intercept.

Conventions (see ``shared/MISSION.md``): with centred data ``Xc = X - mean(X)`` and
``yc = y - mean(y)``,

    J0(w) = 1/(2n) * ||yc - Xc w||^2 = 1/2 w^T H w - g^T w + c,

with ``H = Xc^T Xc / n`` (``hessian``), ``g = Xc^T yc / n`` (``linear``) and
``c = ||yc||^2 / (2n)`` (``constant``). The intercept is never penalized:
``b(w) = mean(y) - mean(X) . w``.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

__all__ = ["QuadraticLoss", "EIGEN_RTOL", "positive_eigenvalues", "check_array"]

#: Eigenvalues below ``EIGEN_RTOL * max(1, d) * largest`` count as zero (singular directions).
EIGEN_RTOL = 1e-13


def positive_eigenvalues(values: np.ndarray) -> np.ndarray:
    """Which eigenvalues of a symmetric PSD matrix count as positive (the others as rounding of 0).

    Parameters
    ----------
    values : ndarray of shape (d,)
        Eigenvalues in ascending order, as returned by ``np.linalg.eigh``.

    Returns
    -------
    ndarray of bool, shape (d,)
        ``values > EIGEN_RTOL * max(1, d) * values[-1]``; all False when the largest
        eigenvalue is not positive (or d = 0).
    """
    top = float(values[-1]) if values.size else 0.0
    return values > EIGEN_RTOL * max(1, values.shape[0]) * top if top > 0 else np.zeros(values.shape, bool)


def check_array(value, name: str, *, ndim: int) -> np.ndarray:
    """``value`` as a float ndarray; ValueError if it is not numeric, not ``ndim``-dimensional or not finite.

    Defined here because :class:`QuadraticLoss` checks its own input with it;
    :mod:`geometry.validation` (which needs the class) re-exports it with the other checks.
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {value!r}") from exc
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


class QuadraticLoss:
    """J0(w) = 1/2 w^T H w - g^T w + c with a symmetric positive semi-definite H.

    Parameters
    ----------
    hessian : array_like of shape (d, d)
        Symmetric positive semi-definite matrix H.
    linear : array_like of shape (d,)
        The vector g. It must lie in the range of H, otherwise J0 is unbounded below.
    constant : float, default 0.0
        The constant c.
    x_mean : array_like of shape (d,), optional
        Feature means of the data the loss came from (for :meth:`intercept`).
    y_mean : float, default 0.0
        Target mean of the data the loss came from (for :meth:`intercept`).
    data_moments : bool, default False
        True when ``hessian`` and ``linear`` are the moments ``Xc^T Xc / n`` and
        ``Xc^T yc / n`` of some data (as :meth:`from_data` makes them, or a stored copy of
        them): H is then symmetric PSD and g lies in its range by construction, and those
        checks (which need an eigen-decomposition) are skipped.

    Raises
    ------
    ValueError
        Non-finite entries, wrong shapes, a non-symmetric or indefinite H, or g outside
        the range of H.
    """

    def __init__(
        self,
        hessian,
        linear,
        constant: float = 0.0,
        *,
        x_mean=None,
        y_mean: float = 0.0,
        data_moments: bool = False,
    ):
        H = check_array(hessian, "hessian", ndim=2)
        g = check_array(linear, "linear", ndim=1)
        d = g.shape[0]
        if d == 0:
            raise ValueError("the loss needs at least one weight (d >= 1)")
        if H.shape != (d, d):
            raise ValueError(f"hessian must have shape ({d}, {d}) to match linear, got {H.shape}")
        if not data_moments:  # a data loss is symmetric and PSD by construction
            scale = float(np.max(np.abs(H))) if H.size else 0.0
            if float(np.max(np.abs(H - H.T))) > 1e-12 * max(scale, 1e-300):
                raise ValueError("hessian must be symmetric")
        H = 0.5 * (H + H.T)
        c = float(constant)
        if not np.isfinite(c):
            raise ValueError(f"constant must be finite, got {constant!r}")
        self.hessian: np.ndarray = H
        self.linear: np.ndarray = g
        self.constant: float = c
        self.x_mean: np.ndarray = np.zeros(d) if x_mean is None else check_array(x_mean, "x_mean", ndim=1)
        if self.x_mean.shape != (d,):
            raise ValueError(f"x_mean must have shape ({d},), got {self.x_mean.shape}")
        self.y_mean: float = float(y_mean)
        if not np.isfinite(self.y_mean):
            raise ValueError(f"y_mean must be finite, got {y_mean!r}")
        if data_moments:
            return  # g = Xc^T yc / n lies in range(Xc^T) = range(H): nothing more to check
        values = self.eigenvalues
        top = float(values[-1]) if values.size else 0.0
        if values[0] < -1e-9 * max(top, 1e-300) and values[0] < -1e-300:
            raise ValueError("hessian must be positive semi-definite (it has a negative eigenvalue)")
        # g must be orthogonal to the null space of H, otherwise J0 is unbounded below.
        null = self.eigenvectors[:, ~self.positive_directions]
        if null.shape[1]:
            leak = float(np.max(np.abs(null.T @ g)))
            if leak > 1e-9 * max(float(np.max(np.abs(g))), np.sqrt(max(top, 0.0)), 1e-300):
                raise ValueError("linear must lie in the range of hessian: J0 would be unbounded below")

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_data(cls, X, y) -> "QuadraticLoss":
        """The loss of least squares with a fitted, unpenalized intercept.

        Parameters
        ----------
        X : array_like of shape (n, d)
        y : array_like of shape (n,)

        Returns
        -------
        QuadraticLoss
            With ``hessian = Xc^T Xc / n``, ``linear = Xc^T yc / n``, ``constant = ||yc||^2 / (2n)``.
        """
        X = check_array(X, "X", ndim=2)
        y = check_array(y, "y", ndim=1)
        n, d = X.shape
        if n == 0:
            raise ValueError("X must have at least one row (n >= 1), got n = 0")
        if d == 0:
            raise ValueError("X must have at least one column (d >= 1)")
        if y.shape[0] != n:
            raise ValueError(f"X and y must have the same number of rows, got {n} and {y.shape[0]}")
        x_mean = X.mean(axis=0)
        y_mean = float(y.mean())
        Xc = X - x_mean
        yc = y - y_mean
        H = Xc.T @ Xc / n
        g = Xc.T @ yc / n
        c = float(yc @ yc) / (2 * n)
        return cls(H, g, c, x_mean=x_mean, y_mean=y_mean, data_moments=True)

    @classmethod
    def from_ellipse(cls, center, axes, angle: float, *, min_value: float = 0.0) -> "QuadraticLoss":
        """A 2-D loss given by its contour geometry instead of data.

        The level set ``J0 = min_value + 1/2`` is the ellipse with the given centre, semi-axes
        and rotation.

        Parameters
        ----------
        center : array_like of shape (2,)
            The unconstrained minimiser (the OLS point).
        axes : array_like of shape (2,)
            Semi-axis lengths (a, b) > 0 of the ellipse ``J0 = min_value + 1/2``.
        angle : float
            Rotation of the first axis from the w1 axis, in radians.
        min_value : float, default 0.0
            J0 at the centre.
        """
        center = check_array(center, "center", ndim=1)
        axes_arr = check_array(axes, "axes", ndim=1)
        if center.shape != (2,):
            raise ValueError(f"center must have shape (2,), got {center.shape}")
        if axes_arr.shape != (2,) or np.any(axes_arr <= 0):
            raise ValueError(f"axes must be two positive lengths, got {axes!r}")
        if not np.isfinite(angle):
            raise ValueError(f"angle must be finite, got {angle!r}")
        if not np.isfinite(min_value):
            raise ValueError(f"min_value must be finite, got {min_value!r}")
        c, s = np.cos(angle), np.sin(angle)
        R = np.array([[c, -s], [s, c]])
        H = R @ np.diag(1.0 / axes_arr**2) @ R.T
        g = H @ center
        return cls(H, g, float(min_value) + 0.5 * float(center @ H @ center))

    # ------------------------------------------------------------------ properties
    @property
    def dim(self) -> int:
        """Number of weights d."""
        return self.linear.shape[0]

    @cached_property
    def _eigh(self) -> tuple[np.ndarray, np.ndarray]:
        values, vectors = np.linalg.eigh(self.hessian)
        return values, vectors

    @property
    def eigenvalues(self) -> np.ndarray:
        """Eigenvalues of H in ascending order, shape (d,)."""
        return self._eigh[0]

    @property
    def eigenvectors(self) -> np.ndarray:
        """Orthonormal eigenvectors of H as columns, shape (d, d)."""
        return self._eigh[1]

    @cached_property
    def positive_directions(self) -> np.ndarray:
        """Which eigenvectors of H have a positive eigenvalue: ndarray of bool, shape (d,).

        Aligned with :attr:`eigenvalues` (ascending). An eigenvalue at or below
        ``EIGEN_RTOL * d * largest`` counts as 0: along such a flat direction J0 is constant,
        and any component of g there is rounding residue (g lies in the range of H).
        """
        return positive_eigenvalues(self._eigh[0])

    @property
    def rank(self) -> int:
        """Numerical rank of H."""
        return int(np.count_nonzero(self.positive_directions))

    @cached_property
    def ols_point(self) -> np.ndarray:
        """Minimum-norm unconstrained minimiser ``H^+ g``, shape (d,)."""
        values, vectors = self._eigh
        coef = vectors.T @ self.linear
        inv = np.zeros_like(values)
        inv[self.positive_directions] = 1.0 / values[self.positive_directions]
        return vectors @ (coef * inv)

    @cached_property
    def min_value(self) -> float:
        """The smallest value of J0, ``c - 1/2 g^T H^+ g`` (never below 0 for data losses).

        A difference at the level of rounding (relative 1e-12) is returned as exactly 0.
        """
        drop = 0.5 * float(self.linear @ self.ols_point)
        value = self.constant - drop
        return 0.0 if abs(value) <= 1e-12 * max(abs(self.constant), abs(drop)) else value

    # ------------------------------------------------------------------ evaluation
    def __call__(self, w) -> np.ndarray | float:
        """J0 at w of shape (d,) (a float) or (..., d) (an array of shape (...))."""
        w = np.asarray(w, dtype=float)
        if w.shape[-1:] != (self.dim,):
            raise ValueError(f"w must have shape (..., {self.dim}), got {w.shape}")
        value = 0.5 * np.einsum("...i,ij,...j->...", w, self.hessian, w) - w @ self.linear + self.constant
        return float(value) if w.ndim == 1 else value

    def excess(self, w) -> np.ndarray | float:
        """``J0(w) - min J0 = 1/2 (w - w_ols)^T H (w - w_ols)``, computed without cancellation."""
        w = np.asarray(w, dtype=float)
        if w.shape[-1:] != (self.dim,):
            raise ValueError(f"w must have shape (..., {self.dim}), got {w.shape}")
        delta = w - self.ols_point
        value = 0.5 * np.einsum("...i,ij,...j->...", delta, self.hessian, delta)
        return float(value) if w.ndim == 1 else value

    def gradient(self, w) -> np.ndarray:
        """``H w - g``, shape (d,) or (..., d) like w."""
        w = np.asarray(w, dtype=float)
        if w.shape[-1:] != (self.dim,):
            raise ValueError(f"w must have shape (..., {self.dim}), got {w.shape}")
        return w @ self.hessian - self.linear

    def intercept(self, w) -> float:
        """The fitted intercept ``b = mean(y) - mean(X) . w`` for weights w of shape (d,)."""
        w = np.asarray(w, dtype=float)
        if w.shape != (self.dim,):
            raise ValueError(f"w must have shape ({self.dim},), got {w.shape}")
        return self.y_mean - float(self.x_mean @ w)

    def __repr__(self) -> str:
        return f"QuadraticLoss(dim={self.dim}, rank={self.rank}, min_value={self.min_value:.6g})"
