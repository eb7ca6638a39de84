package com.techradium.iris.aws.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback server speaking the AWS KMS JSON 1.1 protocol ({@code X-Amz-Target:
 * TrentService.<Operation>}) for GenerateDataKey, Decrypt, Encrypt, ReEncrypt and DescribeKey, with
 * real AES-256-GCM underneath: each key has random key material, a ciphertext blob is {@code u16
 * arn length, arn, 12-byte nonce, AES-GCM(plaintext)} with the sorted encryption context as
 * associated data, as KMS binds it. Errors come back as KMS does: HTTP 400 and {@code {"__type":
 * ...}}. Requests are not authenticated.
 */
final class KmsLoopbackServer implements AutoCloseable {
  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "111122223333";
  private final ObjectMapper json = new ObjectMapper();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger throttleNext = new AtomicInteger();
  private final HttpServer server;

  KmsLoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Creates a key and returns its ARN. */
  String createKey() {
    byte[] material = new byte[32];
    random.nextBytes(material);
    String arn = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + UUID.randomUUID();
    keys.put(arn, material);
    return arn;
  }

  /** Points {@code alias} (e.g. {@code alias/acme}) at {@code arn}. */
  void alias(String alias, String arn) {
    aliases.put(alias, arn);
  }

  /** Deletes a key: its ciphertexts can never be decrypted again. */
  void deleteKey(String arn) {
    keys.remove(arn);
  }

  /** Answers the next {@code n} requests with ThrottlingException. */
  void throttleNext(int n) {
    throttleNext.set(n);
  }

  /** How many requests of {@code operation} arrived (throttled ones included). */
  int calls(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
    calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
    JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
    try {
      if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new KmsError("ThrottlingException", "Rate exceeded");
      }
      ObjectNode response =
          switch (operation) {
            case "GenerateDataKey" -> generateDataKey(request);
            case "Encrypt" -> encrypt(request);
            case "Decrypt" -> decrypt(request);
            case "ReEncrypt" -> reEncrypt(request);
            case "DescribeKey" -> describeKey(request);
            default -> throw new KmsError("UnsupportedOperationException", operation);
          };
      send(exchange, 200, response);
    } catch (KmsError e) {
      ObjectNode error =
          json.createObjectNode().put("__type", e.type).put("message", e.getMessage());
      send(exchange, 400, error);
    }
  }

  private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String resolve(String keyId) {
    String arn = aliases.getOrDefault(keyId, keyId);
    if (!arn.startsWith("arn:")) {
      arn = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + arn;
    }
    if (!keys.containsKey(arn)) {
      throw new KmsError("NotFoundException", "Key '" + keyId + "' does not exist");
    }
    return arn;
  }

  private ObjectNode generateDataKey(JsonNode request) {
    String arn = resolve(request.path("KeyId").asText());
    byte[] plaintext = new byte[32];
    random.nextBytes(plaintext);
    return json.createObjectNode()
        .put("KeyId", arn)
        .put("Plaintext", b64(plaintext))
        .put("CiphertextBlob", b64(seal(arn, plaintext, request.path("EncryptionContext"))));
  }

  private ObjectNode encrypt(JsonNode request) {
    String arn = resolve(request.path("KeyId").asText());
    byte[] plaintext = Base64.getDecoder().decode(request.path("Plaintext").asText());
    return json.createObjectNode()
        .put("KeyId", arn)
        .put("CiphertextBlob", b64(seal(arn, plaintext, request.path("EncryptionContext"))));
  }

  private ObjectNode decrypt(JsonNode request) {
    byte[] blob = Base64.getDecoder().decode(request.path("CiphertextBlob").asText());
    String arn = blobKey(blob);
    if (request.hasNonNull("KeyId") && !resolve(request.get("KeyId").asText()).equals(arn)) {
      throw new KmsError("IncorrectKeyException", "The key ID in the request does not match");
    }
    byte[] plaintext = open(arn, blob, request.path("EncryptionContext"));
    return json.createObjectNode().put("KeyId", arn).put("Plaintext", b64(plaintext));
  }

  private ObjectNode reEncrypt(JsonNode request) {
    byte[] blob = Base64.getDecoder().decode(request.path("CiphertextBlob").asText());
    String source = blobKey(blob);
    if (request.hasNonNull("SourceKeyId")
        && !resolve(request.get("SourceKeyId").asText()).equals(source)) {
      throw new KmsError("IncorrectKeyException", "The source key ID does not match");
    }
    byte[] plaintext = open(source, blob, request.path("SourceEncryptionContext"));
    String destination = resolve(request.path("DestinationKeyId").asText());
    return json.createObjectNode()
        .put("SourceKeyId", source)
        .put("KeyId", destination)
        .put(
            "CiphertextBlob",
            b64(seal(destination, plaintext, request.path("DestinationEncryptionContext"))));
  }

  private ObjectNode describeKey(JsonNode request) {
    String arn = resolve(request.path("KeyId").asText());
    ObjectNode response = json.createObjectNode();
    response
        .putObject("KeyMetadata")
        .put("Arn", arn)
        .put("KeyId", arn.substring(arn.lastIndexOf('/') + 1))
        .put("Enabled", true)
        .put("KeyState", "Enabled");
    return response;
  }

  private byte[] seal(String arn, byte[] plaintext, JsonNode context) {
    byte[] arnBytes = arn.getBytes(StandardCharsets.US_ASCII);
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(keys.get(arn), "AES"),
          new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(context));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(2 + arnBytes.length + 12 + sealed.length)
          .putShort((short) arnBytes.length)
          .put(arnBytes)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String blobKey(byte[] blob) {
    try {
      ByteBuffer in = ByteBuffer.wrap(blob);
      byte[] arn = new byte[in.getShort()];
      in.get(arn);
      String key = new String(arn, StandardCharsets.US_ASCII);
      if (!key.startsWith("arn:aws:kms:")) {
        throw new KmsError("InvalidCiphertextException", "invalid ciphertext");
      }
      if (!keys.containsKey(key)) {
        throw new KmsError("NotFoundException", "Key '" + key + "' does not exist");
      }
      return key;
    } catch (RuntimeException e) {
      if (e instanceof KmsError error) {
        throw error;
      }
      throw new KmsError("InvalidCiphertextException", "invalid ciphertext");
    }
  }

  private byte[] open(String arn, byte[] blob, JsonNode context) {
    int offset = 2 + ((blob[0] & 0xff) << 8 | (blob[1] & 0xff));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(keys.get(arn), "AES"),
          new GCMParameterSpec(128, blob, offset, 12));
      cipher.updateAAD(aad(context));
      return cipher.doFinal(blob, offset + 12, blob.length - offset - 12);
    } catch (AEADBadTagException | IllegalArgumentException e) {
      throw new KmsError("InvalidCiphertextException", "invalid ciphertext or context");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] aad(JsonNode context) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : context.properties()) {
      sorted.put(entry.getKey(), entry.getValue().asText());
    }
    return sorted.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static final class KmsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String type;

    KmsError(String type, String message) {
      super(message);
      this.type = type;
    }
  }
}
