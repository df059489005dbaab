/*
 * Clientside callbacks of the Regularization Geometry Lab (namespace `lab`).
 *
 * While λ (or t) is dragged nothing goes to the server: `onLambda` evaluates the exact
 * touch points from the scene bundle in `scene-store` with `window.labMath`
 * (assets/lab_math.js) and patches only the moving traces of `weight-plane` and the
 * fitted curves of `data-plot`. It mirrors components/weight_plane.py::moving_traces and
 * components/data_panel.py::fit_curves.
 */
(function () {
  'use strict';

  var SLIDER_MIN = -3;
  var SLIDER_MAX = Math.log10(3);
  var CURVE_POINTS = 121;
  var REGIONS = [
    {region: 'l1', key: 'l1', name: 'L1 (lasso)'},
    {region: 'l2', key: 'l2', name: 'L2 (ridge)'},
    {region: 'elasticnet', key: 'en', name: 'Elastic net'}
  ];
  var DATA_TRACES = {'data-points': 0, 'ols-fit': 1, 'l1-fit': 2, 'l2-fit': 3, 'en-fit': 4};

  function fmt(v) {
    if (v === Infinity) { return '∞'; }
    if (v === 0) { return '0'; }
    var a = Math.abs(v);
    if (a >= 1e-4 && a < 1e5) { return String(Number(v.toPrecision(4))); }
    return v.toExponential(3).replace(/\.?0+e/, 'e');
  }

  function referenceValue(scene, mode) {
    if (mode === 'constrained') { return Math.abs(scene.ols[0]) + Math.abs(scene.ols[1]); }
    return scene.lambda_max;
  }

  function sliderToValue(scene, mode, v) {
    return referenceValue(scene, mode) * Math.pow(10, v);
  }

  function penaltyValue(region, w, r) {
    var M = window.labMath;
    if (region === 'l1') { return M.l1Norm(w); }
    if (region === 'l2') { var n = M.l2Norm(w); return n * n; }
    return M.enValue(w, r);
  }

  function regionSize(region, w, r) {
    var M = window.labMath;
    if (region === 'l1') { return M.l1Norm(w); }
    if (region === 'l2') { return M.l2Norm(w); }
    return M.enValue(w, r);
  }

  /** Touch points {region: {w, lam, t}} for a mode and slider position. */
  function touches(scene, mode, slider, r) {
    var M = window.labMath;
    var value = sliderToValue(scene, mode, slider);
    var out = {};
    if (mode === 'constrained') {
      var c1 = M.l1ForT(scene, value), c2 = M.l2ForT(scene, value), ce = M.elasticNetForT(scene, value, r);
      out.l1 = {w: c1.w, lam: c1.lam, t: value};
      out.l2 = {w: c2.w, lam: c2.lam, t: value};
      out.elasticnet = {w: ce.w, lam: ce.lam, t: value};
    } else {
      var w1 = M.lassoAt(scene, value), w2 = M.ridgeAt(scene, value), we = M.elasticNetAt(scene, value, r);
      out.l1 = {w: w1, lam: value, t: regionSize('l1', w1, r)};
      out.l2 = {w: w2, lam: value, t: regionSize('l2', w2, r)};
      out.elasticnet = {w: we, lam: value, t: regionSize('elasticnet', we, r)};
    }
    return out;
  }

  function boundary(region, t, r) {
    var M = window.labMath;
    if (region === 'l1') { return M.diamond(t); }
    if (region === 'l2') { return M.circle(t, CURVE_POINTS); }
    return M.enBoundary(t, r, CURVE_POINTS);
  }

  function hoverText(scene, spec, touch, r) {
    var M = window.labMath;
    var j0 = M.J0(scene, touch.w);
    var pen = penaltyValue(spec.region, touch.w, r);
    var total = isFinite(touch.lam) ? j0 + touch.lam * pen : Infinity;
    return '<b>' + spec.name + ' touch point</b><br>w = (' + fmt(touch.w[0]) + ', ' + fmt(touch.w[1]) + ')<br>' +
      'J0 = ' + fmt(j0) + '<br>penalty P(w) = ' + fmt(pen) + '<br>J0 + λ·P = ' + fmt(total) + '<br>' +
      'λ = ' + fmt(touch.lam) + ', t = ' + fmt(touch.t);
  }

  function fitCurve(scene, w) {
    var g = scene.fit_grid;
    return window.labMath.fitCurve(scene, w, g.phi1, g.phi2);
  }

  function shownList(shown) { return Array.isArray(shown) ? shown : []; }

  /** Whether a figure dict has a trace with this uid. */
  function hasTrace(figure, uid) {
    var data = (figure && figure.data) || [];
    for (var i = 0; i < data.length; i++) { if (data[i].uid === uid) { return true; } }
    return false;
  }

  /** Whether a server-drawn figure's `layout.meta.server_view` is this view. */
  function sameView(meta, view) {
    var drawn = meta && meta.server_view;
    return !!drawn && drawn.slider === view.slider && drawn.mode === view.mode &&
      drawn.l1_ratio === view.l1_ratio && shownList(drawn.shown).slice().sort().join() === view.shown.slice().sort().join();
  }

  /** Component ids of every input that changed for this call (none on page load). */
  function triggeredIds() {
    return (window.dash_clientside.callback_context.triggered || []).map(function (t) {
      return t.prop_id.split('.')[0];
    }).filter(function (id) { return id !== ''; });
  }

  /*
   * What follows a λ step once the weight plane has drawn it (written with set_props, not as
   * outputs of onLambda: Dash's bookkeeping for every component a callback writes delays the
   * plane's redraw, measured ~1.2 ms per step for the label, box and current-view), in two stages:
   * - right after the redraw: the label and `current-view` (what the server draws data edits
   *   with; a data edit sent before then calls `labClient.flushCurrentView` first);
   * - once λ has rested for FITS_DELAY_MS: the number box and `view-store`, whose callbacks
   *   update the data panel's fitted curves (the costlier redraw: its points are draggable) and
   *   the readout, so that while λ is stepped continuously they never slow the weight plane.
   */
  var FITS_DELAY_MS = 120;
  var FALLBACK_MS = 400;       // if no redraw is seen (it may have happened before we listened)
  var pendingLabel = null;     // {view, label, box, scene?} waiting for the redraw (scene: a step's)
  var pendingView = null;      // the same, waiting for λ to rest
  var fitsTimer = null;
  var lastBox = null;          // the value this script last wrote into the number box
  var shownMessage = '';       // what lambda-message shows

  var movedSlider = null;      // a slider value this script set for a typed λ (drawn already)

  function setProps(id, props) { window.dash_clientside.set_props(id, props); }

  /** Write the number box; onLambda ignores the change this causes. */
  function writeBox(value) {
    lastBox = value;
    setProps('lambda-input', {value: value});
  }

  /** Show a message under the λ control (written only when it changes). */
  function showMessage(text) {
    if (text === shownMessage) { return; }
    shownMessage = text;
    setProps('lambda-message', {children: text});
  }

  /*
   * Text the number box cannot read as a number ("1e", "--3") never reaches onLambda: Chromium
   * gives Dash no value for it (validity.badInput). Say so when it is entered (Enter, or leaving
   * the box); λ and the plane stay as they were.
   */
  var boxName = 'λ';           // what the number box holds: λ, or t in constrained mode
  function askForNumber() { showMessage('Type a number for ' + boxName + '.'); }
  function checkBox(el) {
    if (el && el.id === 'lambda-input' && el.validity && el.validity.badInput && window.dash_clientside.set_props) {
      askForNumber();
    }
  }
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { checkBox(event.target); }
  }, true);
  document.addEventListener('focusout', function (event) { checkBox(event.target); }, true);

  function flushLabel() {
    if (pendingLabel === null) { return; }
    var p = pendingLabel;
    pendingLabel = null;
    setProps('lambda-label', {children: p.label});
    setProps('current-view', {data: p.view});
  }

  function flushView() {
    fitsTimer = null;
    flushLabel();
    if (pendingView === null) { return; }
    var p = pendingView;
    pendingView = null;
    if (p.box !== null) { writeBox(p.box); }
    setProps('view-store', {data: p.view});
    // a step's patch left the hover texts as they were (planePatch); a point held in a drag has
    // the server draw the plane for data that are not the scene's, and its release brings them
    if (p.scene && !window.labDragging) {
      var hover = hoverPatch(p.scene, p.view, document.querySelector('#weight-plane .js-plotly-plot'));
      if (hover !== null) { setProps('weight-plane', {figure: hover}); }
    }
  }

  function scheduleFlush(delay) {
    if (fitsTimer) { clearTimeout(fitsTimer); }
    fitsTimer = setTimeout(flushView, delay);
  }

  /** Park a step's view (and label, box) until the weight plane has drawn it. */
  function afterPlaneRedraw(step, fallback) {
    pendingView = step;
    if (step.label !== null) { pendingLabel = step; }
    var gd = document.querySelector('#weight-plane .js-plotly-plot');
    if (gd && !gd.__labFitsHook && gd.on) {
      gd.__labFitsHook = true;
      var drawn = function () {
        if (pendingLabel !== null) { setTimeout(flushLabel, 0); }
        if (pendingView !== null) { scheduleFlush(FITS_DELAY_MS); }
      };
      gd.on('plotly_afterplot', drawn);      // a whole redraw
      gd.on('plotly_transitioned', drawn);   // the traces alone (planePatch)
    }
    if (fallback) { scheduleFlush(FALLBACK_MS); }   // replaced by the shorter delay once it draws
  }

  /**
   * Slider position for a value typed into the number box, clamped into the slider's range
   * with a message saying so; null when the box holds no number.
   */
  function fromBox(boxValue, ref, name, unit) {
    var num = Number(boxValue);
    if (boxValue === null || boxValue === undefined || boxValue === '' || !isFinite(num)) { return null; }
    var low = ref * Math.pow(10, SLIDER_MIN), high = ref * Math.pow(10, SLIDER_MAX);
    if (num < low) {
      return {v: SLIDER_MIN,
              message: name + ' = ' + fmt(num) + ' is below the range; clamped to 10⁻³·' + unit + ' = ' + fmt(low) + '.'};
    }
    if (num > high) {
      return {v: SLIDER_MAX,
              message: name + ' = ' + fmt(num) + ' is above the range; clamped to 3·' + unit + ' = ' + fmt(high) + '.'};
    }
    return {v: Math.log10(num / ref), message: ''};
  }

  /**
   * Patch of the weight plane's moving traces (regions, touch points, and the one trace of the
   * contours through the touch points). The elastic-net traces are the last two and exist only
   * while it is shown: they are written whole (from scene.en_traces) when shown, and deleted
   * when it is hidden and `figure` (the plane as Dash holds it now) still has them (measured:
   * deleting on every step, even with nothing to delete, cost as much time as drawing the
   * hidden traces).
   *
   * The patch sets `layout.transition` to zero duration (the server's figures have none, so the
   * first step after one adds it). With it, when only animatable attributes change (x and y),
   * plotly.js redraws just the traces (its transition path) instead of the whole figure (axes,
   * grid, shapes, hover and drag layers): about half the time. That path fires
   * `plotly_transitioned`, not `plotly_afterplot`. Any other change (a region shown or hidden,
   * a trace added) is a transition followed by a whole redraw, which is what plotly does for
   * it. A hover text is not animatable, so a step leaves the touch points' hover texts to
   * `hoverPatch`, written once λ rests (one whole redraw then, none per step).
   */
  function planePatch(scene, view, figure) {
    var T = touches(scene, view.mode, view.slider, view.l1_ratio);
    var idx = scene.trace_index;
    var plane = new window.dash_clientside.Patch();
    plane.assign(['layout', 'transition'], {duration: 0});
    var cx = [], cy = [];
    REGIONS.forEach(function (spec) {
      var visible = view.shown.indexOf(spec.key) >= 0;
      var uids = [spec.key + '-region', spec.key + '-touch'];
      if (spec.key === 'en' && !visible) {
        if (hasTrace(figure, uids[0])) {
          uids.slice().reverse().forEach(function (uid) { plane.delete(['data', idx[uid]]); });
        }
        return;
      }
      var touch = T[spec.region];
      var data;
      if (visible) {
        var b = boundary(spec.region, touch.t, view.l1_ratio);
        var c = window.labMath.contourThrough(scene, touch.w, CURVE_POINTS);
        if (cx.length && c.x.length) { cx.push(null); cy.push(null); }
        Array.prototype.push.apply(cx, c.x);
        Array.prototype.push.apply(cy, c.y);
        data = [
          {x: b.x, y: b.y, visible: true},
          {x: [touch.w[0]], y: [touch.w[1]], visible: true}
        ];
      } else {
        data = [{x: [], y: [], visible: false}, {x: [], y: [], visible: false, hovertext: []}];
      }
      uids.forEach(function (uid, k) {
        if (spec.key === 'en') {
          plane.assign(['data', idx[uid]], Object.assign({}, scene.en_traces[uid], data[k]));
        } else {
          plane.merge(['data', idx[uid]], data[k]);
        }
      });
    });
    plane.merge(['data', idx['touch-contours']], {x: cx, y: cy});
    return plane.build();
  }

  /**
   * Patch of the hover texts of the touch points shown in `view` (w, J0, penalty, total, λ, t),
   * for touch traces the drawn plane has (`gd.data`); null if there are none.
   */
  function hoverPatch(scene, view, gd) {
    var T = touches(scene, view.mode, view.slider, view.l1_ratio);
    var idx = scene.trace_index;
    var data = (gd && gd.data) || [];
    var patch = new window.dash_clientside.Patch();
    var any = false;
    REGIONS.forEach(function (spec) {
      var uid = spec.key + '-touch';
      if (view.shown.indexOf(spec.key) < 0 || !data[idx[uid]] || data[idx[uid]].uid !== uid) { return; }
      patch.merge(['data', idx[uid]], {hovertext: [hoverText(scene, spec, T[spec.region], view.l1_ratio)]});
      any = true;
    });
    return any ? patch.build() : null;
  }

  var lab = {
    /**
     * The one callback of the λ control, with one output: the weight plane. Dash marks every
     * output of a running callback as loading and re-renders it twice (measured: five outputs
     * cost ~2 ms more per step than one), so the label, number box and message are written with
     * set_props. Triggered by
     * - the slider (or mode, penalty toggles, mix): patch the moving traces of the weight plane;
     *   the label, `current-view`, the number box and `view-store` follow its redraw
     *   (afterPlaneRedraw);
     * - the number box: redraw there, move the slider there (clamped into range, with a message);
     * - a new scene from the server (which drew the weight plane itself): refresh the label and
     *   box, and have view-store follow once the new plane has drawn; if the view on screen is
     *   no longer the one the server drew (λ moved while it worked), patch the plane to it.
     * Several inputs may arrive in one call; each is honoured.
     * @returns {object} weight-plane figure Patch, or no_update
     */
    onLambda: function (slider, boxValue, mode, shown, l1Ratio, scene, figure) {
      var nu = window.dash_clientside.no_update;
      if (!scene || !window.labMath || slider === null || slider === undefined) { return nu; }
      mode = mode || 'penalized';
      // Dash hands one call every input that changed since the last one (e.g. the number box
      // this script wrote when λ rested, and a click on a penalty toggle in the same moment);
      // triggered_id names only the first, so read the whole list.
      var changed = triggeredIds();
      if (changed.indexOf('lambda-input') >= 0 && boxValue === lastBox) {
        changed.splice(changed.indexOf('lambda-input'), 1);   // written by this script
        if (!changed.length) { return nu; }
      }
      if (changed.indexOf('lambda-slider') >= 0 && slider === movedSlider) {
        movedSlider = null;                      // set below for a typed value: drawn already
        changed.splice(changed.indexOf('lambda-slider'), 1);
        if (!changed.length) { return nu; }
      }
      var trig = changed.indexOf('lambda-input') >= 0 ? 'lambda-input'
        : (changed.length === 1 && changed[0] === 'scene-store') ? 'scene-store'
        : changed.length ? 'step' : '';
      var ref = referenceValue(scene, mode);
      var name = mode === 'constrained' ? 't' : 'λ';
      boxName = name;
      var unit = mode === 'constrained' ? '‖w_OLS‖₁' : 'λ_max';
      var v = slider, message = '';
      if (trig === 'lambda-input') {
        var typed = fromBox(boxValue, ref, name, unit);
        if (typed === null) {
          askForNumber();
          return nu;
        }
        v = typed.v;
        message = typed.message;
      }
      var value = ref * Math.pow(10, v);
      var label = mode === 'constrained'
        ? 't = ' + fmt(value) + '  (' + fmt(value / ref) + ' · ‖w_OLS‖₁)'
        : 'λ = ' + fmt(value) + '  (' + fmt(value / ref) + ' · λ_max)';
      var box = Number(value.toPrecision(6));
      var view = {slider: v, mode: mode, shown: shownList(shown),
                  l1_ratio: (l1Ratio === null || l1Ratio === undefined) ? 0.5 : l1Ratio};
      if (trig === 'scene-store' && !sameView(figure && figure.layout && figure.layout.meta, view)) {
        trig = 'step';
      }
      if (!trig || trig === 'scene-store') {
        // page load (the layout holds both figures and the readout for this view), or the server
        // drew a new scene's plane with current-view: label and box for this scene
        writeBox(box);
        setProps('lambda-label', {children: label});
        if (trig) { afterPlaneRedraw({view: view, label: null, box: null}, true); }
        return nu;
      }
      var patch = planePatch(scene, view, figure);
      if (trig === 'lambda-input') {
        // typed: the box keeps what was typed unless it was clamped; the message says so
        showMessage(message);
        if (message) { writeBox(box); }
        if (v !== slider) {
          movedSlider = v;
          setProps('lambda-slider', {value: v});
        }
        afterPlaneRedraw({view: view, label: label, box: null, scene: scene}, true);
        return patch;
      }
      // a slider step (or mode, penalties, mix): only the plane now, the rest after its redraw
      afterPlaneRedraw({view: view, label: label, box: box, scene: scene}, true);
      showMessage('');
      return patch;
    },

    /**
     * The data panel's fitted curves for the view in `view-store` (runs after the plane redraw).
     * @returns {object} data-plot figure Patch
     */
    moveFits: function (view, scene, state, figure) {
      var nu = window.dash_clientside.no_update;
      if (!view || !scene || !window.labMath) { return nu; }
      if (window.labDragging) {           // never redraw the data panel under the pointer
        afterPlaneRedraw({view: view, label: null, box: null}, true);
        return nu;
      }
      var data = new window.dash_clientside.Patch();
      if (scene.fit_grid) {
        var T = touches(scene, view.mode, view.slider, view.l1_ratio);
        REGIONS.forEach(function (spec) {
          data.merge(['data', DATA_TRACES[spec.key + '-fit']], {
            y: fitCurve(scene, T[spec.region].w), visible: view.shown.indexOf(spec.key) >= 0
          });
        });
        data.merge(['data', DATA_TRACES['ols-fit']], {y: fitCurve(scene, scene.ols)});
      }
      // After a drag the server sent only the weight plane: bring points, shapes and the y range
      // of the data panel in line with lab-state (same rules as data_panel.data_figure_dict).
      var pts = state && state.source !== 'shape' ? state.points : null;
      var shapes = figure && figure.layout && figure.layout.shapes;
      if (pts && shapes && shapes.length === pts.x.length) {
        data.merge(['data', DATA_TRACES['data-points']], {x: pts.x, y: pts.y});
        for (var i = 0; i < pts.x.length; i++) {
          data.merge(['layout', 'shapes', i], {xanchor: pts.x[i], yanchor: pts.y[i]});
        }
        var lo = Math.min.apply(null, pts.y), hi = Math.max.apply(null, pts.y);
        var pad = Math.max(0.15 * (hi - lo), 0.5);
        data.assign(['layout', 'yaxis', 'range'], [lo - pad, hi + pad]);
      }
      return data.build();
    },

    /**
     * A `center` edit for `data-edit` (sent with the recent edits: data_edit.js) if the weight
     * plane's relayoutData reports a shape move (the OLS centre dragged in loss-shape mode), else
     * no_update (resizes and zooms stay here).
     */
    centerMoves: function (relayout) {
      if (relayout && Object.keys(relayout).some(function (k) { return k.indexOf('shapes[') === 0; })) {
        return window.labEdits.record(Object.assign({op: 'center'}, relayout));
      }
      return window.dash_clientside.no_update;
    },

    /** The generator's fields as one dict for the server (`generator-settings`). */
    collectGenerator: function (n, w1, w2, noise, seed) {
      return {n: n, true_w: [w1, w2], noise: noise, seed: seed};
    },

    /** Collect the problem controls into one dict for the server (one input instead of five). */
    collectControls: function (source, basis, rho, eccentricity, rotation) {
      return {source: source, basis: basis, rho: rho, eccentricity: eccentricity, rotation: rotation};
    }
  };

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.lab = lab;
  /** True when no λ step is waiting to be written to the label, box, stores or data panel. */
  function atRest() { return fitsTimer === null && pendingView === null && pendingLabel === null; }

  window.labClient = {touches: touches, sliderToValue: sliderToValue, fmt: fmt, flushCurrentView: flushLabel,
                      atRest: atRest};
}());
