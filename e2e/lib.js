'use strict';
// Helpers shared by the end-to-end scripts: a deadline for the whole script, and a queue of
// received messages to wait on with a predicate.

function deadline(ms, what) {
  const timer = setTimeout(() => {
    console.error(`FAILED: ${what} did not finish within ${ms} ms`);
    process.exit(3);
  }, ms);
  timer.unref();
}

class Inbox {
  constructor(name) {
    this.name = name;
    this.items = [];
    this.waiters = [];
  }

  push(item) {
    this.items.push(item);
    for (const w of [...this.waiters]) {
      this.tryResolve(w);
    }
  }

  tryResolve(w) {
    const i = this.items.findIndex(w.predicate);
    if (i >= 0) {
      const [item] = this.items.splice(i, 1);
      clearTimeout(w.timer);
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(item);
    }
  }

  /** Resolves with (and removes) the first message matching the predicate, waiting up to timeout ms. */
  waitFor(predicate, what, timeout = 5000) {
    return new Promise((resolve, reject) => {
      const w = { predicate, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`${this.name}: no ${what} within ${timeout} ms; received: ${JSON.stringify(this.items).slice(0, 2000)}`));
      }, timeout);
      this.waiters.push(w);
      this.tryResolve(w);
    });
  }

  /** Fails if a matching message arrives within ms. */
  async nothing(predicate, what, ms = 500) {
    await new Promise((r) => setTimeout(r, ms));
    const found = this.items.find(predicate);
    if (found) {
      throw new Error(`${this.name}: unexpected ${what}: ${JSON.stringify(found)}`);
    }
  }
}

function run(main) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error('FAILED:', e && e.stack ? e.stack : e);
      process.exit(1);
    },
  );
}

module.exports = { deadline, Inbox, run };
