package io.mpp4j.servlet;

import io.mpp4j.core.Mpp;
import io.mpp4j.core.store.Store;
import java.time.Duration;
import java.util.List;

/** The immutable configuration a {@link PaymentFilter.Builder} produces. */
record FilterSettings(
    Mpp mpp,
    RouteTable routes,
    List<String> defaultMethods,
    int maxBodyBytes,
    boolean allowInsecureHttp,
    boolean trustForwardedProto,
    Store idempotencyStore,
    Duration idempotencyTtl,
    String discoveryPath,
    String title,
    String version) {}
