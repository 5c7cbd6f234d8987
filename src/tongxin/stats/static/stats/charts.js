/* Draws the statistics charts (ECharts, vendored) from the JSON the page embeds. */
(function () {
  "use strict";
  var source = document.getElementById("stats-charts");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var charts = [];
  var colours = ["#2f6eba", "#e67e22", "#2e7d32", "#b71c1c", "#8e44ad", "#7f8c8d"];

  function mount(id, option) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var chart = window.echarts.init(node);
    option.color = colours;
    option.tooltip = option.tooltip || { trigger: "axis" };
    // Drawn on the canvas: an HTML tooltip is markup with style attributes, which the
    // Content-Security-Policy (style-src 'self') refuses.
    option.tooltip.renderMode = "richText";
    option.grid = option.grid || { left: 40, right: 16, top: 36, bottom: 28, containLabel: true };
    chart.setOption(option);
    charts.push(chart);
  }

  function trend(rows, kind) {
    return {
      legend: { top: 0 },
      xAxis: { type: "category", data: rows.map(function (r) { return r[0]; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: ["收到", "答复", "办结"].map(function (name, i) {
        return { name: name, type: kind, data: rows.map(function (r) { return r[i + 1]; }) };
      })
    };
  }

  if (data.days) { mount("chart-days", trend(data.days, "line")); }
  if (data.months) { mount("chart-months", trend(data.months, "bar")); }
  if (data.categories) {
    var cats = data.categories.slice().reverse();
    mount("chart-categories", {
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: cats.map(function (r) { return r[0]; }) },
      series: [{ name: "收到", type: "bar", data: cats.map(function (r) { return r[1]; }) }]
    });
  }
  if (data.ratings) {
    mount("chart-ratings", {
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [{
        name: "评价", type: "pie", radius: ["35%", "65%"],
        data: data.ratings.map(function (r) { return { name: r[0], value: r[1] }; })
      }]
    });
  }
  if (data.clocks) {
    mount("chart-clocks", {
      xAxis: { type: "category", data: data.clocks.map(function (r) { return r[0]; }) },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [{ name: "按时率", type: "bar", data: data.clocks.map(function (r) { return r[1]; }) }]
    });
  }
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
}());
