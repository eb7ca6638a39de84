package com.techradium.iris.webhook;

import java.util.List;

/** The platform's 17 default event types and their JSON Schemas (draft 2020-12). */
final class DefaultEventTypes {
  private DefaultEventTypes() {}

  private static String object(String required, String properties) {
    return "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
        + "\"required\":["
        + required
        + "],\"properties\":{"
        + properties
        + "}}";
  }

  private static final String CALL =
      "\"callId\":{\"type\":\"string\",\"minLength\":1},"
          + "\"from\":{\"type\":\"string\"},\"to\":{\"type\":\"string\"}";
  private static final String SMS =
      "\"messageId\":{\"type\":\"string\",\"minLength\":1},"
          + "\"from\":{\"type\":\"string\"},\"to\":{\"type\":\"string\"}";
  private static final String KEY =
      "\"keyId\":{\"type\":\"string\",\"minLength\":1},\"name\":{\"type\":\"string\"}";
  private static final String INCIDENT =
      "\"incidentId\":{\"type\":\"string\",\"minLength\":1},\"title\":{\"type\":\"string\"},"
          + "\"severity\":{\"enum\":[\"info\",\"warning\",\"error\",\"critical\"]}";

  static final List<EventType> ALL =
      List.of(
          new EventType(
              "call.started",
              "A call was answered and is in progress.",
              object("\"callId\",\"from\",\"to\"", CALL)),
          new EventType(
              "call.completed",
              "A call ended normally.",
              object(
                  "\"callId\",\"durationSeconds\"",
                  CALL + ",\"durationSeconds\":{\"type\":\"integer\",\"minimum\":0}")),
          new EventType(
              "call.failed",
              "A call could not be connected or dropped.",
              object("\"callId\",\"reason\"", CALL + ",\"reason\":{\"type\":\"string\"}")),
          new EventType(
              "recording.ready",
              "A call recording is encrypted and stored.",
              object(
                  "\"recordingId\",\"callId\"",
                  "\"recordingId\":{\"type\":\"string\",\"minLength\":1},"
                      + "\"callId\":{\"type\":\"string\"},"
                      + "\"durationSeconds\":{\"type\":\"integer\",\"minimum\":0}")),
          new EventType(
              "sms.sent", "An SMS was handed to the carrier.", object("\"messageId\",\"to\"", SMS)),
          new EventType(
              "sms.delivered",
              "The carrier confirmed an SMS's delivery.",
              object("\"messageId\",\"to\"", SMS)),
          new EventType(
              "sms.failed",
              "An SMS could not be delivered.",
              object("\"messageId\",\"reason\"", SMS + ",\"reason\":{\"type\":\"string\"}")),
          new EventType(
              "notification.delivered",
              "A notification reached its recipient on some channel.",
              object(
                  "\"notificationId\",\"channel\"",
                  "\"notificationId\":{\"type\":\"string\",\"minLength\":1},"
                      + "\"channel\":{\"enum\":[\"in_app\",\"email\",\"sms\",\"webhook\"]}")),
          new EventType("apikey.created", "An API key was created.", object("\"keyId\"", KEY)),
          new EventType(
              "apikey.expiring",
              "An API key expires soon.",
              object(
                  "\"keyId\",\"expiresAt\"",
                  KEY + ",\"expiresAt\":{\"type\":\"string\",\"format\":\"date-time\"}")),
          new EventType("apikey.revoked", "An API key was revoked.", object("\"keyId\"", KEY)),
          new EventType(
              "job.failed",
              "A job used up its attempts.",
              object(
                  "\"jobId\",\"type\"",
                  "\"jobId\":{\"type\":\"string\",\"minLength\":1},\"type\":{\"type\":\"string\"},"
                      + "\"error\":{\"type\":\"string\"}")),
          new EventType(
              "incident.opened",
              "An incident was opened.",
              object("\"incidentId\",\"title\"", INCIDENT)),
          new EventType(
              "incident.resolved", "An incident was resolved.", object("\"incidentId\"", INCIDENT)),
          new EventType(
              "endpoint.disabled",
              "A webhook endpoint was disabled after failing.",
              object(
                  "\"endpointId\",\"reason\"",
                  "\"endpointId\":{\"type\":\"string\",\"minLength\":1},"
                      + "\"url\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"}")),
          new EventType(
              "quota.exceeded",
              "A tenant went over a quota.",
              object(
                  "\"quota\",\"limit\"",
                  "\"quota\":{\"type\":\"string\",\"minLength\":1},"
                      + "\"limit\":{\"type\":\"integer\",\"minimum\":0},"
                      + "\"used\":{\"type\":\"integer\",\"minimum\":0}")),
          new EventType(
              "test.ping",
              "A test delivery sent on request.",
              object("", "\"message\":{\"type\":\"string\"}")));
}
