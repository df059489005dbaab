/*
 * The λ control in the browser (mirrors components/lambda_control.py): `lab.lambdaControl`
 * and the clientside callbacks `lambda_control.label` and `lambda_control.syncBox`.
 *
 * It also carries λ to the panels that follow it. The weight plane draws each step itself
 * (weight_plane.followLambda) and then calls `publish(view)`; this module writes the view to
 * `current-view` once the plane has drawn it (panels following every step subscribe to that
 * store, as the label does) and to `view-store` once λ has rested for REST_MS (panels that
 * cost a request or a redraw subscribe to that one: readout, fitted curves, hover texts, the
 * number box). A panel follows λ by subscribing to one of the two stores
 * (components/stores.py::follow_lambda); nothing here knows who does.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};
  var REST_MS = 120;       // λ rests when no step has come for this long after a redraw
  var FALLBACK_MS = 400;   // when no redraw event is seen (it may have come before we listened)

  function fmt(v) { return window.labFormat.number(v); }
  function st() { return lab.state.lambda; }

  /**
   * λ_max (penalized) or ||w_OLS||_1 (constrained): the slider's unit.
   * @param {object} scene  scene-store dict
   * @param {string} mode   'penalized' | 'constrained'
   * @returns {number}
   */
  function referenceValue(scene, mode) {
    if (mode === 'constrained') { return Math.abs(scene.ols[0]) + Math.abs(scene.ols[1]); }
    return scene.lambda_max;
  }

  /** λ (penalized) or t (constrained) at slider position v: referenceValue · 10^v. */
  function sliderToValue(scene, mode, v) { return referenceValue(scene, mode) * Math.pow(10, v); }

  /** The number the box shows for λ (or t): 6 significant digits. */
  function boxNumber(value) { return Number(value.toPrecision(6)); }

  /** A slider position clamped into the slider's range (log10(0) = -Infinity goes to the bottom). */
  function clampSlider(v) {
    var range = lab.config().slider;
    return isNaN(v) ? range.min : Math.min(Math.max(v, range.min), range.max);
  }

  /** What the number box holds in a mode: ['λ', 'λ_max'] or ['t', '‖w_OLS‖₁']. */
  function names(mode) { return mode === 'constrained' ? ['t', '‖w_OLS‖₁'] : ['λ', 'λ_max']; }

  /**
   * Slider position for a typed value, clamped into the slider's range with a message saying
   * so; null when the box holds no number.
   * @returns {{v: number, message: string}|null}
   */
  function fromBox(boxValue, ref, mode) {
    var num = Number(boxValue), n = names(mode), range = lab.config().slider;
    if (boxValue === null || boxValue === undefined || boxValue === '' || !isFinite(num)) { return null; }
    var low = ref * Math.pow(10, range.min), high = ref * Math.pow(10, range.max);
    if (num < low) {
      return {v: range.min, message: lab.text('lambda.below', {
        name: n[0], value: fmt(num), factor: fmt(Math.pow(10, range.min)), unit: n[1], bound: fmt(low)})};
    }
    if (num > high) {
      return {v: range.max, message: lab.text('lambda.above', {
        name: n[0], value: fmt(num), factor: fmt(Math.pow(10, range.max)), unit: n[1], bound: fmt(high)})};
    }
    return {v: Math.log10(num / ref), message: ''};
  }

  // ------------------------------------------------------------------ λ to the panels

  function flushDrawn() {
    var s = st();
    if (s.drawn === null) { return; }
    var view = s.drawn;
    s.drawn = null;
    lab.write('lambda_control', 'currentView', view);
  }

  function flushRest() {
    var s = st();
    s.restTimer = null;
    flushDrawn();
    if (s.rest === null) { return; }
    var view = s.rest;
    s.rest = null;
    lab.write('lambda_control', 'viewStore', view);
  }

  function scheduleRest(delay) {
    var s = st();
    if (s.restTimer) { clearTimeout(s.restTimer); }
    s.restTimer = setTimeout(flushRest, delay);
  }

  /** Follow the weight plane's redraws (a whole redraw, or the traces alone). */
  function followPlane() {
    var gd = lab.graph('weightPlane'), s = st();
    if (!gd || !gd.on || s.followed === gd) { return; }
    s.followed = gd;
    var drawn = function () {
      if (st().drawn !== null) { setTimeout(flushDrawn, 0); }
      if (st().rest !== null) { scheduleRest(REST_MS); }
    };
    gd.on('plotly_afterplot', drawn);
    gd.on('plotly_transitioned', drawn);
  }

  var thumbNames = {};
  /** The λ thumb's name in the page's language: 'λ (log scale)' (looked up once per mode, not per step). */
  function thumbName(mode) {
    if (!(mode in thumbNames)) { thumbNames[mode] = lab.text('lambda.thumb', {name: names(mode)[0]}); }
    return thumbNames[mode];
  }

  /**
   * What a screen reader says for the sliders (dcc.Slider's thumbs have no name of their own):
   * the λ thumb is named by what it sets and its value is read as λ (or t), not as its log10
   * position; with `all`, each slider in a control row is named by its row's title (the text
   * just before it). Attributes of the thumbs' elements, not Dash properties.
   * @param {string} mode       'penalized' | 'constrained'
   * @param {string} valueText  e.g. 'λ = 0.9047'
   * @param {boolean} all       also name the other sliders (once they are on the page)
   */
  function describeSliders(mode, valueText, all) {
    var thumb = document.querySelector('#' + lab.ids().lambdaSlider + ' [role=slider]');
    if (thumb) {
      thumb.setAttribute('aria-label', thumbName(mode));
      thumb.setAttribute('aria-valuetext', valueText);
    }
    if (!all) { return; }
    var missing = !thumb;
    // every other slider is named by the text just before it (a row's title, or a lesson panel's label)
    document.querySelectorAll('.dash-slider-container').forEach(function (box) {
      var title = box.previousSibling, knob = box.querySelector('[role=slider]');
      while (title && title.nodeType === Node.TEXT_NODE && !title.textContent.trim()) { title = title.previousSibling; }
      if (!knob) { missing = true; }
      var text = title && (title.nodeType === Node.TEXT_NODE || title.nodeType === Node.ELEMENT_NODE) ? title.textContent.trim() : '';
      if (knob && text && !knob.hasAttribute('aria-label')) { knob.setAttribute('aria-label', text); }
    });
    // Dash loads the sliders lazily: on the page's first call some may not be there yet
    var tries = (st().namingTries || 0) + 1;
    st().namingTries = missing ? tries : 0;
    if (missing && tries <= 20) { setTimeout(function () { describeSliders(mode, valueText, true); }, 250); }
  }

  /*
   * The number box's − and + (dcc.Input draws them, stepping the box by its `step`, 1 by
   * default) move λ by one step of the slider instead, a factor 10^step: the same thing the
   * slider's arrow keys do. The box then shows the new λ once it rests.
   */
  function onStepper(evt) {
    var button = evt.target && evt.target.closest ? evt.target.closest('.dash-input-stepper') : null;
    var config = lab.config ? lab.config() : null;
    if (!button || !config || button.getAttribute('aria-controls') !== config.ids.lambdaInput) { return; }
    evt.preventDefault();
    evt.stopPropagation();
    var shown = st().shown, up = button.classList.contains('dash-stepper-increment');
    if (shown) { lab.lambdaControl.moveSlider(clampSlider(shown.slider + (up ? 1 : -1) * config.slider.step)); }
  }
  /*
   * A comma typed into the number box: Chromium's number input drops it ("0,5" would become 5),
   * so the comma is not typed and a message asks for a decimal point.
   */
  function onComma(evt) {
    var config = lab.config ? lab.config() : null;
    if (evt.key !== ',' || !config || !evt.target || evt.target.id !== config.ids.lambdaInput) { return; }
    evt.preventDefault();
    lab.write('lambda_control', 'lambdaMessage', lab.text('input.comma'));
  }

  if (typeof document !== 'undefined') {   // not under Node (tests/test_js_panels_node.py)
    document.addEventListener('click', onStepper, true);
    document.addEventListener('keydown', onComma, true);
  }

  lab.lambdaControl = {
    referenceValue: referenceValue,
    sliderToValue: sliderToValue,

    /**
     * A view the weight plane is drawing: to `current-view` once drawn (`step`: a λ step; false
     * for a plane the server drew, whose view is in current-view already), to `view-store`
     * once λ rests.
     * @param {object} view  {slider, mode, shown, l1_ratio}
     * @param {boolean} step
     */
    publish: function (view, step) {
      var s = st();
      s.shown = view;
      s.rest = view;
      if (step) { s.drawn = view; }
      followPlane();
      scheduleRest(FALLBACK_MS);   // replaced by the shorter delay once the plane has drawn
    },

    /** Write a drawn step's view to current-view now (a data edit is drawn with it). */
    flush: flushDrawn,

    /** The view the weight plane shows (the last published, or the page's first), or null. */
    shownView: function () { return st().shown; },

    /** Note the view the page's first plane shows. */
    remember: function (view) { st().shown = view; },

    /** The view with the λ (or t) its slider stands for on this scene: `value`. */
    withValue: function (scene, view) {
      return Object.assign({}, view, {value: sliderToValue(scene, view.mode, view.slider)});
    },

    /**
     * Slider position for `view` on a new scene: where the shown view's λ (or t) is on the new
     * scale if the view keeps its value (components/view.py::view_for_scene), else unchanged.
     */
    sliderForScene: function (scene, shown, view) {
      if (view.keep !== 'value' || shown.mode !== view.mode || !(shown.value > 0)) { return view.slider; }
      var v = clampSlider(Math.log10(shown.value / referenceValue(scene, view.mode)));
      return Math.abs(v - view.slider) <= 1e-12 ? view.slider : v;
    },

    /**
     * Slider position in `mode` at which the shown solution stays where it is: the first shown
     * region's touch point (L1, else L2, else elastic net) of the view `shown`, as a size t
     * (constrained) or as its penalty weight λ (penalized).
     */
    sliderForMode: function (scene, shown, mode) {
      var key = ['l1', 'l2', 'en'].filter(function (k) { return shown.shown.indexOf(k) >= 0; })[0] || 'l1';
      var region = lab.config().plane.regions.filter(function (spec) { return spec.key === key; })[0].region;
      var touch = lab.weightPlane.touches(scene, shown)[region];
      var value = mode === 'constrained' ? touch.t : touch.lam;
      return clampSlider(Math.log10(value / referenceValue(scene, mode)));
    },

    /** Move the slider's thumb to a position the plane already shows. */
    moveSlider: function (v) { lab.write('lambda_control', 'lambdaSlider', v); },

    /** True when no view is waiting to be written to current-view or view-store. */
    atRest: function () { var s = st(); return s.restTimer === null && s.rest === null && s.drawn === null; }
  };

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.lambda_control = {
    /**
     * The label over the slider for the view the plane shows.
     * @returns {string} e.g. 'λ = 0.1234  (0.6 · λ_max)'
     */
    label: function (view, scene) {
      if (!view || !scene) { return window.dash_clientside.no_update; }
      var value = sliderToValue(scene, view.mode, view.slider), ref = referenceValue(scene, view.mode);
      var n = names(view.mode);
      describeSliders(view.mode, n[0] + ' = ' + fmt(value), false);
      return n[0] + ' = ' + fmt(value) + '  (' + fmt(value / ref) + ' · ' + n[1] + ')';
    },

    /**
     * The number box and its message, in step with the slider:
     * - a typed value moves the slider there (clamped into range, with a message);
     * - Enter or leaving the box with text that is not a number (Chromium hands Dash no value
     *   for it, `validity.badInput`) gets a message; λ stays;
     * - when λ rests (view-store) away from where the box put it, the box shows the exact λ
     *   (or t) and the message goes.
     * The box is an output of this callback too, so its writes here trigger nothing.
     * @returns {Array} [lambda-slider value, lambda-input value, lambda-message children]
     */
    syncBox: function (boxValue, nSubmit, nBlur, view, scene, slider, mode) {
      var nu = window.dash_clientside.no_update, s = st(), ids = lab.ids();
      if (!scene || !view) { return [nu, nu, nu]; }
      mode = mode || lab.config().defaults.mode;
      var props = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
      var ask = lab.text('lambda.ask', {name: names(mode)[0]});
      if (props.indexOf(ids.lambdaInput + '.value') >= 0) {
        var ref = referenceValue(scene, mode), typed = fromBox(boxValue, ref, mode);
        // dcc.Input reports its value again when it loses focus: the number it shows for the
        // slider's λ is not a new λ (it is λ rounded to 6 digits)
        if (typed !== null && Number(boxValue) === boxNumber(ref * Math.pow(10, slider))) { return [nu, nu, nu]; }
        if (typed === null) { s.typed = {slider: slider, value: ref * Math.pow(10, slider)}; return [nu, nu, ask]; }
        s.typed = {slider: typed.v, value: ref * Math.pow(10, typed.v)};
        var clamped = typed.message ? boxNumber(ref * Math.pow(10, typed.v)) : nu;
        return [typed.v !== slider ? typed.v : nu, clamped, typed.message];
      }
      if (props.indexOf(ids.lambdaInput + '.n_submit') >= 0 || props.indexOf(ids.lambdaInput + '.n_blur') >= 0) {
        var el = document.getElementById(ids.lambdaInput);
        if (el && el.validity && el.validity.badInput) {
          s.typed = {slider: slider, value: sliderToValue(scene, mode, slider)};
          return [nu, nu, ask];
        }
        return [nu, nu, nu];
      }
      // λ at rest, or the page's first call. While λ is where the box put it, the box keeps what
      // the user typed (and the message stays); once λ has moved on, the box shows λ.
      describeSliders(view.mode, names(view.mode)[0] + ' = ' + fmt(sliderToValue(scene, view.mode, view.slider)), true);
      var value = sliderToValue(scene, view.mode, view.slider);
      if (s.typed !== null && s.typed.slider === view.slider && s.typed.value === value) { return [nu, nu, nu]; }
      s.typed = null;
      var box = boxNumber(value);
      return [nu, box === boxValue ? nu : box, ''];
    }
  };
}());
