"""The command line (authoring/cli.py): ``python app.py`` serves, ``python app.py export`` writes files.

Most cases run the command line in this process (``cli.main``); a few run ``python app.py`` as
a user does. Images need kaleido and Debian's Chromium (skipped without them, except under CI).
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import plotly.io as pio
import pytest

from authoring import cli
from authoring.presets import PRESETS
from authoring.url_state import PageState, page_for_query
from components.formatting import format_number
from components.i18n import text
from components.problem import default_state
from components.stores import build_scene

ROOT = Path(__file__).resolve().parents[1]
needs_chromium = pytest.mark.skipif(
    not os.path.exists("/usr/bin/chromium") and not os.environ.get("CI"), reason="/usr/bin/chromium not installed"
)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """``cli.main(argv)`` in this process: ``(exit status, stdout, stderr)``; the server is never started."""

    def serve(*args):
        raise AssertionError(f"export must not serve: {args}")

    try:
        status = cli.main(argv, serve=serve)
    except SystemExit as exc:  # argparse's own errors
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_no_command_serves_with_the_given_options():
    calls = []
    assert cli.main(["--host", "0.0.0.0", "--port", "9123", "--debug"], serve=lambda *a: calls.append(a)) == 0
    assert cli.main([], serve=lambda *a: calls.append(a)) == 0
    assert calls == [("0.0.0.0", 9123, True), ("127.0.0.1", 8050, False)]


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_export_writes_the_interactive_formats(tmp_path, capsys, fmt):
    out = tmp_path / f"view.{fmt}"
    status, stdout, stderr = run(["export", "--format", fmt, "--out", str(out)], capsys)
    assert (status, stderr) == (0, "")
    assert str(out) in stdout
    if fmt == "html":
        page = out.read_text(encoding="utf-8")
        assert out.stat().st_size < 5_000_000 and "Plotly.newPlot" in page and '"sliders"' in page
    else:
        figure = pio.read_json(out)
        assert len(figure.frames) >= 25 and figure.layout.sliders[0].steps[0].method == "animate"


@needs_chromium
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_export_writes_images_of_the_asked_size(tmp_path, capsys, fmt):
    out = tmp_path / f"view.{fmt}"
    status, _, stderr = run(["export", "--out", str(out), "--width", "500", "--height", "450"], capsys)
    assert (status, stderr) == (0, "")
    data = out.read_bytes()
    if fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (500, 450)
    else:
        assert data.lstrip().startswith(b"<svg") and b'width="500"' in data[:400]


def test_the_format_follows_the_extension_and_directory_puts_plotly_js_beside(tmp_path, capsys):
    out = tmp_path / "page.htm"
    status, stdout, _ = run(["export", "--out", str(out), "--plotlyjs", "directory"], capsys)
    assert status == 0
    assert (tmp_path / "plotly.min.js").exists() and 'src="plotly.min.js"' in out.read_text(encoding="utf-8")
    assert "plotly.min.js" in stdout


def test_lambda_lang_and_state_set_the_view(tmp_path, capsys):
    state = default_state()
    lam_max = build_scene(state)["lambda_max"]
    out = tmp_path / "view.json"
    argv = ["export", "--out", str(out), "--lambda", repr(0.1 * lam_max), "--lang", "zh", "--state", "show=l1_l2_en"]
    status, _, stderr = run(argv, capsys)
    assert (status, stderr) == (0, "")
    figure = _json(out)
    slider = figure["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"].startswith(format_number(0.1 * lam_max))
    assert figure["layout"]["title"]["text"] == text("export.title", "zh")
    assert {trace["uid"] for trace in figure["data"]} >= {"en-region", "en-touch"}


def test_a_lambda_outside_the_slider_is_clamped_with_a_warning(tmp_path, capsys):
    out = tmp_path / "view.json"
    status, _, stderr = run(["export", "--out", str(out), "--lambda", "1e9"], capsys)
    assert status == 0 and out.exists()
    assert stderr.count("\n") == 1 and "warning: --lambda 1e9 lies outside the slider's range" in stderr


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_exports(tmp_path, capsys, name):
    out = tmp_path / f"{name}.json"
    status, _, stderr = run(["export", "--preset", name, "--out", str(out)], capsys)
    assert (status, stderr) == (0, "")
    page = page_for_query(PRESETS[name].query)
    figure = _json(out)
    shown = {trace["uid"].split("-")[0] for trace in figure["data"] if trace["uid"].endswith("-touch")}
    assert ("en" in shown) == ("en" in page.view["shown"])


def test_state_overrides_the_preset(tmp_path, capsys):
    name = next(iter(PRESETS))
    out = tmp_path / "view.json"
    status, _, _ = run(["export", "--preset", name, "--state", "lang=zh", "--out", str(out)], capsys)
    assert status == 0 and _json(out)["layout"]["title"]["text"] == text("export.title", "zh")


def test_a_parameter_the_decoder_cannot_use_is_a_warning_and_the_export_goes_on(tmp_path, capsys, monkeypatch):
    def decoder(query):
        page = page_for_query(query)
        return PageState(
            state=page.state, generator=page.generator, view=page.view, lang=page.lang, notes=["'lam' is not a number"]
        )

    monkeypatch.setattr(cli, "page_for_query", decoder)
    out = tmp_path / "view.json"
    status, _, stderr = run(["export", "--state", "lam=abc", "--out", str(out)], capsys)
    assert status == 0 and out.exists()
    assert stderr == "app.py export: warning: 'lam' is not a number\n"


def test_a_malformed_state_with_the_real_decoder_still_exports(tmp_path, capsys):
    out = tmp_path / "view.json"
    status, _, stderr = run(["export", "--state", "lam=abc&nonsense=1", "--out", str(out)], capsys)
    assert status == 0 and out.exists()
    lines = stderr.splitlines()
    assert lines and all(line.startswith("app.py export: warning: ") for line in lines)


BAD = [
    (["--format", "gif", "--out", "x.gif"], r"--format must be one of html, png, svg, json \(got 'gif'\)"),
    (["--out", "x.txt"], r"--format is needed: one of html, png, svg, json"),
    (["--out", "x.html", "--lambda", "-1"], r"--lambda must be a finite number > 0 \(got '-1'\)"),
    (["--out", "x.html", "--lambda", "abc"], r"--lambda must be a finite number > 0 \(got 'abc'\)"),
    (["--out", "x.html", "--lambda", "inf"], r"--lambda must be a finite number > 0"),
    (["--out", "x.png", "--width", "0"], r"--width must be a whole number of pixels > 0 \(got '0'\)"),
    (["--out", "x.png", "--height", "tall"], r"--height must be a whole number of pixels > 0"),
    (["--out", "x.html", "--lang", "fr"], r"--lang must be one of en, zh \(got 'fr'\)"),
    (["--out", "x.html", "--plotlyjs", "require"], r"--plotlyjs must be one of inline, directory, cdn"),
    (["--out", "x.png", "--plotlyjs", "cdn"], r"--plotlyjs applies to --format html only"),
    (["--out", "no/such/dir/x.html"], r"--out: the directory 'no/such/dir' does not exist"),
    (["--out", "x.html", "--preset", "nope"], r"--preset: .*nope.*" + ".*".join(sorted(PRESETS)[:1])),
    (["--format", "html"], r"the following arguments are required: --out"),
    (["--out", "x.html", "--colour", "red"], r"unrecognized arguments: --colour red"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_a_bad_option_gets_one_line_and_status_2(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    status, stdout, stderr = run(["export", *argv], capsys)
    assert status == 2
    assert stdout == "" and stderr.count("\n") == 1
    assert stderr.startswith("app.py export: ")
    assert re.search(message, stderr), stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_failed_export_gets_one_line_and_status_1(tmp_path, capsys, monkeypatch):
    def no_browser(*args, **kwargs):
        raise RuntimeError("image export needs Chromium (apt-get install -y chromium)")

    monkeypatch.setattr(cli, "export_bytes", no_browser)
    status, _, stderr = run(["export", "--out", str(tmp_path / "x.png")], capsys)
    assert status == 1
    assert stderr == "app.py export: image export needs Chromium (apt-get install -y chromium)\n"


# --- python app.py, as a user runs it -------------------------------------------------------------


def _app(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "app.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_help_lists_the_export_command_and_its_options():
    top = _app("--help")
    assert top.returncode == 0
    for word in ("--host", "--port", "--debug", "export"):
        assert word in top.stdout
    sub = _app("export", "--help")
    assert sub.returncode == 0
    for option in ("--preset", "--state", "--format", "--out", "--lambda", "--lang", "--width", "--height", "--plotlyjs"):
        assert option in sub.stdout


def test_app_py_export_writes_a_file_and_rejects_a_bad_option(tmp_path):
    done = _app("export", "--format", "html", "--out", str(tmp_path / "v.html"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "v.html").stat().st_size > 4_000_000
    bad = _app("export", "--format", "gif", "--out", str(tmp_path / "v.gif"))
    assert bad.returncode == 2
    assert bad.stderr == "app.py export: --format must be one of html, png, svg, json (got 'gif')\n"
