package io.mpp4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.codec.X402Headers;
import java.util.Optional;

/**
 * Implemented by a {@link PaymentMethod} whose {@code charge} challenges can also be paid by x402
 * v2 clients ({@code scheme: "exact"}, x402-foundation/x402 {@code specs/schemes/exact/}). An HTTP
 * transport with x402 turned on offers a twin of each such challenge in {@code PAYMENT-REQUIRED}
 * ({@link Mpp#withX402}, {@link Mpp#x402PaymentRequired}), and the engine turns the {@code
 * PAYMENT-SIGNATURE} that comes back into a {@link Credential} through {@link #x402Credential}: the
 * same decision, single-use claim, events and ledger as a native credential.
 *
 * @since 0.2.0
 */
public interface X402Scheme {

  /**
   * The x402 {@code PaymentRequirements} that pay exactly what {@code challenge}'s request charges
   * ({@code scheme}, {@code network}, {@code amount}, {@code asset}, {@code payTo}, {@code
   * maxTimeoutSeconds}, {@code extra}); empty when this request cannot be paid through x402. Must
   * be deterministic: the engine compares it (plus {@link X402Headers#BINDING}) with what the
   * client echoes. The challenge may not be authenticated yet; never trust it beyond parsing.
   */
  Optional<ObjectNode> x402Requirements(Challenge challenge);

  /**
   * The native credential for an x402 payment payload whose {@code accepted} requirement the engine
   * already matched with {@link #x402Requirements}.
   *
   * @throws PaymentException when the payload is not one this method takes
   */
  Credential x402Credential(Challenge challenge, ObjectNode paymentPayload);
}
