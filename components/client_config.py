"""What the browser's scripts need to know from the server: ids, trace indices, defaults, writers.

The scripts in ``assets/`` hold no component id, trace index or shared default of their own;
they read this dict, which the page carries as JSON in the ``data-lab-config`` attribute of its
top element (no component of its own: every component costs a little on each λ step).
"""

from __future__ import annotations

import json
import re
from types import ModuleType

from . import (
    kink_panel,
    lambda_control,
    minibatch_panel,
    norm_panel,
    optimizer_panel,
    penalty_control,
    share_panel,
    stores,
)
from .data_figure import DATA_TRACE_INDEX, POINT_RADIUS_PX, Y_PAD
from .group_figure import GROUP_TRACE_INDEX
from .i18n import normalize_lang, text
from .path_figure import TRACE_INDEX as PATH_TRACE_INDEX
from .plane_styles import trace_style
from .plane_traces import CURVE_POINTS, EN_UIDS, TRACE_INDEX
from .panels import PANELS
from .plot_style import REGION_KEYS, REGION_STYLE, region_name
from .writers import js_writes, script_key

__all__ = ["CONFIG_ATTRIBUTE", "component_ids", "client_config", "config_attribute"]

CONFIG_ATTRIBUTE = "data-lab-config"
#: the modules that own the page's component ids (upper-case constants holding a kebab-case id)
ID_MODULES: tuple[ModuleType, ...] = (stores, *PANELS)
#: the strings of the string table (:mod:`components.i18n`) the scripts in ``assets/`` write,
#: read with ``lab.text(key, fields)`` (``assets/stores.js``)
SCRIPT_STRINGS: tuple[str, ...] = (
    "page.title",
    "input.comma",
    "lambda.below",
    "lambda.above",
    "lambda.ask",
    "lambda.thumb",
    "plane.hover",
    "plane.hover_lp",
    "region.lp",
    "edit.point",
    "edit.edge",
    "edit.selected",
)
_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$|^[a-z0-9]+$")


def component_ids() -> dict[str, str]:
    """Every component id the panels define, keyed by its :func:`~components.writers.script_key`."""
    ids = {}
    for module in ID_MODULES:
        for name, value in vars(module).items():
            if name.isupper() and not name.startswith("_") and isinstance(value, str) and _KEBAB.match(value):
                ids[script_key(value)] = value
    return ids


def client_config(lang: str = "en") -> dict:
    """The configuration the scripts read (``lab.config()`` in ``assets/stores.js``) for a page in
    the language ``lang``.

    Returns
    -------
    dict
        ``lang`` (the page's language), ``strings`` (:data:`SCRIPT_STRINGS` in that language),
        ``ids`` (:func:`component_ids`), ``writes`` (:func:`components.writers.js_writes`),
        ``plane`` (the weight plane's trace indices, the elastic-net traces' styles, points per
        curve, the regions in drawing order with their names in the page's language), ``data``
        (the data panel's trace indices, how near a double-click must be to a point, in pixels;
        the y axis' padding), ``path`` (the path plot's fixed trace indices), ``slider`` (its range)
        and ``defaults``.
    """
    lang = normalize_lang(lang)
    return {
        "lang": lang,
        "strings": {key: text(key, lang) for key in SCRIPT_STRINGS},
        "ids": component_ids(),
        "writes": js_writes(),
        "plane": {
            "traceIndex": dict(TRACE_INDEX),
            "enTraces": {uid: trace_style(uid, lang=lang) for uid in EN_UIDS},
            "curvePoints": CURVE_POINTS,
            "regions": [
                {"region": region, "key": REGION_KEYS[region], "name": region_name(region, lang)}
                for region in REGION_STYLE
            ],
        },
        "data": {"traceIndex": dict(DATA_TRACE_INDEX), "removeReachPx": 2.5 * POINT_RADIUS_PX, "yPad": dict(Y_PAD)},
        "path": {"traceIndex": dict(PATH_TRACE_INDEX)},
        "kink": kink_panel.script_config(),
        "norm": norm_panel.script_config(),
        "group": {"traceIndex": dict(GROUP_TRACE_INDEX)},
        "optimizer": optimizer_panel.script_config(),
        "minibatch": minibatch_panel.script_config(),
        "slider": {"min": lambda_control.SLIDER_MIN, "max": lambda_control.SLIDER_MAX, "step": lambda_control.SLIDER_STEP},
        "defaults": {
            "l1Ratio": penalty_control.DEFAULT_L1_RATIO, "p": penalty_control.DEFAULT_P, "mode": "penalized", "keep": "value",
        },
        "share": share_panel.script_config(),
    }


def config_attribute(lang: str = "en") -> dict[str, str]:
    """The page's top element's attribute carrying :func:`client_config` for ``lang`` as JSON."""
    return {CONFIG_ATTRIBUTE: json.dumps(client_config(lang), ensure_ascii=False, separators=(",", ":"))}
