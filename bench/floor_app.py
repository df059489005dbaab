"""Trivial Dash apps that give the latency floor for bench/latency.py.

- ``floor-slider`` -> clientside callback -> moves one marker of ``floor-graph`` (Patch):
  the cheapest possible "slider redraws a graph" path.
- dragging the one shape of ``floor-data`` -> server callback -> moves the marker (Patch):
  the cheapest possible "drag data, server answers, graph redraws" path.
- a position written to ``floor-drag`` (as the lab writes a dragged point's position to
  ``data-drag`` while the mouse button is held) -> server callback -> moves the marker (Patch).

Each patch is redrawn the way plotly.js redraws a figure by default: the whole figure (axes,
grid, traces, ...). ``--redraw traces`` adds ``layout.transition`` (zero duration) to the
patches, as the lab's λ steps and held drags do: plotly then redraws only the traces of a
change of coordinates. The issue's floor is the default; this one is a diagnosis (how the lab
compares with a floor that uses the same trick).

And ``--figure lab``: the same slider and clientside Patch (with the lab's transition), but the
graph shows the lab's weight-plane figure (its default view, same config and height) and each
step moves its moving traces (regions, touch points, contours through them; scaled copies, no
math): what the figure alone costs, without the rest of the lab's page.

Run: ``python bench/floor_app.py --port 8061 [--redraw traces] [--figure lab]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dash import Dash, Input, Output, Patch, ctx, dcc, html


def create_app(*, redraw: str = "whole") -> Dash:
    """The one-marker floor app; ``redraw="traces"`` sets ``layout.transition`` in its patches."""
    if redraw not in ("whole", "traces"):
        raise ValueError(f"redraw must be 'whole' or 'traces', got {redraw!r}")
    traces_only = redraw == "traces"
    app = Dash(__name__, update_title=None, serve_locally=True)
    app.layout = html.Div(
        [
            dcc.Slider(
                id="floor-slider", min=-3, max=0.48, step=0.01, value=-0.5, updatemode="drag", allow_direct_input=False
            ),
            dcc.Graph(
                id="floor-graph",
                figure={
                    "data": [{"x": [0], "y": [0], "mode": "markers", "uid": "marker"}],
                    "layout": {"xaxis": {"range": [-3, 1]}},
                },
            ),
            dcc.Store(id="floor-drag"),
            dcc.Graph(
                id="floor-data",
                figure={
                    "data": [{"x": [0, 1], "y": [0, 1], "mode": "markers"}],
                    "layout": {
                        "shapes": [{"type": "circle", "x0": 0.4, "x1": 0.6, "y0": 0.4, "y1": 0.6, "editable": True}]
                    },
                },
                config={"edits": {"shapePosition": True}},
            ),
        ]
    )
    app.clientside_callback(
        """function (v) {
            const p = new window.dash_clientside.Patch();
            if (%s) { p.assign(['layout', 'transition'], {duration: 0}); }
            p.assign(['data', 0, 'x'], [v]);
            return p.build();
        }"""
        % str(traces_only).lower(),
        Output("floor-graph", "figure"),
        Input("floor-slider", "value"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("floor-graph", "figure", allow_duplicate=True),
        Input("floor-data", "relayoutData"),
        Input("floor-drag", "data"),
        prevent_initial_call=True,
    )
    def move_marker(relayout, move):
        """The marker goes to the y of a shape move (relayoutData) or of a drag position."""
        if ctx.triggered_id == "floor-drag":
            y = float((move or {}).get("y", 0.0))
        else:
            y = next((float(v) for k, v in (relayout or {}).items() if k.endswith("y0")), 0.0)
        p = Patch()
        if traces_only:
            p["layout"]["transition"] = {"duration": 0}
        p["data"][0]["y"] = [y]
        return p

    return app


def create_figure_app() -> Dash:
    """``floor-slider`` -> clientside Patch of the moving traces of the lab's weight-plane figure."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the lab's modules, only for this app
    from components.view import initial_view
    from components import data_panel, stores, weight_plane
    from components.problem import default_state

    state = default_state()
    plane, _ = data_panel.figures_for(state, stores.build_scene(state), initial_view())
    still = {"loss-contours", "ols-point"}
    moving = {
        str(i): {"x": list(trace["x"]), "y": list(trace["y"])}
        for i, trace in enumerate(plane["data"])
        if trace.get("uid") not in still
    }
    app = Dash(__name__, update_title=None, serve_locally=True)
    app.layout = html.Div(
        [
            dcc.Slider(
                id="floor-slider", min=-3, max=0.48, step=0.01, value=-0.5, updatemode="drag", allow_direct_input=False
            ),
            dcc.Graph(id="floor-graph", figure=plane, config=weight_plane.GRAPH_CONFIG, style={"height": "590px"}),
            dcc.Store(id="floor-moving", data=moving),
        ]
    )
    app.clientside_callback(
        """function (v, moving) {
            const p = new window.dash_clientside.Patch();
            const s = 1 + 0.2 * (v + 0.5);
            const scale = a => a.map(c => (c === null ? c : c * s));
            p.assign(['layout', 'transition'], {duration: 0});   // as the lab's λ steps do
            Object.keys(moving).forEach(k => p.merge(['data', Number(k)], {x: scale(moving[k].x), y: scale(moving[k].y)}));
            return p.build();
        }""",
        Output("floor-graph", "figure"),
        Input("floor-slider", "value"),
        Input("floor-moving", "data"),
        prevent_initial_call=True,
    )
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8061)
    parser.add_argument("--figure", choices=["marker", "lab"], default="marker", help="what the slider's graph shows")
    parser.add_argument("--redraw", choices=["whole", "traces"], default="whole", help="how the marker app redraws")
    args = parser.parse_args()
    app = create_figure_app() if args.figure == "lab" else create_app(redraw=args.redraw)
    app.run(host="127.0.0.1", port=args.port, debug=False)
