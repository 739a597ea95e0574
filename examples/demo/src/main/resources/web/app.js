// Herald demo page: a plain browser WebSocket speaking Kuzzle's real-time API.
// No library and no build step. Every piece of text that comes from the user or the server is
// inserted with textContent (see el() below), never as HTML.
'use strict';

(function () {
  // ---- settings ----------------------------------------------------------------------------

  const HEARTBEAT_MS = 10000;       // {"p":1} every 10 s, as Kuzzle's SDKs do
  const SILENCE_LIMIT_MS = 35000;   // no frame at all for this long (3 heartbeats): the link is dead
  const REQUEST_TIMEOUT_MS = 15000;
  const RECONNECT_MIN_MS = 1000;
  const RECONNECT_MAX_MS = 10000;
  const MAX_LOG_ENTRIES = 200;      // the counter keeps counting; the log keeps the newest ones
  const SERVER_ROOM = 'kuzzle:notification:server';

  const EXAMPLE_FILTERS = [
    ['everything', {}],
    ['color is blue', { equals: { color: 'blue' } }],
    ['adults', { range: { age: { gte: 18 } } }],
    ['adults in London', { and: [{ equals: { city: 'London' } }, { range: { age: { gte: 18 } } }] }],
    ['blue or green', { in: { color: ['blue', 'green'] } }],
    ['has a name', { exists: 'name' }],
    ['not red', { not: { equals: { color: 'red' } } }],
  ];

  const EXAMPLE_BODIES = [
    ['blue', { color: 'blue', name: 'first item' }],
    ['red', { color: 'red' }],
    ['London, 30', { city: 'London', age: 30, name: 'Ada' }],
    ['Paris, 12', { city: 'Paris', age: 12 }],
  ];

  // ---- small helpers -----------------------------------------------------------------------

  const $ = (id) => document.getElementById(id);

  /** Builds an element; strings among the children become text nodes (so they are never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name.startsWith('data-')) node.setAttribute(name, String(value));
      else if (name in node) node[name] = value;
      else node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function compactJson(value, max) {
    let text;
    try {
      text = JSON.stringify(value);
    } catch (e) {
      text = String(value);
    }
    if (text === undefined) text = String(value);
    return max && text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  function prettyJson(value) {
    try {
      return JSON.stringify(value, null, 2);
    } catch (e) {
      return String(value);
    }
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString();
  }

  function shorten(id) {
    if (typeof id !== 'string') return String(id);
    const dash = id.lastIndexOf('-');
    if (dash > 8) return id.slice(0, 8) + '…' + id.slice(dash); // channels are "<roomId>-<options hash>"
    return id.length > 12 ? id.slice(0, 8) + '…' : id;
  }

  /** A <details> holding pretty-printed JSON, closed by default. */
  function jsonDetails(label, value) {
    return el('details', { class: 'json' }, el('summary', {}, label), el('pre', {}, prettyJson(value)));
  }

  // Request ids: a per-page prefix and a counter (crypto.randomUUID only exists on https and localhost).
  const idPrefix = Math.random().toString(36).slice(2, 8);
  let requestCounter = 0;
  const nextRequestId = () => `page-${idPrefix}-${++requestCounter}`;

  // ---- state -------------------------------------------------------------------------------

  const wsUrl = location.host ? (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/' : null;

  let socket = null;             // the open (or opening) WebSocket, null when disconnected
  let connected = false;
  let lastFrameAt = 0;
  let reconnectDelay = RECONNECT_MIN_MS;
  let reconnectAt = 0;
  let reconnectTimer = null;
  let everConnected = false;

  const pending = new Map();     // requestId -> { resolve, timer }

  let auth = null;               // { jwt, user, expiresAt (local clock) } while logged in
  let authNote = '';             // why the last token was forgotten

  const subscriptions = new Map(); // channel -> subscription (see subscribe())
  let subscriptionNumber = 0;

  let notificationCount = 0;
  let expiredBatch = null;       // { at, labels } while TokenExpired notifications are arriving

  // ---- connection --------------------------------------------------------------------------

  function setStatus(state, text) {
    const status = $('status');
    status.dataset.state = state;
    status.textContent = text;
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (!wsUrl) {
      setStatus('disconnected', 'Not connected: open this page from the Herald demo server (http://localhost:7512/), not as a file.');
      return;
    }
    setStatus('connecting', everConnected ? `reconnecting to ${wsUrl}…` : `connecting to ${wsUrl}…`);
    let ws;
    try {
      ws = new WebSocket(wsUrl);
    } catch (e) {
      lost(`cannot open ${wsUrl}: ${e.message}`);
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      connected = true;
      lastFrameAt = Date.now();
      reconnectDelay = RECONNECT_MIN_MS;
      setStatus('connected', `connected to ${wsUrl}`);
      setControlsEnabled(true);
      const wasReconnect = everConnected;
      everConnected = true;
      if (wasReconnect) resubscribeAll();
    };
    ws.onmessage = (event) => {
      if (socket !== ws) return;
      lastFrameAt = Date.now();
      onFrame(event.data);
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      lost(event.code === 1000 ? 'closed' : `connection lost (code ${event.code})`);
    };
    ws.onerror = () => { /* a close event follows and handles it */ };
  }

  /** The connection is gone: fail what waits for an answer, mark subscriptions offline, and retry later. */
  function lost(reason) {
    const ws = socket;
    socket = null;
    connected = false;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try { ws.close(); } catch (e) { /* already closed */ }
    }
    for (const [requestId, waiter] of pending) {
      clearTimeout(waiter.timer);
      waiter.resolve({ requestId, status: 0, error: { message: `no answer: ${reason}` }, result: null });
    }
    pending.clear();
    setControlsEnabled(false);
    renderSubscriptions();
    reconnectAt = Date.now() + reconnectDelay;
    reconnectTimer = setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
    showReconnectCountdown(reason);
  }

  function showReconnectCountdown(reason) {
    if (connected || !reconnectTimer) return;
    const seconds = Math.max(0, Math.ceil((reconnectAt - Date.now()) / 1000));
    const why = reason || $('status').dataset.reason || 'disconnected';
    $('status').dataset.reason = why;
    setStatus('disconnected', `disconnected: ${why}; reconnecting in ${seconds} s`);
  }

  function setControlsEnabled(enabled) {
    for (const id of ['subscribe', 'login', 'create', 'createOrReplace', 'replace', 'update', 'delete', 'get', 'publish']) {
      $(id).disabled = !enabled;
    }
  }

  /** Sends a request and resolves with its response (never rejects: transport problems become an error). */
  function request(payload) {
    return new Promise((resolve) => {
      const message = Object.assign({}, payload, { requestId: nextRequestId() });
      if (auth && !('jwt' in message)) message.jwt = auth.jwt;
      if (!connected || !socket) {
        resolve({ requestId: message.requestId, status: 0, error: { message: 'not connected to the server' }, result: null });
        return;
      }
      const timer = setTimeout(() => {
        pending.delete(message.requestId);
        resolve({ requestId: message.requestId, status: 0, error: { message: `no answer after ${REQUEST_TIMEOUT_MS / 1000} s` }, result: null });
      }, REQUEST_TIMEOUT_MS);
      pending.set(message.requestId, { resolve, timer });
      socket.send(JSON.stringify(message));
    });
  }

  function heartbeat() {
    if (!connected || !socket) return;
    if (Date.now() - lastFrameAt > SILENCE_LIMIT_MS) {
      lost('the server stopped answering heartbeats');
      return;
    }
    socket.send('{"p":1}');
  }

  function onFrame(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      console.warn('Herald demo: ignoring a frame that is not JSON', data);
      return;
    }
    if (!message || typeof message !== 'object') return;
    if (message.p === 2) return; // heartbeat answer
    if (!message.type && pending.has(message.room)) {
      const waiter = pending.get(message.room);
      pending.delete(message.room);
      clearTimeout(waiter.timer);
      if (message.error) forgetTokenIfRejected(message.error);
      waiter.resolve(message);
      return;
    }
    if (message.type) {
      onNotification(message);
      return;
    }
    // A response to nothing we sent (the server could not read a frame, for instance).
    showResponse('server', message);
  }

  // ---- responses ---------------------------------------------------------------------------

  /** Shows a response (result or error message) in #last-response. */
  function showResponse(label, response) {
    const box = $('last-response');
    const failed = Boolean(response.error);
    box.dataset.status = failed ? 'error' : 'ok';
    const status = response.status ? String(response.status) : 'failed';
    const parts = [el('strong', {}, label), ' ', el('span', { class: 'badge ' + (failed ? 'badge-error' : 'badge-ok') }, status), ' '];
    if (failed) {
      parts.push(el('span', { class: 'error-text' }, response.error.message || 'error'));
      if (response.error.id) parts.push(' ', el('code', { class: 'muted' }, response.error.id));
    } else {
      parts.push(el('code', { class: 'result' }, compactJson(response.result, 160)));
      if (response.result && typeof response.result === 'object') parts.push(jsonDetails('full result', response.result));
    }
    box.replaceChildren(...parts);
  }

  /** A problem found before sending anything (bad JSON in a field, a missing value). */
  function showLocalError(label, text, field) {
    const box = $('last-response');
    box.dataset.status = 'error';
    box.replaceChildren(el('strong', {}, label), ' ', el('span', { class: 'badge badge-error' }, 'not sent'), ' ',
      el('span', { class: 'error-text' }, text));
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }

  /** Reads a JSON object from a field; shows a plain message and returns undefined when it is not one. */
  function readJsonObject(field, what, label, emptyValue) {
    const text = field.value.trim();
    field.removeAttribute('aria-invalid');
    if (text === '') return emptyValue;
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      showLocalError(label, `${what} is not valid JSON: ${e.message}`, field);
      return undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      showLocalError(label, `${what} must be a JSON object such as {"color": "blue"}.`, field);
      return undefined;
    }
    return value;
  }

  function readName(field, what, label) {
    const text = field.value.trim();
    field.removeAttribute('aria-invalid');
    if (!text) {
      showLocalError(label, `Type ${what} first.`, field);
      return undefined;
    }
    return text;
  }

  // ---- authentication ----------------------------------------------------------------------

  async function login(event) {
    event.preventDefault();
    const label = 'auth:login';
    const username = readName($('username'), 'a username', label);
    if (username === undefined) return;
    const ttl = Number($('ttl').value);
    if (!Number.isInteger(ttl) || ttl <= 0) {
      showLocalError(label, 'The token lifetime must be a whole number of seconds, at least 1.', $('ttl'));
      return;
    }
    $('ttl').removeAttribute('aria-invalid');
    const response = await request({ controller: 'auth', action: 'login', body: { username }, expiresIn: `${ttl}s`, jwt: undefined });
    showResponse(label, response);
    if (response.error) return;
    const result = response.result || {};
    const lifetime = typeof result.ttl === 'number' ? result.ttl : ttl * 1000;
    auth = { jwt: result.jwt, user: result._id || username, expiresAt: Date.now() + lifetime };
    authNote = '';
    renderIdentity();
  }

  function logout() {
    if (auth) authNote = `Logged out ${auth.user} (the token was forgotten).`;
    auth = null;
    renderIdentity();
  }

  function forgetToken(note) {
    if (!auth) return;
    authNote = note;
    auth = null;
    renderIdentity();
  }

  function forgetTokenIfRejected(error) {
    if (auth && typeof error.id === 'string' && error.id.startsWith('security.token.')) {
      forgetToken(`The server rejected ${auth.user}'s token (${error.message}): log in again.`);
    }
  }

  function renderIdentity() {
    const identity = $('identity');
    if (auth && Date.now() >= auth.expiresAt) {
      forgetToken(`${auth.user}'s token expired at ${clock(auth.expiresAt)}: log in again for a new one.`);
      return;
    }
    if (auth) {
      const left = Math.max(0, Math.ceil((auth.expiresAt - Date.now()) / 1000));
      identity.replaceChildren('Logged in as ', el('strong', {}, auth.user),
        `; token expires at ${clock(auth.expiresAt)} (in ${left} s)`);
      identity.dataset.state = 'logged-in';
    } else {
      identity.replaceChildren(authNote || 'Anonymous (logging in is optional)');
      identity.dataset.state = 'anonymous';
    }
    $('logout').hidden = !auth;
    $('login-fields').classList.toggle('dimmed', Boolean(auth));
  }

  // ---- subscriptions -----------------------------------------------------------------------

  async function subscribe(event) {
    event.preventDefault();
    const label = 'realtime:subscribe';
    const index = readName($('index'), 'an index', label);
    if (index === undefined) return;
    const collection = readName($('collection'), 'a collection', label);
    if (collection === undefined) return;
    const filter = readJsonObject($('filter'), 'The filter', label, {});
    if (filter === undefined) return;
    const volatile = readJsonObject($('volatile'), 'The volatile data', label, null);
    if (volatile === undefined) return;

    const params = {
      controller: 'realtime', action: 'subscribe', index, collection, body: filter,
      scope: $('scope').value, users: $('users').value, state: $('state').value,
    };
    if (volatile) params.volatile = volatile;

    const response = await request(params);
    showResponse(label, response);
    if (response.error) return;
    const { roomId, channel } = response.result;
    if (subscriptions.has(channel)) {
      setSubscriptionsNote(`Already subscribed with this filter and these options (subscription #${subscriptions.get(channel).number}).`);
      return;
    }
    const subscription = { number: ++subscriptionNumber, params, roomId, channel, count: null, authenticated: Boolean(auth) };
    subscriptions.set(channel, subscription);
    renderSubscriptions();
    refreshCount(roomId);
  }

  async function refreshCount(roomId) {
    const response = await request({ controller: 'realtime', action: 'count', body: { roomId } });
    if (response.error || !response.result || typeof response.result.count !== 'number') return;
    setCount(roomId, response.result.count);
  }

  /** Counts are per room: every subscription of this connection to the room shows the same number. */
  function setCount(roomId, count) {
    for (const subscription of subscriptions.values()) {
      if (subscription.roomId === roomId) subscription.count = count;
    }
    for (const node of $('subscriptions').querySelectorAll('.subscription')) {
      if (node.dataset.roomId === roomId) node.querySelector('.count').textContent = String(count);
    }
  }

  async function unsubscribe(subscription) {
    const response = await request({ controller: 'realtime', action: 'unsubscribe', body: { roomId: subscription.roomId } });
    showResponse('realtime:unsubscribe', response);
    if (response.error && response.error.id !== 'core.realtime.not_subscribed') return;
    // Unsubscribing leaves the room: every channel of this connection in that room goes with it.
    const removed = removeSubscriptions((s) => s.roomId === subscription.roomId);
    if (removed.length > 1) {
      setSubscriptionsNote(`Unsubscribed from room ${shorten(subscription.roomId)}: that also ended ${removed.filter((s) => s !== subscription).map(describeShort).join(', ')} (same filter, other options).`);
    }
  }

  function removeSubscriptions(predicate) {
    const removed = [];
    for (const [channel, subscription] of subscriptions) {
      if (predicate(subscription)) {
        subscriptions.delete(channel);
        removed.push(subscription);
      }
    }
    if (removed.length) renderSubscriptions();
    return removed;
  }

  /** After a reconnection the server knows nothing of this page: subscribe again, as Kuzzle's SDKs do. */
  async function resubscribeAll() {
    const previous = Array.from(subscriptions.values());
    if (!previous.length) return;
    const failed = [];
    let done = 0;
    for (const subscription of previous) {
      const response = await request(subscription.params);
      if (response.status === 0) continue; // the connection dropped again: the next reconnection retries
      subscriptions.delete(subscription.channel);
      if (response.error) {
        failed.push(`${describeShort(subscription)} (${response.error.message})`);
        continue;
      }
      done++;
      subscription.roomId = response.result.roomId;
      subscription.channel = response.result.channel;
      subscription.count = null;
      subscriptions.set(subscription.channel, subscription);
      refreshCount(subscription.roomId);
    }
    renderSubscriptions();
    setSubscriptionsNote(`Reconnected: subscribed again to ${done} of ${previous.length}.` +
      (failed.length ? ` Lost: ${failed.join('; ')}.` : ''));
  }

  function describeShort(subscription) {
    const p = subscription.params;
    return `#${subscription.number} ${p.index}/${p.collection} ${compactJson(p.body, 40)}`;
  }

  function setSubscriptionsNote(text) {
    const note = $('subscriptions-note');
    if (!text) {
      note.hidden = true;
      note.replaceChildren();
      return;
    }
    note.hidden = false;
    note.replaceChildren(el('span', {}, text), ' ',
      el('button', { type: 'button', class: 'link', title: 'Dismiss', onclick: () => setSubscriptionsNote('') }, 'dismiss'));
  }

  function renderSubscriptions() {
    const list = $('subscriptions');
    const items = [];
    for (const subscription of subscriptions.values()) {
      const p = subscription.params;
      const filterText = compactJson(p.body);
      items.push(el('li', { class: 'subscription' + (connected ? '' : ' offline'), 'data-room-id': subscription.roomId, 'data-channel': subscription.channel },
        el('div', { class: 'sub-head' },
          el('span', { class: 'sub-number' }, `#${subscription.number}`), ' ',
          el('span', { class: 'sub-target' }, `${p.index}/${p.collection}`), ' ',
          el('code', { class: 'sub-filter', title: filterText }, compactJson(p.body, 70))),
        el('div', { class: 'sub-meta' },
          el('span', { class: 'tag' }, `scope: ${p.scope}`),
          el('span', { class: 'tag' }, `users: ${p.users}`),
          el('span', { class: 'tag' }, `state: ${p.state}`),
          p.volatile ? el('span', { class: 'tag', title: compactJson(p.volatile) }, `volatile: ${compactJson(p.volatile, 30)}`) : null,
          subscription.authenticated ? el('span', { class: 'tag tag-auth', title: 'subscribed with a token: it ends when the token expires' }, 'with token') : null),
        el('div', { class: 'sub-ids' },
          'room ', el('code', { title: subscription.roomId }, shorten(subscription.roomId)),
          ' · channel ', el('code', { title: subscription.channel }, shorten(subscription.channel))),
        el('div', { class: 'sub-foot' },
          el('span', { class: 'subscribers' },
            el('span', { class: 'count' }, subscription.count === null ? '…' : String(subscription.count)),
            ' subscriber(s) in this room'),
          connected ? null : el('span', { class: 'muted' }, ' (offline: subscribing again once reconnected)'),
          el('button', { type: 'button', class: 'unsubscribe small', disabled: !connected, onclick: () => unsubscribe(subscription) }, 'Unsubscribe'))));
    }
    list.replaceChildren(...items);
    $('subscriptions-empty').hidden = items.length > 0;
  }

  // ---- documents ---------------------------------------------------------------------------

  const WITH_BODY = ['create', 'createOrReplace', 'replace', 'update', 'publish'];

  async function documentAction(action) {
    const label = action === 'publish' ? 'realtime:publish' : `document:${action}`;
    const index = readName($('doc-index'), 'an index', label);
    if (index === undefined) return;
    const collection = readName($('doc-collection'), 'a collection', label);
    if (collection === undefined) return;
    const id = $('doc-id').value.trim();
    const payload = action === 'publish'
      ? { controller: 'realtime', action: 'publish', index, collection }
      : { controller: 'document', action, index, collection };
    if (id) payload._id = id;
    if (WITH_BODY.includes(action)) {
      const body = readJsonObject($('doc-body'), 'The body', label, {});
      if (body === undefined) return;
      payload.body = body;
    }
    const response = await request(payload);
    showResponse(id ? `${label} ${id}` : label, response);
    // A created document's made-up id goes into the form, ready for Update or Delete.
    if (!response.error && !id && (action === 'create' || action === 'createOrReplace') && response.result && response.result._id) {
      $('doc-id').value = response.result._id;
    }
  }

  // ---- notifications -----------------------------------------------------------------------

  function onNotification(message) {
    notificationCount++;
    $('notification-count').textContent = String(notificationCount);
    const subscription = subscriptions.get(message.room);
    appendToLog(message, subscription);

    if (message.type === 'user' && message.result && typeof message.result.count === 'number') {
      const roomId = subscription ? subscription.roomId : null;
      if (roomId) setCount(roomId, message.result.count);
    } else if (message.type === 'TokenExpired') {
      onTokenExpired(message, subscription);
    }
  }

  /** The server sends TokenExpired once per channel, then once on its own room; the subscriptions are gone. */
  function onTokenExpired(message, subscription) {
    const now = Date.now();
    if (!expiredBatch || now - expiredBatch.at > 2000) expiredBatch = { at: now, labels: [] };
    expiredBatch.at = now;
    let removed = [];
    if (subscription) removed = removeSubscriptions((s) => s === subscription);
    if (message.room === SERVER_ROOM) {
      removed = removed.concat(removeSubscriptions(() => true)); // the server has dropped them all
      // A newer token from a later login is still good: only forget the one that is due now.
      if (auth && auth.expiresAt - now < 3000) forgetToken(`${auth.user}'s token expired: log in again for a new one.`);
    }
    expiredBatch.labels.push(...removed.map(describeShort));
    if (expiredBatch.labels.length) {
      setSubscriptionsNote(`Token expired: the server ended ${expiredBatch.labels.length} subscription(s): ${expiredBatch.labels.join(', ')}.`);
    } else if (message.room === SERVER_ROOM) {
      setSubscriptionsNote('Token expired: the server ended this connection\'s subscriptions.');
    }
  }

  function appendToLog(message, subscription) {
    const type = String(message.type);
    const result = message.result && typeof message.result === 'object' ? message.result : {};
    const attrs = { class: 'notification', 'data-type': type };
    const badges = [el('span', { class: `badge type-${type.toLowerCase()}` }, type)];
    const details = [];

    if (type === 'document') {
      attrs['data-scope'] = message.scope;
      attrs['data-state'] = message.state;
      attrs['data-action'] = message.action;
      badges.push(
        el('span', { class: `badge scope-${message.scope}` }, `scope ${message.scope}`),
        el('span', { class: `badge state-${message.state}` }, message.state));
      details.push(
        el('span', { class: 'action' }, `${message.controller}:${message.action}`),
        el('span', {}, 'document ', el('code', { class: 'doc-id' }, result._id === null || result._id === undefined ? '(none)' : String(result._id))));
      if (Array.isArray(result._updatedFields)) {
        details.push(el('span', { class: 'muted' }, `updated: ${result._updatedFields.join(', ')}`));
      }
    } else if (type === 'user') {
      attrs['data-user'] = message.user;
      attrs['data-action'] = message.action;
      badges.push(el('span', { class: `badge scope-${message.user}` }, `user ${message.user}`));
      details.push(
        el('span', { class: 'action' }, `${message.controller}:${message.action}`),
        el('span', {}, `${typeof result.count === 'number' ? result.count : '?'} subscriber(s) now`));
      if (message.volatile) details.push(el('span', { class: 'muted' }, `volatile ${compactJson(message.volatile, 60)}`));
    } else {
      details.push(el('span', {}, message.message || message.info || ''));
    }

    const where = message.room === SERVER_ROOM
      ? 'server notification'
      : subscription ? describeShort(subscription) : `channel ${shorten(message.room)} (no longer listed)`;
    const at = typeof message.timestamp === 'number' ? message.timestamp : Date.now();

    const entry = el('li', attrs,
      el('div', { class: 'notification-head' }, ...badges,
        el('span', { class: 'where', title: String(message.room) }, where),
        el('time', { class: 'muted', dateTime: new Date(at).toISOString() }, clock(at))),
      el('div', { class: 'notification-body' }, ...details),
      jsonDetails('JSON', message));

    const log = $('notifications');
    log.prepend(entry);
    while (log.childElementCount > MAX_LOG_ENTRIES) log.lastElementChild.remove();
    $('notifications-empty').hidden = true;
  }

  function clearLog() {
    $('notifications').replaceChildren();
    $('notifications-empty').hidden = false;
  }

  // ---- wiring ------------------------------------------------------------------------------

  function exampleButtons(container, examples, target) {
    for (const [name, value] of examples) {
      const text = JSON.stringify(value);
      container.append(el('button', {
        type: 'button', class: 'example small', title: text,
        onclick: () => {
          target.value = text;
          target.removeAttribute('aria-invalid');
          target.focus();
        },
      }, name));
    }
  }

  function init() {
    $('ws-url').textContent = wsUrl || 'ws://localhost:7512/';
    exampleButtons($('filter-examples'), EXAMPLE_FILTERS, $('filter'));
    exampleButtons($('body-examples'), EXAMPLE_BODIES, $('doc-body'));

    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    $('subscribe-form').addEventListener('submit', subscribe);
    $('document-form').addEventListener('submit', (event) => event.preventDefault());
    for (const button of $('document-buttons').querySelectorAll('button[data-action]')) {
      button.addEventListener('click', () => documentAction(button.dataset.action));
    }
    $('clear-notifications').addEventListener('click', clearLog);
    for (const field of document.querySelectorAll('input, textarea')) {
      field.addEventListener('input', () => field.removeAttribute('aria-invalid'));
    }

    setControlsEnabled(false);
    renderIdentity();
    renderSubscriptions();
    setInterval(heartbeat, HEARTBEAT_MS);
    setInterval(() => {
      if (auth) renderIdentity();
      showReconnectCountdown();
    }, 1000);
    connect();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
