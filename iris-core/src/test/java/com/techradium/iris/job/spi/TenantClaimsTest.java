package com.techradium.iris.job.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.JobRate;
import com.techradium.iris.job.QueueConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantClaimsTest {
  private static final TenantId A = TenantId.of("a");
  private static final TenantId B = TenantId.of("b");
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private long rank;

  private List<TenantClaims.Candidate> jobs(TenantId tenant, int n) {
    List<TenantClaims.Candidate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new TenantClaims.Candidate(tenant, new UUID(0, rank), rank++));
    }
    return out;
  }

  @Test
  void aTenantBackAfterAnIdlePeriodStartsAtTheClockNotAtItsOldVirtualTime() {
    QueueConfig fair = QueueConfig.defaults("q").withClaimOrder(ClaimOrder.FAIR_SHARE);
    List<TenantClaims.Candidate> offered = new ArrayList<>(jobs(A, 10));
    offered.addAll(jobs(B, 10));

    // B last ran long ago (virtual time 1); A has been served up to 500 since.
    TenantClaims.Plan plan =
        TenantClaims.plan(
            fair,
            new TenantClaims.QueueShare(500, 0),
            Map.of(A, new TenantClaims.Share(501, 0, 0), B, new TenantClaims.Share(1, 0, 0)),
            offered,
            6,
            NOW);

    assertThat(plan.chosen().stream().filter(c -> c.tenant().equals(B))).hasSize(3);
    assertThat(plan.queue().clock()).isGreaterThanOrEqualTo(500);
  }

  @Test
  void theQueueRateAdmitsItsBurstThenOneJobPerInterval() {
    QueueConfig limited = QueueConfig.defaults("q").withRate(new JobRate(4, Duration.ofSeconds(1)));
    TenantClaims.Plan first =
        TenantClaims.plan(limited, TenantClaims.QueueShare.NEW, Map.of(), jobs(A, 10), 10, NOW);
    TenantClaims.Plan second =
        TenantClaims.plan(limited, first.queue(), Map.of(), jobs(A, 10), 10, NOW.plusMillis(250));

    assertThat(first.chosen()).hasSize(4);
    assertThat(second.chosen()).hasSize(1);
    assertThat(
            TenantClaims.fetchLimits(
                limited,
                second.queue(),
                Map.of(A, TenantClaims.Share.NEW),
                10,
                NOW.plusMillis(250)))
        .isEmpty();
  }

  @Test
  void fetchLimitsLooksAtNoMoreTenantsThanAFairClaimCanReach() {
    QueueConfig fair =
        QueueConfig.defaults("q").withClaimOrder(ClaimOrder.FAIR_SHARE).withMaxRunningPerTenant(3);
    Map<TenantId, TenantClaims.Share> shares = new java.util.HashMap<>();
    for (int i = 0; i < 20; i++) {
      shares.put(TenantId.of("t" + i), new TenantClaims.Share(i, i % 4, 0));
    }

    Map<TenantId, Integer> limits =
        TenantClaims.fetchLimits(fair, TenantClaims.QueueShare.NEW, shares, 5, NOW);

    assertThat(limits).hasSize(5);
    assertThat(limits.values()).allSatisfy(n -> assertThat(n).isBetween(1, 3));
    assertThat(limits).doesNotContainKey(TenantId.of("t3"));
  }

  @Test
  void fetchLimitsAlsoLooksAtTenantsTiedWithTheLastOneAFairClaimCanReach() {
    QueueConfig fair = QueueConfig.defaults("q").withClaimOrder(ClaimOrder.FAIR_SHARE);
    TenantId c = TenantId.of("c");
    // A starts first; B and C tie for the second place of a claim of two, which goes to the one
    // whose job ranks first: C's.
    Map<TenantId, TenantClaims.Share> shares =
        Map.of(
            A, new TenantClaims.Share(0, 0, 0),
            B, new TenantClaims.Share(1, 0, 0),
            c, new TenantClaims.Share(1, 0, 0));

    Map<TenantId, Integer> limits =
        TenantClaims.fetchLimits(fair, TenantClaims.QueueShare.NEW, shares, 2, NOW);
    List<TenantClaims.Candidate> offered = new ArrayList<>();
    limits.forEach(
        (tenant, n) -> {
          long rank = tenant.equals(c) ? 1 : 2;
          for (int i = 0; i < n; i++) {
            offered.add(new TenantClaims.Candidate(tenant, new UUID(rank, i), rank));
          }
        });

    assertThat(limits).containsOnlyKeys(A, B, c);
    assertThat(
            TenantClaims.plan(fair, TenantClaims.QueueShare.NEW, shares, offered, 2, NOW).chosen())
        .extracting(TenantClaims.Candidate::tenant)
        .containsExactly(A, c);
  }
}
