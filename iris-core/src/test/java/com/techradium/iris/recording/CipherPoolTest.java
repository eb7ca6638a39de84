package com.techradium.iris.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** Recording streams borrow their AES-GCM ciphers from a bounded pool and give them back. */
class CipherPoolTest {

  @Test
  void aCipherGivenBackIsTheNextOneTaken() {
    CipherPool pool = new CipherPool(2);
    Cipher first = pool.take();

    pool.give(first);

    assertThat(pool.take()).isSameAs(first);
    assertThat(pool.idle()).isZero();
  }

  @Test
  void anEmptyPoolMakesAnAesGcmCipher() {
    assertThat(new CipherPool(2).take().getAlgorithm()).isEqualTo("AES/GCM/NoPadding");
  }

  @Test
  void keepsAtMostItsCapacityOfIdleCiphers() {
    CipherPool pool = new CipherPool(2);
    List<Cipher> taken = List.of(pool.take(), pool.take(), pool.take());

    taken.forEach(pool::give);

    assertThat(pool.idle()).isEqualTo(2);
  }

  @Test
  void aNegativeCapacityIsRefused() {
    assertThatThrownBy(() -> new CipherPool(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentBorrowersNeverHoldTheSameCipherAndTheIdleOnesStayBounded() throws Exception {
    CipherPool pool = new CipherPool(4);
    Set<Cipher> held =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> clashes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        clashes.add(
            executor.submit(
                () -> {
                  start.await();
                  int clash = 0;
                  for (int i = 0; i < 2_000; i++) {
                    Cipher cipher = pool.take();
                    if (!held.add(cipher)) {
                      clash++;
                    }
                    held.remove(cipher);
                    pool.give(cipher);
                  }
                  return clash;
                }));
      }
      start.countDown();
      for (Future<Integer> clash : clashes) {
        assertThat(clash.get()).isZero();
      }
    } finally {
      executor.shutdownNow();
    }
    assertThat(pool.idle()).isBetween(1, 4);
  }
}
