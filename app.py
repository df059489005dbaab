"""Regularization Geometry Lab: see why L1 gives sparse weights and L2 small ones.

Run ``python app.py [--host 127.0.0.1] [--port 8050] [--debug]`` and open the printed address;
``python app.py export --help`` for figures written to files without a browser
(:mod:`authoring.cli`). For several workers: ``gunicorn app:server -w 4 -b 127.0.0.1:8050``.
"""

from __future__ import annotations

from dash import Dash, dcc, html
from flask import has_request_context, request

from authoring.url_state import PageState, layout_query, page_for_query
from components import (
    classroom_panel,
    comparison_panel,
    data_panel,
    dataset_panel,
    export_panel,
    group_panel,
    kink_panel,
    lambda_control,
    legend,
    minibatch_panel,
    norm_panel,
    optimizer_panel,
    path_panel,
    penalty_control,
    readout,
    share_panel,
    sklearn_panel,
    sparsity_panel,
    stores,
    weight_plane,
)
from components.client_config import config_attribute
from components.i18n import DEFAULT_LANG, normalize_lang, text
from components.panels import PANELS
from components.view import view_for_scene, view_with_defaults

TITLE = "Regularization Geometry Lab"


def page_state() -> PageState:
    """The page the request's URL query asks for (the defaults outside a request); for Dash's
    layout request, the query of the page that sent it (:func:`authoring.url_state.layout_query`)."""
    if not has_request_context():
        return page_for_query({})
    return page_for_query(layout_query(request.args, request.referrer))


def serve_layout(page: PageState | None = None) -> html.Div:
    """A page for ``page`` (by default the request's URL): its data, scene and both figures
    computed on the server."""
    page = page if page is not None else page_state()
    lang = page.lang
    state = {**page.state, "lang": lang}  # server callbacks answer in the page's language
    view = page.view
    scene = stores.build_scene(state)
    view = view_with_defaults(view_for_scene(view, scene))
    plane, data = data_panel.figures_for(state, scene, view)

    return html.Div(
        className="lab presenting" if page.present else "lab",
        **config_attribute(lang),
        children=[
            *stores.layout(state, scene, view),
            html.Header(
                className="lab-header",
                children=[
                    dcc.Markdown(
                        f"# {text('page.title', lang)}\n\n{text('page.intro', lang)}", className="lab-intro"
                    ),
                    *share_panel.layout(page),
                ],
            ),
            html.Main(
                className="lab-grid",
                children=[
                    html.Section(
                        className="panel plane-panel",
                        children=[
                            penalty_control.layout(view, lang=lang),
                            weight_plane.layout(plane, lang=lang),
                            legend.weight_plane_legend(lang=lang),
                            lambda_control.layout(view, lang=lang),
                            *classroom_panel.layout(page),
                            *optimizer_panel.layout(page),
                        ],
                    ),
                    html.Section(
                        className="panel side-panel",
                        children=[
                            html.H2(text("page.data", lang)),
                            *data_panel.layout(
                                state,
                                data,
                                legend.data_legend(view["shown"], lang=lang),
                                generator=page.generator,
                                view_keep=view["keep"],
                                lang=lang,
                            ),
                            *dataset_panel.layout(page),
                            html.H2(text("page.readout", lang)),
                            readout.layout(scene, view),
                            *kink_panel.layout(page),
                            *path_panel.layout(page),
                            *minibatch_panel.layout(page),
                            *sparsity_panel.layout(page),
                            *norm_panel.layout(page),
                            *group_panel.layout(page),
                            *comparison_panel.layout(page),
                            *export_panel.layout(page),
                            *sklearn_panel.layout(page),
                        ],
                    ),
                ],
            ),
        ],
    )


class LabDash(Dash):
    """Dash whose page names the language of the request's link (``lang=zh``) in ``<html lang>``
    and its title (the layout's scripts set both again from the page's configuration)."""

    def interpolate_index(self, **kwargs) -> str:
        lang = normalize_lang(request.args.get("lang")) if has_request_context() else DEFAULT_LANG
        kwargs["title"] = text("page.title", lang)
        return super().interpolate_index(**kwargs).replace('<html lang="en">', f'<html lang="{lang}">', 1)


def create_app() -> Dash:
    """Build the Dash app and register every panel's callbacks."""
    app = LabDash(
        __name__,
        title=TITLE,
        update_title=None,
        serve_locally=True,
        # phones lay the page out at their own width (without it they use 980 px and zoom out)
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    app.layout = serve_layout
    for panel in PANELS:
        panel.register_callbacks(app)
    return app


app = create_app()
server = app.server


def main(argv: list[str] | None = None) -> int:
    """``python app.py [--host] [--port] [--debug]`` serves the lab; ``python app.py export ...``
    writes a view to a file (the command line is :mod:`authoring.cli`). Returns the exit status."""
    from authoring import cli  # the command line's parsing lives there

    def serve(host: str, port: int, debug: bool) -> None:
        print(f"{TITLE}: open http://{host}:{port}")
        app.run(host=host, port=port, debug=debug)

    return cli.main(argv, serve=serve)


if __name__ == "__main__":
    raise SystemExit(main())
