"""How the lab writes a number for people to read: one rule, shared with the browser.

:func:`format_number` gives, for every float, exactly the string that
``window.labFormat.number`` in ``assets/lab_format.js`` gives for the same double
(``tests/test_js_node.py`` checks ~20,000 values under Node). The rule:

- ``0`` and ``-0`` -> ``"0"``; ``inf`` -> ``"∞"``; ``-inf`` -> ``"−∞"`` (U+2212); NaN -> ``"NaN"``;
- otherwise 4 significant digits of the exact binary value, a tie rounded away from zero
  (JavaScript's ``toPrecision`` / ``toExponential``; Python's ``format(v, ".4g")`` rounds
  ties to even instead: ``12345.0`` is ``"12350"`` here, ``"1.234e+04"`` there):

  - ``1e-4 <= |v| < 1e5`` (before rounding): a plain decimal without trailing zeros and with
    an ASCII ``-``: ``0.0001234``, ``12350``, ``100000`` (from ``99999.9``), ``-1.5``;
  - else a compact exponent, mantissa zeros before the ``e`` removed: ``1e-5``, ``3.678e-12``,
    ``1.2e+7``, ``1e-4`` (from ``9.99951e-5``).
"""

from __future__ import annotations

import decimal
import math
import numbers

__all__ = ["format_number"]

#: 4 significant digits, ties away from zero, exponents far beyond any double's.
_FOUR_DIGITS = decimal.Context(prec=4, rounding=decimal.ROUND_HALF_UP, Emin=-9999, Emax=9999)


def format_number(value: float) -> str:
    """A number as the lab shows it, identical to ``labFormat.number`` in the browser.

    Parameters
    ----------
    value : float
        Any real number (a Python or numpy float or int), including ``-0.0``, ``±inf`` and NaN.

    Returns
    -------
    str
        ``"0"``, ``"∞"``, ``"−∞"``, ``"NaN"``, a plain decimal (``1e-4 <= |value| < 1e5``) or a
        compact exponent, all with 4 significant digits (see the module docstring).

    Raises
    ------
    ValueError
        If value is not a real number (a bool, a string, None, a complex number), or an int
        too large for a float.

    Examples
    --------
    >>> [format_number(v) for v in (12345.0, 1.0625, -0.5, 1e-5, 3.678e-12, 1.2e7, float("-inf"))]
    ['12350', '1.063', '-0.5', '1e-5', '3.678e-12', '1.2e+7', '−∞']
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"value must be a real number, got {value!r}")
    try:
        v = float(value)
    except OverflowError:
        raise ValueError(f"value must be a real number within the range of a float, got {value!r}") from None
    if v == 0.0:
        return "0"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if math.isnan(v):
        return "NaN"
    rounded = _FOUR_DIGITS.create_decimal_from_float(v)  # exact binary value, rounded once
    if 1e-4 <= abs(v) < 1e5:
        text = format(rounded, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    sign, digits, _ = rounded.as_tuple()
    mantissa = "".join(map(str, digits)).ljust(4, "0").rstrip("0") or "0"
    exponent = rounded.adjusted()
    head = mantissa[0] + ("." + mantissa[1:] if len(mantissa) > 1 else "")
    return f"{'-' if sign else ''}{head}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"
