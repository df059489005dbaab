"""Lab states shared by the tests that compare a panel's script with the server (under Node)."""

from __future__ import annotations

import json

from components.problem import default_state, resample
from components.stores import build_scene, for_store


def sample_states() -> dict[str, dict]:
    """The default state, loss-shape mode, and four bases with other data (ρ = −0.9), by name."""
    base = default_state()
    gen = {"n": 20, "rho": 0.6, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7}
    out = {"default": base, "shape": dict(base, source="shape")}
    for basis, seed in (("x-x2", 3), ("x-x3", 11), ("sin-cos", 5), ("correlated", 19)):
        out[f"{basis} seed {seed}"] = resample(dict(base, basis=basis), dict(gen, seed=seed, rho=-0.9))
    return out


def store_scene(state: dict, lang: str | None = None) -> dict:
    """The scene of a state as the browser holds it (the ``scene-store``'s JSON), in ``lang`` if given."""
    return json.loads(json.dumps(for_store(build_scene(state if lang is None else dict(state, lang=lang)))))
