/* Draws the reform heat map (ECharts, vendored) from the JSON the page embeds; the table
   below it holds the same figures. */
(function () {
  "use strict";
  var source = document.getElementById("reform-heatmap");
  var node = document.getElementById("chart-heatmap");
  if (!source || !node || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  if (!data.y.length) { return; }
  // One band per school: the chart grows with the rows (set through the CSSOM, which the
  // Content-Security-Policy allows, unlike a style attribute).
  node.style.height = Math.max(240, data.y.length * 22 + 110) + "px";
  var narrow = node.clientWidth < 576;
  var chart = window.echarts.init(node);
  chart.setOption({
    tooltip: { renderMode: "richText", position: "top" },
    grid: { left: 8, right: 8, top: 8, bottom: 70, containLabel: true },
    xAxis: {
      type: "category", data: data.x, splitArea: { show: true },
      axisLabel: { interval: 0, rotate: narrow ? 90 : 45, fontSize: 10 }
    },
    yAxis: {
      type: "category", data: data.y, inverse: true, splitArea: { show: true },
      axisLabel: { fontSize: 10, width: narrow ? 80 : 160, overflow: "truncate" }
    },
    visualMap: {
      min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0,
      text: ["100%", "0%"], itemHeight: narrow ? 100 : 160,
      inRange: { color: ["#b71c1c", "#f0ad4e", "#2e7d32"] }
    },
    series: [{
      name: "达标比例", type: "heatmap", data: data.cells,
      label: { show: !narrow, fontSize: 9, formatter: function (p) { return p.value[2] + "%"; } },
      emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } }
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
}());
