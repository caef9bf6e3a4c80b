'use strict';

// Every call to the gateway goes through adminFetch. The admin API has no keys yet (issue #9); once it has, the page
// sends the key kept in sessionStorage under 'adminKey' as a bearer token and nothing else here changes. That is also
// why load events are read with fetch and not EventSource, which cannot send headers.
function adminFetch(path, init = {}) {
  const headers = new Headers(init.headers);
  const key = sessionStorage.getItem('adminKey');
  if (key) headers.set('Authorization', `Bearer ${key}`);
  return fetch(path, { ...init, headers });
}

const charts = [
  { series: 'requests_per_second', title: 'requests/s', digits: 1, color: '#0969da' },
  { series: 'p99_latency_ms', title: 'p99 latency', unit: 'ms', digits: 1, color: '#cf222e' },
  { series: 'mean_batch_size', title: 'mean batch size', digits: 1, color: '#8250df' },
  { series: 'queue_length', title: 'queue length', digits: 0, color: '#bc4c00' },
];
const cards = new Map(); // model id -> the elements of its card
const watched = new Set(); // models whose event stream is open: it, not the poll, shows their progress
let windowSeconds = 60;

const modelPath = (id, action) => `/admin/models/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

function card(id) {
  if (cards.has(id)) return cards.get(id);
  const root = document.getElementById('model-card').content.firstElementChild.cloneNode(true);
  const find = selector => root.querySelector(selector);
  root.dataset.model = id;
  find('.id').textContent = id;
  const elements = {
    root, state: find('.state'), progress: find('.progress'), fill: find('.fill'), percent: find('.percent'),
    stage: find('.stage'), error: find('.error:not(.action-error)'), actionError: find('.action-error'), inFlight: find('.in-flight'), simulated: find('.simulated'),
    load: find('.load'), unload: find('.unload'),
    canvases: charts.map(spec => find('.charts').appendChild(Object.assign(document.createElement('canvas'), { title: spec.title }))),
  };
  elements.load.addEventListener('click', () => act(id, 'load'));
  elements.unload.addEventListener('click', () => act(id, 'unload'));
  document.getElementById('models').append(root);
  cards.set(id, elements);
  charts.forEach((spec, i) => Charts.draw(elements.canvases[i], spec, [], windowSeconds));
  return elements;
}

function render(status) {
  const c = card(status.id);
  c.root.dataset.state = status.state;
  c.state.textContent = status.state;
  c.state.className = `state ${status.state.toLowerCase()}`;
  c.simulated.hidden = !status.simulated;
  c.inFlight.textContent = `${status.in_flight} in flight`;
  c.progress.hidden = status.state !== 'Loading';
  c.progress.setAttribute('aria-valuenow', status.progress);
  c.fill.style.width = `${status.progress}%`;
  c.percent.textContent = `${status.progress}%`;
  c.stage.textContent = status.stage ?? '';
  c.error.hidden = !status.error;
  c.error.textContent = status.error ?? '';
  c.load.disabled = status.state === 'Ready' || status.state === 'Loading';
  c.unload.disabled = status.state === 'Unloaded' || status.state === 'Unloading';
  if (status.state === 'Loading' || status.state === 'Unloading') watch(status.id);
}

async function act(id, action) {
  const c = card(id);
  c.load.disabled = c.unload.disabled = true;
  c.actionError.hidden = true;
  try {
    const response = await adminFetch(modelPath(id, action), { method: 'POST' });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error?.message ?? `${action} ${id}: HTTP ${response.status}`);
    render(body);
  } catch (error) {
    // On the card, not in the page's problem line, which the next successful poll clears.
    c.actionError.textContent = `${action} failed: ${error.message}`;
    c.actionError.hidden = false;
  }
}

// Follows one load or unload through /admin/models/{id}/events, which ends when the model settles.
async function watch(id) {
  if (watched.has(id)) return;
  watched.add(id);
  try {
    const response = await adminFetch(modelPath(id, 'events'), { headers: { Accept: 'text/event-stream' } });
    if (!response.ok) throw new Error(`events of ${id}: HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += chunk.value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer.slice(0, end).split('\n').filter(line => line.startsWith('data:')).map(line => line.slice(5).trim()).join('\n');
        buffer = buffer.slice(end + 2);
        if (data) render(JSON.parse(data));
      }
    }
  } catch (error) {
    showProblem(error);
  } finally {
    watched.delete(id);
  }
}

async function getJson(path) {
  const response = await adminFetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function refresh() {
  const [models, stats] = await Promise.all([getJson('/admin/models'), getJson('/dashboard/stats')]);
  for (const status of models.data) {
    if (!watched.has(status.id)) render(status);
  }
  document.getElementById('simulation-note').hidden = !models.data.some(model => model.simulated);

  windowSeconds = stats.window_seconds;
  const series = new Map(stats.models.map(model => [model.id, model]));
  for (const [id, c] of cards) {
    charts.forEach((spec, i) => Charts.draw(c.canvases[i], spec, series.get(id)?.[spec.series] ?? [], windowSeconds));
  }
  document.getElementById('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

function showProblem(error) {
  const problem = document.getElementById('problem');
  problem.hidden = !error;
  problem.textContent = error ? `${error.message ?? error}` : '';
}

// Once a second while the tab is visible: a hidden tab asks for nothing, and the server stops listening after a while.
async function poll() {
  if (!document.hidden) {
    try {
      await refresh();
      showProblem(null);
    } catch (error) {
      showProblem(error);
    }
  }
  setTimeout(poll, 1000);
}

poll();
