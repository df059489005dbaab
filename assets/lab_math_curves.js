/*
 * Curves: region boundaries, the level curves of J0 and the data panel's fitted curves: part of
 * `window.labMath` (lab_math.js has the scene fields, the conventions and the deliberate
 * differences from geometry/). Uses excess of lab_math.js, looked up when called.
 */
(function (root) {
  'use strict';

  var M = root.labMath = root.labMath || {};
  // ------------------------------------------------------------------ region boundaries

  /**
   * Close a first-quadrant arc, from (qx[0], 0) to (0, qy[n-1]), into a curve symmetric in
   * both axes (counter-clockwise, last point equal to the first).
   * @param {number[]} qx  x of the arc, qx[n-1] = 0
   * @param {number[]} qy  y of the arc, qy[0] = 0
   * @returns {{x: number[], y: number[]}} 4 (n - 1) + 1 points
   */
  function closedArc(qx, qy) {
    var x = [], y = [], n = qx.length, i;
    for (i = 0; i < n; i++) { x.push(qx[i]); y.push(qy[i]); }
    for (i = n - 2; i >= 0; i--) { x.push(-qx[i]); y.push(qy[i]); }
    for (i = 1; i < n; i++) { x.push(-qx[i]); y.push(-qy[i]); }
    for (i = n - 2; i >= 0; i--) { x.push(qx[i]); y.push(-qy[i]); }
    x[x.length - 1] = x[0];
    y[y.length - 1] = y[0];
    return {x: x, y: y};
  }

  /**
   * Cosines and sines of equally spaced angles in [0, pi/2], with exact 1 and 0 at the ends.
   * @param {number} num  points of the whole closed curve (a quarter is used)
   * @returns {{c: number[], s: number[]}} floor(num / 4) + 1 (at least 3) values each
   */
  function quadrant(num) {
    var n = Math.max(3, Math.floor(num / 4) + 1), c = [], s = [];
    for (var i = 0; i < n; i++) {
      var phi = 0.5 * Math.PI * i / (n - 1);
      c.push(i === 0 ? 1 : (i === n - 1 ? 0 : Math.cos(phi)));
      s.push(i === 0 ? 0 : (i === n - 1 ? 1 : Math.sin(phi)));
    }
    return {c: c, s: s};
  }

  /**
   * The L1 diamond ||w||_1 = t: exactly five points, the corners exact.
   * @param {number} t  size >= 0
   * @returns {{x: number[], y: number[]}} (t,0), (0,t), (-t,0), (0,-t), (t,0)
   */
  function diamond(t) { return {x: [t, 0, -t, 0, t], y: [0, t, 0, -t, 0]}; }

  /**
   * The circle ||w||_2 = t as a closed polyline; the four axis points are exact.
   * @param {number} t    radius >= 0
   * @param {number} num  about how many points (4 floor(num / 4) + 1, at least 9)
   * @returns {{x: number[], y: number[]}}
   */
  function circle(t, num) {
    var q = quadrant(num);
    return closedArc(q.c.map(function (v) { return t * v; }), q.s.map(function (v) { return t * v; }));
  }

  /**
   * The elastic-net boundary r ||w||_1 + (1 - r) ||w||_2^2 = t: along each direction
   * (cos, sin) the radius solves (1 - r) rho^2 + r (|cos| + |sin|) rho = t, taken in the
   * cancellation-free form rho = 2 t / (a + sqrt(a^2 + 4 (1 - r) t)), a = r (|cos| + |sin|).
   * The four axis points are exact.
   * @param {number} t    size >= 0
   * @param {number} r    mix in [0, 1]
   * @param {number} num  about how many points (4 floor(num / 4) + 1, at least 9)
   * @returns {{x: number[], y: number[]}}
   */
  function enBoundary(t, r, num) {
    var q = quadrant(num), qx = [], qy = [];
    for (var i = 0; i < q.c.length; i++) {
      var a = r * (q.c[i] + q.s[i]);
      var rho = t > 0 ? 2 * t / (a + Math.sqrt(a * a + 4 * (1 - r) * t)) : 0;
      qx.push(rho * q.c[i]);
      qy.push(rho * q.s[i]);
    }
    return closedArc(qx, qy);
  }

  // ------------------------------------------------------------------ level curves

  /**
   * Clip the line p + s d (all real s) to a rectangle.
   * @param {number} px
   * @param {number} py
   * @param {number} dx
   * @param {number} dy
   * @param {{x: number[], y: number[]}} view  [lo, hi] along each axis
   * @returns {number[][]|null} the two end points [[x, y], [x, y]], or null if it misses
   */
  function clipLine(px, py, dx, dy, view) {
    var lo = -Infinity, hi = Infinity, p = [px, py], d = [dx, dy], box = [view.x, view.y];
    for (var a = 0; a < 2; a++) {
      if (Math.abs(d[a]) < 1e-300) {
        if (p[a] < box[a][0] || p[a] > box[a][1]) { return null; }
        continue;
      }
      var s0 = (box[a][0] - p[a]) / d[a], s1 = (box[a][1] - p[a]) / d[a];
      lo = Math.max(lo, Math.min(s0, s1));
      hi = Math.min(hi, Math.max(s0, s1));
    }
    if (!(lo <= hi) || !isFinite(lo) || !isFinite(hi)) { return null; }
    return [[px + lo * dx, py + lo * dy], [px + hi * dx, py + hi * dy]];
  }

  /**
   * The J0 level curve through w, from the eigen-data. Rank 2: the ellipse
   * ols + V diag(sqrt(2 delta / e)) (cos s, sin s), delta = J0(w) - min J0, closed (num points,
   * the last equal to the first). Rank 1: the two lines parallel to the flat direction at
   * distance sqrt(2 delta / e2) from the OLS line, clipped to scene.view and separated by a
   * null (one line when delta = 0). Rank 0: J0 is constant, empty arrays.
   * @param {object} scene  scene bundle
   * @param {number[]} w    point [w1, w2] on the curve
   * @param {number} num    points of the ellipse (>= 3)
   * @returns {{x: Array, y: Array}}
   */
  function contourThrough(scene, w, num) {
    var V = scene.eigenvectors, e = scene.eigenvalues, o = scene.ols;
    var delta = Math.max(M.excess(scene, w), 0), x = [], y = [];
    if (scene.rank === 0) { return {x: x, y: y}; }
    if (scene.rank === 2) {
      num = Math.max(3, Math.floor(num));
      var ra = Math.sqrt(2 * delta / e[0]), rb = Math.sqrt(2 * delta / e[1]);
      for (var i = 0; i < num; i++) {
        var s = 2 * Math.PI * i / (num - 1), a = ra * Math.cos(s), b = rb * Math.sin(s);
        x.push(o[0] + V[0][0] * a + V[0][1] * b);
        y.push(o[1] + V[1][0] * a + V[1][1] * b);
      }
      x[num - 1] = x[0];
      y[num - 1] = y[0];
      return {x: x, y: y};
    }
    var off = Math.sqrt(2 * delta / e[1]);
    var sides = off === 0 ? [0] : [1, -1];
    sides.forEach(function (side) {
      var seg = clipLine(o[0] + side * off * V[0][1], o[1] + side * off * V[1][1], V[0][0], V[1][0], scene.view);
      if (!seg) { return; }
      if (x.length) { x.push(null); y.push(null); }
      x.push(seg[0][0], seg[1][0]);
      y.push(seg[0][1], seg[1][1]);
    });
    return {x: x, y: y};
  }

  // ------------------------------------------------------------------ data space

  /**
   * Fitted values of the model with weights w and the fitted intercept.
   * @param {object} scene   scene bundle (x_mean, y_mean)
   * @param {number[]} w     weights [w1, w2]
   * @param {number[]} phi1  first feature at the evaluation points, shape (m,)
   * @param {number[]} phi2  second feature, shape (m,)
   * @returns {number[]} yhat[i] = b(w) + w1 phi1[i] + w2 phi2[i], b(w) = y_mean - x_mean . w
   */
  function fitCurve(scene, w, phi1, phi2) {
    var b = scene.y_mean - (scene.x_mean[0] * w[0] + scene.x_mean[1] * w[1]);
    var out = new Array(phi1.length);
    for (var i = 0; i < phi1.length; i++) { out[i] = b + w[0] * phi1[i] + w[1] * phi2[i]; }
    return out;
  }

  Object.assign(M, {diamond: diamond, circle: circle, enBoundary: enBoundary, contourThrough: contourThrough, fitCurve: fitCurve});
  if (typeof module !== 'undefined' && module.exports) { module.exports = M; }
}(typeof window !== 'undefined' ? window : globalThis));
