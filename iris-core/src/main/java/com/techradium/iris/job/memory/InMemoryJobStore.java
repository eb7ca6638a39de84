package com.techradium.iris.job.memory;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobLease;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobCancel;
import com.techradium.iris.job.spi.JobCursors;
import com.techradium.iris.job.spi.JobLeaseExpiry;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobOutcomes;
import com.techradium.iris.job.spi.JobRetry;
import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.LeaseRef;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.job.spi.StatsQuery;
import com.techradium.iris.job.spi.TenantClaims;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A complete {@link JobStore} in memory: the default for tests, the demo and single-node use. Jobs
 * are lost when the process ends.
 *
 * <p>Thread-safe: every operation runs under one lock, so each is atomic. Claiming walks a
 * per-queue index in {@linkplain com.techradium.iris.job.spi.JobOrdering rank} order. Offers {@link
 * #signals()}: subscribed workers are told at once when jobs become due. A queue scheduled by
 * tenant (fair share, caps, rates: {@link ClaimRequest#schedules()}) is claimed by {@link
 * TenantClaims} over every due job of the queue, a walk of its whole backlog per claim: fine for
 * tests and small queues.
 */
public final class InMemoryJobStore implements JobStore {

  private final ReentrantLock lock = new ReentrantLock();
  private final JobTable table = new JobTable();
  private final Map<String, QueueConfig> queues = new TreeMap<>();
  private final Map<String, TenantClaims.QueueShare> queueShares = new HashMap<>();
  private final Map<String, Map<TenantId, TenantClaims.Share>> tenantShares = new HashMap<>();
  private final Map<ScheduleKey, CronSchedule> schedules = new TreeMap<>();
  private final InMemoryJobSignal signal = new InMemoryJobSignal();

  private record ScheduleKey(TenantId tenant, String name) implements Comparable<ScheduleKey> {
    @Override
    public int compareTo(ScheduleKey o) {
      int byTenant = tenant.compareTo(o.tenant);
      return byTenant != 0 ? byTenant : name.compareTo(o.name);
    }
  }

  /** An empty store. */
  public InMemoryJobStore() {}

  // ---- jobs ----------------------------------------------------------------------------------

  @Override
  public List<EnqueueResult> insert(TenantId tenant, List<NewJob> batch, Instant now) {
    Objects.requireNonNull(tenant, "tenant");
    List<NewJob> input = List.copyOf(batch);
    return write(() -> BatchInserts.insert(table, tenant, input, now));
  }

  @Override
  public Optional<Job> get(TenantId tenant, UUID id) {
    return read(() -> Optional.ofNullable(table.owned(tenant, id)));
  }

  @Override
  public Page<Job> list(TenantId tenant, JobQuery query, PageRequest page) {
    UUID after = JobCursors.start(page);
    return read(
        () -> {
          NavigableSet<UUID> ids =
              table.byTenant.getOrDefault(tenant, new TreeSet<>()).descendingSet();
          Iterable<UUID> from = after == null ? ids : ids.tailSet(after, false);
          List<Job> fetched = new ArrayList<>();
          for (UUID id : from) {
            Job job = table.jobs.get(id);
            if (query.matches(job)) {
              fetched.add(job);
              if (fetched.size() > page.limit()) {
                break;
              }
            }
          }
          return Page.fromOverfetch(fetched, page.limit(), JobCursors::after);
        });
  }

  @Override
  public Job update(TenantId tenant, UUID id, JobUpdate update, Instant now) {
    return write(() -> table.change(tenant, id, job -> update.applyTo(job, now), now));
  }

  @Override
  public Job retryNow(TenantId tenant, UUID id, Instant now) {
    return write(() -> table.change(tenant, id, job -> JobRetry.apply(job, now), now));
  }

  @Override
  public Job cancel(TenantId tenant, UUID id, Instant now) {
    return write(() -> table.change(tenant, id, job -> JobCancel.apply(job, now), now));
  }

  @Override
  public List<JobAttempt> attempts(TenantId tenant, UUID jobId) {
    return read(
        () ->
            table.owned(tenant, jobId) == null
                ? List.of()
                : List.copyOf(table.history.getOrDefault(jobId, List.of())));
  }

  // ---- workers -------------------------------------------------------------------------------

  @Override
  public List<Job> claim(ClaimRequest request, Instant now) {
    return write(
        () -> {
          long maxRank = now.toEpochMilli();
          List<Job> claimed = new ArrayList<>();
          List<Job> candidates = new ArrayList<>();
          for (String queue : request.queues()) {
            QueueConfig scheduled = request.schedules().get(queue);
            if (scheduled != null && request.tenant() == null) {
              for (Job job :
                  claimScheduled(scheduled, request.limit() - claimed.size(), maxRank, now)) {
                claimed.add(lease(job, request, now));
              }
              continue;
            }
            int taken = 0;
            for (Job job : table.claimable.getOrDefault(queue, new TreeSet<>(JobTable.BY_RANK))) {
              if (job.rank() > maxRank || taken >= request.limit()) {
                break;
              }
              if (!job.runAt().isAfter(now)
                  && (request.tenant() == null || request.tenant().equals(job.tenant()))) {
                candidates.add(job);
                taken++;
              }
            }
          }
          candidates.sort(JobTable.BY_RANK);
          int room = Math.max(0, request.limit() - claimed.size());
          for (Job job : candidates.subList(0, Math.min(room, candidates.size()))) {
            claimed.add(lease(job, request, now));
          }
          claimed.sort(JobTable.BY_RANK);
          return List.copyOf(claimed);
        });
  }

  private Job lease(Job job, ClaimRequest request, Instant now) {
    JobLease lease =
        new JobLease(request.owner(), UUID.randomUUID(), now.plus(request.leaseDuration()));
    return table.save(
        job,
        job.toBuilder()
            .state(JobState.RUNNING)
            .attempts(job.attempts() + 1)
            .startedAt(now)
            .lease(lease)
            .updatedAt(now)
            .build(),
        now);
  }

  /**
   * The jobs a claim of a queue scheduled by tenant starts, chosen by {@link TenantClaims} (every
   * due job of the queue is offered; running counts are those of the table), with the queue's and
   * its tenants' state saved. Called under the lock.
   */
  private List<Job> claimScheduled(QueueConfig config, int limit, long maxRank, Instant now) {
    if (limit <= 0) {
      return List.of();
    }
    String queue = config.name();
    Map<TenantId, Integer> running = new HashMap<>();
    for (UUID id : table.running) {
      Job job = table.jobs.get(id);
      if (job != null && job.queue().equals(queue)) {
        running.merge(job.tenant(), 1, Integer::sum);
      }
    }
    Map<TenantId, TenantClaims.Share> stored = tenantShares.getOrDefault(queue, Map.of());
    Map<TenantId, TenantClaims.Share> shares = new HashMap<>();
    Map<UUID, Job> byId = new HashMap<>();
    List<TenantClaims.Candidate> offered = new ArrayList<>();
    for (Job job : table.claimable.getOrDefault(queue, new TreeSet<>(JobTable.BY_RANK))) {
      if (job.rank() > maxRank) {
        break;
      }
      if (!job.runAt().isAfter(now)) {
        TenantClaims.Share s = stored.getOrDefault(job.tenant(), TenantClaims.Share.NEW);
        shares.put(
            job.tenant(),
            new TenantClaims.Share(
                s.virtualTime(), running.getOrDefault(job.tenant(), 0), s.rateTat()));
        offered.add(new TenantClaims.Candidate(job.tenant(), job.id(), job.rank()));
        byId.put(job.id(), job);
      }
    }
    TenantClaims.Plan plan =
        TenantClaims.plan(
            config,
            queueShares.getOrDefault(queue, TenantClaims.QueueShare.NEW),
            shares,
            offered,
            limit,
            now);
    queueShares.put(queue, plan.queue());
    tenantShares.computeIfAbsent(queue, q -> new HashMap<>()).putAll(plan.tenants());
    List<Job> chosen = new ArrayList<>();
    for (TenantClaims.Candidate c : plan.chosen()) {
      chosen.add(byId.get(c.id()));
    }
    return chosen;
  }

  @Override
  public Optional<Job> renewLease(LeaseRef ref, Instant expiresAt, Instant now) {
    return write(
        () -> {
          Job job = table.held(ref);
          if (job == null) {
            return Optional.empty();
          }
          JobLease lease = new JobLease(job.lease().owner(), job.lease().token(), expiresAt);
          return Optional.of(
              table.save(job, job.toBuilder().lease(lease).updatedAt(now).build(), now));
        });
  }

  @Override
  public boolean reportProgress(LeaseRef ref, JobProgress progress) {
    Objects.requireNonNull(progress, "progress");
    return write(
        () -> {
          Job job = table.held(ref);
          if (job == null) {
            return false;
          }
          table.save(job, job.toBuilder().progress(progress).build(), progress.updatedAt());
          return true;
        });
  }

  @Override
  public Optional<Job> finish(LeaseRef ref, JobOutcome outcome, Instant now) {
    return write(
        () -> {
          Job job = table.held(ref);
          if (job == null) {
            return Optional.empty();
          }
          JobOutcomes.Applied applied = JobOutcomes.apply(job, outcome, now);
          table.record(job, applied.recorded(), applied.error(), now);
          Job after = table.save(job, applied.after(), now);
          table.afterStateChange(after, now);
          return Optional.of(after);
        });
  }

  @Override
  public boolean release(LeaseRef ref, Instant now) {
    return write(
        () -> {
          Job job = table.held(ref);
          if (job == null) {
            return false;
          }
          table.save(job, JobLeaseExpiry.release(job, now), now);
          return true;
        });
  }

  @Override
  public int requeueExpired(Instant now, int limit) {
    return write(
        () -> {
          List<Job> expired = new ArrayList<>();
          for (UUID id : table.running) {
            Job job = table.jobs.get(id);
            if (job.lease().expiresAt().isBefore(now)) {
              expired.add(job);
            }
          }
          expired.sort(
              Comparator.comparing((Job j) -> j.lease().expiresAt()).thenComparing(Job::id));
          int count = 0;
          for (Job job : expired.subList(0, Math.min(limit, expired.size()))) {
            table.record(job, AttemptOutcome.LEASE_EXPIRED, JobLeaseExpiry.ERROR, now);
            table.afterStateChange(table.save(job, JobLeaseExpiry.expire(job, now), now), now);
            count++;
          }
          return count;
        });
  }

  @Override
  public int deleteFinished(String queue, Instant cutoff, int limit) {
    return write(
        () -> {
          List<Job> old = new ArrayList<>();
          for (Job job : table.jobs.values()) {
            if (job.queue().equals(queue)
                && job.state().isTerminal()
                && job.finishedAt() != null
                && job.finishedAt().isBefore(cutoff)) {
              old.add(job);
            }
          }
          old.sort(Comparator.comparing(Job::finishedAt).thenComparing(Job::id));
          List<Job> doomed = old.subList(0, Math.min(limit, old.size()));
          for (Job job : doomed) {
            table.delete(job);
          }
          return doomed.size();
        });
  }

  @Override
  public JobStats stats(StatsQuery query, Instant now) {
    return read(() -> table.stats(query, now));
  }

  @Override
  public List<JobLoad> load(@Nullable TenantId tenant, @Nullable String queue, Instant now) {
    return read(() -> table.load(tenant, queue, now));
  }

  @Override
  public Optional<JobSignal> signals() {
    return Optional.of(signal);
  }

  // ---- queues --------------------------------------------------------------------------------

  @Override
  public boolean createQueue(QueueConfig config) {
    return write(() -> queues.putIfAbsent(config.name(), config) == null);
  }

  @Override
  public void saveQueue(QueueConfig config) {
    write(() -> queues.put(config.name(), config));
  }

  @Override
  public Optional<QueueConfig> getQueue(String name) {
    return read(() -> Optional.ofNullable(queues.get(name)));
  }

  @Override
  public List<QueueConfig> listQueues() {
    return read(() -> List.copyOf(queues.values()));
  }

  @Override
  public boolean deleteQueue(String name) {
    return write(() -> queues.remove(name) != null);
  }

  // ---- cron schedules ------------------------------------------------------------------------

  @Override
  public boolean createSchedule(CronSchedule schedule) {
    return write(
        () ->
            schedules.putIfAbsent(new ScheduleKey(schedule.tenant(), schedule.name()), schedule)
                == null);
  }

  @Override
  public void saveSchedule(CronSchedule schedule) {
    write(() -> schedules.put(new ScheduleKey(schedule.tenant(), schedule.name()), schedule));
  }

  @Override
  public Optional<CronSchedule> getSchedule(TenantId tenant, String name) {
    return read(() -> Optional.ofNullable(schedules.get(new ScheduleKey(tenant, name))));
  }

  @Override
  public List<CronSchedule> listSchedules(TenantId tenant) {
    return read(() -> schedules.values().stream().filter(s -> s.tenant().equals(tenant)).toList());
  }

  @Override
  public boolean deleteSchedule(TenantId tenant, String name) {
    return write(() -> schedules.remove(new ScheduleKey(tenant, name)) != null);
  }

  @Override
  public List<CronSchedule> dueSchedules(Instant now, int limit) {
    return read(
        () ->
            schedules.values().stream()
                .filter(s -> !s.nextFireAt().isAfter(now))
                .sorted(Comparator.comparing(CronSchedule::nextFireAt))
                .limit(limit)
                .toList());
  }

  @Override
  public Optional<Job> claimOccurrence(
      TenantId tenant, String name, Instant fireAt, Instant nextFireAt, NewJob job, Instant now) {
    return write(
        () -> {
          ScheduleKey key = new ScheduleKey(tenant, name);
          CronSchedule schedule = schedules.get(key);
          if (schedule == null || !schedule.nextFireAt().equals(fireAt)) {
            return Optional.empty();
          }
          if (table.jobs.containsKey(job.id())) {
            throw new ConflictException("job id " + job.id() + " is already used");
          }
          schedules.put(key, schedule.advanced(fireAt, nextFireAt));
          Job created = Job.create(tenant, job, job.readyState(now), now);
          table.save(null, created, now);
          table.index(created);
          return Optional.of(created);
        });
  }

  // ---- internals (call with the lock held) ---------------------------------------------------

  private <T> T read(Supplier<T> op) {
    lock.lock();
    try {
      return op.get();
    } finally {
      lock.unlock();
    }
  }

  private <T> T write(Supplier<T> op) {
    List<String> toSignal;
    lock.lock();
    try {
      return op.get();
    } finally {
      toSignal = table.drainSignals();
      lock.unlock();
      signal.fire(toSignal);
    }
  }
}
