package com.techradium.iris.benchmarks.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP/1.1 receiver for the drive, lighter than the JDK's {@code HttpServer}: a thread
 * per kept-alive connection reads each request's head up to its blank line and then its {@code
 * Content-Length} body, answers {@code 204 No Content} and hands the body over. It serves exactly
 * what a webhook sender does (POSTs with a length, no chunking, no pipelining), and nothing else.
 */
final class SocketReceiver implements WebhookDrive.Receiver {
  private static final byte[] NO_CONTENT =
      "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final Consumer<byte[]> handler;
  private final String threadPrefix;
  private final AtomicInteger threads = new AtomicInteger();

  SocketReceiver(String threadPrefix, Consumer<byte[]> handler) throws IOException {
    this.server = new ServerSocket();
    this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    this.handler = handler;
    this.threadPrefix = threadPrefix;
    Thread acceptor = new Thread(this::accept, threadPrefix + "accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @Override
  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        Thread connection =
            new Thread(() -> serve(socket), threadPrefix + threads.incrementAndGet());
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      RequestReader requests = new RequestReader(in);
      byte[] body;
      while ((body = requests.next()) != null) {
        out.write(NO_CONTENT);
        out.flush();
        handler.accept(body);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Reads requests off one connection: the head up to its blank line, then the body. */
  private static final class RequestReader {
    private static final byte[] LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;

    RequestReader(InputStream in) {
      this.in = in;
    }

    /** The next request's body; null at the end of the connection. */
    byte @Nullable [] next() throws IOException {
      int head;
      while ((head = headEnd()) < 0) {
        if (!fill()) {
          return null;
        }
      }
      int length = contentLength(start, head);
      start = head;
      while (end - start < length) {
        if (!fill()) {
          return null;
        }
      }
      byte[] body = Arrays.copyOfRange(buffer, start, start + length);
      start += length;
      return body;
    }

    /** Where the body starts, just past the head's blank line; -1 if the head is not all in. */
    private int headEnd() {
      for (int i = start; i + 3 < end; i++) {
        if (buffer[i] == '\r'
            && buffer[i + 1] == '\n'
            && buffer[i + 2] == '\r'
            && buffer[i + 3] == '\n') {
          return i + 4;
        }
      }
      return -1;
    }

    /** The value of the head's {@code Content-Length}; 0 without one. */
    private int contentLength(int from, int to) {
      for (int i = from; i + LENGTH.length < to; i++) {
        if ((i == from || buffer[i - 1] == '\n') && startsWithLengthHeader(i)) {
          int value = 0;
          for (int at = i + LENGTH.length; at < to && buffer[at] != '\r'; at++) {
            if (buffer[at] >= '0' && buffer[at] <= '9') {
              value = value * 10 + (buffer[at] - '0');
            }
          }
          return value;
        }
      }
      return 0;
    }

    private boolean startsWithLengthHeader(int at) {
      for (int k = 0; k < LENGTH.length; k++) {
        if (Character.toLowerCase(buffer[at + k]) != LENGTH[k]) {
          return false;
        }
      }
      return true;
    }

    /** Reads more bytes, moving what is unread to the front first; false at the end. */
    private boolean fill() throws IOException {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int read = in.read(buffer, end, buffer.length - end);
      if (read < 0) {
        return false;
      }
      end += read;
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SocketReceiver[port=%d]", port());
  }
}
