package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.stripe.StripeConformance;
import io.mpp4j.tempo.TempoConformance;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps operation names of the conformance adapter protocol ({@code operations.json}) to their
 * handlers: the core operations and those of the Tempo and Stripe modules ({@code tempo.*}, {@code
 * stripe.external_id_binding}), which report their error type through their own exception.
 */
public final class OperationRegistry {
  private final Map<String, Operation> operations;

  private OperationRegistry(Map<String, Operation> operations) {
    this.operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
  }

  /** Every operation this SDK answers, with the system clock. */
  public static OperationRegistry standard() {
    return standard(Clock.systemUTC());
  }

  /** Every operation this SDK answers; {@code clock} decides expiry and receipt timestamps. */
  public static OperationRegistry standard(Clock clock) {
    return builder()
        .register("challenge.parse", ChallengeOperations::parse)
        .register("challenge.format", ChallengeOperations::format)
        .register("challenge.id", ChallengeOperations::id)
        .register("credential.parse", CredentialOperations::parse)
        .register("credential.format", CredentialOperations::format)
        .register("receipt.parse", ReceiptOperations::parse)
        .register("receipt.format", ReceiptOperations::format)
        .register("base64url.encode", Base64UrlOperations::encode)
        .register("base64url.decode", Base64UrlOperations::decode)
        .register("server.verify", new ServerVerifyOperation(clock))
        .register(
            "tempo.receipt.verify",
            method(TempoConformance::receiptVerify),
            TempoConformance.Failure.class,
            TempoConformance.Failure::type)
        .register(
            "tempo.fee_payer.cosign",
            method(input -> TempoConformance.feePayerCosign(input, clock)),
            TempoConformance.Failure.class,
            TempoConformance.Failure::type)
        .register(
            "tempo.proof.typed_data",
            method(TempoConformance::proofTypedData),
            TempoConformance.Failure.class,
            TempoConformance.Failure::type)
        .register(
            StripeConformance.EXTERNAL_ID_BINDING, method(StripeConformance::externalIdBinding))
        .build();
  }

  /** A method module's operation: its input must be an object, and malformed input is typed. */
  private static Operation method(Function<ObjectNode, ObjectNode> operation) {
    return input -> {
      if (!(input instanceof ObjectNode object)) {
        throw new OperationException(ErrorTypes.VERIFICATION, "input must be a JSON object");
      }
      try {
        return operation.apply(object);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new OperationException(ErrorTypes.VERIFICATION, "malformed input: " + e.getMessage());
      }
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Operation> find(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  /** The operation names, in registration order. */
  public Set<String> names() {
    return operations.keySet();
  }

  /** Collects operations; a name can be registered once. */
  public static final class Builder {
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    private Builder() {}

    public Builder register(String name, Operation operation) {
      Objects.requireNonNull(operation, "operation");
      if (operations.putIfAbsent(Objects.requireNonNull(name, "name"), operation) != null) {
        throw new IllegalStateException("operation registered twice: " + name);
      }
      return this;
    }

    /**
     * Registers a handler that signals failures with its own exception type {@code failure}; {@code
     * type} reads the protocol error type from it.
     */
    public <E extends RuntimeException> Builder register(
        String name, Operation operation, Class<E> failure, Function<E, String> type) {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(type, "type");
      return register(
          name,
          input -> {
            try {
              return operation.apply(input);
            } catch (RuntimeException e) {
              if (failure.isInstance(e)) {
                E typed = failure.cast(e);
                throw new OperationException(type.apply(typed), typed.getMessage());
              }
              throw e;
            }
          });
    }

    public OperationRegistry build() {
      return new OperationRegistry(operations);
    }
  }
}
