package dev.herald.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The engine finds each thread's scratch through slots indexed by thread id, which threads share:
 * a thread must never be handed a scratch that another thread owns.
 */
class ScratchOwnershipTest {
  @Test
  void threadsWhoseIdsShareASlotGetScratchesOfTheirOwn() throws Exception {
    MatchEngine engine = new MatchEngine(Runnable::run);
    Map<Scratch, Long> owners = new IdentityHashMap<>();
    Map<Long, List<Long>> threadsBySlot = new HashMap<>();
    // One after another, so that each finds the slot filled by the last thread with the same slot.
    for (int t = 0; t < 400; t++) {
      AtomicReference<Scratch> got = new AtomicReference<>();
      Thread thread = new Thread(() -> {
        Scratch s = engine.acquire();
        s.inUse = false;
        assertThat(engine.acquire()).as("the same thread again").isSameAs(s);
        s.inUse = false; // left free, as after a match: another thread must still not take it
        got.set(s);
      });
      thread.start();
      thread.join();
      assertThat(got.get()).isNotNull();
      assertThat(owners.put(got.get(), thread.getId())).as("scratch already owned by another thread").isNull();
      threadsBySlot.computeIfAbsent(thread.getId() % 128, k -> new ArrayList<>()).add(thread.getId());
    }
    assertThat(threadsBySlot.values()).anySatisfy(ids -> assertThat(ids).hasSizeGreaterThan(1));
  }

  @Test
  void aThreadMatchingFromInsideAMatchGetsAnotherScratch() {
    MatchEngine engine = new MatchEngine(Runnable::run);
    Scratch outer = engine.acquire();
    Scratch inner = engine.acquire();
    assertThat(inner).isNotSameAs(outer).isSameAs(outer.child());
    inner.inUse = false;
    outer.inUse = false;
    assertThat(engine.acquire()).isSameAs(outer);
  }
}
