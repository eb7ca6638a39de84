package com.techradium.iris.webhook;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.webhook.memory.InMemoryWebhookStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** A dispatcher on an in-memory store, a scripted receiver and a manual work runner. */
final class WebhookFixture {
  static final SecretKey KEY = new SecretKeySpec(new byte[32], "AES");

  final MutableClock clock = MutableClock.startingAtEpochOf2026();
  final IrisContext context = IrisContext.builder().clock(clock).build();
  final InMemoryWebhookStore store = new InMemoryWebhookStore();
  final Receiver receiver = new Receiver();
  final ManualWork work = new ManualWork(clock);
  final List<EndpointDisabled> disabled = new ArrayList<>();
  final WebhookDispatcher webhooks;
  final TenantId tenant = TenantId.of("acme");

  WebhookFixture() {
    this(b -> {});
  }

  WebhookFixture(Consumer<WebhookDispatcherBuilder> options) {
    context.deferredWork().runWith(work);
    WebhookDispatcherBuilder b =
        WebhookDispatcher.builder()
            .context(context)
            .store(store)
            .transport(receiver)
            .secretKey(KEY)
            .listener(disabled::add);
    options.accept(b);
    webhooks = b.build();
  }

  /** Runs due work until nothing is due now. */
  void deliverDue() throws Exception {
    while (work.runDue() > 0) {
      // keep going: a delivery may publish another (endpoint.disabled)
    }
  }

  /** Moves the clock to the next due item and runs it, as often as asked. */
  void advanceAndDeliver(int times) throws Exception {
    for (int i = 0; i < times && work.waiting() > 0; i++) {
      clock.set(work.nextDue());
      deliverDue();
    }
  }

  CreatedEndpoint endpoint(String... types) {
    return webhooks.createEndpoint(
        tenant, EndpointSpec.builder("https://hooks.example.com/in").eventTypes(types).build());
  }

  CreatedEndpoint endpoint(EndpointSpec spec) {
    return webhooks.createEndpoint(tenant, spec);
  }

  static RetrySchedule noJitter(Duration... delays) {
    return new RetrySchedule(List.of(delays), 0);
  }

  static final String CALL = "{\"callId\":\"c-1\",\"durationSeconds\":42}";
}
