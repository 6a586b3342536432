package dev.bulwark.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * One answer of the Bulwark server, kept so the bare target can send the same bytes: its status,
 * the headers the application set (Jetty adds {@code Date} and {@code Content-Length} on both
 * targets by itself) and the body. Immutable.
 *
 * @param status the HTTP status
 * @param headers header name and value pairs, in the order received
 * @param body the body bytes
 */
public record CapturedResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  /** Headers the transport writes itself on either target, so they are not replayed. */
  private static final Set<String> TRANSPORT = Set.of("date", "content-length", "connection", "transfer-encoding",
      "keep-alive", ":status");

  /** Copies the list; the body is kept as given (callers do not change it). */
  public CapturedResponse {
    Objects.requireNonNull(body, "body");
    headers = List.copyOf(headers);
  }

  /** The application's part of {@code response}. */
  public static CapturedResponse of(HttpResponse<byte[]> response) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    response.headers().map().forEach((name, values) -> {
      if (!TRANSPORT.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> headers.add(Map.entry(name, value)));
      }
    });
    return new CapturedResponse(response.statusCode(), headers, response.body());
  }

  /**
   * Writes this answer to {@code file} (a new file, as a properties list) for the bare target's own
   * JVM to read with {@link #readFrom}.
   */
  public void writeTo(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("status", Integer.toString(status));
    p.setProperty("headers", Integer.toString(headers.size()));
    for (int i = 0; i < headers.size(); i++) {
      p.setProperty("header." + i + ".name", headers.get(i).getKey());
      p.setProperty("header." + i + ".value", headers.get(i).getValue());
    }
    p.setProperty("body", Base64.getEncoder().encodeToString(body));
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW)) {
      p.store(out, "captured Bulwark response for the bare target");
    }
  }

  /** The answer {@link #writeTo} wrote to {@code file}. */
  public static CapturedResponse readFrom(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    int count = Integer.parseInt(p.getProperty("headers"));
    for (int i = 0; i < count; i++) {
      headers.add(Map.entry(p.getProperty("header." + i + ".name"), p.getProperty("header." + i + ".value")));
    }
    return new CapturedResponse(Integer.parseInt(p.getProperty("status")), headers,
        Base64.getDecoder().decode(p.getProperty("body")));
  }

  /** Bytes of the replayed header lines ({@code name: value\r\n}), to show both targets send the same. */
  public int headerBytes() {
    int bytes = 0;
    for (Map.Entry<String, String> h : headers) {
      bytes += (h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1).length;
    }
    return bytes;
  }
}
