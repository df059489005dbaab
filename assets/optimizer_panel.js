/*
 * The optimizer panel in the browser: `lab.optimizerPanel` and the clientside callback
 * `optimizer_panel.draw`. The pure model (the update rules' paths, the KKT picture, the traces
 * and the text, mirroring components/optimizer_figure.py) is `lab.optimizerModel`
 * (assets/optimizer_model.js), looked up when called.
 *
 * - draw: on the panel's controls, a frame (play / step / reset / a new start) or new data,
 *   patches the weight plane's optimizer traces (config.optimizer.traceIndex) and writes the
 *   text; on a λ step (current-view) only the text, because the plane's own λ patch
 *   (weight_plane.followLambda) already carried the traces through extendPlanePatch. With the
 *   details closed and KKT off it returns no_update at once (after clearing what it drew).
 * - extendPlanePatch(patch, scene, view): called by weight_plane.js for each λ step; adds the
 *   traces to that patch while the panel draws anything.
 * - a click in the plane while "set start" is ticked sets the start point; play / step /
 *   reset (buttons in the panel's Markdown, by their data-optimizer action) set the number of
 *   steps shown; both write the frame store (lab.write).
 *
 * State (lab.state.optimizer, made on first use): `settings` (the panel's settings as the last
 * call of draw saw them; null before), `drawn` (whether the plane holds optimizer traces),
 * `frame` (the frame store's value), `timer` (play's).
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};
  var PLAY_MS = 40;        // one frame of play
  var PLAY_FRAMES = 100;   // play shows all the steps in about this many frames

  function cfg() { return lab.config().optimizer; }
  function M() { return lab.optimizerModel; }
  function fill(template, fields) { return M().fill(template, fields); }
  function st() {
    lab.state = lab.state || {};
    if (!lab.state.optimizer) { lab.state.optimizer = {settings: null, drawn: false, frame: null, timer: null}; }
    return lab.state.optimizer;
  }

  // ------------------------------------------------------------------ the page

  function details() { return document.getElementById(lab.ids().optimizerDetails); }

  function pageStrings() {
    var el = details();
    if (!el) { return {}; }
    if (!el.__strings) { el.__strings = JSON.parse(el.getAttribute('data-strings') || '{}'); }
    return el.__strings;
  }

  /** Settings from the controls; {settings} or {message} for a bad η or step count. */
  function readSettings(open, rules, formula, eta, steps, options, frame, S) {
    var c = cfg(), d = c.defaults, opts = Array.isArray(options) ? options : [];
    if (eta !== null && eta !== undefined && eta !== '' && !(typeof eta === 'number' && isFinite(eta) && eta > 0)) {
      return {message: S['t.bad_eta']};
    }
    if (!(typeof steps === 'number' && Math.floor(steps) === steps && steps >= 1 && steps <= c.maxSteps)) {
      return {message: fill(S['t.bad_steps'], {max: c.maxSteps})};
    }
    return {settings: {
      rules: Array.isArray(rules) ? rules : d.rules, formula: formula || d.formula,
      eta: (eta === null || eta === undefined || eta === '') ? null : eta, steps: steps,
      start: (frame && frame.start) || d.start, k: frame && frame.k !== undefined ? frame.k : null,
      paths: !!open, kkt: opts.indexOf('kkt') >= 0, setStart: opts.indexOf('start') >= 0
    }};
  }

  function active(settings) { return !!settings && (settings.paths || settings.kkt); }

  /** Merge every optimizer trace's data (`data[uid]`; emptied if `data` is null) into a plane patch. */
  function mergeTraces(patch, data) {
    var idx = cfg().traceIndex;
    Object.keys(idx).forEach(function (uid) { patch.merge(['data', idx[uid]], data ? data[uid] : {x: [], y: []}); });
    return patch;
  }

  /** The view the plane shows now: the last published, else current-view's. */
  function viewNow(view) {
    var shown = lab.lambdaControl && lab.lambdaControl.shownView();
    return view || shown;
  }

  function writeFrame(frame) {
    var s = st();
    frame.n = ((s.frame && s.frame.n) || 0) + 1;
    s.frame = frame;
    lab.write('optimizer_panel', 'optimizerFrame', frame);
  }

  function stopPlay() { var s = st(); if (s.timer) { clearInterval(s.timer); s.timer = null; } }

  /** play / step / reset (buttons in the panel, by their data-optimizer action). */
  function onButton(evt) {
    var el = details(), button = evt.target && evt.target.closest ? evt.target.closest('[data-optimizer]') : null;
    if (!el || !button || !el.contains(button)) { return; }
    var s = st(), settings = s.settings, action = button.getAttribute('data-optimizer');
    if (!settings) { return; }
    var n = settings.steps, start = settings.start, k = settings.k === null ? n : settings.k;
    stopPlay();
    if (action === 'reset') { writeFrame({k: 0, start: start}); return; }
    if (action === 'step') { writeFrame({k: k >= n ? 1 : k + 1, start: start}); return; }
    var per = Math.max(1, Math.ceil(n / PLAY_FRAMES)), at = k >= n ? 0 : k;
    writeFrame({k: at, start: start});
    s.timer = setInterval(function () {
      at = Math.min(at + per, n);
      writeFrame({k: at >= n ? null : at, start: start});
      if (at >= n) { stopPlay(); }
    }, PLAY_MS);
  }

  /** A click in the plane while "set start" is ticked: the start goes there. */
  function onPlaneClick(evt) {
    var s = st(), settings = s.settings;
    if (!settings || !settings.setStart || !settings.paths) { return; }
    var host = evt.target && evt.target.closest ? evt.target.closest('#' + lab.ids().weightPlane) : null;
    if (!host || evt.target.closest('.modebar, .shapelayer')) { return; }
    var gd = host.querySelector('.js-plotly-plot'), full = gd && gd._fullLayout;
    if (!full || !full.xaxis || !full.yaxis) { return; }
    var xa = full.xaxis, ya = full.yaxis, box = gd.getBoundingClientRect();
    var px = evt.clientX - box.left - xa._offset, py = evt.clientY - box.top - ya._offset;
    if (px < 0 || py < 0 || px > xa._length || py > ya._length) { return; }
    var scene = s.scene, radius = scene ? scene.view.x[1] : null;
    if (!radius) { return; }
    stopPlay();
    writeFrame({k: settings.k, start: [xa.p2d(px) / radius, ya.p2d(py) / radius]});
  }

  /** Dash's html.Details does not report toggles: mirror `open` into the property. */
  function onToggle(evt) {
    var el = details();
    if (!el || evt.target !== el) { return; }
    if (!el.open) { stopPlay(); }
    lab.write('optimizer_panel', 'optimizerDetails', !!el.open);
  }

  if (typeof document !== 'undefined' && document.addEventListener) {   // not under Node
    document.addEventListener('toggle', onToggle, true);
    document.addEventListener('click', onButton);
    document.addEventListener('click', onPlaneClick);
  }

  lab.optimizerPanel = {
    /**
     * Called by weight_plane.followLambda for each λ step: the optimizer traces in the same
     * patch, while the panel draws anything (nothing to do otherwise).
     */
    extendPlanePatch: function (patch, scene, view) {
      var s = st();
      if (!active(s.settings) || !scene) { return; }
      s.scene = scene;
      mergeTraces(patch, M().traces(M().model(scene, view, s.settings), s.settings.k));
      s.drawn = true;
    }
  };

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.optimizer_panel = {
    /**
     * The plane's optimizer traces and the panel's text.
     * The traces go to the weight plane through lab.write (see assets/weight_plane.js).
     * @returns {string} the text, or no_update
     */
    draw: function (open, rules, formula, eta, steps, options, frame, scene, view) {
      var nu = window.dash_clientside.no_update, s = st(), S = pageStrings();
      var opts = Array.isArray(options) ? options : [];
      if (!open && opts.indexOf('kkt') < 0 && !s.drawn) { s.settings = null; return nu; }   // nothing to do
      if (frame) { s.frame = frame; }
      var read = readSettings(open, rules, formula, eta, steps, options, frame, S);
      if (read.message) { return read.message; }
      var settings = read.settings;
      s.settings = settings;
      if (scene) { s.scene = scene; }
      view = viewNow(view);
      if (!scene || !view) { return nu; }
      if (!active(settings)) {                    // nothing to draw: empty what was drawn
        s.drawn = false;
        lab.write('optimizer_panel', 'weightPlane', mergeTraces(new window.dash_clientside.Patch(), null).build());
        return '';
      }
      var changed = lab.triggeredIds(), ids = lab.ids(), text = nu;
      var m = M().model(scene, view, settings);
      if (open) { text = M().sentences(scene, m, settings, S); }
      if (changed.length === 1 && changed[0] === ids.currentView && s.drawn) { return text; }  // the λ patch drew
      var patch = mergeTraces(new window.dash_clientside.Patch(), M().traces(m, settings.k));
      lab.write('optimizer_panel', 'weightPlane', patch.build());
      s.drawn = true;
      return text;
    }
  };
}());
