package dev.bulwark.server.http;

import dev.bulwark.guard.errors.ErrorId;
import dev.bulwark.guard.errors.ErrorKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own errors, for requests that never reach Javalin (a malformed request line, headers over
 * the size limit, an illegal URI): the same generic JSON body and security headers as every other
 * error, never Jetty's HTML page with its server name, the servlet or a stack trace. Thread-safe.
 */
public final class JettyErrors extends ErrorHandler {
  private final boolean tls;

  /** @param tls whether to add HSTS */
  public JettyErrors(boolean tls) {
    this.tls = tls;
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
    setShowOrigin(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    byte[] body = body(code, response.getHeaders());
    response.setStatus(code);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private byte[] body(int status, HttpFields.Mutable headers) {
    ErrorKind kind = HttpPipeline.kindFor(status);
    ErrorId id = ErrorId.random();
    LoggerFactory.getLogger("dev.bulwark.server.errors").atWarn().addKeyValue("error_id", id.value())
        .log("request refused by the HTTP layer with status {}", status);
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Cache-Control", "no-store");
    if (tls) {
      headers.put("Strict-Transport-Security", SecurityHeaders.HSTS);
    }
    String code = status == 405 ? "method_not_allowed" : ErrorBodies.code(kind);
    return ("{\"error\":\"" + code + "\",\"message\":\"" + kind.genericMessage() + "\",\"error_id\":\"" + id.value() + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
