'use strict';

// Replays one comparison workload through Koncorde: registration time, V8 heap per filter, the
// answers for every document, and documents/s with the documents as JavaScript objects, then with
// JSON.parse of their text included. Written for Herald's comparison (benchmarks/README.md).
//
//   node --expose-gc run.js WORKLOAD.json OUT.json [--warmup 5] [--rounds 5] [--round-seconds 1]

const fs = require('fs');
const { Koncorde } = require('koncorde');

const INDEX = 'bench';

function parseArgs(argv) {
  const positional = [];
  const options = { warmup: 5, warmupWithParse: 3, rounds: 5, roundSeconds: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const value = Number(argv[++i]);
    if (!Number.isFinite(value)) {
      usage(`${arg} needs a number`);
    }
    switch (arg) {
      case '--warmup':
        options.warmup = value;
        options.warmupWithParse = Math.min(value, options.warmupWithParse);
        break;
      case '--rounds':
        options.rounds = value;
        break;
      case '--round-seconds':
        options.roundSeconds = value;
        break;
      default:
        usage(`unknown option ${arg}`);
    }
  }
  if (positional.length !== 2) {
    usage('expected WORKLOAD.json and OUT.json');
  }
  return { workloadFile: positional[0], outFile: positional[1], options };
}

function usage(problem) {
  console.error(`run.js: ${problem}`);
  console.error('usage: node --expose-gc run.js WORKLOAD.json OUT.json [--warmup S] [--rounds N] [--round-seconds S]');
  process.exit(2);
}

function heapUsedAfterGc() {
  let used = Infinity;
  for (let i = 0; i < 4; i++) {
    global.gc();
    used = Math.min(used, process.memoryUsage().heapUsed);
  }
  return used;
}

function seconds(fromNs) {
  return Number(process.hrtime.bigint() - fromNs) / 1e9;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Cycles through the documents: a warm-up, then rounds lasting at least roundSeconds each; docs/s per
// round, by the wall clock and per second of the process's CPU time (all threads, so the collector and
// the compilers count). Batches of about a millisecond keep the clock out of the measured loop.
function measure(loop, docCount, warmupSeconds, options) {
  let sink = 0;
  let next = 0;
  let batch = 1;
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupSeconds * 1e9));
  let batchStart = process.hrtime.bigint();
  do {
    sink += loop(next, batch);
    next = (next + batch) % docCount;
    const now = process.hrtime.bigint();
    const took = Number(now - batchStart);
    if (took < 1e6 && batch < 65536) {
      batch *= 2;
    } else if (took > 4e6 && batch > 1) {
      batch = Math.floor(batch / 2);
    }
    batchStart = now;
  } while (process.hrtime.bigint() < warmupEnd);

  const rounds = [];
  const cpuRounds = [];
  const roundNs = options.roundSeconds * 1e9;
  for (let r = 0; r < options.rounds; r++) {
    let done = 0;
    const cpuBegin = process.cpuUsage();
    const begin = process.hrtime.bigint();
    let elapsed;
    do {
      sink += loop(next, batch);
      next = (next + batch) % docCount;
      done += batch;
      elapsed = Number(process.hrtime.bigint() - begin);
    } while (elapsed < roundNs);
    const cpu = process.cpuUsage(cpuBegin);
    rounds.push(done / (elapsed / 1e9));
    cpuRounds.push(done / ((cpu.user + cpu.system) / 1e6));
  }
  return { median: median(rounds), rounds, cpuMedian: median(cpuRounds), cpuRounds, sink };
}

function main() {
  if (typeof global.gc !== 'function') {
    usage('run node with --expose-gc');
  }
  const { workloadFile, outFile, options } = parseArgs(process.argv.slice(2));
  const workload = JSON.parse(fs.readFileSync(workloadFile, 'utf8'));
  const names = Object.keys(workload.filters);
  const definitions = names.map((name) => workload.filters[name]);
  const docs = workload.docs;
  const texts = docs.map((doc) => JSON.stringify(doc));
  const n = names.length;

  // Load Koncorde's lazily required modules and native addons outside the measurements.
  const scratch = new Koncorde();
  scratch.register(definitions[0], INDEX);
  scratch.test(docs[0] || {}, INDEX);

  const ids = new Array(n).fill(null);
  const heapBefore = heapUsedAfterGc();
  const rssBefore = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  const koncorde = new Koncorde();
  for (let i = 0; i < n; i++) {
    ids[i] = koncorde.register(definitions[i], INDEX);
  }
  const registerSeconds = seconds(start);
  const heapBytes = heapUsedAfterGc() - heapBefore;
  const rssBytes = process.memoryUsage().rss - rssBefore;

  const namesById = new Map();
  for (let i = 0; i < n; i++) {
    if (!namesById.has(ids[i])) {
      namesById.set(ids[i], []);
    }
    namesById.get(ids[i]).push(names[i]);
  }

  // One pass collecting every answer, as the generator's filter names, sorted.
  const matches = [];
  let matched = 0;
  let hitDocs = 0;
  const passStart = process.hrtime.bigint();
  for (const doc of docs) {
    const answer = [];
    for (const id of koncorde.test(doc, INDEX)) {
      answer.push(...namesById.get(id));
    }
    answer.sort();
    matches.push(answer);
    matched += answer.length;
    hitDocs += answer.length > 0 ? 1 : 0;
  }
  const passSeconds = seconds(passStart);

  const result = {
    engine: 'koncorde',
    keyword: workload.keyword,
    filters: n,
    distinctIds: namesById.size,
    docs: docs.length,
    registerSeconds,
    heapBytes,
    heapBytesPerFilter: heapBytes / n,
    rssBytes,
    matchesPerDoc: docs.length === 0 ? 0 : matched / docs.length,
    hitDocs,
    firstPassSeconds: passSeconds,
    runtime: `node ${process.version}, koncorde ${require('koncorde/package.json').version}, ${require('os').cpus().length} processors`,
  };

  result.loadAverageBefore = require('os').loadavg()[0];
  if (docs.length > 0) {
    const withObjects = measure((from, count) => {
      let sink = 0;
      for (let k = 0, d = from; k < count; k++, d = d + 1 === docs.length ? 0 : d + 1) {
        sink += koncorde.test(docs[d], INDEX).length;
      }
      return sink;
    }, docs.length, options.warmup, options);
    const withParse = measure((from, count) => {
      let sink = 0;
      for (let k = 0, d = from; k < count; k++, d = d + 1 === texts.length ? 0 : d + 1) {
        sink += koncorde.test(JSON.parse(texts[d]), INDEX).length;
      }
      return sink;
    }, texts.length, options.warmupWithParse, options);
    result.docsPerSecond = withObjects.median;
    result.rounds = withObjects.rounds;
    result.docsPerCpuSecond = withObjects.cpuMedian;
    result.cpuRounds = withObjects.cpuRounds;
    result.docsPerSecondWithParse = withParse.median;
    result.roundsWithParse = withParse.rounds;
    result.docsPerCpuSecondWithParse = withParse.cpuMedian;
    result.cpuRoundsWithParse = withParse.cpuRounds;
    result.sink = withObjects.sink + withParse.sink;
  }
  result.loadAverageAfter = require('os').loadavg()[0];
  result.matches = matches;

  fs.writeFileSync(outFile, JSON.stringify(result) + '\n');
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  console.error(`${workload.keyword}: Koncorde ${fmt(result.docsPerSecond || 0)} docs/s `
    + `(${fmt(result.docsPerSecondWithParse || 0)} with JSON.parse), registration ${registerSeconds.toFixed(3)} s, `
    + `${fmt(heapBytes / n)} B/filter of V8 heap`);
}

main();
