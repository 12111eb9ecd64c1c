// The morph slider (t ∈ [0, L], play, off) and the timeline slider (snapshots, live).

const $ = (id) => document.getElementById(id);
const MORPH_STEP = 0.025; // t per received frame while the morph plays

export class Playback {
  /** @param {{ sendMorph: (t: number|null) => void, sendScrub: (k: number) => void }} io */
  constructor(io) {
    this.io = io;
    this.layers = 0;
    this.playing = false;
    this.t = 0;
    this.morphOn = false;
    const slider = $('morph-t');
    slider.addEventListener('input', () => {
      this.stop();
      this.t = Number(slider.value);
      this.morphOn = true;
      this.showT();
      io.sendMorph(this.t);
    });
    $('morph-play').addEventListener('click', () => {
      if (this.playing) {
        this.stop();
        return;
      }
      if (this.layers === 0) return;
      this.playing = true;
      this.morphOn = true;
      if (this.t >= this.layers) this.t = 0;
      $('morph-play').textContent = 'Stop morph';
      $('morph-play').setAttribute('aria-pressed', 'true');
      this.showT();
      io.sendMorph(this.t);
    });
    $('morph-off').addEventListener('click', () => {
      this.stop();
      this.morphOn = false;
      this.t = 0; // the slider goes back to the start with the morph
      this.showT();
      io.sendMorph(null);
    });
    const timeline = $('timeline');
    timeline.addEventListener('input', () => {
      this.scrubbing = true;
      io.sendScrub(Number(timeline.value));
    });
    timeline.addEventListener('change', () => { this.scrubbing = false; });
    $('timeline-live').addEventListener('click', () => io.sendScrub(-1));
  }

  stop() {
    this.playing = false;
    $('morph-play').textContent = 'Play morph';
    $('morph-play').setAttribute('aria-pressed', 'false');
  }

  setLayers(layers) {
    this.layers = layers;
    const slider = $('morph-t');
    slider.max = String(layers);
    slider.disabled = layers === 0;
    $('morph-play').disabled = layers === 0;
    $('morph-off').disabled = layers === 0;
    if (this.t > layers) this.t = layers;
    slider.value = String(this.t);
    this.showT();
  }

  showT() {
    $('morph-value').textContent = this.morphOn ? `t = ${this.t.toFixed(2)}` : 'off';
    $('morph-t').value = String(this.t);
  }

  /** Called for every drawn frame: follows the server's flags and advances a playing morph. */
  onFrame(frame) {
    if (!frame.morph && this.morphOn && !this.playing) {
      // The server left the morph (e.g. a new network): follow it.
      this.morphOn = false;
      this.showT();
    }
    if (this.playing) {
      this.t += MORPH_STEP;
      if (this.t > this.layers + 1e-6) this.t = 0;
      this.showT();
      this.io.sendMorph(Math.min(this.t, this.layers));
    }
    const timeline = $('timeline');
    const length = frame.timelineLength;
    timeline.max = String(Math.max(0, length - 1));
    timeline.disabled = length === 0;
    if (!this.scrubbing || document.activeElement !== timeline) {
      timeline.value = String(frame.timelineIndex < 0 ? Math.max(0, length - 1) : frame.timelineIndex);
    }
    $('timeline-live').disabled = frame.timelineIndex < 0;
    $('timeline-value').textContent = frame.timelineIndex < 0
      ? 'live'
      : `epoch ${frame.timelineEpoch} (${frame.timelineIndex + 1} of ${length})`;
  }
}
