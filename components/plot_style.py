"""How the two graphs look: colours, the regions' styles, the shared layout and graph options.

One place for every visual constant the weight plane, the data panel and the legends share.
"""

from __future__ import annotations

from .formatting import format_number
from .i18n import text

__all__ = [
    "blank_figure",
    "REGION_KEYS",
    "REGION_STYLE",
    "LP_STYLE",
    "region_name",
    "lp_name",
    "CONTOUR_COLOR",
    "TOUCH_CONTOUR_COLOR",
    "OLS_COLOR",
    "PLOT_LOOK",
    "FAST_AXIS",
    "GRAPH_CONFIG",
    "draggable_marker",
]

#: uid prefix of each region
REGION_KEYS = {"l1": "l1", "l2": "l2", "elasticnet": "en"}

#: Each region's colour, and a marker symbol (touch point) and a line dash (outline) of its own,
#: so that the regions differ by more than colour (L1 and elastic net look alike under
#: protanopia). The colours are also the regions' text colours (``--l1``, ``--l2``, ``--en`` in
#: assets/lab.css): at least 4.5:1 on white and on the page background. ``name`` is the English
#: name (:func:`region_name` gives it in a language).
REGION_STYLE = {
    "l1": {
        "name": "L1 (lasso)", "shape": "diamond", "color": "#c2410c", "fill": "rgba(194,65,12,0.13)",
        "symbol": "diamond", "dash": "solid", "mark": "◆",
    },
    "l2": {
        "name": "L2 (ridge)", "shape": "circle", "color": "#1864ab", "fill": "rgba(24,100,171,0.11)",
        "symbol": "circle", "dash": "dash", "mark": "●",
    },
    "elasticnet": {
        "name": "Elastic net", "shape": "region", "color": "#2b7a3b", "fill": "rgba(43,122,59,0.11)",
        "symbol": "square", "dash": "dashdot", "mark": "■",
    },
}  # fmt: skip
#: The p-norm ball's look (weight plane and norm-family panel); not in REGION_STYLE, whose three
#: regions every panel shows: the p-ball is drawn by the plane and the norm-family panel only.
LP_STYLE = {
    "color": "#ae3ec9", "fill": "rgba(174,62,201,0.10)", "symbol": "star", "dash": "longdash", "mark": "★",
}  # fmt: skip


def region_name(region: str, lang: str = "en") -> str:
    """A region's name in a language (``REGION_STYLE[region]["name"]`` is the English one)."""
    return text(f"region.{region}", lang)


def lp_name(p: float, lang: str = "en") -> str:
    """The p-norm ball's name with its p, in a language."""
    return text("region.lp", lang, p=format_number(p))


#: the background contours: 3.4:1 on the white plot, still visible on a projector
CONTOUR_COLOR = "#8a8a99"
#: the contours through the touch points: one trace for all regions (plotly redraws every trace
#: on each λ step), each passing through its region's coloured touch point
TOUCH_CONTOUR_COLOR = "#343a40"
#: Layout settings both graphs share: plotly_white's look, spelled out. No ``layout.template``:
#: dcc.Graph deep-copies the layout on every update and plotly takes a template that is not
#: the same object for a new one, so with a template every update (even dcc.Graph syncing a
#: dragged shape back into its figure) is a full recalculation.
PLOT_LOOK = {"plot_bgcolor": "white", "paper_bgcolor": "white", "autosize": True}
#: Axis settings both graphs share. Plotly writes the axis type it detects back into the
#: graph's layout, so a figure that leaves it out differs from what is drawn; labels may reach
#: into the margin, so no per-label overlap measuring on each redraw.
FAST_AXIS = {"type": "linear", "ticklabeloverflow": "allow", "gridcolor": "#ebeef2", "linecolor": "#ebeef2"}
OLS_COLOR = "#212529"

#: Graph options: keep "download as PNG" for teachers, drop the zoom/select tools the fixed
#: views do not use and anything that would send the chart to a cloud service; shapes (the OLS centre in loss-shape mode) are dragged by plotly.
GRAPH_CONFIG = {
    "displaylogo": False,
    "displayModeBar": "hover",
    # nothing leaves the machine: no "Share chart" / "Edit in Chart Studio" / link to a cloud
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "modeBarButtonsToRemove": [
        "sendDataToCloud",
        "zoom2d",
        "pan2d",
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "resetScale2d",
    ],
    "edits": {"shapePosition": True},
    "scrollZoom": False,
    "doubleClick": False,
}


def draggable_marker(x: float, y: float, *, radius: int, fill: str, line: dict) -> dict:
    """A plotly shape the user can drag: a circle of ``radius`` pixels anchored at (x, y).

    Dragging it reports ``shapes[i].xanchor`` / ``shapes[i].yanchor`` in relayoutData.
    """
    return {
        "type": "circle",
        "xref": "x",
        "yref": "y",
        "xsizemode": "pixel",
        "ysizemode": "pixel",
        "xanchor": x,
        "yanchor": y,
        "x0": -radius,
        "x1": radius,
        "y0": -radius,
        "y1": radius,
        "fillcolor": fill,
        "line": line,
        "editable": True,
    }


def blank_figure(height: int, message: str = "", **layout) -> dict:
    """A figure with nothing drawn and no axes, ``height`` px high, with ``message`` in its middle
    if given (a panel before it is first opened, or one that cannot draw); ``layout``: more of
    the figure's layout."""
    out = {"height": height, "xaxis": {"visible": False}, "yaxis": {"visible": False}, **layout}
    if message:
        note = {"text": message, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False}
        out["annotations"] = [note]
    return {"data": [], "layout": out}
