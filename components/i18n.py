"""Every string a user reads, in English and 中文: one table, looked up by key.

``text(key, lang, **fields)`` returns the string for ``key`` in ``lang`` (``"en"`` or ``"zh"``)
with ``str.format`` fields filled in. The table is :data:`STRINGS` here plus the ``STRINGS``
dict of each module in :data:`PART_MODULES` (strings kept beside the one module that uses
them); keys are unique across the parts, and every key has both languages
(``tests/test_i18n.py``).
"""

from __future__ import annotations

import functools
import importlib

__all__ = ["LANGS", "DEFAULT_LANG", "STRINGS", "PART_MODULES", "normalize_lang", "table", "text"]

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"

#: ``{key: {"en": ..., "zh": ...}}``: the strings of the lab's own panels (components/ and
#: assets/), keyed ``<module>.<name>``; simplified Chinese, the maths symbols as in English.
STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ the page (app.py)
    "page.title": {"en": "Regularization Geometry Lab", "zh": "正则化几何实验室"},
    "page.intro": {
        "en": "Loss contours J0(w) of a linear regression meet the L1 diamond and the L2 circle. Drag λ and "
        "watch where they first touch: the diamond's corners make L1 weights exactly 0.",
        "zh": "线性回归的损失等高线 J0(w) 与 L1 菱形和 L2 圆相遇。拖动 λ，观察它们首次相切的位置：菱形的尖角"
        "使 L1 的权重恰好为 0。",
    },
    "page.data": {"en": "Data", "zh": "数据"},
    "page.readout": {"en": "Readout", "zh": "读数"},
    # ------------------------------------------------------------------ shared by several panels
    "region.l1": {"en": "L1 (lasso)", "zh": "L1（Lasso）"},
    "region.l2": {"en": "L2 (ridge)", "zh": "L2（岭回归）"},
    "region.elasticnet": {"en": "Elastic net", "zh": "弹性网络"},
    "region.lp": {"en": "p-norm ball (p = {p})", "zh": "p 范数球（p = {p}）"},
    "input.comma": {
        "en": "Type a decimal point, not a comma: 0.5, not 0,5.",
        "zh": "请输入小数点，不要用逗号：写 0.5，而不是 0,5。",
    },
    "basis.x-x2": {"en": "x and x²", "zh": "x 与 x²"},
    "basis.x-x3": {"en": "x and x³ (correlated)", "zh": "x 与 x³（相关）"},
    "basis.correlated": {"en": "two features with correlation ρ", "zh": "相关系数为 ρ 的两个特征"},
    "basis.sin-cos": {"en": "sin(πx) and cos(πx)", "zh": "sin(πx) 与 cos(πx)"},
    "basis.duplicated": {"en": "x twice (duplicated feature)", "zh": "x 两次（重复的特征）"},
    # names of features that are words, not formulas (geometry/basis.py, components/stores.py)
    "feature.x again": {"en": "x again", "zh": "x（副本）"},
    "feature.feature 1": {"en": "feature 1", "zh": "特征 1"},
    "feature.feature 2": {"en": "feature 2", "zh": "特征 2"},
    # ------------------------------------------------------------------ penalty_control
    "penalty.show": {"en": "Show", "zh": "显示"},
    "penalty.l1": {"en": "L1 diamond", "zh": "L1 菱形"},
    "penalty.l2": {"en": "L2 circle", "zh": "L2 圆"},
    "penalty.en": {"en": "Elastic net", "zh": "弹性网络"},
    "penalty.lp": {"en": "p-norm ball", "zh": "p 范数球"},
    "penalty.p": {"en": "p (p-norm ball)", "zh": "p（p 范数球）"},
    "penalty.mix": {"en": "Elastic-net mix r (l1_ratio)", "zh": "弹性网络混合比 r（l1_ratio）"},
    "penalty.mark_ridge": {"en": "0 (ridge)", "zh": "0（岭回归）"},
    "penalty.mark_lasso": {"en": "1 (lasso)", "zh": "1（Lasso）"},
    # ------------------------------------------------------------------ lambda_control (.py and .js)
    "lambda.mode": {"en": "Mode", "zh": "形式"},
    "lambda.mode_penalized": {"en": "penalized (λ)", "zh": "惩罚形式（λ）"},
    "lambda.mode_constrained": {"en": "constrained (t)", "zh": "约束形式（t）"},
    "lambda.slider_hint": {
        "en": "log scale: the marks are multiples of λ_max (or of ‖w_OLS‖₁ in constrained mode)",
        "zh": "对数刻度：刻度是 λ_max 的倍数（约束形式下是 ‖w_OLS‖₁ 的倍数）",
    },
    "lambda.placeholder": {"en": "exact value", "zh": "精确值"},
    "lambda.keep_value": {"en": "the value of λ", "zh": "λ 的值"},
    "lambda.keep_ratio": {"en": "λ / λ_max", "zh": "λ / λ_max"},
    "lambda.below": {
        "en": "{name} = {value} is below the range; clamped to {factor}·{unit} = {bound}.",
        "zh": "{name} = {value} 低于范围，已限制为 {factor}·{unit} = {bound}。",
    },
    "lambda.above": {
        "en": "{name} = {value} is above the range; clamped to {factor}·{unit} = {bound}.",
        "zh": "{name} = {value} 高于范围，已限制为 {factor}·{unit} = {bound}。",
    },
    "lambda.ask": {"en": "Type a number for {name}.", "zh": "请为 {name} 输入一个数。"},
    "lambda.thumb": {"en": "{name} (log scale)", "zh": "{name}（对数刻度）"},
    # ------------------------------------------------------------------ weight_plane, plane_traces
    "plane.description": {
        "en": "Weight plane w₁, w₂: elliptical loss contours J0 around the OLS optimum (×), the L1 diamond, "
        "the L2 circle and the elastic-net region around w = 0, and the touch points where a contour "
        "first meets each region. The readout gives the touch points' weights.",
        "zh": "权重平面 w₁、w₂：围绕 OLS 最优点（×）的椭圆形损失等高线 J0，以 w = 0 为中心的 L1 菱形、L2 圆"
        "和弹性网络区域，以及等高线首次碰到各区域的切点。读数给出各切点的权重。",
    },
    "plane.axis": {"en": "w{sub}  (weight of {feature})", "zh": "w{sub}（{feature} 的权重）"},
    "plane.ols_optimum": {"en": "OLS optimum", "zh": "OLS 最优点"},
    "plane.hover_lp": {
        "en": "<b>{name} touch point</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>‖w‖_p = t = {t} (the diamond's intercept)",
        "zh": "<b>{name} 切点</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>‖w‖_p = t = {t}（与菱形的截距相同）",
    },
    "plane.hover": {
        "en": "<b>{name} touch point</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>penalty P(w) = {penalty}<br>"
        "J0 + λ·P = {total}<br>λ = {lam}, t = {t}",
        "zh": "<b>{name} 切点</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>惩罚 P(w) = {penalty}<br>"
        "J0 + λ·P = {total}<br>λ = {lam}，t = {t}",
    },
    # ------------------------------------------------------------------ legend
    "legend.contours": {"en": "loss contours J0", "zh": "损失等高线 J0"},
    "legend.ols": {"en": "OLS optimum (λ = 0)", "zh": "OLS 最优点（λ = 0）"},
    "legend.touch_contour": {"en": "contour through a touch point", "zh": "经过切点的等高线"},
    "legend.lp": {
        "en": "p-norm ball with the diamond's intercept, its global touch point",
        "zh": "与菱形截距相同的 p 范数球及其全局切点",
    },
    "legend.key": {
        "en": "marker = touch point (regularized optimum), line = region ‖w‖ ≤ t:",
        "zh": "标记 = 切点（正则化最优解），线 = 区域 ‖w‖ ≤ t：",
    },
    "legend.data": {"en": "data", "zh": "数据"},
    "legend.ols_fit": {"en": "OLS fit", "zh": "OLS 拟合"},
    "legend.fit": {"en": "{name} fit", "zh": "{name} 拟合"},
    # ------------------------------------------------------------------ data_panel, data_figure
    "data.description": {
        "en": "Data: the points (x, y) of the regression and the curves fitted to them by OLS and by each "
        "region shown in the weight plane. Drag a point to move it, click to add one, double-click to remove it.",
        "zh": "数据：回归的数据点 (x, y)，以及 OLS 和权重平面中显示的各区域对它们拟合出的曲线。拖动一个点可移动它，"
        "单击可添加一个点，双击可删除一个点。",
    },
    "data.loss_from": {"en": "Loss from", "zh": "损失来自"},
    "data.source_points": {"en": "data points", "zh": "数据点"},
    "data.source_shape": {"en": "loss shape (no data)", "zh": "损失形状（无数据）"},
    "data.keep": {"en": "New data keep", "zh": "换数据时保持"},
    "data.features": {"en": "Features", "zh": "特征"},
    "data.rho": {"en": "Correlation ρ", "zh": "相关系数 ρ"},
    # the basis chooser's own words (dcc.Dropdown's ``labels``; English: Dash's defaults)
    "data.dropdown_search": {"en": "Search", "zh": "搜索"},
    "data.dropdown_clear_search": {"en": "Clear search", "zh": "清除搜索"},
    "data.dropdown_no_options": {"en": "No options found", "zh": "没有匹配的选项"},
    "data.generator": {"en": "Synthetic data generator", "zh": "合成数据生成器"},
    "data.n": {"en": "n points", "zh": "点数 n"},
    "data.w1": {"en": "true w₁", "zh": "真实 w₁"},
    "data.w2": {"en": "true w₂", "zh": "真实 w₂"},
    "data.noise": {"en": "noise σ", "zh": "噪声 σ"},
    "data.seed": {"en": "seed", "zh": "随机种子"},
    "data.resample": {"en": "Resample data", "zh": "重新生成数据"},
    "data.points_hint": {
        "en": "Drag a point to move it · click empty space to add one · double-click a point to remove it · "
        "keyboard: Tab to the plot, arrows pick a point, Shift+arrows move it, Delete removes it, a adds one.",
        "zh": "拖动一个点可移动它 · 单击空白处可添加一个点 · 双击一个点可删除它 · 键盘：按 Tab 进入图，"
        "方向键选择一个点，Shift+方向键移动它，Delete 删除它，a 添加一个点。",
    },
    "data.eccentricity": {"en": "Eccentricity", "zh": "离心率"},
    "data.ecc_circle": {"en": "circle", "zh": "圆"},
    "data.rotation": {"en": "Rotation (°)", "zh": "旋转角（°）"},
    "data.shape_hint": {
        "en": "Drag the OLS point (×) in the weight plane to move the centre of the ellipses.",
        "zh": "在权重平面中拖动 OLS 点（×）即可移动椭圆的中心。",
    },
    "data.point_hover": {"en": "drag to move, double-click to remove", "zh": "拖动可移动，双击可删除"},
    "data.shape_note": {
        "en": "Loss-shape mode: no data.<br>Drag the OLS point (×) in the weight plane,<br>"
        "set eccentricity and rotation below.",
        "zh": "损失形状模式：没有数据。<br>在权重平面中拖动 OLS 点（×），<br>并在下方设置离心率和旋转角。",
    },
    # ------------------------------------------------------------------ data_edit.js, data_edit_keys.js
    "edit.point": {"en": "Point {n}: {where}", "zh": "第 {n} 个点：{where}"},
    "edit.edge": {
        "en": " (the edge of the data window: x stays from {low} to {high})",
        "zh": "（数据窗口的边缘：x 保持在 {low} 到 {high} 之间）",
    },
    "edit.selected": {
        "en": "Point {n} of {count}: {where}. Shift+arrows move it, Delete removes it.",
        "zh": "第 {n} 个点（共 {count} 个）：{where}。Shift+方向键移动它，Delete 删除它。",
    },
    # ------------------------------------------------------------------ data_edit.py (refused edits)
    "edit.malformed_number": {
        "en": "Ignored a malformed {op} edit: {key} must be a number, got {value}.",
        "zh": "已忽略一个格式错误的 {op} 编辑：{key} 必须是数，收到的是 {value}。",
    },
    "edit.malformed_index": {
        "en": "Ignored a malformed {op} edit: index must be a whole number, got {value}.",
        "zh": "已忽略一个格式错误的 {op} 编辑：index 必须是整数，收到的是 {value}。",
    },
    "edit.remove_where": {"en": "Double-click on a point to remove it.", "zh": "双击一个点即可删除它。"},
    "edit.move_no_point": {
        "en": "Ignored a malformed move edit: it names no point.",
        "zh": "已忽略一个格式错误的移动编辑：它没有指明是哪个点。",
    },
    "edit.unknown_source": {
        "en": "Unknown source {value}; choose 'points' or 'shape'.",
        "zh": "未知的损失来源 {value}；请选择 'points' 或 'shape'。",
    },
    "edit.unknown_basis": {
        "en": "Unknown basis {value}; choose one of {options}.",
        "zh": "未知的特征组合 {value}；请从 {options} 中选择。",
    },
    "edit.not_a_dict": {
        "en": "Ignored a malformed edit: expected a dict, got {type}.",
        "zh": "已忽略一个格式错误的编辑：应为 dict，收到的是 {type}。",
    },
    "edit.unknown_op": {
        "en": "Ignored an edit with an unknown op {op}; ops are {ops}.",
        "zh": "已忽略一个未知操作 {op} 的编辑；可用的操作有 {ops}。",
    },
    # ------------------------------------------------------------------ problem.py (refused problems)
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
    # ------------------------------------------------------------------ glossary (readout's definitions)
    "glossary.summary": {"en": "What the symbols mean", "zh": "符号的含义"},
    "glossary.head_w1": {"en": "w₁", "zh": "w₁"},
    "glossary.head_w2": {"en": "w₂", "zh": "w₂"},
    "glossary.head_zeros": {"en": "exact zeros", "zh": "恰为 0 的个数"},
    "glossary.head_j0": {"en": "J0", "zh": "J0"},
    "glossary.head_penalty": {"en": "penalty P(w)", "zh": "惩罚 P(w)"},
    "glossary.head_t": {"en": "t (region size)", "zh": "t（区域大小）"},
    "glossary.head_lam": {"en": "λ", "zh": "λ"},
    "glossary.title_w1": {
        "en": "weight of the first feature φ₁ at the region's touch point",
        "zh": "区域切点处第一个特征 φ₁ 的权重",
    },
    "glossary.title_w2": {
        "en": "weight of the second feature φ₂ at the region's touch point",
        "zh": "区域切点处第二个特征 φ₂ 的权重",
    },
    "glossary.title_zeros": {
        "en": "how many weights are exactly 0.0, not merely small",
        "zh": "恰好等于 0.0（而不只是很小）的权重个数",
    },
    "glossary.title_j0": {
        "en": "the loss J0(w) = 1/(2n)‖y − Xw − b‖² at the touch point (b fitted, never penalized)",
        "zh": "切点处的损失 J0(w) = 1/(2n)‖y − Xw − b‖²（b 参与拟合，从不受惩罚）",
    },
    "glossary.title_penalty": {
        "en": "L1: ‖w‖₁ = |w₁| + |w₂|;  L2: ‖w‖₂² = w₁² + w₂²;  elastic net: r‖w‖₁ + (1−r)‖w‖₂²",
        "zh": "L1：‖w‖₁ = |w₁| + |w₂|；L2：‖w‖₂² = w₁² + w₂²；弹性网络：r‖w‖₁ + (1−r)‖w‖₂²",
    },
    "glossary.title_t": {
        "en": "where the region drawn through the touch point crosses the axes: t = ‖w‖₁ for the diamond, the "
        "radius t = ‖w‖₂ for the circle (so its P = t²), and for the elastic net the t with r·t + (1−r)·t² = "
        "r‖w‖₁ + (1−r)‖w‖₂²",
        "zh": "经过切点所画的区域与坐标轴的交点：菱形为 t = ‖w‖₁，圆为半径 t = ‖w‖₂（所以它的 P = t²），弹性网络则是"
        "满足 r·t + (1−r)·t² = r‖w‖₁ + (1−r)‖w‖₂² 的 t",
    },
    "glossary.title_lam": {
        "en": "the penalty's weight: each region's optimum minimises J0(w) + λ·P(w)",
        "zh": "惩罚的权重：每个区域的最优解使 J0(w) + λ·P(w) 最小",
    },
    "glossary.features_shape": {
        "en": "w₁, w₂: the weights of {first} and {second}. In loss-shape mode there is no data: you set J0's "
        "ellipse directly.",
        "zh": "w₁、w₂：{first} 和 {second} 的权重。损失形状模式下没有数据：你直接设定 J0 的椭圆。",
    },
    "glossary.features_rho": {
        "en": "φ₁, φ₂ are {label} (set ρ in the data panel)",
        "zh": "φ₁、φ₂ 是{label}（在数据面板中设置 ρ）",
    },
    "glossary.features_named": {"en": "φ₁ = {first}, φ₂ = {second}", "zh": "φ₁ = {first}，φ₂ = {second}"},
    "glossary.features": {
        "en": "w₁, w₂: the weights in ŷ = b + w₁φ₁(x) + w₂φ₂(x), where {which}; the intercept b is fitted, never "
        "penalized.",
        "zh": "w₁、w₂：ŷ = b + w₁φ₁(x) + w₂φ₂(x) 中的权重，其中 {which}；截距 b 参与拟合，但从不受惩罚。",
    },
    "glossary.j0": {
        "en": "J0(w) = 1/(2n)‖y − Xw − b‖²: the loss, half the mean squared error over the n points. Its "
        "contours are the ellipses; their centre is the OLS point (λ = 0).",
        "zh": "J0(w) = 1/(2n)‖y − Xw − b‖²：损失，即 n 个点上均方误差的一半。它的等高线就是这些椭圆；椭圆的中心是 "
        "OLS 点（λ = 0）。",
    },
    "glossary.lam": {
        "en": "λ: the penalty's weight; each region's optimum minimises J0(w) + λ·P(w). λ_max = ‖Xcᵀyc‖∞/n "
        "(Xc, yc the centred data) = the largest |∂J0/∂wᵢ| at w = 0: for λ ≥ λ_max the lasso's weights are both 0.",
        "zh": "λ：惩罚的权重；每个区域的最优解使 J0(w) + λ·P(w) 最小。λ_max = ‖Xcᵀyc‖∞/n（Xc、yc 为中心化后的"
        "数据）= w = 0 处最大的 |∂J0/∂wᵢ|：当 λ ≥ λ_max 时，Lasso 的两个权重都为 0。",
    },
    "glossary.slope": {
        "en": "∂J0/∂wᵢ: the slope of the loss along wᵢ at the touch point.",
        "zh": "∂J0/∂wᵢ：切点处损失沿 wᵢ 方向的斜率。",
    },
    "glossary.penalty": {
        "en": "P(w): the penalty, ‖w‖₁ = |w₁| + |w₂| for L1, ‖w‖₂² = w₁² + w₂² for L2, r‖w‖₁ + (1−r)‖w‖₂² for "
        "the elastic net with mix r.",
        "zh": "P(w)：惩罚项，L1 为 ‖w‖₁ = |w₁| + |w₂|，L2 为 ‖w‖₂² = w₁² + w₂²，混合比为 r 的弹性网络为 "
        "r‖w‖₁ + (1−r)‖w‖₂²。",
    },
    "glossary.t": {"en": "t: {title}.", "zh": "t：{title}。"},
    "glossary.zeros": {"en": "exact zeros: {title}.", "zh": "恰为 0 的个数：{title}。"},
    "glossary.sklearn": {
        "en": "In scikit-learn: L1 is Lasso(alpha=λ), L2 is Ridge(alpha=2nλ), the elastic net is "
        "ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r)).",
        "zh": "在 scikit-learn 中：L1 是 Lasso(alpha=λ)，L2 是 Ridge(alpha=2nλ)，弹性网络是 "
        "ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r))。",
    },
    # ------------------------------------------------------------------ readout: the explanation
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
    "plane.trace.loss_contours": {"en": "loss contours J0", "zh": "损失等高线 J0"},
    "plane.trace.touch_contours": {"en": "contours through the touch points", "zh": "经过切点的等高线"},
    "plane.trace.segment": {"en": "every point of this edge is an L1 optimum", "zh": "这条边上每一点都是 L1 最优解"},
    "plane.trace.cone": {"en": "normal cone", "zh": "法锥"},
    "plane.trace.ols": {"en": "OLS (λ = 0)", "zh": "OLS（λ = 0）"},
    "plane.trace.region": {"en": "{name} region", "zh": "{name} 区域"},
    "plane.trace.optimum": {"en": "{name} optimum", "zh": "{name} 最优解"},
    "plane.trace.lp_region": {"en": "p-norm ball (the diamond's intercept)", "zh": "p 范数球（与菱形截距相同）"},
    "plane.trace.lp_touch": {"en": "p-norm ball optimum (global)", "zh": "p 范数球最优解（全局）"},
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

#: modules whose own ``STRINGS`` dict is part of the table
PART_MODULES: tuple[str, ...] = (
    "components.classroom_panel",
    "components.dataset_panel",
    "components.sklearn_panel",
    "authoring.sklearn_code",
    "authoring.export",
    "components.export_panel",
    "authoring.url_state",
    "authoring.presets",
    "components.share_panel",
    "components.path_panel",
    "components.path_figure",
    "components.kink_panel",
    "components.kink_figure",
    "components.kink_sentences",
    "components.norm_panel",
    "components.group_panel",
    "components.optimizer_panel",
    "components.minibatch_panel",
    "components.minibatch_figure",
    "components.sparsity_panel",
    "components.sparsity_figure",
    "components.comparison_panel",
)


def normalize_lang(value) -> str:
    """``value`` if it names a language of the table, else :data:`DEFAULT_LANG`."""
    return value if isinstance(value, str) and value in LANGS else DEFAULT_LANG


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """The whole table: :data:`STRINGS` and every part's.

    Raises
    ------
    ValueError
        When two parts define the same key.
    """
    merged = dict(STRINGS)
    for name in PART_MODULES:
        part = importlib.import_module(name).STRINGS
        clash = sorted(set(part) & set(merged))
        if clash:
            raise ValueError(f"string keys defined twice ({name}): {', '.join(clash)}")
        merged.update(part)
    return merged


def text(key: str, lang: str = DEFAULT_LANG, /, **fields) -> str:
    """The string ``key`` in ``lang`` (English for an unknown language), formatted with ``fields``.

    Raises
    ------
    KeyError
        For a key the table does not have (a programming error, caught by the tests).
    """
    entry = table()[key]
    return entry[normalize_lang(lang)].format(**fields) if fields else entry[normalize_lang(lang)]
