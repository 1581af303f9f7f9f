package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.PayerSource;
import io.mpp4j.chain.Rlp;
import io.mpp4j.chain.RpcException;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.PaymentException;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.Timestamps;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Tempo operations of the cross-SDK conformance vectors ({@code tempo.receipt.verify}, {@code
 * tempo.fee_payer.cosign}, {@code tempo.proof.typed_data}), for the conformance adapter and the
 * module's own tests. Each takes the vector's {@code input} object and returns its {@code value},
 * or throws {@link Failure} carrying the vector error type. Not an application API.
 */
public final class TempoConformance {
  /** The error type every refusal maps to. */
  public static final String VERIFICATION_ERROR = "verification_error";

  private TempoConformance() {}

  /** A refused operation: {@code type} is the conformance error type. */
  public static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String type;

    public Failure(String type, String message) {
      super(message, null, false, false);
      this.type = Objects.requireNonNull(type, "type");
    }

    public String type() {
      return type;
    }
  }

  /** Runs one operation by its registry name. */
  public static ObjectNode run(String operation, ObjectNode input, Clock clock) {
    return switch (operation) {
      case "tempo.receipt.verify" -> receiptVerify(input);
      case "tempo.fee_payer.cosign" -> feePayerCosign(input, clock);
      case "tempo.proof.typed_data" -> proofTypedData(input);
      default -> throw new IllegalArgumentException("unknown operation " + operation);
    };
  }

  /** Verifies a push-mode credential against a receipt fixture; returns status and reference. */
  public static ObjectNode receiptVerify(ObjectNode input) {
    try {
      JsonNode credential = required(input, "credential");
      JsonNode challenge = required(credential, "challenge");
      JsonNode payload = required(credential, "payload");
      ChargeTerms terms = terms(required(challenge, "request"));
      if (!"hash".equals(payload.path("type").asText())) {
        throw new Failure(
            VERIFICATION_ERROR, "only hash credentials are verified against receipts");
      }
      if (terms.feePayer() || !terms.allows(ChargeTerms.PUSH)) {
        throw new Failure(VERIFICATION_ERROR, "this challenge does not accept hash credentials");
      }
      String hash = ChargeVerifier.normaliseHash(payload.path("hash").asText());
      JsonNode receipt = required(input, "receipt");
      JsonNode source = credential.get("source");
      String sender =
          source != null && source.isTextual()
              ? PayerSource.address(source.textValue(), terms.chainId())
              : ReceiptCheck.from(receipt);
      String reference =
          ReceiptCheck.verify(
              receipt,
              terms,
              hash,
              sender,
              challenge.path("realm").asText(),
              challenge.path("id").asText());
      ObjectNode out = Json.object();
      out.put("status", "success");
      out.put("reference", reference);
      return out;
    } catch (PaymentException | RpcException | IllegalArgumentException e) {
      throw new Failure(VERIFICATION_ERROR, message(e));
    }
  }

  /** {@link #feePayerCosign(ObjectNode, Clock)} with the system clock. */
  public static ObjectNode feePayerCosign(ObjectNode input) {
    return feePayerCosign(input, Clock.systemUTC());
  }

  /**
   * Builds the payer's sponsored transaction from the vector, signs it with the payer key, checks
   * it against the sponsor policy and the charge, and co-signs it with the fee payer key.
   */
  public static ObjectNode feePayerCosign(ObjectNode input, Clock clock) {
    try {
      Instant now = clock.instant();
      ChargeTerms terms = terms(required(input, "request"));
      if (!terms.feePayer()) {
        throw new Failure(VERIFICATION_ERROR, "the request does not sponsor fees");
      }
      TempoTransaction unsigned = transaction(required(input, "transaction"), now);
      BigInteger payerKey = key(input, "payerPrivateKey");
      byte[] signature = Secp256k1.sign(unsigned.senderSigningHash(), payerKey).toBytes65();
      TempoTransaction received =
          TempoTransaction.decode(unsigned.withSenderSignature(signature).encode());
      Sponsor sponsor =
          new Sponsor(
              key(input, "feePayerPrivateKey"),
              TempoSponsorPolicy.forChain(received.chainId().longValueExact()),
              required(input, "feeToken").asText());
      JsonNode challenge = input.get("challenge");
      String realm = challenge == null ? "" : challenge.path("realm").asText();
      String challengeId = challenge == null ? "" : challenge.path("id").asText();
      Instant expires =
          challenge != null && challenge.hasNonNull("expires")
              ? Timestamps.parse(challenge.get("expires").asText())
              : null;
      PullCheck.Checked checked =
          PullCheck.check(received, terms, sponsor, now, expires, realm, challengeId, null);
      TempoTransaction cosigned =
          TempoTransaction.decode(
              sponsor.cosign(checked.transaction(), checked.sender(), terms.currency()).encode());
      ObjectNode out = Json.object();
      out.put("type", "0x76");
      out.put("feeToken", cosigned.feeToken());
      out.put(
          "feePayerSignaturePresent",
          cosigned.feePayer() instanceof TempoTransaction.FeePayerSignature);
      out.put("accessListLength", cosigned.accessList().size());
      out.put("callCount", cosigned.calls().size());
      return out;
    } catch (PaymentException | Rlp.RlpException | IllegalArgumentException e) {
      throw new Failure(VERIFICATION_ERROR, message(e));
    }
  }

  /** The EIP-712 typed data of a zero-amount proof ({@code MPP} version 2). */
  public static ObjectNode proofTypedData(ObjectNode input) {
    return ProofTypedData.V2.typedData(
        required(input, "chainId").asLong(),
        required(input, "challengeId").asText(),
        required(input, "realm").asText(),
        null);
  }

  private static ChargeTerms terms(JsonNode request) {
    if (!request.isObject()) {
      throw new IllegalArgumentException("request must be an object");
    }
    return ChargeTerms.of(ChargeRequest.fromJson((ObjectNode) request));
  }

  private static TempoTransaction transaction(JsonNode tx, Instant now) {
    List<TempoTransaction.Call> calls = new ArrayList<>();
    for (JsonNode call : required(tx, "calls")) {
      calls.add(
          new TempoTransaction.Call(
              Hex.address(required(call, "to").asText()),
              uint(required(call, "value"), now),
              Hex.decode(required(call, "data").asText())));
    }
    List<Rlp.Item> accessList = new ArrayList<>();
    for (JsonNode entry : required(tx, "accessList")) {
      List<Rlp.Item> keys = new ArrayList<>();
      for (JsonNode key : entry.get(1)) {
        keys.add(Rlp.bytes(Hex.decode(key.asText(), 32)));
      }
      accessList.add(Rlp.list(Rlp.bytes(Hex.decode(entry.get(0).asText(), 20)), Rlp.list(keys)));
    }
    JsonNode feeToken = tx.get("feeToken");
    JsonNode nonceKey = required(tx, "nonceKey");
    return new TempoTransaction(
        uint(required(tx, "chainId"), now),
        uint(required(tx, "maxPriorityFeePerGas"), now),
        uint(required(tx, "maxFeePerGas"), now),
        uint(required(tx, "gasLimit"), now),
        calls,
        Rlp.list(accessList),
        "max".equals(nonceKey.asText()) ? TempoTransaction.EXPIRING_NONCE_KEY : uint(nonceKey, now),
        uint(required(tx, "nonce"), now),
        uint(required(tx, "validBefore"), now),
        null,
        feeToken == null || feeToken.isNull() ? null : Hex.address(feeToken.asText()),
        new TempoTransaction.AwaitingFeePayer(),
        Rlp.list(),
        null,
        null);
  }

  /** A number, a decimal string, {@code 0x} hex, or {@code now+N} seconds. */
  private static BigInteger uint(JsonNode node, Instant now) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    String text = node.asText();
    if (text.startsWith("now+")) {
      return BigInteger.valueOf(now.getEpochSecond() + Long.parseLong(text.substring(4)));
    }
    if (text.startsWith("0x")) {
      return Hex.quantity(text);
    }
    return new BigInteger(text);
  }

  private static BigInteger key(JsonNode input, String name) {
    return Secp256k1.privateKey(Hex.decode(required(input, name).asText(), 32));
  }

  private static JsonNode required(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }

  private static String message(Exception e) {
    return e instanceof PaymentException p ? p.detail() : String.valueOf(e.getMessage());
  }
}
