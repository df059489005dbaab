"""Why a touch point is where it is: −∇J0 there and the region's normal cone (the KKT condition).

At the optimum w of ``J0 + λ P`` (λ > 0) the KKT condition reads ``−∇J0(w) ∈ λ ∂P(w)``: the
loss's steepest-descent direction points out of the region ``P <= P(w)`` along one of its
outward normals. Geometrically:

- on a smooth piece of the boundary (L2 anywhere but 0; L1 or the elastic net with both weights
  nonzero) the normal cone is one ray, ``∇P(w)``, and −∇J0 must point along it;
- at a corner (L1, or the elastic net with ``r > 0``, and exactly one weight 0) the normal cone
  is the wedge between two extreme rays, the normals of the two sides meeting there
  (``r (±1, sign w_j) + 2 (1 - r) w``), and −∇J0 may point anywhere inside it: that slack is
  why the touch stays on the corner for a whole range of λ;
- at the origin (w = 0, the region shrunk to a point) every direction is normal: the condition
  is the box ``−∇J0 = g ∈ λ r [−1, 1]²`` (L1: ``‖g‖∞ <= λ``, i.e. λ >= λ_max);
- with −∇J0 = 0 (λ = 0, w the OLS point) the region does not bind: ``"interior"``.

:func:`kkt_picture` names the case and gives the rays; :func:`in_cone` tests a vector against them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .loss import QuadraticLoss
from .validation import check_array, check_l1_ratio, check_lambda, check_loss_2d, check_option

__all__ = ["KKT_REGIONS", "KKT_CASES", "KKTPicture", "kkt_picture", "normal_rays", "in_cone"]

#: the regions of the weight plane
KKT_REGIONS: tuple[str, ...] = ("l1", "l2", "elasticnet")
#: which case of the condition holds at a point
KKT_CASES: tuple[str, ...] = ("interior", "smooth", "corner", "origin")


@dataclass(frozen=True)
class KKTPicture:
    """The KKT picture at one point.

    Attributes
    ----------
    region : {"l1", "l2", "elasticnet"}
    w : ndarray of shape (2,)
    lam : float
    descent : ndarray of shape (2,)
        ``−∇J0(w) = g − H w``.
    case : {"interior", "smooth", "corner", "origin"}
    rays : ndarray of shape (k, 2)
        Unit vectors spanning the normal cone: one (smooth), two (corner: the extreme rays),
        none (interior; origin, where the cone is the whole plane).
    box : float
        At the origin: the half-width ``λ r`` of the box −∇J0 must lie in (``λ`` for L1,
        0 for L2); else 0.
    """

    region: str
    w: np.ndarray
    lam: float
    descent: np.ndarray
    case: str
    rays: np.ndarray
    box: float


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.hypot(v[0], v[1]))
    return v / n if n > 0 else v


def normal_rays(region: str, w, *, l1_ratio: float = 0.5) -> tuple[str, np.ndarray]:
    """The boundary's case at w ≠ 0 (``"smooth"`` or ``"corner"``) and the unit rays of its normal cone.

    The region is ``P(v) <= P(w)`` with P = ``||v||_1`` (l1), ``||v||_2^2`` (l2) or
    ``r ||v||_1 + (1 - r) ||v||_2^2`` (elastic net; r = 1 is l1, r = 0 is l2). A weight counts
    as 0 only when it is exactly 0.0 (the lab's optima give exact zeros).

    Returns
    -------
    (case, rays) : (str, ndarray of shape (1, 2) or (2, 2))

    Raises
    ------
    ValueError
        An unknown region, w not two finite numbers or all 0, l1_ratio outside [0, 1].
    """
    check_option(region, KKT_REGIONS, kind="region", kinds="regions")
    w = check_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w must have shape (2,), got {w.shape}")
    if not np.any(w != 0):
        raise ValueError("w must not be the origin (every direction is normal there)")
    r = {"l1": 1.0, "l2": 0.0}.get(region)
    r = check_l1_ratio(l1_ratio) if r is None else r
    zeros = w == 0
    if r > 0 and np.any(zeros):
        k = int(np.flatnonzero(zeros)[0])  # the weight at 0; the other is nonzero
        j = 1 - k
        rays = []
        for s in (1.0, -1.0):
            v = np.zeros(2)
            v[k] = r * s
            v[j] = r * np.sign(w[j]) + 2.0 * (1.0 - r) * w[j]
            rays.append(_unit(v))
        return "corner", np.array(rays)
    grad = r * np.sign(w) + 2.0 * (1.0 - r) * w
    return "smooth", _unit(grad)[None, :]


def kkt_picture(loss: QuadraticLoss, region: str, w, lam: float, *, l1_ratio: float = 0.5) -> KKTPicture:
    """−∇J0 at a touch point w and the normal cone of its region there (see the module's docstring).

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    region : {"l1", "l2", "elasticnet"}
    w : array_like of shape (2,)
        The touch point (the optimum for lam).
    lam : float >= 0 (inf allowed for the L2 origin reached by t = 0)
    l1_ratio : float in [0, 1]
        The elastic net's mix r.

    Returns
    -------
    KKTPicture

    Raises
    ------
    ValueError
        A loss that is not 2-D, an unknown region, w not two finite numbers, lam negative or
        NaN, l1_ratio outside [0, 1].
    """
    check_loss_2d(loss, what="the KKT picture is drawn in the weight plane")
    check_option(region, KKT_REGIONS, kind="region", kinds="regions")
    w = check_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w must have shape (2,), got {w.shape}")
    lam = float(lam) if lam == float("inf") else check_lambda(lam)
    r = {"l1": 1.0, "l2": 0.0}.get(region)
    r = check_l1_ratio(l1_ratio) if r is None else r
    descent = -loss.gradient(w)
    none = np.zeros((0, 2))
    if not np.any(w != 0):
        return KKTPicture(region, w, lam, descent, "origin", none, lam * r if np.isfinite(lam) else 0.0)
    if not np.any(descent != 0) or lam == 0:
        return KKTPicture(region, w, lam, descent, "interior", none, 0.0)
    case, rays = normal_rays(region, w, l1_ratio=r)
    return KKTPicture(region, w, lam, descent, case, rays, 0.0)


def in_cone(vector, rays, *, rtol: float = 1e-9) -> bool:
    """Whether ``vector`` is a nonnegative combination of ``rays`` (one or two 2-D rays), up to rtol.

    One ray: the vector is parallel to it and points the same way. Two rays (a wedge of angle
    below π): the vector lies between them.

    Raises
    ------
    ValueError
        vector not two finite numbers, rays not a (1, 2) or (2, 2) finite array.
    """
    v = check_array(vector, "vector", ndim=1)
    R = check_array(rays, "rays", ndim=2)
    if v.shape != (2,) or R.shape[1:] != (2,) or R.shape[0] not in (1, 2):
        raise ValueError(f"vector must have shape (2,) and rays (1, 2) or (2, 2), got {v.shape} and {R.shape}")
    size = float(np.hypot(*v))
    if size == 0:
        return True
    u = v / size
    if R.shape[0] == 1:
        a = _unit(R[0])
        return bool(abs(a[0] * u[1] - a[1] * u[0]) <= rtol and a @ u > 0)
    coef = np.linalg.lstsq(R.T, u, rcond=None)[0]
    return bool(np.all(coef >= -rtol) and np.allclose(R.T @ coef, u, atol=rtol))
