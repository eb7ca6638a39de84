package com.techradium.iris.examples.snippets;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.Iris;
import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.RequestContext;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.monitor.AlertEvent;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.recording.spi.KeyProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the documentation's code snippets take as given: the host's own objects (a data source, a
 * mail sender, an HTTP request and response) and values a real application would have at hand. Each
 * snippet compiles as the body of a method of a subclass, so these names resolve; nothing here
 * runs.
 */
@SuppressWarnings({"unused", "NullAway"})
public abstract class SnippetGivens {
  /** A host's mail sender. */
  public interface Mailer {
    void send(JsonNode email);

    void send(Email email);
  }

  /** A host's e-mail value. */
  public record Email(String to) {}

  /** A host's order, saved in its own transaction. */
  public record Order(String id) {}

  /** The host's incoming HTTP request. */
  public interface Request {
    String remoteAddress();

    String getHeader(String name);
  }

  /** The host's HTTP response. */
  public interface Response {
    void setHeader(String name, String value);

    void setStatus(int status);

    OutputStream getOutputStream();
  }

  /** A host's pager. */
  public interface Pager {
    void send(AlertEvent event);
  }

  /** A host's media server. */
  public interface MediaServer {
    void copyAudioTo(OutputStream out) throws java.io.IOException;
  }

  /** A host's secret store. */
  public interface Secrets {
    byte[] read(String name);
  }

  protected DataSource dataSource;
  protected UnifiedJedis jedis;
  protected IrisRuntime runtime;
  protected IrisContext context;
  protected Iris iris;
  protected AuditLog audit;
  protected JobQueue jobs;
  protected RateLimiter rateLimiter;
  protected KeyProvider keys;
  protected Mailer mailer;
  protected Pager pager;
  protected MediaServer mediaServer;
  protected Secrets secrets;
  protected Request request;
  protected Response response;
  protected OutputStream outputStream;
  protected InputStream audio;
  protected TenantId tenant;
  protected TenantId acme;
  protected Order order;
  protected AuditEvent orderPlaced;
  protected JobSpec receiptJob;
  protected RequestContext where;
  protected Accessor accessor;
  protected SecretKey aesKey;
  protected byte[] pepperFromYourSecretStore;
  protected byte[] secretFromVault;
  protected byte[] chainSecretFromVault;
  protected byte[] rawBody;
  protected String secret;
  protected String presented;
  protected String presentedKey;
  protected String remoteIp;
  protected String ip;
  protected String userAgent;
  protected String requestId;
  protected String userId;
  protected String apiKeyId;
  protected String beforeJson;
  protected String afterJson;
  protected String receiptJson;
  protected String recordingId;
  protected Connection connection;
  protected Duration duration;
  protected Duration latency;
  protected Instant since;
  protected Instant q1;

  protected void saveOrder(Connection connection, Order order) {}

  protected void show(String secret) {}

  protected void lockAccount(String key) {}
}
