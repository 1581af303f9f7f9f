package io.mpp4j.tempo;

import io.mpp4j.chain.Hex;
import io.mpp4j.chain.RpcException;
import io.mpp4j.core.Credential;
import io.mpp4j.core.Intent;
import io.mpp4j.core.IntentHandler;
import io.mpp4j.core.Offer;
import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.Receipt;
import io.mpp4j.core.SessionExceptions;
import io.mpp4j.core.SessionRequest;
import io.mpp4j.core.VerificationContext;
import io.mpp4j.core.Verified;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The {@code session} intent on Tempo (draft-tempo-session-00), v1 escrow: the challenge request of
 * an offer ({@link SessionChallengeRequest}), and the four actions. {@code open} and {@code topUp}
 * fund the channel with a client-signed transaction; {@code voucher} raises the accepted amount;
 * {@code close} closes the channel on chain. A credential on the request its challenge was issued
 * for (other than {@code HEAD}) pays for that request: its price is reserved before the handler
 * runs and the handler's usage charged after it ({@link SessionMetering}). Any other request (a
 * voucher {@code POST} while a stream is paused, a close) is a management action answered with a
 * receipt. No credential is recorded as a payment by the engine ({@link
 * Verified#withoutPaymentRecord()}): vouchers move no money, and the payee's settle and close
 * transactions are recorded once each by the {@link SessionJournal} (§"Settlement Procedure").
 *
 * <p>Every credential takes a token of its channel's rate limit right after the payload's format
 * checks, before any store access or signature recovery (§"Denial of Service").
 */
final class TempoSession implements IntentHandler<SessionRequest> {
  private final SessionConfig config;
  private final ChannelStore channels;
  private final SessionFunding funding;
  private final SessionSettler settler;
  private final PayeeWallet wallet;
  private final SessionChallengeRequest requests;
  private final VoucherRateLimiter limiter;
  private final SessionStreams streams;

  /** Channel ids the escrow did not know, remembered briefly so that guesses cost one RPC each. */
  private final java.util.Map<String, Long> unknown =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MAX_UNKNOWN = 10_000;
  private static final long UNKNOWN_SECONDS = 30;

  TempoSession(
      SessionConfig config,
      ChannelStore channels,
      SessionFunding funding,
      SessionSettler settler,
      PayeeWallet wallet,
      SessionChallengeRequest requests) {
    this.config = config;
    this.channels = channels;
    this.funding = funding;
    this.settler = settler;
    this.wallet = wallet;
    this.requests = requests;
    this.limiter = new VoucherRateLimiter(config.voucherRate(), config.voucherBurst());
    this.streams = new SessionStreams(limiter, config.voucherRate(), config.voucherBurst());
  }

  @Override
  public Intent<SessionRequest> intent() {
    return Intent.SESSION;
  }

  @Override
  public SessionRequest request(Offer offer) {
    return requests.build(offer);
  }

  @Override
  public Verified verify(Credential credential, VerificationContext<SessionRequest> context) {
    settler.attach(context.store());
    SessionPayload payload = SessionPayload.of(credential, Escrow.UINT128_MAX);
    limiter.acquire(payload.channelId());
    SessionRequest request = context.request();
    SessionChallengeRequest.requireServed(request);
    boolean content =
        context.sameRequest()
            && !"HEAD".equals(context.exchange().httpMethod().orElse(""))
            && (payload.action().equals(SessionPayload.OPEN)
                || payload.action().equals(SessionPayload.VOUCHER));
    if (content && context.challengeExpired()) {
      throw new PaymentExceptions.PaymentExpired("Challenge has expired.");
    }
    String challengeId = credential.challenge().id();
    return switch (payload.action()) {
      case SessionPayload.OPEN -> open(payload, request, context, content, challengeId);
      case SessionPayload.TOP_UP -> topUp(payload, request, context, challengeId);
      case SessionPayload.VOUCHER -> voucher(payload, request, context, content, challengeId);
      default -> close(payload, context, challengeId);
    };
  }

  private Verified open(
      SessionPayload payload,
      SessionRequest request,
      VerificationContext<SessionRequest> context,
      boolean content,
      String challengeId) {
    if (context.challengeExpired()) {
      throw new PaymentExceptions.PaymentExpired("Challenge has expired.");
    }
    Instant now = context.now();
    SessionFunding.CheckedOpen checked =
        funding.checkOpen(payload, request, now, context.expires().orElse(null));
    String txHash = null;
    if (channels.get(context.store(), payload.channelId()).isEmpty()) {
      txHash =
          funding.send(
              checked.tx(),
              checked.payer(),
              Hex.address(request.currency()),
              checked.open().deposit(),
              context.store());
    }
    Escrow.OnChain onChain = readOnChain(payload.channelId());
    if (!onChain.exists()) {
      throw new SessionExceptions.ChannelNotFound(
          "The channel is not open on the escrow.", payload.channelId());
    }
    if (!onChain.payee().equals(Hex.address(request.recipient()))
        || !onChain.token().equals(Hex.address(request.currency()))) {
      throw new PaymentExceptions.VerificationFailed(
          "The channel on the escrow is not for this payee and currency.");
    }
    if (onChain.deposit().subtract(onChain.settled()).compareTo(request.amount()) < 0) {
      throw new SessionExceptions.InsufficientBalance(
          "The channel deposit does not cover one unit.", payload.channelId(), request.amount());
    }
    verifyVoucher(payload, onChain.voucherSigner());
    ChannelState fresh =
        ChannelState.fromChain(
            payload.channelId(), config.escrow(), config.chainId(), onChain, now.getEpochSecond());
    channels.replace(context.store(), null, fresh);
    return afterVoucher(payload, request, context, content, challengeId, txHash, null);
  }

  private Verified topUp(
      SessionPayload payload,
      SessionRequest request,
      VerificationContext<SessionRequest> context,
      String challengeId) {
    if (context.challengeExpired()) {
      throw new SessionExceptions.ChallengeNotFound("Challenge is unknown or has expired.");
    }
    ChannelState state = known(context, payload.channelId());
    if (state.finalized() || state.closing()) {
      throw new SessionExceptions.ChannelFinalized("The channel is closed.", state.channelId());
    }
    SessionFunding.CheckedTopUp checked =
        funding.checkTopUp(payload, request, context.now(), context.expires().orElse(null));
    String txHash =
        funding.send(
            checked.tx(),
            checked.payer(),
            Hex.address(request.currency()),
            payload.additionalDeposit(),
            context.store());
    BigInteger before = state.deposit();
    ChannelState after = settler.refresh(context.store(), state);
    if (after.deposit().compareTo(before.add(payload.additionalDeposit())) < 0) {
      throw new PaymentExceptions.VerificationFailed("The channel deposit did not increase.");
    }
    channels.signal(payload.channelId());
    return Verified.acknowledged(
            receipt(after, challengeId, null, context.now()).withOptional("txHash", txHash))
        .withoutPaymentRecord();
  }

  private Verified voucher(
      SessionPayload payload,
      SessionRequest request,
      VerificationContext<SessionRequest> context,
      boolean content,
      String challengeId) {
    ChannelStore.Versioned current = knownVersioned(context, payload.channelId());
    ChannelState state = current.state();
    if (context.now().getEpochSecond() - state.checkedAt() >= config.stateTtl().toSeconds()) {
      state = settler.refresh(context.store(), state);
      current = null;
    }
    SessionLedger.precheck(state, payload.cumulativeAmount(), config.minVoucherDelta());
    if (!isAcceptedVoucher(state, payload)) {
      verifyVoucher(payload, state.signer());
    }
    boolean serve =
        content && !state.awaits(payload.cumulativeAmount(), context.now().getEpochSecond());
    return afterVoucher(payload, request, context, serve, challengeId, null, current);
  }

  /** Accepts the checked voucher and, for a content request, reserves one unit: one write. */
  private Verified afterVoucher(
      SessionPayload payload,
      SessionRequest request,
      VerificationContext<SessionRequest> context,
      boolean content,
      String challengeId,
      String txHash,
      ChannelStore.Versioned known) {
    String signature = Hex.encode(Voucher.canonical(payload.signature(), payload.channelId()));
    BigInteger price = request.amount();
    ChannelState after =
        channels.update(
            context.store(),
            payload.channelId(),
            known,
            s -> {
              ChannelState next =
                  SessionLedger.acceptVoucher(
                      s, payload.cumulativeAmount(), signature, config.minVoucherDelta());
              return content ? SessionLedger.charge(next, price, 1) : next;
            });
    channels.signal(payload.channelId());
    settler.afterVoucher(after);
    Receipt receipt =
        receipt(after, challengeId, content ? 1L : null, context.now())
            .withOptional("txHash", txHash);
    if (!content) {
      return Verified.acknowledged(receipt).withoutPaymentRecord();
    }
    return Verified.metered(
            receipt,
            new SessionMetering(
                channels,
                context.store(),
                payload.channelId(),
                price,
                challengeId,
                context.clock(),
                receipt,
                streams,
                config.minVoucherDelta()))
        .withoutPaymentRecord();
  }

  private Verified close(
      SessionPayload payload, VerificationContext<SessionRequest> context, String challengeId) {
    ChannelState state = known(context, payload.channelId());
    if (state.finalized()) {
      throw new SessionExceptions.ChannelFinalized("The channel is closed.", state.channelId());
    }
    state = settler.refresh(context.store(), state);
    SessionLedger.requireLive(state);
    BigInteger amount = payload.cumulativeAmount();
    if (amount.compareTo(state.owed()) < 0) {
      throw new PaymentExceptions.VerificationFailed(
          "The close voucher must cover at least " + state.owed() + " (spent and settled).");
    }
    if (amount.compareTo(state.deposit()) > 0) {
      throw new SessionExceptions.AmountExceedsDeposit(
          "The close voucher exceeds the channel deposit.", state.channelId());
    }
    verifyVoucher(payload, state.signer());
    ChannelState closing =
        channels.update(
            context.store(),
            state.channelId(),
            s -> {
              SessionLedger.requireLive(s);
              if (amount.compareTo(s.owed()) < 0) {
                throw new PaymentExceptions.VerificationFailed(
                    "The close voucher must cover at least " + s.owed() + ".");
              }
              return s.withClosing(true);
            });
    channels.signal(state.channelId());
    String tx;
    try {
      tx =
          settler.close(
              closing, amount, Voucher.canonical(payload.signature(), payload.channelId()));
    } catch (PaymentExceptions.VerificationFailed e) {
      channels.update(context.store(), state.channelId(), s -> s.withClosing(false));
      throw e;
    }
    ChannelState closed =
        channels.update(
            context.store(),
            state.channelId(),
            s -> s.withVoucher(s.accepted().max(amount), s.signature()).withFinalized(amount, tx));
    return Verified.acknowledged(
            receipt(closed, challengeId, null, context.now()).with("txHash", tx))
        .withoutPaymentRecord();
  }

  /**
   * Whether the payload repeats the accepted voucher byte for byte (amount and canonical
   * signature): it was verified when it was accepted, so its signature is not checked again.
   */
  private static boolean isAcceptedVoucher(ChannelState state, SessionPayload payload) {
    if (state.signature() == null || !payload.cumulativeAmount().equals(state.accepted())) {
      return false;
    }
    try {
      return Hex.encode(Voucher.canonical(payload.signature(), payload.channelId()))
          .equals(state.signature());
    } catch (SessionExceptions.InvalidSignature e) {
      return false;
    }
  }

  private void verifyVoucher(SessionPayload payload, String signer) {
    byte[] digest =
        Voucher.digest(
            Voucher.Protocol.V1,
            config.chainId(),
            config.escrow(),
            payload.channelId(),
            payload.cumulativeAmount());
    Voucher.verify(digest, payload.signature(), signer, payload.channelId());
  }

  /** The stored state, or the channel read from the escrow the first time this server sees it. */
  private ChannelState known(VerificationContext<SessionRequest> context, String channelId) {
    return knownVersioned(context, channelId).state();
  }

  private ChannelStore.Versioned knownVersioned(
      VerificationContext<SessionRequest> context, String channelId) {
    var stored = channels.get(context.store(), channelId);
    if (stored.isPresent()) {
      return stored.get();
    }
    long now = context.now().getEpochSecond();
    Long until = unknown.get(channelId);
    if (until != null && until > now) {
      throw new SessionExceptions.ChannelNotFound("No such channel on the escrow.", channelId);
    }
    Escrow.OnChain onChain = readOnChain(channelId);
    if (!onChain.exists() || !onChain.payee().equals(config.payee())) {
      if (unknown.size() >= MAX_UNKNOWN) {
        unknown.clear();
      }
      unknown.put(channelId, now + UNKNOWN_SECONDS);
      throw new SessionExceptions.ChannelNotFound(
          "No such channel for this payee on the escrow.", channelId);
    }
    ChannelState fresh =
        ChannelState.fromChain(
            channelId, config.escrow(), config.chainId(), onChain, context.now().getEpochSecond());
    channels.replace(context.store(), null, fresh);
    return channels.get(context.store(), channelId).orElseThrow();
  }

  private Escrow.OnChain readOnChain(String channelId) {
    try {
      return wallet.read(config.escrow(), channelId);
    } catch (RpcException e) {
      throw new PaymentExceptions.ServiceUnavailable(
          "The Tempo network is unreachable; retry later.", e);
    }
  }

  static Receipt receipt(ChannelState state, String challengeId, Long units, Instant now) {
    java.util.Map<String, Object> members = new java.util.LinkedHashMap<>(8);
    members.put("intent", "session");
    members.put("challengeId", challengeId);
    members.put("channelId", state.channelId());
    members.put("acceptedCumulative", state.accepted().toString());
    members.put("spent", state.spent().toString());
    if (units != null) {
      members.put("units", units);
    }
    return new Receipt(TempoMethod.ID, state.channelId(), now, members);
  }
}
