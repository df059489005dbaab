"""The sparsity figure's second plot, for d = 2 (:func:`components.sparsity_figure.sparsity_figure`):
the unit regions (intercept 1) and where the Monte-Carlo's touch points land on them at the
current λ/λ_max (traces :data:`TOUCH_UIDS`), with one line of counts per region (on an axis, between
the axes, at the origin) under the plot's title.

Pure: plain JSON-ready dicts, no Dash. The strings are the sparsity figure's
(``sparsity_panel.touch_*`` in :data:`components.sparsity_figure.STRINGS`).
"""

from __future__ import annotations

import numpy as np

from geometry.regions import region_boundary
from geometry.sparsity import SPARSITY_PENALTIES, SparsityStudy, touch_classes, unit_touch_points

from .i18n import text
from .plot_style import FAST_AXIS, REGION_STYLE, region_name

__all__ = ["TOUCH_UIDS", "TOUCH_HEIGHT", "add_touch_plot"]

#: d = 2 only: the unit regions and where the touch points land on them
TOUCH_UIDS: tuple[str, ...] = (
    "sparsity-regions-l1",
    "sparsity-regions-l2",
    "sparsity-regions-elasticnet",
    "sparsity-touch-l1",
    "sparsity-touch-l2",
    "sparsity-touch-elasticnet",
)
#: the whole figure's height in pixels when it has this second plot
TOUCH_HEIGHT = 780


def _touch_traces(study: SparsityStudy, now: int, lang: str) -> tuple[list[dict], list[str]]:
    """d = 2: the unit regions and the touch points at the current factor, and one line of counts per region."""
    r = study.l1_ratio
    data, lines = [], []
    for region in SPARSITY_PENALTIES:
        style = REGION_STYLE[region]
        outline = region_boundary(region, 1.0, l1_ratio=r, num=96)  # intercept 1 (the EN budget r + 1 - r)
        data.append(
            {
                "type": "scatter",
                "uid": f"sparsity-regions-{region}",
                "mode": "lines",
                "x": outline[:, 0].tolist(),
                "y": outline[:, 1].tolist(),
                "xaxis": "x2",
                "yaxis": "y2",
                "line": {"color": style["color"], "width": 1.2, "dash": style["dash"]},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    for region in SPARSITY_PENALTIES:
        style = REGION_STYLE[region]
        w = study.weights[region][now]
        points = unit_touch_points(w, region, l1_ratio=r)
        classes = touch_classes(w)
        counts = {key: int(np.count_nonzero(classes == key)) for key in ("origin", "axis", "between")}
        name = region_name(region, lang)
        lines.append(text("sparsity_panel.touch_counts", lang, name=name, **counts))
        keep = ~np.isnan(points[:, 0])
        data.append(
            {
                "type": "scatter",
                "uid": f"sparsity-touch-{region}",
                "name": name,
                "legendgroup": region,
                "mode": "markers",
                "x": points[keep, 0].round(4).tolist(),
                "y": points[keep, 1].round(4).tolist(),
                "xaxis": "x2",
                "yaxis": "y2",
                "marker": {"symbol": style["symbol"], "size": 7, "color": style["color"], "opacity": 0.35},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    return data, lines


def add_touch_plot(data: list[dict], layout: dict, study: SparsityStudy, now: int, lang: str) -> None:
    """Add the d = 2 plot to a sparsity figure's ``data`` and ``layout`` (both changed in place).

    Appends the traces :data:`TOUCH_UIDS` (axes ``x2``/``y2``), moves the curves' plot to the
    top 40 % (``layout["yaxis"]["domain"]``), adds the equal-aspect axes ``xaxis2``/``yaxis2``,
    the counts as ``layout["annotations"]`` and ``layout["meta"]["touch"]``: ``{region:
    {"origin", "axis", "between": count of the optima at index ``now``}}``.

    Parameters
    ----------
    data, layout : list of dict, dict
        The figure's traces and layout as built by the sparsity figure (``layout`` with ``xaxis``,
        ``yaxis`` and ``meta``).
    study : SparsityStudy
        A study of 2-weight problems.
    now : int
        Index of the current λ/λ_max in ``study.factors``.
    lang : {"en", "zh"}
    """
    touch, lines = _touch_traces(study, now, lang)
    data += touch
    layout["yaxis"]["domain"] = [0.6, 1.0]
    layout["xaxis"]["anchor"] = "y"
    layout["xaxis2"] = {
        **FAST_AXIS,
        "domain": [0.0, 1.0],
        "anchor": "y2",
        "range": [-1.15, 1.15],
        "zeroline": True,
        "constrain": "domain",  # equal aspect by a narrower plot, not a wider range
    }
    layout["yaxis2"] = {
        **FAST_AXIS,
        "domain": [0.0, 0.38],
        "anchor": "x2",
        "range": [-1.15, 1.15],
        "scaleanchor": "x2",
        "scaleratio": 1,
        "zeroline": True,
    }
    layout["annotations"] = [
        {
            "text": "<br>".join([text("sparsity_panel.touch_title", lang), *lines]),
            "xref": "paper",
            "yref": "paper",
            "x": 0.0,
            "y": 0.395,
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "showarrow": False,
            "font": {"size": 11},
        }
    ]
    layout["meta"]["touch"] = {
        region: {
            key: int(np.count_nonzero(touch_classes(study.weights[region][now]) == key))
            for key in ("origin", "axis", "between")
        }
        for region in SPARSITY_PENALTIES
    }
