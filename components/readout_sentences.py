"""The readout's sentences: why each shown region's optimum sits where it does, in English or 中文.

Pure (no Dash): :func:`explanation` writes a few sentences for a scene (``scene-store``), a
view and the view's touch points: L1 first (a corner's kink absorbs any slope up to λ, so a
lasso weight stays exactly 0 on a whole interval of λ: :func:`lasso_zero_interval`), L2 in
contrast with it (a ridge weight is 0 only at the single λ where its path crosses 0:
:func:`ridge_zero_lambdas`), then the elastic net and the p-norm ball. Every sentence is true
for every state (``tests/test_readout.py`` checks each claim against the solvers).

:data:`STRINGS` holds the sentences' ``readout.*`` strings; :mod:`components.readout` puts the
explanation under the readout's table.
"""

from __future__ import annotations

import math

import numpy as np

from geometry import QuadraticLoss, l1_solution_segment
from geometry.scene import loss_from_scene
from geometry.touch import Touch

from .formatting import format_number
from .i18n import normalize_lang, text
from .penalty_control import DEFAULT_P
from .plane_traces import lp_touch

__all__ = ["STRINGS", "ridge_zero_lambdas", "lasso_zero_interval", "explanation"]

_SUB = "₁₂"

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "readout.none_shown": {
        "en": "Tick L1, L2, elastic net or the p-norm ball above the plot to see a region touch the contours.",
        "zh": "在图的上方勾选 L1、L2、弹性网络或 p 范数球，就能看到区域与等高线相切。",
    },
    "readout.lp_nonconvex": {
        "en": "The p-norm ball with p = {p} < 1 is not convex, so J0 can have several local minima on it; with the "
        "diamond's intercept t = {t} the global one is w = ({w1}, {w2}), with {zeros} of 2 weights exactly 0.",
        "zh": "p = {p} < 1 的 p 范数球不是凸的，J0 在其上可能有多个局部最小点；取与菱形相同的截距 t = {t}，"
        "全局最优点是 w = ({w1}, {w2})，2 个权重中有 {zeros} 个恰好为 0。",
    },
    "readout.lp_convex": {
        "en": "The p-norm ball with p = {p} ≥ 1 is convex; with the diamond's intercept t = {t} the contour first "
        "touches it at w = ({w1}, {w2}), with {zeros} of 2 weights exactly 0.",
        "zh": "p = {p} ≥ 1 的 p 范数球是凸的；取与菱形相同的截距 t = {t}，等高线首先在 w = ({w1}, {w2}) 处与它相切，"
        "2 个权重中有 {zeros} 个恰好为 0。",
    },
    "readout.t_zero": {
        "en": "With t = 0 every region is a single point, the origin: both weights are exactly 0.",
        "zh": "t = 0 时每个区域都只是一个点，即原点：两个权重都恰好为 0。",
    },
    "readout.and": {"en": " and ", "zh": "和"},
    "readout.corner_zero": {
        "en": "w{j} is exactly 0: |∂J0/∂w{j}| = {slope} ≤ {threshold} = {limit}, so the contour touches the corner "
        "on the w{k} axis.",
        "zh": "w{j} 恰好为 0：|∂J0/∂w{j}| = {slope} ≤ {threshold} = {limit}，所以等高线与区域在 w{k} 轴上的尖角相切。",
    },
    "readout.l1_corner_zero": {
        "en": "w{j} is exactly 0: |∂J0/∂w{j}| = {slope} ≤ {threshold} = {limit}, so the contour touches the "
        "diamond's corner on the w{k} axis.",
        "zh": "w{j} 恰好为 0：|∂J0/∂w{j}| = {slope} ≤ {threshold} = {limit}，所以等高线与菱形在 w{k} 轴上的尖角相切。",
    },
    "readout.region_ols": {
        "en": "λ = 0 here: the region reaches the OLS point, so the weights are the OLS weights.",
        "zh": "这里 λ = 0：区域伸到了 OLS 点，所以权重就是 OLS 的权重。",
    },
    "readout.between_corners": {
        "en": "Both weights are non-zero: the contour touches the region between its corners.",
        "zh": "两个权重都不为 0：等高线在区域的两个尖角之间与它相切。",
    },
    "readout.l1_both_zero": {
        "en": "Both weights are exactly 0: λ = {lam} ≥ λ_max = {lam_max}, so at the origin |∂J0/∂wᵢ| ≤ λ for both "
        "weights; the diamond has shrunk to a point.",
        "zh": "两个权重都恰好为 0：λ = {lam} ≥ λ_max = {lam_max}，所以在原点处两个权重的 |∂J0/∂wᵢ| 都 ≤ λ；"
        "菱形已缩成一个点。",
    },
    "readout.l1_stays_above": {
        "en": "The corner's kink absorbs any slope up to λ, so w{j} stays exactly 0 for every λ ≥ {low}.",
        "zh": "尖角处的折点能吸收不超过 λ 的任何斜率，所以对每个 λ ≥ {low}，w{j} 都保持恰好为 0。",
    },
    "readout.l1_stays_between": {
        "en": "The corner's kink absorbs any slope up to λ, so w{j} stays exactly 0 for every λ from {low} to "
        "{high}.",
        "zh": "尖角处的折点能吸收不超过 λ 的任何斜率，所以 λ 从 {low} 到 {high} 的每个值上，w{j} 都保持恰好为 0。",
    },
    "readout.l1_ols": {
        "en": "λ = 0 here: the diamond reaches the OLS point, so the lasso's weights are the OLS weights.",
        "zh": "这里 λ = 0：菱形伸到了 OLS 点，所以 Lasso 的权重就是 OLS 的权重。",
    },
    "readout.l1_segment": {
        "en": "The lasso's answer is not unique here: the two features are duplicates, so the contours run "
        "parallel to an edge of the diamond and touch it along the whole edge from {start} to {end} (drawn "
        "thick). Every point of it has the same J0 and the same ‖w‖₁; the solver reports one of them. Ridge's "
        "answer stays unique: the circle has no flat edge.",
        "zh": "这里 Lasso 的解不唯一：两个特征完全相同，等高线与菱形的一条边平行，沿着从 {start} 到 {end} 的整条边"
        "（粗线）相切。边上每一点的 J0 和 ‖w‖₁ 都相同；求解器只给出其中一点。岭回归的解仍然唯一：圆没有平直的边。",
    },
    "readout.l1_edge": {
        "en": "Both L1 weights are non-zero: the contour touches an edge of the diamond, where |∂J0/∂w₁| = "
        "|∂J0/∂w₂| = λ = {lam}; a larger λ shrinks the diamond until a corner touches.",
        "zh": "两个 L1 权重都不为 0：等高线与菱形的一条边相切，那里 |∂J0/∂w₁| = |∂J0/∂w₂| = λ = {lam}；"
        "更大的 λ 会使菱形缩小，直到由一个尖角相切。",
    },
    "readout.l2_ols": {
        "en": "For ridge (L2) λ = 0 here: the circle reaches the OLS point {pair}.",
        "zh": "对岭回归（L2），这里 λ = 0：圆伸到了 OLS 点 {pair}。",
    },
    "readout.l2_ols_contrast": {
        "en": "By contrast, for ridge (L2) λ = 0 here: the circle reaches the OLS point {pair}.",
        "zh": "相比之下，对岭回归（L2），这里 λ = 0：圆伸到了 OLS 点 {pair}。",
    },
    "readout.l2_lead": {"en": "Ridge (L2) has", "zh": "岭回归（L2）"},
    "readout.l2_lead_contrast": {"en": "Ridge (L2), by contrast, has", "zh": "相比之下，岭回归（L2）"},
    "readout.l2_no_zero": {
        "en": "{lead} no corners to stop at: its circle shrinks both weights to {pair}, neither to exactly 0.",
        "zh": "{lead}没有可以停靠的尖角：它的圆把两个权重收缩到 {pair}，没有一个恰好为 0。",
    },
    "readout.l2_zero_one": {
        "en": "{lead} no corners: its circle shrinks the weights to {pair}, where {named} is exactly 0.",
        "zh": "{lead}没有尖角：它的圆把权重收缩到 {pair}，这里 {named} 恰好为 0。",
    },
    "readout.l2_zero_both": {
        "en": "{lead} no corners: its circle shrinks the weights to {pair}, where {named} are exactly 0.",
        "zh": "{lead}没有尖角：它的圆把权重收缩到 {pair}，这里 {named} 都恰好为 0。",
    },
    "readout.l2_always": {
        "en": "Here w{j} is 0 for every λ, as at the OLS point, because the ellipses' axes are parallel to the "
        "w axes.",
        "zh": "这里 w{j} 对每个 λ 都为 0，与 OLS 点处一样，因为椭圆的轴与 w 坐标轴平行。",
    },
    "readout.l2_crossing": {
        "en": "Its penalty λ‖w‖₂² is flat at 0, so a ridge weight is 0 only at the one λ where its path crosses "
        "0 ({where}), never on a whole interval of λ like a lasso weight.",
        "zh": "它的惩罚 λ‖w‖₂² 在 0 处是平的，所以岭回归的权重只在其路径穿过 0 的那一个 λ 处为 0（{where}），"
        "不会像 Lasso 的权重那样在一整段 λ 区间上为 0。",
    },
    "readout.l2_cross_at": {"en": "w{j} at λ = {lam}", "zh": "w{j} 在 λ = {lam} 处"},
    "readout.l2_where": {"en": "here {found}", "zh": "这里是 {found}"},
    "readout.l2_where_none": {"en": "here neither does for λ > 0", "zh": "这里对任何 λ > 0 都不会发生"},
    "readout.en_ridge": {
        "en": "With r = 0 the elastic net is ridge and its region is the circle: it touches at {pair}, {which}.",
        "zh": "r = 0 时弹性网络就是岭回归，它的区域就是圆：切点在 {pair}，{which}。",
    },
    "readout.en_ridge_zeros": {"en": "{named} exactly 0", "zh": "{named} 恰好为 0"},
    "readout.en_ridge_no_zero": {"en": "neither weight exactly 0", "zh": "没有一个权重恰好为 0"},
    "readout.en_lasso": {
        "en": "With r = 1 the elastic net is the lasso and its region is the diamond.",
        "zh": "r = 1 时弹性网络就是 Lasso，它的区域就是菱形。",
    },
    "readout.en_mixed": {
        "en": "The elastic-net region (r = {r}) has the diamond's corners with curved sides between them.",
        "zh": "弹性网络区域（r = {r}）有菱形的尖角，尖角之间是弯曲的边。",
    },
    "readout.en_both_zero": {
        "en": "Both its weights are exactly 0: r·λ = {rlam} ≥ λ_max = {lam_max}.",
        "zh": "它的两个权重都恰好为 0：r·λ = {rlam} ≥ λ_max = {lam_max}。",
    },
}


def _pair(w) -> str:
    return f"({format_number(w[0])}, {format_number(w[1])})"


def ridge_zero_lambdas(loss: QuadraticLoss) -> list[float | None]:
    """For each of the two weights, the λ > 0 where its ridge path w(λ) = (H + 2λI)⁻¹g is 0.

    In 2-D, ``w_j(λ) = ((h_kk + 2λ) g_j − h_jk g_k) / det(H + 2λI)`` (k the other weight): the
    numerator is linear in λ, so a ridge weight is 0 at one λ at most, unless it is 0 for every
    λ (``g_j = 0`` and ``h_jk = 0``), which is returned as ``0.0``. ``None``: no λ > 0.
    """
    h, g = loss.hessian, loss.linear
    out: list[float | None] = []
    for j in range(2):
        k = 1 - j
        if g[j] == 0.0:
            out.append(0.0 if h[j, k] * g[k] == 0.0 else None)
            continue
        root = (h[j, k] * g[k] - h[k, k] * g[j]) / (2.0 * g[j])
        out.append(float(root) if root > 0 else None)
    return out


def lasso_zero_interval(scene: dict, j: int, lam: float) -> tuple[float, float] | None:
    """The whole interval ``[low, high]`` of λ around ``lam`` on which the lasso's weight j is
    exactly 0, from the scene's exact lasso path (``high = inf``: it stays 0 up to λ_max and
    beyond). ``None`` if the scene has no path or w_j(lam) is not 0 there.
    """
    path = scene.get("lasso_path")
    if not path:
        return None
    lams = np.asarray(path["lambdas"], dtype=float)  # decreasing, lams[0] = lambda_max
    zero = np.asarray(path["weights"], dtype=float)[:, j] == 0.0
    # the segment [lams[k + 1], lams[k]] that holds lam; w_j = 0 on it <=> 0 at both ends
    k = min(max(int(np.searchsorted(-lams, -lam, side="right")) - 1, 0), len(lams) - 2)
    if lam == lams[k + 1] and zero[k + 1]:
        k += 1  # lam is a breakpoint where w_j is 0: start there
    elif not (zero[k] and (lam >= lams[0] or zero[k + 1])):
        return None
    high, low = k, k
    while high > 0 and zero[high - 1]:
        high -= 1
    while low + 1 < len(lams) and zero[low + 1]:
        low += 1
    if high == low and high > 0:
        return None  # a single breakpoint, not an interval
    return float(lams[low]), (math.inf if high == 0 else float(lams[high]))


def _join(parts: list[str], lang: str) -> str:
    """Sentences one after another: a space between English ones, none between Chinese ones."""
    return ("" if lang == "zh" else " ").join(parts)


def _corner_sentence(touch: Touch, grad: np.ndarray, threshold: str, limit: float, lang: str, *, key: str) -> str:
    """Why a region with corners (L1, or the elastic net with r > 0) touches where it does when
    at most one weight is 0: ``threshold`` names the slope the corner's kink absorbs (``λ`` or
    ``r·λ``) and ``limit`` is its value; ``key``: the sentence for one zero weight."""
    zeros = [i for i in range(2) if touch.w[i] == 0.0]
    if len(zeros) == 1:
        j, k = zeros[0], 1 - zeros[0]
        return text(
            key, lang, j=_SUB[j], k=_SUB[k], slope=format_number(abs(grad[j])), threshold=threshold,
            limit=format_number(limit),
        )  # fmt: skip
    if touch.lam == 0:
        return text("readout.region_ols", lang)
    return text("readout.between_corners", lang)


def _l1_sentence(scene: dict, touch: Touch, grad: np.ndarray, lang: str, *, loss: QuadraticLoss) -> str:
    lam_max = float(scene["lambda_max"])
    zeros = [i for i in range(2) if touch.w[i] == 0.0]
    if len(zeros) == 2:
        return text("readout.l1_both_zero", lang, lam=format_number(touch.lam), lam_max=format_number(lam_max))
    segment = l1_solution_segment(loss, touch.w)
    if segment is not None:
        return text("readout.l1_segment", lang, start=_pair(segment[0]), end=_pair(segment[1]))
    if len(zeros) == 1:
        j = zeros[0]
        sentence = _corner_sentence(touch, grad, "λ", touch.lam, lang, key="readout.l1_corner_zero")
        interval = lasso_zero_interval(scene, j, touch.lam)
        if interval is not None:
            low, high = interval
            stays = (
                text("readout.l1_stays_above", lang, j=_SUB[j], low=format_number(low))
                if math.isinf(high)
                else text("readout.l1_stays_between", lang, j=_SUB[j], low=format_number(low), high=format_number(high))
            )
            sentence = _join([sentence, stays], lang)
        return sentence
    if touch.lam == 0:
        return text("readout.l1_ols", lang)
    return text("readout.l1_edge", lang, lam=format_number(touch.lam))


def _l2_sentence(loss: QuadraticLoss, touch: Touch, lang: str, *, contrast: bool) -> str:
    """Ridge: generically no exact zero; a weight is 0 only at the one λ where its path crosses 0."""
    w = touch.w
    zeros = [i for i in range(2) if w[i] == 0.0]
    lead = text("readout.l2_lead_contrast" if contrast else "readout.l2_lead", lang)
    if touch.lam == 0:
        head = text("readout.l2_ols_contrast" if contrast else "readout.l2_ols", lang, pair=_pair(w))
    elif not zeros:
        head = text("readout.l2_no_zero", lang, lead=lead, pair=_pair(w))
    else:
        named = text("readout.and", lang).join(f"w{_SUB[j]}" for j in zeros)
        key = "readout.l2_zero_one" if len(zeros) == 1 else "readout.l2_zero_both"
        head = text(key, lang, lead=lead, pair=_pair(w), named=named)
    crossings = ridge_zero_lambdas(loss)
    always = [j for j, root in enumerate(crossings) if root == 0.0]
    if always:
        return _join([head, text("readout.l2_always", lang, j=_SUB[always[0]])], lang)
    found = [
        text("readout.l2_cross_at", lang, j=_SUB[j], lam=format_number(root))
        for j, root in enumerate(crossings)
        if root is not None
    ]
    where = (
        text("readout.l2_where", lang, found=text("readout.and", lang).join(found))
        if found
        else text("readout.l2_where_none", lang)
    )
    return _join([head, text("readout.l2_crossing", lang, where=where)], lang)


def _en_sentence(touch: Touch, grad: np.ndarray, r: float, lam_max: float, lang: str) -> str:
    w = touch.w
    if r == 0.0:
        zeros = [f"w{_SUB[j]}" for j in range(2) if w[j] == 0.0]
        which = (
            text("readout.en_ridge_zeros", lang, named=text("readout.and", lang).join(zeros))
            if zeros
            else text("readout.en_ridge_no_zero", lang)
        )
        return text("readout.en_ridge", lang, pair=_pair(w), which=which)
    if r == 1.0:
        lead = text("readout.en_lasso", lang)
    else:
        lead = text("readout.en_mixed", lang, r=format_number(r))
    if np.all(w == 0.0):
        both = text("readout.en_both_zero", lang, rlam=format_number(r * touch.lam), lam_max=format_number(lam_max))
        return _join([lead, both], lang)
    return _join([lead, _corner_sentence(touch, grad, "r·λ", r * touch.lam, lang, key="readout.corner_zero")], lang)


def explanation(
    scene: dict, view: dict, touches: dict[str, Touch], lang: str | None = None, *, lp: np.ndarray | None = None
) -> str:
    """Why each shown region's optimum sits where it does (L1, L2 in contrast, elastic net,
    p-norm ball), in ``lang`` (default: the scene's); ``lp``: the ball's touch point if known."""
    lang = normalize_lang(lang if lang is not None else scene.get("lang"))
    loss = loss_from_scene(scene)
    shown = set(view.get("shown", ("l1", "l2")))
    if not shown & {"l1", "l2", "en", "lp"}:
        return text("readout.none_shown", lang)
    if view.get("mode") == "constrained" and all(touches[region].t == 0 for region in touches):
        return text("readout.t_zero", lang)
    r = float(view.get("l1_ratio", 0.5))
    parts = []
    if "l1" in shown:
        touch = touches["l1"]
        parts.append(_l1_sentence(scene, touch, loss.gradient(touch.w), lang, loss=loss))
    if "l2" in shown:
        parts.append(_l2_sentence(loss, touches["l2"], lang, contrast="l1" in shown))
    if "en" in shown:
        touch = touches["elasticnet"]
        parts.append(_en_sentence(touch, loss.gradient(touch.w), r, float(scene["lambda_max"]), lang))
    if "lp" in shown:
        parts.append(_lp_sentence(loss, touches["l1"].t, float(view.get("p", DEFAULT_P)), lang, w=lp))
    return _join(parts, lang)


def _lp_sentence(loss, t: float, p: float, lang: str, *, w: np.ndarray | None = None) -> str:
    """The p-norm ball's sentence: convex or not, its (global) touch point ``w`` (computed if not
    given) and its exact zeros."""
    w = lp_touch(loss, t, p) if w is None else w
    return text(
        "readout.lp_nonconvex" if p < 1 else "readout.lp_convex",
        lang,
        p=format_number(p),
        t=format_number(t),
        w1=format_number(w[0]),
        w2=format_number(w[1]),
        zeros=int(np.sum(w == 0.0)),
    )
