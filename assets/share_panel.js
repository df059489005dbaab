/*
 * Share in the browser (mirrors components/share_panel.py and authoring/url_state.py):
 * `lab.share` and the clientside callbacks `share_panel.mirror` and `share_panel.navigate`.
 *
 * The address bar follows the state at rest without a request: `mirror` runs when lab-state,
 * view-store (λ at rest, never each step) or a generator box changes, encodes the page with
 * `lab.share.encode` (the rule of url_state.encode, string for string: tests/test_url_state_node.py)
 * and puts it in the address bar with history.replaceState; its output is the copy button's
 * link. Presenter mode is the class `presenting` of the page's top element: a MutationObserver
 * on that element (or a call of `lab.share.refresh()`) encodes the page again.
 *
 * `navigate` loads a new page: the chosen preset (keeping language and presenter mode), or
 * the current state in the chosen language.
 *
 * State (lab.state.share, created here): `last` the inputs of the last mirror call
 * {state, view, scene, boxes}, `observed` the element whose class is watched.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  /**
   * The shortest decimal that reads back as x (JavaScript's String(x)), without a '+' in the
   * exponent ('+' is a space in a query string); -0 is '0' (url_state.number_text).
   * @param {number} x  finite
   * @returns {string}
   */
  function numberText(x) {
    if (x === 0) { return '0'; }
    return String(x).replace('e+', 'e');
  }

  /** Equal numbers or both missing (null/undefined), as url_state._same. */
  function same(a, b) {
    var noA = a === null || a === undefined, noB = b === null || b === undefined;
    if (noA || noB) { return noA && noB; }
    return Number(a) === Number(b);
  }

  function allSame(a, b) {
    for (var i = 0; i < a.length; i++) { if (!same(a[i], b[i])) { return false; } }
    return true;
  }

  /** [n, w1, w2, noise, seed] of generator settings (url_state._generator_tuple). */
  function generatorTuple(g) {
    g = g || {};
    var w = (g.true_w || [null, null]).concat([null, null]);
    return [g.n, w[0], w[1], g.noise, g.seed];
  }

  function boxText(v) { return (v === null || v === undefined) ? '' : numberText(v); }

  /**
   * The query string (without '?') of a page, as url_state.encode writes it.
   * @param {object} page  {state, generator: {n, true_w, noise, seed}, view, lang, present}
   * @param {object} cfg   lab.config().share (components/share_panel.py::script_config)
   * @param {object} [scene]  scene-store: λ from the slider when the view has no `value`
   * @returns {string}
   */
  function encode(page, cfg, scene) {
    var d = cfg.defaults, state = page.state, view = page.view || {}, out = [];
    if ((page.lang || d.lang) !== d.lang) { out.push(['lang', page.lang]); }
    if (page.present) { out.push(['present', '1']); }
    var mode = view.mode || d.mode, value = view.value;
    if (!(typeof value === 'number' && value > 0 && value < Infinity)) {
      var ref = mode === 'constrained' ? Math.abs(scene.ols[0]) + Math.abs(scene.ols[1]) : scene.lambda_max;
      value = ref * Math.pow(10, view.slider);
    }
    out.push(['lam', numberText(value)]);
    if (mode !== 'penalized') { out.push(['mode', mode]); }
    var shownIn = view.shown || [];
    var shown = cfg.regionOrder.filter(function (k) { return shownIn.indexOf(k) >= 0; });
    if (shown.join('_') !== d.shown.join('_')) { out.push(['show', shown.join('_') || 'none']); }
    var r = view.l1_ratio;
    if (r !== null && r !== undefined && !same(r, d.l1Ratio)) { out.push(['r', numberText(r)]); }
    var p = view.p;
    if (p !== null && p !== undefined && !same(p, d.p)) { out.push(['p', numberText(p)]); }
    if ((view.keep || d.keep) !== 'value') { out.push(['keep', view.keep]); }
    if ((state.source || d.source) !== 'points') { out.push(['src', state.source]); }
    if (state.source === 'dataset') {
      var spec = state.dataset || {name: d.dataset, features: d.features};
      if (spec.name !== d.dataset) { out.push(['data', spec.name]); }
      if (spec.features.join('_') !== d.features.join('_')) {
        out.push(['feat', spec.features.map(function (k) { return String(Math.trunc(k)); }).join('_')]);
      }
    }
    if (state.basis !== d.basis) { out.push(['basis', state.basis]); }
    if (!same(state.rho, d.rho)) { out.push(['rho', numberText(state.rho)]); }
    var shape = state.shape || {center: d.shape.slice(0, 2), ratio: d.shape[2], angle: d.shape[3]};
    var shapeValues = [shape.center[0], shape.center[1], shape.ratio, shape.angle];
    if (!allSame(shapeValues, d.shape)) { out.push(['shape', shapeValues.map(numberText).join('_')]); }
    var gen = null, boxesDefault = d.generator, g = state.generated;
    if (g && typeof g === 'object' && g.basis === state.basis && same(g.rho, state.rho)) {
      gen = generatorTuple(g);
      boxesDefault = gen;
    }
    var boxes = generatorTuple(page.generator);
    if (!allSame(boxes, boxesDefault)) { out.push(['g', boxes.map(boxText).join('_')]); }
    if (gen !== null) {
      if (!allSame(gen, d.generator)) { out.push(['gen', gen.map(numberText).join('_')]); }
    } else {
      var xs = state.points.x, ys = state.points.y, pts = [];
      for (var i = 0; i < xs.length; i++) {
        pts.push(numberText(Math.floor(xs[i] * cfg.pointScale + 0.5)));
        pts.push(numberText(Math.floor(ys[i] * cfg.pointScale + 0.5)));
      }
      out.push(['pts', pts.join('_')]);
    }
    return out.map(function (kv) { return kv[0] + '=' + kv[1]; }).join('&');
  }

  // ------------------------------------------------------------------ the page

  /*
   * Dash fetches the page's layout with a request of its own (`_dash-layout`) that carries no
   * query, so the server would build the layout without the link's parameters (app.py reads
   * them from that request, else from its Referer header, which browsers drop beyond 4 kB).
   * The page's query goes along with that request. This script runs before Dash's renderer
   * starts (assets load first), so the renderer's first fetch is the wrapped one.
   */
  function passQueryToLayout() {
    var fetchFn = window.fetch;
    if (typeof fetchFn !== 'function' || fetchFn.passesQuery) { return; }
    var wrapped = function (input, init) {
      if (typeof input === 'string' && /_dash-layout$/.test(input) && window.location.search) {
        input = input + window.location.search;
      }
      return fetchFn.call(this, input, init);
    };
    wrapped.passesQuery = true;
    window.fetch = wrapped;
  }
  if (typeof document !== 'undefined') { passQueryToLayout(); }   // not under Node

  function st() {
    lab.state.share = lab.state.share || {last: null, observed: null};
    return lab.state.share;
  }

  /** The page's top element (it carries the configuration and the class `presenting`). */
  function topElement() { return document.querySelector('[data-lab-config]'); }

  function presenting() {
    var el = topElement();
    return !!el && el.classList.contains('presenting');
  }

  /** The page's language: lab-state's, else the configuration's. */
  function pageLang(state) { return (state && state.lang) || lab.config().lang || lab.config().share.defaults.lang; }

  /** The generator's boxes as url_state.PageState.generator holds them. */
  function boxesOf(n, w1, w2, noise, seed) { return {n: n, true_w: [w1, w2], noise: noise, seed: seed}; }

  /** The query for the mirror's last inputs (`overrides` e.g. {lang: 'zh'}), or null before any. */
  function currentQuery(last, overrides) {
    if (!last || !last.state || !last.view) { return null; }
    var page = Object.assign({
      state: last.state, view: last.view, generator: last.boxes, lang: pageLang(last.state), present: presenting()
    }, overrides || {});
    return encode(page, lab.config().share, last.scene);
  }

  function linkFor(query) { return window.location.origin + window.location.pathname + '?' + query; }

  /** Put the last inputs' link in the address bar (if it changed); the link, or null. */
  function mirrorNow() {
    var query = currentQuery(st().last);
    if (query === null) { return null; }
    if (window.location.search !== '?' + query) {
      window.history.replaceState(window.history.state, '', window.location.pathname + '?' + query + window.location.hash);
    }
    return linkFor(query);
  }

  /** Watch the top element's class (presenter mode) once. */
  function observePresenter() {
    var el = topElement(), s = st();
    if (!el || s.observed === el || typeof MutationObserver === 'undefined') { return; }
    s.observed = el;
    var wasPresenting = presenting();
    new MutationObserver(function () {
      if (presenting() === wasPresenting) { return; }
      wasPresenting = presenting();
      lab.share.refresh();
    }).observe(el, {attributes: true, attributeFilter: ['class']});
  }

  lab.share = {
    numberText: numberText,
    encode: encode,

    /** Encode the page again (e.g. after presenter mode changed) and update the copy button. */
    refresh: function () {
      var link = mirrorNow();
      if (link !== null) { lab.write('share_panel', 'copyLink', link); }
    },

    /** The query string of the page as it is now (null before the first mirror call). */
    query: function () { return currentQuery(st().last); }
  };

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.share_panel = {
    /**
     * The address bar follows the state at rest (replaceState); no request.
     * @returns {string} the link of the page (the copy button's content), or no_update
     */
    mirror: function (state, view, n, w1, w2, noise, seed, scene) {
      if (!state || !view || !scene) { return window.dash_clientside.no_update; }
      st().last = {state: state, view: view, scene: scene, boxes: boxesOf(n, w1, w2, noise, seed)};
      observePresenter();
      var link = mirrorNow();
      return link === null ? window.dash_clientside.no_update : link;
    },

    /**
     * A new page for a chosen preset (keeping language and presenter mode) or language
     * (keeping the whole state): the Location's href and search (both, so that neither
     * brings back the address the page was opened with).
     * @returns {Array} [href, search], or no_update
     */
    navigate: function (preset, lang, state, view, scene, n, w1, w2, noise, seed) {
      var nu = window.dash_clientside.no_update, changed = lab.triggeredIds(), ids = lab.ids();
      var query = null;
      if (changed.indexOf(ids.presetDropdown) >= 0 && preset) {
        var parts = ['preset=' + preset], d = lab.config().share.defaults;
        var keepLang = pageLang(state);
        if (keepLang !== d.lang) { parts.push('lang=' + keepLang); }
        if (presenting()) { parts.push('present=1'); }
        query = parts.join('&');
      } else if (changed.indexOf(ids.languageToggle) >= 0 && lang && lang !== pageLang(state)) {
        query = currentQuery({state: state, view: view, scene: scene, boxes: boxesOf(n, w1, w2, noise, seed)},
          {lang: lang});
      }
      if (query === null) { return [nu, nu]; }
      return [linkFor(query), '?' + query];
    }
  };
}());
