/*
 * The comparison table (components/comparison_panel.py): Dash's html.Details does not report
 * the user's toggles, so the `toggle` event (caught on its way down: it does not bubble) is
 * written to the details' `open` property with lab.write; the server callback that fills the
 * table's live column listens to it and answers only while the panel is open.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function onToggle(evt) {
    var config = lab.config ? lab.config() : null;
    if (!config || !evt.target || evt.target.id !== config.ids.comparisonDetails) { return; }
    lab.write('comparison_panel', 'comparisonDetails', !!evt.target.open);
  }

  if (typeof document !== 'undefined' && document.addEventListener) {   // not under Node
    document.addEventListener('toggle', onToggle, true);
  }
}());
