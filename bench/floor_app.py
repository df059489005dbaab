"""Trivial Dash apps that give the latency floor for bench/latency.py.

- ``floor-slider`` -> clientside callback -> moves one marker of ``floor-graph`` (Patch):
  the cheapest possible "slider redraws a graph" path.
- dragging the one shape of ``floor-data`` -> server callback -> moves the marker (Patch):
  the cheapest possible "drag data, server answers, graph redraws" path.
- a position written to ``floor-drag`` (as the lab writes a dragged point's position to
  ``data-drag`` while the mouse button is held) -> server callback -> moves the marker (Patch).

Run: ``python bench/floor_app.py --port 8061``.
"""

from __future__ import annotations

import argparse

from dash import Dash, Input, Output, Patch, ctx, dcc, html


def create_app() -> Dash:
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
        """function (v) { const p = new window.dash_clientside.Patch(); p.assign(['data', 0, 'x'], [v]); return p.build(); }""",
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
        p["data"][0]["y"] = [y]
        return p

    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8061)
    args = parser.parse_args()
    create_app().run(host="127.0.0.1", port=args.port, debug=False)
