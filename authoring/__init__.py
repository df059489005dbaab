"""Classroom and authoring: the state in a link (URL query), presets, exports and the command line.

No Dash here: these functions take and return plain dicts, strings and plotly figures, so the
command line can use them without a server.
"""
