package io.mpp4j.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request whose body was read into memory by the filter: the handler reads the same bytes again
 * through {@link #getInputStream()} or {@link #getReader()}, and form parameters of a buffered
 * {@code application/x-www-form-urlencoded} body are parsed from those bytes.
 */
final class BufferedRequest extends HttpServletRequestWrapper {
  private final byte[] body;
  private Map<String, String[]> parameters;
  private boolean malformedParameters;

  BufferedRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new Replay(body);
  }

  @Override
  public BufferedReader getReader() {
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values.clone();
  }

  private Map<String, String[]> parameters() {
    if (parameters == null) {
      try {
        parameters = isForm() ? parseForm() : super.getParameterMap();
      } catch (RuntimeException e) {
        malformedParameters = true;
        throw e;
      }
    }
    return parameters;
  }

  /** Whether the container refused to parse the parameters (e.g. a malformed escape). */
  boolean hasMalformedParameters() {
    return malformedParameters;
  }

  private boolean isForm() {
    String type = getContentType();
    return body.length > 0
        && "POST".equals(getMethod())
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private Map<String, String[]> parseForm() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    decode(getQueryString(), StandardCharsets.UTF_8, values);
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    decode(new String(body, StandardCharsets.ISO_8859_1), charset, values);
    Map<String, String[]> result = new LinkedHashMap<>();
    values.forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
    return Collections.unmodifiableMap(result);
  }

  private static void decode(String text, Charset charset, Map<String, List<String>> into) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        into.computeIfAbsent(URLDecoder.decode(name, charset), k -> new ArrayList<>())
            .add(URLDecoder.decode(value, charset));
      } catch (IllegalArgumentException e) {
        // a malformed escape: skipped, as containers do
      }
    }
  }

  private static final class Replay extends ServletInputStream {
    private final ByteArrayInputStream in;

    Replay(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      try {
        if (!isFinished()) {
          listener.onDataAvailable();
        }
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
