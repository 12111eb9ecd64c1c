// The data, network and view controls: set from the canonical state, read back into state values.

import {
  DATASETS, REGRESSION_DATASETS, THREE_D_DATASETS, ACTIVATIONS, FEATURES, OPTIMIZERS, MAX_LAYERS, MAX_UNITS,
  parseLayers, parseActivations, formatActivations, parseProjection,
} from './state.js';
import { classColour } from './palette.js';

const $ = (id) => document.getElementById(id);

const FEATURE_LABELS = { x: 'x₁', y: 'x₂', x2: 'x₁²', y2: 'x₂²', xy: 'x₁x₂', sinx: 'sin x₁', siny: 'sin x₂' };

/** Plain inputs and selects whose value is one state key. */
const SIMPLE = {
  dataset: 'data', points: 'points', noise: 'noise', 'test-share': 'test', seed: 'seed',
  classes: 'classes', optimizer: 'opt', lr: 'lr', batch: 'batch', l1: 'l1', l2: 'l2', maxnorm: 'maxnorm', speed: 'speed',
  'layer-select': 'layer', colour: 'colour', stage: 'stage',
};

export class Controls {
  /** @param {() => void} onChange called when the user changes anything that is part of the state */
  constructor(onChange) {
    this.onChange = onChange;
    this.widths = [];
    this.acts = [];
    this.yaw = 30;
    this.pitch = 20;
    this.fill();
    this.wire();
  }

  fill() {
    const dataset = $('dataset');
    for (const name of DATASETS) dataset.append(new Option(name, name));
    const regression = document.createElement('optgroup');
    regression.label = 'regression';
    for (const name of REGRESSION_DATASETS) regression.append(new Option(name, name));
    dataset.append(regression);
    const space = document.createElement('optgroup');
    space.label = '3-D';
    for (const name of THREE_D_DATASETS) space.append(new Option(name, name));
    dataset.append(space);
    const custom = new Option('custom', 'custom');
    custom.hidden = true;
    dataset.append(custom);
    for (const name of OPTIMIZERS) $('optimizer').append(new Option(name, name));
    const features = $('features');
    for (const f of FEATURES) {
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = f;
      box.id = `feature-${f}`;
      label.append(box, ` ${FEATURE_LABELS[f]}`);
      features.append(label);
    }
  }

  wire() {
    for (const id of Object.keys(SIMPLE)) {
      const el = $(id);
      if (el.tagName === 'INPUT') el.addEventListener('input', () => { el.dataset.dirty = '1'; });
      el.addEventListener('change', () => {
        delete el.dataset.dirty;
        if (id === 'dataset') this.updateEnabled();
        this.onChange();
      });
    }
    $('features').addEventListener('change', () => this.onChange());
    for (const id of ['show-grid', 'show-cells']) $(id).addEventListener('change', () => this.onChange());
    $('projection').addEventListener('change', () => {
      this.updateEnabled();
      if ($('projection').value !== 'units' || this.unitsText()) this.onChange();
    });
    for (const id of ['unit-i', 'unit-j', 'unit-k']) $(id).addEventListener('change', () => this.onChange());
    $('add-layer').addEventListener('click', () => {
      if (this.widths.length >= MAX_LAYERS) return;
      // One rule: a new layer as wide as the one before it (the input features count as a layer: 2 for x, y).
      const last = this.widths.length;
      this.widths.push(last ? this.widths[last - 1] : Math.max(1, this.featureCount()));
      this.acts.push(last ? this.acts[last - 1] : 'tanh');
      this.renderLayers();
      this.onChange();
    });
    this.featureCount = () => THREE_D_DATASETS.includes($('dataset').value) ? 3 : $('features').querySelectorAll('input:checked').length;
    $('remove-layer').addEventListener('click', () => {
      if (this.widths.length === 0) return;
      this.widths.pop();
      this.acts.pop();
      this.renderLayers();
      this.onChange();
    });
    $('layers-list').addEventListener('click', (e) => {
      const button = e.target.closest('button[data-layer]');
      if (!button) return;
      const i = Number(button.dataset.layer);
      const next = this.widths[i] + Number(button.dataset.delta);
      if (next < 1 || next > MAX_UNITS) return;
      this.widths[i] = next;
      this.renderLayers(button.id);
      this.onChange();
    });
    $('layers-list').addEventListener('change', (e) => {
      const select = e.target.closest('select[data-layer]');
      if (!select) return;
      this.acts[Number(select.dataset.layer)] = select.value;
      this.onChange();
    });
  }

  /** Sets every control from the canonical state (a Map) and the state message. */
  set(state, message) {
    const layers = message?.layers ?? parseLayers(state.get('layers')).length;
    const select = $('layer-select');
    if (select.options.length !== layers) {
      select.replaceChildren(...Array.from({ length: layers }, (_, i) => new Option(String(i + 1), String(i + 1))));
    }
    select.disabled = layers === 0;
    const customOption = $('dataset').querySelector('option[value="custom"]');
    customOption.hidden = state.get('data') !== 'custom';
    for (const [id, key] of Object.entries(SIMPLE)) {
      const el = $(id);
      if (!state.has(key)) continue;
      if (el.dataset.dirty && document.activeElement === el) continue; // the user is typing here
      el.value = state.get(key);
      delete el.dataset.dirty;
    }
    // Edited data (added points, an uploaded CSV): "Points" shows how many there are now.
    if (state.get('data') === 'custom' && Number.isFinite(message?.points)) $('points').value = String(message.points);
    const features = (state.get('features') ?? 'x,y').split(',');
    for (const box of $('features').querySelectorAll('input')) box.checked = features.includes(box.value);
    $('show-grid').checked = state.get('grid') === '1';
    $('show-cells').checked = state.get('cells') !== '0';
    const proj = parseProjection(state.get('proj'));
    $('projection').value = proj.mode;
    ['unit-i', 'unit-j', 'unit-k'].forEach((id, i) => { $(id).value = proj.units[i] ?? ''; });
    this.yaw = Number(state.get('yaw') ?? 30);
    this.pitch = Number(state.get('pitch') ?? 20);
    this.widths = parseLayers(state.get('layers'));
    this.acts = parseActivations(state.get('act'), this.widths.length);
    this.renderLayers();
    this.updateEnabled();
    if (message?.classes) this.renderClassPicker(message.classes);
  }

  updateEnabled() {
    const data = $('dataset').value;
    const builtIn = data !== 'custom';
    for (const id of ['points', 'noise']) $(id).disabled = !builtIn;
    $('classes').disabled = data !== 'spiral';
    // 3-D data is fed x, y and z: the feature choices are the plane's.
    const threeD = THREE_D_DATASETS.includes(data);
    for (const box of $('features').querySelectorAll('input')) box.disabled = threeD;
    $('features').title = threeD ? `${data} is 3-D data, fed x, y and z` : '';
    const units = $('projection').value === 'units';
    $('units').hidden = !units;
  }

  unitsText() {
    const units = ['unit-i', 'unit-j', 'unit-k'].map((id) => $(id).value.trim()).filter((v) => v !== '');
    return units.length ? units.join(',') : '';
  }

  /** The state keys the controls own, as decoded values. */
  values() {
    const v = new Map();
    for (const [id, key] of Object.entries(SIMPLE)) {
      const el = $(id);
      if (id === 'layer-select' && el.options.length === 0) continue;
      const value = el.value.trim();
      if (value !== '') v.set(key, value);
    }
    v.set('features', THREE_D_DATASETS.includes($('dataset').value) ? 'x,y,z'
      : [...$('features').querySelectorAll('input:checked')].map((b) => b.value).join(','));
    v.set('layers', this.widths.join(','));
    v.set('act', formatActivations(this.acts));
    v.set('grid', $('show-grid').checked ? '1' : '0');
    v.set('cells', $('show-cells').checked ? '1' : '0');
    const mode = $('projection').value;
    const units = this.unitsText();
    v.set('proj', mode === 'units' ? (units ? `units:${units}` : 'auto') : mode);
    v.set('yaw', String(Math.round(this.yaw * 10) / 10));
    v.set('pitch', String(Math.round(this.pitch * 10) / 10));
    return v;
  }

  renderLayers(focusId) {
    const list = $('layers-list');
    const key = `${this.widths.join(',')}|${this.acts.join(',')}`;
    if (key === this.renderedLayers) return;
    this.renderedLayers = key;
    focusId ??= list.contains(document.activeElement) ? document.activeElement.id : undefined;
    const rows = this.widths.map((width, i) => {
      const li = document.createElement('li');
      li.className = 'layer-row';
      const name = document.createElement('span');
      name.className = 'layer-name';
      name.textContent = `Layer ${i + 1}`;
      const minus = button(`layer-${i}-minus`, '−', `Fewer units in layer ${i + 1}`, i, -1, width <= 1);
      const count = document.createElement('output');
      count.className = 'units';
      count.textContent = String(width);
      count.setAttribute('aria-label', `units in layer ${i + 1}`);
      const plus = button(`layer-${i}-plus`, '+', `More units in layer ${i + 1}`, i, 1, width >= MAX_UNITS);
      const act = document.createElement('select');
      act.dataset.layer = String(i);
      act.id = `layer-${i}-act`;
      act.setAttribute('aria-label', `Activation of layer ${i + 1}`);
      for (const a of ACTIVATIONS) act.append(new Option(a, a));
      act.value = this.acts[i];
      li.append(name, minus, count, plus, act);
      return li;
    });
    list.replaceChildren(...rows);
    $('layer-count').textContent = this.widths.length === 0
      ? 'no hidden layer (a linear model)'
      : `${this.widths.length} hidden layer${this.widths.length === 1 ? '' : 's'}: ${this.widths.join('–')} units`;
    $('add-layer').disabled = this.widths.length >= MAX_LAYERS;
    $('remove-layer').disabled = this.widths.length === 0;
    if (focusId) {
      const again = $(focusId);
      if (again && !again.disabled) again.focus();
    }
  }

  renderClassPicker(classes) {
    const picker = $('class-picker');
    const key = classes.join('\n');
    if (key === this.renderedClasses) return;
    this.renderedClasses = key;
    const current = Number(picker.querySelector('input:checked')?.value ?? 0);
    // One more choice opens a new class (up to 8): its first point adds it to the data.
    const names = classes.length < 8 ? [...classes, '+ new class'] : classes;
    const labels = names.map((name, i) => {
      const label = document.createElement('label');
      label.className = 'class-choice';
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'add-class';
      radio.value = String(i);
      radio.checked = i === Math.min(current, names.length - 1);
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = classColour(i);
      label.append(radio, swatch, ` ${name}`);
      return label;
    });
    picker.replaceChildren(...labels);
  }

  /** The class chosen for new points. */
  pickedClass() {
    return Number(document.querySelector('#class-picker input:checked')?.value ?? 0);
  }
}

function button(id, text, label, layer, delta, disabled) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.className = 'small';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.dataset.layer = String(layer);
  b.dataset.delta = String(delta);
  b.disabled = disabled;
  return b;
}
