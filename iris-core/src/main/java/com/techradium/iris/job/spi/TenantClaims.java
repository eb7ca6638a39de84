package com.techradium.iris.job.spi;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.CellRate;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.JobRate;
import com.techradium.iris.job.QueueConfig;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The claim of a queue scheduled by tenant ({@link QueueConfig#schedulesTenants()}) as pure
 * functions: which due jobs to start, and the scheduling state after. A store holds the state (one
 * {@link Share} per tenant of the queue and one {@link QueueShare}), and in its claim, atomically
 * with respect to every other claim of the queue: reads the state and the tenants with due jobs,
 * asks {@link #fetchLimits} how many of each tenant's best jobs to look at, locks those, asks
 * {@link #plan} which to start, leases them and saves the state the plan returns.
 *
 * <ul>
 *   <li><b>Fair share</b> ({@link ClaimOrder#FAIR_SHARE}) is start-time fair queueing: each tenant
 *       has a virtual time, the queue a clock; the next job goes to the tenant with the smallest
 *       start tag {@code max(virtualTime, clock)} (ties: the better-ranked job), whose virtual time
 *       becomes its start tag plus {@code 1 / weight}, and the clock moves to that start tag. A
 *       tenant returning after an idle period starts at the clock, so it neither owes nor is owed
 *       for the time it had nothing waiting.
 *   <li><b>Strict priority</b> takes the best-ranked job among the tenants that may start one.
 *   <li><b>Caps</b>: a tenant whose {@code running} count has reached {@link
 *       QueueConfig#maxRunningPerTenant()} starts nothing. The store raises the count in the claim
 *       and lowers it when a job it counted stops running.
 *   <li><b>Rates</b>: the queue's and each tenant's {@link JobRate}, by the rate limiter's generic
 *       cell rate algorithm ({@code CellRate}, the rate limiter's GCRA, microseconds, a burst of
 *       {@code limit}); a job starts only if both admit it.
 * </ul>
 */
public final class TenantClaims {
  private TenantClaims() {}

  /**
   * A due, claimable job offered to {@link #plan}.
   *
   * @param tenant the job's tenant
   * @param id the job's id
   * @param rank its {@link JobOrdering#rank}
   */
  public record Candidate(TenantId tenant, UUID id, long rank) {
    /**
     * Creates a candidate.
     *
     * @param tenant the job's tenant
     * @param id the job's id
     * @param rank its {@link JobOrdering#rank}
     * @throws NullPointerException if {@code tenant} or {@code id} is null
     */
    public Candidate {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * What a store keeps per tenant of a scheduled queue.
   *
   * @param virtualTime the tenant's fair-share virtual time (the finish tag of its last job)
   * @param running how many of its jobs the store counts as running in the queue
   * @param rateTat the theoretical arrival time of its rate, microseconds (0 when new)
   */
  public record Share(double virtualTime, int running, long rateTat) {
    /** The state of a tenant the store has none for. */
    public static final Share NEW = new Share(0, 0, 0);
  }

  /**
   * What a store keeps per scheduled queue.
   *
   * @param clock the fair-share clock (the start tag of the last job started)
   * @param rateTat the theoretical arrival time of the queue's rate, microseconds (0 when new)
   */
  public record QueueShare(double clock, long rateTat) {
    /** The state of a queue the store has none for. */
    public static final QueueShare NEW = new QueueShare(0, 0);
  }

  /**
   * The outcome of {@link #plan}.
   *
   * @param chosen the jobs to start, in the order they were chosen
   * @param queue the queue's state after
   * @param tenants the state after of every tenant that starts a job (others are unchanged)
   */
  public record Plan(List<Candidate> chosen, QueueShare queue, Map<TenantId, Share> tenants) {}

  /**
   * Microseconds since the epoch, the unit of the rate state.
   *
   * @param now the time
   * @return {@code now} in microseconds
   */
  public static long micros(Instant now) {
    return Math.addExact(
        Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
  }

  /**
   * The emission interval of {@code rate}: its period over its limit, rounded up so the rate is
   * never exceeded (as the rate limiter's {@code Gcra.interval} for a rate limiter rule).
   *
   * @param rate the rate
   * @return the interval, in microseconds
   */
  public static long interval(JobRate rate) {
    return CellRate.interval(rate.per().toNanos() / 1_000L, rate.limit());
  }

  /** How many starts {@code rate} admits now from state {@code tat}, up to {@code max}. */
  private static int admits(@Nullable JobRate rate, long tat, long now, int max) {
    if (rate == null) {
      return max;
    }
    long interval = interval(rate);
    int n = 0;
    long t = tat;
    while (n < max) {
      long next = CellRate.admit(t, now, 1, interval, rate.limit());
      if (next < 0) {
        break;
      }
      t = next;
      n++;
    }
    return n;
  }

  /**
   * How many of each tenant's best due jobs a claim of {@code limit} needs to look at: its
   * allowance (the limit, the room under its cap, what its rate and the queue's rate admit now),
   * for the tenants with an allowance; under fair share only for the {@code limit} tenants with the
   * smallest start tags and those tied with the last of them, since no other one can be reached in
   * this claim, and for each only one more than the share {@link #plan} would give it if every such
   * tenant had its allowance waiting (so a claim of 100 among two tenants looks at about 51 jobs of
   * each rather than 100).
   *
   * @param config the queue's configuration
   * @param queue the queue's state
   * @param shares the state of the tenants with due jobs ({@link Share#NEW} for one without)
   * @param limit the claim's limit
   * @param now the claim's time
   * @return tenant to number of jobs, in no particular order; empty if nothing can start
   */
  public static Map<TenantId, Integer> fetchLimits(
      QueueConfig config, QueueShare queue, Map<TenantId, Share> shares, int limit, Instant now) {
    long at = micros(now);
    int queueRoom = admits(config.rate(), queue.rateTat(), at, limit);
    Map<TenantId, Integer> out = new LinkedHashMap<>();
    if (queueRoom == 0) {
      return out;
    }
    List<Map.Entry<TenantId, Share>> order = new ArrayList<>(shares.entrySet());
    if (config.claimOrder() == ClaimOrder.FAIR_SHARE) {
      order.sort(
          Comparator.comparingDouble(
                  (Map.Entry<TenantId, Share> e) ->
                      Math.max(e.getValue().virtualTime(), queue.clock()))
              .thenComparing(Map.Entry::getKey));
    }
    boolean fair = config.claimOrder() == ClaimOrder.FAIR_SHARE;
    double lastTag = 0;
    for (Map.Entry<TenantId, Share> e : order) {
      Share s = e.getValue();
      int room = queueRoom;
      Integer cap = config.maxRunningPerTenant();
      if (cap != null) {
        room = Math.min(room, Math.max(0, cap - s.running()));
      }
      room = admits(config.tenantRate(), s.rateTat(), at, room);
      double tag = Math.max(s.virtualTime(), queue.clock());
      if (fair && out.size() >= limit && tag > lastTag) {
        // Every tenant from here on starts behind the limit tenants' first jobs. One tied with
        // the last of them may still win a place by its job's rank.
        break;
      }
      if (room > 0) {
        out.put(e.getKey(), room);
        lastTag = tag;
      }
    }
    if (fair && out.size() > 1) {
      // Each tenant's share of this claim, planned as if every tenant had its whole allowance
      // waiting (ties in the order above), plus one for a tie the jobs' ranks decide otherwise.
      List<Candidate> assumed = new ArrayList<>();
      long tenantIndex = 0;
      for (Map.Entry<TenantId, Integer> e : out.entrySet()) {
        for (int i = 0; i < e.getValue(); i++) {
          assumed.add(new Candidate(e.getKey(), new UUID(tenantIndex, i), 0));
        }
        tenantIndex++;
      }
      Map<TenantId, Integer> share = new HashMap<>();
      for (Candidate c : plan(config, queue, shares, assumed, limit, now).chosen()) {
        share.merge(c.tenant(), 1, Integer::sum);
      }
      out.replaceAll((tenant, room) -> Math.min(room, share.getOrDefault(tenant, 0) + 1));
    }
    return out;
  }

  /**
   * Chooses up to {@code limit} of {@code candidates} to start now, in the queue's order across
   * tenants, within every cap and rate, and returns the state after.
   *
   * @param config the queue's configuration
   * @param queue the queue's state
   * @param shares the tenants' state ({@link Share#NEW} for a tenant not in it)
   * @param candidates due jobs, each tenant's best ones, locked by the claim; any order
   * @param limit the most jobs to start
   * @param now the claim's time
   * @return the jobs to start and the state after
   */
  public static Plan plan(
      QueueConfig config,
      QueueShare queue,
      Map<TenantId, Share> shares,
      List<Candidate> candidates,
      int limit,
      Instant now) {
    long at = micros(now);
    Map<TenantId, Deque<Candidate>> waiting = new TreeMap<>();
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingLong(Candidate::rank).thenComparing(Candidate::id));
    for (Candidate c : sorted) {
      waiting.computeIfAbsent(c.tenant(), t -> new ArrayDeque<>()).add(c);
    }
    Map<TenantId, Share> state = new HashMap<>();
    Map<TenantId, FairRun> runs = new HashMap<>();
    Map<TenantId, Share> changed = new TreeMap<>();
    double clock = queue.clock();
    long queueTat = queue.rateTat();
    JobRate queueRate = config.rate();
    JobRate tenantRate = config.tenantRate();
    Integer cap = config.maxRunningPerTenant();
    boolean fair = config.claimOrder() == ClaimOrder.FAIR_SHARE;
    List<Candidate> chosen = new ArrayList<>();
    while (chosen.size() < limit) {
      long nextQueueTat = queueTat;
      if (queueRate != null) {
        nextQueueTat = CellRate.admit(queueTat, at, 1, interval(queueRate), queueRate.limit());
        if (nextQueueTat < 0) {
          break;
        }
      }
      TenantId best = null;
      double bestTag = 0;
      for (Map.Entry<TenantId, Deque<Candidate>> e : waiting.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        TenantId tenant = e.getKey();
        Share s = state.computeIfAbsent(tenant, t -> shares.getOrDefault(t, Share.NEW));
        if (cap != null && s.running() >= cap) {
          continue;
        }
        if (tenantRate != null
            && CellRate.admit(s.rateTat(), at, 1, interval(tenantRate), tenantRate.limit()) < 0) {
          continue;
        }
        FairRun run = runs.get(tenant);
        double tag =
            run == null ? Math.max(s.virtualTime(), clock) : run.nextTag(config.weightOf(tenant));
        if (best == null || before(fair, tag, e.getValue().peek(), bestTag, waiting, best)) {
          best = tenant;
          bestTag = tag;
        }
      }
      if (best == null) {
        break;
      }
      Candidate job = waiting.get(best).poll();
      Share s = state.get(best);
      long tat = s.rateTat();
      if (tenantRate != null) {
        tat = CellRate.admit(tat, at, 1, interval(tenantRate), tenantRate.limit());
      }
      double virtualTime = s.virtualTime();
      if (fair) {
        clock = bestTag;
        FairRun run =
            runs.merge(
                best, new FairRun(bestTag, 1), (r, one) -> new FairRun(r.start(), r.count() + 1));
        virtualTime = run.nextTag(config.weightOf(best));
      }
      Share after = new Share(virtualTime, s.running() + 1, tat);
      state.put(best, after);
      changed.put(best, after);
      queueTat = nextQueueTat;
      chosen.add(job);
    }
    return new Plan(List.copyOf(chosen), new QueueShare(clock, queueTat), changed);
  }

  /**
   * The jobs a tenant has started so far in one fair claim: the first at start tag {@code start},
   * {@code count} in all. The clock never passes a tenant's next tag, so its n-th job after the
   * first has the tag {@code start + n / weight}, computed so rather than by adding {@code 1 /
   * weight} n times, which rounds differently (and the PostgreSQL store computes it so too).
   */
  private record FairRun(double start, int count) {
    double nextTag(int weight) {
      return start + (double) count / weight;
    }
  }

  /** Whether the head job {@code head} with start tag {@code tag} goes before the current best. */
  private static boolean before(
      boolean fair,
      double tag,
      Candidate head,
      double bestTag,
      Map<TenantId, Deque<Candidate>> waiting,
      TenantId best) {
    Candidate other = waiting.get(best).peek();
    if (fair && tag != bestTag) {
      return tag < bestTag;
    }
    if (head.rank() != other.rank()) {
      return head.rank() < other.rank();
    }
    return head.id().compareTo(other.id()) < 0;
  }
}
