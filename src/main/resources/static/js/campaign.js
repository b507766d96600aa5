// A campaign's page, kept live by its server-sent events: progress bar, counts by state, figures, and the chart of
// blocked reasons (Chart.js). Controls are plain forms; this only reflects what the server says.
(function () {
  'use strict';
  const root = document.getElementById('campaign');
  if (!root) {
    return;
  }
  // Buttons that ask first (no inline handlers: the Content-Security-Policy allows scripts from files only).
  document.querySelectorAll('button[data-confirm]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      if (!window.confirm(button.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });
  const canvas = document.getElementById('blocked-chart');
  const none = document.querySelector('[data-testid=no-blocked]');
  let chart = null;

  function byTestId(id) {
    return document.querySelector('[data-testid="' + id + '"]');
  }

  function setText(id, value) {
    const element = byTestId(id);
    if (element) {
      element.textContent = value;
    }
  }

  function drawChart(reasons) {
    const labels = Object.keys(reasons || {});
    const values = labels.map(function (label) { return reasons[label]; });
    none.classList.toggle('hidden', labels.length > 0);
    canvas.parentElement.classList.toggle('hidden', labels.length === 0);
    if (!window.Chart) {
      return;
    }
    if (!chart) {
      chart = new window.Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: 'Blocked drafts', data: values, backgroundColor: '#b42318' }] },
        options: {
          indexAxis: 'y', animation: false, maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    } else {
      chart.data.labels = labels;
      chart.data.datasets[0].data = values;
      chart.update();
    }
  }

  function render(view) {
    const status = byTestId('campaign-status');
    status.textContent = view.status;
    status.className = 'status status-' + view.status;
    setText('waiting-for', view.waitingFor ? 'waiting for ' + view.waitingFor : '');
    const percent = Math.round(view.progress * 1000) / 10;
    byTestId('progress-fill').style.width = percent + '%';
    byTestId('progress-bar').setAttribute('aria-valuenow', String(Math.round(percent)));
    setText('done', view.done);
    setText('total', view.total);
    setText('throughput', view.throughputPerSecond);
    setText('eta', view.etaSeconds == null ? '—' : view.etaSeconds + ' s');
    setText('tokens', view.tokens);
    setText('cost', view.cost);
    Object.keys(view.counts).forEach(function (state) {
      setText('count-' + state, view.counts[state]);
    });
    byTestId('pause').disabled = view.status !== 'RUNNING';
    byTestId('resume').disabled = view.status !== 'PAUSED';
    byTestId('cancel').disabled = view.status !== 'RUNNING' && view.status !== 'PAUSED';
    drawChart(view.blockedReasons);
    root.dataset.live = view.finishedAt ? 'finished' : 'live';
  }

  drawChart(JSON.parse(canvas.dataset.reasons || '{}'));
  const source = new EventSource(root.dataset.events);
  source.addEventListener('progress', function (event) { render(JSON.parse(event.data)); });
  source.addEventListener('completed', function (event) {
    render(JSON.parse(event.data));
    source.close();
  });
})();
