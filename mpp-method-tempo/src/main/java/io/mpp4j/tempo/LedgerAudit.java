package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.chain.JsonRpc;
import io.mpp4j.core.codec.Json;
import io.mpp4j.core.ledger.Ledger;
import io.mpp4j.core.ledger.LedgerEntry;
import io.mpp4j.core.ledger.LedgerQuery;
import io.mpp4j.core.ledger.ReconciliationReport;
import io.mpp4j.core.ledger.ReconciliationReport.Difference;
import io.mpp4j.core.ledger.ReconciliationReport.Kind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the ledger's Tempo payments of a time range (charges; subscription charges and session
 * settlements, which carry no splits: a session entry is one settle or close transaction, whose
 * escrow transfer to the payee is the entry's amount) with the TIP-20 {@code Transfer} logs to the
 * recipient on chain: finds the blocks of the range by their timestamps, reads the logs in chunks,
 * and lists every payment the two disagree on. Transfers from the fee manager (a fee refund) are no
 * payments and are left out; zero-amount entries (a cancellation, a close that paid nothing more)
 * have no transfer and are left out too.
 */
final class LedgerAudit {
  private static final int BLOCKS_PER_QUERY = 5_000;
  private static final String FEE_MANAGER_TOPIC_TAIL = Tip20.FEE_MANAGER.substring(2);

  private final JsonRpc rpc;
  private final String currency;
  private final String recipient;
  private final BigInteger splitsTotal;

  LedgerAudit(JsonRpc rpc, String currency, String recipient, BigInteger splitsTotal) {
    this.rpc = rpc;
    this.currency = Hex.address(currency);
    this.recipient = Hex.address(recipient);
    this.splitsTotal = splitsTotal;
  }

  ReconciliationReport reconcile(Ledger ledger, Instant from, Instant to) {
    Map<String, BigInteger> onChain = transfers(from, to);
    BigInteger networkTotal = onChain.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    List<LedgerEntry> entries =
        ledger.query(LedgerQuery.between(from, to).method(TempoMethod.ID).limit(1_000_000).build());
    List<Difference> differences = new ArrayList<>();
    BigInteger ledgerTotal = BigInteger.ZERO;
    for (LedgerEntry entry : entries) {
      boolean charge = entry.intent().equals("charge");
      boolean ownPayment =
          entry.intent().equals("subscription") || entry.intent().equals(SessionJournal.INTENT);
      if (!charge && !(ownPayment && entry.amount().signum() > 0)
          || !currency.equals(lower(entry.currency()))) {
        continue;
      }
      String reference = lower(entry.reference());
      BigInteger expected = charge ? entry.amount().subtract(splitsTotal) : entry.amount();
      BigInteger paid = reference == null ? null : onChain.remove(reference);
      if (entry.status() == LedgerEntry.Status.SETTLED) {
        ledgerTotal = ledgerTotal.add(expected);
        if (paid == null) {
          differences.add(
              new Difference(
                  Kind.MISSING_ON_NETWORK, reference, entry.challengeId(), expected, null));
        } else if (paid.compareTo(expected) != 0) {
          differences.add(
              new Difference(Kind.AMOUNT_DIFFERS, reference, entry.challengeId(), expected, paid));
        }
      } else if (paid != null) {
        differences.add(
            new Difference(Kind.STATUS_DIFFERS, reference, entry.challengeId(), expected, paid));
      }
    }
    onChain.forEach(
        (hash, amount) ->
            differences.add(new Difference(Kind.MISSING_IN_LEDGER, hash, null, null, amount)));
    return new ReconciliationReport(from, to, ledgerTotal, networkTotal, differences);
  }

  /** Transaction hash to the amount the recipient received in it, for blocks in the range. */
  private Map<String, BigInteger> transfers(Instant from, Instant to) {
    long first = firstBlockAtOrAfter(from.getEpochSecond());
    long end = firstBlockAtOrAfter(to.getEpochSecond());
    Map<String, BigInteger> received = new LinkedHashMap<>();
    for (long start = first; start < end; start += BLOCKS_PER_QUERY) {
      long last = Math.min(end, start + BLOCKS_PER_QUERY) - 1;
      ObjectNode filter = Json.object();
      filter.put("address", currency);
      filter.put("fromBlock", hex(start));
      filter.put("toBlock", hex(last));
      ArrayNode topics = filter.putArray("topics");
      topics.add(Tip20.TRANSFER_TOPIC);
      topics.addNull();
      topics.add("0x" + "0".repeat(24) + recipient.substring(2));
      JsonNode logs = rpc.call("eth_getLogs", filter);
      for (JsonNode log : logs) {
        if (lower(log.path("topics").path(1).asText("")).endsWith(FEE_MANAGER_TOPIC_TAIL)) {
          continue;
        }
        String hash = lower(log.path("transactionHash").asText());
        BigInteger amount = Hex.quantity(log.path("data").asText());
        received.merge(hash, amount, BigInteger::add);
      }
    }
    return received;
  }

  /** The number of the first block whose timestamp is at or after {@code seconds}. */
  private long firstBlockAtOrAfter(long seconds) {
    long latest = Hex.quantity(rpc.call("eth_blockNumber").asText()).longValueExact();
    if (timestamp(latest) < seconds) {
      return latest + 1;
    }
    long low = 0;
    long high = latest;
    while (low < high) {
      long middle = (low + high) >>> 1;
      if (timestamp(middle) < seconds) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private long timestamp(long block) {
    JsonNode header = rpc.call("eth_getBlockByNumber", hex(block), false);
    return Hex.quantity(header.path("timestamp").asText()).longValueExact();
  }

  private static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
