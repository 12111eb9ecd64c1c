// The session's state is one query string (docs/web-protocol.md, "The state").
// This module reads and writes it without re-encoding what it does not own.

export const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'curves', 'rings', 'moons'];
/** TensorFlow Playground's regression datasets: a value per point, not a class. */
export const REGRESSION_DATASETS = ['plane', 'multigauss'];
/** Data of space (x, y, z): fed x, y and z, shown as a 3-D scatter that turns like a 3-D hidden view. */
export const THREE_D_DATASETS = ['tori'];
export const ACTIVATIONS = ['tanh', 'relu', 'leaky-relu', 'sigmoid', 'softplus', 'sine', 'linear'];
export const FEATURES = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
export const MAX_LAYERS = 16;
export const MAX_UNITS = 64;

/** Keys copied verbatim from the last canonical state when the data is custom (task: a custom regression's). */
const VERBATIM = ['pts', 'names', 'task'];

/** Splits a query into [rawKey, rawValue] pairs, decoding nothing. */
export function rawPairs(query) {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (!q) return [];
  return q.split('&').filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
  });
}

function decode(raw) {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The query as a Map of decoded values (last one wins). */
export function parseState(query) {
  const map = new Map();
  for (const [k, v] of rawPairs(query)) map.set(decode(k), decode(v));
  return map;
}

/** Encodes a value, keeping the separators the protocol uses readable. */
function encode(value) {
  return encodeURIComponent(String(value)).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/**
 * The full query for `values` (a Map or object of decoded values built from the controls), starting
 * from the last canonical state so keys without a control survive; `pts`/`names` are copied verbatim
 * from `lastState` when the data is custom and dropped otherwise.
 */
export function buildState(lastState, values) {
  const entries = values instanceof Map ? [...values] : Object.entries(values);
  const wanted = new Map(entries.filter(([, v]) => v !== undefined && v !== null));
  const custom = wanted.get('data') === 'custom';
  const out = [];
  const seen = new Set();
  for (const [rawKey, rawValue] of rawPairs(lastState || '')) {
    const key = decode(rawKey);
    if (seen.has(key)) continue;
    seen.add(key);
    if (VERBATIM.includes(key)) {
      if (custom) out.push(`${rawKey}=${rawValue}`);
    } else if (wanted.has(key)) {
      out.push(`${encode(key)}=${encode(wanted.get(key))}`);
    } else {
      out.push(`${rawKey}=${rawValue}`);
    }
  }
  for (const [key, value] of wanted) {
    if (!seen.has(key) && !VERBATIM.includes(key)) out.push(`${encode(key)}=${encode(value)}`);
  }
  return out.join('&');
}

/** Hidden widths from `layers` ("" = none). */
export function parseLayers(text) {
  if (!text) return [];
  return text.split(',').map((s) => parseInt(s, 10)).filter((n) => Number.isFinite(n));
}

/** One activation per hidden layer from `act` (one value for all, or one per layer). */
export function parseActivations(text, count) {
  const list = (text || 'tanh').split(',').filter(Boolean);
  return Array.from({ length: count }, (_, i) => list.length === 1 ? list[0] : (list[i] ?? list[list.length - 1] ?? 'tanh'));
}

/** `act` for a list of activations: one value when they are all the same. */
export function formatActivations(list) {
  if (list.length === 0) return 'tanh';
  return list.every((a) => a === list[0]) ? list[0] : list.join(',');
}

/** `proj` split into its mode and units: "units:0,3" → { mode: 'units', units: [0, 3] }. */
export function parseProjection(text) {
  const value = text || 'auto';
  if (value.startsWith('units:')) {
    const units = value.slice(6).split(',').map((s) => parseInt(s, 10)).filter((n) => Number.isFinite(n));
    return { mode: 'units', units };
  }
  return { mode: value, units: [] };
}
