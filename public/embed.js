/**
 * Lottery Lens embed kit: the <lottery-lens> element. No dependencies; types in embed.d.ts.
 *
 *   <script src="(the app's URL)/embed.js" defer></script>
 *   <lottery-lens query="seedInit=7&steps=400" panel="features" style="height: 420px"></lottery-lens>
 *
 *   const lens = document.querySelector('lottery-lens');
 *   const state = await lens.send({ type: 'getState' });        // resolves with the `state` event
 *   await lens.send({ type: 'play' });                           // resolves once the app accepted it
 *   lens.addEventListener('lens-finished', (e) => console.log(e.detail.phase));
 *
 * The element builds an iframe of the app in embed mode (`<src>?<query>&panel=<panel>&embed=1`),
 * waits for its `ready` event and holds commands sent before it. `send` adds a request id and
 * settles with the reply that carries it: getState with `state`, exportRun with `run`, any other
 * command with `accepted`; `error` rejects with an Error of the app's message. Every event of the
 * app is dispatched on the element as a CustomEvent `lens-<type>` whose detail is the message.
 * Only messages from the element's own iframe, from the app's origin, are read.
 */
(() => {
  const API_VERSION = 1;
  const TAG = 'lottery-lens';
  if (customElements.get(TAG)) return; // loaded twice: the first definition stays

  /** The folder this script was loaded from: the app's root, by default. */
  function scriptBase() {
    const current = document.currentScript;
    if (current instanceof HTMLScriptElement && current.src) return new URL('./', current.src).href;
    // As a module there is no currentScript: the last script whose file is embed.js.
    const scripts = [...document.querySelectorAll('script[src]')].filter((s) => /\/embed\.js([?#]|$)/.test(/** @type {HTMLScriptElement} */ (s).src));
    const last = /** @type {HTMLScriptElement | undefined} */ (scripts.at(-1));
    return new URL('./', last ? last.src : document.baseURI).href;
  }
  const BASE = scriptBase();
  const DEFAULT_LABEL = 'Lottery Lens: an interactive figure';
  const STYLE = ':host{display:block;height:400px;min-width:280px}:host([hidden]){display:none}iframe{display:block;box-sizing:border-box;width:100%;height:100%;border:0}';
  let instances = 0;

  /**
   * @typedef {{ resolve: (message: object) => void, reject: (error: Error) => void, answer: string }} Pending
   * @typedef {{ lotteryLens: number, type: string, id?: string | number, message?: string, [key: string]: unknown }} Message
   */

  /** An Error carrying the app's `error` event (null when the element itself gave up). */
  function lensError(/** @type {string} */ message, /** @type {Message | null} */ detail) {
    const error = /** @type {Error & { detail: Message | null }} */ (new Error(message));
    error.name = 'LensError';
    error.detail = detail;
    return error;
  }

  /** @typedef {import('./embed').LotteryLensElement} LotteryLensApi the interface embed.d.ts declares */
  /** @implements {LotteryLensApi} */
  class LotteryLensElement extends HTMLElement {
    static get observedAttributes() {
      return ['query', 'panel', 'src', 'label'];
    }

    /** @type {HTMLIFrameElement | null} */
    #frame = null;
    #origin = '';
    #ready = false;
    /** Commands sent before `ready`, in order. @type {Message[]} */
    #queue = [];
    /** Commands posted or queued, by request id, until their reply. @type {Map<string, Pending>} */
    #pending = new Map();
    #prefix = `lens${++instances}-`;
    #count = 0;
    #listener = (/** @type {MessageEvent} */ e) => this.#receive(e);

    constructor() {
      super();
      const style = document.createElement('style');
      style.textContent = STYLE;
      this.attachShadow({ mode: 'open' }).append(style);
    }

    get query() {
      return this.getAttribute('query') ?? '';
    }
    set query(value) {
      this.setAttribute('query', value);
    }
    get panel() {
      return this.getAttribute('panel') ?? '';
    }
    set panel(value) {
      this.setAttribute('panel', value);
    }
    get src() {
      return new URL(this.getAttribute('src') || BASE, document.baseURI).href;
    }
    set src(value) {
      this.setAttribute('src', value);
    }
    get label() {
      return this.getAttribute('label') || DEFAULT_LABEL;
    }
    set label(value) {
      this.setAttribute('label', value);
    }
    get ready() {
      return this.#ready;
    }

    connectedCallback() {
      window.addEventListener('message', this.#listener);
      if (!this.#frame) this.#load();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.#listener);
      this.#unload('the <lottery-lens> element was removed from the page');
      for (const message of this.#queue.splice(0)) this.#settle(String(message.id), lensError('the <lottery-lens> element was removed from the page', null));
    }

    attributeChangedCallback(/** @type {string} */ name, /** @type {string | null} */ before, /** @type {string | null} */ after) {
      if (before === after || !this.#frame) return;
      if (name === 'label') this.#frame.title = this.label;
      else {
        this.#unload('the figure was reloaded: its query, panel or src changed');
        this.#load();
      }
    }

    /** The app's URL in embed mode: the query's keys, the panel attribute's panel, and `embed`. */
    #url() {
      const url = new URL(this.src);
      const params = new URLSearchParams(this.query.replace(/^\?/, ''));
      params.delete('embed');
      if (this.panel) params.set('panel', this.panel);
      params.set('embed', '1');
      url.search = params.toString();
      url.hash = '';
      return url;
    }

    #load() {
      const url = this.#url();
      this.#origin = url.origin;
      const frame = document.createElement('iframe');
      frame.title = this.label;
      frame.src = url.href;
      this.#frame = frame;
      /** @type {ShadowRoot} */ (this.shadowRoot).append(frame);
    }

    /** Drops the frame; commands it had been sent can no longer be answered. Queued ones wait for the next frame. */
    #unload(/** @type {string} */ reason) {
      this.#frame?.remove();
      this.#frame = null;
      this.#ready = false;
      const queued = new Set(this.#queue.map((m) => m.id));
      for (const id of [...this.#pending.keys()]) if (!queued.has(id)) this.#settle(id, lensError(reason, null));
    }

    /**
     * Sends one command. Resolves with the reply that carries its request id (getState: `state`,
     * exportRun: `run`, any other: `accepted`); rejects with an Error of the app's message.
     * @param {{ type: string, [key: string]: unknown }} command
     * @returns {Promise<any>}
     */
    send(command) {
      if (typeof command !== 'object' || command === null || typeof command.type !== 'string') {
        return Promise.reject(new TypeError('send: give a command object, such as { type: "play" }.'));
      }
      if ('id' in command) return Promise.reject(new TypeError('send: leave id out; the element adds its own and matches the reply to it.'));
      const id = `${this.#prefix}${++this.#count}`;
      const message = { ...command, lotteryLens: API_VERSION, id };
      const answer = command.type === 'getState' ? 'state' : command.type === 'exportRun' ? 'run' : 'accepted';
      return new Promise((resolve, reject) => {
        this.#pending.set(id, { resolve, reject, answer });
        if (this.#ready) this.#post(message);
        else this.#queue.push(message);
      });
    }

    #post(/** @type {Message} */ message) {
      try {
        const win = this.#frame?.contentWindow;
        if (!win) throw lensError('the figure is not loaded', null);
        win.postMessage(message, this.#origin === 'null' ? '*' : this.#origin);
      } catch (error) {
        this.#settle(String(message.id), error instanceof Error ? error : lensError(String(error), null));
      }
    }

    /** Settles a pending command: with a message (resolve) or an Error (reject). */
    #settle(/** @type {string} */ id, /** @type {Message | Error} */ outcome) {
      const pending = this.#pending.get(id);
      if (!pending) return;
      this.#pending.delete(id);
      if (outcome instanceof Error) pending.reject(outcome);
      else pending.resolve(outcome);
    }

    #receive(/** @type {MessageEvent} */ e) {
      const frame = this.#frame;
      if (!frame || e.source !== frame.contentWindow || e.origin !== this.#origin) return;
      const data = e.data;
      if (typeof data !== 'object' || data === null || data.lotteryLens !== API_VERSION || typeof data.type !== 'string') return;
      const message = /** @type {Message} */ (data);
      if (message.type === 'ready' && !this.#ready) {
        this.#ready = true;
        for (const queued of this.#queue.splice(0)) this.#post(queued);
      }
      this.dispatchEvent(new CustomEvent(`lens-${message.type}`, { detail: message }));
      const id = typeof message.id === 'string' ? message.id : null;
      const pending = id === null ? undefined : this.#pending.get(id);
      if (id === null || !pending) return;
      if (message.type === 'error') this.#settle(id, lensError(String(message.message), message));
      else if (message.type === pending.answer) this.#settle(id, message);
    }
  }

  customElements.define(TAG, LotteryLensElement);
})();
