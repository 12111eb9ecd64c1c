// Wires the page: the socket, the state in the URL, the controls, and drawing the newest frame.

import { Connection } from './socket.js';
import { decodeFrame } from './protocol.js';
import { parseState, buildState } from './state.js';
import { Controls } from './controls.js';
import { ViewCanvas, linkHover, enablePainting, enableTurning } from './views.js';
import { Chart } from './charts.js';
import { compact } from './draw.js';
import { StatusLine, DivergedBanner } from './status.js';
import { Playback } from './playback.js';
import { NetworkDiagram, thumbnailPixels } from './diagram.js';
import { renderLegend, formatAccuracy, formatRSquared, formatLoss, setExportLinks, copyLink } from './page.js';

const $ = (id) => document.getElementById(id);

const hooks = { frames: 0, received: 0, drawMs: 0, highlight: -1, lastFrame: null, state: location.search.replace(/^\?/, ''), session: null };
window.warpscope = hooks;

let lastState = null; // the last canonical state from the server
let lastMessage = null; // the last `state` message
let pending = []; // binary frames received since the last draw
let raf = 0;
let playing = false;
let playIntentUntil = 0; // while a play/pause click is on its way, trust the click over older frames
let connectedOnce = false;
let established = false; // this socket's session is up (its first state came)
let refusal = null; // why the server turned this socket away (full), kept in view while retrying

const status = new StatusLine();
const banner = new DivergedBanner(() => reset());
const controls = new Controls(() => sendConfig());
const conn = new Connection({ onOpen, onText, onBinary, onClose });
const inputView = new ViewCanvas($('input-view'), 'Waiting for the server…');
const layerView = new ViewCanvas($('layer-view'), 'No hidden layer to show');
let hoveredUnit = null; // [column, unit] of the diagram's hovered unit, shown large in the input view
const diagram = new NetworkDiagram($('diagram'), {
  onHoverUnit: (column, unit) => {
    hoveredUnit = column < 0 ? null : [column, unit];
    showHoveredUnit();
  },
  onPickLayer: (layer) => {
    const select = $('layer-select');
    select.value = String(layer);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  },
});

/** Paints the diagram again and returns the milliseconds it took: for scripts measuring the page's costs. */
hooks.timeDiagram = () => {
  const started = performance.now();
  diagram.paint();
  return performance.now() - started;
};

/** The diagram's unit boxes in page coordinates (CSS pixels): for tests and scripts. */
hooks.diagramUnits = () => {
  const rect = $('diagram').getBoundingClientRect();
  return diagram.units.map((b) => ({ column: b.column, unit: b.unit, x: rect.left + b.x + b.size / 2, y: rect.top + b.y + b.size / 2 }));
};

/** The diagram's hovered unit drawn over the input view's field, from the newest frame. */
function showHoveredUnit() {
  setHoveredOverlay(hooks.lastFrame);
  inputView.paint();
}

/** The input view's overlay for the hovered unit in `frame` (none without one): set before the view paints. */
function setHoveredOverlay(frame) {
  const d = frame?.diagram;
  const unit = hoveredUnit && d ? d.columns[hoveredUnit[0]]?.shown[hoveredUnit[1]] : null;
  const domain = lastMessage?.domain;
  // The input view of 3-D data has no plane of x and y to lay a thumbnail over (the diagram shows the slice z = 0).
  const flat = !frame?.views.find((v) => v.kind === 0)?.threeD;
  inputView.overlay = unit && domain && flat
    ? { side: d.side, rgba: thumbnailPixels(unit, d.side, hoveredUnit[0] === d.columns.length - 1 ? hoveredUnit[1] : -1, d.values), domain }
    : null;
  hooks.overlay = inputView.overlay ? [...hoveredUnit] : null;
}
const lossChart = new Chart($('loss-chart'), { format: (v) => (Math.abs(v) >= 100 ? compact(v) : v.toFixed(2)) });
let regressionShown = false; // the readouts are a regression's (MSE, R²)
const accuracyChart = new Chart($('accuracy-chart'), { fixedMax: 1, format: (v) => (regressionShown ? v.toFixed(1) : `${Math.round(v * 100)}%`) });

// Messages that may go at most once per received frame (camera turns, morph, scrubbing).
const perFrame = new Map();
let perFrameWaiting = false;
let perFrameTimer = 0;
function sendPerFrame(key, message) {
  perFrame.set(key, message);
  if (!perFrameWaiting) flushPerFrame();
}
function flushPerFrame() {
  if (perFrame.size === 0) return;
  let sent = false;
  for (const message of perFrame.values()) sent = conn.send(message) || sent;
  perFrame.clear();
  if (!sent) return;
  perFrameWaiting = true;
  clearTimeout(perFrameTimer);
  perFrameTimer = setTimeout(() => { perFrameWaiting = false; flushPerFrame(); }, 500);
}

const playback = new Playback({
  sendMorph: (t) => sendPerFrame('morph', { type: 'morph', t }),
  sendScrub: (index) => sendPerFrame('scrub', { type: 'scrub', index }),
});

function currentState() {
  return lastState ?? location.search.replace(/^\?/, '');
}

function sendConfig() {
  const state = buildState(currentState(), controls.values());
  if (!conn.send({ type: 'config', state })) status.show('Not connected: the change will be lost; retrying…', 'error');
}

function send(message) {
  if (!conn.send(message)) status.show('Not connected to the server; retrying…', 'error');
}

function reset() {
  send({ type: 'reset' });
  lossChart.clear();
  accuracyChart.clear();
}

// --- connection ---

function onOpen() {
  established = false;
  conn.send({ type: 'hello', state: currentState() });
}

/** The server took the page: say so if it had been lost, and start the retries' backoff over. */
function onEstablished() {
  established = true;
  conn.established();
  document.body.classList.remove('offline');
  if (connectedOnce) status.show('Connected again.');
  else if (status.kind === 'sticky') status.clear();
  connectedOnce = true;
}

function onClose(delay) {
  document.body.classList.add('offline');
  pending = [];
  const seconds = Math.max(1, Math.round(delay / 1000));
  // A refusal stays in view (with when the next try is), rather than turning into "connection lost".
  const why = refusal ?? `${connectedOnce ? 'Connection lost' : 'Cannot reach the server'};`;
  status.show(`${why} Retrying in ${seconds} s…`, 'sticky');
  refusal = null;
}

function onText(message) {
  switch (message.type) {
    case 'state': onState(message); break;
    case 'error':
      if (message.reason === 'full') refusal = `${message.message.charAt(0).toUpperCase()}${message.message.slice(1)}.`;
      onError(message.message ?? 'the server refused the last change');
      break;
    case 'advice': showAdvice(message.items ?? []); break;
    case 'probes': showProbes(message); break;
    case 'opened':
      setPlaying(false, true);
      status.show(message.message, 'info');
      hooks.opened = message.name;
      hooks.openedAtFrame = hooks.frames; // the model's first frame is the next one drawn
      break;
    case 'diverged':
      banner.show(message.message);
      setPlaying(false, true);
      break;
    default: break;
  }
}

function onState(message) {
  if (!established) onEstablished();
  // A share link with keys the server could not use opens with those at their defaults, and says so.
  const warnings = message.warnings ?? [];
  if (warnings.length) status.show(`This link had ${warnings.length === 1 ? 'a problem' : 'problems'}: ${warnings.join('; ')}`, 'sticky');
  if (message.state !== lastState) clearProbes(); // another setup: the old probes no longer apply
  lastState = message.state ?? '';
  lastMessage = message;
  const linear = message.linearAccuracy;
  setText('linear-note', Number.isFinite(linear) ? `A straight line (no hidden layer) gets ${formatAccuracy(linear)} of these training points.` : '');
  history.replaceState(null, '', `?${lastState}`);
  const keep = turner.dragging || inputTurner.dragging ? [controls.yaw, controls.pitch] : null;
  controls.set(parseState(lastState), message);
  if (keep) [controls.yaw, controls.pitch] = keep;
  // A regression (issue 16): no classes to add points of or to probe; the readouts are MSE and R².
  const regression = message.regression === true;
  document.body.classList.toggle('regression', regression);
  document.body.classList.toggle('space-data', (parseState(lastState).get('features') ?? '').split(',').includes('z'));
  playback.setLayers(message.layers ?? 0);
  renderLegend(message.classes ?? [], layerView.view?.stretch ?? false, regression);
  setMetricNames(regression);
  hooks.state = lastState;
  hooks.session = message.session ?? null;
  setExportLinks(hooks.session, message.layers ?? 0);
}

/**
 * The layer probes (issue 17): for the input and each hidden layer, the accuracy of a straight line fitted
 * on that layer's values for fresh points, as a bar; and, where topology forbids success, the reason.
 */
function showProbes(message) {
  const layers = message.layers ?? [];
  $('probe-bars').replaceChildren(...layers.map((p) => {
    const li = document.createElement('li');
    const name = p.layer === 0 ? 'input' : `layer ${p.layer}`;
    const accuracy = Number.isFinite(p.accuracy) ? p.accuracy : 0;
    const bar = document.createElement('span');
    bar.className = 'bar';
    const fill = document.createElement('span');
    fill.style.width = `${Math.round(100 * accuracy)}%`;
    bar.append(fill);
    li.append(`${name} (${p.units})`, bar, formatAccuracy(accuracy));
    li.title = `A straight line on ${name}'s ${p.units} values separates ${formatAccuracy(accuracy)} of fresh points (margin ${Number.isFinite(p.margin) ? p.margin.toFixed(3) : '–'}), at epoch ${message.epoch}.`;
    return li;
  }));
  const warning = $('probe-warning');
  warning.textContent = message.warning ?? '';
  warning.hidden = !message.warning;
  hooks.probes = layers.map((p) => p.accuracy);
  hooks.probeWarning = message.warning ?? null;
}

function clearProbes() {
  $('probe-bars').replaceChildren();
  $('probe-warning').hidden = true;
  hooks.probes = null;
  hooks.probeWarning = null;
}

/** What the server noticed about training (dead units, a collapsed layer, a swinging loss), and what to try. */
function showAdvice(items) {
  const box = $('advice');
  box.replaceChildren(...items.map((item) => {
    const p = document.createElement('p');
    p.textContent = item.message;
    p.dataset.id = item.id;
    return p;
  }));
  box.hidden = items.length === 0;
  hooks.advice = items.map((item) => item.id);
}

function onError(text) {
  status.show(text, 'error');
  // The session goes on unchanged: show its state again in the controls.
  if (lastState !== null) controls.set(parseState(lastState), lastMessage);
}

function onBinary(buffer) {
  pending.push(buffer);
  if (!raf) raf = requestAnimationFrame(drawNewest);
}

// --- drawing ---

function drawNewest() {
  raf = 0;
  const buffers = pending;
  pending = [];
  if (buffers.length === 0) return;
  const started = performance.now();
  hooks.received += buffers.length;
  let frame;
  try {
    frame = decodeFrame(buffers[buffers.length - 1]);
  } catch (e) {
    status.show(`Could not read a frame from the server: ${e.message}`, 'error');
    acknowledge(buffers);
    return;
  }
  // The hovered unit's overlay goes with the frame's own paint: painting the input view again for it
  // doubled the page's work while a unit was hovered.
  // A regression's output thumbnails are coloured on the views' value scale.
  if (frame.diagram) frame.diagram.values = frame.views.find((v) => v.kind === 0)?.values ?? null;
  if (hoveredUnit) setHoveredOverlay(frame);
  inputView.show(frame.views.find((v) => v.kind === 0) ?? null);
  const right = frame.views.find((v) => v.kind !== 0) ?? null;
  layerView.show(right);
  setText('input-title', inputView.view?.title || 'Input space');
  setCaption('layer-title', right?.title || 'Hidden layer', right?.kind === 1 ? right.subtitle : '');
  $('layer-view').classList.toggle('three-d', !!right?.threeD);
  $('input-view').classList.toggle('three-d', !!inputView.view?.threeD);
  renderLegend(lastMessage?.classes ?? [], right?.stretch ?? false, frame.regression);
  showMetrics(frame);
  if (frame.diverged) banner.show();
  else if (banner.visible) banner.hide();
  hooks.frames += 1;
  hooks.lastFrame = frame;
  diagram.show(frame.diagram, layerNames(), Number(parseState(currentState()).get('layer') ?? 0), frame.playing);
  // Decoding and painting time, smoothed: what a frame costs the page (read by scripts/measure-live).
  hooks.drawMs = hooks.drawMs === 0 ? performance.now() - started : 0.9 * hooks.drawMs + 0.1 * (performance.now() - started);
  acknowledge(buffers);
  perFrameWaiting = false;
  clearTimeout(perFrameTimer);
  flushPerFrame();
  playback.onFrame(frame);
}

/**
 * Acks the newest frame received since the last draw (the drawn one). The server counts acks
 * cumulatively (an ack of n covers every frame up to n), so frames it replaced need none.
 */
function acknowledge(buffers) {
  const newest = buffers[buffers.length - 1];
  if (newest.byteLength >= 8) conn.send({ type: 'ack', seq: new DataView(newest).getUint32(4, true) });
}

/** Sets an element's text only when it changes, so an unchanged frame costs the page no layout. */
/** A view's caption: its title, then (in lighter type) what it shows: stage, projection, saturation. */
function setCaption(id, title, subtitle) {
  const element = $(id);
  const key = `${title}\n${subtitle}`;
  if (element.dataset.caption === key) return;
  element.dataset.caption = key;
  element.textContent = title;
  if (subtitle) {
    const small = document.createElement('span');
    small.className = 'subtitle';
    small.textContent = subtitle;
    element.append(small);
  }
}

function setText(id, text) {
  const element = $(id);
  if (element.textContent !== text) element.textContent = text;
}

let chartsDrawnAt = 0;

function showMetrics(frame) {
  // While scrubbing, the header shows the epoch of the network on screen, not the live one.
  setText('epoch', String(frame.scrubbing ? frame.timelineEpoch : frame.epoch));
  // A regression's frames carry R² where a classifier's carry accuracy.
  const score = frame.regression ? formatRSquared : formatAccuracy;
  setText('header-accuracy', Number.isFinite(frame.trainAccuracy) ? `· ${frame.regression ? 'R² ' : ''}${score(frame.trainAccuracy)}` : '');
  setText('train-loss', formatLoss(frame.trainLoss));
  setText('test-loss', formatLoss(frame.testLoss));
  setText('train-accuracy', score(frame.trainAccuracy));
  setText('test-accuracy', score(frame.testAccuracy));
  setMetricNames(frame.regression);
  if (!frame.scrubbing) {
    if (frame.epoch < lossChart.lastEpoch || frame.epoch === 0) {
      lossChart.clear();
      accuracyChart.clear();
    }
    lossChart.add(frame.epoch, frame.trainLoss, frame.testLoss);
    accuracyChart.add(frame.epoch, frame.trainAccuracy > 1 ? frame.trainAccuracy / 100 : frame.trainAccuracy,
      frame.testAccuracy > 1 ? frame.testAccuracy / 100 : frame.testAccuracy);
    // While playing, the charts redraw ten times a second, not every frame: each redrawn canvas is copied
    // to the compositor per frame, and a chart's newest point moves by a pixel at most (issue 14).
    const now = performance.now();
    if (!frame.playing || now - chartsDrawnAt >= 100) {
      chartsDrawnAt = now;
      lossChart.draw();
      accuracyChart.draw();
    }
  }
  setPlaying(frame.playing, false);
}

/** The readouts' names: a classifier's cross-entropy and accuracy, or a regression's mean squared error and R². */
function setMetricNames(regression) {
  if (regression === regressionShown) return; // the page opens with a classifier's names
  regressionShown = regression;
  setText('train-loss-name', regression ? 'Train loss (MSE)' : 'Train loss');
  setText('test-loss-name', regression ? 'Test loss (MSE)' : 'Test loss');
  setText('train-accuracy-name', regression ? 'Train R²' : 'Train accuracy');
  setText('test-accuracy-name', regression ? 'Test R²' : 'Test accuracy');
  setText('accuracy-chart-name', regression ? 'R² (1 = a perfect fit)' : 'Accuracy');
  $('header-accuracy').title = regression ? 'R² on the training points: 1 is a perfect fit, 0 no better than their mean' : 'Accuracy on the training points';
  $('accuracy-chart').setAttribute('aria-label', regression ? 'Train and test R² by epoch' : 'Train and test accuracy by epoch');
  accuracyChart.draw();
}

function setPlaying(value, force) {
  if (!force && performance.now() < playIntentUntil && value !== playing) return;
  playing = value;
  const button = $('play');
  button.textContent = playing ? 'Pause' : 'Play';
  button.setAttribute('aria-pressed', String(playing));
}

// --- controls that are messages, not state ---

$('play').addEventListener('click', () => {
  const next = !playing;
  send({ type: next ? 'play' : 'pause' });
  playIntentUntil = performance.now() + 600;
  setPlaying(next, true);
});
$('step').addEventListener('click', () => {
  send({ type: 'step' });
  playIntentUntil = performance.now() + 600;
  setPlaying(false, true);
});
$('reset').addEventListener('click', () => reset());
$('regenerate').addEventListener('click', () => {
  const seed = $('seed');
  seed.value = String((parseInt(seed.value, 10) || 0) + 1);
  sendConfig();
});
$('clear').addEventListener('click', () => send({ type: 'clear' }));
$('probe').addEventListener('click', () => send({ type: 'probes' }));
$('model-file').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) return;
  // The server bounds a message to 1 MiB: base64 makes 3 bytes 4.
  if (file.size > 750_000) {
    status.show(`${file.name} is ${Math.round(file.size / 1000)} kB; the playground opens models up to 750 kB`, 'error');
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  send({ type: 'model', name: file.name, data: btoa(binary) });
});
$('csv-file').addEventListener('change', async (e) => {
  const file = e.target.files?.[0];
  e.target.value = '';
  if (!file) return;
  if (file.size > 1000 * 1024) {
    status.show(`${file.name} is too large (${Math.round(file.size / 1024)} KiB; at most about 1 MiB).`, 'error');
    return;
  }
  send({ type: 'csv', text: await file.text() });
});
$('copy-link').addEventListener('click', () => copyLink(status));

// --- canvases ---

linkHover([inputView, layerView], (index) => { hooks.highlight = index; });
/** Where point `index` of a view (0 input, 1 layer) is drawn, in page coordinates: for tests and scripts. */
hooks.pointOnPage = (which, index) => {
  const view = which === 0 ? inputView : layerView;
  const p = view.view?.points.find((q) => q.index === index);
  if (!p || !view.layout) return null;
  const rect = view.canvas.getBoundingClientRect();
  return [rect.left + view.layout.x(p.x), rect.top + view.layout.y(p.y)];
};
hooks.highlighted = () => [inputView.highlight, layerView.highlight];
/** The layer view's canvas, its decoded view and its layout (CSS pixels ↔ window coordinates): for tests and scripts. */
hooks.layerCanvas = () => ({ canvas: layerView.canvas, view: layerView.view, layout: layerView.layout });
/** The same of the input view. */
hooks.inputCanvas = () => ({ canvas: inputView.canvas, view: inputView.view, layout: inputView.layout });
enablePainting(inputView, {
  canPaint: () => !inputView.view?.threeD,
  pickedClass: () => controls.pickedClass(),
  send: (add) => send({ type: 'points', add }),
});

function turn(dyaw, dpitch) {
  controls.yaw = ((controls.yaw + dyaw + 540) % 360) - 180;
  controls.pitch = Math.max(-89, Math.min(89, controls.pitch + dpitch));
  sendPerFrame('config', { type: 'config', state: buildState(currentState(), controls.values()) });
}
const turner = enableTurning(layerView, {
  isThreeD: () => !!layerView.view?.threeD,
  onTurn: turn,
  onEnd: () => {},
});
// The input view of 3-D data (the tori) turns with the same camera; a click on it adds no point (it has no depth).
const inputTurner = enableTurning(inputView, {
  isThreeD: () => !!inputView.view?.threeD,
  onTurn: turn,
  onEnd: () => {},
  onClick: () => status.show('The input view is 3-D (x, y, z): a click has no depth to place a point at. Drag to turn it; choose data of the plane to draw points.', 'error'),
});
for (const [id, view] of [['layer-view', layerView], ['input-view', inputView]]) {
  $(id).addEventListener('keydown', (e) => {
    if (!view.view?.threeD) return;
    const keys = { ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, -5], ArrowDown: [0, 5] };
    const d = keys[e.key];
    if (!d) return;
    e.preventDefault();
    turn(d[0], d[1]);
  });
}

/** Each hidden layer's width and activation, for the diagram's column titles ("16 tanh"). */
function layerNames() {
  const state = parseState(currentState());
  const widths = String(state.get('layers') ?? '').split(',').filter((x) => x && x !== 'none');
  const acts = String(state.get('act') ?? 'tanh').split(',');
  return widths.map((w, i) => `${w} ${acts.length === 1 ? acts[0] : acts[i] ?? ''}`);
}

// --- the classic scenes ---

/** The page's first screen without a state in its URL: a scene, with what to look at. */
const FirstScene = 'curves-two-units';
let scenes = [];

function showScene(scene) {
  $('scene-title').textContent = `${scene.title}.`;
  $('scene-look').textContent = scene.look;
  $('scene-claim').textContent = scene.claim;
  $('scene-caption').hidden = false;
  hooks.scene = scene.id;
}

function loadScene(id) {
  const scene = scenes.find((s) => s.id === id);
  if (!scene) return;
  showScene(scene);
  if (playing) send({ type: 'pause' });
  send({ type: 'config', state: scene.state });
  send({ type: 'reset' });
}

$('scenes').addEventListener('change', (e) => {
  loadScene(e.target.value);
  e.target.value = '';
});
$('scene-dismiss').addEventListener('click', () => { $('scene-caption').hidden = true; });

async function start() {
  try {
    const response = await fetch('/api/scenes');
    if (response.ok) scenes = await response.json();
  } catch {
    scenes = [];
  }
  hooks.scenes = scenes;
  for (const scene of scenes) {
    const option = document.createElement('option');
    option.value = scene.id;
    option.textContent = scene.title;
    $('scenes').append(option);
  }
  // Opened without a state (not a share link): start on a scene rather than a bare default network.
  const first = scenes.find((s) => s.id === FirstScene);
  if (location.search.length <= 1 && first) {
    history.replaceState(null, '', `?${first.state}`);
    hooks.state = first.state;
    showScene(first);
  }
  conn.connect();
}

start();
