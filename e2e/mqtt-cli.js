'use strict';
// The seed's three-shell flow with the mqtt command-line client, against Herald's MQTT transport in
// open mode, then a refusal in strict mode. Each "shell" is a child process, always killed at the end.
// Usage: node mqtt-cli.js <host> <open port> [<strict port> <bob's token>]
// (the demo server's MQTT is open: its test runs the three shells alone)
//
// By hand, with an open transport on port 1883 (MqttE2eServer.main, in examples/mqtt's tests, starts
// an open one on 1883 and a strict one on 1884, and prints tokens for the strict one):
//   shell 1: mqtt sub -h 127.0.0.1 -p 1883 -t mqtt.shell-req -t mqtt.shell-pub -v
//   shell 2: mqtt pub -h 127.0.0.1 -p 1883 -i shell-req -t kuzzle -s -M
//            (then type, one per line: {"controller":"realtime","action":"subscribe","index":"e2e","collection":"cli","body":{}})
//   shell 3: mqtt sub -h 127.0.0.1 -p 1883 -t <the channel from shell 1> -v
//   then:    mqtt pub -h 127.0.0.1 -p 1883 -i shell-pub -t kuzzle -m '{"controller":"realtime","action":"publish","index":"e2e","collection":"cli","body":{"foo":"bar"}}'
// Shell 2 stays connected: a subscription lasts as long as the connection that made it.
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { deadline, Inbox, run } = require('./lib');

const [host, openPort, strictPort, bobToken] = process.argv.slice(2);
deadline(60000, 'mqtt-cli');
const CLI = path.join(__dirname, 'node_modules', '.bin', 'mqtt');
const children = [];

function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
}
process.on('exit', killAll);

/** Starts `mqtt <args>`; each line it prints goes to its inbox, its exit too. */
function shell(name, args) {
  const child = spawn(CLI, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const inbox = new Inbox(name);
  const output = [];
  let buffered = '';
  child.stdout.on('data', (data) => {
    buffered += data;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      output.push(line);
      inbox.push({ line });
    }
  });
  child.stderr.on('data', (data) => output.push(`stderr: ${String(data).trim()}`));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, inbox, exited, output };
}

/**
 * `mqtt sub <args>`, started again when the broker dropped it at once: Moquette 0.17 marks a link
 * connected in a listener of its CONNACK write, which may run after the SUBSCRIBE that `mqtt sub`
 * sends at once has been read ("Connection closed"). Resolves once it has run for a moment.
 */
async function listener(name, args) {
  for (let attempt = 1; ; attempt++) {
    const s = shell(name, args);
    const code = await Promise.race([s.exited, sleep(1000).then(() => 'running')]);
    if (code === 'running' || attempt === 3 || !/Connection closed/.test(s.output.join('\n'))) {
      return s;
    }
  }
}

/** A line `<topic> <json>`, as `mqtt sub -v` prints it. */
function parse(line) {
  const space = line.indexOf(' ');
  return { topic: line.slice(0, space), json: JSON.parse(line.slice(space + 1)) };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

run(async () => {
  const at = (p) => ['-h', host, '-p', String(p)];
  try {
    // Shell 1 listens to the responses for the clients of shells 2 and 4.
    const responses = await listener('shell 1', ['sub', ...at(openPort), '-t', 'mqtt.shell-req', '-t', 'mqtt.shell-pub', '-v']);

    // Shell 2 sends requests typed on its standard input, and stays connected.
    const requests = shell('shell 2', ['pub', ...at(openPort), '-i', 'shell-req', '-t', 'kuzzle', '-s', '-M']);
    let subscribed;
    for (let attempt = 0; !subscribed && attempt < 10; attempt++) {
      requests.child.stdin.write(`${JSON.stringify({
        controller: 'realtime', action: 'subscribe', index: 'e2e', collection: 'cli', body: {}, requestId: `cli-sub-${attempt}`,
      })}\n`);
      subscribed = await responses.inbox
        .waitFor((m) => m.line.startsWith('mqtt.shell-req ') && parse(m.line).json.requestId === `cli-sub-${attempt}`, 'subscribe response', 1000)
        .catch(() => null);
    }
    assert.ok(subscribed, `shell 1 printed no subscribe response: ${responses.output.join('\n')}`);
    const sub = parse(subscribed.line);
    assert.equal(sub.json.status, 200);
    const { channel } = sub.json.result;

    // Shell 3 listens to the channel.
    const notifications = await listener('shell 3', ['sub', ...at(openPort), '-t', channel, '-v']);

    // A one-shot publisher, until shell 3 (whose subscription we cannot see) prints the notification.
    let notified;
    for (let attempt = 0; !notified && attempt < 10; attempt++) {
      const publisher = shell('shell 4', ['pub', ...at(openPort), '-i', 'shell-pub', '-t', 'kuzzle', '-m', JSON.stringify({
        controller: 'realtime', action: 'publish', index: 'e2e', collection: 'cli', body: { foo: 'bar' }, requestId: `cli-pub-${attempt}`,
      })]);
      assert.equal(await publisher.exited, 0, publisher.output.join('\n'));
      notified = await notifications.inbox.waitFor((m) => m.line.startsWith(`${channel} `), 'notification', 1000).catch(() => null);
    }
    assert.ok(notified, `shell 3 printed no notification: ${notifications.output.join('\n')}`);
    const n = parse(notified.line);
    assert.equal(n.json.type, 'document');
    assert.equal(n.json.protocol, 'mqtt');
    assert.equal(n.json.result._source.foo, 'bar');
    const published = await responses.inbox.waitFor((m) => m.line.startsWith('mqtt.shell-pub '), 'publish response');
    assert.deepEqual(parse(published.line).json.result, { published: true });

    if (strictPort) {
      // Strict mode: bob may not listen to another client's responses; the command-line client says so.
      const denied = await listener('bob', ['sub', ...at(strictPort), '-i', 'cli-bob', '-u', 'bob', '-P', bobToken, '-t', 'mqtt.cli-alice']);
      assert.equal(await denied.exited, 1, denied.output.join('\n'));
      assert.match(denied.output.join('\n'), /Subscribe error|negated/);
    }
    console.log(strictPort ? 'mqtt cli: ok (open and strict)' : 'mqtt cli: ok (open)');
  } finally {
    killAll();
  }
});
