// The report's plots, drawn by Apache ECharts from the run's data (the JSON block above). One chart per
// element; every chart follows the page's width.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var charts = [];
  var narrow = function () { return window.innerWidth < 600; };
  var axisName = { nameLocation: 'middle', nameTextStyle: { fontWeight: 'bold' } };
  var EVENT_COLOURS = { RAISED: '#c0392b', UPDATED: '#e67e22', CLEARED: '#27ae60', ACKNOWLEDGED: '#2c7fb8' };

  function chart(id, option) {
    var el = document.getElementById(id);
    var c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption(option);
    charts.push(c);
  }

  function fmt(v) { return (Math.round(v * 10) / 10).toFixed(1); }

  // Where the gateway placed the fire: every position of a FIRE or PRE_ALARM as raised or updated.
  function located() {
    return data.alarms.filter(function (a) {
      return (a.type === 'FIRE' || a.type === 'PRE_ALARM') && (a.event === 'RAISED' || a.event === 'UPDATED')
          && a.positionM !== undefined;
    }).map(function (a) { return [a.positionM, a.atS, a.type + ' ' + a.event]; });
  }

  // A duct map: chainage across, time down, a cell per sample coloured on the scale.
  function ductMap(id, grid, unit, min, max) {
    var cells = [];
    for (var r = 0; r < data.times.length; r++) {
      for (var c = 0; c < grid[r].length; c++) {
        cells.push([data.startM + Math.min(data.lengthM, c * data.cellM), data.times[r], grid[r][c]]);
      }
    }
    var half = data.cellM / 2;
    var fires = [];
    data.fires.forEach(function (f) {
      fires.push([f.positionM, f.atS], [f.positionM, data.simulatedS], ['-', '-']);
    });
    var sensors = data.sensors.map(function (s) { return [s.positionM, 0, s.id]; });
    chart(id, {
      animation: false,
      tooltip: { trigger: 'item', confine: true },
      legend: { top: 0, type: 'scroll', data: ['sensors', 'true fire', 'located by the gateway'] },
      grid: { left: 62, right: 18, top: 34, bottom: 92 },
      xAxis: Object.assign({ type: 'value', name: 'chainage (m)', nameGap: 26, min: data.startM, max: data.startM + data.lengthM }, axisName),
      yAxis: Object.assign({ type: 'value', name: 'time (s)', nameGap: 46, min: 0, max: data.simulatedS,
        inverse: true }, axisName),
      visualMap: {
        type: 'continuous', seriesIndex: 0, dimension: 2, min: min, max: max, calculable: false,
        orient: 'horizontal', left: 'center', bottom: 0, itemHeight: narrow() ? 160 : 300,
        text: [max + ' ' + unit, min + ' ' + unit],
        inRange: { color: ['#313695', '#4575b4', '#74add1', '#abd9e9', '#ffffbf', '#fdae61', '#f46d43', '#d73027', '#a50026'] }
      },
      series: [{
        type: 'custom', name: unit, data: cells, encode: { x: 0, y: 1, tooltip: [0, 1, 2] }, progressive: 0,
        dimensions: ['chainage m', 'time s', unit],
        renderItem: function (params, api) {
          var a = api.coord([api.value(0) - half, api.value(1) - data.rowS]);
          var b = api.coord([api.value(0) + half, api.value(1)]);
          return {
            type: 'rect',
            shape: echarts.graphic.clipRectByRect(
              { x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(b[0] - a[0]) + 0.5,
                height: Math.abs(b[1] - a[1]) + 0.5 },
              { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width,
                height: params.coordSys.height }),
            style: { fill: api.visual('color') }
          };
        }
      }, {
        type: 'scatter', name: 'sensors', data: sensors, symbol: 'triangle', symbolSize: 9, symbolRotate: 180,
        itemStyle: { color: '#111' }, encode: { x: 0, y: 1, tooltip: [2, 0] }, dimensions: ['x', 'y', 'sensor']
      }, {
        type: 'line', name: 'true fire', data: fires, showSymbol: false, connectNulls: false,
        lineStyle: { color: '#000', type: 'dashed', width: 2 }, itemStyle: { color: '#000' }
      }, {
        type: 'scatter', name: 'located by the gateway', data: located(), symbolSize: 9,
        itemStyle: { color: '#fff', borderColor: '#000', borderWidth: 1.5 },
        encode: { x: 0, y: 1, tooltip: [2, 0, 1] }, dimensions: ['position m', 'time s', 'event']
      }]
    });
  }

  // The sensors nearest the fire over time, with the threshold they alarm at and the ignitions.
  function sensorSeries(id, spec) {
    var series = spec.lines.map(function (l) {
      return { type: 'line', name: l.name, data: l.points, showSymbol: false, connectNulls: false };
    });
    series.push({
      type: 'line', name: spec.thresholdName, data: [], markLine: {
        symbol: 'none', silent: true, label: { formatter: spec.thresholdName + ' ' + spec.threshold + ' ' + spec.unit,
          position: 'insideEndTop' },
        lineStyle: { color: '#c0392b', type: 'dashed' }, data: [{ yAxis: spec.threshold }]
      }
    });
    if (data.fires.length) {
      series.push({
        type: 'line', name: 'ignition', data: [], markLine: {
          symbol: 'none', silent: true, label: { formatter: 'ignition', position: 'insideEndTop' },
          lineStyle: { color: '#000', type: 'dotted' }, data: data.fires.map(function (f) { return { xAxis: f.atS }; })
        }
      });
    }
    chart(id, {
      animation: false,
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 62, right: 18, top: 40, bottom: 48 },
      xAxis: Object.assign({ type: 'value', name: 'time (s)', nameGap: 28, min: 0, max: data.simulatedS }, axisName),
      yAxis: Object.assign({ type: 'value', name: spec.unit, nameGap: 44, scale: true,
        max: function (v) { return Math.max(v.max, spec.threshold * 1.1); } }, axisName),
      series: series
    });
  }

  // Every alarm event on a line per type, coloured by what happened to it.
  function timeline(id) {
    var types = [];
    data.alarms.forEach(function (a) { if (types.indexOf(a.type) < 0) { types.push(a.type); } });
    var byEvent = {};
    data.alarms.forEach(function (a) {
      (byEvent[a.event] = byEvent[a.event] || []).push(
        [a.atS, a.type, a.event + ' ' + a.type + (a.zone ? ' ' + a.zone : '')
          + (a.positionM !== undefined ? ' @' + fmt(a.positionM) + ' m' : '') + ': ' + a.reason]);
    });
    chart(id, {
      animation: false,
      tooltip: { trigger: 'item', confine: true, formatter: function (p) {
        return 't+' + fmt(p.value[0]) + ' s<br>' + echarts.format.encodeHTML(p.value[2]); } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: narrow() ? 86 : 100, right: 18, top: 40, bottom: 48 },
      xAxis: Object.assign({ type: 'value', name: 'time (s)', nameGap: 28, min: 0, max: data.simulatedS }, axisName),
      yAxis: { type: 'category', data: types.length ? types : ['none'], name: 'alarm type', nameLocation: 'end',
        nameTextStyle: { fontWeight: 'bold' } },
      series: Object.keys(byEvent).map(function (event) {
        return { type: 'scatter', name: event, data: byEvent[event], symbolSize: event === 'UPDATED' ? 6 : 10,
          itemStyle: { color: EVENT_COLOURS[event] || '#555' } };
      })
    });
  }

  ductMap('gas', data.gas, '°C', 20, 120);
  ductMap('smoke', data.smoke, '%/m', 0, 30);
  sensorSeries('heat', data.heat);
  sensorSeries('smokeSensors', data.smokeSensors);
  timeline('timeline');
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
}());
