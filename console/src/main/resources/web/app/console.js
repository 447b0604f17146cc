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
  DETECTED: '⚠', DIAGNOSED: '◎', AWAITING_APPROVAL: '⚖', MITIGATING: '⚙', VERIFYING: '…',
  RESOLVED: '✔', ESCALATED: '✖',
};
const STAGE_ICONS = {
  DETECTED: '⚠', GREW: '+', DIAGNOSED: '◎', APPROVAL_PENDING: '⚖', ACTION_REQUESTED: '⚙',
  ACTION_APPLIED: '▶', ACTION_FAILED: '✖', ROLLED_BACK: '↩', VERIFIED: '✔', SYMPTOMS_CLEARED: '☀',
  POSTMORTEM: '✎', REMEMBERED: '★',
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
let issuesUrl = null;

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
  issuesUrl = series.issuesUrl;
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

// A configuration change as a diff: the file, the old line, the new one.
function diff(plan) {
  const c = plan?.change;
  if (!c) return '';
  return element('pre', { class: 'diff' }, `${c.file}\n- ${c.key}=${c.from ?? ''}\n+ ${c.key}=${c.to ?? ''}`);
}

function stepDetail(step, incident) {
  const data = step.data ?? {};
  if (step.stage === 'DIAGNOSED' && Array.isArray(data.suspects)) {
    const plan = data.plan ?? {};
    return element('ul', {}, data.suspects.slice(0, 3).map((suspect) => element('li', {},
      `${suspect.service} — score ${Number(suspect.score).toFixed(2)}${suspect.faultClass ? ` (${suspect.faultClass})` : ''}`,
      suspect.evidence?.length ? element('ul', {}, suspect.evidence.slice(0, 4).map((line) => element('li', {}, line))) : '')),
      element('li', {}, `runbook: ${plan.action ?? '?'}${plan.service ? ` ${plan.service}` : ''}${plan.reason ? ` — ${plan.reason}` : ''}`, diff(plan)),
      data.similarIncidents?.length ? element('li', {}, `similar past incidents: ${data.similarIncidents.join(', ')}`) : '');
  }
  if (step.stage === 'ACTION_REQUESTED' || step.stage === 'APPROVAL_PENDING') return diff(data.plan);
  if (step.stage === 'POSTMORTEM' && incident.postmortemHtml) {
    // Rendered by the console from the Markdown with any HTML of the text's own escaped.
    const rendered = element('div', { class: 'postmortem' });
    rendered.innerHTML = incident.postmortemHtml;
    return element('details', {}, element('summary', {}, 'post-mortem'), rendered);
  }
  return '';
}

function renderTimeline() {
  const panel = document.getElementById('timeline');
  const incident = incidents.find((candidate) => candidate.incidentId === selected);
  panel.hidden = !incident;
  renderApproval(incident);
  if (!incident) return;
  const links = [];
  const web = (url) => /^https?:\/\//.test(url);
  if (incident.issue != null) {
    links.push(issuesUrl
      ? element('li', {}, 'issue: ', element('a', { href: `${issuesUrl}${incident.issue}`, rel: 'noopener' }, `#${incident.issue}`))
      : element('li', {}, `issue #${incident.issue} on the local board: `, element('code', {}, `./sre-space board show ${incident.issue}`)));
  }
  if (incident.pullRequestUrl) {
    links.push(element('li', {}, 'pull request: ', web(incident.pullRequestUrl)
      ? element('a', { href: incident.pullRequestUrl, rel: 'noopener' }, incident.pullRequestUrl)
      : incident.pullRequestUrl));
  }
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
      stepDetail(step, incident)))));
}

let answersOpen = false;

// The text Fixer checks the signature over (SignedApproval): the same words, in the same order.
const base64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
async function signedAnswer(approve, actionId, issue, approver, keyText) {
  if (!window.crypto?.subtle) throw new Error('signing needs the page opened on this machine (127.0.0.1) or over https');
  const der = Uint8Array.from(atob(keyText.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign'])
    .catch(() => { throw new Error('that is not an Ed25519 private key (the text of NAME.key)'); });
  const until = new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const words = `${approve ? 'approve' : 'deny'} ${actionId} on #${issue} until ${until} by ${approver}`;
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key, new TextEncoder().encode(words));
  return `/${words} sig:${base64(signature)}`;
}

function approvalAsked(incident) {
  if (incident?.state !== 'AWAITING_APPROVAL') return null;
  return [...incident.steps].reverse().find((step) => step.stage === 'APPROVAL_PENDING')?.data ?? null;
}

function renderApproval(incident) {
  const form = document.getElementById('approval');
  const asked = approvalAsked(incident);
  form.hidden = !asked;
  if (!asked) return;
  form.dataset.incident = incident.incidentId;
  form.dataset.action = asked.actionId;
  const plan = asked.plan ?? {};
  const who = asked.approvers?.length ? ` Approvers: ${asked.approvers.join(', ')}.` : '';
  // On GitHub a person answers on the issue as themselves; on a local board here, or by the CLI.
  let elsewhere = '';
  if (issuesUrl && incident.issue != null) {
    elsewhere = element('span', {}, ' Comment ', element('code', {}, `/approve ${asked.actionId}`), ' (or ',
      element('code', {}, `/deny ${asked.actionId}`), ') on ',
      element('a', { href: `${issuesUrl}${incident.issue}`, rel: 'noopener' }, `issue #${incident.issue}`), ' as yourself.');
  } else if (!answersOpen) {
    elsewhere = element('span', {}, ' Answer with ', element('code', {}, `./sre-space approve ${incident.issue ?? 'N'} ${asked.actionId} --as NAME`), '.');
  }
  document.getElementById('approval-ask').replaceChildren(
    `${asked.actionId}: ${plan.action ?? ''} on ${plan.service ?? '?'} — ${plan.reason ?? ''}. Answer before ${clock(asked.deadline)}.${who}`,
    elsewhere);
  document.getElementById('approval-fields').hidden = !answersOpen;
  document.getElementById('approval-hint').hidden = !answersOpen;
}

function startApprovals() {
  const form = document.getElementById('approval');
  const result = document.getElementById('approval-result');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const approve = event.submitter?.value !== 'deny';
    const keyField = document.getElementById('approver-key');
    const incident = incidents.find((candidate) => candidate.incidentId === form.dataset.incident);
    try {
      const line = await signedAnswer(approve, form.dataset.action, incident.issue,
        document.getElementById('approver-name').value.trim(), keyField.value);
      const posted = await change('POST', `/api/incidents/${encodeURIComponent(form.dataset.incident)}/answer`, { line });
      result.className = '';
      result.replaceChildren(`✔ ${posted.approver} ${posted.approve ? 'approved' : 'denied'} ${posted.actionId} on #${posted.issue}`);
    } catch (error) {
      result.className = 'refused';
      result.replaceChildren(`✖ ${error.message}`);
    } finally {
      keyField.value = '';
    }
  });
  return fetch('/api/answers').then((response) => (response.ok ? response.json() : { open: false }))
    .then((answers) => { answersOpen = answers.open; renderTimeline(); });
}

async function refreshIncidents() {
  const response = await fetch('/api/incidents');
  if (!response.ok) return;
  incidents = await response.json();
  if (!selected && incidents.length) selected = incidents[0].incidentId;
  renderIncidents();
}

// A burst of an incident's events asks for the incidents once a second at most, not once each.
let incidentsDue = null;
function refreshIncidentsSoon() {
  if (incidentsDue) return;
  incidentsDue = setTimeout(() => { incidentsDue = null; refreshIncidents(); }, 1000);
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

const shown = new Set();

function addToFeed(item) {
  if (shown.has(item.eventId)) return;
  shown.add(item.eventId);
  offerAgent(item.agent);
  const list = document.getElementById('feed-list');
  // Newest first; an item caught up after a break goes where its time puts it.
  const at = Date.parse(item.at);
  let before = list.firstElementChild;
  while (before && Date.parse(before.item.at) > at) before = before.nextElementSibling;
  list.insertBefore(feedLine(item), before);
  while (list.children.length > 500) {
    shown.delete(list.lastElementChild.item.eventId);
    list.lastElementChild.remove();
  }
}

function refilter() {
  [...document.getElementById('feed-list').children].forEach((line) => { line.hidden = !feedVisible(line.item); });
}

function connect() {
  const status = document.getElementById('connection');
  const source = new EventSource('/api/feed');
  let opened = false;
  source.onopen = () => {
    status.replaceChildren(element('span', { 'aria-hidden': 'true' }, '●'), ' live');
    status.dataset.state = 'live';
    // Back after a break (the console restarted, or this page fell behind): what it missed.
    if (opened) fetch('/api/feed/recent').then((r) => (r.ok ? r.json() : [])).then((items) => items.forEach(addToFeed));
    opened = true;
  };
  source.onerror = () => { status.replaceChildren(element('span', { 'aria-hidden': 'true' }, '○'), ' reconnecting'); status.dataset.state = 'reconnecting'; };
  source.onmessage = (message) => {
    const item = JSON.parse(message.data);
    addToFeed(item);
    if (item.incidentId) refreshIncidentsSoon();
  };
}


// Every request that changes something says it comes from this page (the server refuses others).
async function change(method, url, body) {
  const headers = { 'X-Console-Request': '1' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error ?? `the console answered ${response.status}`);
  return answer;
}

function labSays(text, refused = false) {
  const result = document.getElementById('lab-result');
  result.className = refused ? 'refused' : '';
  result.replaceChildren(refused ? '✖ ' : '✔ ', text);
}

let labOffer = { enabled: false, services: [] };

function offerFaults() {
  const service = labOffer.services.find((candidate) => candidate.service === document.getElementById('lab-service').value);
  const faults = document.getElementById('lab-fault');
  const chosen = faults.value;
  faults.replaceChildren(...(service?.faults ?? []).map((fault) => element('option', { value: fault.fault }, `${fault.fault}${fault.active ? ' (on)' : ''}`)));
  if (chosen && [...faults.options].some((option) => option.value === chosen)) faults.value = chosen;
}

function renderLab() {
  const lab = document.getElementById('chaos-lab');
  lab.dataset.enabled = String(labOffer.enabled);
  document.getElementById('lab-off').hidden = labOffer.enabled;
  document.getElementById('lab-why').replaceChildren(labOffer.why ?? '');
  document.getElementById('lab-form').hidden = !labOffer.enabled;
  const services = document.getElementById('lab-service');
  const chosen = services.value;
  services.replaceChildren(...labOffer.services.map((service) => element('option', { value: service.service }, service.error ? `${service.service} (not answering)` : service.service)));
  if (chosen) services.value = chosen;
  offerFaults();
  const active = labOffer.services.flatMap((service) => service.faults.filter((fault) => fault.active).map((fault) => ({ service: service.service, ...fault })));
  document.getElementById('lab-active').replaceChildren(...active.map((fault) => {
    const off = element('button', { type: 'button', 'data-service': fault.service, 'data-fault': fault.fault }, 'Switch off');
    off.addEventListener('click', async () => {
      try {
        await change('DELETE', `/api/chaos/${encodeURIComponent(fault.service)}/${encodeURIComponent(fault.fault)}`);
        labSays(`${fault.fault} switched off in ${fault.service}`);
      } catch (error) { labSays(error.message, true); }
      refreshLab();
    });
    return element('li', {}, element('span', { 'aria-hidden': 'true' }, '⚡ '), `${fault.service}: ${fault.fault} is on — ${fault.symptom} `, off);
  }));
}

async function refreshLab() {
  const response = await fetch('/api/chaos');
  if (!response.ok) return;
  labOffer = await response.json();
  renderLab();
}

function startLab() {
  const confirm = document.getElementById('lab-confirm');
  let pending = null;
  document.getElementById('lab-service').addEventListener('change', offerFaults);
  document.getElementById('lab-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const duration = document.getElementById('lab-duration').value;
    pending = { service: document.getElementById('lab-service').value, fault: document.getElementById('lab-fault').value, duration };
    document.getElementById('lab-question').replaceChildren(
      `Inject ${pending.fault} into ${pending.service}${duration ? ` for ${duration} s` : ' until it is switched off'}? The agents will see a real fault.`);
    confirm.hidden = false;
  });
  document.getElementById('lab-no').addEventListener('click', () => { confirm.hidden = true; pending = null; });
  document.getElementById('lab-yes').addEventListener('click', async () => {
    confirm.hidden = true;
    if (!pending) return;
    const { service, fault, duration } = pending;
    pending = null;
    try {
      await change('POST', `/api/chaos/${encodeURIComponent(service)}/${encodeURIComponent(fault)}${duration ? `?duration=${encodeURIComponent(duration)}` : ''}`);
      labSays(`${fault} switched on in ${service}`);
    } catch (error) { labSays(error.message, true); }
    refreshLab();
  });
  return refreshLab();
}

async function start() {
  document.getElementById('feed-filter').addEventListener('change', refilter);
  const recent = await fetch('/api/feed/recent').then((response) => (response.ok ? response.json() : []));
  recent.forEach(addToFeed);
  connect();
  await Promise.all([refreshIncidents(), refreshSeries(), startLab(), startApprovals()]);
  setInterval(refreshSeries, 5000);
  setInterval(refreshIncidents, 15000);
}

start();
