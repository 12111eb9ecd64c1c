// The network diagram (issue 14): a column per layer (the input features first, the output last),
// every shown unit a thumbnail of its value over the input plane, and a line per weight, orange where
// it is positive and blue where negative, as wide as its size. Hovering a unit or a weight says what
// it is; hovering a unit also hands its thumbnail to the input view; clicking a hidden layer's column
// shows that layer in the hidden view.

import { CLASS_HEX, MUTED, INK, valueTint, valuePosition } from './palette.js';

const POSITIVE = [0xE6, 0x9F, 0x00]; // orange
const NEGATIVE = [0x00, 0x72, 0xB2]; // blue
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const hexRgb = (hex) => { const v = parseInt(hex.slice(1), 16); return [(v >> 16) & 255, (v >> 8) & 255, v & 255]; };

/**
 * A unit's thumbnail as RGBA: a hidden unit or feature diverging around 0 (orange above, blue below,
 * white at 0, full colour at its largest magnitude); an output unit, its class's probability from white to the
 * class colour, or a regression's value (`values`, the views' colour scale) tinted as the input view's field.
 */
export function thumbnailPixels(unit, side, outputClass = -1, values = null) {
  const rgba = new Uint8ClampedArray(side * side * 4);
  writeThumbnail(unit, side, outputClass, new Uint32Array(rgba.buffer), side, 0, values);
  return rgba;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const packed = (r, g, b) => (littleEndian ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0);
const colours = new Uint32Array(256);

/**
 * Writes a unit's thumbnail (see thumbnailPixels) into RGBA pixels seen as 32-bit words, `stride` words a
 * row, from word `offset`: a colour per quantised level (256) looked up per cell, not worked out per cell.
 */
function writeThumbnail(unit, side, outputClass, words, stride, offset, values = null) {
  const span = unit.hi - unit.lo;
  const scale = Math.max(Math.abs(unit.lo), Math.abs(unit.hi)) || 1;
  const cls = outputClass >= 0 ? hexRgb(CLASS_HEX[outputClass % CLASS_HEX.length]) : null;
  for (let level = 0; level < 256; level++) {
    const v = unit.lo + (level / 255) * span;
    let colour;
    let a;
    if (outputClass >= 0 && values) {
      colours[level] = packed(...valueTint(valuePosition(values, v)));
      continue;
    }
    if (cls) {
      colour = cls;
      a = Math.min(1, Math.max(0, v));
    } else {
      colour = v >= 0 ? POSITIVE : NEGATIVE;
      a = Math.min(1, Math.abs(v) / scale);
    }
    colours[level] = packed(Math.round(255 + (colour[0] - 255) * a), Math.round(255 + (colour[1] - 255) * a), Math.round(255 + (colour[2] - 255) * a));
  }
  const cells = unit.cells;
  for (let row = 0; row < side; row++) {
    const from = row * side;
    const to = offset + row * stride;
    for (let x = 0; x < side; x++) words[to + x] = colours[cells[from + x]];
  }
}

export class NetworkDiagram {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} handlers onHoverUnit(column, unit | -1), onPickLayer(layer)
   */
  constructor(canvas, handlers) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.handlers = handlers;
    this.diagram = null;
    this.layerNames = [];
    this.selected = -1;
    this.units = []; // hit boxes: { column, unit, x, y, size }
    this.lines = []; // { column, from, to, x0, y0, x1, y1, w }
    this.hover = null;
    this.tip = document.createElement('div');
    this.tip.className = 'diagram-tip';
    this.tip.hidden = true;
    canvas.parentElement.append(this.tip);
    canvas.addEventListener('pointermove', (e) => this.onMove(e));
    canvas.addEventListener('pointerleave', () => this.setHover(null));
    canvas.addEventListener('click', (e) => this.onClick(e));
    // The canvas's CSS width, from the observer: reading it from the layout while painting forced a layout
    // every frame (after the frame's text changes), a tenth of the page's drawing time.
    this.cssWidth = 0;
    new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      this.cssWidth = entry.borderBoxSize?.[0]?.inlineSize ?? entry.contentRect.width;
      this.paint();
    }).observe(canvas);
  }

  /**
   * The frame's diagram (or null), the layers' activation names, and the hidden layer in view. While
   * training plays, the diagram repaints at most 15 times a second (its thumbnails and weights change
   * little from one frame to the next, and its canvas is the page's largest); a paused frame, another
   * layer or a changed shape repaints at once.
   */
  show(diagram, layerNames, selected, playing = false) {
    const shape = diagram ? diagram.columns.map((c) => c.shown.length).join(',') : '';
    const now = performance.now();
    const due = !playing || selected !== this.selected || shape !== this.shape || now - (this.paintedAt ?? 0) >= 66;
    this.diagram = diagram;
    this.layerNames = layerNames;
    this.selected = selected;
    this.shape = shape;
    if (!due) return;
    this.paintedAt = now;
    this.paint();
  }

  paint() {
    const dpr = window.devicePixelRatio || 1;
    const d = this.diagram;
    const rows = d ? Math.max(...d.columns.map((c) => c.shown.length)) : 0;
    const size = rows === 0 ? 0 : Math.max(12, Math.min(30, Math.floor(260 / rows) - 4));
    const height = d ? 30 + rows * (size + 4) + 4 : 0;
    if (this.canvas.style.height !== `${height}px`) this.canvas.style.height = `${height}px`;
    if (this.canvas.hidden !== !d) this.canvas.hidden = !d;
    if (this.cssWidth === 0) this.cssWidth = this.canvas.getBoundingClientRect().width;
    const width = Math.max(1, Math.round(this.cssWidth));
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
    }
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    this.units = [];
    this.lines = [];
    if (!d) return;
    const n = d.columns.length;
    const gap = n > 1 ? (width - size - 16) / (n - 1) : 0;
    const cx = (c) => 8 + c * gap;
    const cy = (c, u) => 26 + ((rows - d.columns[c].shown.length) * (size + 4)) / 2 + u * (size + 4);
    // Weights under the units: one path per sign and width step (16 strokes, not one per weight).
    const buckets = new Map();
    const steps = 8;
    for (let c = 0; c + 1 < n; c++) {
      const from = d.columns[c].shown.length;
      const to = d.columns[c + 1].shown.length;
      const weights = d.weights[c];
      const max = weights.reduce((m, w) => Math.max(m, Math.abs(w)), 0) || 1;
      for (let o = 0; o < to; o++) {
        for (let i = 0; i < from; i++) {
          const w = weights[o * from + i];
          const line = { column: c, from: i, to: o, x0: cx(c) + size, y0: cy(c, i) + size / 2, x1: cx(c + 1), y1: cy(c + 1, o) + size / 2, w };
          this.lines.push(line);
          const step = Math.min(steps - 1, Math.floor((Math.abs(w) / max) * steps));
          const key = (w >= 0 ? 1 : 0) * steps + step;
          let path = buckets.get(key);
          if (!path) buckets.set(key, (path = new Path2D()));
          path.moveTo(line.x0, line.y0);
          path.lineTo(line.x1, line.y1);
        }
      }
    }
    for (const [key, path] of buckets) {
      const positive = key >= steps;
      const share = ((key % steps) + 0.5) / steps;
      const [r, g, b] = positive ? POSITIVE : NEGATIVE;
      ctx.strokeStyle = `rgba(${r},${g},${b},${0.25 + 0.6 * share})`;
      ctx.lineWidth = 0.4 + 3.2 * share;
      ctx.stroke(path);
    }
    // Every thumbnail into one atlas (one putImageData), then each drawn scaled from it.
    const total = d.columns.reduce((sum, column) => sum + column.shown.length, 0);
    const scratch = this.scratch ?? (this.scratch = document.createElement('canvas'));
    if (scratch.width !== d.side * total || scratch.height !== d.side) {
      scratch.width = d.side * total;
      scratch.height = d.side;
    }
    const atlas = new ImageData(d.side * total, d.side);
    const words = new Uint32Array(atlas.data.buffer);
    let slot = 0;
    for (let c = 0; c < n; c++) {
      for (let u = 0; u < d.columns[c].shown.length; u++, slot++)
        writeThumbnail(d.columns[c].shown[u], d.side, c === n - 1 ? u : -1, words, d.side * total, slot * d.side, d.values);
    }
    scratch.getContext('2d').putImageData(atlas, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.font = FONT;
    ctx.textBaseline = 'alphabetic';
    slot = 0;
    for (let c = 0; c < n; c++) {
      const column = d.columns[c];
      const output = c === n - 1;
      const title = c === 0 ? 'features' : output ? 'output' : `layer ${c}`;
      const note = column.units > column.shown.length ? ` (${column.shown.length} of ${column.units})` : '';
      ctx.fillStyle = c === this.selected ? INK : MUTED;
      ctx.font = c === this.selected ? `600 ${FONT}` : FONT;
      ctx.textAlign = c === 0 ? 'left' : output ? 'right' : 'center';
      const tx = c === 0 ? cx(c) : output ? cx(c) + size : cx(c) + size / 2;
      ctx.fillText(title + note, tx, 14);
      if (c > 0 && !output && this.layerNames[c - 1]) {
        ctx.font = FONT;
        ctx.fillStyle = MUTED;
        ctx.fillText(this.layerNames[c - 1], tx, 24);
      }
      for (let u = 0; u < column.shown.length; u++, slot++) {
        const x = cx(c);
        const y = cy(c, u);
        ctx.drawImage(scratch, slot * d.side, 0, d.side, d.side, x, y, size, size);
        const hovered = this.hover && this.hover.kind === 'unit' && this.hover.column === c && this.hover.unit === u;
        ctx.strokeStyle = hovered ? INK : 'rgba(0,0,0,0.35)';
        ctx.lineWidth = hovered ? 2 : 1;
        ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
        this.units.push({ column: c, unit: u, x, y, size });
      }
    }
  }

  hitUnit(x, y) {
    return this.units.find((b) => x >= b.x && x <= b.x + b.size && y >= b.y && y <= b.y + b.size) ?? null;
  }

  hitLine(x, y) {
    let best = null;
    let bestDistance = 4;
    for (const l of this.lines) {
      const dx = l.x1 - l.x0;
      const dy = l.y1 - l.y0;
      const t = Math.max(0, Math.min(1, ((x - l.x0) * dx + (y - l.y0) * dy) / (dx * dx + dy * dy || 1)));
      const distance = Math.hypot(x - (l.x0 + t * dx), y - (l.y0 + t * dy));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = l;
      }
    }
    return best;
  }

  onMove(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const unit = this.hitUnit(x, y);
    if (unit) return this.setHover({ kind: 'unit', column: unit.column, unit: unit.unit }, x, y);
    const line = this.hitLine(x, y);
    if (line) return this.setHover({ kind: 'weight', line }, x, y);
    this.setHover(null);
  }

  setHover(hover, x = 0, y = 0) {
    const same = JSON.stringify(hover) === JSON.stringify(this.hover);
    this.hover = hover;
    if (!hover) {
      this.tip.hidden = true;
    } else {
      this.tip.hidden = false;
      this.tip.textContent = this.describe(hover);
      this.tip.style.left = `${this.canvas.offsetLeft + x + 12}px`;
      this.tip.style.top = `${this.canvas.offsetTop + y + 12}px`;
    }
    if (same) return;
    this.handlers.onHoverUnit(hover?.kind === 'unit' ? hover.column : -1, hover?.kind === 'unit' ? hover.unit : -1);
    this.paint();
  }

  describe(hover) {
    const d = this.diagram;
    const output = (u) => (d.values ? `predicted ${d.values.name}` : `output ${u}`);
    const name = (c, u) => (c === 0 ? d.columns[0].shown[u].label : c === d.columns.length - 1 ? output(u) : `layer ${c}, unit ${u}`);
    if (hover.kind === 'weight') {
      const l = hover.line;
      return `weight ${name(l.column, l.from)} → ${name(l.column + 1, l.to)}: ${l.w.toFixed(3)}`;
    }
    const unit = d.columns[hover.column].shown[hover.unit];
    return `${name(hover.column, hover.unit)}: ${unit.lo.toFixed(2)} to ${unit.hi.toFixed(2)} over the plane`;
  }

  onClick(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const d = this.diagram;
    if (!d) return;
    // A click anywhere in a hidden layer's column (its units or its title) shows that layer.
    const n = d.columns.length;
    const hit = this.units.find((b) => x >= b.x - 6 && x <= b.x + b.size + 6);
    if (hit && hit.column > 0 && hit.column < n - 1) this.handlers.onPickLayer(hit.column);
  }
}
