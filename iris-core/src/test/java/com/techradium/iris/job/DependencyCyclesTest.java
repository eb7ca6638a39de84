package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.spi.DependencyCycles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DependencyCyclesTest {
  private final UUID a = UUID.randomUUID();
  private final UUID b = UUID.randomUUID();
  private final UUID c = UUID.randomUUID();
  private final Map<UUID, List<UUID>> batch = new LinkedHashMap<>();

  private UUID find() {
    return DependencyCycles.find(batch, parents -> parents);
  }

  @Test
  void aChainHasNoCycle() {
    batch.put(a, List.of());
    batch.put(b, List.of(a));
    batch.put(c, List.of(b, a));

    assertThat(find()).isNull();
  }

  @Test
  void twoJobsNamingEachOtherAreACycle() {
    batch.put(a, List.of(b));
    batch.put(b, List.of(a));

    assertThat(find()).isIn(a, b);
  }

  @Test
  void aJobNamingItselfIsACycle() {
    batch.put(a, List.of(a));

    assertThat(find()).isEqualTo(a);
  }

  @Test
  void aLongerLoopIsFoundWhereverTheWalkStarts() {
    batch.put(a, List.of());
    batch.put(b, List.of(c));
    batch.put(c, List.of(b, a));

    assertThat(find()).isIn(b, c);
  }

  @Test
  void parentsOutsideTheBatchAreNotWalked() {
    batch.put(a, List.of(UUID.randomUUID()));

    assertThat(find()).isNull();
  }

  @Test
  void newJobsInACycleAreRejectedOnTheirParentIds() {
    assertThatThrownBy(() -> DependencyCycles.requireNone(List.of(newJob(a, b), newJob(b, a))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("parentIds")
        .hasMessageContaining("cycle");
  }

  @Test
  void newJobsWithoutACycleAreAccepted() {
    assertThatCode(() -> DependencyCycles.requireNone(List.of(newJob(a), newJob(b, a))))
        .doesNotThrowAnyException();
  }
}
