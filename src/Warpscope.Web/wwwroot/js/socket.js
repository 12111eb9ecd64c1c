// One WebSocket per page at /ws, reconnected with backoff when it closes.

export class Connection {
  /**
   * @param {object} handlers onOpen(), onText(message), onBinary(ArrayBuffer), onClose(delayMs)
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.ws = null;
    this.attempt = 0;
    this.timer = 0;
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws`;
  }

  connect() {
    clearTimeout(this.timer);
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    // The backoff starts over only once the server has taken the page (established()): a server that
    // accepts the socket and then refuses the session (full) is retried ever more slowly, not every second.
    ws.onopen = () => this.handlers.onOpen();
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') {
        let message;
        try {
          message = JSON.parse(event.data);
        } catch {
          this.handlers.onText({ type: 'error', message: 'the server sent a message that is not JSON' });
          return;
        }
        this.handlers.onText(message);
      } else {
        this.handlers.onBinary(event.data);
      }
    };
    // onerror is always followed by onclose; the retry is scheduled there.
    ws.onerror = () => {};
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.scheduleRetry();
    };
  }

  scheduleRetry() {
    const delay = Math.min(30000, 1000 * 2 ** this.attempt) * (0.8 + 0.4 * Math.random());
    this.attempt = Math.min(this.attempt + 1, 6);
    this.handlers.onClose(delay);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** The server took the page (its first state arrived): the next loss retries after a second again. */
  established() {
    this.attempt = 0;
  }

  /** Retries now (e.g. from a "reconnect" button). */
  retryNow() {
    if (this.ws) return;
    this.connect();
  }

  get open() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a JSON message; false when the socket is not open (the message is dropped). */
  send(message) {
    if (!this.open) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }
}
