package io.mpp4j.stripe;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Stripe Connect parameters of the PaymentIntent, configured by the server only and never put in a
 * challenge (draft-stripe-charge-00 §Settlement; Connect parameters are server-side). Amounts are
 * in the smallest unit of the charged currency; null means "not set".
 */
record ConnectSettings(
    String onBehalfOf,
    String transferDestination,
    Long transferAmount,
    Long applicationFeeAmount,
    String transferGroup,
    String stripeAccount) {

  static final ConnectSettings NONE = new ConnectSettings(null, null, null, null, null, null);

  private static final Pattern ACCOUNT_ID = Pattern.compile("acct_[A-Za-z0-9]{1,64}");
  private static final Pattern TRANSFER_GROUP = Pattern.compile("[\\x21-\\x7e]{1,200}");

  ConnectSettings {
    account(onBehalfOf, "onBehalfOf");
    account(transferDestination, "transferDestination");
    account(stripeAccount, "stripeAccount");
    nonNegative(transferAmount, "transferAmount");
    nonNegative(applicationFeeAmount, "applicationFeeAmount");
    if (transferAmount != null && transferDestination == null) {
      throw new IllegalArgumentException("transferAmount needs a transferDestination");
    }
    if (transferAmount != null && applicationFeeAmount != null) {
      throw new IllegalArgumentException(
          "set either applicationFeeAmount or transferAmount, not both");
    }
    if (applicationFeeAmount != null && transferDestination == null && stripeAccount == null) {
      throw new IllegalArgumentException(
          "applicationFeeAmount needs a transferDestination or a stripeAccount");
    }
    if (transferGroup != null && !TRANSFER_GROUP.matcher(transferGroup).matches()) {
      throw new IllegalArgumentException("transferGroup must be 1-200 printable ASCII characters");
    }
  }

  /**
   * Checks the fixed fee and transfer amounts against a charge amount.
   *
   * @throws IllegalArgumentException when either exceeds {@code amount}
   */
  void checkAgainst(BigInteger amount) {
    if (exceeds(transferAmount, amount) || exceeds(applicationFeeAmount, amount)) {
      throw new IllegalArgumentException(
          "Connect fee and transfer amounts must not exceed the charged amount " + amount);
    }
  }

  private static boolean exceeds(Long part, BigInteger amount) {
    return part != null && BigInteger.valueOf(part).compareTo(amount) > 0;
  }

  private static void account(String id, String name) {
    if (id != null && !ACCOUNT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(name + " must be a Stripe account id (acct_...)");
    }
  }

  private static void nonNegative(Long value, String name) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
