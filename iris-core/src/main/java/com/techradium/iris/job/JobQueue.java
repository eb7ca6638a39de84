package com.techradium.iris.job;

import com.techradium.iris.core.BackgroundService;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.HousekeepingTask;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.job.internal.JobNames;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.job.spi.StatsQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Durable jobs: enqueue work with priorities, delays, dependencies and idempotency keys; run it on
 * workers with leases, retries and backoff; fire recurring jobs from cron schedules; read stats.
 *
 * <pre>{@code
 * JobQueue jobs = JobQueue.builder()
 *     .store(new InMemoryJobStore())          // or the PostgreSQL / Redis store
 *     .runtime(runtime)                       // runs a JobWorker and a JobScheduler
 *     .handler("email.send", ctx -> mailer.send(ctx.payloadAs(Email.class)))
 *     .build();
 * Job job = jobs.enqueue(tenant, JobSpec.builder("emails", "email.send").payload(json).build());
 * }</pre>
 *
 * <p>Queues belong to the deployment; jobs and schedules belong to tenants. Building writes
 * nothing: when the runtime starts the queue (or on first use of a queue without a runtime) the
 * default queues {@value #DEFAULT_QUEUE_NAMES} are created, and every chore declared on the {@link
 * IrisContext#housekeeping() context's housekeeping} becomes a handler and a schedule of the system
 * tenant — among them this queue's own {@value #CLEANUP_SCHEDULE}, which deletes finished jobs past
 * their queue's retention (30 days by default) every night. Other facades add handlers with {@link
 * #registerHandler} and recurring work with {@link #registerSchedule}.
 *
 * <p>Every operation validates its whole input before writing anything: bad input is a {@link
 * ValidationException} and nothing is enqueued. Thread-safe. The host owns the store and the
 * runtime; closing the runtime stops this facade's worker gracefully.
 */
public final class JobQueue {
  /** The queues created on build. */
  public static final String DEFAULT_QUEUE_NAMES =
      "webhooks, emails, sms, voice, reports, cleanup, scheduled";

  /** The default queues, as a list. */
  public static final List<String> DEFAULT_QUEUES =
      List.of("webhooks", "emails", "sms", "voice", "reports", "cleanup", "scheduled");

  /** Name of the default schedule that cleans up finished jobs, owned by the system tenant. */
  public static final String CLEANUP_SCHEDULE = "job-cleanup";

  /** Handler type of the cleanup job. */
  public static final String CLEANUP_TYPE = "iris.job.cleanup";

  /** The window of {@link #stats} figures. */
  public static final Duration STATS_WINDOW = Duration.ofHours(24);

  private static final int CLEANUP_BATCH = 1000;

  private final JobStore store;
  private final IrisContext context;
  private final KnownTenants tenants;
  private final JobSettings settings;
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
  private final Set<String> knownTypes = ConcurrentHashMap.newKeySet();
  private final QueueCache queueCache;
  private final EnqueuePlanner planner;
  private final ScheduleDefinitions schedules;
  private final @Nullable JobWorker worker;
  private final @Nullable JobScheduler scheduler;
  private volatile boolean setUp;

  JobQueue(JobQueueBuilder b) {
    this.store = b.store;
    this.context = b.context();
    this.tenants = context.knownTenants();
    this.settings = b.settings(context);
    this.handlers.putAll(b.handlers);
    this.knownTypes.addAll(b.knownTypes);
    this.queueCache = new QueueCache(store, settings.pollInterval());
    this.planner = new EnqueuePlanner(store, queueCache, settings, this::isKnownType);
    this.schedules = new ScheduleDefinitions(store, this::isKnownType);
    IrisRuntime runtime = context.runtime().orElse(null);
    this.worker =
        runtime != null && b.runsWorker()
            ? new JobWorker(store, settings, handlers::get, b.workerQueues)
            : null;
    this.scheduler =
        runtime != null && b.runsScheduler() ? new JobScheduler(store, settings) : null;
    context
        .housekeeping()
        .register(
            new HousekeepingTask(
                CLEANUP_SCHEDULE,
                CLEANUP_TYPE,
                "15 3 * * *",
                ZoneOffset.UTC,
                () -> "{\"deleted\":" + cleanup() + "}"));
    context.deferredWork().runWith(new DeferredJobs(this));
    if (runtime != null) {
      runtime.register(new Setup());
      if (scheduler != null) {
        runtime.register(scheduler);
      }
      if (worker != null) {
        runtime.register(worker);
      }
    }
  }

  /**
   * Starts configuring a job queue.
   *
   * @return a new builder
   */
  public static JobQueueBuilder builder() {
    return new JobQueueBuilder();
  }

  // ---- enqueue -------------------------------------------------------------------------------

  /**
   * A fresh UUIDv7 to give a {@link JobSpec} so that other jobs of a batch can name it.
   *
   * @return a new job id
   */
  public UUID newJobId() {
    return settings.ids().next();
  }

  /**
   * Enqueues one job. With an idempotency key already used within the window for the same queue,
   * type and payload, returns the existing job instead.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param spec the job
   * @return the stored job, or the existing one holding the idempotency key
   * @throws ValidationException unknown queue or handler type, unknown parent; nothing enqueued
   * @throws ConflictException the idempotency key was used for other content; nothing enqueued
   */
  public Job enqueue(TenantId tenant, JobSpec spec) {
    return enqueueAll(tenant, List.of(Objects.requireNonNull(spec, "spec"))).get(0).job();
  }

  /**
   * Enqueues a batch atomically: every job or none. Jobs may name other jobs of the batch as
   * parents by their {@link JobSpec#id()}; a cycle is rejected. Field errors name the job as {@code
   * jobs[i].field}.
   *
   * @param tenant the tenant of every job
   * @param specs the jobs, in order
   * @return one result per spec, in order; {@code created} is false for an idempotent repeat
   * @throws ValidationException for any invalid job; nothing enqueued
   * @throws ConflictException for an idempotency conflict; nothing enqueued
   */
  public List<EnqueueResult> enqueueAll(TenantId tenant, List<JobSpec> specs) {
    Objects.requireNonNull(specs, "specs");
    for (int i = 0; i < specs.size(); i++) {
      Objects.requireNonNull(specs.get(i), "specs[" + i + "]");
    }
    checkTenant(tenant);
    Instant now = settings.now();
    List<NewJob> planned = planner.plan(tenant, List.copyOf(specs), now);
    List<EnqueueResult> results = store.insert(tenant, planned, now);
    if (worker != null) {
      String woken = null;
      for (EnqueueResult r : results) {
        Job job = r.job();
        if (!job.queue().equals(woken) && job.isDueAt(now)) {
          worker.madeDue(job.queue());
          woken = job.queue();
        }
      }
    }
    return results;
  }

  // ---- read and change jobs ------------------------------------------------------------------

  /**
   * The tenant's job.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the job's id
   * @return the job, or empty if the tenant has none with this id
   */
  public Optional<Job> get(TenantId tenant, UUID id) {
    Objects.requireNonNull(id, "id");
    checkTenant(tenant);
    return store.get(tenant, id);
  }

  /**
   * The tenant's jobs matching {@code query}, newest first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param query the filters
   * @param page the page size and cursor
   * @return one page of jobs
   */
  public Page<Job> list(TenantId tenant, JobQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    checkTenant(tenant);
    return store.list(tenant, query, page);
  }

  /**
   * The attempt history of a job, oldest first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the job's id
   * @return the attempts, oldest first; empty for an unknown job
   */
  public List<JobAttempt> attempts(TenantId tenant, UUID id) {
    Objects.requireNonNull(id, "id");
    checkTenant(tenant);
    return store.attempts(tenant, id);
  }

  /**
   * Changes priority, run-at or payload of a job that is not running or finished.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the job's id
   * @param update the fields to change; null fields stay
   * @return the job as updated
   * @throws NotFoundException no such job for the tenant
   * @throws ConflictException the job is running or finished
   */
  public Job update(TenantId tenant, UUID id, JobUpdate update) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(update, "update");
    checkTenant(tenant);
    Job job = store.update(tenant, id, update, settings.now());
    wakeIfDue(job);
    return job;
  }

  /**
   * Runs a waiting, failed, dead or cancelled job now; a dead job gets one more attempt.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the job's id
   * @return the job, queued now
   * @throws NotFoundException no such job for the tenant
   * @throws ConflictException the job is blocked by parents, running or completed
   */
  public Job retryNow(TenantId tenant, UUID id) {
    Objects.requireNonNull(id, "id");
    checkTenant(tenant);
    Job job = store.retryNow(tenant, id, settings.now());
    wakeIfDue(job);
    return job;
  }

  /**
   * Cancels a job. A waiting job is cancelled at once (children follow their policy); a running job
   * is told through {@link JobContext#isCancelled()} and ends cancelled if its handler stops with
   * an error.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param id the job's id
   * @return the job as it is now: cancelled, or running with cancellation requested
   * @throws NotFoundException no such job for the tenant
   * @throws ConflictException the job is completed or dead
   */
  public Job cancel(TenantId tenant, UUID id) {
    Objects.requireNonNull(id, "id");
    checkTenant(tenant);
    Job job = store.cancel(tenant, id, settings.now());
    if (worker != null && job.state() == JobState.RUNNING) {
      worker.cancelled(id);
    }
    return job;
  }

  /**
   * Sets the queue up if needed and checks the tenant against the directory; the system tenant,
   * which owns deployment-wide work, need not be in it.
   */
  private void checkTenant(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    ensureSetUp();
    if (!tenant.equals(settings.systemTenant())) {
      tenants.require(tenant);
    }
  }

  private void wakeIfDue(Job job) {
    if (worker != null && job.isDueAt(settings.now())) {
      worker.madeDue(job.queue());
    }
  }

  // ---- queues --------------------------------------------------------------------------------

  /**
   * Creates a queue.
   *
   * @param config the queue's configuration
   * @return the stored configuration
   * @throws ConflictException if it exists
   */
  public QueueConfig createQueue(QueueConfig config) {
    Objects.requireNonNull(config, "config");
    ensureSetUp();
    queueCache.clear();
    if (!store.createQueue(config)) {
      throw new ConflictException("queue " + config.name() + " exists already");
    }
    return config;
  }

  /**
   * Replaces an existing queue's configuration.
   *
   * @param config the queue's new configuration
   * @return the stored configuration
   * @throws NotFoundException if it does not exist
   */
  public QueueConfig updateQueue(QueueConfig config) {
    Objects.requireNonNull(config, "config");
    requireQueue(config.name());
    store.saveQueue(config);
    queueCache.clear();
    if (worker != null) {
      worker.queuesChanged();
    }
    return config;
  }

  /**
   * Stops workers claiming from the queue (enqueueing still works). This node's worker stops at
   * once; workers on other nodes within their poll interval.
   *
   * @param name the queue's name
   * @return the configuration, paused
   */
  public QueueConfig pauseQueue(String name) {
    Objects.requireNonNull(name, "name");
    return updateQueue(requireQueue(name).withPaused(true));
  }

  /**
   * Lets workers claim from the queue again.
   *
   * @param name the queue's name
   * @return the configuration, resumed
   */
  public QueueConfig resumeQueue(String name) {
    Objects.requireNonNull(name, "name");
    QueueConfig resumed = updateQueue(requireQueue(name).withPaused(false));
    if (worker != null) {
      worker.pollAll();
    }
    return resumed;
  }

  /**
   * The queue's configuration.
   *
   * @param name the queue's name
   * @return the configuration, or empty for an unknown queue
   */
  public Optional<QueueConfig> getQueue(String name) {
    Objects.requireNonNull(name, "name");
    ensureSetUp();
    return store.getQueue(name);
  }

  /**
   * Every queue, by name.
   *
   * @return the configurations, ordered by name
   */
  public List<QueueConfig> listQueues() {
    ensureSetUp();
    return store.listQueues();
  }

  /**
   * Deletes a queue's configuration; its jobs stay.
   *
   * @param name the queue's name
   * @return whether it existed
   */
  public boolean deleteQueue(String name) {
    Objects.requireNonNull(name, "name");
    ensureSetUp();
    boolean deleted = store.deleteQueue(name);
    queueCache.clear();
    return deleted;
  }

  private QueueConfig requireQueue(String name) {
    ensureSetUp();
    return store.getQueue(name).orElseThrow(() -> NotFoundException.of("queue", name));
  }

  // ---- schedules -----------------------------------------------------------------------------

  /**
   * Creates a recurring job for the tenant.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param spec the schedule
   * @return the stored schedule with its first fire time
   * @throws ValidationException unknown queue or handler type
   * @throws ConflictException the tenant has a schedule of that name
   */
  public CronSchedule createSchedule(TenantId tenant, ScheduleSpec spec) {
    Objects.requireNonNull(spec, "spec");
    checkTenant(tenant);
    CronSchedule schedule = schedules.newSchedule(tenant, spec, settings.now());
    if (!store.createSchedule(schedule)) {
      throw new ConflictException("schedule " + spec.name() + " exists already");
    }
    return schedule;
  }

  /**
   * Makes sure the schedule exists with this definition: creates it if missing, updates it if its
   * definition changed (keeping its next fire time unless cron or zone changed), else leaves it.
   * For facades registering their recurring work on every start.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param spec the schedule
   * @return the stored schedule
   */
  public CronSchedule registerSchedule(TenantId tenant, ScheduleSpec spec) {
    Objects.requireNonNull(spec, "spec");
    checkTenant(tenant);
    return schedules.register(tenant, spec, settings.now());
  }

  /**
   * The tenant's schedule.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param name the schedule's name
   * @return the schedule, or empty if the tenant has none of that name
   */
  public Optional<CronSchedule> getSchedule(TenantId tenant, String name) {
    Objects.requireNonNull(name, "name");
    checkTenant(tenant);
    return store.getSchedule(tenant, name);
  }

  /**
   * The tenant's schedules, by name.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the schedules, ordered by name
   */
  public List<CronSchedule> listSchedules(TenantId tenant) {
    checkTenant(tenant);
    return store.listSchedules(tenant);
  }

  /**
   * Deletes the tenant's schedule; jobs it enqueued stay.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param name the schedule's name
   * @return whether it existed
   */
  public boolean deleteSchedule(TenantId tenant, String name) {
    Objects.requireNonNull(name, "name");
    checkTenant(tenant);
    return store.deleteSchedule(tenant, name);
  }

  // ---- stats and cleanup ---------------------------------------------------------------------

  /**
   * The tenant's figures for one queue over the last 24 hours.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param queue the queue's name
   * @return the figures
   */
  public JobStats stats(TenantId tenant, String queue) {
    Objects.requireNonNull(queue, "queue");
    checkTenant(tenant);
    Instant now = settings.now();
    return store.stats(new StatsQuery(tenant, queue, now.minus(STATS_WINDOW)), now);
  }

  /**
   * The tenant's figures across all queues and per queue, over the last 24 hours.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the figures, overall and per queue
   */
  public JobStatsSummary stats(TenantId tenant) {
    checkTenant(tenant);
    return summary(tenant);
  }

  /**
   * Figures across every tenant, over all queues and per queue, over the last 24 hours.
   *
   * @return the figures, overall and per queue
   */
  public JobStatsSummary deploymentStats() {
    ensureSetUp();
    return summary(null);
  }

  /**
   * The tenant's own operator view: per queue, its waiting and running jobs and the age of its
   * oldest waiting job (see {@link JobLoad}). Never shows another tenant's figures.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return one row per queue where the tenant has jobs waiting or running, by queue name
   */
  public List<JobLoad> load(TenantId tenant) {
    checkTenant(tenant);
    return store.load(tenant, null, settings.now());
  }

  /**
   * The operator view across tenants: for every queue and every tenant with jobs waiting or running
   * there, how many wait, how many run and how long the oldest has waited. For the deployment's
   * operators only (it names every tenant); tenants see their own rows through {@link
   * #load(TenantId)}. What it costs depends on the store (docs/jobs.md): it reads the waiting and
   * running jobs, never the finished ones.
   *
   * @return one row per (queue, tenant) with waiting or running jobs, by queue then tenant
   */
  public List<JobLoad> deploymentLoad() {
    ensureSetUp();
    return store.load(null, null, settings.now());
  }

  /**
   * {@link #deploymentLoad()} for one queue: each tenant's waiting and running jobs there.
   *
   * @param queue the queue's name
   * @return one row per tenant with waiting or running jobs in the queue, by tenant
   */
  public List<JobLoad> deploymentLoad(String queue) {
    Objects.requireNonNull(queue, "queue");
    ensureSetUp();
    return store.load(null, queue, settings.now());
  }

  private JobStatsSummary summary(@Nullable TenantId tenant) {
    Instant now = settings.now();
    Instant since = now.minus(STATS_WINDOW);
    Map<String, JobStats> byQueue = new LinkedHashMap<>();
    for (QueueConfig queue : store.listQueues()) {
      byQueue.put(queue.name(), store.stats(new StatsQuery(tenant, queue.name(), since), now));
    }
    return new JobStatsSummary(store.stats(new StatsQuery(tenant, null, since), now), byQueue);
  }

  /**
   * Deletes completed, dead and cancelled jobs older than their queue's retention, in batches of
   * {@value #CLEANUP_BATCH}. The default schedule {@value #CLEANUP_SCHEDULE} runs it nightly.
   *
   * @return how many jobs were deleted
   */
  public int cleanup() {
    ensureSetUp();
    Instant now = settings.now();
    int deleted = 0;
    for (QueueConfig queue : store.listQueues()) {
      Instant cutoff = now.minus(queue.retention());
      int batch;
      do {
        batch = store.deleteFinished(queue.name(), cutoff, CLEANUP_BATCH);
        deleted += batch;
      } while (batch == CLEANUP_BATCH);
    }
    return deleted;
  }

  // ---- handlers and services -----------------------------------------------------------------

  /**
   * Adds the handler of a job type, for facades built after this one.
   *
   * @param type the job type
   * @param handler the handler
   * @throws IllegalStateException if the type has a handler already
   */
  public void registerHandler(String type, JobHandler handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(handler, "handler");
    JobNames.type(Validation.of(), "type", type).throwIfInvalid();
    if (handlers.putIfAbsent(type, handler) != null) {
      throw BuilderChecks.duplicate("handler for type", type);
    }
  }

  /**
   * Whether jobs of {@code type} may be enqueued: it has a handler or was declared known.
   *
   * @param type the job type
   * @return true if jobs of that type may be enqueued
   */
  public boolean isKnownType(String type) {
    Objects.requireNonNull(type, "type");
    return handlers.containsKey(type) || knownTypes.contains(type);
  }

  /** The worker this facade runs on its runtime, if any (for tests in this package). */
  Optional<JobWorker> worker() {
    return Optional.ofNullable(worker);
  }

  /**
   * The tenant that owns system schedules such as {@value #CLEANUP_SCHEDULE}.
   *
   * @return the system tenant
   */
  public TenantId systemTenant() {
    return settings.systemTenant();
  }

  /**
   * Creates the default queues and attaches this queue as the runner of its context's housekeeping
   * chores (each a handler and a schedule of the system tenant), once: when the runtime starts, or
   * on first use of a queue without a runtime.
   */
  void ensureSetUp() {
    if (setUp) {
      return;
    }
    synchronized (this) {
      if (setUp) {
        return;
      }
      for (String name : DEFAULT_QUEUES) {
        store.createQueue(QueueConfig.defaults(name));
      }
      context.housekeeping().runWith(this::runChore);
      queueCache.clear();
      setUp = true;
    }
  }

  private void runChore(HousekeepingTask task) {
    handlers.putIfAbsent(task.jobType(), ctx -> ctx.result(task.work().get()));
    // The system tenant owns deployment-wide work; it need not be in the tenant directory.
    schedules.register(
        settings.systemTenant(),
        ScheduleSpec.of(task.name(), task.cron(), task.zone(), "cleanup", task.jobType()),
        settings.now());
  }

  /** Sets the queue up before the scheduler and worker start on the runtime. */
  private final class Setup implements BackgroundService {
    @Override
    public String name() {
      return "job-setup";
    }

    @Override
    public void start(IrisRuntime runtime) {
      ensureSetUp();
    }

    @Override
    public void stop(Duration timeout) {}
  }
}
