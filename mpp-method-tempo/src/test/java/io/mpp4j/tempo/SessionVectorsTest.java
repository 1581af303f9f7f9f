package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.Challenge;
import io.mpp4j.core.Decision;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Secret;
import io.mpp4j.core.codec.Jcs;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * v1 and v2 (TIP-1034) channel ids, voucher digests and signatures, and the {@code
 * expiringNonceHash} of an open transaction, checked against vectors the reference SDK's own
 * modules compute (mppx 0.11.0, ox 0.14.33, viem; {@code tools/session-vectors.mjs}), freshly
 * random on each run, plus the fixed vector of protocol notes 3.4; and the v2 challenge request,
 * byte for byte against the one mppx's precompile server issues for the same configuration.
 */
class SessionVectorsTest {
  private static final String PAYEE_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final String SPONSOR_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static JsonNode vectors;

  @BeforeAll
  static void generate() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "node", LocalTempoChain.toolsDir().resolve("session-vectors.mjs").toString(), "12")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("session-vectors.mjs failed; run tools/install.sh");
    }
    vectors = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void channelIdWhenNotesV2DescriptorThenMatchesTheNotesVector() {
    ChannelDescriptor descriptor =
        new ChannelDescriptor(
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0x742d35cc6634c0532925a3b844bc9e7595f8fe00",
            "0x0000000000000000000000000000000000000000",
            "0x20c0000000000000000000000000000000000000",
            "0x" + "aa".repeat(32),
            "0x0000000000000000000000000000000000000000",
            "0x" + "bb".repeat(32));

    assertThat(descriptor.channelId(ChannelDescriptor.PRECOMPILE, 4217))
        .isEqualTo("0x751c4cb23ec064761f5272a82a487dce8e4df7f3c992e52a567f5b207838f2e4");
    assertThat(descriptor.voucherSigner()).isEqualTo(descriptor.payer());
  }

  @Test
  void v2WhenReferenceVectorsThenChannelIdDigestAndSignerMatch() {
    assertThat(vectors.path("v2")).hasSize(12);
    for (JsonNode v : vectors.path("v2")) {
      ChannelDescriptor descriptor = ChannelDescriptor.fromJson(v.path("descriptor"));
      long chainId = v.path("chainId").asLong();
      String escrow = v.path("escrow").asText();
      String channelId = descriptor.channelId(escrow, chainId);
      BigInteger amount = new BigInteger(v.path("cumulativeAmount").asText());
      byte[] digest = Voucher.digest(Voucher.Protocol.V2, chainId, escrow, channelId, amount);

      assertThat(channelId).as(v.toString()).isEqualTo(v.path("channelId").asText());
      if (!v.path("channelIdOx").isNull()) {
        assertThat(channelId).isEqualTo(v.path("channelIdOx").asText());
        assertThat(Hex.encode(digest)).isEqualTo(v.path("digestOx").asText());
      }
      assertThat(Hex.encode(digest)).isEqualTo(v.path("digest").asText());
      Voucher.verify(digest, v.path("signature").asText(), v.path("signer").asText(), channelId);
      assertThat(descriptor.toJson()).isEqualTo(v.path("descriptor"));
    }
  }

  @Test
  void v1WhenReferenceVectorsThenChannelIdDigestAndSignerMatch() {
    for (JsonNode v : vectors.path("v1")) {
      long chainId = v.path("chainId").asLong();
      String escrow = v.path("escrowContract").asText();
      String channelId =
          Escrow.channelId(
              v.path("payer").asText(),
              v.path("payee").asText(),
              v.path("token").asText(),
              v.path("salt").asText(),
              v.path("authorizedSigner").asText(),
              escrow,
              chainId);
      byte[] digest =
          Voucher.digest(
              Voucher.Protocol.V1,
              chainId,
              escrow,
              channelId,
              new BigInteger(v.path("cumulativeAmount").asText()));

      assertThat(channelId).as(v.toString()).isEqualTo(v.path("channelId").asText());
      assertThat(Hex.encode(digest)).isEqualTo(v.path("digest").asText());
      Voucher.verify(digest, v.path("signature").asText(), v.path("payer").asText(), channelId);
    }
  }

  @Test
  void v2RequestWhenReferenceServerIssuesItForTheSameConfigurationThenSameJcsWireForm() {
    assertThat(vectors.path("requests")).hasSize(3);
    for (JsonNode v : vectors.path("requests")) {
      TempoSessionSettings.Builder settings =
          TempoSessionSettings.builder()
              .payeeKey(Secret.of(PAYEE_KEY))
              .suggestedDeposit(v.path("suggestedDeposit").asText())
              .offerProtocolV2(v.path("operator").isNull() ? null : v.path("operator").asText());
      if (!v.path("minVoucherDelta").isNull()) {
        settings.minVoucherDelta(v.path("minVoucherDelta").asLong());
      }
      TempoMethod.Builder tempo =
          TempoMethod.builder()
              .chainId(v.path("chainId").asLong())
              .rpcUrl("http://127.0.0.1:9")
              .currency(v.path("currency").asText())
              .session(settings.build());
      if (v.path("feePayer").asBoolean()) {
        tempo.feePayer(Secret.of(SPONSOR_KEY));
      }
      TempoMethod method = tempo.build();
      Mpp mpp =
          Mpp.builder()
              .realm("api.example.com")
              .secret(Secret.of("a-session-vectors-secret-of-32-bytes"))
              .method(method)
              .build();
      List<Offer> offers =
          List.of(
              Offer.session(TempoMethod.ID)
                  .price(v.path("price").asText())
                  .unitType(v.path("unitType").asText())
                  .build());
      Decision decision = mpp.decide(SessionHarness.exchange("GET", null), offers);
      method.close();

      Challenge challenge = ((Decision.PaymentRequired) decision).challenges().get(0);
      assertThat(Jcs.canonicalize(mpp.request(offers.get(0)).toJson()))
          .as(v.toString())
          .isEqualTo(Jcs.canonicalize(v.path("json")));
      assertThat(challenge.request()).isEqualTo(v.path("request").asText());
    }
  }

  @Test
  void expiringNonceHashWhenSignedOpenTransactionThenMatchesTheReference() {
    JsonNode open = vectors.path("open");
    TempoTransaction tx = TempoTransaction.decode(Hex.decode(open.path("transaction").asText()));

    assertThat(tx.sender()).isEqualTo(open.path("sender").asText());
    assertThat(ChannelDescriptor.expiringNonceHash(tx, tx.sender()))
        .isEqualTo(open.path("expiringNonceHash").asText());
  }
}
