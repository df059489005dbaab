/*
 * The minibatch lesson in the browser (components/minibatch_panel.py): the clientside callback
 * `minibatch_panel.gate`, the details' `open` mirror and play.
 *
 * - gate: writes `minibatch-request` (what the server computes the clouds for) only while the
 *   details are open, and only when something it depends on changed: λ at rest (view-store),
 *   the data (scene-store), the batch size, the number of batches, the "new batches" clicks.
 *   A closed panel never asks the server.
 * - the details' `open`: Dash's html.Details does not report toggles, so the script writes it
 *   on each `toggle` event (caught on its way down: toggle does not bubble).
 * - play: every lab.config().minibatch.frameMs the highlighted batch moves to the next of the
 *   frames the server put in the figure's layout.meta.minibatch.frames (its contours through
 *   its two optima, and the optima): a figure Patch written with lab.write, no request to the
 *   server. Closing the panel stops it.
 *
 * State (lab.state.minibatch, made on first use): `timer` (the play interval or null), `frame`
 * (the highlighted batch's index).
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function st() {
    lab.state = lab.state || {};
    if (!lab.state.minibatch) { lab.state.minibatch = {timer: null, frame: 0}; }
    return lab.state.minibatch;
  }

  /** What the server's answer depends on, for a request (the view's λ settings, the data, the controls). */
  function requestFor(view, scene, batch, count, clicks) {
    return {
      view: {slider: view.slider, mode: view.mode, shown: view.shown, l1_ratio: view.l1_ratio,
             value: view.value, keep: view.keep},
      scene: [scene.hessian, scene.linear, scene.y_mean, scene.x_mean],
      batch: batch,
      count: count,
      seed: clicks || 0
    };
  }

  /** Whether two requests ask for the same clouds (their counters `n` aside). */
  function sameRequest(a, b) {
    if (!a || !b) { return false; }
    var strip = function (r) { var c = Object.assign({}, r); delete c.n; return JSON.stringify(c); };
    return strip(a) === strip(b);
  }

  /**
   * The patch that highlights frame k of the figure's play frames.
   * @param {object[]} frames  layout.meta.minibatch.frames: {x, y, l1, l2}
   * @param {number} k
   * @param {object} idx       trace indices (lab.config().minibatch.traceIndex)
   */
  function framePatch(frames, k, idx) {
    var f = frames[k], patch = new window.dash_clientside.Patch();
    patch.merge(['data', idx['minibatch-highlight']], {x: f.x, y: f.y});
    patch.merge(['data', idx['minibatch-highlight-points']], {x: [f.l1[0], f.l2[0]], y: [f.l1[1], f.l2[1]]});
    return patch.build();
  }

  function details() { return document.getElementById(lab.ids().minibatchDetails); }

  function stop() {
    var s = st();
    if (s.timer !== null) { window.clearInterval(s.timer); s.timer = null; }
    lab.write('minibatch_panel', 'minibatchPlay', 'false');
  }

  /** One play step: the next frame of the figure on screen (the server may have drawn a new one). */
  function step() {
    var gd = lab.graph('minibatchPlot'), s = st(), el = details();
    if (!el || !el.open) { stop(); return; }
    var meta = gd && gd.layout && gd.layout.meta && gd.layout.meta.minibatch;
    if (!meta || !meta.frames || !meta.frames.length) { return; }
    s.frame = (s.frame + 1) % meta.frames.length;
    lab.write('minibatch_panel', 'minibatchPlot', framePatch(meta.frames, s.frame, lab.config().minibatch.traceIndex));
  }

  function onClick(evt) {
    var ids = lab.ids ? lab.ids() : null;
    var button = ids && evt.target && evt.target.closest ? evt.target.closest('#' + ids.minibatchPlay) : null;
    if (!button) { return; }
    var s = st();
    if (s.timer !== null) { stop(); return; }
    s.timer = window.setInterval(step, lab.config().minibatch.frameMs);
    lab.write('minibatch_panel', 'minibatchPlay', 'true');
    step();
  }

  function onToggle(evt) {
    var config = lab.config ? lab.config() : null;
    if (!config || !evt.target || evt.target.id !== config.ids.minibatchDetails) { return; }
    if (!evt.target.open && st().timer !== null) { stop(); }
    lab.write('minibatch_panel', 'minibatchDetails', !!evt.target.open);
  }

  if (typeof document !== 'undefined' && document.addEventListener) {
    document.addEventListener('click', onClick);
    document.addEventListener('toggle', onToggle, true);
  }

  lab.minibatch = {requestFor: requestFor, sameRequest: sameRequest, framePatch: framePatch};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.minibatch_panel = {
    /**
     * The request for the server's clouds, only while the details are open and only when it
     * changed.
     * @param {object} view     view-store dict (λ at rest)
     * @param {boolean} open    the details' state
     * @param {object} scene    scene-store dict
     * @param {number} batch    the batch-size slider
     * @param {number} count    the number of batches (may be null or out of range: the server says so)
     * @param {number} clicks   the "new batches" button's clicks
     * @param {object} request  the last request, or null
     * @returns {object} {view, scene, batch, count, seed, n}, or no_update
     */
    gate: function (view, open, scene, batch, count, clicks, request) {
      var nu = window.dash_clientside.no_update;
      if (!open || !view || !scene) { return nu; }
      var next = requestFor(view, scene, batch, count, clicks);
      if (sameRequest(next, request)) { return nu; }
      st().frame = 0;
      next.n = ((request && request.n) || 0) + 1;
      return next;
    }
  };
}());
