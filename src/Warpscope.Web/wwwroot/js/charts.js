// Small curves of train and test loss/accuracy, accumulated from frames.

import { INK, MUTED } from './palette.js';

const MAX_POINTS = 1500;
const FONT = '10px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export class Chart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{fixedMax?: number, format: (v:number)=>string}} options
   */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.options = options;
    this.epochs = [];
    this.train = [];
    this.test = [];
    // The size comes from the observer, so drawing every frame never forces a layout.
    this.size = { width: 0, height: 0 };
    new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.size = { width: box.width, height: box.height };
      this.draw();
    }).observe(canvas);
  }

  clear() {
    this.epochs = [];
    this.train = [];
    this.test = [];
    this.draw();
  }

  get lastEpoch() {
    return this.epochs.length ? this.epochs[this.epochs.length - 1] : -1;
  }

  add(epoch, train, test) {
    const n = this.epochs.length;
    if (n && this.epochs[n - 1] === epoch) {
      this.train[n - 1] = train;
      this.test[n - 1] = test;
    } else {
      this.epochs.push(epoch);
      this.train.push(train);
      this.test.push(test);
    }
    if (this.epochs.length > MAX_POINTS) {
      // Keep every other point (but always the newest), so long runs stay cheap.
      const keep = (_, i, a) => i % 2 === 0 || i === a.length - 1;
      this.epochs = this.epochs.filter(keep);
      this.train = this.train.filter(keep);
      this.test = this.test.filter(keep);
    }
  }

  draw() {
    const rect = this.size;
    if (rect.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
    }
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const plot = { left: 40, top: 6, right: width - 6, bottom: height - 14 };
    const values = [...this.train, ...this.test].filter(Number.isFinite);
    let max = this.options.fixedMax ?? (values.length ? Math.max(1e-6, ...values) : 1);
    if (!this.options.fixedMax) max *= 1.05;
    const first = this.epochs[0] ?? 0;
    const last = this.lastEpoch > first ? this.lastEpoch : first + 1;
    const x = (e) => plot.left + ((e - first) / (last - first)) * (plot.right - plot.left);
    // Kept inside the plot: a regression's R² below 0 (worse than the mean) sits on the floor.
    const y = (v) => plot.bottom - (Math.max(0, Math.min(v, max)) / max) * (plot.bottom - plot.top);

    ctx.font = FONT;
    ctx.fillStyle = MUTED;
    ctx.strokeStyle = '#dddddd';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of [0, max / 2, max]) {
      const py = Math.round(y(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(plot.left, py);
      ctx.lineTo(plot.right, py);
      ctx.stroke();
      ctx.fillText(this.options.format(v), plot.left - 4, py);
    }
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(`epoch ${first}`, plot.left, height - 2);
    ctx.textAlign = 'right';
    if (this.epochs.length) ctx.fillText(String(this.lastEpoch), plot.right, height - 2);

    this.line(this.test, x, y, MUTED, [4, 3]);
    this.line(this.train, x, y, INK, []);
  }

  line(series, x, y, colour, dash) {
    const ctx = this.ctx;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < series.length; i++) {
      const v = series[i];
      if (!Number.isFinite(v)) { started = false; continue; }
      const px = x(this.epochs[i]);
      const py = y(v);
      if (started) ctx.lineTo(px, py);
      else { ctx.moveTo(px, py); started = true; }
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
