package io.mpp4j.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.ChallengeBinding;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.CodecException;
import io.mpp4j.core.codec.Jcs;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.PaymentJson;
import java.util.List;

/**
 * {@code challenge.parse}, {@code challenge.format} and {@code challenge.id}: the {@code
 * WWW-Authenticate: Payment} header and the HMAC challenge id (draft-httpauth-payment-00 §5.1).
 */
final class ChallengeOperations {
  private ChallengeOperations() {}

  /** Header in, the first Payment challenge out with its request decoded. */
  static JsonNode parse(JsonNode input) {
    String header = Inputs.text(input, "header", ErrorTypes.PARSE);
    try {
      return PaymentJson.toJson(PaymentHeaders.parseChallenge(header));
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.PARSE, e.getMessage());
    }
  }

  /** A challenge with a native request in, its header out. */
  static JsonNode format(JsonNode input) {
    try {
      String header = PaymentHeaders.formatChallenge(PaymentJson.challengeFromJson(input));
      return JsonNodeFactory.instance.objectNode().put("header", header);
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.FORMAT, e.getMessage());
    }
  }

  /**
   * The id over {@code realm|method|intent|b64url(JCS(request))|expires|digest|[header|]opaque};
   * {@code description} is not bound. Secrets under 32 bytes are refused.
   */
  static JsonNode id(JsonNode input) {
    String secretKey = Inputs.text(input, "secretKey", ErrorTypes.GENERATION);
    ChallengeBinding binding;
    try {
      binding = ChallengeBinding.of(Secret.of(secretKey), List.of());
    } catch (IllegalArgumentException e) {
      throw new OperationException(ErrorTypes.GENERATION, "secretKey is shorter than 32 bytes");
    }
    String request;
    try {
      request = Jcs.encode(Inputs.object(input, "request", ErrorTypes.GENERATION));
    } catch (CodecException e) {
      throw new OperationException(ErrorTypes.GENERATION, e.getMessage());
    }
    String id =
        binding.id(
            Challenge.builder()
                .realm(Inputs.text(input, "realm", ErrorTypes.GENERATION))
                .method(Inputs.text(input, "method", ErrorTypes.GENERATION))
                .intent(Inputs.text(input, "intent", ErrorTypes.GENERATION))
                .request(request)
                .expires(Inputs.optionalText(input, "expires", ErrorTypes.GENERATION))
                .digest(Inputs.optionalText(input, "digest", ErrorTypes.GENERATION))
                .header(Inputs.optionalText(input, "header", ErrorTypes.GENERATION))
                .opaque(Inputs.optionalText(input, "opaque", ErrorTypes.GENERATION)));
    return JsonNodeFactory.instance.objectNode().put("id", id);
  }
}
