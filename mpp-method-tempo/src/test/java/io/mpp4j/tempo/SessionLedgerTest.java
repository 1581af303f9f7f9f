package io.mpp4j.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.PaymentExceptions;
import io.mpp4j.core.ProblemType;
import io.mpp4j.core.SessionExceptions;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The accounting rules of a channel, and its stored form. */
class SessionLedgerTest {
  private static final String SIG = "0x" + "11".repeat(65);
  private static final BigInteger MIN_DELTA = BigInteger.valueOf(10);

  static ChannelState state(long deposit, long accepted, long spent, long settled) {
    return new ChannelState(
        "0x" + "ab".repeat(32),
        "v1",
        "0x" + "01".repeat(20),
        31337,
        "0x" + "02".repeat(20),
        "0x" + "03".repeat(20),
        "0x" + "04".repeat(20),
        "0x" + "02".repeat(20),
        BigInteger.valueOf(deposit),
        BigInteger.valueOf(accepted),
        accepted == 0 ? null : SIG,
        BigInteger.valueOf(spent),
        3,
        BigInteger.valueOf(settled),
        0,
        false,
        false,
        null,
        100,
        100,
        BigInteger.ZERO,
        0);
  }

  @Test
  void acceptVoucherWhenHigherThenAcceptedAmountGrows() {
    ChannelState next =
        SessionLedger.acceptVoucher(
            state(10_000, 1_000, 1_000, 0), BigInteger.valueOf(2_000), SIG, MIN_DELTA);

    assertThat(next.accepted()).isEqualTo(2_000);
    assertThat(next.available()).isEqualTo(1_000);
  }

  @Test
  void acceptVoucherWhenEqualThenSameStateWritesNothing() {
    ChannelState state = state(10_000, 1_000, 1_000, 0);

    assertThat(SessionLedger.acceptVoucher(state, BigInteger.valueOf(1_000), SIG, MIN_DELTA))
        .isSameAs(state);
  }

  @Test
  void acceptVoucherWhenLowerAboveDepositOrTooSmallThenTypedRefusals() {
    ChannelState state = state(10_000, 1_000, 1_000, 0);

    assertThatThrownBy(
            () -> SessionLedger.acceptVoucher(state, BigInteger.valueOf(999), SIG, MIN_DELTA))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    assertThatThrownBy(
            () -> SessionLedger.acceptVoucher(state, BigInteger.valueOf(10_001), SIG, MIN_DELTA))
        .isInstanceOf(SessionExceptions.AmountExceedsDeposit.class);
    assertThatThrownBy(
            () -> SessionLedger.acceptVoucher(state, BigInteger.valueOf(1_005), SIG, MIN_DELTA))
        .isInstanceOf(SessionExceptions.DeltaTooSmall.class);
  }

  @Test
  void acceptVoucherWhenClosingFinalizedOrCloseRequestedThenChannelFinalized() {
    ChannelState state = state(10_000, 1_000, 1_000, 0);

    for (ChannelState closed :
        new ChannelState[] {
          state.withClosing(true),
          state.withFinalized(BigInteger.valueOf(1_000), "0x" + "ee".repeat(32)),
          state.withOnChain(state.deposit(), BigInteger.ZERO, 1_700_000_000L, false, 200)
        }) {
      assertThatThrownBy(
              () -> SessionLedger.acceptVoucher(closed, BigInteger.valueOf(2_000), SIG, MIN_DELTA))
          .isInstanceOfSatisfying(
              SessionExceptions.ChannelFinalized.class,
              e -> assertThat(e.type().status()).isEqualTo(410));
    }
  }

  @Test
  void chargeWhenCoveredThenSpentGrowsElseInsufficientBalanceWithRequiredTopUp() {
    ChannelState state = state(10_000, 3_000, 1_000, 0);

    ChannelState charged = SessionLedger.charge(state, BigInteger.valueOf(1_000), 2);

    assertThat(charged.spent()).isEqualTo(3_000);
    assertThat(charged.units()).isEqualTo(5);
    assertThatThrownBy(() -> SessionLedger.charge(charged, BigInteger.valueOf(1_000), 1))
        .isInstanceOfSatisfying(
            SessionExceptions.InsufficientBalance.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.SESSION_INSUFFICIENT_BALANCE);
              assertThat(e.members()).containsEntry("requiredTopUp", "1000");
            });
  }

  @Test
  void refundWhenHandlerFailedThenSpentGoesBackButNeverBelowSettled() {
    ChannelState state = state(10_000, 3_000, 3_000, 2_500);

    ChannelState refunded = SessionLedger.refund(state, BigInteger.valueOf(1_000), 1);

    assertThat(refunded.spent()).isEqualTo(2_500);
    assertThat(refunded.owed()).isEqualTo(2_500);
  }

  @Test
  void encodeWhenDecodedThenSameState() {
    ChannelState state =
        state(10_000, 3_000, 1_000, 500)
            .withFinalized(BigInteger.valueOf(3_000), "0x" + "ee".repeat(32));

    assertThat(ChannelState.decode(state.encode())).isEqualTo(state);
    assertThatThrownBy(() -> ChannelState.decode("{}".getBytes()))
        .isInstanceOf(IllegalStateException.class);
  }
}
