// The Insights page's charts (Chart.js), drawn from the KPI report and drift report the server embedded as JSON.
(function () {
  'use strict';
  const data = document.getElementById('insights-data');
  if (!data || !window.Chart) {
    return;
  }
  const payload = JSON.parse(data.textContent);
  const report = payload.report;
  const percent = function (rate) { return rate == null ? null : Math.round(rate * 1000) / 10; };
  const base = { animation: false, maintainAspectRatio: false };
  const colors = { accent: '#3b5bdb', ok: '#027a48', bad: '#b42318', muted: '#667085', warm: '#b54708' };

  new window.Chart(document.getElementById('funnel-chart'), {
    type: 'bar',
    data: {
      labels: report.funnel.map(function (step) { return step.step; }),
      datasets: [{ label: 'Drafts', data: report.funnel.map(function (step) { return step.drafts; }),
        backgroundColor: colors.accent }]
    },
    options: Object.assign({}, base, { indexAxis: 'y', plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } })
  });

  const weeks = report.weeks;
  new window.Chart(document.getElementById('rates-chart'), {
    type: 'line',
    data: {
      labels: weeks.map(function (week) { return week.week; }),
      datasets: [
        { label: 'Approval rate %', data: weeks.map(function (w) { return percent(w.approval.rate); }),
          borderColor: colors.ok, backgroundColor: colors.ok, spanGaps: true },
        { label: 'Block rate %', data: weeks.map(function (w) { return percent(w.block.rate); }),
          borderColor: colors.bad, backgroundColor: colors.bad, spanGaps: true }
      ]
    },
    options: Object.assign({}, base, { scales: { y: { beginAtZero: true, max: 100 } } })
  });

  // Each variant's approval and reply rates as points, with their 95 % Wilson intervals as floating bars.
  const variants = report.groups.variant || [];
  const interval = function (rate) { return rate.rate == null ? null : [percent(rate.low), percent(rate.high)]; };
  new window.Chart(document.getElementById('variants-chart'), {
    data: {
      // "intro · outreach-intro@2 (canary)" on two lines, so the bars keep their room
      labels: variants.map(function (group) { return group.key.split(' · '); }),
      datasets: [
        { type: 'bar', label: 'Approval 95 % CI', data: variants.map(function (g) { return interval(g.kpis.approval); }),
          backgroundColor: 'rgba(2, 122, 72, 0.25)', borderColor: colors.ok, borderWidth: 1 },
        { type: 'bar', label: 'Reply 95 % CI', data: variants.map(function (g) { return interval(g.kpis.reply); }),
          backgroundColor: 'rgba(59, 91, 219, 0.25)', borderColor: colors.accent, borderWidth: 1 },
        { type: 'line', label: 'Approval rate %', data: variants.map(function (g) { return percent(g.kpis.approval.rate); }),
          showLine: false, pointRadius: 5, borderColor: colors.ok, backgroundColor: colors.ok },
        { type: 'line', label: 'Reply rate %', data: variants.map(function (g) { return percent(g.kpis.reply.rate); }),
          showLine: false, pointRadius: 5, borderColor: colors.accent, backgroundColor: colors.accent }
      ]
    },
    options: Object.assign({}, base, { scales: { y: { beginAtZero: true, max: 100 },
      x: { ticks: { autoSkip: false, maxRotation: 0, minRotation: 0 } } } })
  });

  new window.Chart(document.getElementById('cost-chart'), {
    type: 'bar',
    data: {
      labels: weeks.map(function (week) { return week.week; }),
      datasets: [{ label: 'Model cost', data: weeks.map(function (w) { return Number(w.cost); }),
        backgroundColor: colors.warm }]
    },
    options: Object.assign({}, base, { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } })
  });
})();
