// Draws the dashboard's charts (Apache ECharts) from the page's JSON block #dashboard-data:
// [{ id, kind: "pie" | "bar" | "line", title, items: [{ name, value, href }] }]. Clicking a segment opens its href,
// the request list with the same filters (e.g. /requests?bureau=…&type=InformationTechnology). The tables below the
// charts hold the same numbers and links for readers without JavaScript.
(function () {
  "use strict";
  var data = document.getElementById("dashboard-data");
  if (!data || typeof echarts === "undefined") {
    return;
  }
  var charts = JSON.parse(data.textContent || "[]");

  function option(chart) {
    var items = chart.items.map(function (item) {
      return { name: item.name, value: item.value, href: item.href };
    });
    if (chart.kind === "pie") {
      return {
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        series: [{ type: "pie", radius: ["30%", "65%"], data: items, label: { formatter: "{b}\n{c}" } }]
      };
    }
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 16, bottom: chart.kind === "line" ? 40 : 80 },
      xAxis: {
        type: "category",
        data: items.map(function (item) { return item.name; }),
        axisLabel: { interval: 0, rotate: items.length > 6 ? 40 : 0 }
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [{
        type: chart.kind === "line" ? "line" : "bar",
        data: items,
        smooth: false,
        label: { show: chart.kind !== "line", position: "top" }
      }]
    };
  }

  charts.forEach(function (chart) {
    var element = document.getElementById("chart-" + chart.id);
    if (!element) {
      return;
    }
    var instance = echarts.init(element, null, { renderer: "canvas" });
    instance.setOption(option(chart));
    instance.on("click", function (params) {
      var item = chart.items[params.dataIndex];
      if (item && item.href) {
        window.location.assign(item.href);
      }
    });
    window.addEventListener("resize", function () { instance.resize(); });
  });
})();
