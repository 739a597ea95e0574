'use strict';
// Herald's MQTT transport driven by the mqtt.js library (MQTT 3.1.1): both topic conventions, open
// and strict access, and token expiry.
// Usage: node mqtt-client.js open   <host> <port>
//        node mqtt-client.js strict <host> <port> <alice's token> <bob's token>
//        node mqtt-client.js expiry <host> <port> <carol's short-lived token>
// In strict mode the broker takes a Herald token as password, for the username it was issued to.
const assert = require('node:assert/strict');
const mqtt = require('mqtt');
const { deadline, Inbox, run } = require('./lib');

const [scenario, host, port, ...tokens] = process.argv.slice(2);
deadline(45000, `mqtt-client ${scenario}`);
const REFUSED = 0x80;
const clients = [];

async function connect(clientId, options = {}) {
  const c = await mqtt.connectAsync(`mqtt://${host}:${port}`, {
    clientId, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, ...options,
  });
  clients.push(c);
  // Moquette 0.17 marks a link connected in a listener of its CONNACK write, which may run after a
  // SUBSCRIBE sent at once has been read: the broker then drops the link. Give it a moment.
  await new Promise((r) => setTimeout(r, 50));
  const inbox = new Inbox(clientId);
  c.on('message', (topic, payload) => inbox.push({ topic, json: JSON.parse(String(payload)) }));
  c.on('close', () => inbox.push({ closed: true }));
  let next = 0;
  return {
    clientId,
    inbox,
    /** Subscribes; the granted QoS, or 128 when the broker refused. */
    async listen(topic) {
      try {
        const [granted] = await c.subscribeAsync(topic, { qos: 0 });
        return granted.qos;
      } catch (e) {
        const granted = e.packet && e.packet.granted;
        if (granted && granted.length === 1 && granted[0] === REFUSED) return REFUSED;
        throw e;
      }
    },
    stopListening: (topic) => c.unsubscribeAsync(topic),
    publish: (topic, text) => c.publishAsync(topic, text, { qos: 0 }),
    /** Sends a request and waits for its response, picked by requestId on the response topic. */
    async request(req, { topic = 'kuzzle', responseTopic = `mqtt.${clientId}` } = {}) {
      const requestId = req.requestId || `${clientId}-${++next}`;
      await c.publishAsync(topic, JSON.stringify({ ...req, requestId }), { qos: 1 });
      return inbox.waitFor(
        (m) => m.topic === responseTopic && m.json.requestId === requestId && 'status' in m.json && !('type' in m.json),
        `response to ${requestId} on ${responseTopic}`,
      );
    },
    ended: () => inbox.waitFor((m) => m.closed, 'the end of the link'),
    connected: () => c.connected,
  };
}

const item = (body) => ({ controller: 'realtime', action: 'publish', index: 'e2e', collection: 'mqtt', body });
const subscribe = { controller: 'realtime', action: 'subscribe', index: 'e2e', collection: 'mqtt', body: {} };

function assertNotification(m, channel) {
  assert.equal(m.topic, channel);
  assert.equal(m.json.type, 'document');
  assert.equal(m.json.action, 'publish');
  assert.equal(m.json.protocol, 'mqtt');
  assert.ok(!('room' in m.json), 'MQTT payloads carry no room');
}

async function open() {
  // The seed's convention: requests on "kuzzle", responses on "mqtt.<clientId>".
  const a = await connect('e2e-a');
  const b = await connect('e2e-b');
  assert.equal(await a.listen('mqtt.e2e-a'), 0);
  assert.equal(await b.listen('mqtt.e2e-b'), 0);
  const sub = await a.request(subscribe);
  assert.equal(sub.json.status, 200);
  const { channel, roomId } = sub.json.result;
  assert.equal(await a.listen(channel), 0);

  // Open mode: a client that never asked Herald anything listens to the channel, as in Kuzzle.
  const listener = await connect('e2e-listener');
  assert.equal(await listener.listen(channel), 0);

  const pub = await b.request(item({ foo: 'bar' }));
  assert.deepEqual(pub.json.result, { published: true });
  for (const c of [a, listener]) {
    const n = await c.inbox.waitFor((m) => m.topic === channel, `${c.clientId}: notification`);
    assertNotification(n, channel);
    assert.equal(n.json.requestId, pub.json.requestId);
    assert.equal(n.json.result._source.foo, 'bar');
  }

  // Kuzzle 2's convention: Kuzzle/request, answered on the shared Kuzzle/response.
  const k1 = await connect('e2e-k1');
  const k2 = await connect('e2e-k2');
  assert.equal(await k1.listen('Kuzzle/response'), 0);
  assert.equal(await k2.listen('Kuzzle/response'), 0);
  const now = await k1.request({ controller: 'server', action: 'now' }, { topic: 'Kuzzle/request', responseTopic: 'Kuzzle/response' });
  assert.equal(typeof now.json.result.now, 'number');
  const seen = await k2.inbox.waitFor((m) => m.json.requestId === now.json.requestId, "k1's response seen by k2");
  assert.equal(seen.topic, 'Kuzzle/response');

  // Nobody listens to requests or through wildcards; nobody but Herald publishes on responses or channels.
  for (const topic of ['kuzzle', 'Kuzzle/request', '#', 'mqtt/+']) {
    assert.equal(await listener.listen(topic), REFUSED, topic);
  }
  const forger = await connect('e2e-forger');
  await forger.publish(channel, JSON.stringify({ type: 'document', forged: true }));
  await forger.ended();
  const forger2 = await connect('e2e-forger2');
  await forger2.publish('Kuzzle/response', JSON.stringify({ requestId: 'x', status: 200, forged: true }));
  await forger2.ended();
  await a.inbox.nothing((m) => m.json && m.json.forged, 'forged message');
  await k2.inbox.nothing((m) => m.json && m.json.forged, 'forged message');

  // Unsubscribing: stop listening first, and the link stays; no more notifications.
  await a.stopListening(channel);
  const unsub = await a.request({ controller: 'realtime', action: 'unsubscribe', body: { roomId } });
  assert.deepEqual(unsub.json.result, { roomId });
  await b.request(item({ foo: 'again' }));
  await a.inbox.nothing((m) => m.topic === channel, 'notification after unsubscribe');
  assert.ok(a.connected());
  console.log('mqtt open: ok');
}

async function strict() {
  const [aliceToken, bobToken] = tokens;
  const login = (username, password) => ({ username, password });
  await assert.rejects(connect('e2e-nobody'), /Bad username or password|Not authorized|refused/i, 'anonymous client');
  await assert.rejects(connect('e2e-liar', login('alice', bobToken)), /Bad username or password|Not authorized|refused/i,
    "bob's token is not alice's");

  // Kuzzle 2's request topic, answered on the client's own topic: Kuzzle/response is not served.
  const alice = await connect('e2e-alice', login('alice', aliceToken));
  assert.equal(await alice.listen('mqtt.e2e-alice'), 0);
  assert.equal(await alice.listen('Kuzzle/response'), REFUSED);
  const sub = await alice.request(subscribe, { topic: 'Kuzzle/request' });
  const { channel } = sub.json.result;
  assert.equal(await alice.listen(channel), 0);

  // A foreign client listens neither to alice's responses nor to her channel, and may not publish there.
  const bob = await connect('e2e-bob', login('bob', bobToken));
  assert.equal(await bob.listen('mqtt.e2e-bob'), 0);
  assert.equal(await bob.listen('mqtt.e2e-alice'), REFUSED);
  assert.equal(await bob.listen(channel), REFUSED);
  // Another client of alice's does.
  const alice2 = await connect('e2e-alice-2', login('alice', aliceToken));
  assert.equal(await alice2.listen(channel), 0);

  const pub = await bob.request(item({ from: 'bob' }));
  for (const c of [alice, alice2]) {
    const n = await c.inbox.waitFor((m) => m.topic === channel, `${c.clientId}: notification`);
    assertNotification(n, channel);
    assert.equal(n.json.requestId, pub.json.requestId);
  }
  await bob.inbox.nothing((m) => m.topic === channel, 'notification for bob');

  const forger = await connect('e2e-bob-forger', login('bob', bobToken));
  await forger.publish('mqtt.e2e-alice', JSON.stringify({ requestId: 'x', status: 200, forged: true }));
  await forger.ended();
  await alice.inbox.nothing((m) => m.json && m.json.forged, 'forged response');
  console.log('mqtt strict: ok');
}

async function expiry() {
  const [carolToken] = tokens;
  const carol = await connect('e2e-carol', { username: 'carol', password: carolToken });
  assert.equal(await carol.listen('mqtt.e2e-carol'), 0);
  const sub = await carol.request({ ...subscribe, jwt: carolToken });
  assert.equal(sub.json.status, 200);
  assert.equal(await carol.listen(sub.json.result.channel), 0);
  // Once for the channel, once for kuzzle:notification:server, both on carol's own topic.
  for (let i = 0; i < 2; i++) {
    const m = await carol.inbox.waitFor((x) => x.json && x.json.type === 'TokenExpired', 'TokenExpired', 20000);
    assert.equal(m.topic, 'mqtt.e2e-carol');
    assert.equal(m.json.message, 'Authentication Token Expired');
  }
  // She still listened to the channel: the broker cannot drop that subscription, so it ends the link.
  await carol.ended();
  console.log('mqtt expiry: ok');
}

const scenarios = { open, strict, expiry };
run(async () => {
  assert.ok(scenarios[scenario], `scenario: one of ${Object.keys(scenarios).join(', ')}`);
  try {
    await scenarios[scenario]();
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
  }
});
