'use strict';
// One Herald behind three transports (the demo server): a change made over any of WebSocket,
// Socket.IO and MQTT notifies the subscribers of all three, once each, in the order of the changes.
// Usage: node cross-transport.js ws://127.0.0.1:7512/ http://127.0.0.1:7513 mqtt://127.0.0.1:1883
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { io } = require('socket.io-client');
const mqtt = require('mqtt');
const { deadline, Inbox, run } = require('./lib');

const [wsUrl, socketIoUrl, mqttUrl] = process.argv.slice(2);
deadline(60000, 'cross-transport');
const WAIT_MS = 10000;
const closers = [];

function webSocketClient(name) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl);
    const inbox = new Inbox(name);
    let next = 0;
    socket.on('message', (data) => inbox.push(JSON.parse(String(data))));
    socket.on('error', reject);
    socket.on('open', () => {
      closers.push(() => socket.terminate());
      resolve({
        name,
        async request(req) {
          const requestId = `${name}-${++next}`;
          socket.send(JSON.stringify({ ...req, requestId }));
          return inbox.waitFor((m) => m.room === requestId && m.requestId === requestId, `response to ${requestId}`, WAIT_MS);
        },
        listen() {},
        /** The next notification of `channel`, as the client's SDK would hand it over (without `room`). */
        async notification(channel) {
          const { room, ...n } = await inbox.waitFor((m) => m.room === channel, `notification on ${channel}`, WAIT_MS);
          return n;
        },
        nothingMore: (channel) => inbox.nothing((m) => m.room === channel, `notification on ${channel}`),
      });
    });
  });
}

function socketIoClient(name) {
  return new Promise((resolve, reject) => {
    const socket = io(socketIoUrl, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 5000 });
    const inbox = new Inbox(name);
    let next = 0;
    const listen = (event) => socket.on(event, (payload) => inbox.push({ event, payload }));
    socket.on('connect_error', (e) => reject(new Error(`${name}: cannot connect: ${e && e.message}`)));
    socket.on('connect', () => {
      closers.push(() => socket.close());
      resolve({
        name,
        async request(req) {
          const requestId = `${name}-${++next}`;
          listen(requestId);
          socket.emit('kuzzle', { ...req, requestId });
          return (await inbox.waitFor((m) => m.event === requestId, `response to ${requestId}`, WAIT_MS)).payload;
        },
        listen,
        async notification(channel) {
          return (await inbox.waitFor((m) => m.event === channel, `notification on ${channel}`, WAIT_MS)).payload;
        },
        nothingMore: (channel) => inbox.nothing((m) => m.event === channel, `notification on ${channel}`),
      });
    });
  });
}

/**
 * An mqtt.js client. `convention` is the seed's (requests on `kuzzle`, responses on
 * `mqtt.<clientId>`) or Kuzzle 2's (`Kuzzle/request`, `Kuzzle/response`).
 */
async function mqttClient(name, convention) {
  const c = await mqtt.connectAsync(mqttUrl, { clientId: name, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });
  closers.push(() => c.end(true));
  // Moquette marks a link connected in a listener of its CONNACK write: give it a moment before subscribing.
  await new Promise((r) => setTimeout(r, 50));
  const inbox = new Inbox(name);
  c.on('message', (topic, payload) => inbox.push({ topic, json: JSON.parse(String(payload)) }));
  const [requestTopic, responseTopic] = convention === 'seed' ? ['kuzzle', `mqtt.${name}`] : ['Kuzzle/request', 'Kuzzle/response'];
  await c.subscribeAsync(responseTopic, { qos: 0 });
  let next = 0;
  return {
    name,
    async request(req) {
      const requestId = `${name}-${++next}`;
      await c.publishAsync(requestTopic, JSON.stringify({ ...req, requestId }), { qos: 1 });
      return (await inbox.waitFor((m) => m.topic === responseTopic && m.json.requestId === requestId, `response to ${requestId}`, WAIT_MS)).json;
    },
    /** After realtime:subscribe, an MQTT client listens to the topic named after the channel, as in Kuzzle. */
    async listen(channel) {
      const [granted] = await c.subscribeAsync(channel, { qos: 0 });
      assert.equal(granted.qos, 0, `${name} may listen to ${channel}`);
    },
    async notification(channel) {
      return (await inbox.waitFor((m) => m.topic === channel, `notification on ${channel}`, WAIT_MS)).json;
    },
    nothingMore: (channel) => inbox.nothing((m) => m.topic === channel, `notification on ${channel}`),
  };
}

const where = { index: 'e2e', collection: 'cross' };

async function ok(client, req) {
  const res = await client.request({ ...where, ...req });
  assert.equal(res.status, 200, `${client.name} ${req.controller}:${req.action}: ${JSON.stringify(res.error)}`);
  return res.result;
}

/** Every subscriber receives this notification next, and nothing before it. */
async function everyoneHears(subscribers, channel, expected) {
  for (const s of subscribers) {
    const n = await s.notification(channel);
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(key.split('.').reduce((o, k) => o && o[k], n), value, `${s.name}: ${key} of ${JSON.stringify(n)}`);
    }
    assert.equal(n.index, 'e2e');
    assert.equal(n.collection, 'cross');
  }
}

run(async () => {
  const ws = await webSocketClient('ws-subscriber');
  const sio = await socketIoClient('sio-subscriber');
  const mq = await mqttClient('mqtt-subscriber', 'seed');
  const subscribers = [ws, sio, mq];

  // All three subscribe to the same filter: one room, one channel.
  let channel;
  for (const s of subscribers) {
    const sub = await ok(s, { controller: 'realtime', action: 'subscribe', body: { equals: { team: 'blue' } } });
    channel = channel || sub.channel;
    assert.equal(sub.channel, channel, `${s.name} joins the same channel`);
    await s.listen(channel);
  }

  // Published over MQTT (Kuzzle 2's topics), heard over WebSocket, Socket.IO and MQTT. The red
  // message matches nobody: the blue one after it is the next thing each subscriber hears.
  const mqPublisher = await mqttClient('mqtt-publisher', 'kuzzle2');
  await ok(mqPublisher, { controller: 'realtime', action: 'publish', body: { team: 'red', from: 'mqtt' } });
  const published = await mqPublisher.request({ ...where, controller: 'realtime', action: 'publish', body: { team: 'blue', from: 'mqtt' } });
  assert.equal(published.status, 200);
  await everyoneHears(subscribers, channel, {
    type: 'document', action: 'publish', scope: 'in', protocol: 'mqtt', requestId: published.requestId, 'result._source.from': 'mqtt',
  });

  // A document created over MQTT, changed over WebSocket so that it leaves the filter.
  await ok(mqPublisher, { controller: 'document', action: 'create', _id: 'from-mqtt', body: { team: 'blue' } });
  await everyoneHears(subscribers, channel, { action: 'create', scope: 'in', protocol: 'mqtt', 'result._id': 'from-mqtt' });
  const wsWriter = await webSocketClient('ws-writer');
  await ok(wsWriter, { controller: 'document', action: 'update', _id: 'from-mqtt', body: { team: 'red' } });
  await everyoneHears(subscribers, channel, { action: 'update', scope: 'out', protocol: 'websocket', 'result._id': 'from-mqtt' });

  // Published over WebSocket, then over Socket.IO: the reverse directions.
  await ok(wsWriter, { controller: 'realtime', action: 'publish', body: { team: 'blue', from: 'websocket' } });
  await everyoneHears(subscribers, channel, { action: 'publish', protocol: 'websocket', 'result._source.from': 'websocket' });
  const sioWriter = await socketIoClient('sio-writer');
  await ok(sioWriter, { controller: 'document', action: 'create', _id: 'from-socketio', body: { team: 'blue' } });
  await everyoneHears(subscribers, channel, { action: 'create', scope: 'in', protocol: 'socketio', 'result._id': 'from-socketio' });
  await ok(sioWriter, { controller: 'document', action: 'delete', _id: 'from-socketio' });
  await everyoneHears(subscribers, channel, { action: 'delete', scope: 'out', protocol: 'socketio', 'result._id': 'from-socketio' });

  // Exactly once each: nothing else arrives on the channel.
  await Promise.all(subscribers.map((s) => s.nothingMore(channel)));
  closers.forEach((close) => close());
  console.log('cross-transport: ok');
});
