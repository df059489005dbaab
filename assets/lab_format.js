/*
 * How the lab writes a number for people to read: `window.labFormat.number`.
 *
 * The one rule, shared with components/formatting.py::format_number (tests/test_js_node.py
 * checks that both give the same string for ~20,000 values under Node):
 *
 *   0 and -0 -> "0";  +Infinity -> "∞";  -Infinity -> "−∞" (U+2212);  NaN -> "NaN";
 *   otherwise 4 significant digits, the exact binary value rounded half away from zero
 *   (what toPrecision / toExponential do):
 *     1e-4 <= |v| < 1e5 (before rounding): plain decimal, trailing zeros removed, ASCII "-"
 *       0.0001234 -> "0.0001234", 12345 -> "12350", 99999.9 -> "100000", -1.5 -> "-1.5";
 *     else: compact exponent, mantissa zeros before the "e" removed
 *       1e-5 -> "1e-5", 3.678e-12 -> "3.678e-12", 1.2e7 -> "1.2e+7", 9.99951e-5 -> "1e-4".
 *
 * Pure: no DOM. Loaded in the page by Dash like every asset; under Node it is also
 * `module.exports`.
 */
(function (root) {
  'use strict';

  /**
   * A number as the lab shows it (the rule above).
   * @param {number} v  any number, including -0, +-Infinity and NaN
   * @returns {string}
   * @throws {TypeError} if v is not of type number (null, a string, a boolean, ...)
   */
  function formatNumber(v) {
    if (typeof v !== 'number') {
      throw new TypeError('formatNumber needs a number, got ' + (v === null ? 'null' : typeof v));
    }
    if (v === 0) { return '0'; }
    if (v === Infinity) { return '∞'; }
    if (v === -Infinity) { return '−∞'; }
    if (v !== v) { return 'NaN'; }
    var a = Math.abs(v);
    if (a >= 1e-4 && a < 1e5) { return String(Number(v.toPrecision(4))); }
    return v.toExponential(3).replace(/\.?0+e/, 'e');
  }

  var labFormat = {number: formatNumber};
  root.labFormat = labFormat;
  if (typeof module !== 'undefined' && module.exports) { module.exports = labFormat; }
}(typeof window !== 'undefined' ? window : this));
