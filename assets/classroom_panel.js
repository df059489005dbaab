/*
 * The classroom in the browser (mirrors components/classroom_panel.py): `lab.classroom`.
 *
 * Play sweeps the λ slider from its top to its bottom and back (the slider's own log scale),
 * entirely in the browser: each animation frame advances a position by the time elapsed
 * (one sweep takes the seconds the speed radio holds), and a new position is written to the
 * slider, through `lab.write` as a drag would move it, only once the weight plane has drawn
 * the last one (lambda_control.js's shown view is that position and no step waits for its
 * redraw). A slow machine so shows fewer frames, never late ones. The user grabbing the
 * slider, typing in the λ box or pressing the button stops it.
 *
 * Presenter mode is the class `presenting` on the page's top element (lab.css does the rest).
 * Keys: space plays and pauses anywhere space has no meaning of its own; in presenter mode
 * also ← → (one slider step), 1 / 2 / 3 (L1, L2, both), p (penalized ⇄ constrained) and
 * k or ? (the key list). No shortcut fires while typing in a box.
 *
 * State: `lab.state.classroom` (created here; stores.js loads after this file):
 * `playing`, the sweep's position `pos` and direction `dir` (-1 down, +1 up), the last frame's
 * time `lastTs`, the position written last (`written`), when (`writtenAt`, a frame time) and
 * the view the plane showed then (`before`), the frame request `raf`, `frames` (positions
 * written since play started, for tests); and `keyed`, where the last ← / → put λ and the
 * view the plane showed then.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};
  var STALL_MS = 1000;     // write anyway if a drawn step is not seen for this long
  var MAX_FRAME_MS = 100;  // a longer gap (a hidden tab) advances the sweep by this much only

  function st() {
    if (!lab.state.classroom) {
      lab.state.classroom = {playing: false, pos: null, dir: -1, lastTs: null, written: null, writtenAt: 0,
                             before: null, raf: null, frames: 0, keyed: null};
    }
    return lab.state.classroom;
  }
  function ids() { return lab.config().ids; }
  function range() { return lab.config().slider; }
  function top() { return document.querySelector('[data-lab-config]'); }
  function presenting() { var el = top(); return !!el && el.classList.contains('presenting'); }
  function byId(key) { return document.getElementById(ids()[key]); }

  /** The slider position the weight plane shows (the last published view), or null. */
  function shownSlider() {
    var view = lab.lambdaControl.shownView();
    return view ? view.slider : null;
  }

  /**
   * The sweep's next position: `pos` moved by `dist` in direction `dir`, reflected at the ends.
   * @returns {{pos: number, dir: number}}
   */
  function advance(pos, dir, dist, min, max) {
    var span = max - min;
    if (!(span > 0)) { return {pos: min, dir: dir}; }
    var p = pos + dir * (dist % (2 * span));
    while (p < min || p > max) {
      if (p < min) { p = 2 * min - p; dir = 1; }
      if (p > max) { p = 2 * max - p; dir = -1; }
    }
    return {pos: p, dir: dir};
  }

  /** Seconds per sweep from the speed radio (6 when it is not on the page). */
  function sweepSeconds() {
    if (typeof document === 'undefined') { return 6; }
    var checked = document.querySelector('#' + ids().playSpeed + ' input:checked');
    var s = checked ? Number(checked.value) : NaN;
    return s > 0 ? s : 6;
  }

  /**
   * One animation frame of the sweep: advance the position by the time elapsed; write it once
   * the plane has drawn a view published after the last write (or STALL_MS have passed). If
   * that view is not at the position written (a switch of mode or new data moved λ), the
   * sweep goes on from where the plane is.
   * @param {number} ts  the frame's time in ms (requestAnimationFrame's)
   */
  function frame(ts) {
    var s = st();
    s.raf = null;
    if (!s.playing) { return; }
    var r = range(), dt = s.lastTs === null ? 0 : Math.min(Math.max(ts - s.lastTs, 0), MAX_FRAME_MS);
    s.lastTs = ts;
    var moved = advance(s.pos, s.dir, dt * (r.max - r.min) / (1000 * sweepSeconds()), r.min, r.max);
    s.pos = moved.pos;
    s.dir = moved.dir;
    var view = lab.lambdaControl.shownView();
    var drawnNew = view !== null && view !== s.before && lab.state.lambda.drawn === null;
    if (s.written === null || drawnNew || ts - s.writtenAt > STALL_MS) {
      if (s.written !== null && drawnNew && Math.abs(view.slider - s.written) > 1e-9) {
        s.pos = s.written = view.slider;   // the next frame goes on from there
      }
      if (view === null || s.pos !== view.slider) {
        s.before = view;
        s.written = s.pos;
        s.writtenAt = ts;
        s.frames += 1;
        lab.write('classroom_panel', 'lambdaSlider', s.pos);
      }
    }
    s.raf = window.requestAnimationFrame(frame);
  }

  function play() {
    var s = st(), r = range(), shown = shownSlider();
    if (s.playing) { return; }
    s.playing = true;
    s.pos = shown === null ? r.max : shown;
    s.dir = s.pos <= r.min + 1e-9 ? 1 : -1;   // from large to small, unless at the bottom already
    s.lastTs = null;
    s.written = null;
    s.before = lab.lambdaControl.shownView();
    s.frames = 0;
    lab.write('classroom_panel', 'playButton', 'true');
    s.raf = window.requestAnimationFrame(frame);
  }

  function stop() {
    var s = st();
    if (!s.playing) { return; }
    s.playing = false;
    if (s.raf !== null) { window.cancelAnimationFrame(s.raf); s.raf = null; }
    lab.write('classroom_panel', 'playButton', 'false');
  }

  function toggle() { if (st().playing) { stop(); } else { play(); } }

  /** Presenter mode on or off (the page's top element's class and the toggle's aria-pressed). */
  function present(on) {
    var el = top();
    if (!el) { return; }
    el.classList.toggle('presenting', on);
    lab.write('classroom_panel', 'presenterToggle', on ? 'true' : 'false');
    // the plane's box changes size with the type: let the graphs fit their new boxes
    window.requestAnimationFrame(function () { window.dispatchEvent(new Event('resize')); });
  }

  /**
   * Move λ by `steps` slider steps (clamped to the slider's range), from where the plane is,
   * or from where the last key put λ if the plane has not drawn that yet (keys pressed quickly
   * all count).
   */
  function stepLambda(steps) {
    var r = range(), s = st(), view = lab.lambdaControl.shownView();
    if (view === null) { return; }
    var from = s.keyed && s.keyed.view === view ? s.keyed.slider : view.slider;
    var v = Math.min(Math.max(from + steps * r.step, r.min), r.max);
    if (v === from) { return; }
    s.keyed = {view: view, slider: v};
    lab.write('classroom_panel', 'lambdaSlider', v);
  }

  function showRegions(keys) {
    var view = lab.lambdaControl.shownView();
    if (view && view.shown.slice().sort().join() === keys.slice().sort().join()) { return; }
    lab.write('classroom_panel', 'penaltyChecklist', keys);
  }

  /** The p-norm ball in or out of the regions shown, the others as they are. */
  function toggleBall() {
    var view = lab.lambdaControl.shownView(), keys = view ? view.shown.slice() : ['l1', 'l2'];
    var at = keys.indexOf('lp');
    if (at >= 0) { keys.splice(at, 1); } else { keys.push('lp'); }
    lab.write('classroom_panel', 'penaltyChecklist', keys);
  }

  function toggleMode() {
    var view = lab.lambdaControl.shownView(), modes = ['penalized', 'constrained'];
    var mode = view ? view.mode : lab.config().defaults.mode;
    lab.write('classroom_panel', 'modeToggle', modes[1 - modes.indexOf(mode)] || modes[0]);
  }

  function toggleKeys() {
    var list = byId('classroomKeys');
    if (list) { lab.write('classroom_panel', 'classroomKeys', !list.hidden); }
  }

  // ------------------------------------------------------------------ events

  /** Where typing goes: a text or number box, a text area, a select, an editable element. */
  function typingIn(el) {
    if (!el || !el.tagName) { return false; }
    var tag = el.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable;
  }

  /** Where space (or an arrow) has a meaning of its own: a button, link, slider, checkbox, radio. */
  function ownsKeys(el) {
    if (!el || !el.closest) { return false; }
    return typingIn(el) || !!el.closest('button, a[href], summary, [role=slider], [role=button], ' +
      '[role=radio], [role=checkbox], [role=radiogroup], [tabindex]:not([tabindex="-1"]):not(body)');
  }

  var PRESENTER_KEYS = {
    ArrowLeft: function () { stop(); stepLambda(-1); },
    ArrowRight: function () { stop(); stepLambda(1); },
    '1': function () { showRegions(['l1']); },
    '2': function () { showRegions(['l2']); },
    '3': function () { showRegions(['l1', 'l2']); },
    '4': toggleBall,
    p: toggleMode,
    P: toggleMode,
    k: toggleKeys,
    K: toggleKeys,
    '?': toggleKeys
  };

  function onKey(evt) {
    if (evt.defaultPrevented || evt.ctrlKey || evt.metaKey || evt.altKey || !lab.config || !lab.config()) { return; }
    var target = evt.target;
    if (typingIn(target)) { return; }
    if (evt.key === ' ' || evt.key === 'Spacebar') {
      if (ownsKeys(target)) { return; }
      evt.preventDefault();
      toggle();
      return;
    }
    var action = PRESENTER_KEYS[evt.key];
    if (!action || !presenting()) { return; }
    if ((evt.key === 'ArrowLeft' || evt.key === 'ArrowRight') && ownsKeys(target)) { return; }
    evt.preventDefault();
    action();
  }

  /** The λ control used by hand stops play: the slider grabbed or stepped, the box typed in. */
  function onUserLambda(evt) {
    var s = lab.state && lab.state.classroom;
    if (!s || !s.playing || !evt.isTrusted) { return; }
    var t = evt.target, i = ids();
    if (!t || !t.closest) { return; }
    if (t.closest('#' + i.lambdaSlider) || t.closest('#' + i.lambdaInput) ||
        (t.closest('.dash-input-stepper') && (t.closest('.dash-input-stepper').getAttribute('aria-controls') === i.lambdaInput))) {
      stop();
    }
  }

  function onClick(evt) {
    var t = evt.target, config = lab.config ? lab.config() : null;
    if (!config || !t || !t.closest) { return; }
    if (t.closest('#' + config.ids.playButton)) { toggle(); return; }
    if (t.closest('#' + config.ids.presenterToggle)) { present(!presenting()); }
  }

  if (typeof document !== 'undefined') {   // not under Node
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onUserLambda, true);
    document.addEventListener('input', onUserLambda, true);
    document.addEventListener('keydown', function (evt) {
      if (evt.key !== 'Tab' && evt.key !== 'Shift') { onUserLambda(evt); }
    }, true);
    document.addEventListener('click', onClick);
  }

  lab.classroom = {
    advance: advance,
    play: play,
    stop: stop,
    toggle: toggle,
    present: present,
    /** Whether the sweep is running. */
    playing: function () { return !!(lab.state && lab.state.classroom && lab.state.classroom.playing); }
  };
}());
