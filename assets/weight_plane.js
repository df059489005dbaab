/*
 * The weight plane in the browser (mirrors components/weight_plane.py and plane_traces.py):
 * `lab.weightPlane` and the clientside callbacks `weight_plane.followLambda`,
 * `weight_plane.hoverAtRest` and `weight_plane.centerMoves`.
 *
 * While λ (or t) moves nothing goes to the server: followLambda evaluates the exact touch
 * points from the scene bundle in `scene-store` with `window.labMath` and patches only the
 * moving traces (regions, touch points, the contours through them), as
 * plane_traces.moving_traces draws them. Trace indices, the elastic-net traces' styles and the
 * number of points per curve come from the page's configuration.
 *
 * The browser writes the plane's figure only through `lab.write` (key 'weightPlane')
 * (set_props: the patch is applied to the figure as it is at that moment). A Patch returned as
 * a callback's output is resolved when the callback runs and applied later, so two callbacks
 * run in one batch (e.g. the hover texts at rest and the optimizer panel closing) would write
 * two copies of the same old figure, and the last one applied would undo the other's change.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function M() { return window.labMath; }
  function fmt(v) { return window.labFormat.number(v); }
  function plane() { return lab.config().plane; }

  /** The penalty P(w) of a region: ||w||_1, ||w||_2^2 or r ||w||_1 + (1 - r) ||w||_2^2. */
  function penaltyValue(region, w, r) {
    if (region === 'l1') { return M().l1Norm(w); }
    if (region === 'l2') { var n = M().l2Norm(w); return n * n; }
    return M().enValue(w, r);
  }

  /** The intercept t of the region through w: ||w||_1, ||w||_2, or the elastic net's (enIntercept). */
  function regionSize(region, w, r) {
    if (region === 'elasticnet') { return M().enIntercept(M().enValue(w, r), r); }
    return region === 'l2' ? M().l2Norm(w) : M().l1Norm(w);
  }

  /**
   * Touch points of the three regions for a view (plane_traces.touches_for_view); each t is its
   * region's intercept on the axes (for the elastic net: of r ||w||_1 + (1 - r) ||w||_2^2 <=
   * enBudget(t, r), so one t gives the diamond at r = 1 and the circle at r = 0).
   * @returns {object} {l1: {w, lam, t}, l2: ..., elasticnet: ...}
   */
  function touches(scene, view) {
    var value = lab.lambdaControl.sliderToValue(scene, view.mode, view.slider), r = view.l1_ratio, out = {};
    var m = M();
    if (view.mode === 'constrained') {
      var c = {l1: m.l1ForT(scene, value), l2: m.l2ForT(scene, value),
               elasticnet: m.elasticNetForT(scene, m.enBudget(value, r), r)};
      Object.keys(c).forEach(function (k) { out[k] = {w: c[k].w, lam: c[k].lam, t: value}; });
      return out;
    }
    var w = {l1: m.lassoAt(scene, value), l2: m.ridgeAt(scene, value), elasticnet: m.elasticNetAt(scene, value, r)};
    Object.keys(w).forEach(function (k) { out[k] = {w: w[k], lam: value, t: regionSize(k, w[k], r)}; });
    return out;
  }

  /**
   * The p-norm ball's touch point for a view (plane_traces.lp_touch): the global minimiser of J0
   * over ||w||_p <= t with the diamond's intercept t (the L1 touch point's, `T.l1.t`).
   * @returns {{w: number[], t: number, p: number}}
   */
  function lpTouch(scene, view, T) {
    var t = T.l1.t, p = view.p;
    return {w: M().lpForT(scene, t, p).w, t: t, p: p};
  }

  /** The p-norm ball touch point's hover text, as plane_traces.lp_hover writes it. */
  function lpHoverText(scene, touch) {
    return lab.text('plane.hover_lp', {
      name: lab.text('region.lp', {p: fmt(touch.p)}), w1: fmt(touch.w[0]), w2: fmt(touch.w[1]),
      j0: fmt(M().J0(scene, touch.w)), t: fmt(touch.t)
    });
  }

  /** The outline of a region whose intercept on the axes is t. */
  function boundary(region, t, r) {
    var n = plane().curvePoints;
    if (region === 'l1') { return M().diamond(t); }
    if (region === 'l2') { return M().circle(t, n); }
    return M().enBoundary(M().enBudget(t, r), r, n);
  }

  /**
   * A touch point's hover text in the page's language, as plane_traces.touch_hover writes it
   * (`spec.name`: the region's name in that language, config.plane.regions).
   */
  function hoverText(scene, spec, touch, r) {
    var j0 = M().J0(scene, touch.w), pen = penaltyValue(spec.region, touch.w, r);
    var total = isFinite(touch.lam) ? j0 + touch.lam * pen : Infinity;
    return lab.text('plane.hover', {
      name: spec.name, w1: fmt(touch.w[0]), w2: fmt(touch.w[1]), j0: fmt(j0), penalty: fmt(pen),
      total: fmt(total), lam: fmt(touch.lam), t: fmt(touch.t)
    });
  }

  function hasTrace(figure, uid) {
    return ((figure && figure.data) || []).some(function (trace) { return trace.uid === uid; });
  }

  /** Whether two views draw the same picture (slider, mode, regions shown, mix, p); `a` may be null. */
  function sameView(a, b) {
    var sorted = function (list) { return (Array.isArray(list) ? list : []).slice().sort().join(); };
    return !!a && a.slider === b.slider && a.mode === b.mode && a.l1_ratio === b.l1_ratio && a.p === b.p &&
      sorted(a.shown) === sorted(b.shown);
  }

  /** The view a server-drawn figure was drawn for (`layout.meta.server_view`), or null. */
  function serverView(figure) {
    return (figure && figure.layout && figure.layout.meta && figure.layout.meta.server_view) || null;
  }

  /**
   * Patch of the moving traces for a view. The elastic-net traces are the last two and exist
   * only while it is shown: written whole (from config.plane.enTraces) when shown, deleted when
   * hidden and `figure` (the plane as Dash holds it) still has them.
   *
   * The patch sets `layout.transition` to zero duration: when only x and y change, plotly.js
   * then redraws just the traces (its transition path, firing `plotly_transitioned`) instead of
   * the whole figure. A hover text is not animatable, so a step leaves the touch points' hover
   * texts to hoverAtRest.
   */
  function planePatch(scene, view, figure) {
    var T = touches(scene, view), cfg = plane(), idx = cfg.traceIndex;
    var patch = new window.dash_clientside.Patch();
    patch.assign(['layout', 'transition'], {duration: 0});
    var cx = [], cy = [];
    cfg.regions.forEach(function (spec) {
      var visible = view.shown.indexOf(spec.key) >= 0, uids = [spec.key + '-region', spec.key + '-touch'];
      var en = uids[0] in cfg.enTraces;
      if (en && !visible) {
        if (hasTrace(figure, uids[0])) {
          uids.slice().reverse().forEach(function (uid) { patch.delete(['data', idx[uid]]); });
        }
        return;
      }
      var data;
      if (visible) {
        var touch = T[spec.region], b = boundary(spec.region, touch.t, view.l1_ratio);
        var c = M().contourThrough(scene, touch.w, cfg.curvePoints);
        if (cx.length && c.x.length) { cx.push(null); cy.push(null); }
        Array.prototype.push.apply(cx, c.x);
        Array.prototype.push.apply(cy, c.y);
        data = [{x: b.x, y: b.y, visible: true}, {x: [touch.w[0]], y: [touch.w[1]], visible: true}];
      } else {
        data = [{x: [], y: [], visible: false}, {x: [], y: [], visible: false, hovertext: []}];
      }
      uids.forEach(function (uid, k) {
        if (en) {
          patch.assign(['data', idx[uid]], Object.assign({}, cfg.enTraces[uid], data[k]));
        } else {
          patch.merge(['data', idx[uid]], data[k]);
        }
      });
    });
    // the p-norm ball (always in the figure; empty while not shown), after the three regions
    if (view.shown.indexOf('lp') >= 0) {
      var lp = lpTouch(scene, view, T), lb = M().lpBoundary(lp.t, lp.p, cfg.curvePoints);
      var lc = M().contourThrough(scene, lp.w, cfg.curvePoints);
      if (cx.length && lc.x.length) { cx.push(null); cy.push(null); }
      Array.prototype.push.apply(cx, lc.x);
      Array.prototype.push.apply(cy, lc.y);
      patch.merge(['data', idx['lp-region']], {x: lb.x, y: lb.y, visible: true});
      patch.merge(['data', idx['lp-touch']], {x: [lp.w[0]], y: [lp.w[1]], visible: true});
    } else {
      patch.merge(['data', idx['lp-region']], {x: [], y: [], visible: false});
      patch.merge(['data', idx['lp-touch']], {x: [], y: [], visible: false, hovertext: []});
    }
    patch.merge(['data', idx['touch-contours']], {x: cx, y: cy});
    // the edge of equally good L1 optima (duplicated features), as moving_traces draws it
    var seg = view.shown.indexOf('l1') >= 0 ? M().l1Segment(scene, T.l1.w) : null;
    patch.merge(['data', idx['l1-segment']], seg ? {x: [seg[0][0], seg[1][0]], y: [seg[0][1], seg[1][1]]} : {x: [], y: []});
    // the optimizer paths and the KKT picture (assets/optimizer_panel.js) move in the same redraw
    if (lab.optimizerPanel) { lab.optimizerPanel.extendPlanePatch(patch, scene, view); }
    return patch.build();
  }

  /** The view the λ controls show (components/view.py). */
  function viewOf(slider, mode, shown, l1Ratio, p, keep) {
    var defaults = lab.config().defaults;
    return {slider: slider, mode: mode || defaults.mode, shown: Array.isArray(shown) ? shown : [],
            l1_ratio: (l1Ratio === null || l1Ratio === undefined) ? defaults.l1Ratio : l1Ratio,
            p: (typeof p === 'number' && isFinite(p)) ? p : defaults.p,
            keep: keep || defaults.keep};
  }

  lab.weightPlane = {touches: touches, lpTouch: lpTouch, penaltyValue: penaltyValue, hoverText: hoverText,
                     lpHoverText: lpHoverText};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.weight_plane = {
    /**
     * The weight plane follows the λ controls and a new scene:
     * - a λ step (or regions shown, mix, p): patch the moving traces; publish the view;
     * - a switch penalized <-> constrained: the slider moves to where the shown solution (L1
     *   first) stays where it is, and the plane is drawn there;
     * - a new scene from the server, which drew the plane itself with current-view: the view
     *   keeps its λ (view.keep 'value', clamped into the slider's range; the slider follows) or
     *   its ratio to λ_max; published for the panels at rest, and patched if the server drew
     *   another view (λ moved while it worked);
     * - the slider moved by this callback (the plane shows that view already): nothing.
     * Several inputs may arrive in one call (Dash hands a call every input changed since the
     * last one); on page load the layout's plane is already drawn.
     * Writes the weight-plane figure (lab.write); returns nothing of its own.
     */
    followLambda: function (slider, mode, shown, l1Ratio, p, keep, scene, figure) {
      var nu = window.dash_clientside.no_update, LC = lab.lambdaControl, ids = lab.ids();
      if (!scene || slider === null || slider === undefined) { return nu; }
      var changed = lab.triggeredIds(), view = viewOf(slider, mode, shown, l1Ratio, p, keep), last = LC.shownView();
      var sceneChanged = changed.indexOf(ids.sceneStore) >= 0;
      if (!changed.length) {                     // page load: the layout's plane shows this view
        LC.remember(LC.withValue(scene, view));
        return nu;
      }
      if (last && changed.indexOf(ids.modeToggle) >= 0 && last.mode !== view.mode) {
        view.slider = LC.sliderForMode(scene, last, view.mode);        // the solution stays put
      } else if (last && sceneChanged) {
        view.slider = LC.sliderForScene(scene, last, view);            // the same λ, if kept
      }
      view = LC.withValue(scene, view);
      if (!sceneChanged && sameView(last, view)) {
        if (last.keep !== view.keep) { LC.publish(view, true); }   // the picture stays; the stores learn it
        return nu;
      }
      if (view.slider !== slider) { LC.moveSlider(view.slider); }
      if (changed.length === 1 && sceneChanged && sameView(serverView(figure), view)) {
        // the server drew this view already; the panels that follow each drawn step (the λ
        // label among them) still learn it: current-view is written once the plane has drawn
        LC.publish(view, true);
        return nu;
      }
      lab.write('weight_plane', 'weightPlane', planePatch(scene, view, figure));
      LC.publish(view, true);
      return nu;
    },

    /**
     * Once λ rests: the hover texts of the shown touch points (w, J0, penalty, total, λ, t),
     * for those whose drawn text differs; no_update while a data point is dragged (the server
     * draws the plane then) or when every text is right already. Writes the figure (lab.write).
     */
    hoverAtRest: function (view, scene) {
      var nu = window.dash_clientside.no_update, gd = lab.graph('weightPlane');
      if (!view || !scene || !gd || lab.state.drag) { return nu; }
      var T = touches(scene, view), cfg = plane(), data = gd.data || [];
      var patch = new window.dash_clientside.Patch(), any = false;
      cfg.regions.forEach(function (spec) {
        var uid = spec.key + '-touch', trace = data[cfg.traceIndex[uid]];
        if (view.shown.indexOf(spec.key) < 0 || !trace || trace.uid !== uid) { return; }
        var text = hoverText(scene, spec, T[spec.region], view.l1_ratio);
        if (trace.hovertext && trace.hovertext[0] === text) { return; }
        patch.merge(['data', cfg.traceIndex[uid]], {hovertext: [text]});
        any = true;
      });
      var lpTrace = data[cfg.traceIndex['lp-touch']];
      if (view.shown.indexOf('lp') >= 0 && lpTrace && lpTrace.uid === 'lp-touch') {
        var lpText = lpHoverText(scene, lpTouch(scene, view, T));
        if (!(lpTrace.hovertext && lpTrace.hovertext[0] === lpText)) {
          patch.merge(['data', cfg.traceIndex['lp-touch']], {hovertext: [lpText]});
          any = true;
        }
      }
      if (any) { lab.write('weight_plane', 'weightPlane', patch.build()); }
      return nu;
    },

    /**
     * A `center` edit (loss-shape mode: the OLS centre, a shape plotly drags) for `data-edit`,
     * from the plane's relayoutData; no_update for resizes and zooms.
     * @returns {object} data-edit value, or no_update
     */
    centerMoves: function (relayout) {
      var x = relayout && relayout['shapes[0].xanchor'], y = relayout && relayout['shapes[0].yanchor'];
      if (x === undefined && y === undefined) { return window.dash_clientside.no_update; }
      var shape = ((lab.graph('weightPlane') || {}).layout || {}).shapes;
      var at = shape && shape[0] ? shape[0] : {};
      return lab.dataEdit.record({op: 'center', x: x === undefined ? at.xanchor : x, y: y === undefined ? at.yanchor : y});
    }
  };
}());
