'use strict';
// Kuzzle's WebSocket flow with the raw `ws` client, as the notifications documentation's browser
// snippet does it: subscribe with body {}, publish {"foo":"bar"}, receive the notification; plus
// the protocol details kuzzle-sdk relies on (room on responses and errors, {"p":1} pings).
// Usage: node ws-flow.js ws://127.0.0.1:7512/
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { deadline, Inbox, run } = require('./lib');

const url = process.argv[2];
deadline(30000, 'ws-flow');

function client(name) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const inbox = new Inbox(name);
    let next = 0;
    socket.on('message', (data) => inbox.push(JSON.parse(String(data))));
    socket.on('error', reject);
    socket.on('open', () => resolve({
      inbox,
      socket,
      send(text) {
        socket.send(text);
      },
      async request(req) {
        const requestId = req.requestId || `${name}-${++next}`;
        socket.send(JSON.stringify({ ...req, requestId }));
        const res = await inbox.waitFor((m) => m.room === requestId && m.requestId === requestId, `response to ${requestId}`);
        return res;
      },
    }));
  });
}

run(async () => {
  const subscriber = await client('subscriber');
  const publisher = await client('publisher');

  const sub = await subscriber.request({
    controller: 'realtime', action: 'subscribe', index: 'nyc-open-data', collection: 'yellow-taxi', body: {},
  });
  assert.equal(sub.status, 200);
  assert.equal(sub.error, null);
  assert.match(sub.result.roomId, /^[0-9a-f]{64}$/);
  assert.ok(sub.result.channel.startsWith(`${sub.result.roomId}-`));

  const pub = await publisher.request({
    controller: 'realtime', action: 'publish', index: 'nyc-open-data', collection: 'yellow-taxi', body: { foo: 'bar' },
  });
  assert.equal(pub.status, 200);
  assert.deepEqual(pub.result, { published: true });

  const n = await subscriber.inbox.waitFor((m) => m.room === sub.result.channel, 'notification');
  assert.equal(n.type, 'document');
  assert.equal(n.action, 'publish');
  assert.equal(n.event, 'publish');
  assert.equal(n.scope, 'in');
  assert.equal(n.state, 'done');
  assert.equal(n.protocol, 'websocket');
  assert.equal(n.requestId, pub.requestId);
  assert.equal(n.result._source.foo, 'bar');
  for (const field of ['status', 'timestamp', 'volatile', 'index', 'collection', 'controller', 'node']) {
    assert.ok(field in n, `notification field ${field}`);
  }

  // Application-level heartbeat.
  subscriber.send('{"p":1}');
  await subscriber.inbox.waitFor((m) => m.p === 2, 'pong');

  // Errors carry their room, even for unreadable requests.
  const notFound = await subscriber.request({ controller: 'nope', action: 'nope' });
  assert.equal(notFound.status, 404);
  assert.equal(notFound.error.id, 'api.process.action_not_found');
  subscriber.send('{ this is not JSON');
  const bad = await subscriber.inbox.waitFor((m) => m.status === 400, 'error for bad JSON');
  assert.equal(bad.room, bad.requestId);

  // Unsubscribe: no more notifications.
  const unsub = await subscriber.request({ controller: 'realtime', action: 'unsubscribe', body: { roomId: sub.result.roomId } });
  assert.deepEqual(unsub.result, { roomId: sub.result.roomId });
  await publisher.request({
    controller: 'realtime', action: 'publish', index: 'nyc-open-data', collection: 'yellow-taxi', body: { foo: 'again' },
  });
  await subscriber.inbox.nothing((m) => m.type === 'document', 'notification after unsubscribe');

  subscriber.socket.close();
  publisher.socket.close();
  console.log('ws flow: ok');
});
