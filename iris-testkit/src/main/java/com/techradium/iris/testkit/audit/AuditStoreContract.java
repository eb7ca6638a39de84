package com.techradium.iris.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.ActorType;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditChainKey;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.Checkpoint;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.Outcome;
import com.techradium.iris.audit.RequestContext;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.Severity;
import com.techradium.iris.audit.VerificationReport;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.testkit.ContractSupport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditStore} must show.
 *
 * <p>An adapter's test extends this class and implements {@link #newStore(Clock)}; every test then
 * runs against that store through {@link #store()}. Each test uses fresh tenants, so {@code
 * newStore} may return one store shared by all tests. See {@link ContractSupport} for the
 * convention every contract suite follows.
 */
public abstract class AuditStoreContract extends ContractSupport<AuditStore> {

  private final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());

  /** Constructor for an adapter's test, which extends this suite. */
  public AuditStoreContract() {}

  /**
   * An event with every field set, in {@code category}: context, record ids, purpose, PHI data
   * category, and JSON metadata, before and after with escapes and non-ASCII text (a key-misuse
   * kind in the security category).
   *
   * @param tenant the event's tenant
   * @param category the event's chain
   * @param actor the acting service's id
   * @return the event
   */
  protected static AuditEvent fullEvent(TenantId tenant, AuditCategory category, String actor) {
    AuditEvent.Builder builder =
        AuditEvent.builder(tenant, category)
            .actor(actor, ActorType.SERVICE)
            .action("thing.do")
            .outcome(Outcome.DENIED)
            .severity(Severity.HIGH)
            .target("invoice", "inv-7")
            .context(new RequestContext("2001:db8::7", "Mozilla/5.0 (X11) ünï", "req-1"))
            .recordIds(List.of("r-1", "r-2"))
            .purpose("ticket 42")
            .metadata("{\"z\":1.50,\"a\":[true,null,\"x\\ny\"],\"m\":{\"k\":\"é\"}}")
            .before("{\"state\":\"open\"}")
            .after("[1,2,3]");
    if (category == AuditCategory.SECURITY) {
      builder.securityKind(SecurityEventKind.KEY_MISUSE);
    }
    builder.dataCategory(DataCategory.PHI);
    return builder.build();
  }

  /**
   * A minimal event: actor and action only, plus what {@code category} requires (a failed-login
   * kind for security, a PII data category for data access).
   *
   * @param tenant the event's tenant
   * @param category the event's chain
   * @param actor the actor's id
   * @return the event
   */
  protected static AuditEvent event(TenantId tenant, AuditCategory category, String actor) {
    AuditEvent.Builder builder =
        AuditEvent.builder(tenant, category).actor(actor).action("thing.do");
    if (category == AuditCategory.SECURITY) {
      builder.securityKind(SecurityEventKind.FAILED_LOGIN);
    }
    if (category == AuditCategory.DATA_ACCESS) {
      builder.dataCategory(DataCategory.PII);
    }
    return builder.build();
  }

  /**
   * Stamps {@code event} at the contract clock's current time, with a fresh time-ordered id.
   *
   * @param event the event to store
   * @return the record {@link AuditStore#append} takes
   */
  protected NewAuditRecord stamp(AuditEvent event) {
    return new NewAuditRecord(ids.next(), clock.instant(), event);
  }

  private AuditRecord appendOne(AuditEvent event) {
    return store().append(List.of(stamp(event))).get(0);
  }

  private List<AuditRecord> all(AuditQuery query) {
    return store().query(query, PageRequest.first(PageRequest.MAX_LIMIT)).items();
  }

  @Test
  void appendedEventsComeBackWithEveryField() {
    TenantId tenant = newTenant();
    List<NewAuditRecord> batch = new ArrayList<>();
    for (AuditCategory category : AuditCategory.values()) {
      batch.add(stamp(fullEvent(tenant, category, "actor-" + category)));
      clock.advance(Duration.ofNanos(1_234_567));
    }
    List<AuditRecord> stored = store().append(batch);

    assertThat(stored).hasSize(4);
    for (int i = 0; i < stored.size(); i++) {
      AuditRecord record = stored.get(i);
      assertThat(record.id()).isEqualTo(batch.get(i).id());
      assertThat(record.event()).isEqualTo(batch.get(i).event());
      assertThat(record.sequence()).isEqualTo(1);
      assertThat(record.previousHash()).isEqualTo(AuditChain.GENESIS_HASH);
      assertThat(record.hashMatches()).isTrue();
    }
    List<AuditRecord> read = all(AuditQuery.forTenant(tenant).build());
    assertThat(read).containsExactlyInAnyOrderElementsOf(stored);
    for (AuditCategory category : AuditCategory.values()) {
      assertThat(store().readChain(tenant, category, 0, 10))
          .singleElement()
          .satisfies(r -> assertThat(r.hashMatches()).isTrue());
    }
  }

  @Test
  void aLargeBatchKeepsEveryFieldIncludingEscapes() {
    TenantId tenant = newTenant();
    List<NewAuditRecord> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      AuditCategory category = AuditCategory.values()[i % 4];
      AuditEvent event =
          fullEvent(tenant, category, "actor\\" + i).toBuilder()
              .userAgent("agent \\N with backslash " + i)
              .metadata("{\"path\":\"C:\\\\temp\\t" + i + "\",\"ü\":\"\\u0001\"}")
              .build();
      batch.add(stamp(event));
    }

    List<AuditRecord> stored = store().append(batch);

    List<AuditRecord> read = new ArrayList<>();
    for (AuditCategory category : AuditCategory.values()) {
      read.addAll(store().readChain(tenant, category, 0, 1000));
    }
    assertThat(read).containsExactlyInAnyOrderElementsOf(stored);
    assertThat(read).allMatch(AuditRecord::hashMatches);
  }

  @Test
  void recordedAtKeepsMicrosecondPrecision() {
    TenantId tenant = newTenant();
    clock.set(Instant.parse("2026-03-04T05:06:07.123456789Z"));
    AuditRecord stored = appendOne(event(tenant, AuditCategory.AUDIT, "u"));
    assertThat(stored.recordedAt()).isEqualTo(Instant.parse("2026-03-04T05:06:07.123456Z"));
    assertThat(all(AuditQuery.forTenant(tenant).build()).get(0).recordedAt())
        .isEqualTo(stored.recordedAt());
  }

  @Test
  void eachChainNumbersItsEventsFromOneAndLinksThem() {
    TenantId tenant = newTenant();
    List<NewAuditRecord> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(stamp(event(tenant, AuditCategory.AUDIT, "a" + i)));
      batch.add(stamp(event(tenant, AuditCategory.ADMIN, "b" + i)));
    }
    store().append(batch);
    store().append(List.of(stamp(event(tenant, AuditCategory.AUDIT, "late"))));

    List<AuditRecord> audit = store().readChain(tenant, AuditCategory.AUDIT, 0, 100);
    assertThat(audit).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    for (int i = 1; i < audit.size(); i++) {
      assertThat(audit.get(i).previousHash()).isEqualTo(audit.get(i - 1).hash());
    }
    assertThat(store().readChain(tenant, AuditCategory.ADMIN, 0, 100))
        .extracting(AuditRecord::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(store().head(tenant, AuditCategory.AUDIT))
        .contains(new ChainHead(tenant, AuditCategory.AUDIT, 6, audit.get(5).hash()));
    assertThat(store().head(tenant, AuditCategory.SECURITY)).isEmpty();
  }

  @Test
  void aRecordCarryingAChainKeyIsLinkedWithThatKey() {
    TenantId tenant = newTenant();
    AuditChainKey key =
        new AuditChainKey(
            "contract-key", "a chain key of at least 32 bytes".getBytes(StandardCharsets.US_ASCII));
    AuditRecord plain = appendOne(event(tenant, AuditCategory.AUDIT, "before"));
    NewAuditRecord keyed = stamp(event(tenant, AuditCategory.AUDIT, "after"));

    AuditRecord stored =
        store()
            .append(List.of(new NewAuditRecord(keyed.id(), keyed.recordedAt(), keyed.event(), key)))
            .get(0);

    assertThat(stored.previousHash()).isEqualTo(plain.hash());
    assertThat(stored.hash()).startsWith(AuditChain.KEYED_PREFIX + "contract-key:");
    assertThat(stored.hashMatches(key)).isTrue();
    assertThat(store().readChain(tenant, AuditCategory.AUDIT, 1, 10)).containsExactly(stored);
    assertThat(store().head(tenant, AuditCategory.AUDIT).orElseThrow().hash())
        .isEqualTo(stored.hash());
  }

  @Test
  void readChainPagesBySequence() {
    TenantId tenant = newTenant();
    List<NewAuditRecord> batch = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      batch.add(stamp(event(tenant, AuditCategory.AUDIT, "a" + i)));
    }
    store().append(batch);
    assertThat(store().readChain(tenant, AuditCategory.AUDIT, 2, 3))
        .extracting(AuditRecord::sequence)
        .containsExactly(3L, 4L, 5L);
    assertThat(store().readChain(tenant, AuditCategory.AUDIT, 7, 3)).isEmpty();
  }

  @Test
  void tenantsNeverSeeEachOthersEvents() {
    TenantId mine = newTenant();
    TenantId theirs = newTenant();
    appendOne(event(mine, AuditCategory.AUDIT, "me"));
    appendOne(event(theirs, AuditCategory.AUDIT, "them"));
    appendOne(event(theirs, AuditCategory.AUDIT, "them"));

    assertThat(all(AuditQuery.forTenant(mine).build()))
        .extracting(r -> r.event().actorId())
        .containsExactly("me");
    assertThat(store().count(AuditQuery.forTenant(mine).actorId("them").build())).isZero();
    assertThat(store().head(mine, AuditCategory.AUDIT).orElseThrow().sequence()).isEqualTo(1);
    assertThat(store().head(theirs, AuditCategory.AUDIT).orElseThrow().sequence()).isEqualTo(2);
    assertThat(store().readChain(mine, AuditCategory.AUDIT, 0, 10)).hasSize(1);
  }

  @Test
  void queryFiltersOnEveryCondition() {
    TenantId tenant = newTenant();
    Instant start = clock.instant();
    AuditRecord full = appendOne(fullEvent(tenant, AuditCategory.SECURITY, "svc"));
    clock.advance(Duration.ofMinutes(1));
    AuditRecord plain = appendOne(event(tenant, AuditCategory.AUDIT, "bob"));
    clock.advance(Duration.ofMinutes(1));
    AuditRecord login = appendOne(event(tenant, AuditCategory.SECURITY, "bob"));

    assertThat(all(AuditQuery.forTenant(tenant).actorId("bob").build()))
        .containsExactly(login, plain);
    assertThat(all(AuditQuery.forTenant(tenant).categories(AuditCategory.AUDIT).build()))
        .containsExactly(plain);
    assertThat(
            all(
                AuditQuery.forTenant(tenant)
                    .categories(AuditCategory.AUDIT, AuditCategory.SECURITY)
                    .build()))
        .containsExactly(login, plain, full);
    assertThat(all(AuditQuery.forTenant(tenant).action("thing.do").build())).hasSize(3);
    assertThat(all(AuditQuery.forTenant(tenant).target("invoice", "inv-7").build()))
        .containsExactly(full);
    assertThat(all(AuditQuery.forTenant(tenant).target("invoice", null).build()))
        .containsExactly(full);
    assertThat(all(AuditQuery.forTenant(tenant).outcome(Outcome.DENIED).build()))
        .containsExactly(full);
    assertThat(all(AuditQuery.forTenant(tenant).minSeverity(Severity.MEDIUM).build()))
        .containsExactly(full);
    assertThat(all(AuditQuery.forTenant(tenant).minSeverity(Severity.INFO).build())).hasSize(3);
    assertThat(
            all(AuditQuery.forTenant(tenant).securityKind(SecurityEventKind.FAILED_LOGIN).build()))
        .containsExactly(login);
    assertThat(all(AuditQuery.forTenant(tenant).dataCategory(DataCategory.PHI).build()))
        .containsExactly(full);
    assertThat(all(AuditQuery.forTenant(tenant).ipAddress("2001:db8::7").build()))
        .containsExactly(full);
    assertThat(
            all(
                AuditQuery.forTenant(tenant)
                    .from(start.plus(Duration.ofMinutes(1)))
                    .to(start.plus(Duration.ofMinutes(2)))
                    .build()))
        .containsExactly(plain);
    assertThat(all(AuditQuery.forTenant(tenant).from(start.plus(Duration.ofMinutes(1))).build()))
        .containsExactly(login, plain);
    assertThat(all(AuditQuery.forTenant(tenant).to(start.plus(Duration.ofMinutes(1))).build()))
        .containsExactly(full);
    assertThat(all(AuditQuery.forTenant(tenant).actorId("bob").outcome(Outcome.DENIED).build()))
        .isEmpty();
  }

  private AuditRecord appendSearchable(
      TenantId tenant,
      String actor,
      String action,
      @Nullable String targetType,
      @Nullable String targetId,
      @Nullable String ip,
      Outcome outcome) {
    clock.advance(Duration.ofSeconds(1));
    AuditEvent.Builder builder =
        AuditEvent.builder(tenant, AuditCategory.AUDIT)
            .actor(actor)
            .action(action)
            .target(targetType, targetId)
            .outcome(outcome);
    if (ip != null) {
      builder.context(RequestContext.ip(ip));
    }
    return appendOne(builder.build());
  }

  @Test
  void actionTargetAndIpFiltersMatchExactlyTheirValues() {
    TenantId tenant = newTenant();
    // A tenant whose id extends this one's, with the same values: never matched.
    TenantId longer = TenantId.of(tenant.value() + "x");
    AuditRecord a =
        appendSearchable(
            tenant, "ann", "invoice.view", "invoice", "inv-1", "10.0.0.1", Outcome.SUCCESS);
    AuditRecord b =
        appendSearchable(
            tenant, "bob", "invoice.view", "invoice", "inv-12", "10.0.0.12", Outcome.DENIED);
    AuditRecord c =
        appendSearchable(
            tenant, "ann", "invoice.view.all", "a:b", "c", "10.0.0.1", Outcome.FAILURE);
    AuditRecord d =
        appendSearchable(tenant, "bob", "o'brien.view", "a", "b:c", null, Outcome.SUCCESS);
    AuditRecord e =
        appendSearchable(tenant, "ann", "invoice.view", null, null, null, Outcome.SUCCESS);
    appendSearchable(longer, "ann", "invoice.view", "invoice", "inv-1", "10.0.0.1", Outcome.DENIED);

    assertThat(all(AuditQuery.forTenant(tenant).action("invoice.view").build()))
        .containsExactly(e, b, a);
    assertThat(all(AuditQuery.forTenant(tenant).action("invoice").build())).isEmpty();
    assertThat(all(AuditQuery.forTenant(tenant).action("o'brien.view").build())).containsExactly(d);
    assertThat(all(AuditQuery.forTenant(tenant).target("invoice", "inv-1").build()))
        .containsExactly(a);
    assertThat(all(AuditQuery.forTenant(tenant).target("invoice", null).build()))
        .containsExactly(b, a);
    assertThat(all(AuditQuery.forTenant(tenant).target("a:b", "c").build())).containsExactly(c);
    assertThat(all(AuditQuery.forTenant(tenant).target("a", "b:c").build())).containsExactly(d);
    assertThat(all(AuditQuery.forTenant(tenant).target("a", null).build())).containsExactly(d);
    assertThat(all(AuditQuery.forTenant(tenant).target("a", "b").build())).isEmpty();
    assertThat(all(AuditQuery.forTenant(tenant).ipAddress("10.0.0.1").build()))
        .containsExactly(c, a);
    assertThat(all(AuditQuery.forTenant(tenant).ipAddress("10.0.0.").build())).isEmpty();
    assertThat(all(AuditQuery.forTenant(longer).ipAddress("10.0.0.1").build())).hasSize(1);

    // Combinations, each with and without a condition that has an index of its own.
    assertThat(
            all(AuditQuery.forTenant(tenant).action("invoice.view").ipAddress("10.0.0.1").build()))
        .containsExactly(a);
    assertThat(
            all(
                AuditQuery.forTenant(tenant)
                    .action("invoice.view")
                    .outcome(Outcome.DENIED)
                    .build()))
        .containsExactly(b);
    assertThat(
            all(
                AuditQuery.forTenant(tenant)
                    .action("invoice.view")
                    .outcome(Outcome.SUCCESS)
                    .build()))
        .containsExactly(e, a);
    assertThat(all(AuditQuery.forTenant(tenant).actorId("ann").action("invoice.view").build()))
        .containsExactly(e, a);
    assertThat(
            all(
                AuditQuery.forTenant(tenant)
                    .actorId("ann")
                    .target("invoice", null)
                    .ipAddress("10.0.0.1")
                    .build()))
        .containsExactly(a);
    assertThat(
            all(
                AuditQuery.forTenant(tenant)
                    .action("invoice.view")
                    .target("invoice", null)
                    .build()))
        .containsExactly(b, a);
    assertThat(
            all(
                AuditQuery.forTenant(tenant)
                    .target("invoice", null)
                    .outcome(Outcome.FAILURE)
                    .build()))
        .isEmpty();
    assertThat(store().count(AuditQuery.forTenant(tenant).action("invoice.view").build()))
        .isEqualTo(3);
    assertThat(store().count(AuditQuery.forTenant(tenant).ipAddress("10.0.0.1").build()))
        .isEqualTo(2);
  }

  @Test
  void searchFiltersPageThroughEveryMatch() {
    TenantId tenant = newTenant();
    List<AuditRecord> views = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      views.add(
          appendSearchable(
              tenant, "ann", "report.view", "report", "r-" + (i % 2), "10.1.1.1", Outcome.SUCCESS));
      appendSearchable(tenant, "ann", "report.edit", "report", "r-0", "10.1.1.2", Outcome.SUCCESS);
    }
    assertThat(collect(AuditQuery.forTenant(tenant).action("report.view").build(), false))
        .containsExactlyElementsOf(views);
    List<AuditRecord> newestFirst = new ArrayList<>(views);
    Collections.reverse(newestFirst);
    assertThat(collect(AuditQuery.forTenant(tenant).ipAddress("10.1.1.1").build(), true))
        .containsExactlyElementsOf(newestFirst);
  }

  @Test
  void queryPagesNewestFirstAndScanPagesOldestFirst() {
    TenantId tenant = newTenant();
    List<AuditRecord> stored = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      stored.add(appendOne(event(tenant, AuditCategory.AUDIT, "u" + i)));
      if (i % 2 == 0) {
        clock.advance(Duration.ofSeconds(1)); // some events share a timestamp
      }
    }
    AuditQuery query = AuditQuery.forTenant(tenant).build();

    List<AuditRecord> newestFirst = collect(query, true);
    List<AuditRecord> expected = new ArrayList<>(stored);
    java.util.Collections.reverse(expected);
    assertThat(newestFirst).containsExactlyElementsOf(expected);
    assertThat(collect(query, false)).containsExactlyElementsOf(stored);
  }

  private List<AuditRecord> collect(AuditQuery query, boolean newestFirst) {
    List<AuditRecord> out = new ArrayList<>();
    PageRequest page = PageRequest.first(3);
    while (true) {
      Page<AuditRecord> result =
          newestFirst ? store().query(query, page) : store().scan(query, page);
      assertThat(result.items().size()).isLessThanOrEqualTo(3);
      out.addAll(result.items());
      if (!result.hasNext()) {
        return out;
      }
      page = page.after(result.nextCursor());
    }
  }

  @Test
  void filteredPagingSkipsNonMatchingEvents() {
    TenantId tenant = newTenant();
    List<AuditRecord> bobs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      appendOne(event(tenant, AuditCategory.AUDIT, "alice"));
      bobs.add(appendOne(event(tenant, AuditCategory.AUDIT, "bob")));
      clock.advance(Duration.ofMillis(10));
    }
    AuditQuery query = AuditQuery.forTenant(tenant).actorId("bob").build();
    assertThat(collect(query, false)).containsExactlyElementsOf(bobs);
  }

  @Test
  void aBatchIsStoredWholeOrNotAtAll() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    NewAuditRecord existing = stamp(event(tenant, AuditCategory.AUDIT, "first"));
    store().append(List.of(existing));
    ChainHead headBefore = store().head(tenant, AuditCategory.AUDIT).orElseThrow();

    List<NewAuditRecord> batch =
        List.of(
            stamp(event(tenant, AuditCategory.AUDIT, "a")),
            stamp(event(other, AuditCategory.ADMIN, "b")),
            stamp(event(tenant, AuditCategory.SECURITY, "c")),
            new NewAuditRecord(
                existing.id(), clock.instant(), event(tenant, AuditCategory.AUDIT, "dup")));

    assertThatThrownBy(() -> store().append(batch)).isInstanceOf(StorageException.class);
    assertThat(store().head(tenant, AuditCategory.AUDIT)).contains(headBefore);
    assertThat(store().head(tenant, AuditCategory.SECURITY)).isEmpty();
    assertThat(store().head(other, AuditCategory.ADMIN)).isEmpty();
    assertThat(store().count(AuditQuery.forTenant(tenant).build())).isEqualTo(1);
    assertThat(store().count(AuditQuery.forTenant(other).build())).isZero();

    store().append(batch.subList(0, 3));
    assertThat(store().head(tenant, AuditCategory.AUDIT).orElseThrow().sequence()).isEqualTo(2);
  }

  @Test
  void concurrentAppendsFromManyThreadsKeepOneValidChain() throws Exception {
    TenantId tenant = newTenant();
    int threads = 8;
    int appendsPerThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  int written = 0;
                  for (int i = 0; i < appendsPerThread; i++) {
                    List<NewAuditRecord> batch = new ArrayList<>();
                    for (int k = 0; k <= i % 3; k++) {
                      batch.add(stamp(event(tenant, AuditCategory.AUDIT, "t" + thread)));
                    }
                    written += store().append(batch).size();
                  }
                  return written;
                }));
      }
      go.countDown();
      long total = 0;
      for (Future<Integer> future : futures) {
        total += future.get(120, TimeUnit.SECONDS);
      }

      List<AuditRecord> chain = new ArrayList<>();
      long after = 0;
      while (true) {
        List<AuditRecord> batch = store().readChain(tenant, AuditCategory.AUDIT, after, 500);
        if (batch.isEmpty()) {
          break;
        }
        chain.addAll(batch);
        after = batch.get(batch.size() - 1).sequence();
      }
      assertThat(chain).hasSize((int) total);
      Set<java.util.UUID> distinct = new HashSet<>();
      String previous = AuditChain.GENESIS_HASH;
      for (int i = 0; i < chain.size(); i++) {
        AuditRecord record = chain.get(i);
        assertThat(record.sequence()).isEqualTo(i + 1);
        assertThat(record.previousHash()).isEqualTo(previous);
        assertThat(record.hashMatches()).isTrue();
        assertThat(distinct.add(record.id())).isTrue();
        previous = record.hash();
      }
      assertThat(store().head(tenant, AuditCategory.AUDIT).orElseThrow().hash())
          .isEqualTo(previous);
      VerificationReport report = AuditLog.builder().store(store()).build().verify(tenant);
      assertThat(report.valid()).isTrue();
      assertThat(report.eventsChecked()).isEqualTo(total);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void checkpointsAreSavedListedAndFoundByPosition() {
    TenantId tenant = newTenant();
    HmacCheckpointSigner signer =
        new HmacCheckpointSigner(
            "k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    Checkpoint at3 =
        Checkpoint.sign(signer, tenant, AuditCategory.AUDIT, 3, "a".repeat(64), clock.instant());
    Checkpoint at7 =
        Checkpoint.sign(signer, tenant, AuditCategory.AUDIT, 7, "b".repeat(64), clock.instant());
    Checkpoint admin =
        Checkpoint.sign(signer, tenant, AuditCategory.ADMIN, 5, "c".repeat(64), clock.instant());
    store().saveCheckpoint(at7);
    store().saveCheckpoint(at3);
    store().saveCheckpoint(admin);
    store()
        .saveCheckpoint(
            Checkpoint.sign(
                signer, tenant, AuditCategory.AUDIT, 7, "d".repeat(64), clock.instant()));

    assertThat(store().latestCheckpoint(tenant, AuditCategory.AUDIT, 2)).isEmpty();
    assertThat(store().latestCheckpoint(tenant, AuditCategory.AUDIT, 6)).contains(at3);
    assertThat(store().latestCheckpoint(tenant, AuditCategory.AUDIT, 7)).contains(at7);
    assertThat(store().latestCheckpoint(tenant, AuditCategory.AUDIT, 100)).contains(at7);
    assertThat(store().checkpoints(tenant, AuditCategory.AUDIT, 0, 10)).containsExactly(at3, at7);
    assertThat(store().checkpoints(tenant, AuditCategory.AUDIT, 3, 10)).containsExactly(at7);
    assertThat(store().checkpoints(tenant, AuditCategory.AUDIT, 0, 1)).containsExactly(at3);
    assertThat(store().checkpoints(newTenant(), AuditCategory.AUDIT, 0, 10)).isEmpty();
    assertThat(at7.isSignedBy(signer)).isTrue();
  }

  @Test
  void deleteThroughRemovesTheOldestEventsInBoundedBatches() {
    TenantId tenant = newTenant();
    List<NewAuditRecord> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(stamp(event(tenant, AuditCategory.AUDIT, "a" + i)));
    }
    batch.add(stamp(event(tenant, AuditCategory.ADMIN, "admin")));
    store().append(batch);
    ChainHead head = store().head(tenant, AuditCategory.AUDIT).orElseThrow();

    assertThat(store().deleteThrough(tenant, AuditCategory.AUDIT, 7, 3)).isEqualTo(3);
    assertThat(store().readChain(tenant, AuditCategory.AUDIT, 0, 100))
        .extracting(AuditRecord::sequence)
        .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(store().deleteThrough(tenant, AuditCategory.AUDIT, 7, 3)).isEqualTo(3);
    assertThat(store().deleteThrough(tenant, AuditCategory.AUDIT, 7, 3)).isEqualTo(1);
    assertThat(store().deleteThrough(tenant, AuditCategory.AUDIT, 7, 3)).isZero();
    assertThat(store().readChain(tenant, AuditCategory.AUDIT, 0, 100))
        .extracting(AuditRecord::sequence)
        .containsExactly(8L, 9L, 10L);
    assertThat(store().count(AuditQuery.forTenant(tenant).build())).isEqualTo(4);
    assertThat(store().head(tenant, AuditCategory.AUDIT)).contains(head);
    assertThat(store().readChain(tenant, AuditCategory.ADMIN, 0, 10)).hasSize(1);
  }

  @Test
  void legalHoldIsPerTenant() {
    TenantId held = newTenant();
    TenantId free = newTenant();
    assertThat(store().hasLegalHold(held)).isFalse();
    store().setLegalHold(held, true);
    assertThat(store().hasLegalHold(held)).isTrue();
    assertThat(store().hasLegalHold(free)).isFalse();
    store().setLegalHold(held, true);
    store().setLegalHold(held, false);
    assertThat(store().hasLegalHold(held)).isFalse();
  }

  @Test
  void failedLoginsAreCountedPerAccountAndPerIpSinceAnInstant() {
    TenantId tenant = newTenant();
    Instant start = clock.instant();
    for (int i = 0; i < 3; i++) {
      appendOne(failedLogin(tenant, "alice", "198.51.100.1"));
      clock.advance(Duration.ofSeconds(20));
    }
    appendOne(failedLogin(tenant, "bob", "198.51.100.1"));
    appendOne(event(tenant, AuditCategory.AUDIT, "alice"));

    AuditQuery.Builder failures =
        AuditQuery.forTenant(tenant)
            .categories(AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.FAILED_LOGIN);
    assertThat(store().count(failures.actorId("alice").from(start).build())).isEqualTo(3);
    assertThat(store().count(failures.actorId("alice").from(start.plusSeconds(20)).build()))
        .isEqualTo(2);
    assertThat(store().count(failures.actorId(null).ipAddress("198.51.100.1").from(start).build()))
        .isEqualTo(4);
    assertThat(store().count(failures.ipAddress("198.51.100.2").build())).isZero();
  }

  private static AuditEvent failedLogin(TenantId tenant, String account, String ip) {
    return AuditEvent.builder(tenant, AuditCategory.SECURITY)
        .securityKind(SecurityEventKind.FAILED_LOGIN)
        .actor(account)
        .action("user.login")
        .outcome(Outcome.FAILURE)
        .ipAddress(ip)
        .build();
  }

  @Test
  void tenantsWithEventsAreListedInOrder() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    appendOne(event(a, AuditCategory.AUDIT, "x"));
    appendOne(event(b, AuditCategory.ADMIN, "y"));

    List<TenantId> listed = new ArrayList<>();
    TenantId after = null;
    while (true) {
      List<TenantId> page = store().tenants(after, 2);
      listed.addAll(page);
      if (page.size() < 2) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    assertThat(listed).contains(a, b);
    assertThat(listed).isSortedAccordingTo(TenantId::compareTo);
    assertThat(listed).doesNotHaveDuplicates();
  }
}
