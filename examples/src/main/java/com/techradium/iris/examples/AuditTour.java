package com.techradium.iris.examples;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditEvents;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.BruteForceDetection;
import com.techradium.iris.audit.ChainBreak;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.audit.FailedLogin;
import com.techradium.iris.audit.FailedLoginResult;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.RequestContext;
import com.techradium.iris.audit.VerificationReport;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.io.PrintStream;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A walk through {@link AuditLog}: record events of the four streams, catch a brute-force burst,
 * verify the hash chain, alter one stored event behind the log's back and watch verification point
 * at it, then read and export a page.
 *
 * <p>The alteration goes through a {@link StoredEventEditor}: on the in-memory store {@link
 * InMemoryAuditStore#tampering()}, a hook that exists for tests and demonstrations only; on
 * PostgreSQL a plain SQL UPDATE — what an attacker with write access to the database could do.
 */
public final class AuditTour {
  private AuditTour() {}

  /** Runs the tour on an in-memory audit log with a fresh random checkpoint key. */
  public static void main(String[] args) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    InMemoryAuditStore store = new InMemoryAuditStore();
    AuditLog audit =
        AuditLog.builder().store(store).signer(new HmacCheckpointSigner("demo", key)).build();
    run(System.out, audit, inMemoryEditor(store));
  }

  /** Changes a stored event behind the audit log's back, without re-hashing it. */
  @FunctionalInterface
  public interface StoredEventEditor {
    /** Replaces what is stored for {@code original} with {@code altered}, keeping its hashes. */
    void replace(AuditRecord original, AuditEvent altered);
  }

  /** An editor working through the in-memory store's tampering hook. */
  public static StoredEventEditor inMemoryEditor(InMemoryAuditStore store) {
    return (original, altered) ->
        store
            .tampering()
            .replace(
                new AuditRecord(
                    original.sequence(),
                    original.id(),
                    original.recordedAt(),
                    altered,
                    original.previousHash(),
                    original.hash()));
  }

  /**
   * Runs the tour.
   *
   * @param out where to print
   * @param audit the audit log
   * @param editor alters one event in the audit log's store for the verification step
   */
  public static void run(PrintStream out, AuditLog audit, StoredEventEditor editor) {
    TenantId tenant = TenantId.of("acme-health");
    Accessor auditor = Accessor.user("auditor-ann", "tour of the audit log");
    out.println("== AuditLog");

    AuditRecord login =
        audit.record(
            AuditEvent.builder(tenant, AuditCategory.AUDIT)
                .actor("dr-lee")
                .action("user.login")
                .context(new RequestContext("192.0.2.10", "Mozilla/5.0", "req-1"))
                .build());
    AuditRecord chart =
        audit.record(
            AuditEvents.dataAccess(
                    tenant, "dr-lee", DataCategory.PHI, "patient", List.of("patient-7"))
                .purpose("treatment")
                .context(RequestContext.ip("192.0.2.10"))
                .build());
    audit.record(
        AuditEvents.adminAction(tenant, "admin-sam", "role.grant", "user", "dr-lee")
            .before("{\"roles\":[\"nurse\"]}")
            .after("{\"roles\":[\"nurse\",\"physician\"]}")
            .build());
    audit.enqueueOrRecord(
        AuditEvents.apiRequest(tenant, "GET", "/v1/patients/patient-7", 200, Duration.ofMillis(14))
            .apiKey("key-live-1")
            .context(RequestContext.ip("198.51.100.20"))
            .build());
    if (audit.pendingEvents() > 0) {
      audit.flush(); // the API request went through the asynchronous writer
    }
    out.printf(
        "recorded: %s #%d %s, %s #%d %s, an admin change and an API request%n",
        login.category(),
        login.sequence(),
        login.event().action(),
        chart.category(),
        chart.sequence(),
        chart.event().action());

    for (int attempt = 1; attempt <= 5; attempt++) {
      FailedLoginResult result =
          audit.recordFailedLogin(
              FailedLogin.of(tenant, "dr-lee")
                  .withContext(RequestContext.ip("203.0.113.66"))
                  .withReason("bad_password"));
      for (BruteForceDetection detection : result.detections()) {
        out.printf(
            "failed login %d: brute force detected for %s %s (%d failures within %s)%n",
            attempt,
            detection.rule().scope().targetType(),
            detection.key(),
            detection.failures(),
            detection.rule().window());
      }
    }

    VerificationReport intact = audit.verify(tenant);
    out.printf(
        "verify: %s, %d events checked%n",
        intact.valid() ? "valid" : "BROKEN", intact.eventsChecked());

    AuditEvent altered = chart.event().toBuilder().purpose("curiosity").build();
    editor.replace(chart, altered);
    VerificationReport tampered = audit.verify(tenant);
    ChainBreak found = tampered.firstBreak().orElseThrow();
    out.printf(
        "after changing the purpose of %s #%d in storage, verify: %s -> %s%n",
        chart.category(), chart.sequence(), tampered.valid() ? "valid" : "BROKEN", found);

    Page<AuditRecord> security =
        audit.securityEvents(tenant, null, null, PageRequest.first(3), auditor);
    out.printf("security events, first page of %d:%n", security.items().size());
    for (AuditRecord record : security.items()) {
      out.printf(
          "  %s %s %s by %s from %s%n",
          record.recordedAt(),
          record.event().severity(),
          record.event().action(),
          record.event().actorId(),
          Objects.toString(record.event().ipAddress(), "-"));
    }

    StringWriter export = new StringWriter();
    long exported =
        audit
            .exportJsonLines(
                AuditQuery.forTenant(tenant).categories(AuditCategory.ADMIN).build(),
                auditor,
                export)
            .events();
    out.printf("export of the admin stream (%d line):%n  %s", exported, export);
    out.println(
        "reads by "
            + auditor.actorId()
            + " were recorded too: "
            + audit
                .sensitiveAccess(
                    tenant, DataCategory.AUDIT_TRAIL, null, PageRequest.first(), auditor)
                .items()
                .size()
            + " audit-trail reads so far");
  }
}
