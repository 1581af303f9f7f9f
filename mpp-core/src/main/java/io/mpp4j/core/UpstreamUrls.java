package io.mpp4j.core;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks the URL of a service a payment method trusts (an RPC node, a processor's API): it must be
 * {@code https}, unless its host is a loopback address (a local node, a test double) or the
 * operator named an explicit insecure opt-in. A payment accepted on an unauthenticated answer could
 * be faked by anyone on the path (draft-httpauth-payment-00 §11: fail closed).
 *
 * @since 0.2.0
 */
public final class UpstreamUrls {
  private UpstreamUrls() {}

  /**
   * @param allowInsecure whether the operator opted in to plain HTTP on a remote host
   * @param what the setting, for the message ({@code Tempo RPC URL})
   * @param optIn the name of the opt-in, for the message
   * @throws IllegalStateException when the URL is plain HTTP on a remote host without the opt-in
   */
  public static void requireSecure(URI url, boolean allowInsecure, String what, String optIn) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || allowInsecure || scheme.equals("http") && isLoopback(url)) {
      return;
    }
    throw new IllegalStateException(
        what
            + " must use https (plain http is accepted for loopback hosts only; set "
            + optIn
            + " to accept it elsewhere)");
  }

  /** Whether the URL's host is {@code localhost} or a loopback address literal. */
  public static boolean isLoopback(URI url) {
    String host = url.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
