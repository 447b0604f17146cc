import {
  Chart, LineController, LineElement, PointElement, LinearScale, Legend, Tooltip,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, annotationPlugin);

// Lines differ by dash and point shape as well as colour, so no chart is read by colour alone.
const STYLES = [
  { color: '#1f5fa8', dash: [], point: 'circle' },
  { color: '#b5480b', dash: [6, 3], point: 'triangle' },
  { color: '#2b7a3d', dash: [2, 2], point: 'rect' },
  { color: '#6b3fa0', dash: [8, 2, 2, 2], point: 'rectRot' },
  { color: '#4a5568', dash: [1, 3], point: 'star' },
];
// Symbols every common font has, beside the words: state is never told by colour alone.
const STATE_ICONS = {
  DETECTED: '⚠', DIAGNOSED: '◎', AWAITING_APPROVAL: '✋', MITIGATING: '⚙', VERIFYING: '…',
  RESOLVED: '✔', ESCALATED: '✖',
};
const STAGE_ICONS = {
  DETECTED: '⚠', GREW: '+', DIAGNOSED: '◎', APPROVAL_PENDING: '✋', ACTION_REQUESTED: '⚙',
  ACTION_APPLIED: '▶', ACTION_FAILED: '✖', ROLLED_BACK: '↩', VERIFIED: '✔', SYMPTOMS_CLEARED: '☀',
  POSTMORTEM: '✎',
};

const clock = (at) => new Date(at).toLocaleTimeString([], { hour12: false });
const element = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  Object.entries(props).forEach(([key, value]) => {
    if (key === 'class') node.className = value; else node.setAttribute(key, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child)));
  return node;
};

function lineChart(canvas, title, unit, axes = {}) {
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: { type: 'linear', ticks: { callback: (value) => clock(value), maxTicksLimit: 6 } },
        y: { beginAtZero: true, title: { display: true, text: unit } },
        ...axes,
      },
      plugins: {
        title: { display: true, text: title },
        legend: { labels: { usePointStyle: true } },
        tooltip: { callbacks: { title: (items) => items.length ? clock(items[0].parsed.x) : '' } },
        annotation: { annotations: {} },
      },
    },
  });
}

function dataset(label, points, index, extra = {}) {
  const style = STYLES[index % STYLES.length];
  return {
    label,
    data: points,
    borderColor: style.color,
    backgroundColor: style.color,
    borderDash: style.dash,
    pointStyle: style.point,
    pointRadius: 2,
    borderWidth: 2,
    spanGaps: false,
    ...extra,
  };
}

const journeyChart = lineChart(document.getElementById('journey-chart'), 'Quotes and conversion', 'quotes/s', {
  conversion: { position: 'right', min: 0, max: 100, title: { display: true, text: 'conversion %' }, grid: { drawOnChartArea: false } },
});
const rateChart = lineChart(document.getElementById('rate-chart'), 'Requests per service', 'requests/s');
const errorsChart = lineChart(document.getElementById('errors-chart'), 'Error rate per service', '% failed');
const latencyChart = lineChart(document.getElementById('latency-chart'), 'p95 latency per service', 'ms');
const charts = [journeyChart, rateChart, errorsChart, latencyChart];

let incidents = [];
let selected = null;
let tracesUrl = null;

// A dashed line with ▲ where an incident opened, a solid one with ✔ where its recovery was
// verified; labelled on the business chart only, at staggered heights so that they do not overlap.
function markers(labelled) {
  const marks = {};
  const positions = ['start', 'center', 'end'];
  const label = (content, i) => ({
    display: labelled, content, position: positions[i % positions.length], font: { size: 10 },
  });
  incidents.forEach((incident, i) => {
    const opened = Date.parse(incident.detectedAt);
    marks[`opened-${i}`] = {
      type: 'line', xMin: opened, xMax: opened, borderColor: '#a3160b', borderWidth: 2,
      borderDash: [4, 2], label: label(`▲#${incident.issue ?? ''}`, i),
    };
    if (incident.mitigatedAt) {
      const verified = Date.parse(incident.mitigatedAt);
      marks[`verified-${i}`] = {
        type: 'line', xMin: verified, xMax: verified, borderColor: '#11663a', borderWidth: 2,
        label: label(`✔#${incident.issue ?? ''}`, i + 1),
      };
    }
  });
  return marks;
}

async function refreshSeries() {
  const response = await fetch('/api/series');
  if (!response.ok) return;
  const series = await response.json();
  tracesUrl = series.tracesUrl;
  const at = (point) => Date.parse(point.at);
  journeyChart.data.datasets = [
    dataset('quotes/s', series.journey.map((p) => ({ x: at(p), y: p.quotesPerSecond })), 0),
    dataset('conversion %', series.journey.map((p) => ({ x: at(p), y: p.conversion == null ? null : 100 * p.conversion })), 1, { yAxisID: 'conversion' }),
  ];
  const names = Object.keys(series.services);
  rateChart.data.datasets = names.map((name, i) => dataset(name, series.services[name].map((p) => ({ x: at(p), y: p.requestsPerSecond })), i));
  errorsChart.data.datasets = names.map((name, i) => dataset(name, series.services[name].map((p) => ({ x: at(p), y: p.errorRate == null ? null : 100 * p.errorRate })), i));
  latencyChart.data.datasets = names.map((name, i) => dataset(name, series.services[name].map((p) => ({ x: at(p), y: p.p95Millis })), i));
  charts.forEach((chart) => {
    chart.options.plugins.annotation.annotations = markers(chart === journeyChart);
    chart.update('none');
  });
  document.body.dataset.seriesAt = series.at;
}

function stateBadge(state) {
  return element('span', { class: `state ${state}` }, `${STATE_ICONS[state] ?? ''} ${state.replace('_', ' ').toLowerCase()}`);
}

function seconds(value) {
  return value == null ? '–' : `${value.toFixed(1)} s`;
}

function renderIncidents() {
  const list = document.getElementById('incident-list');
  document.getElementById('no-incidents').hidden = incidents.length > 0;
  list.replaceChildren(...incidents.map((incident) => {
    const button = element('button', {
      type: 'button', 'data-incident': incident.incidentId, 'data-state': incident.state,
      'aria-pressed': String(incident.incidentId === selected),
    }, stateBadge(incident.state), `#${incident.issue ?? '?'} ${incident.title}`);
    button.addEventListener('click', () => { selected = incident.incidentId; renderIncidents(); });
    return element('li', {}, button);
  }));
  const incidentFilter = document.getElementById('filter-incident');
  const chosen = incidentFilter.value;
  incidentFilter.replaceChildren(element('option', { value: '' }, 'all'),
    ...incidents.map((incident) => element('option', { value: incident.incidentId }, `#${incident.issue ?? '?'} ${incident.incidentId}`)));
  incidentFilter.value = chosen;
  renderTimeline();
}

function stepDetail(step) {
  const data = step.data ?? {};
  if (step.stage === 'DIAGNOSED' && Array.isArray(data.suspects)) {
    return element('ul', {}, data.suspects.slice(0, 3).map((suspect) => element('li', {},
      `${suspect.service} — score ${Number(suspect.score).toFixed(2)}${suspect.faultClass ? ` (${suspect.faultClass})` : ''}`,
      suspect.evidence?.length ? element('ul', {}, suspect.evidence.slice(0, 4).map((line) => element('li', {}, line))) : '')),
      data.similarIncidents?.length ? element('li', {}, `similar past incidents: ${data.similarIncidents.join(', ')}`) : '');
  }
  if (step.stage === 'POSTMORTEM' && data.markdown) {
    return element('details', {}, element('summary', {}, 'post-mortem'), element('pre', {}, data.markdown));
  }
  return '';
}

function renderTimeline() {
  const panel = document.getElementById('timeline');
  const incident = incidents.find((candidate) => candidate.incidentId === selected);
  panel.hidden = !incident;
  if (!incident) return;
  const links = [];
  if (incident.pullRequestUrl) links.push(element('li', {}, 'pull request: ', incident.pullRequestUrl));
  if (tracesUrl && incident.traceIds.length) {
    links.push(element('li', {}, 'trace: ', element('a', { href: `${tracesUrl}/trace/${encodeURIComponent(incident.traceIds[0])}`, rel: 'noopener' }, incident.traceIds[0])));
  }
  panel.replaceChildren(
    element('h3', {}, stateBadge(incident.state), `#${incident.issue ?? '?'} ${incident.title}`),
    element('p', { class: 'times' },
      element('span', {}, `time to detect ${seconds(incident.secondsToDetect)}`),
      element('span', {}, `to diagnose ${seconds(incident.secondsToDiagnose)}`),
      element('span', {}, `to mitigate ${seconds(incident.secondsToMitigate)}`)),
    element('ul', {}, links),
    element('ol', { class: 'steps' }, incident.steps.map((step) => element('li', { 'data-stage': step.stage },
      element('time', { datetime: step.at }, clock(step.at)),
      `${STAGE_ICONS[step.stage] ?? ''} `, element('span', { class: 'agent' }, step.agent), ` ${step.summary}`,
      stepDetail(step)))));
}

async function refreshIncidents() {
  const response = await fetch('/api/incidents');
  if (!response.ok) return;
  incidents = await response.json();
  if (!selected && incidents.length) selected = incidents[0].incidentId;
  renderIncidents();
}

function feedVisible(item) {
  const agent = document.getElementById('filter-agent').value;
  const incident = document.getElementById('filter-incident').value;
  return (!agent || item.agent === agent) && (!incident || item.incidentId === incident);
}

function feedLine(item) {
  const line = element('li', { 'data-agent': item.agent, 'data-incident': item.incidentId ?? '' },
    element('time', { datetime: item.at }, clock(item.at)),
    element('span', { class: 'agent' }, item.agent), ' ',
    item.incidentId ? `[${item.incidentId}] ` : '', item.summary);
  line.hidden = !feedVisible(item);
  line.item = item;
  return line;
}

// The agent filter offers every agent the feed has shown.
function offerAgent(agent) {
  const filter = document.getElementById('filter-agent');
  if (![...filter.options].some((option) => option.value === agent)) {
    filter.append(element('option', { value: agent }, agent));
  }
}

function addToFeed(item) {
  offerAgent(item.agent);
  const list = document.getElementById('feed-list');
  list.prepend(feedLine(item));
  while (list.children.length > 500) list.lastElementChild.remove();
}

function refilter() {
  [...document.getElementById('feed-list').children].forEach((line) => { line.hidden = !feedVisible(line.item); });
}

function connect() {
  const status = document.getElementById('connection');
  const source = new EventSource('/api/feed');
  source.onopen = () => { status.replaceChildren(element('span', { 'aria-hidden': 'true' }, '●'), ' live'); status.dataset.state = 'live'; };
  source.onerror = () => { status.replaceChildren(element('span', { 'aria-hidden': 'true' }, '○'), ' reconnecting'); status.dataset.state = 'reconnecting'; };
  source.onmessage = (message) => {
    const item = JSON.parse(message.data);
    addToFeed(item);
    if (item.incidentId) refreshIncidents();
  };
}

async function start() {
  document.getElementById('feed-filter').addEventListener('change', refilter);
  const recent = await fetch('/api/feed/recent').then((response) => (response.ok ? response.json() : []));
  recent.forEach(addToFeed);
  connect();
  await Promise.all([refreshIncidents(), refreshSeries()]);
  setInterval(refreshSeries, 5000);
  setInterval(refreshIncidents, 15000);
}

start();
