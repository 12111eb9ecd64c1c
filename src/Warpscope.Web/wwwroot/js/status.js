// The status line (#status, dismissible, never alert()) and the divergence banner (#diverged).

const $ = (id) => document.getElementById(id);

export class StatusLine {
  constructor() {
    this.bar = $('status-bar');
    this.text = $('status');
    this.timer = 0;
    $('status-dismiss').addEventListener('click', () => this.clear());
  }

  /** kind: 'info' (fades after a few seconds), 'error' or 'sticky' (stays until dismissed or replaced). */
  show(message, kind = 'info') {
    clearTimeout(this.timer);
    this.text.textContent = message;
    this.bar.dataset.kind = kind;
    this.bar.classList.add('visible');
    if (kind === 'info') this.timer = setTimeout(() => this.clear(), 4000);
  }

  clear() {
    clearTimeout(this.timer);
    this.text.textContent = '';
    this.bar.classList.remove('visible');
    delete this.bar.dataset.kind;
  }

  get kind() {
    return this.bar.dataset.kind;
  }
}

export class DivergedBanner {
  /** @param {() => void} onReset */
  constructor(onReset) {
    this.banner = $('diverged');
    this.message = $('diverged-message');
    $('diverged-reset').addEventListener('click', onReset);
  }

  show(message) {
    // The server's message starts "training diverged at epoch …": then it is the whole sentence, not a second "diverged".
    const whole = /^training diverged/i.test(message ?? '');
    this.banner.querySelector('strong').hidden = whole;
    if (message) this.message.textContent = whole ? message.charAt(0).toUpperCase() + message.slice(1) : message;
    else if (!this.message.textContent) this.message.textContent = 'Training produced NaN or infinite values and stopped on the last finite weights.';
    this.banner.hidden = false;
  }

  hide() {
    this.banner.hidden = true;
    this.message.textContent = '';
  }

  get visible() {
    return !this.banner.hidden;
  }
}
