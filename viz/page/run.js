'use strict';
// A run's report: the verdict table first, then the map, the time series and the notes.
/* global WB */
(function () {
  WB.renderers.run = function (root, data) {
    return [WB.run.verdicts(root, data), WB.run.map(root, data), WB.run.multiples(root, data), WB.run.notes(root, data)];
  };
})();
