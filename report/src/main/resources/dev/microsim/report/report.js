// Draws a MicroSim run report from the JSON in #report-data: per service three uPlot charts (traffic,
// latency, saturation) with fault windows shaded and detector alarms marked, the call graph with
// Cytoscape.js, and the score charts. Charts of services far down a long page are drawn when they scroll
// into view, so a 1,000-service report opens as fast as a small one.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var EAGER_SERVICES = 40;
  var PALETTE = ["#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf"];
  var drawn = 0;
  var expected = 0;
  var body = document.body;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function faultsOf(service) {
    var out = [];
    data.faults.forEach(function (f) {
      var root = f.rootCauses.indexOf(service) >= 0;
      if (root || f.affected.indexOf(service) >= 0) out.push({ start: f.start, end: f.end, root: root });
    });
    return out;
  }

  // Fault windows under the series, alarms as small triangles along the top of the plot.
  function overlay(bands, alarms) {
    return {
      hooks: {
        drawAxes: [function (u) {
          var ctx = u.ctx, b = u.bbox, xmax = u.scales.x.max;
          ctx.save();
          bands.forEach(function (w) {
            var x0 = Math.max(b.left, u.valToPos(w.start, "x", true));
            var x1 = Math.min(b.left + b.width, u.valToPos(w.end == null ? xmax : w.end, "x", true));
            if (x1 > x0) {
              ctx.fillStyle = w.root ? "rgba(214, 39, 40, 0.18)" : "rgba(255, 127, 14, 0.15)";
              ctx.fillRect(x0, b.top, x1 - x0, b.height);
            }
          });
          ctx.restore();
        }],
        draw: [function (u) {
          var ctx = u.ctx, b = u.bbox, r = uPlot.pxRatio;
          ctx.save();
          ctx.fillStyle = "#7b2cbf";
          alarms.forEach(function (a) {
            var x = u.valToPos(a[0], "x", true);
            if (x < b.left || x > b.left + b.width) return;
            ctx.beginPath();
            ctx.moveTo(x - 4 * r, b.top);
            ctx.lineTo(x + 4 * r, b.top);
            ctx.lineTo(x, b.top + 7 * r);
            ctx.closePath();
            ctx.fill();
          });
          ctx.restore();
        }]
      }
    };
  }

  // The dataset's instants are UTC; so are the axes, whatever the viewer's time zone.
  function utc(ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); }

  function serviceChart(target, service, chart, width) {
    var keys = chart.keys.filter(function (k) { return service.v[k.key]; });
    if (keys.length === 0) {
      target.appendChild(el("div", "empty", chart.title + ": no data"));
      return;
    }
    var usesMib = keys.some(function (k) { return k.scale === "mib"; });
    var series = [{}].concat(keys.map(function (k, i) {
      return { label: k.label, scale: k.scale, stroke: PALETTE[i % PALETTE.length], width: 1, points: { show: false } };
    }));
    var axes = [{}, { scale: "y", size: 48 }];
    if (usesMib) axes.push({ scale: "mib", side: 1, size: 48, grid: { show: false } });
    var opts = {
      title: chart.title,
      width: width,
      height: 150,
      cursor: { sync: { key: "svc-" + service.name } },
      legend: { live: false },
      tzDate: utc,
      scales: { x: { time: true } },
      series: series,
      axes: axes,
      plugins: [overlay(faultsOf(service.name), service.alarms)]
    };
    new uPlot(opts, [data.t].concat(keys.map(function (k) { return service.v[k.key]; })), target);
    drawn++;
  }

  function drawService(section, service) {
    if (section.dataset.drawn) return;
    section.dataset.drawn = "true";
    var charts = section.querySelector(".charts");
    var width = Math.max(220, Math.floor((charts.clientWidth - 8 * data.charts.length) / data.charts.length));
    data.charts.forEach(function (chart) {
      var holder = el("div", "chart");
      charts.appendChild(holder);
      serviceChart(holder, service, chart, width);
    });
    body.dataset.chartsDrawn = String(drawn);
  }

  function alarmText(service) {
    if (service.alarms.length === 0) return null;
    var points = service.alarms.reduce(function (n, a) { return n + a[1]; }, 0);
    var names = {};
    service.alarms.forEach(function (a) { a[2].split(", ").forEach(function (s) { names[s] = true; }); });
    var first = new Date(service.alarms[0][0] * 1000).toISOString();
    return points + " alarmed points from " + first + ": " + Object.keys(names).slice(0, 6).join(", ");
  }

  function services() {
    var list = document.getElementById("service-list");
    var filter = el("input");
    filter.type = "search";
    filter.placeholder = "filter services by name";
    list.parentNode.insertBefore(filter, list);
    var sections = [];
    var observer = "IntersectionObserver" in window && data.services.length > EAGER_SERVICES
      ? new IntersectionObserver(function (entries) {
          entries.forEach(function (e) {
            if (e.isIntersecting) {
              drawService(e.target, data.services[Number(e.target.dataset.index)]);
              observer.unobserve(e.target);
            }
          });
        }, { rootMargin: "400px" })
      : null;
    data.services.forEach(function (service, i) {
      var section = el("div", "service");
      section.dataset.index = String(i);
      section.dataset.name = service.name;
      var h = el("h3", null, service.name);
      h.appendChild(el("span", "role " + service.role, service.role.replace("_", " ").toLowerCase()));
      section.appendChild(h);
      var alarms = alarmText(service);
      if (alarms) section.appendChild(el("p", "note", alarms));
      section.appendChild(el("div", "charts"));
      list.appendChild(section);
      sections.push(section);
    });
    sections.forEach(function (section, i) {
      if (observer && i >= EAGER_SERVICES) {
        observer.observe(section);
      } else {
        expected += data.charts.length;
        drawService(section, data.services[i]);
      }
    });
    filter.addEventListener("input", function () {
      var q = filter.value.toLowerCase();
      sections.forEach(function (s) { s.hidden = q !== "" && s.dataset.name.toLowerCase().indexOf(q) < 0; });
    });
  }

  function graph() {
    var note = document.getElementById("graph-note");
    var select = document.getElementById("fault-select");
    if (!data.graph) {
      note.textContent = "No call graph in this report (see the notes of the run table).";
      document.getElementById("cy").hidden = true;
      select.parentNode.hidden = true;
      return;
    }
    var ids = {};
    var elements = [];
    data.graph.nodes.forEach(function (name, i) {
      ids[name] = "n" + i;
      elements.push({ data: { id: "n" + i, name: name, label: name } });
    });
    var maxCalls = data.graph.edges.reduce(function (m, e) { return Math.max(m, e[2]); }, 1);
    data.graph.edges.forEach(function (e, i) {
      if (ids[e[0]] && ids[e[1]]) {
        elements.push({ data: { id: "e" + i, source: ids[e[0]], target: ids[e[1]],
          w: Math.log(1 + e[2]) / Math.log(1 + maxCalls), err: e[3] || 0 } });
      }
    });
    var cy = cytoscape({
      container: document.getElementById("cy"),
      elements: elements,
      layout: { name: "preset" },
      style: [
        { selector: "node", style: { "label": "data(label)", "shape": "round-rectangle", "width": 96, "height": 28,
          "font-size": 10, "text-valign": "center", "text-halign": "center", "text-wrap": "ellipsis", "text-max-width": 90,
          "background-color": "#d9d9d9", "border-width": 1, "border-color": "#999" } },
        { selector: "node.affected", style: { "background-color": "#fdd0a2" } },
        { selector: "node.root", style: { "background-color": "#d62728", "color": "#fff" } },
        { selector: "node.ranked", style: { "border-width": 5, "border-color": "#ff7f0e" } },
        { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
          "width": "mapData(w, 0, 1, 1, 6)", "line-color": "#aaa", "target-arrow-color": "#aaa" } },
        { selector: "edge[err > 0.01]", style: { "line-color": "#d62728", "target-arrow-color": "#d62728" } }
      ]
    });
    var roots = cy.nodes().filter(function (n) { return n.indegree(false) === 0; });
    cy.layout({ name: "breadthfirst", directed: true, roots: roots.length ? roots : undefined, spacingFactor: 1.1, animate: false }).run();

    var all = el("option", null, "all faults");
    all.value = "";
    select.appendChild(all);
    data.faults.forEach(function (f, i) {
      var o = el("option", null, f.id + " (" + f.kind + ")");
      o.value = String(i);
      select.appendChild(o);
    });
    function highlight() {
      var chosen = select.value === "" ? data.faults : [data.faults[Number(select.value)]];
      cy.nodes().removeClass("root ranked affected").forEach(function (n) { n.data("label", n.data("name")); });
      chosen.forEach(function (f) {
        f.affected.forEach(function (s) { if (ids[s]) cy.getElementById(ids[s]).addClass("affected"); });
        f.rootCauses.forEach(function (s) { if (ids[s]) cy.getElementById(ids[s]).addClass("root"); });
        f.top3.forEach(function (s, r) {
          if (!ids[s]) return;
          var n = cy.getElementById(ids[s]).addClass("ranked");
          if (chosen.length === 1) n.data("label", "#" + (r + 1) + " " + n.data("name"));
        });
      });
      note.textContent = chosen.length === 1 ? describe(chosen[0]) : data.faults.length + " faults; pick one to see its ranking.";
    }
    function describe(f) {
      return f.id + ": root cause " + f.rootCauses.join(", ") + "; ranker's top 3: "
        + (f.top3.length ? f.top3.join(", ") : "no ranking given") + (f.rank ? " (root cause at rank " + f.rank + ")" : "");
    }
    select.addEventListener("change", highlight);
    if (data.faults.length === 1) select.value = "0";
    highlight();
    body.dataset.graphNodes = String(cy.nodes().length);
  }

  function lineChart(title, xs, named, width, xLabel, step) {
    var holder = el("div", "chart");
    document.getElementById("score-charts").appendChild(holder);
    var names = Object.keys(named);
    new uPlot({
      title: title, width: width, height: 220,
      scales: { x: { time: false }, y: { range: [0, 1] } },
      legend: { live: false },
      series: [{ label: xLabel }].concat(names.map(function (n, i) {
        return { label: n, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: true, size: 5 } };
      })),
      axes: [{ label: xLabel, incrs: [step] }, { size: 40 }]
    }, [xs].concat(names.map(function (n) { return named[n]; })), holder);
    drawn++;
    expected++;
  }

  function scoreCharts() {
    var sc = data.scoreCharts;
    if (sc.paK) lineChart("F1 under PA%K (mean over series)", sc.paK.k, { "F1": sc.paK.f1 }, 420, "K %", 10);
    if (sc.acAtK) lineChart("AC@k per fault kind", [1, 2, 3, 4, 5], sc.acAtK, 520, "k", 1);
  }

  function run(step) {
    try {
      step();
    } catch (e) {
      window.reportErrors.push(step.name + ": " + (e && e.stack || e));
    }
  }

  run(scoreCharts);
  run(graph);
  run(services);
  body.dataset.chartsExpected = String(expected);
  body.dataset.chartsDrawn = String(drawn);
  body.dataset.renderMs = String(Math.round(performance.now()));
  if (window.reportErrors.length) {
    var box = document.getElementById("page-errors");
    box.textContent = window.reportErrors.join("\n");
    box.hidden = false;
  }
  body.dataset.errors = String(window.reportErrors.length);
  body.dataset.ready = "true";
})();
