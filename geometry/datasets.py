"""Real data sets shipped with the project (read from ``data/``, never downloaded).

- :func:`load_diabetes`: the diabetes data of Efron, Hastie, Johnstone & Tibshirani (2004),
  442 patients × 10 baseline variables, exactly as scikit-learn's
  ``sklearn.datasets.load_diabetes()`` returns them: each feature centred and scaled to unit
  Euclidean norm, the target (disease progression one year later) raw. The provenance is in
  ``data/README.md``; ``tests/test_datasets.py`` holds the file equal to scikit-learn's copy.
- :func:`dataset_names`, :func:`load_dataset`: the same by name.

Pure numpy: the file is a ``.npz`` read with ``allow_pickle=False``. The arrays returned are
read-only views of one cached copy (the file is read once per process).
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

__all__ = ["DATA_DIR", "DATASETS", "dataset_names", "load_dataset", "load_diabetes"]

#: the folder of the shipped data files
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
#: each data set's file in :data:`DATA_DIR`
DATASETS: dict[str, str] = {"diabetes": "diabetes.npz"}


def dataset_names() -> tuple[str, ...]:
    """The names :func:`load_dataset` knows, e.g. ``("diabetes",)``."""
    return tuple(DATASETS)


@functools.lru_cache(maxsize=None)
def _read(name: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    with np.load(DATA_DIR / DATASETS[name], allow_pickle=False) as archive:
        X = np.array(archive["X"], dtype=float)
        y = np.array(archive["y"], dtype=float)
        names = tuple(str(v) for v in archive["feature_names"])
    if X.ndim != 2 or y.shape != (X.shape[0],) or len(names) != X.shape[1]:
        raise ValueError(f"the data file of {name!r} is damaged: X {X.shape}, y {y.shape}, {len(names)} names")
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y, names


def load_dataset(name: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """A shipped data set by name.

    Parameters
    ----------
    name : str
        One of :func:`dataset_names`.

    Returns
    -------
    X : ndarray of shape (n, d), read-only
    y : ndarray of shape (n,), read-only
    feature_names : tuple of d str

    Raises
    ------
    ValueError
        For a name that is not a shipped data set.
    """
    if not isinstance(name, str) or name not in DATASETS:
        raise ValueError(f"name must be one of {', '.join(DATASETS)}, got {name!r}")
    return _read(name)


def load_diabetes() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """The diabetes data (Efron et al. 2004) as ``sklearn.datasets.load_diabetes()`` returns them.

    Returns
    -------
    X : ndarray of shape (442, 10), read-only
        age, sex, bmi, bp, s1 … s6; each column centred and scaled to unit Euclidean norm.
    y : ndarray of shape (442,), read-only
        The raw target: a measure of disease progression one year after baseline (25 to 346).
    feature_names : tuple of 10 str
        ``("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6")``.
    """
    return load_dataset("diabetes")
