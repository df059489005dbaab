"""Every panel of the page, in one list: ``app.py`` registers their callbacks, and the client
configuration (:mod:`components.client_config`) collects their component ids."""

from __future__ import annotations

from types import ModuleType

from . import (
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
    weight_plane,
)

__all__ = ["PANELS"]

#: each has ``register_callbacks(app)`` and upper-case constants holding its component ids
PANELS: tuple[ModuleType, ...] = (
    lambda_control,
    penalty_control,
    weight_plane,
    data_panel,
    dataset_panel,
    legend,
    readout,
    share_panel,
    classroom_panel,
    export_panel,
    sklearn_panel,
    kink_panel,
    path_panel,
    optimizer_panel,
    minibatch_panel,
    sparsity_panel,
    comparison_panel,
    norm_panel,
    group_panel,
)
