package io.mpp4j.evm;

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

/**
 * The {@code charge} intent of the {@code evm} method (draft-evm-charge-00): the challenge request
 * of an offer, and the credential types this server settles.
 */
final class EvmCharge implements IntentHandler<ChargeRequest> {
  private final EvmMethod.Settings settings;
  private final AuthorizationCheck check;
  private final Settler settler;
  private final ClientTransactions clientTransactions;
  private final ChargeRecovery recovery;

  EvmCharge(
      EvmMethod.Settings settings,
      AuthorizationCheck check,
      Settler settler,
      ClientTransactions clientTransactions,
      ChargeRecovery recovery) {
    this.settings = settings;
    this.check = check;
    this.settler = settler;
    this.clientTransactions = clientTransactions;
    this.recovery = recovery;
  }

  @Override
  public Intent<ChargeRequest> intent() {
    return Intent.CHARGE;
  }

  @Override
  public ChargeRequest request(Offer offer) {
    BigInteger amount = offer.price().toBaseUnits(settings.decimals());
    if (offer.currency() != null && !Hex.address(offer.currency()).equals(settings.token())) {
      throw new IllegalArgumentException(
          "the evm method charges " + settings.token() + " only, not " + offer.currency());
    }
    String payee = offer.recipient() != null ? offer.recipient() : settings.recipient();
    ObjectNode details = Json.object();
    details.put("chainId", settings.chainId());
    settings.credentialTypes().forEach(details.putArray("credentialTypes")::add);
    details.put("decimals", settings.decimals());
    details.put("permit2Address", settings.permit2Address());
    return new ChargeRequest(
        amount,
        Eip3009.checksum(settings.token()),
        Eip3009.checksum(payee),
        offer.description(),
        offer.externalId(),
        details);
  }

  @Override
  public Verified verify(Credential credential, VerificationContext<ChargeRequest> context) {
    EvmTerms terms;
    try {
      terms = EvmTerms.of(context.request());
    } catch (IllegalArgumentException e) {
      throw new PaymentExceptions.VerificationFailed("The challenge is not an EVM charge.");
    }
    String type =
        credential
            .payloadString("type")
            .orElseThrow(() -> new PaymentExceptions.InvalidPayload("The payload needs a type."));
    if (!List.of(EvmTerms.AUTHORIZATION, EvmTerms.TRANSACTION, EvmTerms.HASH, EvmTerms.PERMIT2)
        .contains(type)) {
      throw new PaymentExceptions.InvalidPayload("Unknown EVM payload type.");
    }
    if (!terms.accepts(type)) {
      throw new PaymentExceptions.VerificationFailed(
          "This challenge does not accept " + type + " credentials.");
    }
    String reference =
        switch (type) {
          case EvmTerms.AUTHORIZATION ->
              settler.settle(
                  check.check(credential, terms, context.now(), context.realm()), terms, context);
          case EvmTerms.TRANSACTION -> clientTransactions.pull(credential, terms, context);
          case EvmTerms.HASH -> clientTransactions.push(credential, terms, context);
          default ->
              throw new PaymentExceptions.VerificationFailed(
                  "Permit2 credentials are not supported by this server.");
        };
    Receipt receipt =
        new Receipt(EvmMethod.ID, reference, context.now())
            .with("challengeId", credential.challenge().id())
            .with("chainId", terms.chainId());
    return Verified.settled(receipt.withOptional("externalId", context.request().externalId()));
  }

  /** Looks up a settlement whose receipt never arrived (see {@link ChargeRecovery}). */
  @Override
  public Recovery recover(PendingPayment pending, RecoveryContext context) {
    return recovery.recover(pending, context);
  }
}
