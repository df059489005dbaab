"""Every writer of the page is declared (components/writers.py), and Python and JS agree on ids.

The table is held against what the app registers (Dash's callback list) and against the scripts
in ``assets/`` (read as text): a script writes only through ``lab.write(module, key, ...)``,
only what the table allows its module, and names components only through the configuration.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import app
from components.client_config import client_config, component_ids
from components.writers import WRITERS, js_writes, script_key

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SCRIPTS = {path.stem: path.read_text(encoding="utf-8") for path in sorted(ASSETS.glob("*.js"))}


def _outputs(spec: str) -> list[tuple[str, str]]:
    """``"..a.b...c.d.."`` or ``"a.b@hash"`` -> ``[("a", "b"), ("c", "d")]``."""
    spec = spec.split("@")[0]
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    return [tuple(part.rsplit(".", 1)) for part in parts]


def _registered() -> dict[tuple[str, str], set[str]]:
    """What the app's callbacks write: ``{(id, prop): {"server module.fn" | "clientside ns.fn"}}``."""
    found: dict[tuple[str, str], set[str]] = {}
    for callback in app.app._callback_list:
        if callback.get("no_output"):  # writes through lab.write: declared as "js <module>"
            continue
        clientside = callback.get("clientside_function")
        if clientside:
            writer = f"clientside {clientside['namespace']}.{clientside['function_name']}"
        else:
            fn = app.app.callback_map[callback["output"]]["callback"]
            fn = getattr(fn, "__wrapped__", fn)
            writer = f"server {fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        for target in _outputs(callback["output"]):
            found.setdefault(target, set()).add(writer)
    return found


def _declared(kind: str) -> dict[tuple[str, str], set[str]]:
    return {
        target: {w for w in writers if w.split()[0] in kind}
        for target, writers in WRITERS.items()
        if any(w.split()[0] in kind for w in writers)
    }


def test_every_callback_output_is_declared_and_every_declared_callback_registered():
    assert _registered() == _declared(("server", "clientside"))


def test_a_callback_without_outputs_is_a_declared_script_writer():
    silent = [c["clientside_function"] for c in app.app._callback_list if c.get("no_output")]
    assert silent, "no callback without outputs: this test has nothing to hold"
    scripts = {w.split()[1] for writers in WRITERS.values() for w in writers if w.startswith("js ")}
    for function in silent:
        assert function and function["namespace"] in scripts, function


def test_outputs_parse_as_dash_writes_them():
    assert _outputs("..a.b...c-d.e..") == [("a", "b"), ("c-d", "e")]
    assert _outputs("weight-plane.figure@0123abc") == [("weight-plane", "figure")]


def test_each_panel_registers_its_own_callbacks():
    """A callback's function lives in the module (or the asset) of the panel it belongs to."""
    for writers in WRITERS.values():
        for writer in writers:
            if writer == "user":
                continue
            kind, name = writer.split()
            module = name.split(".")[0]
            assert (Path(app.__file__).parent / "components" / f"{module}.py").exists(), writer
            if kind in ("clientside", "js"):
                assert module in SCRIPTS, f"{writer}: no assets/{module}.js"


def test_each_clientside_function_is_defined_in_its_namespace_module():
    for writers in WRITERS.values():
        for writer in writers:
            if writer.startswith("clientside "):
                namespace, function = writer.split()[1].split(".")
                source = SCRIPTS[namespace]
                assert f"window.dash_clientside.{namespace} = " in source, writer
                assert re.search(rf"\b{function}: function\b", source), writer


def test_set_props_is_called_in_one_place():
    calls = {stem: source.count("set_props(") for stem, source in SCRIPTS.items() if "set_props(" in source}
    assert calls == {"stores": 1}


WRITE_CALL = re.compile(r"lab\.write\(\s*'([\w]+)'\s*,\s*'(\w+)'")


def test_scripts_write_only_what_the_table_allows_their_module():
    allowed = js_writes()
    calls = [(stem, module, key) for stem, source in SCRIPTS.items() for module, key in WRITE_CALL.findall(source)]
    assert calls, "no lab.write call found: the pattern no longer matches the scripts"
    for stem, module, key in calls:
        assert module == stem, f"assets/{stem}.js writes as {module!r}"
        assert key in allowed and module in allowed[key]["modules"], f"assets/{stem}.js writes {key!r} undeclared"
    # and every declared script writer writes
    written = {(module, key) for _, module, key in calls}
    for key, target in allowed.items():
        for module in target["modules"]:
            assert (module, key) in written, f"{module} is declared to write {key} but never does"
    # every call of lab.write has the literal form checked above
    total = sum(source.count("lab.write(") for source in SCRIPTS.values())
    assert total == len(calls) + SCRIPTS["stores"].count("lab.write(")


@pytest.mark.parametrize("component_id", sorted(component_ids().values()))
def test_no_script_names_a_component_by_a_literal(component_id):
    pattern = re.compile(rf"""['"]#?{re.escape(component_id)}['"\s.]""")
    for stem, source in SCRIPTS.items():
        assert not pattern.search(source), f"assets/{stem}.js names {component_id!r}: take it from lab.ids()"


def test_every_id_a_script_uses_is_in_the_configuration():
    ids = client_config()["ids"]
    used = set()
    for source in SCRIPTS.values():
        used |= set(re.findall(r"\bids(?:\(\))?\.(\w+)", source))
    assert used and used <= set(ids), used - set(ids)


def test_configuration_ids_are_the_page_ids():
    from tests.test_layout import _components

    page = {c.id for c in _components(app.serve_layout()) if getattr(c, "id", None)}
    assert set(component_ids().values()) == page
    assert all(script_key(value) == key for key, value in component_ids().items())


def test_script_keys_are_camel_case():
    assert script_key("current-view") == "currentView"
    assert script_key("l1-ratio-slider") == "l1RatioSlider"
    assert script_key("readout") == "readout"
