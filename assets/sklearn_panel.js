/*
 * "Do it in scikit-learn" in the browser (mirrors components/sklearn_panel.py): the clientside
 * callback `sklearn_panel.gate`, which lets the view at rest through to the server's code
 * writer only while the panel is open, so a closed panel costs no request when λ rests.
 */
(function () {
  'use strict';

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.sklearn_panel = {
    /**
     * The view at rest (view-store) for sklearn-view while the details are open; on opening
     * (a click on the summary), the view λ rests at now. The details' `open` is read from the
     * page: Dash's html.Details does not report it when the user toggles it.
     * @param {object} view      view-store dict
     * @param {number} nClicks   clicks on the summary (unused: the page says whether it is open)
     * @returns {Promise} of the view, or of no_update while closed
     */
    gate: function (view, nClicks) {
      // a click on the summary reaches Dash before the details toggle: look once they have
      return new Promise(function (resolve) {
        setTimeout(function () {
          var details = document.getElementById(window.lab.ids().sklearnDetails);
          resolve(view && details && details.open ? view : window.dash_clientside.no_update);
        }, 0);
      });
    }
  };
}());
