// The two linked canvases: crisp high-DPI sizing, painting the newest views, hover linking,
// adding/painting points on the input view and turning a 3-D layer view by dragging.

import { paintView, paintNote, nearestPoint } from './draw.js';

/** One <canvas> showing one view, sized to its CSS box times devicePixelRatio. */
export class ViewCanvas {
  constructor(canvas, emptyNote) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.scratch = document.createElement('canvas');
    this.pointsLayer = { canvas: document.createElement('canvas') }; // see draw.js, paintPointsKept
    this.emptyNote = emptyNote;
    this.view = null;
    this.layout = null;
    this.highlight = -1;
    this.overlay = null; // a unit's values drawn large over the field (the diagram's hovered unit)
    this.width = 0;
    this.height = 0;
    this.onResize = null;
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
  }

  resize() {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    const pw = Math.round(width * dpr);
    const ph = Math.round(height * dpr);
    if (this.canvas.width === pw && this.canvas.height === ph && this.width === width) return;
    this.width = width;
    this.height = height;
    this.canvas.width = pw;
    this.canvas.height = ph;
    this.paint();
  }

  show(view) {
    this.view = view;
    this.paint();
  }

  paint() {
    const dpr = this.canvas.width / this.width;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!this.view) {
      this.layout = null;
      paintNote(this.ctx, this.width, this.height, this.emptyNote);
      return;
    }
    this.layout = paintView(this.ctx, this.view, this.width, this.height, this.highlight, this.scratch, this.overlay, this.pointsLayer);
  }

  /** Canvas position of a pointer event, in CSS pixels. */
  position(event) {
    const rect = this.canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  /** The index of the point under the pointer (within ~8 px), or -1. */
  pointAt(event) {
    if (!this.view || !this.layout) return -1;
    const [x, y] = this.position(event);
    return nearestPoint(this.view, this.layout, x, y, 8);
  }
}

/** Hovering a point in either view rings the point with the same index in both. */
export function linkHover(views, onChange = () => {}) {
  const set = (index) => {
    onChange(index);
    for (const v of views) {
      if (v.highlight !== index) {
        v.highlight = index;
        v.paint();
      }
    }
  };
  for (const v of views) {
    v.canvas.addEventListener('pointermove', (e) => {
      if (e.buttons) return;
      set(v.pointAt(e));
    });
    v.canvas.addEventListener('pointerleave', () => set(-1));
  }
}

/**
 * Click on the input view adds a point of the picked class (shift: class 1); dragging paints
 * points, sent in batches at most every 120 ms.
 */
export function enablePainting(view, { canPaint, pickedClass, send }) {
  let batch = [];
  let timer = 0;
  let last = null;
  let painting = false;

  const flush = () => {
    clearTimeout(timer);
    timer = 0;
    while (batch.length) send(batch.splice(0, 1000));
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(flush, 120);
  };
  const add = (event) => {
    if (!view.layout) return;
    const [px, py] = view.position(event);
    if (!view.layout.inside(px, py)) return;
    const [x, y] = view.layout.toWindow(px, py);
    const cls = event.shiftKey ? 1 : pickedClass();
    batch.push([round(x), round(y), cls]);
    last = [px, py];
  };

  // A finger (or pen) adds a point only by a tap: a touch that lifts within 10 px and 600 ms of where it
  // went down. A swipe scrolls the page and adds nothing (issue 14: a vertical swipe added 13–18 points).
  // A mouse paints: a click adds a point, a drag a trail of them.
  let tap = null;
  view.canvas.addEventListener('pointerdown', (e) => {
    if (!canPaint()) return;
    if (e.pointerType === 'touch' || e.pointerType === 'pen') {
      tap = { id: e.pointerId, x: e.clientX, y: e.clientY, at: e.timeStamp };
      return;
    }
  });
  view.canvas.addEventListener('pointerup', (e) => {
    if (!tap || tap.id !== e.pointerId || !view.view) return;
    const still = Math.hypot(e.clientX - tap.x, e.clientY - tap.y) <= 10 && e.timeStamp - tap.at <= 600;
    tap = null;
    if (!still) return;
    add(e);
    flush();
  });
  view.canvas.addEventListener('pointercancel', () => { tap = null; });
  view.canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !view.view || !canPaint() || e.pointerType === 'touch' || e.pointerType === 'pen') return;
    painting = true;
    view.canvas.setPointerCapture(e.pointerId);
    add(e);
    schedule();
    e.preventDefault();
  });
  view.canvas.addEventListener('pointermove', (e) => {
    if (!painting || !view.layout) return;
    const [px, py] = view.position(e);
    if (last && Math.hypot(px - last[0], py - last[1]) < 7) return;
    add(e);
    schedule();
  });
  const end = () => {
    if (!painting) return;
    painting = false;
    last = null;
    flush();
  };
  view.canvas.addEventListener('pointerup', end);
  view.canvas.addEventListener('pointercancel', end);
}

/**
 * Dragging on a 3-D view turns the camera: onTurn(dyaw, dpitch) is called with the change
 * in degrees; the caller decides how often to tell the server. A press that lifts within 4 px of
 * where it went down is a click: onClick, if given, is called instead.
 */
export function enableTurning(view, { isThreeD, onTurn, onEnd, onClick = null }) {
  let drag = null;
  let moved = 0;
  view.canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !isThreeD()) return;
    drag = view.position(e);
    moved = 0;
    view.canvas.setPointerCapture(e.pointerId);
    view.canvas.classList.add('turning');
    e.preventDefault();
  });
  view.canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const [x, y] = view.position(e);
    const scale = 180 / Math.max(200, view.width);
    moved += Math.hypot(x - drag[0], y - drag[1]);
    onTurn((x - drag[0]) * scale, (y - drag[1]) * scale);
    drag = [x, y];
  });
  const end = (e) => {
    if (!drag) return;
    drag = null;
    view.canvas.classList.remove('turning');
    if (e.type === 'pointerup' && moved < 4 && onClick) onClick();
    onEnd();
  };
  view.canvas.addEventListener('pointerup', end);
  view.canvas.addEventListener('pointercancel', end);
  return { get dragging() { return drag !== null; } };
}

const round = (v) => Math.round(v * 10000) / 10000;
