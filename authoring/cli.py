"""The command line: ``python app.py`` serves the lab, ``python app.py export`` writes a figure.

``python app.py [--host H] [--port P] [--debug]`` runs the app (``app.py`` hands the serving
over as a function). ``python app.py export`` writes one view of the lab to a file without a
browser, so a course's figures can be made in a batch::

    python app.py export --preset NAME --format html --out fig.html
    python app.py export --state "lam=0.2&mode=constrained&show=l1_l2_en" --format svg --out fig.svg

The view is a preset's (:mod:`authoring.presets`) and/or a link's query string (``--state``,
read by :func:`authoring.url_state.page_for_query`: its parameters override the preset's);
``--lambda`` and ``--lang`` override λ and the language. A bad option gets one line on stderr
and exit status 2; a parameter of ``--state`` the decoder cannot use gets a warning line and
the export goes on; a failed export (no Chromium for an image, a file that cannot be written)
gets one line and exit status 1.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from authoring.export import FORMATS, PLOTLYJS_CHOICES, export_bytes, view_at_value, write_export
from authoring.presets import PRESETS, preset_query
from authoring.url_state import page_for_query
from components.i18n import LANGS
from components.problem import ProblemError
from components.stores import build_scene
from components.view import view_for_scene, view_with_defaults

__all__ = ["PROG", "UsageError", "build_parser", "main", "export"]

PROG = "app.py"
#: the file extensions that name a format when ``--format`` is not given
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".png": "png", ".svg": "svg", ".json": "json"}


class UsageError(Exception):
    """A bad option: its message is the line the user reads (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with any error as one line on stderr and exit status 2 (no usage block)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python app.py``: the server's options and the ``export`` command."""
    parser = _Parser(
        prog=PROG,
        description="Regularization Geometry Lab: serve the app, or export a view to a file.",
        epilog=f"Run '{PROG} export --help' for the options of export.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode with dev tools and reloading")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    ex = commands.add_parser(
        "export",
        help="write a view of the lab to a file (html, png, svg, json) without a browser",
        description=(
            "Write one view of the lab to a file. html: a standalone page with a λ slider that "
            "works offline; json: the same plotly figure for plotly.io.read_json (Jupyter, Quarto); "
            "png, svg: the picture of the view (kaleido with the system's Chromium)."
        ),
        epilog=(
            f'Example: {PROG} export --preset NAME --format html --out fig.html; '
            f'{PROG} export --state "lam=0.2&show=l1_l2_en" --lambda 0.1 --format png --out fig.png'
        ),
    )
    ex.add_argument("--preset", metavar="NAME", help=f"start from this preset: {', '.join(PRESETS)}")
    ex.add_argument(
        "--state",
        metavar="QUERY",
        help="the query string of a view's link, e.g. \"lam=0.2&mode=constrained\" (overrides the preset's)",
    )
    ex.add_argument(
        "--format", dest="fmt", metavar="FORMAT", help=f"one of {', '.join(FORMATS)} (default: from --out's extension)"
    )
    ex.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    ex.add_argument(
        "--lambda", dest="lam", metavar="X", help="λ (penalized mode) or t (constrained mode), > 0; clamped to the slider"
    )
    ex.add_argument("--lang", metavar="LANG", help=f"language of the figure's text: {', '.join(LANGS)}")
    ex.add_argument("--width", metavar="PX", help="width in CSS pixels (images: default 820; html, json: fills the page)")
    ex.add_argument("--height", metavar="PX", help="height in CSS pixels (images: default 760)")
    ex.add_argument(
        "--plotlyjs",
        metavar="HOW",
        help=(
            "html only: how the page gets plotly.js, as write_html's include_plotlyjs: inline (default, "
            "works offline), directory (plotly.min.js beside the file), cdn"
        ),
    )
    return parser


def _positive_int(value: str | None, option: str) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise UsageError(f"{option} must be a whole number of pixels > 0 (got {value!r})")
    return number


def _format(fmt: str | None, out: Path) -> str:
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(out.suffix.lower())
        if fmt is None:
            raise UsageError(
                f"--format is needed: one of {', '.join(FORMATS)} (the extension of {str(out)!r} does not say)"
            )
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    return fmt


def _query(preset: str | None, state: str | None) -> str:
    """The preset's query with the parameters of ``state`` in place of its own."""
    pairs: list[tuple[str, str]] = []
    if preset is not None:
        try:
            pairs = parse_qsl(preset_query(preset).lstrip("?"), keep_blank_values=True)
        except ValueError as exc:
            raise UsageError(f"--preset: {exc}") from None
    given = parse_qsl((state or "").strip().lstrip("?"), keep_blank_values=True)
    names = {name for name, _ in given}
    return urlencode([pair for pair in pairs if pair[0] not in names] + given)


def export(args: argparse.Namespace, *, stdout=None, stderr=None) -> int:
    """Run ``export`` for parsed options; return the exit status (0, 1 for a failed export).

    Raises
    ------
    UsageError
        For a bad option (the caller prints it and exits with status 2).
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    out = Path(args.out)
    fmt = _format(args.fmt, out)
    if not out.parent.is_dir():
        raise UsageError(f"--out: the directory {str(out.parent)!r} does not exist")
    if out.is_dir():
        raise UsageError(f"--out: {str(out)!r} is a directory; give a file name")
    width = _positive_int(args.width, "--width")
    height = _positive_int(args.height, "--height")
    plotlyjs = args.plotlyjs or "inline"
    if plotlyjs not in PLOTLYJS_CHOICES:
        raise UsageError(f"--plotlyjs must be one of {', '.join(PLOTLYJS_CHOICES)} (got {plotlyjs!r})")
    if args.plotlyjs is not None and fmt != "html":
        raise UsageError(f"--plotlyjs applies to --format html only (got --format {fmt})")
    if args.lang is not None and args.lang not in LANGS:
        raise UsageError(f"--lang must be one of {', '.join(LANGS)} (got {args.lang!r})")
    lam = None
    if args.lam is not None:
        try:
            lam = float(args.lam)
        except ValueError:
            lam = math.nan
        if not 0 < lam < math.inf:
            raise UsageError(f"--lambda must be a finite number > 0 (got {args.lam!r})")

    page = page_for_query(_query(args.preset, args.state))
    for note in page.notes:
        print(f"{PROG} export: warning: {note}", file=stderr)
    lang = args.lang or page.lang
    state = {**page.state, "lang": lang}
    try:
        scene = build_scene(state)
    except ProblemError as exc:
        print(f"{PROG} export: this state cannot be drawn: {exc}", file=stderr)
        return 1
    view = view_with_defaults(view_for_scene(view_with_defaults(page.view), scene))
    if lam is not None:
        view, clamped = view_at_value(scene, view, lam)
        if clamped:
            print(
                f"{PROG} export: warning: --lambda {args.lam} lies outside the slider's range for these data; "
                f"exported at {view['value']:.6g}",
                file=stderr,
            )
    try:
        content = export_bytes(
            state, view, fmt, lang=lang, plotlyjs=plotlyjs, width=width, height=height, scene=scene
        )
        written = write_export(out, content, fmt=fmt, plotlyjs=plotlyjs)
    except (RuntimeError, OSError) as exc:
        print(f"{PROG} export: {exc}", file=stderr)
        return 1
    print(f"wrote {', '.join(str(path) for path in written)} ({len(content):,} bytes)", file=stdout)
    return 0


def main(argv: Sequence[str] | None = None, *, serve: Callable[[str, int, bool], None]) -> int:
    """``python app.py``'s command line; return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default ``sys.argv[1:]``).
    serve : callable
        ``serve(host, port, debug)`` runs the app (called when no command is given).

    Returns
    -------
    int
        0, 1 when an export failed, 2 for a bad option (argparse exits with 2 by itself for
        an option it cannot parse).
    """
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # named by the command they were given to
        prog = f"{PROG} export" if args.command == "export" else PROG
        parser.exit(2, f"{prog}: unrecognized arguments: {' '.join(extra)}\n")
    if args.command != "export":
        serve(args.host, args.port, args.debug)
        return 0
    try:
        return export(args)
    except UsageError as exc:
        print(f"{PROG} export: {exc}", file=sys.stderr)
        return 2
