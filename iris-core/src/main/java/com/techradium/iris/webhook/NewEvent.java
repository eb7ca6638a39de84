package com.techradium.iris.webhook;

/**
 * An event to publish with {@link WebhookDispatcher#publishAll}: its type and JSON payload. The
 * dispatcher checks both when publishing (a {@link com.techradium.iris.core.ValidationException}
 * naming {@code events[i].type} or {@code events[i].payload}), not here.
 *
 * @param type the event type, registered in the catalog
 * @param payload a JSON document satisfying the type's schema
 */
public record NewEvent(String type, String payload) {
  /**
   * An event of {@code type} with {@code payload}.
   *
   * @param type the event type, registered in the catalog
   * @param payload a JSON document satisfying the type's schema
   * @return the event to publish
   */
  public static NewEvent of(String type, String payload) {
    return new NewEvent(type, payload);
  }
}
