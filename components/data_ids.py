"""The two component ids the data panel and the data set chooser both read, in one place, so that
neither panel module imports the other.

- :data:`SOURCE_TOGGLE` (laid out by :mod:`components.data_panel`): loss from the points or from
  a loss shape; the chooser's edit (:mod:`components.dataset_panel`) carries its value, what
  "synthetic" goes back to.
- :data:`DATASET_DROPDOWN` (laid out by :mod:`components.dataset_panel`): synthetic data or a
  shipped data set; the data panel hides its points' and shape's controls for a data set.

Each panel module imports its own id from here, so it stays one of that panel's ids
(:func:`components.client_config.component_ids`) and ``data_panel.SOURCE_TOGGLE`` /
``dataset_panel.DATASET_DROPDOWN`` keep working.
"""

from __future__ import annotations

__all__ = ["SOURCE_TOGGLE", "DATASET_DROPDOWN"]

SOURCE_TOGGLE = "source-toggle"
DATASET_DROPDOWN = "dataset-dropdown"
