'use strict';
// kuzzle-sdk 7 against Herald's demo server: connect, subscribe with scope and users options,
// publish, document notifications in and out of scope, count, user notifications between two SDK
// clients, unsubscribe, TokenExpired after a short login, reconnection re-subscribing.
// Usage: node sdk.js ws://127.0.0.1:7512/
const assert = require('node:assert/strict');
const { Kuzzle, WebSocket } = require('kuzzle-sdk');
const { deadline, Inbox, run } = require('./lib');

const url = new URL(process.argv[2]);
deadline(60000, 'sdk');

const INDEX = 'sdk-e2e';
const COLLECTION = 'people';

async function connect() {
  const kuzzle = new Kuzzle(new WebSocket(url.hostname, { port: Number(url.port), reconnectionDelay: 500 }));
  await kuzzle.connect();
  return kuzzle;
}

async function subscribe(kuzzle, name, filter, options) {
  const inbox = new Inbox(name);
  const roomId = await kuzzle.realtime.subscribe(INDEX, COLLECTION, filter, (n) => inbox.push(n), options);
  return { inbox, roomId };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

run(async () => {
  const alice = await connect();
  const bob = await connect();
  const adults = { range: { age: { gte: 18 } } };

  // Two SDK clients in one room, with user notifications.
  const a = await subscribe(alice, 'alice', adults, { users: 'all', volatile: { name: 'alice' } });
  const b = await subscribe(bob, 'bob', adults, { users: 'all', volatile: { name: 'bob' } });
  assert.equal(a.roomId, b.roomId, 'equivalent filters share a room');
  const bobIn = await a.inbox.waitFor((n) => n.type === 'user' && n.user === 'in', 'user in');
  assert.equal(bobIn.result.count, 2);
  assert.equal(bobIn.volatile.name, 'bob');
  assert.equal(await bob.realtime.count(a.roomId), 2);

  // Scope "in" only, on another client.
  const carol = await connect();
  const c = await subscribe(carol, 'carol', adults, { scope: 'in' });

  // Publish.
  await bob.realtime.publish(INDEX, COLLECTION, { age: 30, text: 'hello' });
  const published = await a.inbox.waitFor((n) => n.type === 'document' && n.action === 'publish', 'publication');
  assert.equal(published.scope, 'in');
  assert.equal(published.result._source.text, 'hello');
  assert.match(published.volatile.sdkInstanceId, /.+/, 'the publisher request volatile is echoed');
  await c.inbox.waitFor((n) => n.action === 'publish', 'publication (scope in)');

  // Documents entering and leaving the scope.
  await bob.document.create(INDEX, COLLECTION, { name: 'Ada', age: 36 }, 'ada');
  const created = await a.inbox.waitFor((n) => n.type === 'document' && n.action === 'create', 'creation');
  assert.equal(created.scope, 'in');
  assert.equal(created.result._id, 'ada');
  assert.equal(created.result._source.name, 'Ada');

  await bob.document.update(INDEX, COLLECTION, 'ada', { age: 12 });
  const left = await a.inbox.waitFor((n) => n.action === 'update' && n.scope === 'out', 'update out of scope');
  assert.equal(left.result._id, 'ada');
  assert.equal(left.result._source.age, 12);
  assert.deepEqual(left.result._updatedFields, ['age']);

  await bob.document.update(INDEX, COLLECTION, 'ada', { age: 40 });
  const back = await a.inbox.waitFor((n) => n.action === 'update' && n.scope === 'in', 'update into scope');
  assert.equal(back.result._source.age, 40);

  await bob.document.delete(INDEX, COLLECTION, 'ada');
  const deleted = await a.inbox.waitFor((n) => n.action === 'delete', 'deletion');
  assert.equal(deleted.scope, 'out');
  assert.equal(deleted.event, 'delete');

  // The scope "in" subscriber saw the ins and none of the outs.
  await c.inbox.waitFor((n) => n.action === 'create', 'creation (scope in)');
  await c.inbox.waitFor((n) => n.action === 'update' && n.scope === 'in', 'update in (scope in)');
  await c.inbox.nothing((n) => n.scope === 'out', 'out notification on a scope "in" subscription');

  // Unsubscribe: the others are told.
  await bob.realtime.unsubscribe(b.roomId);
  const bobOut = await a.inbox.waitFor((n) => n.type === 'user' && n.user === 'out', 'user out');
  assert.equal(bobOut.result.count, 2); // alice and carol remain
  assert.equal(bobOut.volatile.name, 'bob');

  // TokenExpired after a login with a short token.
  const dave = await connect();
  await dave.auth.login('local', { username: 'dave' }, '2s');
  const expired = new Promise((resolve) => dave.on('tokenExpired', resolve));
  const d = await subscribe(dave, 'dave', adults, { users: 'all' });
  await a.inbox.waitFor((n) => n.type === 'user' && n.user === 'in', 'dave in');
  await expired;
  const daveOut = await a.inbox.waitFor((n) => n.type === 'user' && n.user === 'out', 'dave out after expiry', 8000);
  assert.equal(daveOut.result.count, 2);
  assert.equal(await alice.realtime.count(d.roomId), 2);

  // Reconnection: the SDK subscribes again after the link drops.
  const erin = await connect();
  const e = await subscribe(erin, 'erin', adults, {});
  const reconnected = new Promise((resolve) => erin.on('reconnected', resolve));
  erin.protocol.client.terminate(); // the network drops
  await reconnected;
  for (let i = 0; i < 40 && (await alice.realtime.count(a.roomId)) < 3; i++) {
    await sleep(100); // re-subscription is sent right after reconnecting
  }
  await bob.realtime.publish(INDEX, COLLECTION, { age: 50, text: 'after reconnection' });
  const again = await e.inbox.waitFor((n) => n.result && n.result._source.text === 'after reconnection', 'notification after reconnection');
  assert.equal(again.action, 'publish');

  for (const k of [alice, bob, carol, dave, erin]) {
    k.disconnect();
  }
  console.log('kuzzle-sdk: ok');
});
