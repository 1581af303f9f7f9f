package io.mpp4j.evm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.Keccak;
import io.mpp4j.chain.Secp256k1;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Credential;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.codec.PaymentHeaders;
import io.mpp4j.core.codec.X402Headers;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Hand-made payments for the cases the real clients never produce. */
final class Payers {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Payers() {}

  static HttpResponse<String> get(URI url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The native {@code evm} challenge of a 402. */
  static Challenge evmChallenge(HttpResponse<String> response) {
    return PaymentHeaders.parseChallenges(response.headers().allValues("WWW-Authenticate")).stream()
        .filter(c -> c.method().equals(EvmMethod.ID))
        .findFirst()
        .orElseThrow();
  }

  /** An {@code authorization} payload signed by {@code payer} on {@code chain}'s token. */
  static ObjectNode authorization(
      LocalEvmChain chain,
      LocalEvmChain.Account payer,
      String to,
      BigInteger value,
      Instant validBefore,
      String nonce) {
    Authorization unsigned =
        new Authorization(
            payer.address(),
            Hex.address(to),
            value,
            BigInteger.ZERO,
            BigInteger.valueOf(validBefore.getEpochSecond()),
            nonce,
            null);
    byte[] digest =
        Eip3009.digest(
            Eip3009.domainSeparator(
                LocalEvmChain.TOKEN_NAME,
                LocalEvmChain.TOKEN_VERSION,
                LocalEvmChain.CHAIN_ID,
                chain.token()),
            unsigned);
    Secp256k1.Signature signature = Secp256k1.sign(digest, payer.key());
    ObjectNode payload = Json.object();
    payload.put("type", "authorization");
    payload.put("from", payer.address());
    payload.put("to", to);
    payload.put("value", value.toString());
    payload.put("validAfter", "0");
    payload.put("validBefore", Long.toString(validBefore.getEpochSecond()));
    payload.put("nonce", nonce);
    payload.put("signature", Hex.encode(signature.toBytes65()));
    return payload;
  }

  /** The {@code Authorization} value of a native credential. */
  /**
   * An MPP credential for {@code challenge} whose authorization pays {@code recipient} the right
   * amount but carries a nonce of the payer's choosing instead of the one bound to the challenge.
   */
  static String unboundNonceCredential(
      LocalEvmChain chain,
      Challenge challenge,
      LocalEvmChain.Account payer,
      String recipient,
      long amount) {
    String unbound = Hex.encode(Keccak.hash("a nonce of the payer's choosing"));
    return nativeCredential(
        challenge,
        authorization(
            chain,
            payer,
            recipient,
            BigInteger.valueOf(amount),
            Instant.now().plusSeconds(120),
            unbound));
  }

  static String nativeCredential(Challenge challenge, ObjectNode payload) {
    return PaymentHeaders.formatCredential(new Credential(challenge, payload, null));
  }

  /**
   * A {@code PAYMENT-SIGNATURE} carrying the authorization of {@code signature} for the requirement
   * of another 402 ({@code paymentRequired}): an old authorization on a fresh challenge.
   */
  static String rebind(String signature, String paymentRequired) {
    ObjectNode old = decode(signature);
    ObjectNode fresh = decode(paymentRequired);
    old.set("accepted", fresh.path("accepts").get(0));
    return X402Headers.encode(old);
  }

  static ObjectNode decode(String base64) {
    return Json.parseObject(Base64.getDecoder().decode(base64));
  }

  static String paymentRequired(HttpResponse<String> response) {
    return response.headers().firstValue(X402Headers.PAYMENT_REQUIRED).orElseThrow();
  }

  static List<String> challenges(HttpResponse<String> response) {
    return response.headers().allValues("WWW-Authenticate");
  }
}
