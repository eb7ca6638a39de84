package com.techradium.iris.benchmarks.webhook;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A loopback HTTP/1.1 receiver for the drive, lighter than the JDK's {@code HttpServer}: a thread
 * per kept-alive connection reads each request's line, headers and {@code Content-Length} body,
 * hands the body over and answers {@code 204 No Content}. It serves exactly what a webhook sender
 * does (POSTs with a length, no chunking, no pipelining), and nothing else.
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
        InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        OutputStream out = socket.getOutputStream()) {
      StringBuilder line = new StringBuilder(128);
      while (readLine(in, line)) { // the request line; false at the end of the connection
        int length = 0;
        while (readLine(in, line) && line.length() > 0) {
          String header = line.toString();
          if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
            length = Integer.parseInt(header.substring(15).trim());
          }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
          return;
        }
        out.write(NO_CONTENT);
        out.flush();
        handler.accept(body);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Reads one CRLF-ended line into {@code line}; false at the end of the stream. */
  private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
    line.setLength(0);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        return true;
      }
      line.append((char) c);
    }
    return false;
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
