// Small pieces of the page: the legend, number formats, export links, copying the link.

import { classColour, stretchColour, css, valueColour } from './palette.js';

const $ = (id) => document.getElementById(id);

let legendKey = '';

/**
 * The class names and colours (and the stretch scale when cells are coloured by stretch); for a regression, the
 * value's scale from low to high (each view's colour bar gives its numbers) and the points' two rims.
 */
export function renderLegend(classes, stretch, regression = false) {
  const key = JSON.stringify([classes, stretch, regression]);
  if (key === legendKey) return;
  legendKey = key;
  if (regression) {
    const name = classes[0] ?? 'value';
    const ramp = [0, 0.25, 0.5, 0.75, 1].map((u) => css(valueColour(u))).join(', ');
    const scale = item(`linear-gradient(to right, ${ramp})`, `${name}: low → high (the colour bar beside each view)`, 'bar');
    const train = item(css(valueColour(0.75)), 'training point (dark rim)', 'dot');
    train.firstChild.style.border = '1.5px solid #333333';
    const test = item(css(valueColour(0.75)), 'test point (grey rim)', 'dot');
    test.firstChild.style.border = '1.5px solid #999999';
    $('legend').replaceChildren(scale, train, test);
    return;
  }
  const items = classes.map((name, i) => item(classColour(i), name, 'dot'));
  if (stretch) {
    items.push(item(css(stretchColour(16)), 'cells: area ×16', 'square'));
    items.push(item(css(stretchColour(1)), 'unchanged', 'square'));
    items.push(item(css(stretchColour(1 / 16)), 'cells: area ÷16', 'square'));
  }
  items.push(item('#ffffff', 'test point (ring)', 'ring'));
  $('legend').replaceChildren(...items);
}

function item(colour, text, shape) {
  const li = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = `swatch ${shape}`;
  swatch.style.background = colour;
  li.append(swatch, text);
  return li;
}

export function formatAccuracy(v) {
  if (!Number.isFinite(v)) return '–';
  const percent = v > 1 ? v : v * 100;
  return `${percent.toFixed(1)}%`;
}

/** R²: 1 is a perfect fit, 0 no better than the mean, below 0 worse. */
export function formatRSquared(v) {
  return Number.isFinite(v) ? v.toFixed(3) : '–';
}

export function formatLoss(v) {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  return a !== 0 && (a < 0.001 || a >= 1e4) ? v.toExponential(2).replace('e+', 'e') : v.toFixed(3);
}

const EXPORTS = {
  'export-input-png': ['input', 'png'],
  'export-input-svg': ['input', 'svg'],
  'export-layer-png': ['layer', 'png'],
  'export-layer-svg': ['layer', 'svg'],
  'export-morph-gif': ['morph', 'gif'],
  'export-training-gif': ['training', 'gif'],
};

/** Points the export and CSV links at this session (or disables them before there is one). */
export function setExportLinks(session, layers) {
  const base = session ? `/api/sessions/${encodeURIComponent(session)}` : null;
  for (const [id, [what, format]] of Object.entries(EXPORTS)) {
    const possible = layers > 0 || what === 'input' || what === 'training';
    link($(id), base && possible && `${base}/export?what=${what}&format=${format}`, `warpscope-${what}.${format}`);
  }
  link($('csv-download'), base && `${base}/data.csv`, 'warpscope-data.csv');
}

function link(a, href, filename) {
  if (href) {
    a.href = href;
    a.download = filename;
    a.removeAttribute('aria-disabled');
  } else {
    a.removeAttribute('href');
    a.setAttribute('aria-disabled', 'true');
  }
}

/** Copies location.href (which holds the whole state); falls back to showing it. */
export async function copyLink(status) {
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    status.show('Link copied: it reproduces this session.');
    return;
  } catch {
    // fall through
  }
  const field = document.createElement('textarea');
  field.value = url;
  field.setAttribute('readonly', '');
  field.className = 'offscreen';
  document.body.append(field);
  field.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  field.remove();
  status.show(ok ? 'Link copied: it reproduces this session.' : `Copy this link: ${url}`, ok ? 'info' : 'sticky');
}
