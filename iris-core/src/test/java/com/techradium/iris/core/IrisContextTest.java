package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrisContextTest {
  private static final Clock FIXED =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void everyPartHasADefault() {
    IrisContext context = IrisContext.builder().build();

    assertThat(context.clock()).isNotNull();
    assertThat(context.runtime()).isEmpty();
    assertThat(context.tenants().exists(TenantId.of("anyone"))).isTrue();
  }

  @Test
  void idsFollowTheContextsClock() {
    IrisContext context = IrisContext.builder().clock(FIXED).build();

    long millis = context.ids().next().getMostSignificantBits() >>> 16;
    assertThat(millis).isEqualTo(FIXED.millis());
  }

  @Test
  void thetenantCheckUsesTheContextsDirectory() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    IrisContext context = IrisContext.builder().tenants(directory).build();

    assertThatThrownBy(() -> context.knownTenants().require(TenantId.of("ghost")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tenantId");
  }

  @Test
  void eachPartCanBeSetOnce() {
    IrisContext.Builder builder = IrisContext.builder().clock(FIXED);

    assertThatThrownBy(() -> builder.clock(FIXED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clock was already set");
  }

  @Test
  void eventsReachListenersOfTheirTypeAndSupertypes() {
    IrisEvents events = IrisContext.builder().build().events();
    List<Object> strings = new ArrayList<>();
    List<Object> anything = new ArrayList<>();
    events.subscribe(String.class, strings::add);
    events.subscribe(Object.class, anything::add);

    events.publish("hello");
    events.publish(42);

    assertThat(strings).containsExactly("hello");
    assertThat(anything).containsExactly("hello", 42);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthersNorReachThePublisher() {
    IrisEvents events = new IrisEvents();
    List<String> heard = new ArrayList<>();
    events.subscribe(
        String.class,
        e -> {
          throw new IllegalStateException("broken listener");
        });
    events.subscribe(String.class, heard::add);

    events.publish("still delivered");

    assertThat(heard).containsExactly("still delivered");
  }

  @Test
  void aClosedSubscriptionHearsNothingMore() {
    IrisEvents events = new IrisEvents();
    List<String> heard = new ArrayList<>();
    IrisEvents.Subscription subscription = events.subscribe(String.class, heard::add);

    events.publish("one");
    subscription.close();
    events.publish("two");

    assertThat(heard).containsExactly("one");
  }

  @Test
  void housekeepingHandsEveryChoreToTheRunnerOnceWhicheverComesFirst() {
    Housekeeping housekeeping = new Housekeeping();
    List<String> ran = new ArrayList<>();
    housekeeping.register(chore("before"));

    housekeeping.runWith(task -> ran.add(task.name()));
    housekeeping.register(chore("after"));

    assertThat(ran).containsExactly("before", "after");
    assertThat(housekeeping.tasks())
        .extracting(HousekeepingTask::name)
        .containsExactly("before", "after");
  }

  @Test
  void aChoreNameIsDeclaredOnce() {
    Housekeeping housekeeping = new Housekeeping();
    housekeeping.register(chore("cleanup"));

    assertThatThrownBy(() -> housekeeping.register(chore("cleanup")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("housekeeping task cleanup was already set");
  }

  private static HousekeepingTask chore(String name) {
    return new HousekeepingTask(name, "iris.test." + name, "0 3 * * *", ZoneOffset.UTC, () -> "{}");
  }
}
