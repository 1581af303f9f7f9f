package io.mpp4j.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpp4j.core.PaymentExceptions;
import org.junit.jupiter.api.Test;

/** did:pkh payer sources. */
class PayerSourceTest {
  private static final String ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  @Test
  void addressWhenDidOfTheChainThenLowercaseAddress() {
    String did = PayerSource.did(8453, "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    assertThat(PayerSource.address(did, 8453L)).isEqualTo(ADDRESS);
    assertThat(PayerSource.address(did, null)).isEqualTo(ADDRESS);
  }

  @Test
  void addressWhenOtherChainOrNotADidThenVerificationFailed() {
    assertThatThrownBy(() -> PayerSource.address(PayerSource.did(1, ADDRESS), 8453L))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class)
        .hasMessageContaining("another chain");
    assertThatThrownBy(() -> PayerSource.address("did:pkh:eip155:01:" + ADDRESS, null))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    assertThatThrownBy(() -> PayerSource.address("did:pkh:eip155:1:0x1234", null))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
    assertThatThrownBy(
            () -> PayerSource.address("did:pkh:eip155:9999999999999999999:" + ADDRESS, null))
        .isInstanceOf(PaymentExceptions.VerificationFailed.class);
  }
}
