package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * v1 and v2 (TIP-1034) channel ids, voucher digests and signatures, and the {@code
 * expiringNonceHash} of an open transaction, checked against vectors the reference SDK's own
 * modules compute (mppx 0.11.0, ox 0.14.33, viem; {@code tools/session-vectors.mjs}), freshly
 * random on each run, plus the fixed vector of protocol notes 3.4.
 */
class SessionVectorsTest {
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
  void expiringNonceHashWhenSignedOpenTransactionThenMatchesTheReference() {
    JsonNode open = vectors.path("open");
    TempoTransaction tx = TempoTransaction.decode(Hex.decode(open.path("transaction").asText()));

    assertThat(tx.sender()).isEqualTo(open.path("sender").asText());
    assertThat(ChannelDescriptor.expiringNonceHash(tx, tx.sender()))
        .isEqualTo(open.path("expiringNonceHash").asText());
  }
}
