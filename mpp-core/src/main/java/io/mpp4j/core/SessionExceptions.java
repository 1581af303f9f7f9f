package io.mpp4j.core;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One final exception per session problem type (draft-tempo-session-00 §9). Each names the channel
 * in the problem's {@code channelId} member where it is known.
 *
 * @since 0.2.0
 */
public final class SessionExceptions {
  private SessionExceptions() {}

  private static Map<String, String> channel(String channelId) {
    return channelId == null ? Map.of() : Map.of("channelId", channelId);
  }

  /** 402 {@code session/invalid-signature}: a voucher signature does not recover. */
  public static final class InvalidSignature extends PaymentException {
    private static final long serialVersionUID = 1L;

    public InvalidSignature(String detail, String channelId) {
      super(ProblemType.SESSION_INVALID_SIGNATURE, detail, null, channel(channelId));
    }
  }

  /** 402 {@code session/signer-mismatch}: the voucher was signed by someone else. */
  public static final class SignerMismatch extends PaymentException {
    private static final long serialVersionUID = 1L;

    public SignerMismatch(String detail, String channelId) {
      super(ProblemType.SESSION_SIGNER_MISMATCH, detail, null, channel(channelId));
    }
  }

  /** 402 {@code session/amount-exceeds-deposit}: a voucher promises more than the deposit. */
  public static final class AmountExceedsDeposit extends PaymentException {
    private static final long serialVersionUID = 1L;

    public AmountExceedsDeposit(String detail, String channelId) {
      super(ProblemType.SESSION_AMOUNT_EXCEEDS_DEPOSIT, detail, null, channel(channelId));
    }
  }

  /** 402 {@code session/delta-too-small}: a voucher adds less than {@code minVoucherDelta}. */
  public static final class DeltaTooSmall extends PaymentException {
    private static final long serialVersionUID = 1L;

    public DeltaTooSmall(String detail, String channelId) {
      super(ProblemType.SESSION_DELTA_TOO_SMALL, detail, null, channel(channelId));
    }
  }

  /** 410 {@code session/channel-not-found}: no such channel on the escrow contract. */
  public static final class ChannelNotFound extends PaymentException {
    private static final long serialVersionUID = 1L;

    public ChannelNotFound(String detail, String channelId) {
      super(ProblemType.SESSION_CHANNEL_NOT_FOUND, detail, null, channel(channelId));
    }
  }

  /** 410 {@code session/channel-finalized}: the channel is closed or closing. */
  public static final class ChannelFinalized extends PaymentException {
    private static final long serialVersionUID = 1L;

    public ChannelFinalized(String detail, String channelId) {
      super(ProblemType.SESSION_CHANNEL_FINALIZED, detail, null, channel(channelId));
    }
  }

  /** 402 {@code session/challenge-not-found}: the challenge is unknown or expired. */
  public static final class ChallengeNotFound extends PaymentException {
    private static final long serialVersionUID = 1L;

    public ChallengeNotFound(String detail) {
      super(ProblemType.SESSION_CHALLENGE_NOT_FOUND, detail, null, Map.of());
    }
  }

  /**
   * 402 {@code session/insufficient-balance}: the vouchers received do not cover this request; the
   * problem carries {@code requiredTopUp} (base units still missing).
   */
  public static final class InsufficientBalance extends PaymentException {
    private static final long serialVersionUID = 1L;

    public InsufficientBalance(String detail, String channelId, BigInteger requiredTopUp) {
      super(
          ProblemType.SESSION_INSUFFICIENT_BALANCE,
          detail,
          null,
          members(channelId, requiredTopUp));
    }

    private static Map<String, String> members(String channelId, BigInteger requiredTopUp) {
      Map<String, String> members = new LinkedHashMap<>(channel(channelId));
      members.put("requiredTopUp", requiredTopUp.toString());
      return members;
    }
  }

  /**
   * 429 Too Many Requests: the channel's vouchers arrive faster than the server's per-channel limit
   * (draft-tempo-session-00 §"Denial of Service": servers MUST rate limit, SHOULD at 10 per second
   * per session). Nothing was verified or written; the client retries after {@code Retry-After}.
   * The draft registers no problem type for this, so the problem's type is {@code about:blank}.
   *
   * @since 0.2.0
   */
  public static final class TooManyVouchers extends PaymentException {
    private static final long serialVersionUID = 1L;

    public TooManyVouchers(String detail, String channelId) {
      super(ProblemType.TOO_MANY_REQUESTS, detail, null, channel(channelId));
    }
  }
}
