'use strict';

// Every call to the gateway goes through adminFetch. A gateway without keys answers it as it is. One with keys
// (Auth:AdminKeys) answers the admin API with 401 or 403 without an admin key: the page then asks for one, keeps it in
// sessionStorage under 'adminKey' (this tab only, gone when it closes), sends it as a bearer token, and asks again when
// it is refused. That is also why load events are read with fetch and not EventSource, which cannot send headers.
let keyDeclined = false; // the prompt was cancelled: polls stop asking; the buttons and "Admin key" ask again

async function adminFetch(path, init = {}, interactive = false) {
  const key = sessionStorage.getItem('adminKey');
  const headers = new Headers(init.headers);
  if (key) headers.set('Authorization', `Bearer ${key}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status !== 401 && response.status !== 403) return response;
  document.getElementById('admin-key').hidden = false;
  if (sessionStorage.getItem('adminKey') !== key) return adminFetch(path, init, interactive); // answered meanwhile
  if (keyDeclined && !interactive) return response;
  return askForKey(response.status, key) ? adminFetch(path, init, interactive) : response;
}

// True when the person gave a key; a cancelled or empty prompt declines.
function askForKey(status, refused) {
  const why = status === 403 ? 'That key is not an admin key.'
    : refused ? 'That key was refused.'
    : 'This gateway needs an admin key to show and manage models.';
  const key = window.prompt(`${why} Admin key (Auth:AdminKeys):`)?.trim();
  keyDeclined = !key;
  if (key) sessionStorage.setItem('adminKey', key);
  return !!key;
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
    const response = await adminFetch(modelPath(id, action), { method: 'POST' }, true);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error?.message ?? `${action} ${id}: HTTP ${response.status}`);
    render(body);
  } catch (error) {
    // On the card, not in the page's problem line, which the next successful poll clears.
    c.actionError.textContent = `${action} failed: ${error.message}`;
    c.actionError.hidden = false;
  }
}

// Follows one load or unload through /admin/models/{id}/events?until=settled, which ends when the model settles.
async function watch(id) {
  if (watched.has(id)) return;
  watched.add(id);
  try {
    const response = await adminFetch(`${modelPath(id, 'events')}?until=settled`, { headers: { Accept: 'text/event-stream' } });
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
  if (response.status === 401 || response.status === 403) throw new Error(`${path} needs an admin key: use the Admin key button.`);
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
  renderBackends(stats.backends);
  document.getElementById('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

// One row per backend replica: an open breaker means the replica is out for its break, half-open that one probe may go.
function renderBackends(replicas) {
  const section = document.getElementById('backends');
  section.hidden = replicas.length === 0;
  const rows = replicas.map(replica => {
    const row = document.createElement('tr');
    row.dataset.replica = replica.replica;
    row.dataset.breaker = replica.breaker;
    for (const text of [replica.endpoint, replica.replica, replica.breaker, `${replica.outstanding}`]) {
      row.appendChild(document.createElement('td')).textContent = text;
    }
    row.children[2].className = `breaker ${replica.breaker}`;
    return row;
  });
  section.querySelector('tbody').replaceChildren(...rows);
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

document.getElementById('admin-key').addEventListener('click', () => {
  if (askForKey(401, null)) refresh().then(() => showProblem(null), showProblem);
});

poll();
