"""The lab's current view as a file: standalone interactive HTML, PNG, SVG or plotly JSON.

The interactive figure (:func:`export_figure`) is a plain plotly figure: the weight plane of a
view as the app draws it (:func:`components.weight_plane.plane_for`), with a title and the
formula, and a slider built from plotly frames. Each frame holds the moving traces (regions,
touch points with their hover texts, the contours through the touch points) computed by the
app's own builder at one slider position: at least :data:`STEP_COUNT` log-spaced positions over
the app's slider range, plus the current one, where the figure opens. The background contours
and the OLS point are fixed.

Encoding: the moving curves (region outlines, contours through the touch points) are sent as
plotly.js typed arrays of float32 (7 significant digits, far below a pixel; NaN where the app's
list has a gap), at a fraction of the app's points (:data:`THIN_STEP`), and so are the background contours (at the
app's sampling); the touch points, their hover texts and the OLS point keep the app's exact
values. A frame holds only the traces that move. With
plotly.js inline (4.8 MB by itself) the file stays under 5 MB with all four regions shown.

Images go through plotly's kaleido and the system's Chromium (:func:`image_bytes`): the first
export of a process starts one browser, later ones reuse it.
"""

from __future__ import annotations

import base64
import math
import threading
from pathlib import Path

import numpy as np
import plotly.io as pio
from plotly.offline import get_plotlyjs

from components.formatting import format_number
from components.i18n import normalize_lang, text
from components.lambda_control import SLIDER_MAX, SLIDER_MIN, reference_value
from components.penalty_control import DEFAULT_P
from components.plot_style import GRAPH_CONFIG
from components.stores import build_scene
from components.view import view_for_scene, view_with_defaults
from components.weight_plane import plane_for

try:  # kaleido draws the images; without it HTML and JSON still work
    import kaleido
    from kaleido.errors import ChromeNotFoundError
except ImportError:  # pragma: no cover - kaleido is in requirements.txt
    kaleido = None

__all__ = [
    "FORMATS",
    "IMAGE_FORMATS",
    "PLOTLYJS_CHOICES",
    "STEP_COUNT",
    "IMAGE_SIZE",
    "STRINGS",
    "FIXED_UIDS",
    "CURVE_UIDS",
    "view_at_value",
    "slider_steps",
    "export_figure",
    "figure_html",
    "figure_json",
    "image_bytes",
    "image_server_running",
    "export_bytes",
    "write_export",
]

#: every format a view exports to
FORMATS: tuple[str, ...] = ("html", "png", "svg", "json")
#: the formats drawn by kaleido
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg")
#: how an HTML file gets plotly.js, and ``write_html``'s ``include_plotlyjs`` for each
PLOTLYJS_CHOICES: dict[str, object] = {"inline": True, "directory": "directory", "cdn": "cdn"}
#: log-spaced slider positions over the app's whole slider range (the current one is added)
STEP_COUNT = 25
#: an image's size in CSS pixels when none is given: (width, height)
IMAGE_SIZE: tuple[int, int] = (820, 760)
#: traces that do not move with λ
FIXED_UIDS: tuple[str, ...] = ("loss-contours", "ols-point")
#: fixed curves sent as float32 typed arrays too (the background contours, at the app's sampling)
FIXED_CURVE_UIDS: tuple[str, ...] = ("loss-contours",)
#: moving traces sent as float32 typed arrays (curves; the touch points keep their exact values)
CURVE_UIDS: tuple[str, ...] = ("l1-region", "l2-region", "lp-region", "touch-contours", "en-region")
#: every how many points of the app's each curve is sent (:func:`every_other_point`): the smooth
#: region outlines (121 points, 3° apart on a circle) at every third, under half a pixel from the
#: app's on a plane 300 px across (the p-ball's axis points are at multiples of 3, so they stay),
#: the contours through the touch points at every other; the diamond (its five corners) whole
THIN_STEP: dict[str, int] = {"l2-region": 3, "en-region": 3, "lp-region": 3, "touch-contours": 2}

#: the figure's own strings (the hover texts are the app's)
STRINGS: dict[str, dict[str, str]] = {
    "export.title": {"en": "Regularization Geometry Lab: the weight plane", "zh": "正则化几何实验室：权重平面"},
    "export.region.l1": {"en": "L1 (lasso)", "zh": "L1（lasso）"},
    "export.region.l2": {"en": "L2 (ridge)", "zh": "L2（岭回归）"},
    "export.region.en": {"en": "elastic net (r = {r})", "zh": "弹性网络（r = {r}）"},
    "export.penalized.l1": {"en": "min J0(w) + λ‖w‖₁", "zh": "min J0(w) + λ‖w‖₁"},
    "export.penalized.l2": {"en": "min J0(w) + λ‖w‖₂²", "zh": "min J0(w) + λ‖w‖₂²"},
    "export.penalized.en": {"en": "min J0(w) + λ(r‖w‖₁ + (1−r)‖w‖₂²)", "zh": "min J0(w) + λ(r‖w‖₁ + (1−r)‖w‖₂²)"},
    "export.constrained.l1": {"en": "min J0(w) subject to ‖w‖₁ ≤ t", "zh": "min J0(w)，约束 ‖w‖₁ ≤ t"},
    "export.constrained.l2": {"en": "min J0(w) subject to ‖w‖₂ ≤ t", "zh": "min J0(w)，约束 ‖w‖₂ ≤ t"},
    "export.constrained.en": {
        "en": "min J0(w) subject to r‖w‖₁ + (1−r)‖w‖₂² ≤ r·t + (1−r)·t²",
        "zh": "min J0(w)，约束 r‖w‖₁ + (1−r)‖w‖₂² ≤ r·t + (1−r)·t²",
    },
    "export.loss.points": {
        "en": "J0(w) = 1/(2n)·‖y − Xw − b‖², the intercept b not penalized",
        "zh": "J0(w) = 1/(2n)·‖y − Xw − b‖²，截距 b 不受惩罚",
    },
    "export.loss.shape": {
        "en": "J0(w): the quadratic loss whose shape was set in the lab",
        "zh": "J0(w)：在实验室中设定形状的二次损失",
    },
    "export.slider.penalized": {"en": "λ = ", "zh": "λ = "},
    "export.slider.constrained": {"en": "t = ", "zh": "t = "},
    "export.region.lp": {"en": "p-norm ball (p = {p})", "zh": "p 范数球（p = {p}）"},
    "export.penalized.lp": {
        "en": "min J0(w) subject to ‖w‖_p ≤ t, t = the L1 optimum's ‖w‖₁ (the diamond's intercept)",
        "zh": "min J0(w)，约束 ‖w‖_p ≤ t，t 取 L1 最优解的 ‖w‖₁（菱形的截距）",
    },
    "export.constrained.lp": {"en": "min J0(w) subject to ‖w‖_p ≤ t", "zh": "min J0(w)，约束 ‖w‖_p ≤ t"},
    "export.step.penalized": {"en": "{value}  ({ratio}·λ_max)", "zh": "{value}（{ratio}·λ_max）"},
    "export.step.constrained": {"en": "{value}  ({ratio}·‖w_OLS‖₁)", "zh": "{value}（{ratio}·‖w_OLS‖₁）"},
}

_REGIONS = ("l1", "l2", "en", "lp")
#: how a step of the slider moves the figure: at once, no tween, no full redraw (scatter
#: traces animate; the hover texts follow the data)
_STEP_ARGS = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}}
#: the app's graph options, without shape editing (a file has no server to send a drag to)
_HTML_CONFIG = {
    **{k: v for k, v in GRAPH_CONFIG.items() if k not in ("edits", "showEditInChartStudio", "showLink")},
    "responsive": True,
}


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def view_at_value(scene: dict, view: dict, value: float) -> tuple[dict, bool]:
    """The view with λ (penalized) or t (constrained) set to ``value``, as the app's number box sets it.

    Parameters
    ----------
    scene : dict
        :func:`components.stores.build_scene` output.
    view : dict
        A view (:mod:`components.view`); its mode says whether ``value`` is λ or t.
    value : float, > 0
        The λ (or t) wanted.

    Returns
    -------
    view : dict
        The view with ``slider`` at ``value`` (clamped to the slider's range) and ``value``.
    clamped : bool
        Whether ``value`` lay outside the slider's range (the view then holds the nearest end).

    Raises
    ------
    ValueError
        If ``value`` is not a finite number > 0.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise ValueError(f"value must be a finite number > 0, got {value!r}")
    view = view_with_defaults(view)
    ref = reference_value(scene, view["mode"])
    wanted = math.log10(value / ref)
    slider = min(max(wanted, SLIDER_MIN), SLIDER_MAX)
    clamped = slider != wanted
    return {**view, "slider": slider, "value": ref * 10.0**slider if clamped else float(value)}, clamped


def slider_steps(current: float, *, count: int = STEP_COUNT) -> list[float]:
    """Slider positions of the export's λ slider: ``count`` evenly spaced over the app's range and ``current``.

    The slider's position is ``log10(λ / λ_max)`` (:mod:`components.lambda_control`), so evenly
    spaced positions are log-spaced λ.

    Parameters
    ----------
    current : float
        The view's slider position, within ``[SLIDER_MIN, SLIDER_MAX]``.
    count : int, >= 2
        Positions spread over the whole range, both ends included.

    Returns
    -------
    list of float
        Increasing; ``count`` positions, or ``count + 1`` when ``current`` is not one of them
        (to 1e-9).

    Raises
    ------
    ValueError
        If ``count`` < 2 or ``current`` lies outside the slider's range.
    """
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 2:
        raise ValueError(f"count must be an integer >= 2, got {count!r}")
    if not isinstance(current, (int, float)) or not SLIDER_MIN - 1e-12 <= current <= SLIDER_MAX + 1e-12:
        raise ValueError(f"current must be a slider position in [{SLIDER_MIN}, {SLIDER_MAX:.6g}], got {current!r}")
    grid = [float(v) for v in np.linspace(SLIDER_MIN, SLIDER_MAX, int(count))]
    near = min(range(len(grid)), key=lambda i: abs(grid[i] - current))
    if abs(grid[near] - current) <= 1e-9:
        grid[near] = float(current)
        return grid
    return sorted([*grid, float(current)])


def _float32(values: list) -> dict:
    """A plotly.js typed array (float32, base64) of a list of numbers; None becomes NaN (a gap)."""
    array = np.array([np.nan if v is None else v for v in values], dtype="<f4")
    return {"dtype": "f4", "bdata": base64.b64encode(array.tobytes()).decode("ascii")}


def every_other_point(values: list, step: int = 2) -> list:
    """Every ``step``-th point of each run of a curve list (runs separated by None), and each
    run's last point: a curve at a fraction of the app's sampling (:data:`THIN_STEP`), so that
    the file stays under 5 MB."""
    out: list = []
    run: list = []
    for value in [*values, None]:
        if value is not None:
            run.append(value)
            continue
        if run:
            if out:
                out.append(None)
            out.extend(run[::step] if (len(run) - 1) % step == 0 else [*run[::step], run[-1]])
        run = []
    return out


def _compact(trace: dict) -> dict:
    """A trace's data as the export holds it: curves as float32 typed arrays, thinned by
    :data:`THIN_STEP`; the rest as is."""
    if trace.get("uid") not in CURVE_UIDS + FIXED_CURVE_UIDS:
        return trace
    step = THIN_STEP.get(trace.get("uid"), 1)
    return {
        **trace,
        **{axis: _float32(every_other_point(trace[axis], step)) for axis in ("x", "y") if len(trace.get(axis) or ()) > 0},
    }


def _title(state: dict, view: dict, lang: str) -> dict:
    """The figure's title: the lab's name, the problem of each shown region, and J0."""
    mode = "constrained" if view["mode"] == "constrained" else "penalized"
    r, p = format_number(float(view["l1_ratio"])), format_number(float(view.get("p", DEFAULT_P)))
    problems = [
        f"{text(f'export.region.{key}', lang, r=r, p=p)}: {text(f'export.{mode}.{key}', lang)}"
        for key in _REGIONS
        if key in view["shown"]
    ]
    loss = text("export.loss.shape" if state.get("source") == "shape" else "export.loss.points", lang)
    return {
        "text": text("export.title", lang),
        "subtitle": {"text": "<br>".join([*problems, loss]), "font": {"size": 13, "color": "#495057"}},
        "x": 0.5,
        "xanchor": "center",
        "y": 0.985,
        "yanchor": "top",
        "font": {"size": 18},
    }


def _step_label(scene: dict, view: dict, slider: float, lang: str) -> str:
    mode = "constrained" if view["mode"] == "constrained" else "penalized"
    value = reference_value(scene, mode) * 10.0**slider
    return text(f"export.step.{mode}", lang, value=format_number(value), ratio=format_number(10.0**slider))


def export_figure(
    state: dict,
    view: dict | None = None,
    *,
    lang: str = "en",
    scene: dict | None = None,
    animated: bool = True,
    steps: int = STEP_COUNT,
    width: int | None = None,
    height: int | None = None,
) -> dict:
    """The weight plane of a view as a standalone plotly figure dict.

    Parameters
    ----------
    state : dict
        The ``lab-state`` (data points or loss shape, basis, ...).
    view : dict, optional
        The λ settings (:mod:`components.view`); a view with a ``value`` keeps that λ on this
        scene, as in the app. By default the app's first view.
    lang : {"en", "zh"}
        The language of the whole figure: title, formula, slider, and the app's hover texts and
        trace names (``state`` and ``scene`` are taken in this language).
    scene : dict, optional
        :func:`components.stores.build_scene` of ``state``, if the caller has it.
    animated : bool
        With the λ slider and its frames (HTML, JSON); without, the still picture (images).
    steps : int, >= 2
        Evenly spaced slider positions (:func:`slider_steps`).
    width, height : int, optional
        A fixed size in CSS pixels; by default the figure fills its container.

    Returns
    -------
    dict
        ``{"data", "layout", "frames"?}``: the traces of :func:`components.weight_plane.plane_for`
        in its order (moving curves as float32 typed arrays, see the module docstring); with
        ``animated``, one frame per slider step holding every moving trace (``traces`` gives
        their indices) and ``layout.sliders[0]`` whose ``active`` step is the view's λ.

    Raises
    ------
    ValueError
        For a ``steps``, ``width`` or ``height`` that is not allowed.
    components.problem.ProblemError
        When the state cannot be drawn.
    """
    if width is not None:
        width = _positive_int(width, "width")
    if height is not None:
        height = _positive_int(height, "height")
    lang = normalize_lang(lang)
    state = {**state, "lang": lang}  # the app's own strings (hover texts, trace names) in lang too
    scene = build_scene(state) if scene is None else {**scene, "lang": lang}
    view = view_with_defaults(view_for_scene(view_with_defaults(view), scene))
    figure = plane_for(state, scene, view)
    data = [_compact(trace) for trace in figure["data"]]
    uids = [trace["uid"] for trace in data]
    moving = [i for i, uid in enumerate(uids) if uid not in FIXED_UIDS]
    layout = {
        **figure["layout"],
        "title": _title(state, view, lang),
        "margin": {**figure["layout"]["margin"], "t": 46 + 17 * (1 + len(view["shown"]))},
        # an empty template: Jupyter (plotly.io.read_json) shows the figure as the lab and the file do
        "template": {"data": {}, "layout": {}},
        # the app's legend is HTML beside the graph; a file carries plotly's own
        "showlegend": True,
        "legend": {"x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top", "font": {"size": 12}},
    }
    if width is not None or height is not None:
        layout.update(autosize=False, **({"width": width} if width else {}), **({"height": height} if height else {}))
    out = {"data": data, "layout": layout}
    mode = "constrained" if view["mode"] == "constrained" else "penalized"
    if not animated:  # a still picture says its λ where the slider would
        at = text(f"export.slider.{mode}", lang) + _step_label(scene, view, view["slider"], lang)
        layout["title"]["subtitle"]["text"] += "<br>" + at
        layout["margin"] = {**layout["margin"], "t": layout["margin"]["t"] + 17}
        return out
    step_view = {key: value for key, value in view.items() if key != "value"}
    positions = slider_steps(view["slider"], count=steps)
    def frame_part(compact: dict) -> dict:
        return {key: value for key, value in compact.items() if key in ("x", "y", "visible", "hovertext")}

    steps_data = [
        [frame_part(_compact(trace)) for trace in plane_for(state, scene, {**step_view, "slider": slider})["data"]]
        for slider in positions
    ]
    # a frame holds only the traces that move: not those equal in every step and in the figure
    # (the optimizer paths, which an export leaves empty; a region that is not shown)
    base = [frame_part(trace) for trace in data]
    moving = [i for i in moving if any(step[i] != base[i] for step in steps_data)]
    frames = [
        {"name": f"step-{k:02d}", "traces": moving, "data": [step[i] for i in moving]}
        for k, step in enumerate(steps_data)
    ]
    layout["sliders"] = [
        {
            "active": positions.index(view["slider"]),
            "steps": [
                {"method": "animate", "label": _step_label(scene, view, slider, lang), "args": [[frame["name"]], _STEP_ARGS]}
                for slider, frame in zip(positions, frames)
            ],
            "currentvalue": {
                "prefix": text(f"export.slider.{mode}", lang),
                "font": {"size": 15, "color": "#212529"},
                "xanchor": "left",
            },
            # one label per step would overlap: the current value says which step is active
            "font": {"color": "rgba(0,0,0,0)", "size": 10},
            "x": 0.02,
            "len": 0.96,
            "y": 0,
            "yanchor": "top",
            "pad": {"t": 60, "b": 8},
            "transition": {"duration": 0},
        }
    ]
    layout["margin"] = {**layout["margin"], "b": figure["layout"]["margin"]["b"] + 110}
    out["frames"] = frames
    return out


def figure_html(figure: dict, *, plotlyjs: str = "inline", div_id: str = "regularization-lab") -> str:
    """A whole HTML page showing ``figure`` (the λ slider does not play by itself).

    Parameters
    ----------
    figure : dict
        :func:`export_figure` output.
    plotlyjs : {"inline", "directory", "cdn"}
        ``inline``: plotly.js inside the page (works offline, from ``file://``); ``directory``: a
        ``<script src="plotly.min.js">``, the file to put beside the page (:func:`write_export`
        writes it); ``cdn``: plotly.js from its CDN.
    div_id : str
        The id of the graph's ``div``.

    Raises
    ------
    ValueError
        For an unknown ``plotlyjs``.
    """
    if plotlyjs not in PLOTLYJS_CHOICES:
        raise ValueError(f"plotlyjs must be one of {', '.join(PLOTLYJS_CHOICES)}, got {plotlyjs!r}")
    page = pio.to_html(
        figure,
        config=_HTML_CONFIG,
        include_plotlyjs=PLOTLYJS_CHOICES[plotlyjs],
        include_mathjax=False,
        auto_play=False,
        full_html=True,
        div_id=div_id,
        validate=False,
    )
    # plotly writes every "/" and ">" of the figure's JSON as \u002f and \u003e (6 bytes for 1);
    # "<" stays escaped, so the script still cannot hold "</script>". The typed arrays' base64
    # is full of "/": this keeps ~10 kB of the 5 MB budget.
    start = page.rindex("Plotly.newPlot(")
    return page[:start] + page[start:].replace("\\u002f", "/").replace("\\u003e", ">")


def figure_json(figure: dict) -> str:
    """``figure`` as plotly JSON, for ``plotly.io.read_json`` (Jupyter, Quarto, Jupyter Book); the
    traces keep their ``uid``."""
    return pio.to_json(figure, validate=False, remove_uids=False)


_IMAGE_LOCK = threading.Lock()  # one request at a time through the process's kaleido browser


def image_server_running() -> bool:
    """Whether this process's kaleido browser is running (started by the first image export)."""
    return kaleido is not None and bool(kaleido._global_server.is_running())  # noqa: SLF001 - kaleido has no public query


def image_bytes(figure: dict, fmt: str, *, width: int | None = None, height: int | None = None, scale: float = 1.0) -> bytes:
    """``figure`` drawn as a PNG or SVG by kaleido in the system's Chromium.

    The first call of a process starts a headless Chromium (``kaleido.start_sync_server``,
    MathJax off: nothing is loaded from the network); every later call reuses it.

    Parameters
    ----------
    figure : dict
        A plotly figure dict (:func:`export_figure` with ``animated=False``).
    fmt : {"png", "svg"}
    width, height : int, optional
        CSS pixels; by default the figure's own size, else :data:`IMAGE_SIZE`.
    scale : float, > 0
        Pixels per CSS pixel (PNG).

    Raises
    ------
    ValueError
        For an unknown ``fmt``, a bad size or scale.
    RuntimeError
        When kaleido is not installed, Chromium is not found, or drawing fails.
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(IMAGE_FORMATS)}, got {fmt!r}")
    if not isinstance(scale, (int, float)) or isinstance(scale, bool) or not 0 < scale < math.inf:
        raise ValueError(f"scale must be a finite number > 0, got {scale!r}")
    layout = figure.get("layout", {})
    width = _positive_int(width if width is not None else layout.get("width") or IMAGE_SIZE[0], "width")
    height = _positive_int(height if height is not None else layout.get("height") or IMAGE_SIZE[1], "height")
    if kaleido is None:
        raise RuntimeError("image export needs the kaleido package (pip install -r requirements.txt)")
    with _IMAGE_LOCK:
        try:
            if not kaleido._global_server.is_running():  # noqa: SLF001 - see image_server_running
                kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            return kaleido.calc_fig_sync(
                figure, opts={"format": fmt, "width": width, "height": height, "scale": float(scale)}
            )
        except ChromeNotFoundError:
            raise RuntimeError("image export needs Chromium (apt-get install -y chromium)") from None
        except Exception as exc:  # noqa: BLE001 - kaleido's errors vary; the caller shows one line
            raise RuntimeError(f"image export failed: {exc}") from exc


def export_bytes(
    state: dict,
    view: dict | None,
    fmt: str,
    *,
    lang: str = "en",
    plotlyjs: str = "inline",
    width: int | None = None,
    height: int | None = None,
    steps: int = STEP_COUNT,
    scene: dict | None = None,
) -> bytes:
    """A view exported to ``fmt``, as the bytes of the file.

    ``html`` and ``json`` hold the figure with its λ slider (:func:`export_figure`), ``png``
    and ``svg`` the still picture of the view (:func:`image_bytes`); the other arguments are
    those of :func:`export_figure` and :func:`figure_html`.

    Raises
    ------
    ValueError
        For an unknown ``fmt`` or any bad option.
    RuntimeError
        When an image cannot be drawn (see :func:`image_bytes`).
    components.problem.ProblemError
        When the state cannot be drawn.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if plotlyjs not in PLOTLYJS_CHOICES:
        raise ValueError(f"plotlyjs must be one of {', '.join(PLOTLYJS_CHOICES)}, got {plotlyjs!r}")
    animated = fmt not in IMAGE_FORMATS
    figure = export_figure(
        state, view, lang=lang, scene=scene, animated=animated, steps=steps, width=width, height=height
    )
    if fmt == "html":
        return figure_html(figure, plotlyjs=plotlyjs).encode("utf-8")
    if fmt == "json":
        return figure_json(figure).encode("utf-8")
    return image_bytes(figure, fmt)


def write_export(path: str | Path, content: bytes, *, fmt: str, plotlyjs: str = "inline") -> list[Path]:
    """Write an export's bytes to ``path``; for HTML with ``plotlyjs="directory"`` also
    ``plotly.min.js`` beside it (as plotly's ``write_html`` does).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValueError
        For an unknown ``fmt`` or ``plotlyjs``.
    OSError
        When a file cannot be written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if plotlyjs not in PLOTLYJS_CHOICES:
        raise ValueError(f"plotlyjs must be one of {', '.join(PLOTLYJS_CHOICES)}, got {plotlyjs!r}")
    path = Path(path)
    path.write_bytes(content)
    written = [path]
    if fmt == "html" and plotlyjs == "directory":
        bundle = path.parent / "plotly.min.js"
        if not bundle.exists():
            bundle.write_text(get_plotlyjs(), encoding="utf-8")
        written.append(bundle)
    return written
