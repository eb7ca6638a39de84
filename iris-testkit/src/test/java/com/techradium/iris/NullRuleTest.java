package com.techradium.iris;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditEvents;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditLogBuilder;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.FailedLogin;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.RequestContext;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobQueueBuilder;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.ScheduleSpec;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The one null rule, on every public method of the audit and job facades, their builders and value
 * builders: null for a parameter not marked {@code @Nullable} is a programming error, a {@link
 * NullPointerException} naming the parameter (or, on a builder, the setting), thrown before
 * anything else happens. Input data is checked separately (a {@code ValidationException}).
 */
class NullRuleTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TenantId tenant = TenantId.of("acme");
  private final HmacCheckpointSigner signer =
      new HmacCheckpointSigner(
          "k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  private final Map<Class<?>, Supplier<Object>> samples = new HashMap<>();

  NullRuleTest() {
    samples.put(TenantId.class, () -> tenant);
    samples.put(String.class, () -> "x");
    samples.put(AuditEvent.class, this::event);
    samples.put(List.class, List::of);
    samples.put(Collection.class, List::of);
    samples.put(Set.class, Set::of);
    samples.put(JobSpec.class, () -> JobSpec.builder("default", "mail.send").build());
    samples.put(UUID.class, UUID::randomUUID);
    samples.put(Instant.class, clock::instant);
    samples.put(Duration.class, () -> Duration.ofSeconds(1));
    samples.put(ZoneId.class, () -> ZoneOffset.UTC);
    samples.put(AuditQuery.class, () -> AuditQuery.forTenant(tenant).build());
    samples.put(PageRequest.class, PageRequest::first);
    samples.put(Accessor.class, () -> Accessor.user("auditor", "review"));
    samples.put(Writer.class, StringWriter::new);
    samples.put(OutputStream.class, ByteArrayOutputStream::new);
    samples.put(FailedLogin.class, () -> FailedLogin.of(tenant, "alice"));
    samples.put(RequestContext.class, () -> RequestContext.NONE);
    samples.put(JobUpdate.class, () -> JobUpdate.priority(1));
    samples.put(QueueConfig.class, () -> QueueConfig.defaults("q-null"));
    samples.put(RetryBackoff.class, () -> RetryBackoff.DEFAULT);
    samples.put(
        ScheduleSpec.class,
        () -> ScheduleSpec.of("s", "0 9 * * *", ZoneOffset.UTC, "default", "mail.send"));
    samples.put(java.time.Clock.class, () -> clock);
    samples.put(com.techradium.iris.job.JobQuery.class, com.techradium.iris.job.JobQuery::all);
    samples.put(byte[].class, () -> new byte[32]);
    samples.put(
        com.techradium.iris.audit.AuditChainKey.class,
        () -> new com.techradium.iris.audit.AuditChainKey("k1", new byte[32]));
    samples.put(Object[].class, () -> new Object[0]);
    samples.put(String[].class, () -> new String[0]);
    samples.put(UUID[].class, () -> new UUID[0]);
  }

  private AuditEvent event() {
    return AuditEvent.builder(tenant, AuditCategory.AUDIT).actor("u").action("a").build();
  }

  private AuditLog auditLog() {
    return AuditLog.builder().store(new InMemoryAuditStore()).clock(clock).signer(signer).build();
  }

  private JobQueue jobQueue() {
    return JobQueue.builder()
        .store(new InMemoryJobStore())
        .clock(clock)
        .handler("mail.send", ctx -> {})
        .build();
  }

  @Test
  void everyFacadeMethodRejectsNullWithAnExceptionNamingTheParameter() {
    List<String> violations = new ArrayList<>();
    check(AuditLog.class, this::auditLog, violations);
    check(AuditLogBuilder.class, AuditLog::builder, violations);
    check(AuditEvent.class, null, violations);
    check(
        AuditEvent.Builder.class,
        () -> AuditEvent.builder(tenant, AuditCategory.AUDIT),
        violations);
    check(AuditEvents.class, null, violations);
    check(AuditQuery.class, null, violations);
    check(AuditQuery.Builder.class, () -> AuditQuery.forTenant(tenant), violations);
    check(JobQueue.class, this::jobQueue, violations);
    check(JobQueueBuilder.class, JobQueue::builder, violations);
    check(JobSpec.class, null, violations);
    check(JobSpec.Builder.class, () -> JobSpec.builder("default", "mail.send"), violations);

    assertThat(violations).as(String.join("\n", violations)).isEmpty();
  }

  @Test
  void aNullElementOfABatchIsAProgrammingErrorNamingItsIndex() {
    List<AuditEvent> events = Arrays.asList(event(), null);
    List<JobSpec> specs = Arrays.asList(JobSpec.builder("default", "mail.send").build(), null);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> auditLog().recordAll(events))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("events[1]");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jobQueue().enqueueAll(tenant, specs))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("specs[1]");
  }

  private void check(Class<?> type, @Nullable Supplier<Object> target, List<String> violations) {
    for (Method method : type.getDeclaredMethods()) {
      boolean isStatic = Modifier.isStatic(method.getModifiers());
      if (!Modifier.isPublic(method.getModifiers())
          || method.isSynthetic()
          || (isStatic != (target == null))) {
        continue;
      }
      Parameter[] parameters = method.getParameters();
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].getType().isPrimitive()
            || method.getAnnotatedParameterTypes()[i].isAnnotationPresent(Nullable.class)) {
          continue;
        }
        String where =
            type.getSimpleName() + "." + method.getName() + "(" + parameters[i].getName() + ")";
        Object[] args = new Object[parameters.length];
        for (int j = 0; j < parameters.length; j++) {
          args[j] = j == i ? null : sample(parameters[j]);
        }
        try {
          method.invoke(target == null ? null : target.get(), args);
          violations.add(where + ": accepted null");
        } catch (InvocationTargetException e) {
          Throwable thrown = e.getCause();
          String name = parameters[i].getName();
          if (!(thrown instanceof NullPointerException)) {
            violations.add(where + ": threw " + thrown);
          } else if (thrown.getMessage() == null
              || !(thrown.getMessage().equals(name)
                  || thrown.getMessage().equals(method.getName())
                  || thrown.getMessage().startsWith(name + "["))) {
            violations.add(where + ": NPE without the parameter's name: " + thrown.getMessage());
          }
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  private @Nullable Object sample(Parameter parameter) {
    Class<?> type = parameter.getType();
    if (type.isPrimitive()) {
      if (type == boolean.class) {
        return false;
      }
      if (type == double.class) {
        return 1.0;
      }
      if (type == long.class) {
        return 1L;
      }
      return 1;
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    Supplier<Object> sample = samples.get(type);
    if (sample != null) {
      return sample.get();
    }
    if (type.isInterface()) {
      return Proxy.newProxyInstance(
          type.getClassLoader(), new Class<?>[] {type}, (proxy, m, a) -> defaultValue(m));
    }
    throw new AssertionError("no sample value for " + type.getName() + " (" + parameter + ")");
  }

  private static @Nullable Object defaultValue(Method method) {
    Class<?> r = method.getReturnType();
    if (r == boolean.class) {
      return false;
    }
    if (r.isPrimitive() && r != void.class) {
      return 0;
    }
    if (r == String.class) {
      return "x";
    }
    return null;
  }
}
