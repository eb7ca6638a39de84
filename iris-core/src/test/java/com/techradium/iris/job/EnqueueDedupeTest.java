package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.NOW;
import static com.techradium.iris.job.TestJobs.TENANT;
import static com.techradium.iris.job.TestJobs.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.job.spi.EnqueueDedupe;
import com.techradium.iris.job.spi.NewJob;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnqueueDedupeTest {
  private final NewJob plain = newJob(UUID.randomUUID());
  private final NewJob keyed = keyed("k", "{\"a\":1,\"b\":2}");

  private static NewJob keyed(String key, String payload) {
    return newJob(UUID.randomUUID(), key, payload, List.of(), ParentFailurePolicy.FAIL);
  }

  private static EnqueueDedupe.Deduped dedupe(List<NewJob> input, Map<String, Job> holders) {
    return EnqueueDedupe.dedupe(input, holders::get, id -> false);
  }

  @Test
  void entriesWithoutAKeyAreAllCreated() {
    EnqueueDedupe.Deduped d = dedupe(List.of(plain, keyed), Map.of());

    assertThat(d.fresh().keySet()).containsExactly(plain.id(), keyed.id());
    assertThat(d.dedupedTo()).containsExactly(null, null);
  }

  @Test
  void aKeyHeldByAStoredJobReturnsThatJob() {
    Job holder = Job.create(TENANT, keyed("k", "{\"b\":2,\"a\":1}"), JobState.QUEUED, NOW);
    NewJob again = keyed;

    EnqueueDedupe.Deduped d = dedupe(List.of(again), Map.of("k", holder));
    List<EnqueueResult> results = d.results(List.of(again), Map.of());

    assertThat(d.fresh()).isEmpty();
    assertThat(results).containsExactly(new EnqueueResult(holder, false));
  }

  @Test
  void aKeyRepeatedInTheBatchReturnsTheEarlierEntrysJob() {
    NewJob second = keyed("k", keyed.payload());
    EnqueueDedupe.Deduped d = dedupe(List.of(keyed, second), Map.of());
    Job created = Job.create(TENANT, keyed, JobState.QUEUED, NOW);

    List<EnqueueResult> results = d.results(List.of(keyed, second), Map.of(keyed.id(), created));

    assertThat(d.fresh().keySet()).containsExactly(keyed.id());
    assertThat(results)
        .containsExactly(new EnqueueResult(created, true), new EnqueueResult(created, false));
  }

  @Test
  void aKeyReusedWithOtherContentIsAConflict() {
    NewJob other = keyed("k", "{\"a\":2}");

    assertThatThrownBy(() -> dedupe(List.of(keyed, other), Map.of()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("idempotency key k");
  }

  @Test
  void anIdUsedTwiceInTheBatchIsAConflict() {
    assertThatThrownBy(() -> dedupe(List.of(plain, plain), Map.of()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already used");
  }

  @Test
  void anIdTakenByAStoredJobIsAConflict() {
    assertThatThrownBy(() -> EnqueueDedupe.dedupe(List.of(plain), key -> null, id -> true))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("job id " + plain.id());
  }
}
