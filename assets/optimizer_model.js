/*
 * The optimizer panel's pure model in the browser (mirrors components/optimizer_figure.py,
 * geometry/optimizers.py and geometry/kkt.py): `lab.optimizerModel`, no DOM and no state.
 * assets/optimizer_panel.js (the clientside callback, the DOM events, the state) calls it.
 *
 * - step, path, defaultStep, signFlips: the update rules and their iterates.
 * - kktPicture: the descent direction and the normal cone at a touch point.
 * - model(scene, view, settings): what the panel draws and says (optimizer_model);
 *   traces(m, k): {uid: {x, y}} for every optimizer trace (optimizer_traces).
 * - sentences(scene, m, settings, S): the panel's text; fill(template, fields): {name} filling.
 *
 * Reads lab.config().optimizer, window.labFormat, window.labMath.gradient, lab.lambdaControl and
 * lab.weightPlane, each looked up when called. Paths are the same arithmetic as
 * geometry/optimizers.py, operation by operation (tests/test_optimizer_node.py holds them equal
 * step for step).
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function fmt(v) { return window.labFormat.number(v); }
  function cfg() { return lab.config().optimizer; }

  // ------------------------------------------------------------------ the rules (geometry/optimizers.py)

  function sign(v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); }

  /** One update of `rule` from w (geometry.optimizers._step). */
  function step(H, g, rule, w, eta, lam) {
    var grad = [H[0][0] * w[0] + H[0][1] * w[1] - g[0], H[0][1] * w[0] + H[1][1] * w[1] - g[1]];
    if (rule === 'none') { return [w[0] - eta * grad[0], w[1] - eta * grad[1]]; }
    if (rule === 'l2') {
      var f = 1.0 - 2.0 * eta * lam;
      return [w[0] * f - eta * grad[0], w[1] * f - eta * grad[1]];
    }
    if (rule === 'l1-subgradient') {
      return [w[0] - eta * (grad[0] + lam * sign(w[0])), w[1] - eta * (grad[1] + lam * sign(w[1]))];
    }
    if (rule === 'l1') {
      var tau = eta * lam;
      return [0, 1].map(function (i) {
        var z = w[i] - eta * grad[i];
        return Math.abs(z) > tau ? z - tau * sign(z) : 0;
      });
    }
    return [0, 1].map(function (i) {                          // l1-clip
      if (w[i] !== 0) {
        var z = w[i] - eta * (grad[i] + lam * sign(w[i]));
        return z * w[i] > 0 ? z : 0;
      }
      return Math.abs(grad[i]) > lam ? -eta * (grad[i] - lam * sign(grad[i])) : 0;
    });
  }

  /** The largest eigenvalue of H, clipped at 0 (scene.eigenvalues is ascending). */
  function topEigen(scene) { return Math.max(scene.eigenvalues[scene.eigenvalues.length - 1], 0); }

  /** L of the gradient a rule steps along: L, or L + 2λ for weight decay. */
  function smoothness(scene, rule, lam) { return topEigen(scene) + (rule === 'l2' ? 2 * lam : 0); }

  /** 1 / smoothness (1 for H = 0). */
  function defaultStep(scene, rule, lam) { var b = smoothness(scene, rule, lam); return b > 0 ? 1 / b : 1; }

  /**
   * The iterates of a rule (geometry.optimizers.optimizer_path).
   * @returns {{points: number[][], stopped: boolean}}
   */
  function path(scene, rule, start, eta, lam, steps) {
    var H = scene.hessian, g = scene.linear, w = start.slice(), points = [w], stopped = false;
    var ols = scene.ols, bound = 1e6 * Math.max(1, Math.abs(w[0]), Math.abs(w[1]), Math.abs(ols[0]), Math.abs(ols[1]));
    for (var k = 0; k < steps; k++) {
      w = step(H, g, rule, w, eta, lam);
      if (!(Math.abs(w[0]) <= bound && Math.abs(w[1]) <= bound)) { stopped = true; break; }
      points.push(w);
    }
    return {points: points, stopped: stopped};
  }

  /** Sign changes of each weight between successive iterates (geometry.optimizers.sign_flips). */
  function signFlips(points) {
    var out = [0, 0];
    for (var k = 1; k < points.length; k++) {
      for (var i = 0; i < 2; i++) { if (points[k][i] * points[k - 1][i] < 0) { out[i] += 1; } }
    }
    return out;
  }

  /** The first step from which weight i is exactly 0 to the end, or null. */
  function zeroFrom(points, i) {
    if (points[points.length - 1][i] !== 0) { return null; }
    for (var k = points.length - 1; k >= 0; k--) { if (points[k][i] !== 0) { return k + 1; } }
    return 0;
  }

  // ------------------------------------------------------------------ the KKT picture (geometry/kkt.py)

  function unit(v) { var n = Math.hypot(v[0], v[1]); return n > 0 ? [v[0] / n, v[1] / n] : v; }

  /** {region, w, lam, descent, case, rays, box} at a touch point (geometry.kkt.kkt_picture). */
  function kktPicture(scene, region, w, lam, l1Ratio) {
    var r = region === 'l1' ? 1 : (region === 'l2' ? 0 : l1Ratio), grad = window.labMath.gradient(scene, w);
    var d = [-grad[0], -grad[1]], out = {region: region, w: w.slice(), lam: lam, descent: d, rays: [], box: 0};
    if (w[0] === 0 && w[1] === 0) {
      out.case = 'origin';
      out.box = isFinite(lam) ? lam * r : 0;
      return out;
    }
    if ((d[0] === 0 && d[1] === 0) || lam === 0) { out.case = 'interior'; return out; }
    if (r > 0 && (w[0] === 0 || w[1] === 0)) {
      var k = w[0] === 0 ? 0 : 1, j = 1 - k;
      out.case = 'corner';
      out.rays = [1, -1].map(function (s) {
        var v = [0, 0];
        v[k] = r * s;
        v[j] = r * sign(w[j]) + 2 * (1 - r) * w[j];
        return unit(v);
      });
      return out;
    }
    out.case = 'smooth';
    out.rays = [unit([r * sign(w[0]) + 2 * (1 - r) * w[0], r * sign(w[1]) + 2 * (1 - r) * w[1]])];
    return out;
  }

  // ------------------------------------------------------------------ the model (optimizer_figure.py)

  var TARGET = {'none': null, 'l2': 'l2', 'l1-subgradient': 'l1', 'l1': 'l1', 'l1-clip': 'l1'};
  var REGION_KEYS = {l1: 'l1', l2: 'l2', elasticnet: 'en'};

  /** The touch points of a view on this scene (a view that keeps its λ keeps it, as the plane). */
  function touchesFor(scene, view) {
    var v = Object.assign({}, view);
    v.slider = lab.lambdaControl.sliderForScene(scene, view, view);
    return lab.weightPlane.touches(scene, v);
  }

  /**
   * What the panel draws and says (optimizer_figure.optimizer_model).
   * @param {object} scene     scene-store dict
   * @param {object} view      current-view dict
   * @param {object} settings  {rules, formula, eta, steps, start, k, paths, kkt}
   */
  function model(scene, view, settings) {
    var T = touchesFor(scene, view), radius = scene.view.x[1], top = topEigen(scene);
    var start = [settings.start[0] * radius, settings.start[1] * radius];
    var m = {radius: radius, L: top, start: start, lam: {l1: T.l1.lam, l2: T.l2.lam}, paths: {}, kkt: []};
    if (settings.paths) {
      cfg().rules.forEach(function (rule) {
        if (settings.rules.indexOf(rule) < 0) { return; }
        var lam = rule === 'none' ? 0 : m.lam[cfg().l1Rules.indexOf(rule) >= 0 ? 'l1' : 'l2'];
        if (!isFinite(lam)) { return; }
        var eta = settings.eta ? settings.eta : defaultStep(scene, rule, lam);
        var p = path(scene, rule, start, eta, lam, settings.steps), pts = p.points, end = pts[pts.length - 1];
        var region = TARGET[rule], target = region === null ? scene.ols.slice() : T[region].w.slice();
        var limit = top > 0 ? 2 / (top + (rule === 'l2' ? 2 * lam : 0)) : Infinity;
        m.paths[rule] = {
          eta: eta, lam: lam, points: pts, diverges: eta >= limit, stopped: p.stopped, limit: limit, target: target,
          distance: Math.hypot(end[0] - target[0], end[1] - target[1]), flips: signFlips(pts),
          zero_from: [zeroFrom(pts, 0), zeroFrom(pts, 1)],
          ever_zero: [0, 1].map(function (i) { return pts.slice(1).some(function (q) { return q[i] === 0; }); })
        };
      });
    }
    if (settings.kkt) {
      ['l1', 'l2', 'elasticnet'].forEach(function (region) {
        if (view.shown.indexOf(REGION_KEYS[region]) < 0) { return; }
        m.kkt.push(kktPicture(scene, region, T[region].w, T[region].lam, view.l1_ratio));
      });
    }
    return m;
  }

  /** A shaft from w along d (of `length`, or d's own when null) and its head (optimizer_figure._arrow). */
  function arrow(w, d, length) {
    var size = Math.hypot(d[0], d[1]);
    if (size === 0) { return [[], []]; }
    var ux = d[0] / size, uy = d[1] / size, span = length === null ? size : length, head = cfg().head;
    var tx = w[0] + span * ux, ty = w[1] + span * uy, h = head[0] * span, c = Math.cos(head[1]), s = Math.sin(head[1]);
    var left = [tx - h * (c * ux - s * uy), ty - h * (s * ux + c * uy)];
    var right = [tx - h * (c * ux + s * uy), ty - h * (-s * ux + c * uy)];
    return [[w[0], tx, null, left[0], tx, right[0]], [w[1], ty, null, left[1], ty, right[1]]];
  }

  /** {uid: {x, y}} for every optimizer trace (optimizer_figure.optimizer_traces); k: steps shown or null. */
  function traces(m, k) {
    var c = cfg(), out = {};
    c.uids.forEach(function (uid) { out[uid] = {x: [], y: []}; });
    Object.keys(m.paths).forEach(function (rule) {
      var pts = m.paths[rule].points;
      if (k !== null && k !== undefined) { pts = pts.slice(0, k + 1); }
      out['gd-path-' + rule] = {x: pts.map(function (p) { return p[0]; }), y: pts.map(function (p) { return p[1]; })};
    });
    var arrowLen = c.arrow * m.radius, coneLen = c.cone * m.radius, gx = [], gy = [], cx = [], cy = [];
    m.kkt.forEach(function (pic) {
      var w = pic.w, d = pic.descent, a, bx = [], by = [];
      if (pic.case === 'interior') { return; }
      if (pic.case === 'origin') {
        if (pic.box > 0) {
          var s = coneLen / pic.box;
          a = arrow(w, [s * d[0], s * d[1]], null);
          bx = [w[0] - coneLen, w[0] + coneLen, w[0] + coneLen, w[0] - coneLen, w[0] - coneLen];
          by = [w[1] - coneLen, w[1] - coneLen, w[1] + coneLen, w[1] + coneLen, w[1] - coneLen];
        } else {
          a = arrow(w, d, arrowLen);
        }
      } else {
        a = arrow(w, d, arrowLen);
        var ends = pic.rays.map(function (r) { return [w[0] + coneLen * r[0], w[1] + coneLen * r[1]]; });
        if (ends.length === 1) {
          bx = [w[0], ends[0][0]]; by = [w[1], ends[0][1]];
        } else {
          bx = [w[0], ends[0][0], ends[1][0], w[0]]; by = [w[1], ends[0][1], ends[1][1], w[1]];
        }
      }
      [[gx, gy, a[0], a[1]], [cx, cy, bx, by]].forEach(function (q) {
        if (!q[2].length) { return; }
        if (q[0].length) { q[0].push(null); q[1].push(null); }
        Array.prototype.push.apply(q[0], q[2]);
        Array.prototype.push.apply(q[1], q[3]);
      });
    });
    out['kkt-gradient'] = {x: gx, y: gy};
    out['kkt-cone'] = {x: cx, y: cy};
    return out;
  }

  // ------------------------------------------------------------------ the text

  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : whole;
    });
  }
  function vec(v) { return '(' + fmt(v[0]) + ', ' + fmt(v[1]) + ')'; }

  /** The selected rule's update at iterate k, numbers plugged in. */
  function formulaLine(scene, m, rule, k, S) {
    var p = m.paths[rule];
    if (!p) { return ''; }
    var i = Math.min(k === null || k === undefined ? p.points.length - 1 : k, p.points.length - 1);
    var w = p.points[i], g = window.labMath.gradient(scene, w), eta = p.eta, lam = p.lam;
    var next = step(scene.hessian, scene.linear, rule, w, eta, lam);
    var f = {w: vec(w), eta: fmt(eta), grad: vec(g), next: vec(next), lam: fmt(lam)};
    f.factor = fmt(1 - 2 * eta * lam);
    f.sign = '(' + sign(w[0]) + ', ' + sign(w[1]) + ')';
    f.tau = fmt(eta * lam);
    f.z = rule === 'l1' ? vec([w[0] - eta * g[0], w[1] - eta * g[1]])
      : vec([w[0] - eta * (g[0] + lam * sign(w[0])), w[1] - eta * (g[1] + lam * sign(w[1]))]);
    return 'k = ' + i + ': ' + fill(S['t.f.' + rule], f);
  }

  /**
   * The panel's text: the head, warnings, the selected rule's update, each path's end, KKT lines.
   * @param {object} scene, m (model), settings; S: templates (optimizer_panel.strings_for)
   * @returns {string} lines joined by newlines
   */
  function sentences(scene, m, settings, S) {
    var lines = [], sub = '₁₂', c = cfg();
    if (settings.paths) {
      var anyPath = Object.keys(m.paths)[0];
      var n = anyPath ? m.paths[anyPath].points.length - 1 : settings.steps;
      var k = settings.k === null || settings.k === undefined ? n : Math.min(settings.k, n);
      lines.push(fill(S['t.head'], {k: k, n: settings.steps, start: vec(m.start), L: fmt(m.L), lam: fmt(m.lam.l1)}));
      c.rules.forEach(function (rule) {
        var p = m.paths[rule];
        if (!p) { return; }
        var name = S['rule.' + rule];
        if (p.diverges) {
          lines.push(fill(S['t.diverges'], {rule: name, eta: fmt(p.eta), what: rule === 'l2' ? '(L + 2λ)' : 'L',
                                              limit: fmt(p.limit)}));
        }
      });
      if (settings.formula && m.paths[settings.formula]) { lines.push(formulaLine(scene, m, settings.formula, settings.k, S)); }
      c.rules.forEach(function (rule) {
        var p = m.paths[rule];
        if (!p) { return; }
        var name = S['rule.' + rule];
        if (p.stopped) { lines.push(fill(S['t.stopped'], {rule: name, k: p.points.length - 1})); return; }
        var zeros = '', flips = '';
        [0, 1].forEach(function (i) {
          if (p.zero_from[i] !== null && p.target[i] === 0) {
            zeros += fill(S['t.zero_from'], {i: sub[i], k: p.zero_from[i]});
          } else if (rule !== 'none' && p.target[i] === 0 && !p.ever_zero[i]) {
            zeros += S['t.never_zero'].replace('{i}', sub[i]);
          }
          if (p.flips[i] > 1) { flips += fill(S['t.flips'], {count: p.flips[i], i: sub[i]}); }
        });
        var target = S['t.target.' + (TARGET[rule] || 'none')];
        lines.push(fill(S['t.end'], {rule: name, end: vec(p.points[p.points.length - 1]), dist: fmt(p.distance),
                                     target: target, zeros: zeros, flips: flips}));
      });
    }
    m.kkt.forEach(function (pic) {
      lines.push(fill(S['t.kkt.' + pic.case], {region: S['region.' + pic.region], w: vec(pic.w), d: vec(pic.descent),
                                               box: fmt(pic.box)}));
    });
    return lines.join('\n');
  }

  lab.optimizerModel = {
    step: step, path: path, signFlips: signFlips, defaultStep: defaultStep, kktPicture: kktPicture, model: model,
    traces: traces, sentences: sentences, fill: fill
  };
}());
