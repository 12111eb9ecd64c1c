// Decoding of the server's binary frames (docs/web-protocol.md, "Binary frames").

export const MAGIC = 0x31465357; // "WSF1"

export const FrameFlags = { playing: 1, diverged: 2, scrubbing: 4, morph: 8, regression: 16 };
export const ViewKind = { input: 0, layer: 1, morph: 2 };
export const ViewFlags = { axes: 1, threeD: 2, stretch: 4, values: 8 };
export const LineKind = { grid: 0, boundary: 1, separator: 2, axis: 3, trace: 4, fold: 5 };

const utf8 = new TextDecoder('utf-8');

/** A little-endian reader over an ArrayBuffer that throws on reading past the end. */
class Reader {
  constructor(buffer) {
    this.buffer = buffer;
    this.view = new DataView(buffer);
    this.offset = 0;
  }
  need(n) {
    if (this.offset + n > this.view.byteLength) {
      throw new RangeError(`frame truncated at byte ${this.offset} (needs ${n} more of ${this.view.byteLength})`);
    }
  }
  u8() { this.need(1); return this.view.getUint8(this.offset++); }
  u16() { this.need(2); const v = this.view.getUint16(this.offset, true); this.offset += 2; return v; }
  u32() { this.need(4); const v = this.view.getUint32(this.offset, true); this.offset += 4; return v; }
  i32() { this.need(4); const v = this.view.getInt32(this.offset, true); this.offset += 4; return v; }
  f32() { this.need(4); const v = this.view.getFloat32(this.offset, true); this.offset += 4; return v; }
  bytes(n) {
    this.need(n);
    const out = new Uint8Array(this.buffer.slice(this.offset, this.offset + n));
    this.offset += n;
    return out;
  }
  str() { const n = this.u16(); return utf8.decode(this.bytes(n)); }
  /** m points (f32 x, f32 y) as a Float32Array [x0, y0, x1, y1, …]. */
  xy(m) {
    this.need(8 * m);
    const out = new Float32Array(2 * m);
    for (let i = 0; i < 2 * m; i++) { out[i] = this.view.getFloat32(this.offset, true); this.offset += 4; }
    return out;
  }
}

/** Decodes one binary frame into a plain object that mirrors the layout. */
export function decodeFrame(buffer) {
  const r = new Reader(buffer);
  const magic = r.u32();
  if (magic !== MAGIC) throw new Error(`not a Warpscope frame (magic 0x${magic.toString(16)})`);
  const frame = {
    seq: r.u32(),
    epoch: r.u32(),
    flags: r.u32(),
    trainLoss: r.f32(),
    testLoss: r.f32(),
    trainAccuracy: r.f32(),
    testAccuracy: r.f32(),
    timelineLength: r.u32(),
    timelineIndex: r.i32(),
    timelineEpoch: r.u32(),
    views: [],
  };
  frame.playing = (frame.flags & FrameFlags.playing) !== 0;
  frame.diverged = (frame.flags & FrameFlags.diverged) !== 0;
  frame.scrubbing = (frame.flags & FrameFlags.scrubbing) !== 0;
  frame.morph = (frame.flags & FrameFlags.morph) !== 0;
  // A regression's frames carry R² where a classifier's carry accuracy.
  frame.regression = (frame.flags & FrameFlags.regression) !== 0;
  const count = r.u8();
  for (let v = 0; v < count; v++) frame.views.push(readView(r));
  frame.diagram = r.offset < r.view.byteLength && r.u8() === 1 ? readDiagram(r) : null;
  return frame;
}

/**
 * The network diagram: u8 side, u8 columns; per column u16 units, u8 shown, and per shown unit a
 * label, f32 lo, f32 hi and side² bytes quantised to lo..hi (rows from the top); then between columns
 * f32 scale and [out][in] signed bytes of w / scale · 127.
 */
function readDiagram(r) {
  const side = r.u8();
  const count = r.u8();
  const columns = [];
  for (let c = 0; c < count; c++) {
    const units = r.u16();
    const shown = [];
    for (let u = r.u8(); u > 0; u--) shown.push({ label: r.str(), lo: r.f32(), hi: r.f32(), cells: r.bytes(side * side) });
    columns.push({ units, shown });
  }
  const weights = [];
  for (let c = 0; c + 1 < count; c++) {
    const scale = r.f32();
    const bytes = r.bytes(columns[c].shown.length * columns[c + 1].shown.length);
    weights.push(Float32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), (b) => (b / 127) * scale));
  }
  return { side, columns, weights };
}

/** A quantised field: u16 cols, u16 rows, then a byte of winning class and a byte of its probability per sample (or null). */
function readField(r) {
  const cols = r.u16();
  const rows = r.u16();
  return cols && rows ? { cols, rows, classes: r.bytes(cols * rows), probs: r.bytes(cols * rows) } : null;
}

function readView(r) {
  const view = { kind: r.u8(), layer: r.u8(), classes: r.u8(), flags: r.u8() };
  view.window = { xmin: r.f32(), xmax: r.f32(), ymin: r.f32(), ymax: r.f32() };
  view.title = r.str();
  view.subtitle = r.str();
  view.xLabel = r.str();
  view.yLabel = r.str();
  view.axes = (view.flags & ViewFlags.axes) !== 0;
  view.threeD = (view.flags & ViewFlags.threeD) !== 0;
  view.stretch = (view.flags & ViewFlags.stretch) !== 0;
  // A regression view: its colour scale; its field is coloured by value, its points' class bytes are colour levels 0…64.
  view.values = (view.flags & ViewFlags.values) !== 0 ? { low: r.f32(), high: r.f32(), name: r.str() } : null;

  view.field = readField(r);

  view.regions = [];
  for (let n = r.u16(), i = 0; i < n; i++) {
    const cls = r.u8();
    view.regions.push({ cls, points: r.xy(r.u16()) });
  }

  // The carried field: vertices once, then cells as rings of vertex indices.
  const vertices = r.xy(r.u32());
  view.vertices = vertices;
  view.cells = [];
  for (let n = r.u32(), i = 0; i < n; i++) {
    const cell = { cls: r.u8(), prob: r.u8(), stretch: r.f32() };
    const k = r.u16();
    r.need(4 * k);
    const ring = new Uint32Array(k);
    for (let j = 0; j < k; j++) { ring[j] = r.view.getUint32(r.offset, true); r.offset += 4; }
    cell.ring = ring;
    view.cells.push(cell);
  }
  view.sheetField = readField(r);

  view.lines = [];
  for (let n = r.u32(), i = 0; i < n; i++) {
    const kind = r.u8();
    view.lines.push({ kind, points: r.xy(r.u32()) });
  }

  view.points = [];
  for (let n = r.u32(), i = 0; i < n; i++) {
    view.points.push({ x: r.f32(), y: r.f32(), cls: r.u8(), test: r.u8() !== 0, index: r.u16() });
  }

  view.labels = [];
  for (let n = r.u16(), i = 0; i < n; i++) view.labels.push({ x: r.f32(), y: r.f32(), text: r.str() });
  return view;
}
