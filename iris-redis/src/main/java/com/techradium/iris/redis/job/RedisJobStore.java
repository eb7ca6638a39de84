package com.techradium.iris.redis.job;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.CronSchedule;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobLoad;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobRate;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.DependencyCycles;
import com.techradium.iris.job.spi.JobCancel;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOrdering;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobRetry;
import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.LeaseRef;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.job.spi.StatsQuery;
import com.techradium.iris.job.spi.TenantClaims;
import com.techradium.iris.redis.internal.RedisContext;
import com.techradium.iris.redis.internal.RedisScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@link JobStore} on Redis, over a host-owned {@link UnifiedJedis} (standalone, pooled, or
 * cluster). Every change touching several keys is one Lua script run by EVALSHA (resources under
 * {@code com/techradium/iris/redis/job/}), so each is atomic and survives a script cache flush.
 * Update, retry and cancel read the job, decide with the core rule ({@link JobUpdate#applyTo},
 * {@link JobRetry}, {@link JobCancel}) and write with a compare-and-set script that applies the
 * change only if the job is still as read.
 *
 * <pre>{@code
 * JobStore store = RedisJobStore.create(jedis);              // keys iris:{jobs}:...
 * JobStore other = RedisJobStore.builder(jedis).namespace("jobs-eu").build();
 * }</pre>
 *
 * <p><b>Key layout.</b> With prefix {@code P = iris:{<namespace>}:}:
 *
 * <ul>
 *   <li>{@code P job:<id>}: a hash per job (tenant, queue, state, times, lease...: the tenant is a
 *       field of the job), {@code P att:<id>} its attempt history, {@code P children:<id>} the jobs
 *       waiting for it;
 *   <li>per queue: {@code P ready:<queue>}, due claimable jobs scored by {@linkplain
 *       JobOrdering#rank rank} (equal scores order by member, that is by id); {@code P
 *       delayed:<queue>}, claimable jobs not yet due, by run-at, which claim promotes into the
 *       ready set; {@code P waiting:<queue>}, every claimable job by run-at (oldest due job);
 *       {@code P finished:<queue>}, finished jobs by finish time (cleanup); {@code P alog:<queue>},
 *       attempts by finish time (stats); {@code P counts:<queue>}, jobs per tenant and state (the
 *       running counts a per-tenant cap reads); {@code P rtenants:<queue>}, the tenants with due
 *       claimable jobs; {@code P sched:<queue>}, the tenant scheduling state of a queue scheduled
 *       by tenant (fair-share clock and virtual times, rate theoretical arrival times);
 *   <li>{@code P leases}: running jobs by lease expiry;
 *   <li>per tenant: {@code P t:<tenant>:ids} and {@code P t:<tenant>:s:<STATE>}, job ids for
 *       listing (lexicographic order of ids is creation order); {@code P
 *       t:<tenant>:waiting:<queue>}, its claimable jobs by run-at; {@code P
 *       t:<tenant>:ready:<queue>}, its due claimable jobs by rank; {@code P t:<tenant>:counts},
 *       jobs per queue and state; {@code P idem:<tenant>:<key>}, the job holding an idempotency
 *       key, with a TTL of the window;
 *   <li>{@code P queues}: queue configurations; {@code P cron:<tenant>:<name>} cron schedules,
 *       {@code P cron-due} their next fire times.
 * </ul>
 *
 * <p><b>Redis Cluster.</b> Workers claim across tenants and a job's parents may sit in other
 * queues, so tenant-scoped hash tags would split claim, dependency release and batch enqueue across
 * slots, where no script can be atomic. This store therefore puts <em>all</em> of its keys under
 * one store-wide hash tag, {@code {jobs}} by default: every script is atomic in a cluster too
 * (scripts name the prefix as their key, and build the other key names from it, all in that slot).
 * The price is that one store's keys live on one primary: a deployment needing more job throughput
 * than one Redis primary gives splits its queues over several stores with different {@linkplain
 * Builder#namespace namespaces}, each its own slot. The job store contract runs on a three-primary
 * cluster through Jedis's cluster client in this module's tests.
 *
 * <p><b>Bounded work.</b> Redis runs one script at a time, so script length matters. Claim promotes
 * at most 1000 newly due jobs per queue per call (the next call promotes more); requeue and cleanup
 * take a caller-given limit; an enqueue is as long as its batch (keep batches to a few thousand
 * jobs). A claim restricted to one tenant walks the queue's ready set until it finds enough of that
 * tenant's jobs. Stats read the attempt log of their window from Redis and aggregate it in the
 * caller.
 *
 * <p><b>Signals.</b> Scripts that make jobs due publish the queue's name on the channel {@code P
 * signal}; {@link #signals()} subscribes to it (one connection, opened on the first subscription).
 *
 * <p><b>Durability.</b> Jobs are as durable as the Redis server keeps them. Run it with {@code
 * appendonly yes} and {@code appendfsync always}: every enqueue and outcome is then on disk before
 * Redis replies, and a crash or restart of Redis loses no job (the worker's calls fail while it is
 * down; a job whose outcome could not be written runs again when its lease lapses). With {@code
 * appendfsync everysec} the last second before a crash can be lost; without persistence a restart
 * empties every queue.
 *
 * <p>Thread-safe. The store never closes the client: the host owns it.
 */
public final class RedisJobStore implements JobStore {
  /** How often a change is decided again when the job changed between read and write. */
  private static final int MAX_CAS_ATTEMPTS = 100;

  private final RedisContext redis;
  private final JobKeys keys;
  private final List<String> scriptKeys;
  private final RedisJobReads reads;
  private final RedisQueueConfigs queues;
  private final RedisJobStats stats;
  private final RedisCronSchedules schedules;
  private final RedisJobSignal signal;

  private RedisJobStore(Builder builder) {
    this.redis = RedisContext.of(builder.jedis);
    this.keys = new JobKeys(builder.namespace);
    this.scriptKeys = List.of(keys.prefix());
    this.reads = new RedisJobReads(this, redis, keys);
    this.queues = new RedisQueueConfigs(redis, keys);
    this.stats = new RedisJobStats(redis, keys);
    this.schedules = new RedisCronSchedules(this, redis, keys);
    this.signal = new RedisJobSignal(builder.jedis, keys.signalChannel());
  }

  /**
   * A store with the default namespace {@code jobs} (keys {@code iris:{jobs}:...}).
   *
   * @param jedis the host's client, to one server or a cluster; never closed here
   * @return the store, thread-safe as the client is
   * @throws NullPointerException if {@code jedis} is null
   */
  public static RedisJobStore create(UnifiedJedis jedis) {
    return builder(jedis).build();
  }

  /**
   * Starts building a store over a host-owned client.
   *
   * @param jedis the host's client, to one server or a cluster; never closed here
   * @return a builder with the default namespace
   * @throws NullPointerException if {@code jedis} is null
   */
  public static Builder builder(UnifiedJedis jedis) {
    return new Builder(Objects.requireNonNull(jedis, "jedis"));
  }

  /** Builds a {@link RedisJobStore}. Not thread-safe. */
  public static final class Builder {
    private final UnifiedJedis jedis;
    private String namespace = "jobs";

    private Builder(UnifiedJedis jedis) {
      this.jedis = jedis;
    }

    /**
     * The hash tag of every key of the store: 1-64 characters of lower-case letters, digits, '.',
     * '_' or '-'. Default {@code jobs}. Stores with different namespaces share nothing.
     *
     * @param namespace the hash tag, such as {@code jobs-eu}
     * @return this builder
     * @throws NullPointerException if {@code namespace} is null
     * @throws IllegalArgumentException if the namespace is malformed
     */
    public Builder namespace(String namespace) {
      new JobKeys(Objects.requireNonNull(namespace, "namespace"));
      this.namespace = namespace;
      return this;
    }

    /**
     * Builds the store.
     *
     * @return a new store over the builder's client and namespace
     */
    public RedisJobStore build() {
      return new RedisJobStore(this);
    }
  }

  // ---- scripts -------------------------------------------------------------------------------

  /** Runs a job script with the prefix as its key and {@code now}, the aging step first. */
  Object run(RedisScript script, Instant now, List<String> args) {
    List<String> all = new ArrayList<>(args.size() + 2);
    all.add(Long.toString(now.toEpochMilli()));
    all.add(Long.toString(JobOrdering.AGING_STEP.toMillis()));
    all.addAll(args);
    return redis.run(script, scriptKeys, all);
  }

  // ---- jobs ----------------------------------------------------------------------------------

  @Override
  public List<EnqueueResult> insert(TenantId tenant, List<NewJob> jobs, Instant now) {
    Objects.requireNonNull(tenant, "tenant");
    List<NewJob> input = List.copyOf(jobs);
    // Checked here, before the script, which relies on it and resolves parents first.
    DependencyCycles.requireNone(input);
    if (input.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(2 + input.size() * 14);
    args.add(tenant.value());
    args.add(Integer.toString(input.size()));
    List<String> payloads = new ArrayList<>(input.size());
    for (NewJob n : input) {
      String payload = JobFields.canonicalJson(n.payload());
      payloads.add(payload);
      JobFields.appendNewJob(args, n, payload);
    }
    List<?> r = JobFields.list(run(JobScripts.INSERT, now, args));
    String status = JobFields.text(r.get(0));
    if ("CONFLICT".equals(status)) {
      throw new ConflictException(JobFields.text(r.get(1)));
    }
    if ("INVALID".equals(status)) {
      throw new ValidationException(JobFields.text(r.get(1)), JobFields.text(r.get(2)));
    }
    List<EnqueueResult> results = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      List<?> outcome = JobFields.list(r.get(i + 1));
      long kind = JobFields.number(outcome.get(0));
      if (kind == 1) {
        // Created: the store wrote exactly what Job.create describes, in the state it chose.
        NewJob n = input.get(i);
        Job.Builder created =
            Job.create(tenant, n, JobState.valueOf(JobFields.text(outcome.get(1))), now).toBuilder()
                .payload(payloads.get(i));
        if (outcome.size() > 2 && outcome.get(2) != null) {
          created.lastError(JobFields.text(outcome.get(2)));
        }
        results.add(new EnqueueResult(created.build(), true));
      } else if (kind == 2) {
        int earlier = (int) JobFields.number(outcome.get(1)) - 1;
        results.add(new EnqueueResult(results.get(earlier).job(), false));
      } else {
        results.add(new EnqueueResult(JobFields.job(outcome.get(1)), false));
      }
    }
    return List.copyOf(results);
  }

  @Override
  public Optional<Job> get(TenantId tenant, UUID id) {
    return reads.get(tenant, id);
  }

  @Override
  public Page<Job> list(TenantId tenant, JobQuery query, PageRequest page) {
    return reads.list(tenant, query, page);
  }

  @Override
  public Job update(TenantId tenant, UUID id, JobUpdate update, Instant now) {
    return change(tenant, id, now, job -> update.applyTo(job, now));
  }

  @Override
  public Job retryNow(TenantId tenant, UUID id, Instant now) {
    return change(tenant, id, now, job -> JobRetry.apply(job, now));
  }

  @Override
  public Job cancel(TenantId tenant, UUID id, Instant now) {
    return change(tenant, id, now, job -> JobCancel.apply(job, now));
  }

  /**
   * Reads a job, works out its new state with a core rule, and writes it with {@code cas.lua} only
   * if the job is still as read; if it changed meanwhile, reads it again and decides again.
   */
  private Job change(TenantId tenant, UUID id, Instant now, UnaryOperator<Job> rule) {
    for (int attempt = 1; ; attempt++) {
      Map<String, String> fields =
          reads.fields(tenant, id).orElseThrow(() -> NotFoundException.of("job", id));
      Job before = JobFields.job(fields);
      Job after = rule.apply(before);
      if (after == before) {
        return before;
      }
      boolean moveChildren = after.state() != before.state() && after.state().isTerminal();
      List<String> args = new ArrayList<>(4 + fields.size() * 2 + 16);
      args.add(tenant.value());
      args.add(id.toString());
      args.add(moveChildren ? "1" : "0");
      args.add(Integer.toString(fields.size()));
      fields.forEach(
          (field, value) -> {
            args.add(field);
            args.add(value);
          });
      args.addAll(JobFields.changes(before, after));
      List<?> r = JobFields.list(run(JobScripts.CAS, now, args));
      if (!"STALE".equals(JobFields.text(r.get(0)))) {
        return JobFields.okJob(id, r);
      }
      if (attempt == MAX_CAS_ATTEMPTS) {
        throw new ConflictException("job " + id + " keeps changing; try again");
      }
    }
  }

  @Override
  public List<JobAttempt> attempts(TenantId tenant, UUID jobId) {
    return reads.attempts(tenant, jobId);
  }

  // ---- workers -------------------------------------------------------------------------------

  /**
   * {@inheritDoc}
   *
   * <p>Here one script ({@code claim.lua}). A queue scheduled by tenant ({@linkplain
   * ClaimRequest#schedules() schedules}, claimed for every tenant) is claimed as {@link
   * TenantClaims#plan} does, inside the script: it reads the queue's tenants with due jobs, their
   * fair-share and rate state (one hash per queue) and running counts (the queue's counters), then
   * takes each job from the head of its tenant's ready set of the queue. The script is atomic, so
   * concurrent claimers never exceed a cap or a rate.
   */
  @Override
  public List<Job> claim(ClaimRequest request, Instant now) {
    List<String> args = new ArrayList<>(7 + request.queues().size() + request.limit());
    args.add(request.tenant() == null ? "" : request.tenant().value());
    args.add(Integer.toString(request.limit()));
    args.add(request.owner());
    args.add(Long.toString(request.leaseDuration().toMillis()));
    args.add(Integer.toString(request.queues().size()));
    args.addAll(request.queues());
    args.add(Integer.toString(request.schedules().size()));
    for (QueueConfig config : request.schedules().values()) {
      addScheduleArgs(args, config);
    }
    args.add(Long.toString(TenantClaims.micros(now)));
    for (int i = 0; i < request.limit(); i++) {
      args.add(UUID.randomUUID().toString());
    }
    List<?> r = JobFields.list(run(JobScripts.CLAIM, now, args));
    List<Job> claimed = new ArrayList<>(r.size());
    for (Object item : r) {
      claimed.add(JobFields.job(item));
    }
    return List.copyOf(claimed);
  }

  /** The arguments describing a queue scheduled by tenant, as claim.lua reads them. */
  private static void addScheduleArgs(List<String> args, QueueConfig config) {
    args.add(config.name());
    args.add(config.claimOrder() == ClaimOrder.FAIR_SHARE ? "1" : "0");
    args.add(config.maxRunningPerTenant() == null ? "" : config.maxRunningPerTenant().toString());
    addRateArgs(args, config.rate());
    addRateArgs(args, config.tenantRate());
    args.add(Integer.toString(config.tenantWeights().size()));
    config
        .tenantWeights()
        .forEach(
            (tenant, weight) -> {
              args.add(tenant.value());
              args.add(weight.toString());
            });
  }

  /** A rate's limit and emission interval in microseconds (as TenantClaims uses), or two blanks. */
  private static void addRateArgs(List<String> args, @Nullable JobRate rate) {
    if (rate == null) {
      args.add("");
      args.add("");
      return;
    }
    args.add(Integer.toString(rate.limit()));
    args.add(Long.toString(TenantClaims.interval(rate)));
  }

  private static List<String> leaseArgs(LeaseRef lease) {
    return List.of(lease.tenant().value(), lease.jobId().toString(), lease.token().toString());
  }

  @Override
  public Optional<Job> renewLease(LeaseRef lease, Instant expiresAt, Instant now) {
    List<String> args = new ArrayList<>(leaseArgs(lease));
    args.add(JobFields.millis(expiresAt));
    Object r = run(JobScripts.RENEW, now, args);
    return r == null ? Optional.empty() : Optional.of(JobFields.job(r));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one script ({@code progress.lua}) that reads the job's tenant, state and lease token
   * and, if the lease is held, sets three hash fields: no index or counter changes.
   */
  @Override
  public boolean reportProgress(LeaseRef lease, JobProgress progress) {
    Objects.requireNonNull(progress, "progress");
    List<String> args = new ArrayList<>(leaseArgs(lease));
    args.add(Integer.toString(progress.percent()));
    args.add(progress.message() == null ? "0" : "1");
    args.add(progress.message() == null ? "" : progress.message());
    return JobFields.number(run(JobScripts.PROGRESS, progress.updatedAt(), args)) == 1;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one read-only script ({@code load.lua}): for every queue asked (or the tenant's own
   * counters), the per-queue counters give the tenants with claimable or running jobs, and for each
   * such (queue, tenant) a {@code ZCOUNT} and a first-element read of the tenant's waiting set of
   * the queue give the waiting jobs and the oldest. It costs one counter field per tenant that has
   * or had jobs in the queue, plus {@code O(log n)} per row; finished jobs are never read.
   */
  @Override
  public List<JobLoad> load(@Nullable TenantId tenant, @Nullable String queue, Instant now) {
    List<String> args = List.of(tenant == null ? "" : tenant.value(), queue == null ? "" : queue);
    List<?> r = JobFields.list(run(JobScripts.LOAD, now, args));
    List<JobLoad> rows = new ArrayList<>(r.size());
    for (Object item : r) {
      List<?> row = JobFields.list(item);
      Object oldest = row.size() > 4 ? row.get(4) : null;
      rows.add(
          new JobLoad(
              JobFields.text(row.get(0)),
              TenantId.of(JobFields.text(row.get(1))),
              JobFields.number(row.get(2)),
              JobFields.number(row.get(3)),
              oldest == null
                  ? null
                  : Instant.ofEpochMilli((long) Double.parseDouble(JobFields.text(oldest))),
              now));
    }
    rows.sort(Comparator.comparing(JobLoad::queue).thenComparing(JobLoad::tenant));
    return List.copyOf(rows);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the whole batch is one script call: no other command runs between its entries.
   */
  @Override
  public List<Optional<Job>> finishAll(List<JobFinish> finishes, Instant now) {
    if (finishes.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(finishes.size() * 8);
    for (JobFinish f : finishes) {
      addFinishArgs(args, f.lease(), f.outcome());
    }
    List<?> r = JobFields.list(run(JobScripts.FINISH_ALL, now, args));
    List<Optional<Job>> out = new ArrayList<>(r.size());
    for (Object job : r) {
      out.add(job == null ? Optional.empty() : Optional.of(JobFields.job(job)));
    }
    return Collections.unmodifiableList(out);
  }

  /** The eight script arguments naming a lease and an outcome, as finish.lua reads them. */
  private static void addFinishArgs(List<String> args, LeaseRef lease, JobOutcome outcome) {
    String kind;
    String text = null;
    String retryAt = "";
    boolean consumes = false;
    if (outcome instanceof JobOutcome.Completed c) {
      kind = "C";
      text = c.result() == null ? null : JobFields.canonicalJson(c.result());
    } else if (outcome instanceof JobOutcome.Retry r) {
      kind = "R";
      text = r.error();
      retryAt = JobFields.millis(r.retryAt());
      consumes = r.consumesAttempt();
    } else if (outcome instanceof JobOutcome.Dead d) {
      kind = "D";
      text = d.error();
    } else {
      kind = "X";
      text = ((JobOutcome.Cancelled) outcome).reason();
    }
    args.addAll(leaseArgs(lease));
    args.add(kind);
    args.add(text == null ? "0" : "1");
    args.add(text == null ? "" : text);
    args.add(retryAt);
    args.add(consumes ? "1" : "0");
  }

  @Override
  public Optional<Job> finish(LeaseRef lease, JobOutcome outcome, Instant now) {
    List<String> args = new ArrayList<>(8);
    addFinishArgs(args, lease, outcome);
    Object r = run(JobScripts.FINISH, now, args);
    return r == null ? Optional.empty() : Optional.of(JobFields.job(r));
  }

  @Override
  public boolean release(LeaseRef lease, Instant now) {
    return JobFields.number(run(JobScripts.RELEASE, now, leaseArgs(lease))) == 1;
  }

  @Override
  public int requeueExpired(Instant now, int limit) {
    return (int) JobFields.number(run(JobScripts.REQUEUE, now, List.of(Integer.toString(limit))));
  }

  @Override
  public int deleteFinished(String queue, Instant cutoff, int limit) {
    List<String> args = List.of(queue, JobFields.millis(cutoff), Integer.toString(limit));
    return (int) JobFields.number(run(JobScripts.CLEANUP, cutoff, args));
  }

  @Override
  public JobStats stats(StatsQuery query, Instant now) {
    return stats.stats(query, now);
  }

  @Override
  public Optional<JobSignal> signals() {
    return Optional.of(signal);
  }

  // ---- queues --------------------------------------------------------------------------------

  @Override
  public boolean createQueue(QueueConfig config) {
    return queues.create(config);
  }

  @Override
  public void saveQueue(QueueConfig config) {
    queues.save(config);
  }

  @Override
  public Optional<QueueConfig> getQueue(String name) {
    return queues.get(name);
  }

  @Override
  public List<QueueConfig> listQueues() {
    return queues.list();
  }

  @Override
  public boolean deleteQueue(String name) {
    return queues.delete(name);
  }

  // ---- cron schedules ------------------------------------------------------------------------

  @Override
  public boolean createSchedule(CronSchedule schedule) {
    return schedules.save(schedule, true);
  }

  @Override
  public void saveSchedule(CronSchedule schedule) {
    schedules.save(schedule, false);
  }

  @Override
  public Optional<CronSchedule> getSchedule(TenantId tenant, String name) {
    return schedules.get(tenant, name);
  }

  @Override
  public List<CronSchedule> listSchedules(TenantId tenant) {
    return schedules.list(tenant);
  }

  @Override
  public boolean deleteSchedule(TenantId tenant, String name) {
    return schedules.delete(tenant, name);
  }

  @Override
  public List<CronSchedule> dueSchedules(Instant now, int limit) {
    return schedules.due(now, limit);
  }

  @Override
  public Optional<Job> claimOccurrence(
      TenantId tenant, String name, Instant fireAt, Instant nextFireAt, NewJob job, Instant now) {
    return schedules.fire(tenant, name, fireAt, nextFireAt, job, now);
  }

  @Override
  public String toString() {
    return "RedisJobStore[" + keys.prefix() + "]";
  }
}
