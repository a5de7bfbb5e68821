/* Event pages: statistics charts (Apache ECharts, data from a json_script element, so
   nothing is executed inline) and the print button of badges and agendas. */
(function () {
  "use strict";

  var PALETTE = ["#1a4480", "#c1272d", "#d4a017", "#2e7d4f", "#6b7785", "#7d4fb0", "#2f6fb8"];

  function readData() {
    var element = document.getElementById("event-statistics");
    return element ? JSON.parse(element.textContent) : null;
  }

  /* Horizontal bars: category names (long in Russian) stay readable. */
  function barOptions(categories, series, stacked) {
    return {
      color: PALETTE,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { show: series.length > 1, top: 0, type: "scroll" },
      grid: { left: 8, right: 16, bottom: 8, top: series.length > 1 ? 32 : 8, containLabel: true },
      yAxis: { type: "category", data: categories, inverse: true, axisLabel: { interval: 0, width: 120, overflow: "break", fontSize: 11, lineHeight: 13 } },
      xAxis: { type: "value", minInterval: 1 },
      series: series.map(function (entry) {
        return { name: entry.name, type: "bar", stack: stacked ? "total" : undefined, data: entry.values, barMaxWidth: 22 };
      })
    };
  }

  function total(kind, data) {
    if (kind === "sides") {
      return data.sides.reduce(function (sum, side) {
        return sum + side.values.reduce(function (a, b) { return a + b; }, 0);
      }, 0);
    }
    return (data[kind] || []).reduce(function (sum, item) { return sum + item.value; }, 0);
  }

  function pieOptions(items) {
    return {
      color: PALETTE,
      tooltip: { trigger: "item" },
      legend: { bottom: 0, type: "scroll" },
      series: [{ type: "pie", radius: ["35%", "65%"], top: 0, bottom: 28, data: items, label: { formatter: "{c}" } }]
    };
  }

  function optionsFor(kind, data) {
    if (kind === "sides") {
      return barOptions(data.types, data.sides, true);
    }
    var items = data[kind] || [];
    if (kind === "interest") {
      return pieOptions(items);
    }
    return barOptions(items.map(function (item) { return item.name; }),
      [{ name: "", values: items.map(function (item) { return item.value; }) }], false);
  }

  function drawCharts() {
    var data = readData();
    if (!data || typeof window.echarts === "undefined") {
      return;
    }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var kind = element.getAttribute("data-chart");
      if (total(kind, data) === 0) {
        /* Nothing to draw: say so rather than show an empty or misleading chart. */
        element.textContent = element.getAttribute("data-empty") || "";
        element.classList.add("chart__canvas--empty");
        return;
      }
      var chart = window.echarts.init(element, null, { renderer: "svg" });
      chart.setOption(optionsFor(kind, data));
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawCharts);
  } else {
    drawCharts();
  }
})();
