/*
 * The data set chooser in the browser (mirrors components/dataset_panel.py): the clientside
 * callback `dataset_panel.send`.
 *
 * A change of the data set dropdown or of a feature picker becomes one edit
 * {op: 'dataset', name, features: [i, j], source} of `data-edit`, stamped by data_edit.js
 * (lab.dataEdit.record) like a pointer edit, so the data panel's server callback applies it with
 * the others (components/data_edit.py). `source` is the loss-from toggle's value: what the
 * synthetic data go back to.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  /**
   * The edit for the chooser's values.
   * @param {string} name      'synthetic' or a data set's name
   * @param {number} first     the feature index of w₁
   * @param {number} second    the feature index of w₂
   * @param {string} source    the loss-from toggle: 'points' | 'shape'
   * @returns {object} {op: 'dataset', name, features, source}
   */
  function edit(name, first, second, source) {
    return {op: 'dataset', name: name, features: [first, second], source: source || 'points'};
  }

  lab.datasetPanel = {edit: edit};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dataset_panel = {
    /**
     * The chooser changed: its edit, stamped, as the new `data-edit` (drawn with the λ on
     * screen: current-view is written first).
     * @returns {object} data-edit value {edits: [...]}, or no_update
     */
    send: function (name, first, second, source) {
      var nu = window.dash_clientside.no_update;
      if (!name || first === null || first === undefined || second === null || second === undefined) { return nu; }
      if (lab.lambdaControl && lab.lambdaControl.flush) { lab.lambdaControl.flush(); }
      return lab.dataEdit.record(edit(name, first, second, source));
    }
  };
}());
