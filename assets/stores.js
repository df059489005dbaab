/*
 * The browser side's shared pieces (mirrors components/stores.py): `window.lab`.
 *
 * - `lab.config()`: what the server tells the scripts (components/client_config.py): component
 *   ids, trace indices, defaults, and which script may write which property. No script holds
 *   an id, trace index or shared default of its own.
 * - `lab.state`: the one state object of the page's scripts; every module keeps its state in
 *   its own part of it, documented below, and reads another module's only through that
 *   module's functions.
 * - `lab.write(module, key, value)`: the only call of `dash_clientside.set_props` in the page.
 *   It writes the property `key` names (config.writes[key]: {id, prop, modules}) if `module`
 *   is declared as a writer of it (components/writers.py), and refuses anything else.
 * - `lab.graph(key)`: the plotly graph div of the dcc.Graph whose id `key` names.
 * - `lab.text(key, fields)`: a string in the page's language (config.strings).
 *
 * Modules (one per panel, like components/): stores.js, lambda_control.js, weight_plane.js,
 * data_panel.js, data_edit.js; pure helpers: lab_math.js (geometry/), lab_format.js
 * (components/formatting.py). Dash loads them in alphabetical order, so a module looks up the
 * others when it runs, never while it loads.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};
  var config = null;

  /**
   * The page's configuration (components/client_config.py::client_config), read once from the
   * `data-lab-config` attribute of the page's top element. Reading it names the page's
   * language in `<html lang>` and puts the title in that language.
   * @returns {object|null} null before the layout is on the page
   */
  lab.config = function () {
    if (config === null) {
      var el = document.querySelector('[data-lab-config]');
      config = el ? JSON.parse(el.getAttribute('data-lab-config')) : null;
      if (config) { showLanguage(config); }
    }
    return config;
  };

  /** The page's language in `<html lang>` and its title in that language. */
  function showLanguage(cfg) {
    document.documentElement.setAttribute('lang', cfg.lang);
    if (cfg.strings['page.title']) { document.title = cfg.strings['page.title']; }
  }

  /**
   * A string of the page's language (config.strings, from components/i18n.py) with its `{name}`
   * fields filled in, as Python's `text(key, lang, **fields)` fills them.
   * @param {string} key     e.g. 'lambda.ask'
   * @param {object} fields  e.g. {name: 'λ'}
   * @returns {string}
   */
  lab.text = function (key, fields) {
    var template = lab.config().strings[key];
    if (template === undefined) { throw new Error('lab.text: no string ' + key); }
    return fields ? template.replace(/\{(\w+)\}/g, function (all, name) { return String(fields[name]); }) : template;
  };

  // name the page's language as soon as the layout is on the page (the first callback may come later)
  if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    new MutationObserver(function (records, observer) {
      if (document.querySelector('[data-lab-config]')) { observer.disconnect(); lab.config(); }
    }).observe(document.documentElement, {childList: true, subtree: true});
  }

  /** Component ids by their camelCase names (`lab.ids().weightPlane`: the weight plane's id). */
  lab.ids = function () { return lab.config().ids; };

  /**
   * The state of the page's scripts, one part per module:
   * - lambda (lambda_control.js): the view the weight plane shows (`shown`), the view waiting
   *   for its redraw (`drawn`) and for λ to rest (`rest`), the rest timer, the graph div whose
   *   redraw events are followed, where the number box last put λ (`typed`: {slider, value}),
   *   and how often the sliders' names were tried before Dash had drawn them (`namingTries`);
   * - edits (data_edit.js, data_edit_keys.js): the last edit stamp, the recent edits (resent with each new one),
   *   the timer of a click waiting to become an `add` and where that click was (`clickAt`), when
   *   the last held position was sent; the keyboard's selected point (`selected`), its position
   *   moved by a key but not redrawn yet (`keyAt`), the graph div whose redraws it follows (`armed`);
   * - drag (data_edit.js): the data point being dragged, or null;
   * - refused (stores.js): writes `lab.write` refused, for tests and the console.
   */
  lab.state = {
    lambda: {shown: null, drawn: null, rest: null, restTimer: null, followed: null, typed: null, namingTries: 0},
    edits: {stamp: 0, recent: [], clickTimer: null, clickAt: null, lastLive: 0, selected: null, keyAt: null, armed: null},
    drag: null,
    refused: []
  };

  /**
   * Write a Dash property from a script (an event or a timer, not a callback's output).
   * @param {string} module  the asset module writing (e.g. 'data_edit')
   * @param {string} key     config.writes key, e.g. 'dataEdit'
   * @param {*} value        the new value
   * @returns {boolean} whether it was written
   */
  lab.write = function (module, key, value) {
    var target = lab.config().writes[key];
    if (!target || target.modules.indexOf(module) < 0) {
      lab.state.refused.push(module + ':' + key);
      if (window.console) { window.console.error('lab.write: ' + module + ' may not write ' + key); }
      return false;
    }
    var props = {};
    props[target.prop] = value;
    window.dash_clientside.set_props(target.id, props);
    return true;
  };

  /**
   * The plotly graph div inside the dcc.Graph `key` names, or null before it is drawn.
   * @param {string} key  e.g. 'weightPlane'
   * @returns {HTMLElement|null}
   */
  lab.graph = function (key) {
    var host = document.getElementById(lab.ids()[key]);
    return host ? host.querySelector('.js-plotly-plot') : null;
  };

  var onScreen = {}, shownHandlers = {}, observer = null;
  function observe(id, el) {
    if (!observer) {
      observer = new window.IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          var was = onScreen[e.target.id];
          onScreen[e.target.id] = e.isIntersecting;
          if (e.isIntersecting && !was) { (shownHandlers[e.target.id] || []).forEach(function (fn) { fn(); }); }
        });
      });
    }
    var box = el.getBoundingClientRect();   // once, until the observer's first report
    onScreen[id] = box.bottom > 0 && box.top < window.innerHeight;
    observer.observe(el);
  }

  /** Whether the component `key` names is in the viewport, as the observer last said (no
   * IntersectionObserver: yes). The first time, before the observer has reported, its box is
   * measured once; it is observed from then on. */
  function onScreenNow(key) {
    if (typeof document === 'undefined' || typeof window.IntersectionObserver !== 'function') { return true; }
    var id = lab.ids()[key], el = id && document.getElementById(id);
    if (!el) { return true; }
    if (!(id in onScreen)) { observe(id, el); }
    return onScreen[id];
  }

  /**
   * For a panel that follows each λ step: whether the component `key` names is out of the
   * viewport (an IntersectionObserver says so; only the first call measures the box). If it
   * is, `catchUp` is called when it next comes into view (one registration per function), to
   * draw the step the panel skips now.
   * @param {string} key        e.g. 'pathPlot'
   * @param {function} catchUp
   * @returns {boolean}
   */
  lab.outOfSight = function (key, catchUp) {
    if (onScreenNow(key)) { return false; }
    var id = lab.ids()[key], list = shownHandlers[id] = shownHandlers[id] || [];
    if (list.indexOf(catchUp) < 0) { list.push(catchUp); }
    return true;
  };

  /**
   * Component ids of the inputs that changed for the running callback (none on page load).
   * @returns {string[]}
   */
  lab.triggeredIds = function () {
    return (window.dash_clientside.callback_context.triggered || []).map(function (t) {
      return t.prop_id.split('.')[0];
    }).filter(function (id) { return id !== ''; });
  };
}());
