'use strict';
// Kuzzle 1.x's Socket.IO flow against Herald's Socket.IO transport, with socket.io-client 4.x and
// 2.x (the seed's era), each over WebSocket alone, polling alone, and polling upgraded to WebSocket:
// requests emitted on `kuzzle`, responses on the event named after their requestId (and as the
// acknowledgement when asked), notifications on the event named after their channel, raw JSON
// objects (never strings) without Kuzzle's WebSocket `room` member.
// Then clients sending requests back to back while they upgrade from polling to WebSocket.
// Usage: node socketio.js http://127.0.0.1:7513
const assert = require('node:assert/strict');
const { deadline, Inbox, run } = require('./lib');

const url = process.argv[2];
deadline(120000, 'socketio');

const CLIENTS = {
  '4.x': { connect: require('socket.io-client').io, engineIO: '4' },
  '2.x': { connect: require('socket.io-client-v2'), engineIO: '3' },
};
const TRANSPORTS = [['websocket'], ['polling'], ['polling', 'websocket']];
// Generous under load, yet well below the 25 s an upgrade stalled on its last poll would take.
const WAIT_MS = 10000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function client(flavour, transports, name) {
  return new Promise((resolve, reject) => {
    const socket = flavour.connect(url, { transports, forceNew: true, reconnection: false, timeout: 5000 });
    const inbox = new Inbox(`${name} (${transports})`);
    let next = 0;
    socket.on('connect_error', (e) => reject(new Error(`${name}: cannot connect: ${e && e.message}`)));
    socket.on('connect', () => resolve({
      socket,
      inbox,
      /** Listens on the event named `event`, every message going to the inbox with its event name. */
      listen(event) {
        socket.on(event, (...args) => inbox.push({ event, args }));
      },
      /**
       * Emits a request on `kuzzle` and resolves with its response, read on the event named after
       * its requestId; with `ack`, also with the acknowledgement's arguments.
       */
      async request(req, { ack = false } = {}) {
        const requestId = req.requestId || `${name}-${++next}`;
        this.listen(requestId);
        const acked = ack ? new Promise((r) => socket.emit('kuzzle', { ...req, requestId }, (...args) => r(args)))
          : (socket.emit('kuzzle', { ...req, requestId }), null);
        const { args } = await inbox.waitFor((m) => m.event === requestId, `response to ${requestId}`, WAIT_MS);
        assert.equal(args.length, 1, `one argument on ${requestId}`);
        assertObject(args[0], `response to ${requestId}`);
        assert.equal(args[0].requestId, requestId);
        return { response: args[0], ack: acked && await within(acked, `acknowledgement of ${requestId}`) };
      },
    }));
  });
}

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function assertObject(value, what) {
  assert.equal(typeof value, 'object', `${what} is a JSON object, not ${typeof value}: ${JSON.stringify(value)}`);
  assert.ok(value !== null && !Array.isArray(value), `${what} is a JSON object`);
  assert.ok(!('room' in value), `${what} has no room member`);
}

function engineOf(c) {
  return c.socket.io.engine;
}

async function flow(version, transports) {
  const flavour = CLIENTS[version];
  const subscriber = await client(flavour, transports, 'subscriber');
  const publisher = await client(flavour, transports, 'publisher');
  assert.equal(String(engineOf(subscriber).transport.query.EIO), flavour.engineIO, 'Engine.IO protocol version');
  const index = 'nyc-open-data';
  const collection = 'yellow-taxi';

  // Subscribe with an empty filter; the response comes on the event named after the requestId.
  const { response: sub } = await subscriber.request({ controller: 'realtime', action: 'subscribe', index, collection, body: {} });
  assert.equal(sub.status, 200);
  assert.equal(sub.error, null);
  assert.match(sub.result.roomId, /^[0-9a-f]{64}$/);
  assert.ok(sub.result.channel.startsWith(`${sub.result.roomId}-`));
  subscriber.listen(sub.result.channel);

  // Publish from another client, asking for an acknowledgement: answered with the response too.
  const { response: pub, ack } = await publisher.request(
    { controller: 'realtime', action: 'publish', index, collection, body: { foo: 'bar' } }, { ack: true });
  assert.equal(pub.status, 200);
  assert.deepEqual(pub.result, { published: true });
  assert.equal(ack.length, 1);
  assertObject(ack[0], 'acknowledgement');
  assert.deepEqual(ack[0], pub);

  // The notification comes on the event named after the channel.
  const { args: [n] } = await subscriber.inbox.waitFor((m) => m.event === sub.result.channel, 'notification', WAIT_MS);
  assertObject(n, 'notification');
  assert.equal(n.type, 'document');
  assert.equal(n.action, 'publish');
  assert.equal(n.event, 'publish');
  assert.equal(n.scope, 'in');
  assert.equal(n.protocol, 'socketio');
  assert.equal(n.requestId, pub.requestId);
  assert.equal(n.index, index);
  assert.equal(n.collection, collection);
  assert.equal(n.result._source.foo, 'bar');

  // An error is routed to its requestId, and answers the acknowledgement.
  const { response: notFound, ack: notFoundAck } = await subscriber.request({ controller: 'nope', action: 'nope' }, { ack: true });
  assert.equal(notFound.status, 404);
  assert.equal(notFound.error.id, 'api.process.action_not_found');
  assert.deepEqual(notFoundAck[0], notFound);

  // No requestId, an acknowledgement asked: the request is given one, and answered on it as well.
  const answer = await within(new Promise((r) => publisher.socket.emit('kuzzle', { controller: 'server', action: 'now' }, r)),
    'acknowledgement of a request without requestId');
  assertObject(answer, 'acknowledgement without requestId');
  assert.equal(answer.status, 200);
  assert.match(answer.requestId, UUID);

  if (version === '4.x') {
    // Unreadable text: an error on the event named after the id Herald gives it (onAny is 3.x+ only).
    const seen = new Inbox('any');
    subscriber.socket.onAny((event, ...args) => seen.push({ event, args }));
    subscriber.socket.emit('kuzzle', '{ this is not JSON');
    const bad = await seen.waitFor((m) => m.args[0] && m.args[0].status === 400, 'error for unreadable text', WAIT_MS);
    assert.equal(bad.event, bad.args[0].requestId);
  }

  // Unsubscribe: no more notifications.
  const { response: unsub } = await subscriber.request({ controller: 'realtime', action: 'unsubscribe', body: { roomId: sub.result.roomId } });
  assert.deepEqual(unsub.result, { roomId: sub.result.roomId });
  await publisher.request({ controller: 'realtime', action: 'publish', index, collection, body: { foo: 'again' } });
  await subscriber.inbox.nothing((m) => m.event === sub.result.channel, 'notification after unsubscribe');

  // The transports really used: polling stays polling, polling+websocket ends upgraded.
  const expected = transports.includes('websocket') ? 'websocket' : 'polling';
  if (engineOf(subscriber).transport.name !== expected) {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still on ${engineOf(subscriber).transport.name}, not ${expected}`)), 10000);
      engineOf(subscriber).once('upgrade', () => { clearTimeout(timer); resolve(); });
    });
  }
  assert.equal(engineOf(subscriber).transport.name, expected);

  subscriber.socket.close();
  publisher.socket.close();
  console.log(`socketio ${version} over ${transports.join('+')}: ok`);
}

// Clients sending requests one after the other from the moment they connect, while they upgrade
// from polling to WebSocket: none may stall waiting for its last poll to return.
async function requestsWhileUpgrading(version) {
  for (let i = 0; i < 5; i++) {
    const c = await client(CLIENTS[version], ['polling', 'websocket'], `upgrading-${i}`);
    for (let r = 0; r < 30; r++) {
      const { response } = await c.request({ controller: 'server', action: 'now' });
      assert.equal(response.status, 200);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    c.socket.close();
  }
  console.log(`socketio ${version} requests while upgrading: ok`);
}

run(async () => {
  for (const version of Object.keys(CLIENTS)) {
    for (const transports of TRANSPORTS) {
      await flow(version, transports);
    }
    await requestsWhileUpgrading(version);
  }
  console.log('socketio: ok');
});
