package io.mpp4j.servlet;

import io.mpp4j.core.Mpp;
import java.time.Duration;
import java.util.List;

/** The immutable configuration a {@link PaymentFilter.Builder} produces. */
record FilterSettings(
    Mpp mpp,
    RouteTable routes,
    RouteResolver resolver,
    List<String> defaultMethods,
    int maxBodyBytes,
    Duration bodyDeadline,
    int maxConcurrentBodies,
    boolean allowInsecureHttp,
    boolean trustForwardedProto,
    String discoveryPath,
    String title,
    String version,
    boolean x402) {}
