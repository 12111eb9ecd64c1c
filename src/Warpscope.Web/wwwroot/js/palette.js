// Colours of every view, exactly the renderer's (src/Warpscope.Rendering/Palette.cs).

/** Okabe–Ito class colours: blue, orange, bluish green, reddish purple, vermillion, sky blue, yellow, near black. */
export const CLASS_HEX = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#333333'];
const CLASS_RGB = CLASS_HEX.map(hexToRgb);

export const INK = '#222222';
export const MUTED = '#666666';
export const GRID = 'rgba(48,48,48,0.44)'; // #303030 at alpha 0x70
const SHRUNK = [0x76, 0x2A, 0x83];
const STRETCHED = [0x1B, 0x78, 0x37];

function hexToRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

// The renderer's arithmetic (Palette.cs): single precision at every step, halves rounded to even
// (MathF.Round), so every colour is the same byte on the page and in a PNG.
const f = Math.fround;
function roundHalfEven(x) {
  const r = Math.round(x);
  return x - Math.floor(x) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
const mix = (channel, amount) => roundHalfEven(f(255 + f((channel - 255) * amount)));

export function classColour(c) {
  return CLASS_HEX[((c % CLASS_HEX.length) + CLASS_HEX.length) % CLASS_HEX.length];
}

/** White mixed with the class colour by how sure the network is: [r, g, b]. */
export function tint(cls, p, classes) {
  const k = Math.max(2, classes);
  const share = f(1 / k);
  const sure = Math.min(1, Math.max(0, f(f(f(p) - share) / f(1 - share))));
  const a = f(0.45 * f(Math.sqrt(sure)));
  const c = CLASS_RGB[cls % CLASS_RGB.length];
  return [mix(c[0], a), mix(c[1], a), mix(c[2], a)];
}

const tables = new Map();

/**
 * Tints for probabilities quantised to 1/255, packed as little-endian RGBA uint32 (ImageData order):
 * table[cls * 256 + level].
 */
export function tintTable(classes) {
  let table = tables.get(classes);
  if (table) return table;
  table = new Uint32Array(8 * 256);
  for (let c = 0; c < 8; c++) {
    for (let level = 0; level < 256; level++) {
      const [r, g, b] = tint(c, level / 255, classes);
      table[c * 256 + level] = (r | (g << 8) | (b << 16) | 0xff000000) >>> 0;
    }
  }
  tables.set(classes, table);
  return table;
}

/** A cell whose area the layer multiplies by `s`: purple when shrunk, green when stretched. */
export function stretchColour(s) {
  const t = Math.min(1, Math.max(-1, f(f(Math.log2(f(Math.max(f(s), f(1e-30))))) / 4)));
  const end = t < 0 ? SHRUNK : STRETCHED;
  const a = f(0.75 * Math.abs(t));
  return [mix(end[0], a), mix(end[1], a), mix(end[2], a)];
}

export const css = ([r, g, b]) => `rgb(${r},${g},${b})`;

/** A region's fill: the class colour at alpha 0x26, grey for "no class". */
export function regionColour(cls, classes) {
  if (cls >= classes || cls >= 255) return 'rgba(85,85,85,0.19)';
  const [r, g, b] = CLASS_RGB[cls % CLASS_RGB.length];
  return `rgba(${r},${g},${b},0.149)`;
}

// A regression view's colours (Palette.Value, Palette.ValueTint; the scale is Core's ValueScale): orange
// (class 1's colour) for low values, white in the middle, blue (class 0's) for high ones.

/** A point's colour at position u ∈ [0, 1] of the scale, quantised to 1/64 as the renderer's: [r, g, b]. */
export function valueColour(u) {
  const s = roundHalfEven(f(f(Math.min(1, Math.max(-1, f(f(2 * u) - 1)))) * 32));
  return valueLevelColour(Number.isNaN(s) ? 32 : 32 + s);
}

/** The colour of level k ∈ 0…64 (a frame's regression point: k = 32 + round(32·(2u − 1))). */
export function valueLevelColour(k) {
  const s = f((k - 32) / 32);
  const c = s >= 0 ? CLASS_RGB[0] : CLASS_RGB[1];
  const a = f(Math.sqrt(Math.abs(s)));
  return [mix(c[0], a), mix(c[1], a), mix(c[2], a)];
}

/** The field's tint at position u: the two-class tint of the winning end, as the field's own bytes paint it. */
export function valueTint(u) {
  return u >= 0.5 ? tint(0, u, 2) : tint(1, f(1 - u), 2);
}

const END = f(0.95);
const END_LOG = f(Math.log(f(END / f(1 - END))));

/** u = σ(α(v − mid)) on the scale { low, high }: 0.05 at low, 0.95 at high (ValueScale.Position, in single precision). */
export function valuePosition(scale, v) {
  const mid = f(0.5 * f(scale.low + scale.high));
  const sharpness = f(END_LOG / f(0.5 * f(scale.high - scale.low)));
  return f(1 / f(1 + f(Math.exp(f(-sharpness * f(v - mid))))));
}
