"""Export: the current view as a standalone interactive HTML file, or as a PNG / SVG picture.

Two buttons at the end of the side panel. The server builds the file from the ``lab-state``
and the view at rest (``view-store``) with :mod:`authoring.export` and hands it to the browser
through one ``dcc.Download``; a failure (Chromium missing for an image, a state that cannot be
drawn) is one line in the panel's message, and nothing else on the page changes.
"""

from __future__ import annotations

import base64

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from authoring.export import IMAGE_FORMATS, export_bytes
from components.i18n import normalize_lang, text

from .problem import ProblemError
from .stores import LAB_STATE, VIEW_STORE
from .view import view_with_defaults

__all__ = [
    "EXPORT_HTML",
    "EXPORT_IMAGE",
    "EXPORT_IMAGE_FORMAT",
    "EXPORT_DOWNLOAD",
    "EXPORT_MESSAGE",
    "STRINGS",
    "layout",
    "export_download",
    "export_file",
    "register_callbacks",
]

EXPORT_HTML = "export-html"
EXPORT_IMAGE = "export-image"
EXPORT_IMAGE_FORMAT = "export-image-format"
EXPORT_DOWNLOAD = "export-download"
EXPORT_MESSAGE = "export-message"

#: the downloaded file's name (a format field, not an id: ids are collected from upper-case names)
_FILE_NAME = "regularization-lab.{fmt}"
_MIME = {"html": "text/html", "png": "image/png", "svg": "image/svg+xml"}

STRINGS: dict[str, dict[str, str]] = {
    "export_panel.html": {"en": "Download interactive HTML", "zh": "下载交互式 HTML"},
    "export_panel.html_title": {
        "en": "One HTML file with a λ slider that works offline: for slides, a course page or e-mail",
        "zh": "带 λ 滑块、可离线使用的单个 HTML 文件：可用于幻灯片、课程网页或邮件",
    },
    "export_panel.image": {"en": "Download image", "zh": "下载图片"},
    "export_panel.image_title": {"en": "The weight plane as it is now, as a picture", "zh": "将当前的权重平面导出为图片"},
    "export_panel.failed": {"en": "Export failed: {reason}", "zh": "导出失败：{reason}"},
}


def layout(page) -> list:
    """The panel's components for a page (``page``: :class:`authoring.url_state.PageState`).

    Five, side by side in the side panel (no wrapper: every component costs on each λ step):
    the HTML button, the image button, the image format (PNG or SVG), the message line and the
    download.
    """
    lang = page.lang
    return [
        html.Button(
            text("export_panel.html", lang),
            id=EXPORT_HTML,
            className="button export-button",
            title=text("export_panel.html_title", lang),
        ),
        html.Button(
            text("export_panel.image", lang),
            id=EXPORT_IMAGE,
            className="button export-button",
            title=text("export_panel.image_title", lang),
        ),
        dcc.RadioItems(
            id=EXPORT_IMAGE_FORMAT,
            options=[{"label": fmt.upper(), "value": fmt} for fmt in IMAGE_FORMATS],
            value=IMAGE_FORMATS[0],
            inline=True,
            className="mode-toggle export-format",
        ),
        html.Div(id=EXPORT_MESSAGE, className="message export-message", role="status"),
        dcc.Download(id=EXPORT_DOWNLOAD),
    ]


def export_download(trigger: str | None, image_format, state, view):
    """What a click on an export button gives: ``(download, message)``.

    Parameters
    ----------
    trigger : str or None
        The button clicked: :data:`EXPORT_HTML` or :data:`EXPORT_IMAGE`.
    image_format : {"png", "svg"}
        The image format chosen (PNG for anything else).
    state : dict
        The ``lab-state`` (its ``lang`` is the page's language).
    view : dict or None
        The ``view-store`` view (λ at rest).

    Returns
    -------
    (dict or no_update, str)
        ``dcc.Download`` data (``content``: the file's text, base64 for a PNG; ``filename``,
        ``type``, ``base64``) and an empty message; or ``no_update`` and one line saying why the
        export failed.

    Raises
    ------
    PreventUpdate
        When no button was clicked, or there is no state yet.
    """
    if trigger not in (EXPORT_HTML, EXPORT_IMAGE) or not isinstance(state, dict) or not state:
        raise PreventUpdate
    lang = normalize_lang(state.get("lang"))
    fmt = "html" if trigger == EXPORT_HTML else (image_format if image_format in IMAGE_FORMATS else IMAGE_FORMATS[0])
    try:
        content = export_bytes(state, view_with_defaults(view if isinstance(view, dict) else None), fmt, lang=lang)
    except (ProblemError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        return no_update, text("export_panel.failed", lang, reason=str(exc) or type(exc).__name__)
    binary = fmt == "png"
    download = {
        "content": base64.b64encode(content).decode("ascii") if binary else content.decode("utf-8"),
        "filename": _FILE_NAME.format(fmt=fmt),
        "type": _MIME[fmt],
        "base64": binary,
    }
    return download, ""


def export_file(html_clicks, image_clicks, image_format, state, view):
    """Server callback: a click on either button -> ``(download, message)`` (:func:`export_download`).

    Inputs the buttons' ``n_clicks``; states the image format, ``lab-state`` and ``view-store``.
    """
    return export_download(ctx.triggered_id, image_format, state, view)


def register_callbacks(app: Dash) -> None:
    """One server callback for both buttons: the file to download, or why there is none."""
    app.callback(
        Output(EXPORT_DOWNLOAD, "data"),
        Output(EXPORT_MESSAGE, "children"),
        Input(EXPORT_HTML, "n_clicks"),
        Input(EXPORT_IMAGE, "n_clicks"),
        State(EXPORT_IMAGE_FORMAT, "value"),
        State(LAB_STATE, "data"),
        State(VIEW_STORE, "data"),
        prevent_initial_call=True,
    )(export_file)
