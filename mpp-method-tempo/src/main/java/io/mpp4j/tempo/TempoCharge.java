package io.mpp4j.tempo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.chain.Hex;
import io.mpp4j.core.ChargeRequest;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.PendingPayment;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.Recovery;
import io.mpp4j.core.RecoveryContext;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import io.mpp4j.core.codec.Json;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code charge} intent on Tempo (draft-tempo-charge-00): the challenge request of an offer,
 * and the three payloads, {@code transaction} (pull), {@code hash} (push) and, for zero amounts,
 * {@code proof}.
 */
final class TempoCharge implements IntentHandler<ChargeRequest> {
  private final long chainId;
  private final String currency;
  private final String recipient;
  private final int decimals;
  private final List<TempoSplit> splits;
  private final String memo;
  private final Set<TempoMethod.Mode> modes;
  private final boolean sponsored;
  private final ChargeVerifier verifier;
  private final ChargeRecovery recovery;

  TempoCharge(
      long chainId,
      String currency,
      String recipient,
      int decimals,
      List<TempoSplit> splits,
      String memo,
      Set<TempoMethod.Mode> modes,
      boolean sponsored,
      ChargeVerifier verifier,
      ChargeRecovery recovery) {
    this.chainId = chainId;
    this.currency = currency;
    this.recipient = recipient;
    this.decimals = decimals;
    this.splits = List.copyOf(splits);
    this.memo = memo;
    this.modes = Set.copyOf(modes);
    this.sponsored = sponsored;
    this.verifier = verifier;
    this.recovery = recovery;
  }

  @Override
  public Intent<ChargeRequest> intent() {
    return Intent.CHARGE;
  }

  @Override
  public ChargeRequest request(Offer offer) {
    BigInteger amount = offer.price().toBaseUnits(decimals);
    String token = offer.currency() != null ? Hex.checkedAddress(offer.currency()) : currency;
    String payee = offer.recipient() != null ? Hex.checkedAddress(offer.recipient()) : recipient;
    ObjectNode details = Json.object();
    details.put("chainId", chainId);
    if (sponsored) {
      details.put("feePayer", true);
    }
    if (memo != null) {
      details.put("memo", memo);
    }
    if (!splits.isEmpty()) {
      putSplits(details.putArray("splits"), amount);
    }
    if (modes.size() == 1) {
      details
          .putArray("supportedModes")
          .add(modes.iterator().next().name().toLowerCase(Locale.ROOT));
    }
    return new ChargeRequest(
        amount, token, payee, offer.description(), offer.externalId(), details);
  }

  private void putSplits(ArrayNode array, BigInteger amount) {
    BigInteger total = BigInteger.ZERO;
    for (TempoSplit split : splits) {
      BigInteger part = split.amount().toBaseUnits(decimals);
      total = total.add(part);
      ObjectNode node = array.addObject();
      node.put("amount", part.toString());
      if (split.memo() != null) {
        node.put("memo", split.memo());
      }
      node.put("recipient", split.recipient());
    }
    if (total.compareTo(amount) >= 0) {
      throw new IllegalArgumentException("splits must add up to less than the price");
    }
  }

  @Override
  public Verified verify(Credential credential, VerificationContext<ChargeRequest> context) {
    ChargeTerms terms;
    try {
      terms = ChargeTerms.of(context.request());
    } catch (IllegalArgumentException e) {
      throw new PaymentExceptions.VerificationFailed("The challenge is not a Tempo charge.");
    }
    String type = ChargeVerifier.requireString(credential, "type");
    String reference;
    if (terms.amount().signum() == 0) {
      if (!"proof".equals(type)) {
        throw new PaymentExceptions.VerificationFailed(
            "Zero-amount challenges require a proof credential.");
      }
      ChargeVerifier.proof(credential, terms, context.realm());
      reference = credential.challenge().id();
    } else {
      reference =
          switch (type) {
            case "transaction" -> verifier.pull(credential, terms, context);
            case "hash" -> verifier.push(credential, terms, context);
            case "proof" ->
                throw new PaymentExceptions.VerificationFailed(
                    "Proof credentials are only valid for zero-amount challenges.");
            default -> throw new PaymentExceptions.InvalidPayload("Unknown Tempo payload type.");
          };
    }
    Receipt receipt = new Receipt(TempoMethod.ID, reference, context.now());
    return Verified.settled(receipt.withOptional("externalId", context.request().externalId()));
  }

  /** Looks up a broadcast payment whose receipt never arrived (see {@link ChargeRecovery}). */
  @Override
  public Recovery recover(PendingPayment pending, RecoveryContext context) {
    return recovery.recover(pending, context);
  }
}
