/*
 * The 1-D kink in the browser (mirrors components/kink_figure.py, kink_sentences.py and geometry/kink.py):
 * `lab.kink` and the clientside callback `kink_panel.follow`.
 *
 * f(x) = value + slope x + curvature x^2 / 2 is J0 along one weight with the other held at the
 * lasso optimum's value (the L1 touch point the weight plane draws, so the 1-D L1 minimiser is
 * that touch point's coordinate), or a (x - c)^2. λ is the L1 touch point's λ: the slider's in
 * penalized mode, the lasso's λ for t in constrained mode. The L1 minimiser is soft thresholding,
 * exactly 0 when |d0| <= λ; the L2 minimiser is -d0 / (f'' + 2λ).
 *
 * While the panel (a <details>) is closed, `follow` only notes its latest inputs and returns
 * no_update, so a λ step costs next to nothing; when the panel opens, the script draws the
 * latest inputs once (lab.write). The page's sentences come from the panel's `data-strings`
 * attribute (in the page's language); trace indices and sizes from lab.config().kink.
 *
 * State (lab.state.kink, made on first use): `latest` (the inputs of the last call), `stale`
 * (whether the panel skipped drawing them while closed).
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function fmt(v) { return window.labFormat.number(v); }
  function st() {
    lab.state = lab.state || {};
    if (!lab.state.kink) { lab.state.kink = {latest: null, stale: false}; }
    return lab.state.kink;
  }

  // ------------------------------------------------------------------ the math (geometry/kink.py)

  /** f along weight k (0 or 1) with the other weight held at w[1 - k]: {curvature, slope, value}. */
  function alongWeight(scene, k, w) {
    var H = scene.hessian, g = scene.linear, o = 1 - k, held = [0, 0];
    held[o] = w[o];
    return {
      curvature: H[k][k],
      slope: H[k][0] * held[0] + H[k][1] * held[1] - g[k],
      value: 0.5 * (held[0] * (H[0][0] * held[0] + H[0][1] * held[1]) + held[1] * (H[1][0] * held[0] + H[1][1] * held[1]))
        - (g[0] * held[0] + g[1] * held[1]) + scene.constant
    };
  }

  /** a (x - c)^2 (a > 0): curvature 2a, d0 = -2ac, f(0) = a c^2. */
  function parabola(a, c) { return {curvature: 2 * a, slope: -2 * a * c, value: a * c * c}; }

  /** f at x. */
  function fAt(f, x) { return f.value + x * (f.slope + 0.5 * f.curvature * x); }

  /** argmin f + lam |x|: soft thresholding, exactly 0 when |d0| <= lam (f'' = 0 then too). */
  function l1Min(f, lam) {
    if (Math.abs(f.slope) <= lam) { return 0; }
    return -(Math.sign(f.slope) * (Math.abs(f.slope) - lam)) / f.curvature;
  }

  /** argmin f + lam x^2 = -d0 / (f'' + 2 lam); exactly 0 when d0 = 0. */
  function l2Min(f, lam) { return f.slope === 0 ? 0 : -f.slope / (f.curvature + 2 * lam); }

  /** numpy.linspace(a, b, n). */
  function linspace(a, b, n) {
    var out = [], step = (b - a) / (n - 1);
    for (var i = 0; i < n; i++) { out.push(i * step + a); }
    out[n - 1] = b;
    return out;
  }

  /** num samples from lo < 0 to hi > 0 that include 0 exactly (geometry.kink.kink_grid). */
  function grid(lo, hi, num) {
    var left = Math.max(1, Math.min(num - 2, Math.floor((num - 1) * -lo / (hi - lo) + 0.5)));
    return linspace(lo, 0, left + 1).concat(linspace(0, hi, num - left).slice(1));
  }

  // ------------------------------------------------------------------ the model (kink_figure.py)

  /** The L1 touch point {w, lam, t} of the view on this scene (the λ a view keeps, as the plane). */
  function l1Touch(scene, view) {
    var LC = lab.lambdaControl, v = Object.assign({}, view);
    v.slider = LC.sliderForScene(scene, view, view);
    return lab.weightPlane.touches(scene, v).l1;
  }

  /**
   * What the panel shows (components/kink_figure.py::kink_model).
   * @param {object} scene   scene-store dict
   * @param {object} view    current-view dict
   * @param {string} source  'w1' | 'w2' | 'parabola'
   * @param {number} a       the parabola's a (> 0)
   * @param {number} c       the parabola's c
   * @returns {object}
   */
  function model(scene, view, source, a, c) {
    var touch = l1Touch(scene, view), lam = touch.lam, f, weight = null, held = null, range;
    if (source === 'parabola') {
      f = parabola(a, c);
      var span = c !== 0 ? Math.abs(c) : 1;
      range = [Math.min(0, c) - 0.6 * span, Math.max(0, c) + 0.6 * span];
    } else {
      weight = source === 'w1' ? 0 : 1;
      f = alongWeight(scene, weight, touch.w);
      held = touch.w[1 - weight];
      range = (weight === 0 ? scene.view.x : scene.view.y).slice();
    }
    return {source: source, mode: view.mode || 'penalized', lam: lam, t: touch.t, weight: weight, held: held,
            a: a, c: c, f: f, x1: l1Min(f, lam), x2: l2Min(f, lam), touch: touch.w.slice(), range: range};
  }

  /** How far in x a tangent of this slope runs to be `length` long in a plot 1 high and `aspect` wide. */
  function segment(slope, xSpan, ySpan, length, aspect) { return length / Math.hypot(aspect / xSpan, slope / ySpan); }

  /**
   * The figure's moving parts (kink_figure.py::kink_data): {uid: {x, y}}, xrange, yrange.
   * @param {object} m    model
   * @param {object} cfg  lab.config().kink: {samples, segment, aspect}
   */
  function data(m, cfg) {
    var f = m.f, lam = m.lam, lo = m.range[0], hi = m.range[1], x = grid(lo, hi, cfg.samples);
    var base = x.map(function (v) { return fAt(f, v); });
    var fMin = Math.min.apply(null, base), fMax = Math.max.apply(null, base), f0 = f.value;
    if (f.curvature > 0) { fMin = Math.min(fMin, fAt(f, Math.min(Math.max(-f.slope / f.curvature, lo), hi))); }
    var depth = Math.max(f0 - fMin, 0.25 * (fMax - fMin), 1e-12 * Math.max(1, Math.abs(f0)));
    var yLo = fMin - 0.12 * depth, yHi = f0 + depth, xSpan = hi - lo, ySpan = yHi - yLo;
    var d0 = f.slope, left = d0 - lam, right = d0 + lam;
    var dl = segment(left, xSpan, ySpan, cfg.segment, cfg.aspect), dr = segment(right, xSpan, ySpan, cfg.segment, cfg.aspect);
    var dm = segment(d0, xSpan, ySpan, cfg.segment, cfg.aspect), x1 = m.x1, x2 = m.x2;
    return {
      'kink-f': {x: x, y: base},
      'kink-l2-curve': {x: x, y: x.map(function (v, i) { return base[i] + lam * v * v; })},
      'kink-l1-curve': {x: x, y: x.map(function (v, i) { return base[i] + lam * Math.abs(v); })},
      'kink-d0': {x: [-dm, 0, dm], y: [f0 - dm * d0, f0, f0 + dm * d0]},
      'kink-slopes': {x: [-dl, dl, null, -dr, dr], y: [f0 - dl * left, f0 + dl * left, null, f0 - dr * right, f0 + dr * right]},
      'kink-l2-min': {x: [x2], y: [fAt(f, x2) + lam * x2 * x2]},
      'kink-l1-min': {x: [x1], y: [fAt(f, x1) + lam * Math.abs(x1)]},
      xrange: [lo, hi],
      yrange: [yLo, yHi]
    };
  }

  /** A template with {name} fields filled in (str.format without format specs). */
  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : whole;
    });
  }

  /**
   * The sentences under the figure, newline-separated (kink_sentences.py::kink_text).
   * @param {object} m        model
   * @param {object} strings  templates (kink_sentences.py::strings_for)
   */
  function sentences(m, strings) {
    var f = m.f, lam = m.lam, d0 = f.slope, head, l1, l2, sub = '₁₂';
    if (m.source === 'parabola') {
      head = fill(strings.f_parabola, {a: fmt(m.a), c: fmt(m.c), d0: fmt(d0), curv: fmt(f.curvature), lam: fmt(lam)});
    } else {
      head = fill(strings.f_weight, {k: sub[m.weight], o: sub[1 - m.weight], held: fmt(m.held), d0: fmt(d0),
                                      curv: fmt(f.curvature), lam: fmt(lam)});
    }
    if (m.mode === 'constrained') { head += fill(strings.constrained, {t: fmt(m.t)}); }
    var left = d0 - lam, right = d0 + lam;
    if (m.x1 === 0) {
      l1 = fill(strings.l1_zero, {left: fmt(left), right: fmt(right), op_left: left < 0 ? '<' : '≤',
                                  op_right: right > 0 ? '<' : '≤'});
    } else if (right < 0) {
      l1 = fill(strings.l1_right, {right: fmt(right), x: fmt(m.x1)});
    } else {
      l1 = fill(strings.l1_left, {left: fmt(left), x: fmt(m.x1)});
    }
    l2 = d0 === 0 ? fill(strings.l2_zero, {}) : fill(strings.l2_nonzero, {d0: fmt(d0), x: fmt(m.x2)});
    return [head, l1, l2].join('\n');
  }

  /** The message for a parabola's bad a or c ('' when both are fine), in the page's templates. */
  function badParabola(a, c, strings) {
    if (typeof a !== 'number' || !isFinite(a) || !(a > 0)) { return strings.bad_a; }
    if (typeof c !== 'number' || !isFinite(c)) { return strings.bad_c; }
    return '';
  }

  // ------------------------------------------------------------------ the page

  function details() { return document.getElementById(lab.ids().kinkDetails); }

  function pageStrings() {
    var el = details();
    return el ? JSON.parse(el.getAttribute('data-strings') || '{}') : {};
  }

  /**
   * The outputs for inputs: [figure Patch, sentences, message]; a bad parabola keeps the
   * figure and sentences (no_update) and says why.
   */
  function render(inputs) {
    var nu = window.dash_clientside.no_update, strings = pageStrings(), cfg = lab.config().kink;
    if (!inputs.scene || !inputs.view) { return [nu, nu, nu]; }
    if (inputs.source === 'parabola') {
      var bad = badParabola(inputs.a, inputs.c, strings);
      if (bad) { return [nu, nu, bad]; }
    }
    var m = model(inputs.scene, inputs.view, inputs.source || 'w1', inputs.a, inputs.c), d = data(m, cfg);
    var patch = new window.dash_clientside.Patch();
    Object.keys(cfg.traceIndex).forEach(function (uid) {
      patch.merge(['data', cfg.traceIndex[uid]], {x: d[uid].x, y: d[uid].y});
    });
    patch.assign(['layout', 'xaxis', 'range'], d.xrange);
    patch.assign(['layout', 'yaxis', 'range'], d.yrange);
    return [patch.build(), sentences(m, strings), ''];
  }

  /** On opening the panel: draw what it skipped while closed. */
  function onToggle(evt) {
    if (evt.target === details()) { drawSkipped(); }
  }

  /** Draw what the panel skipped while closed or out of sight, once it is open and in view. */
  function drawSkipped() {
    var el = details(), s = st();
    if (!el || !el.open || !s.stale || !s.latest) { return; }
    s.stale = false;
    var out = render(s.latest), nu = window.dash_clientside.no_update;
    if (out[0] !== nu) { lab.write('kink_panel', 'kinkPlot', out[0]); }
    if (out[1] !== nu) { lab.write('kink_panel', 'kinkText', out[1]); }
    if (out[2] !== nu) { lab.write('kink_panel', 'kinkMessage', out[2]); }
  }


  lab.kink = {
    alongWeight: alongWeight, parabola: parabola, fAt: fAt, l1Min: l1Min, l2Min: l2Min, grid: grid,
    model: model, data: data, sentences: sentences, badParabola: badParabola
  };

  if (typeof document !== 'undefined') {   // not under Node (tests/test_kink_node.py)
    document.addEventListener('toggle', onToggle, true);   // toggle does not bubble: capture it
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.kink_panel = {
    /**
     * The kink figure, its sentences and the parabola's message follow λ (current-view), the
     * data (scene-store) and the panel's controls; only while the panel is open (otherwise the
     * inputs are noted and drawn when it opens).
     * @returns {Array} [figure Patch, sentences, message], no_update for each while closed
     */
    follow: function (view, scene, source, a, c) {
      var nu = window.dash_clientside.no_update, s = st(), el = details();
      s.latest = {view: view, scene: scene, source: source, a: a, c: c};
      if (!el || !el.open) { s.stale = true; return [nu, nu, nu]; }
      var changed = lab.triggeredIds();
      if (changed.length === 1 && changed[0] === lab.ids().currentView && lab.outOfSight('kinkPlot', drawSkipped)) {
        s.stale = true;                       // a λ step out of sight: drawn when it comes into view
        return [nu, nu, nu];
      }
      s.stale = false;
      return render(s.latest);
    }
  };
}());
