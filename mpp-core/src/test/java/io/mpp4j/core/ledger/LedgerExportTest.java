package io.mpp4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerExportTest {
  private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

  private static LedgerEntry entry(String route, String detail) {
    return new LedgerEntry(
        "ch1",
        AT,
        AT,
        LedgerEntry.Status.FAILED,
        route,
        "tempo",
        "charge",
        BigInteger.valueOf(10_000),
        "usd",
        "did:a",
        "0xab",
        "key-1",
        detail);
  }

  @Test
  void csvWhenFieldsHoldCommasQuotesOrFormulasThenQuotedAndDefused() {
    StringBuilder out = new StringBuilder();

    LedgerExport.csv(List.of(entry("GET /a?x=1,2", "=HYPERLINK(\"evil\")")), out);

    String[] lines = out.toString().split("\r\n");
    assertThat(lines[0]).isEqualTo(String.join(",", LedgerExport.COLUMNS));
    assertThat(lines[1])
        .isEqualTo(
            "ch1,2026-11-29T10:00:00.000Z,2026-11-29T10:00:00.000Z,FAILED,\"GET /a?x=1,2\","
                + "tempo,charge,10000,usd,did:a,0xab,key-1,\"'=HYPERLINK(\"\"evil\"\")\"");
  }

  @Test
  void jsonWhenExportedThenOneObjectPerEntryWithBaseUnitStrings() throws Exception {
    JsonNode json = new ObjectMapper().readTree(LedgerExport.json(List.of(entry("GET /a", null))));

    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("amount").asText()).isEqualTo("10000");
    assertThat(json.get(0).get("status").asText()).isEqualTo("FAILED");
    assertThat(json.get(0).has("detail")).isFalse();
  }
}
