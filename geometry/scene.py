"""The scene bundle: everything the browser needs to redraw the 2-D picture for any lam.

Computed once per data/basis change on the server and stored (as JSON) in the app's
``scene-store``. While lam is dragged, the browser evaluates from it, exactly:

- the L1 touch point by linear interpolation of the lasso breakpoints,
- the L2 touch point from the eigen-data ``w(lam) = V diag(1/(e + 2 lam)) V^T g``,
- the elastic-net touch point by a 2-D closed-form lasso on ``H + 2 lam (1 - r) I``,
- the level curve through any point from the eigen-data (an ellipse, or two lines).
"""

from __future__ import annotations

import numpy as np

from .contours import contour_levels, contour_lines
from .loss import QuadraticLoss
from .paths import lasso_path_breakpoints
from .solvers import lambda_max
from .validation import check_loss_2d

__all__ = ["weight_view", "scene_bundle", "loss_from_scene"]


def weight_view(loss: QuadraticLoss, *, margin: float = 1.35) -> tuple[tuple[float, float], tuple[float, float]]:
    """A square window of the weight plane, centred on 0, that shows the origin and the OLS point.

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    margin : float > 1
        How much room to leave around the OLS point.

    Returns
    -------
    ((xmin, xmax), (ymin, ymax))
    """
    check_loss_2d(loss, what="the weight plane is 2-D")
    if not margin > 1:
        raise ValueError(f"margin must be > 1, got {margin!r}")
    reach = float(np.max(np.abs(loss.ols_point)))
    radius = margin * reach if reach > 0 else 1.0
    return (-radius, radius), (-radius, radius)


def _rounded(values: np.ndarray, digits: int = 5) -> list:
    """Contour coordinates for plotting: NaN gaps become None, a few significant digits kept."""
    values = np.asarray(values, dtype=float)
    out = np.round(values, digits).astype(object)
    out[~np.isfinite(values)] = None
    return out.tolist()


#: Points per background ellipse. Sampled evenly in the ellipse's angle parameter, which puts
#: them closest together at the ends of the long axis, where the curve bends most: at 61 the
#: polygon strays from a 250-pixel ellipse by a third of a pixel. (Plotly draws every point
#: on each λ step; 91 points cost ~0.3 ms more per step for nothing visible.)
CONTOUR_POINTS = 61


def scene_bundle(loss: QuadraticLoss, *, view=None, contour_count: int = 12, with_path: bool = True) -> dict:
    """All 2-D scene data as plain JSON-ready Python values.

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    view : ((xmin, xmax), (ymin, ymax)), optional
        Defaults to :func:`weight_view`.
    contour_count : int
        Number of background contour levels.
    with_path : bool
        Include ``lasso_path`` (the browser needs it to move λ; a figure drawn on the server
        for a fixed λ does not).

    Returns
    -------
    dict
        ``hessian`` (2x2 list), ``linear``, ``constant``, ``min_value``, ``ols``,
        ``eigenvalues`` (ascending), ``eigenvectors`` (row-major, columns are eigenvectors),
        ``rank``, ``lambda_max``, ``lasso_path`` {``lambdas`` (k,), ``weights`` (k, 2)} (if
        ``with_path``),
        ``x_mean``, ``y_mean``, ``view`` {``x``, ``y``}, ``contours`` {``levels``, ``x``,
        ``y``} (one polyline with ``None`` gaps).
    """
    check_loss_2d(loss, what="scene_bundle needs a 2-D QuadraticLoss")
    if view is None:
        view = weight_view(loss)
    levels = contour_levels(loss, count=contour_count, view=view)
    cx, cy = contour_lines(loss, levels, num=CONTOUR_POINTS, view=view)
    bundle = {
        "dim": 2,
        "hessian": loss.hessian.tolist(),
        "linear": loss.linear.tolist(),
        "constant": loss.constant,
        "min_value": loss.min_value,
        "ols": loss.ols_point.tolist(),
        "eigenvalues": loss.eigenvalues.tolist(),
        "eigenvectors": loss.eigenvectors.tolist(),
        "rank": loss.rank,
        "lambda_max": lambda_max(loss),
        "x_mean": loss.x_mean.tolist(),
        "y_mean": loss.y_mean,
        "view": {"x": [float(view[0][0]), float(view[0][1])], "y": [float(view[1][0]), float(view[1][1])]},
        "contours": {"levels": np.asarray(levels, dtype=float).tolist(), "x": _rounded(cx), "y": _rounded(cy)},
    }
    if with_path:
        path = lasso_path_breakpoints(loss)
        bundle["lasso_path"] = {"lambdas": path.lambdas.tolist(), "weights": path.weights.tolist()}
    return bundle


def loss_from_scene(scene: dict) -> QuadraticLoss:
    """Rebuild the :class:`QuadraticLoss` a scene bundle was made from."""
    try:
        return QuadraticLoss(
            scene["hessian"],
            scene["linear"],
            scene["constant"],
            x_mean=scene["x_mean"],
            y_mean=scene["y_mean"],
            data_moments=True,
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a scene bundle: {exc}") from None
