"""The three-weight panel's figure and sentence, from a table of :mod:`components.group_model`.

Pure builders (plain JSON-ready values, no Dash):

- :func:`table_entry`: a region's entry of a table at a slider position (between grid
  positions, for a typed λ);
- :func:`group_figure`: the 3-D figure for a region and a slider position: the region's mesh
  scaled to its size at the touch point, the loss's level surface through the touch point, the
  OLS point, the touch point and the axes (traces :data:`GROUP_TRACE_UIDS`); the title names the
  model (:func:`model_title`);
- :func:`group_text`: the sentence under it: the model (:func:`model_label`), λ, the touch point
  and why weights are (not) exactly 0; :func:`sentence_strings` are its templates, for the
  panel's script (``assets/group_panel.js``), which writes the same sentence in the browser.

The string keys keep the prefix ``group_panel.``.
"""

from __future__ import annotations

import math

import numpy as np

from .formatting import format_number
from .i18n import normalize_lang, text
from .plot_style import OLS_COLOR, REGION_STYLE

__all__ = [
    "GROUP_TRACE_UIDS",
    "GROUP_TRACE_INDEX",
    "GROUP_COLOR",
    "STRINGS",
    "table_entry",
    "model_title",
    "model_label",
    "group_figure",
    "group_text",
    "sentence_strings",
]

#: the figure's traces in drawing order
GROUP_TRACE_UIDS: tuple[str, ...] = ("group-region-mesh", "group-ellipsoid", "group-ols", "group-touch", "group-axes")
GROUP_TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(GROUP_TRACE_UIDS)}
#: the group norm's colour (L1 and L2 keep the plane's)
GROUP_COLOR = "#2f9e44"
#: the keys of the sentence's templates (:func:`sentence_strings`)
_SENTENCE_KEYS: tuple[str, ...] = (
    "group_panel.sentence",
    "group_panel.why_group_zero",
    "group_panel.why_group_on",
    "group_panel.why_l1",
    "group_panel.none",
    "group_panel.why_l2",
)

STRINGS: dict[str, dict[str, str]] = {
    "group_panel.title_synthetic": {
        "en": "A fixed synthetic three-weight loss:<br>the lab's data have two weights",
        "zh": "固定的合成三权重损失：<br>实验室的数据只有两个权重",
    },
    "group_panel.title_dataset": {
        "en": "{dataset}: least squares on {f1}, {f2} and {f3};<br>{f3}: the feature most correlated with their fit's residual",
        "zh": "{dataset}：在 {f1}、{f2} 与 {f3} 上的最小二乘；<br>{f3}：与前两者拟合残差最相关的特征",
    },
    "group_panel.model_synthetic": {"en": "Synthetic loss", "zh": "合成损失"},
    "group_panel.model_dataset": {"en": "{dataset}, w = weights of ({f1}, {f2}, {f3})", "zh": "{dataset}，w 为 ({f1}, {f2}, {f3}) 的权重"},
    "group_panel.dataset_diabetes": {"en": "Diabetes", "zh": "糖尿病"},
    "group_panel.region_l1": {"en": "L1 octahedron", "zh": "L1 八面体"},
    "group_panel.region_l2": {"en": "L2 sphere", "zh": "L2 球"},
    "group_panel.region_group": {"en": "group norm (double cone)", "zh": "组范数（双锥）"},
    "group_panel.ols": {"en": "OLS", "zh": "OLS"},
    "group_panel.touch": {"en": "touch point", "zh": "切点"},
    "group_panel.ellipsoid": {"en": "J0 level surface", "zh": "J0 等值面"},
    "group_panel.sentence": {
        "en": "{model}. λ = {lam}: w = ({w1}, {w2}, {w3}). {why}",
        "zh": "{model}。λ = {lam}：w = ({w1}, {w2}, {w3})。{why}",
    },
    "group_panel.why_group_zero": {
        "en": "The group (w₁, w₂) is exactly 0 as a whole: λ ≥ λ_group = {thr}, where ‖∇_(w₁,w₂) J0‖ ≤ λ at w₁ = w₂ = 0 (the cone's tip).",
        "zh": "组 (w₁, w₂) 整体恰好为 0：λ ≥ λ_group = {thr}，此时在 w₁ = w₂ = 0 处 ‖∇_(w₁,w₂) J0‖ ≤ λ（双锥的尖端）。",
    },
    "group_panel.why_group_on": {
        "en": "The group (w₁, w₂) is non-zero (both together) below λ_group = {thr}; above it both are exactly 0.",
        "zh": "在 λ_group = {thr} 以下组 (w₁, w₂) 非零（两者一起）；在其之上两者都恰好为 0。",
    },
    "group_panel.why_l1": {
        "en": "L1 sets weights to 0 one at a time, at the octahedron's edges and corners: {zeros} exactly 0 here.",
        "zh": "L1 一次把一个权重置 0，发生在八面体的棱和顶点：此处 {zeros} 恰好为 0。",
    },
    "group_panel.none": {"en": "none", "zh": "没有权重"},
    "group_panel.why_l2": {
        "en": "The sphere has no corners: L2 shrinks every weight, none is exactly 0.",
        "zh": "球没有尖角：L2 收缩每个权重，没有一个恰好为 0。",
    },
}


def table_entry(table: dict, region: str, slider: float) -> dict:
    """A region's entry of a table (:func:`components.group_model.group_table`) at a slider
    position: exact at grid positions, linear in s between them; a position outside the grid
    reads the nearest end.

    Returns
    -------
    dict
        ``w`` (ndarray of shape (3,): the touch point), ``size`` (the region's size there),
        ``excess`` (``J0(w) − min J0``) and ``lam`` (λ = 10^s·``table["lambda_max"]``, s the
        position clamped to the grid).
    """
    grid = table["grid"]
    s = min(max(float(slider), grid[0]), grid[-1])
    k = min(int(np.searchsorted(grid, s, side="right")) - 1, len(grid) - 2)
    k = max(k, 0)
    frac = (s - grid[k]) / (grid[k + 1] - grid[k])
    if abs(frac) < 1e-9:
        frac = 0.0
    elif abs(frac - 1) < 1e-9:
        k, frac = k + 1, 0.0
    rows = table["touch"][region]

    def mix(key):
        a = np.asarray(rows[key][k], dtype=float)
        if frac == 0.0:
            return a
        return a + frac * (np.asarray(rows[key][k + 1], dtype=float) - a)

    return {"w": mix("w"), "size": float(mix("size")), "excess": float(mix("excess")), "lam": table["lambda_max"] * 10.0**s}


def _model_text(table: dict, lang: str, kind: str) -> str:
    if not table.get("dataset"):
        return text(f"group_panel.{kind}_synthetic", lang)
    f1, f2, f3 = table["features"]
    dataset = text(f"group_panel.dataset_{table['dataset']}", lang)
    return text(f"group_panel.{kind}_dataset", lang, dataset=dataset, f1=f1, f2=f2, f3=f3)


def model_title(table: dict, lang: str = "en") -> str:
    """The figure's title: which model the table holds (the fixed synthetic loss, or the data
    set's three features and how the third was chosen)."""
    return _model_text(table, lang, "title")


def model_label(table: dict, lang: str = "en") -> str:
    """The sentence's first words: the synthetic loss, or the data set and its three features."""
    return _model_text(table, lang, "model")


def group_figure(table: dict, region: str, slider: float, *, lang: str = "en") -> dict:
    """The 3-D figure (plain plotly dict) for a region and a slider position; traces in
    :data:`GROUP_TRACE_UIDS` order, each with its uid. The title names the model
    (:func:`model_title`); for a data set each axis title names its weight's feature."""
    lang = normalize_lang(lang)
    at = table_entry(table, region, slider)
    mesh, size = table["meshes"][region], at["size"]
    ols = table["ols"]
    root = math.sqrt(at["excess"])
    ell = table["ellipsoid"]
    color = GROUP_COLOR if region == "group" else REGION_STYLE[region]["color"]
    reach = 1.25 * max(abs(v) for v in ols)
    axis = {"range": [-reach, reach], "zeroline": True, "showspikes": False, "backgroundcolor": "#fafafa"}
    names = table.get("features") or ("", "", "")
    titles = [f"w{sub} · {name}" if name else f"w{sub}" for sub, name in zip("₁₂₃", names)]
    return {
        "data": [
            {
                "uid": "group-region-mesh", "type": "mesh3d", "name": text(f"group_panel.region_{region}", lang),
                "x": [size * v for v in mesh["x"]], "y": [size * v for v in mesh["y"]], "z": [size * v for v in mesh["z"]],
                "i": mesh["i"], "j": mesh["j"], "k": mesh["k"], "color": color, "opacity": 0.55,
                "flatshading": True, "hoverinfo": "skip", "showlegend": True,
            },
            {
                "uid": "group-ellipsoid", "type": "mesh3d", "name": text("group_panel.ellipsoid", lang),
                "x": [ols[0] + root * v for v in ell["x"]], "y": [ols[1] + root * v for v in ell["y"]],
                "z": [ols[2] + root * v for v in ell["z"]], "i": ell["i"], "j": ell["j"], "k": ell["k"],
                "color": "#f08c00", "opacity": 0.25, "hoverinfo": "skip", "showlegend": True,
            },
            {
                "uid": "group-ols", "type": "scatter3d", "mode": "markers", "name": text("group_panel.ols", lang),
                "x": [ols[0]], "y": [ols[1]], "z": [ols[2]], "marker": {"size": 4, "color": OLS_COLOR},
            },
            {
                "uid": "group-touch", "type": "scatter3d", "mode": "markers", "name": text("group_panel.touch", lang),
                "x": [float(at["w"][0])], "y": [float(at["w"][1])], "z": [float(at["w"][2])],
                "marker": {"size": 6, "color": color, "line": {"color": "white", "width": 1}},
                "hovertemplate": "w = (%{x:.4g}, %{y:.4g}, %{z:.4g})<extra></extra>",
            },
            {
                "uid": "group-axes", "type": "scatter3d", "mode": "lines", "showlegend": False, "hoverinfo": "skip",
                "x": [-reach, reach, None, 0, 0, None, 0, 0], "y": [0, 0, None, -reach, reach, None, 0, 0],
                "z": [0, 0, None, 0, 0, None, -reach, reach], "line": {"color": "#495057", "width": 2},
            },
        ],
        "layout": {
            "height": 380,
            "margin": {"l": 0, "r": 0, "t": 56, "b": 0},
            "title": {"text": model_title(table, lang), "font": {"size": 12}, "x": 0.01, "xanchor": "left", "y": 0.965,
                      "yanchor": "top"},
            "showlegend": True,
            "legend": {"orientation": "h", "x": 0, "y": 1.0, "font": {"size": 11}},
            "uirevision": "group",  # keeps the user's rotation when λ moves
            "scene": {
                "xaxis": {**axis, "title": {"text": titles[0]}},
                "yaxis": {**axis, "title": {"text": titles[1]}},
                "zaxis": {**axis, "title": {"text": titles[2]}},
                "aspectmode": "cube",
                "camera": {"eye": {"x": 1.5, "y": 1.3, "z": 0.9}},
            },
        },
    }  # fmt: skip


def group_text(table: dict, region: str, slider: float, *, lang: str = "en", fmt=None) -> str:
    """The sentence under the figure: the model (:func:`model_label`), λ, the touch point, and why
    weights are (not) exactly 0."""
    fmt = fmt or format_number
    lang = normalize_lang(lang)
    at = table_entry(table, region, slider)
    w = at["w"]
    if region == "group":
        key = "group_panel.why_group_zero" if w[0] == 0.0 and w[1] == 0.0 else "group_panel.why_group_on"
        why = text(key, lang, thr=fmt(table["threshold"]))
    elif region == "l1":
        zeros = [f"w{'₁₂₃'[i]}" for i in range(3) if w[i] == 0.0]
        why = text("group_panel.why_l1", lang, zeros=", ".join(zeros) if zeros else text("group_panel.none", lang))
    else:
        why = text("group_panel.why_l2", lang)
    return text("group_panel.sentence", lang, model=model_label(table, lang), lam=fmt(at["lam"]), w1=fmt(w[0]), w2=fmt(w[1]),
                w3=fmt(w[2]), why=why)


def sentence_strings(lang: str = "en") -> dict[str, str]:
    """The templates :func:`group_text` fills, in ``lang``, keyed without the ``group_panel.``
    prefix (``sentence``, ``why_group_zero``, ``why_group_on``, ``why_l1``, ``none``, ``why_l2``)."""
    lang = normalize_lang(lang)
    return {key.removeprefix("group_panel."): text(key, lang) for key in _SENTENCE_KEYS}
