// Paints one decoded view on a canvas the way the PNG renderer does (ScenePainter.cs):
// field, regions, cells, grid, axes, boundaries, separators, points, then the frame and ticks.

import { INK, MUTED, GRID, classColour, tintTable, tint, stretchColour, css, regionColour, valueLevelColour, valueColour, valueTint, valuePosition } from './palette.js';
import { LineKind } from './protocol.js';

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A context to measure text with, before any canvas is drawn on. */
let measurer = null;

/**
 * The right margin of a regression view: the colour bar (10 … 22 px right of the plot), its ticks (4 px) and its
 * numbers, as wide as the widest of them ("400000" needs more room than "0.5").
 */
function colourBarMargin(scale) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = FONT;
  const widest = Math.max(0, ...ticks(scale.low, scale.high).map((t) => measurer.measureText(formatTick(t)).width));
  return 10 + 12 + 6 + Math.ceil(widest) + 6;
}

/** Where the plot sits in a canvas of width × height CSS pixels, with equal scales on both axes. */
export function layoutFor(view, width, height) {
  const w = view.window;
  const axes = view.axes;
  const left = axes ? (view.yLabel ? 50 : 38) : 6;
  const bottom = axes ? (view.xLabel ? 38 : 24) : 6;
  const top = 8;
  // A regression view keeps a margin for its colour bar and the bar's numbers (as the renderer's Layout).
  const right = view.values ? colourBarMargin(view.values) : axes ? 12 : 6;
  const availW = Math.max(1, width - left - right);
  const availH = Math.max(1, height - top - bottom);
  const ww = w.xmax - w.xmin || 1;
  const wh = w.ymax - w.ymin || 1;
  const aspect = ww / wh;
  const pw = Math.min(availW, availH * aspect);
  const ph = pw / aspect;
  const plot = { left: left + (availW - pw) / 2, top: top + (availH - ph) / 2, width: pw, height: ph };
  const unit = Math.max(0.8, Math.min(1.4, Math.min(pw, ph) / 420));
  return {
    plot,
    unit,
    x: (x) => plot.left + ((x - w.xmin) / ww) * pw,
    y: (y) => plot.top + ph - ((y - w.ymin) / wh) * ph,
    /** Window coordinates of a canvas position (CSS pixels). */
    toWindow: (px, py) => [w.xmin + ((px - plot.left) / pw) * ww, w.ymin + ((plot.top + ph - py) / ph) * wh],
    inside: (px, py) => px >= plot.left && px <= plot.left + pw && py >= plot.top && py <= plot.top + ph,
  };
}

/**
 * What is painted inside the plot, back to front: the renderer's list (ScenePainter.PlotOrder; a browser
 * test holds the two together). Line layers are named as LineKind's members.
 */
export const PLOT_ORDER = ['field', 'regions', 'cells', 'grid', 'fold', 'axis', 'boundary', 'separator', 'trace', 'points', 'labels'];

/** Paints `view`; `highlight` is a point index to ring in ink (or -1). Returns the layout. */
export function paintView(ctx, view, width, height, highlight = -1, scratch = null, overlay = null, pointsLayer = null) {
  const layout = layoutFor(view, width, height);
  const { plot } = layout;
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top, plot.width, plot.height);
  ctx.clip();
  for (const layer of PLOT_ORDER) {
    switch (layer) {
      case 'field':
        paintField(ctx, layout, view, scratch);
        if (overlay) paintOverlay(ctx, layout, overlay); // the hovered unit, over the field only
        break;
      case 'regions': paintRegions(ctx, layout, view); break;
      case 'cells': paintCells(ctx, layout, view, scratch); break;
      case 'points': paintPointsKept(ctx, layout, view, highlight, pointsLayer); break;
      case 'labels': paintLabels(ctx, layout, view); break;
      default: paintLines(ctx, layout, view, LineKind[layer]); break;
    }
  }
  ctx.restore();
  paintFrameAndAxes(ctx, layout, view);
  paintColourBar(ctx, layout, view);
  ctx.restore();
  return layout;
}

/** Where a regression view's colour bar stands: right of the plot, from 18 px below its top to its bottom. */
export function colourBarRect(layout) {
  const { plot } = layout;
  const top = plot.top + 18;
  return { left: plot.left + plot.width + 10, top, width: 12, height: Math.max(1, plot.top + plot.height - top) };
}

/**
 * A regression view's colour bar (ScenePainter.PaintColourBar): the points' colours from the scale's low end
 * (bottom) to its high end (top), the field's lighter tint in a strip on its right, ticks with values, and
 * the value's name above.
 */
function paintColourBar(ctx, layout, view) {
  const scale = view.values;
  if (!scale) return;
  const bar = colourBarRect(layout);
  const steps = Math.max(2, Math.floor(bar.height));
  const strip = bar.width / 3;
  const span = scale.high - scale.low;
  for (let i = 0; i < steps; i++) {
    // Row i from the top: the value at its centre.
    const u = valuePosition(scale, scale.high - ((i + 0.5) / steps) * span);
    const top = bar.top + (i * bar.height) / steps;
    const height = bar.height / steps + 0.5; // overlap by half a pixel: no seams between rows
    ctx.fillStyle = css(valueColour(u));
    ctx.fillRect(bar.left, top, bar.width - strip, height);
    ctx.fillStyle = css(valueTint(u));
    ctx.fillRect(bar.left + bar.width - strip, top, strip, height);
  }
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 1;
  ctx.strokeRect(bar.left + 0.5, bar.top + 0.5, bar.width - 1, bar.height - 1);
  ctx.font = FONT;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const right = bar.left + bar.width;
  ctx.beginPath();
  for (const t of ticks(scale.low, scale.high)) {
    const y = bar.top + bar.height - ((t - scale.low) / span) * bar.height;
    ctx.moveTo(right, y);
    ctx.lineTo(right + 4, y);
    ctx.fillText(formatTick(t), right + 6, y);
  }
  ctx.stroke();
  if (scale.name) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    // Centred over the bar, but kept whole inside the canvas.
    const half = ctx.measureText(scale.name).width / 2;
    const x = Math.min(bar.left + bar.width / 2, ctx.canvas.width / (ctx.getTransform().a || 1) - half - 2);
    ctx.fillText(scale.name, x, bar.top - 6);
  }
}

/**
 * A unit's values over a rectangle of the plane (the network diagram's hovered unit), drawn large over
 * the field: overlay = { side, rgba (side² RGBA, rows from the top), domain: [xmin, xmax, ymin, ymax] }.
 */
function paintOverlay(ctx, layout, overlay) {
  const canvas = document.createElement('canvas');
  canvas.width = overlay.side;
  canvas.height = overlay.side;
  canvas.getContext('2d').putImageData(new ImageData(overlay.rgba, overlay.side, overlay.side), 0, 0);
  const [xmin, xmax, ymin, ymax] = overlay.domain;
  const x = layout.x(xmin);
  const y = layout.y(ymax);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(canvas, x, y, layout.x(xmax) - x, layout.y(ymin) - y);
  ctx.restore();
}

/** A blank canvas with a centred note (no view to show). */
export function paintNote(ctx, width, height, text) {
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = MUTED;
  ctx.font = '14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, width / 2, height / 2);
  ctx.restore();
}

function paintField(ctx, layout, view, scratch, field = view.field) {
  if (!field) return;
  const { cols, rows, classes, probs } = field;
  const canvas = scratch ?? document.createElement('canvas');
  if (canvas.width !== cols || canvas.height !== rows) {
    canvas.width = cols;
    canvas.height = rows;
  }
  const fctx = canvas.getContext('2d');
  const image = fctx.createImageData(cols, rows);
  const pixels = new Uint32Array(image.data.buffer);
  const table = tintTable(Math.max(2, view.classes));
  for (let r = 0; r < rows; r++) {
    // Field row 0 is the bottom; image row 0 is the top.
    const out = (rows - 1 - r) * cols;
    const inp = r * cols;
    for (let c = 0; c < cols; c++) {
      const cls = classes[inp + c];
      // 255: a sample of the sheet's field that the sheet does not cover.
      pixels[out + c] = cls === 255 ? 0 : table[(cls & 7) * 256 + probs[inp + c]];
    }
  }
  fctx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low';
  const { plot } = layout;
  ctx.drawImage(canvas, plot.left, plot.top, plot.width, plot.height);
}

function tracePath(ctx, layout, pts, close) {
  ctx.beginPath();
  let started = false;
  for (let i = 0; i < pts.length; i += 2) {
    const x = layout.x(pts[i]);
    const y = layout.y(pts[i + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (started) ctx.lineTo(x, y);
    else { ctx.moveTo(x, y); started = true; }
  }
  if (close) ctx.closePath();
  return started;
}

function paintRegions(ctx, layout, view) {
  for (const region of view.regions) {
    if (!tracePath(ctx, layout, region.points, true)) continue;
    ctx.fillStyle = regionColour(region.cls, view.classes);
    ctx.fill();
  }
}

function paintCells(ctx, layout, view, scratch) {
  if (view.sheetField) {
    // The server's field of the rest of the network where the sheet lies: exact colours at every pixel.
    paintField(ctx, layout, view, scratch, view.sheetField);
    return;
  }
  if (view.cells.length === 0) return;
  const classes = Math.max(2, view.classes);
  ctx.lineWidth = 0.6;
  ctx.lineJoin = 'round';
  // A flat view has no depth order: one path per colour fills thousands of cells in a few calls,
  // and neighbours of one colour share a path, so no anti-aliasing seam shows between them (no
  // outline stroke needed: it cost a page a sixth of its frame rate).
  // A 3-D view keeps the scene's far-to-near order, cell by cell.
  const batches = new Map();
  let order = 0;
  for (const cell of view.cells) {
    const key = view.stretch ? Math.round(Math.log2(Math.max(cell.stretch, 1e-30)) * 16) : cell.cls * 256 + (cell.prob & ~3);
    const batchKey = view.threeD ? order++ : key;
    let batch = batches.get(batchKey);
    if (!batch) {
      batch = { colour: css(view.stretch ? stretchColour(cell.stretch) : tint(cell.cls, cell.prob / 255, classes)), path: new Path2D() };
      batches.set(batchKey, batch);
    }
    addRing(batch.path, layout, view.vertices, cell.ring);
  }
  for (const { colour, path } of batches.values()) {
    ctx.fillStyle = colour;
    ctx.fill(path);
  }
}

function addRing(path, layout, vertices, ring) {
  let started = false;
  for (const v of ring) {
    const x = layout.x(vertices[2 * v]);
    const y = layout.y(vertices[2 * v + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (started) path.lineTo(x, y);
    else { path.moveTo(x, y); started = true; }
  }
  if (started) path.closePath();
}

function paintLabels(ctx, layout, view) {
  if (!view.labels || view.labels.length === 0) return;
  ctx.save();
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255,255,255,0.8)';
  ctx.fillStyle = MUTED;
  for (const label of view.labels) {
    // Whole inside the plot: a label near an edge slides in.
    const half = ctx.measureText(label.text).width / 2 + 3;
    const { plot } = layout;
    const x = Math.min(Math.max(layout.x(label.x), plot.left + half), Math.max(plot.left + half, plot.left + plot.width - half));
    const y = Math.min(Math.max(layout.y(label.y), plot.top + 10), plot.top + plot.height - 10);
    ctx.strokeText(label.text, x, y);
    ctx.fillText(label.text, x, y);
  }
  ctx.restore();
}

function paintLines(ctx, layout, view, kind) {
  const u = layout.unit;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.setLineDash([]);
  switch (kind) {
    case LineKind.grid: ctx.strokeStyle = GRID; ctx.lineWidth = 0.8 * u; ctx.lineJoin = 'bevel'; ctx.lineCap = 'butt'; break;
    case LineKind.axis: ctx.strokeStyle = MUTED; ctx.lineWidth = 1.2 * u; break;
    case LineKind.boundary: ctx.strokeStyle = INK; ctx.lineWidth = 2.2 * u; break;
    case LineKind.separator: ctx.strokeStyle = INK; ctx.lineWidth = 2.2 * u; ctx.setLineDash([9 * u, 6 * u]); break;
    case LineKind.fold: ctx.strokeStyle = 'rgba(34,34,34,0.69)'; ctx.lineWidth = 1.3 * u; break;
    case LineKind.trace: ctx.strokeStyle = INK; ctx.lineWidth = 2.2 * u; ctx.lineCap = 'round'; ctx.setLineDash([0.1, 5 * u]); break;
    default: return;
  }
  // One path per kind: a single stroke draws every line of the warped grid.
  const path = new Path2D();
  let any = false;
  for (const line of view.lines) {
    if (line.kind !== kind || line.points.length < 4) continue;
    addPolyline(path, layout, line.points);
    any = true;
  }
  if (any) ctx.stroke(path);
  ctx.setLineDash([]);
}

function addPolyline(path, layout, pts) {
  let started = false;
  for (let i = 0; i < pts.length; i += 2) {
    const x = layout.x(pts[i]);
    const y = layout.y(pts[i + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) { started = false; continue; }
    if (started) path.lineTo(x, y);
    else { path.moveTo(x, y); started = true; }
  }
}

/**
 * A flat view's points, drawn into a layer of their own (`kept`: { canvas, ... } from the caller) and stamped
 * as one image. The layer is redrawn only when the points, the layout or the highlight change: the input
 * view's points do not move while a network trains, so stamping the layer replaces a thousand circles for
 * the page to rasterise every frame (issue 14). Always through the layer, so a view looks the same to the
 * pixel however it got there.
 */
function paintPointsKept(ctx, layout, view, highlight, kept) {
  if (!kept || view.threeD) return paintPoints(ctx, layout, view, highlight);
  const m = ctx.getTransform();
  const { plot } = layout;
  const w = view.window;
  const key = [ctx.canvas.width, ctx.canvas.height, m.a, m.b, m.c, m.d, m.e, m.f, plot.left, plot.top, plot.width, plot.height, layout.unit,
    w.xmin, w.xmax, w.ymin, w.ymax, highlight, !!view.values].join(' ');
  if (key !== kept.key || !samePoints(view.points, kept.points)) {
    const canvas = kept.canvas;
    if (canvas.width !== ctx.canvas.width || canvas.height !== ctx.canvas.height) {
      canvas.width = ctx.canvas.width;
      canvas.height = ctx.canvas.height;
    }
    const g = canvas.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, canvas.width, canvas.height);
    if (m.b === 0 && m.c === 0 && m.a === m.d) {
      stampPoints(g, kept, layout, view, m);
      g.setTransform(m);
      paintHighlight(g, layout, view, highlight);
    } else {
      g.setTransform(m);
      paintPoints(g, layout, view, highlight);
    }
    kept.key = key;
    kept.points = copyPoints(view.points);
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(kept.canvas, 0, 0);
  ctx.restore();
}

/**
 * Draws the points into the kept layer's pixels by stamping a pre-drawn disc per point (fill and rim, drawn once
 * by the canvas at a quarter-pixel offset): the canvas's own path raster of a thousand anti-aliased circles
 * took 4 ms of every frame whose points moved (a hidden view while training), the stamps a fraction of that.
 * Training points first, then test points, each point's rim over the points before it, as the renderer's sprites.
 */
function stampPoints(g, kept, layout, view, m) {
  const { width, height } = g.canvas;
  if (!kept.image || kept.image.width !== width || kept.image.height !== height) kept.image = new ImageData(width, height);
  const out = kept.image.data;
  out.fill(0);
  const scale = m.a;
  const radius = pointRadius(layout) * scale;
  const rim = 1.1 * layout.unit * scale;
  // The discs drawn before serve while the size and the kind of view stay (checked once, not per point).
  const key = `${radius} ${rim} ${!!view.values}`;
  if (discs.key !== key) {
    discs.key = key;
    discs.byColour.clear();
  }
  for (const test of [false, true]) {
    for (const p of view.points) {
      if (p.test !== test) continue;
      const x = layout.x(p.x) * scale + m.e;
      const y = layout.y(p.y) * scale + m.f;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const qx = Math.round(x * 4);
      const qy = Math.round(y * 4);
      const disc = discSprite(view, p, radius, rim, (qx & 3) + 4 * (qy & 3));
      const left = (qx >> 2) - disc.half;
      const top = (qy >> 2) - disc.half;
      const c0 = Math.max(0, -left);
      const c1 = Math.min(disc.size, width - left);
      const src = disc.data;
      for (let r = Math.max(0, -top), r1 = Math.min(disc.size, height - top); r < r1; r++) {
        let s = 4 * (r * disc.size + c0);
        let d = 4 * ((top + r) * width + left + c0);
        for (let c = c0; c < c1; c++, s += 4, d += 4) {
          const sa = src[s + 3];
          if (sa === 0) continue;
          const da = out[d + 3];
          if (da === 0 || sa === 255) {
            out[d] = src[s];
            out[d + 1] = src[s + 1];
            out[d + 2] = src[s + 2];
            out[d + 3] = sa;
            continue;
          }
          // Straight alpha, source over: a = sa + da·(1 − sa), colour = (s·sa + d·da·(1 − sa)) / a.
          const below = (da / 255) * (1 - sa / 255);
          const above = sa / 255;
          const a = above + below;
          out[d] = (src[s] * above + out[d] * below) / a;
          out[d + 1] = (src[s + 1] * above + out[d + 1] * below) / a;
          out[d + 2] = (src[s + 2] * above + out[d + 2] * below) / a;
          out[d + 3] = a * 255;
        }
      }
    }
  }
  g.putImageData(kept.image, 0, 0);
}

/**
 * Discs drawn once by the canvas, straight RGBA, per point colour (class or value level, train or test) and
 * quarter-pixel offset (phase = fx + 4·fy, in quarters); drawn again when the size or the kind of view changes.
 */
const discs = { key: '', byColour: new Map() };
let discCanvas = null;

function discSprite(view, p, radius, rim, phase) {
  const colour = p.cls * 2 + (p.test ? 1 : 0);
  let phases = discs.byColour.get(colour);
  if (!phases) discs.byColour.set(colour, (phases = new Array(16)));
  if (phases[phase]) return phases[phase];
  const [fill, stroke] = pointColours(view, p);
  const half = Math.ceil(radius + rim / 2 + 1);
  const size = 2 * half + 1;
  discCanvas ??= document.createElement('canvas');
  if (discCanvas.width < size || discCanvas.height < size) {
    discCanvas.width = Math.max(discCanvas.width, size);
    discCanvas.height = Math.max(discCanvas.height, size);
  }
  const d = discCanvas.getContext('2d', { willReadFrequently: true });
  d.setTransform(1, 0, 0, 1, 0, 0);
  d.clearRect(0, 0, size, size);
  d.beginPath();
  d.arc(half + (phase & 3) / 4, half + (phase >> 2) / 4, radius, 0, 2 * Math.PI);
  d.fillStyle = fill;
  d.strokeStyle = stroke;
  d.lineWidth = rim;
  d.fill();
  d.stroke();
  return (phases[phase] = { half, size, data: d.getImageData(0, 0, size, size).data });
}

/** The points' positions and kinds, to tell whether a later frame's are the same. */
function copyPoints(points) {
  const copy = new Float64Array(4 * points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    copy[4 * i] = p.x;
    copy[4 * i + 1] = p.y;
    copy[4 * i + 2] = p.cls;
    copy[4 * i + 3] = (p.test ? 1 : 0) + 2 * p.index;
  }
  return copy;
}

function samePoints(points, copy) {
  if (!copy || copy.length !== 4 * points.length) return false;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (copy[4 * i] !== p.x || copy[4 * i + 1] !== p.y || copy[4 * i + 2] !== p.cls || copy[4 * i + 3] !== (p.test ? 1 : 0) + 2 * p.index) return false;
  }
  return true;
}

export function pointRadius(layout) {
  return 3.2 * layout.unit;
}

function paintPoints(ctx, layout, view, highlight) {
  const radius = pointRadius(layout);
  ctx.lineWidth = 1.1 * layout.unit;
  let hit = null;
  // Flat views draw each class's train and test points as one path each; a 3-D view keeps depth order.
  const batches = view.threeD ? null : new Map();
  for (const p of view.points) {
    const x = layout.x(p.x);
    const y = layout.y(p.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (p.index === highlight) hit = [x, y, p];
    if (!batches) {
      drawPoint(ctx, x, y, radius, p, view);
      continue;
    }
    const key = p.cls * 2 + (p.test ? 1 : 0);
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { p, path: new Path2D() }));
    batch.path.moveTo(x + radius, y);
    batch.path.arc(x, y, radius, 0, 2 * Math.PI);
  }
  if (batches) {
    // Train points first, test rings on top, as the renderer.
    for (const { p, path } of [...batches.values()].sort((a, b) => a.p.test - b.p.test)) {
      [ctx.fillStyle, ctx.strokeStyle] = pointColours(view, p);
      ctx.fill(path);
      ctx.stroke(path);
    }
  }
  if (hit) ringPoint(ctx, layout, view, ...hit);
}

/** The highlighted point (index `highlight`), ringed in ink and drawn larger, over the others. */
function paintHighlight(ctx, layout, view, highlight) {
  if (highlight < 0) return;
  const p = view.points.find((q) => q.index === highlight);
  if (!p) return;
  const x = layout.x(p.x);
  const y = layout.y(p.y);
  if (Number.isFinite(x) && Number.isFinite(y)) ringPoint(ctx, layout, view, x, y, p);
}

function ringPoint(ctx, layout, view, x, y, p) {
  const radius = pointRadius(layout);
  ctx.beginPath();
  ctx.arc(x, y, radius + 4, 0, 2 * Math.PI);
  ctx.lineWidth = 5;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.lineWidth = 2.2;
  ctx.strokeStyle = INK;
  ctx.stroke();
  ctx.lineWidth = 1.6 * layout.unit;
  drawPoint(ctx, x, y, radius * 1.5, p, view);
}

/**
 * A point's fill and rim (PointSprites.Colours). Classes: training points filled with a white rim, test points
 * white with a coloured ring. Regression: filled with the value's colour (the class byte is its level 0…64), a
 * dark rim for training points and a light grey one for test points (white would vanish on the scale's middle).
 */
function pointColours(view, p) {
  if (view.values) return [css(valueLevelColour(p.cls)), p.test ? '#999999' : '#333333'];
  const colour = classColour(p.cls);
  return p.test ? ['#ffffff', colour] : [colour, '#ffffff'];
}

function drawPoint(ctx, x, y, radius, p, view) {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  [ctx.fillStyle, ctx.strokeStyle] = pointColours(view, p);
  ctx.fill();
  ctx.stroke();
}

function paintFrameAndAxes(ctx, layout, view) {
  const { plot } = layout;
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.left + 0.5, plot.top + 0.5, plot.width - 1, plot.height - 1);
  if (!view.axes) return;
  const w = view.window;
  ctx.font = FONT;
  ctx.fillStyle = MUTED;
  ctx.beginPath();
  const bottom = plot.top + plot.height;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const x of ticks(w.xmin, w.xmax)) {
    const px = layout.x(x);
    ctx.moveTo(px, bottom);
    ctx.lineTo(px, bottom + 4);
    ctx.fillText(formatTick(x), px, bottom + 6);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const y of ticks(w.ymin, w.ymax)) {
    const py = layout.y(y);
    ctx.moveTo(plot.left - 4, py);
    ctx.lineTo(plot.left, py);
    ctx.fillText(formatTick(y), plot.left - 6, py);
  }
  ctx.stroke();
  if (view.xLabel) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(view.xLabel, plot.left + plot.width / 2, bottom + 22);
  }
  if (view.yLabel) {
    ctx.save();
    ctx.translate(plot.left - 38, plot.top + plot.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(view.yLabel, 0, 0);
    ctx.restore();
  }
}

/** Round tick values: steps of 1, 2 or 5 × 10ⁿ, about five of them (as the renderer). */
export function ticks(min, max) {
  const range = max - min;
  if (!(range > 0) || !Number.isFinite(range)) return [];
  const rough = range / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9 * range && out.length < 50; v += step) {
    out.push(Math.abs(v) < 1e-9 * range ? 0 : v);
  }
  return out;
}

/** A tick's label as the renderer writes it (ScenePainter.Format, .NET's "0.###"): at most three decimals, no exponent. */
export function formatTick(v) {
  const rounded = Math.sign(v) * Math.round(Math.abs(v) * 1000) / 1000; // halves away from zero, as .NET
  const text = rounded.toFixed(3).replace(/\.?0+$/, '');
  return text;
}

/** A short number: 3 decimals at most, powers of ten for very large or very small values. */
export function compact(v) {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  return String(Math.round(v * 1000) / 1000);
}

/** The index of the nearest point within `maxDistance` CSS pixels of (px, py), or -1. */
export function nearestPoint(view, layout, px, py, maxDistance = 8) {
  let best = -1;
  let bestD = maxDistance * maxDistance;
  for (const p of view.points) {
    const dx = layout.x(p.x) - px;
    const dy = layout.y(p.y) - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) { bestD = d; best = p.index; }
  }
  return best;
}
