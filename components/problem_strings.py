"""The messages of the problem's refused edits (:class:`components.problem.ProblemError`), in English and 中文.

Keys ``problem.*`` of the string table (:mod:`components.i18n`); their fields are the ones
:mod:`components.problem` raises them with (``count``, ``reason``, ``w1``, ``w2``, ``number``,
``low``, ``high``, ``got``, ``sub``). No logic: the checks and edits stay in :mod:`components.problem`.
"""

from __future__ import annotations

__all__ = ["STRINGS"]

#: the messages of :class:`components.problem.ProblemError`, keyed as the string table's
#: (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "problem.min_points": {
        "en": "At least {count} points are needed to fit two weights and an intercept.",
        "zh": "至少需要 {count} 个点才能拟合两个权重和一个截距。",
    },
    "problem.cannot_draw": {"en": "This problem cannot be drawn: {reason}.", "zh": "无法绘制这个问题：{reason}。"},
    "problem.flat": {
        "en": "All points have the same features (e.g. the same x): the loss is flat, so there are no contours "
        "to draw. Move a point sideways.",
        "zh": "所有点的特征都相同（例如 x 相同）：损失是平的，没有等高线可画。请把一个点横向移开。",
    },
    "problem.unstable": {
        "en": "These points nearly share their features (e.g. x values almost equal): the fit is unstable "
        "(OLS w = ({w1}, {w2})) and the ellipses would be needles. Spread the points along x.",
        "zh": "这些点的特征几乎相同（例如 x 值几乎相等）：拟合不稳定（OLS w = ({w1}, {w2})），椭圆会细得像针。"
        "请沿 x 方向把点分散开。",
    },
    "problem.no_signal": {
        "en": "The targets y carry no signal (constant y): every weight is 0. Move a point up or down.",
        "zh": "目标值 y 不含任何信息（y 为常数）：所有权重都为 0。请把一个点上移或下移。",
    },
    "problem.no_such_point": {"en": "There is no point number {number}.", "zh": "没有第 {number} 个点。"},
    "problem.finite": {"en": "A point needs finite coordinates.", "zh": "点的坐标必须是有限的数。"},
    "problem.max_points": {
        "en": "The data panel holds at most {count} points.",
        "zh": "数据面板最多容纳 {count} 个点。",
    },
    "problem.remove_min": {
        "en": "At least {count} points are needed; add one before removing another.",
        "zh": "至少需要 {count} 个点；请先添加一个点，再删除另一个。",
    },
    "problem.gen_n": {
        "en": "Generator: n points must be a whole number from {low} to {high}.",
        "zh": "生成器：点数 n 必须是 {low} 到 {high} 之间的整数。",
    },
    "problem.gen_noise": {
        "en": "Generator: noise σ must be a number ≥ 0 and ≤ {high} with at most two decimals.",
        "zh": "生成器：噪声 σ 必须是 ≥ 0 且 ≤ {high} 的数，最多两位小数。",
    },
    "problem.gen_seed": {
        "en": "Generator: seed must be a whole number from {low} to {high}.",
        "zh": "生成器：随机种子必须是 {low} 到 {high} 之间的整数。",
    },
    "problem.gen_seed_got": {
        "en": "Generator: seed must be a whole number from {low} to {high}, got {got}.",
        "zh": "生成器：随机种子必须是 {low} 到 {high} 之间的整数，收到的是 {got}。",
    },
    "problem.gen_weight": {
        "en": "Generator: true w{sub} must be a number with at most two decimals.",
        "zh": "生成器：真实 w{sub} 必须是最多两位小数的数。",
    },
    "problem.gen_incomplete": {
        "en": "Generator settings are incomplete: {reason}.",
        "zh": "生成器的设置不完整：{reason}。",
    },
    "problem.gen_refused": {"en": "Generator: {reason}.", "zh": "生成器：{reason}。"},
}

