// The suite report's two charts: event F1 and AC@1 per fault kind, one line per entrant (uPlot).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var PALETTE = ["#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf"];
  var drawn = 0;
  function chart(title, named) {
    var names = Object.keys(named);
    if (names.length === 0 || data.kinds.length === 0) return;
    var holder = document.createElement("div");
    document.getElementById("score-charts").appendChild(holder);
    var xs = data.kinds.map(function (k, i) { return i; });
    new uPlot({
      title: title, width: Math.max(480, 60 * data.kinds.length), height: 260,
      legend: { live: false },
      scales: { x: { time: false, range: [-0.5, data.kinds.length - 0.5] }, y: { range: [0, 1] } },
      series: [{ label: "kind" }].concat(names.map(function (n, i) {
        return { label: n, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: true, size: 7 } };
      })),
      axes: [{ incrs: [1], values: function (u, splits) { return splits.map(function (s) { return data.kinds[s] || ""; }); }, rotate: -30, size: 70 },
             { size: 40 }]
    }, [xs].concat(names.map(function (n) { return named[n]; })), holder);
    drawn++;
  }
  try {
    chart("event-wise F1 per fault kind", data.eventF1);
    chart("AC@1 per fault kind", data.ac1);
  } catch (e) {
    window.reportErrors.push(String(e && e.stack || e));
  }
  document.body.dataset.chartsDrawn = String(drawn);
  document.body.dataset.errors = String(window.reportErrors.length);
  if (window.reportErrors.length) {
    var box = document.getElementById("page-errors");
    box.textContent = window.reportErrors.join("\n");
    box.hidden = false;
  }
  document.body.dataset.ready = "true";
})();
