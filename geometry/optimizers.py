"""Gradient-type optimizers on J0 + λ·penalty, step by step: why only some of them give exact zeros.

Five update rules for ``J0(w) = 1/2 w^T H w - g^T w + c`` with a fixed step size η
(``∇J0(w) = H w - g``):

``"none"`` (plain gradient descent on J0)
    ``w ← w - η ∇J0(w)``; converges to the OLS point for ``0 < η < 2/L``.
``"l2"`` (weight decay, gradient descent on J0 + λ‖w‖₂²)
    ``w ← w (1 - 2ηλ) - η ∇J0(w)``; converges to the ridge optimum for ``η < 2/(L + 2λ)``. It
    multiplies a weight by ``1 - 2ηλ`` and adds a gradient step: a weight reaches 0 only by
    accident.
``"l1-subgradient"`` (the literal sign rule)
    ``w ← w - η (∇J0(w) + λ sign(w))`` with ``sign(0) = 0``. Near a weight the lasso sets to 0
    each step jumps by about ηλ across 0: the weight chatters around 0 and never lands on it.
``"l1"`` (the proximal step, ISTA)
    ``w ← S_ηλ(w - η ∇J0(w))`` with soft thresholding ``S_τ(z) = sign(z) max(|z| - τ, 0)``,
    exactly 0.0 when ``|z| <= τ``: a weight whose loss pull ``|∂J0/∂w_i|`` is at most λ lands
    exactly on 0 and stays there. Converges to the lasso optimum for ``0 < η < 2/L``.
``"l1-clip"`` (clipping at the zero crossing, as in SGD training of L1 models)
    The sign rule, except that a weight whose step would cross 0 (or land on it) is set to 0.0,
    and a weight at 0 moves only when the loss's pull exceeds λ, by
    ``-η (∂J0/∂w_i - λ sign(∂J0/∂w_i))`` (the step from 0⁺ or 0⁻ in the direction the loss
    pulls). Its fixed points are the lasso optimum's, exact zeros included.

Here L is the largest eigenvalue of H (for weight decay, of H + 2λI: ``L + 2λ``), the default
step is ``1/L`` of the rule's smooth part (:func:`default_step`), and :func:`step_limit` is
``2/L``: at or above it the rule does not converge (the smooth part's iteration is expanding
along the top eigenvector).

A path stops early when a weight leaves ``[-BLOWUP, BLOWUP] · scale`` (a diverging step size):
see :class:`OptimizerPath`.

References
----------
Beck, A. and Teboulle, M. (2009). A fast iterative shrinkage-thresholding algorithm for linear
inverse problems. SIAM J. Imaging Sciences 2(1), 183–202 (the proximal step, ISTA).
Tsuruoka, Y., Tsujii, J. and Ananiadou, S. (2009). Stochastic gradient descent training for
L1-regularized log-linear models with cumulative penalty. ACL 2009 (clipping at zero).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .loss import QuadraticLoss
from .validation import check_array, check_lambda, check_loss_2d, check_option, check_whole_number

__all__ = [
    "RULES",
    "L1_RULES",
    "BLOWUP",
    "DEFAULT_STEPS",
    "OptimizerPath",
    "smoothness",
    "default_step",
    "step_limit",
    "soft_threshold",
    "update",
    "optimizer_path",
    "sign_flips",
]

#: the update rules, in the order the panel lists them
RULES: tuple[str, ...] = ("none", "l2", "l1-subgradient", "l1", "l1-clip")
#: the rules whose fixed point is the lasso optimum (or, for the sign rule, near which it chatters)
L1_RULES: tuple[str, ...] = ("l1-subgradient", "l1", "l1-clip")
#: a path stops once a weight's size exceeds BLOWUP times the problem's scale (a diverging η)
BLOWUP = 1e6
#: default number of steps: with the default step 1/L the proximal path of the lab's default
#: data ends within 1e-12 of the lasso optimum, with its zeros exact (tests/test_optimizers.py)
DEFAULT_STEPS = 200


@dataclass(frozen=True)
class OptimizerPath:
    """The iterates of one rule from a start point.

    Attributes
    ----------
    rule : str
        One of :data:`RULES`.
    points : ndarray of shape (k + 1, 2)
        ``w_0`` (the start) to ``w_k``; ``k`` = the steps asked for, or fewer if ``stopped``.
    eta, lam : float
        The step size and the λ used.
    diverges : bool
        ``eta >= step_limit(...)``: the rule does not converge with this step size.
    stopped : bool
        The path was cut off because a weight exceeded :data:`BLOWUP` times the scale.
    """

    rule: str
    points: np.ndarray
    eta: float
    lam: float
    diverges: bool
    stopped: bool

    @property
    def end(self) -> np.ndarray:
        """The last iterate, shape (2,)."""
        return self.points[-1]


def _check_rule(rule) -> str:
    return check_option(rule, RULES, kind="rule", kinds="rules")


def _check_eta(eta) -> float:
    try:
        value = float(eta)
    except (TypeError, ValueError):
        raise ValueError(f"eta must be a finite number > 0, got {eta!r}") from None
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"eta must be a finite number > 0, got {eta!r}")
    return value


def _number_at_least_zero(tau) -> float:
    try:
        value = float(tau)
    except (TypeError, ValueError):
        raise ValueError(f"tau must be a finite number >= 0, got {tau!r}") from None
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"tau must be a finite number >= 0, got {tau!r}")
    return value


def _check_point(w, name: str) -> np.ndarray:
    arr = check_array(w, name, ndim=1)
    if arr.shape != (2,):
        raise ValueError(f"{name} must have shape (2,), got {arr.shape}")
    return arr


def smoothness(loss: QuadraticLoss, rule: str, lam: float = 0.0) -> float:
    """The Lipschitz constant of the gradient a rule steps along: L (the largest eigenvalue of H),
    or ``L + 2λ`` for weight decay (``"l2"``).

    Raises
    ------
    ValueError
        A loss that is not a 2-D QuadraticLoss, an unknown rule, lam not a finite number >= 0.
    """
    check_loss_2d(loss, what="the optimizer paths live in the weight plane")
    rule = _check_rule(rule)
    lam = check_lambda(lam)
    top = max(float(loss.eigenvalues[-1]), 0.0)
    return top + 2.0 * lam if rule == "l2" else top


def default_step(loss: QuadraticLoss, rule: str, lam: float = 0.0) -> float:
    """``1 / smoothness(loss, rule, lam)`` (1.0 for a loss with H = 0): a step that converges.

    Raises
    ------
    ValueError
        As :func:`smoothness`.
    """
    big = smoothness(loss, rule, lam)
    return 1.0 / big if big > 0 else 1.0


def step_limit(loss: QuadraticLoss, rule: str, lam: float = 0.0) -> float:
    """``2 / smoothness(loss, rule, lam)``: the rule converges only for ``0 < eta <`` this (inf for H = 0).

    Raises
    ------
    ValueError
        As :func:`smoothness`.
    """
    big = smoothness(loss, rule, lam)
    return 2.0 / big if big > 0 else float("inf")


def soft_threshold(z, tau: float) -> np.ndarray:
    """``sign(z) max(|z| - tau, 0)`` elementwise, exactly +0.0 where ``|z| <= tau``.

    Raises
    ------
    ValueError
        z not a finite 1-D array, tau not a finite number >= 0.
    """
    z = check_array(z, "z", ndim=1)
    tau = _number_at_least_zero(tau)
    return np.where(np.abs(z) > tau, z - tau * np.sign(z), 0.0)


def _step(H: np.ndarray, g: np.ndarray, rule: str, w: np.ndarray, eta: float, lam: float) -> np.ndarray:
    """One update, no checks (the arithmetic assets/optimizer_model.js repeats operation by operation)."""
    grad = np.array([H[0, 0] * w[0] + H[0, 1] * w[1] - g[0], H[0, 1] * w[0] + H[1, 1] * w[1] - g[1]])
    if rule == "none":
        return w - eta * grad
    if rule == "l2":
        return w * (1.0 - 2.0 * eta * lam) - eta * grad
    if rule == "l1-subgradient":
        return w - eta * (grad + lam * np.sign(w))
    if rule == "l1":
        z = w - eta * grad
        tau = eta * lam
        return np.where(np.abs(z) > tau, z - tau * np.sign(z), 0.0)
    # l1-clip
    out = np.empty(2)
    for i in range(2):
        if w[i] != 0.0:
            z = w[i] - eta * (grad[i] + lam * np.sign(w[i]))
            out[i] = z if z * w[i] > 0 else 0.0
        elif abs(grad[i]) > lam:
            out[i] = -eta * (grad[i] - lam * np.sign(grad[i]))
        else:
            out[i] = 0.0
    return out


def update(loss: QuadraticLoss, rule: str, w, *, eta: float, lam: float = 0.0) -> np.ndarray:
    """One step of ``rule`` from w (see the module's docstring for the rules).

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    rule : {"none", "l2", "l1-subgradient", "l1", "l1-clip"}
    w : array_like of shape (2,)
    eta : float > 0
        The step size.
    lam : float >= 0
        The penalty's weight (unused by ``"none"``).

    Returns
    -------
    ndarray of shape (2,)

    Raises
    ------
    ValueError
        A loss that is not a 2-D QuadraticLoss, an unknown rule, w not two finite numbers,
        eta not a finite number > 0, lam not a finite number >= 0.
    """
    check_loss_2d(loss, what="the optimizer paths live in the weight plane")
    rule = _check_rule(rule)
    w = _check_point(w, "w")
    eta = _check_eta(eta)
    lam = check_lambda(lam)
    return _step(loss.hessian, loss.linear, rule, w, eta, lam)


def optimizer_path(
    loss: QuadraticLoss, rule: str, start, *, eta: float, lam: float = 0.0, steps: int = DEFAULT_STEPS
) -> OptimizerPath:
    """The iterates of ``rule`` from ``start``: ``steps`` updates (:func:`update`) with one η and λ.

    Contract: with ``eta <= 1/L`` (:func:`default_step`) ``"none"`` tends to the OLS point,
    ``"l2"`` to the ridge optimum ``argmin J0 + lam ||w||²``, ``"l1"`` and ``"l1-clip"`` to the
    lasso optimum ``argmin J0 + lam ||w||_1``, and where that optimum has a zero weight whose
    loss pull is strictly below lam (``|∂J0/∂w_i| < lam``, the usual case) their iterates
    hold that weight at exactly 0.0 after finitely many steps. How many steps reach a distance
    ε is about ``log(ε / distance) / log(1 - eta·μ)`` with μ the smallest curvature along the
    optimum's nonzero weights; for the lab's default data :data:`DEFAULT_STEPS` reaches 1e-12.

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    rule : {"none", "l2", "l1-subgradient", "l1", "l1-clip"}
    start : array_like of shape (2,)
    eta : float > 0
    lam : float >= 0
    steps : int >= 0

    Returns
    -------
    OptimizerPath
        Its ``points`` stop early (``stopped``) once a weight exceeds
        ``BLOWUP * max(1, |start|_inf, |w_OLS|_inf)``.

    Raises
    ------
    ValueError
        As :func:`update`, and steps not a whole number >= 0.

    Examples
    --------
    >>> loss = QuadraticLoss(np.eye(2), [1.0, 0.25])
    >>> optimizer_path(loss, "l1", [0.0, 0.0], eta=1.0, lam=0.5, steps=1).end  # soft thresholding
    array([0.5, 0. ])
    """
    check_loss_2d(loss, what="the optimizer paths live in the weight plane")
    rule = _check_rule(rule)
    w = _check_point(start, "start")
    eta = _check_eta(eta)
    lam = check_lambda(lam)
    steps = check_whole_number(steps, "steps", minimum=0)
    H, g = loss.hessian, loss.linear
    bound = BLOWUP * max(1.0, float(np.max(np.abs(w))), float(np.max(np.abs(loss.ols_point))))
    points = [w]
    stopped = False
    for _ in range(steps):
        w = _step(H, g, rule, w, eta, lam)
        if not (abs(w[0]) <= bound and abs(w[1]) <= bound):
            stopped = True
            break
        points.append(w)
    return OptimizerPath(
        rule=rule,
        points=np.array(points),
        eta=eta,
        lam=lam,
        diverges=eta >= step_limit(loss, rule, lam),
        stopped=stopped,
    )


def sign_flips(points) -> np.ndarray:
    """How often each weight changes sign from one iterate to the next without stopping at 0.

    A weight going from positive to negative (or back) in one step counts once; a stop at
    exactly 0 in between does not count.

    Parameters
    ----------
    points : array_like of shape (k, 2)

    Returns
    -------
    ndarray of int, shape (2,)

    Raises
    ------
    ValueError
        points not a finite (k, 2) array.
    """
    pts = check_array(points, "points", ndim=2)
    if pts.shape[1] != 2:
        raise ValueError(f"points must have shape (k, 2), got {pts.shape}")
    return np.count_nonzero(pts[1:] * pts[:-1] < 0, axis=0)
