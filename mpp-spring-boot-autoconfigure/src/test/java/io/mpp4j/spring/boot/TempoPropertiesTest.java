package io.mpp4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.tempo.TempoMethod;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The other {@code mpp.tempo.*} settings reach the built method: splits (draft-tempo-charge-00 §4),
 * sessions (draft-tempo-session-00), replay and broadcast bounds; a bad or half-configured one
 * fails start-up naming its property.
 */
class TempoPropertiesTest {
  /** A well-known development key (anvil's first account) and its address. */
  private static final String PAYEE_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  private static final String PAYEE = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  private static final String ESCROW = "0x9d136eEa063eDE5418A6BC7bEafF009bBb6CFa70";
  private static final String SPLIT_TO = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  private static final String MEMO =
      "0x0000000000000000000000000000000000000000000000000000000000000abc";

  @Test
  void sessionPropertiesWhenSetThenSessionChallengesCarryThem() {
    session()
        .withPropertyValues(
            "mpp.tempo.session.suggested-deposit=2.50",
            "mpp.tempo.session.min-voucher-delta=1000",
            "mpp.tempo.session.min-deposit=0.50",
            "mpp.tempo.session.settle-above=5.00",
            "mpp.tempo.session.settle-every=1h",
            "mpp.tempo.session.voucher-rate-limit=5",
            "mpp.tempo.session.voucher-burst=8",
            "mpp.tempo.session.payee-fee-token=0x20c0000000000000000000000000000000000001")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TempoMethod tempo = context.getBean(TempoMethod.class);
              assertThat(tempo.handlers())
                  .extracting(handler -> handler.intent().name())
                  .containsExactly("charge", "session");
              JsonNode request =
                  context
                      .getBean(Mpp.class)
                      .request(Offer.session("tempo").price("0.01").build())
                      .toJson();
              assertThat(request.path("suggestedDeposit").asText()).isEqualTo("2500000");
              assertThat(request.path("recipient").asText()).isEqualToIgnoringCase(PAYEE);
              JsonNode details = request.path("methodDetails");
              assertThat(details.path("escrowContract").asText()).isEqualToIgnoringCase(ESCROW);
              assertThat(details.path("minVoucherDelta").asText()).isEqualTo("1000");
            });
  }

  @Test
  void sessionWhenUnsetThenOnlyChargesAreServed() {
    StarterContexts.runner()
        .run(
            context ->
                assertThat(context.getBean(TempoMethod.class).handlers())
                    .extracting(handler -> handler.intent().name())
                    .containsExactly("charge"));
  }

  @Test
  void sessionWhenHalfConfiguredThenStartupNamesTheMissingProperty() {
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.session.escrow=" + ESCROW),
        "mpp.tempo.session.payee-key must be set");
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.session.payee-key=" + PAYEE_KEY),
        "mpp.tempo.session.escrow must be set");
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.session.settle-above=5.00"),
        "mpp.tempo.session.escrow and payee-key must be set");
    failsWith(
        StarterContexts.runner()
            .withPropertyValues(
                "mpp.tempo.session.escrow=" + ESCROW, "mpp.tempo.session.payee-key=" + PAYEE_KEY),
        "mpp.tempo.recipient must be the address of mpp.tempo.session.payee-key");
    failsWith(
        session().withPropertyValues("mpp.tempo.session.settle-above=lots"),
        "mpp.tempo.session.settle-above");
    failsWith(
        session().withPropertyValues("mpp.tempo.session.voucher-burst=0"),
        "mpp.tempo.session.voucher-rate-limit/voucher-burst");
  }

  @Test
  void payeeKeyWhenInvalidThenStartupNamesItWithoutRepeatingIt() {
    StarterContexts.runner()
        .withPropertyValues(
            "mpp.tempo.session.escrow=" + ESCROW, "mpp.tempo.session.payee-key=0xfeedface1234")
        .run(
            context -> {
              Throwable failure = context.getStartupFailure();
              assertThat(StarterContexts.rootCause(failure))
                  .hasMessageContaining("mpp.tempo.session.payee-key");
              for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("feedface1234");
              }
            });
  }

  @Test
  void splitsWhenSetThenEveryChargeRequestCarriesThem() {
    StarterContexts.runner()
        .withPropertyValues(
            "mpp.tempo.splits[0].recipient=" + SPLIT_TO,
            "mpp.tempo.splits[0].amount=0.10",
            "mpp.tempo.splits[0].memo=" + MEMO,
            "mpp.tempo.splits[1].recipient=" + PAYEE,
            "mpp.tempo.splits[1].amount=0.05")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              JsonNode splits =
                  context
                      .getBean(Mpp.class)
                      .request(Offer.charge("tempo").price("1.00").build())
                      .toJson()
                      .path("methodDetails")
                      .path("splits");
              assertThat(splits).hasSize(2);
              assertThat(splits.get(0).path("recipient").asText()).isEqualToIgnoringCase(SPLIT_TO);
              assertThat(splits.get(0).path("amount").asText()).isEqualTo("100000");
              assertThat(splits.get(0).path("memo").asText()).isEqualToIgnoringCase(MEMO);
              assertThat(splits.get(1).path("amount").asText()).isEqualTo("50000");
              assertThat(splits.get(1).has("memo")).isFalse();
            });
  }

  @Test
  void splitsWhenIncompleteOrInvalidThenStartupNamesTheProperty() {
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.splits[0].amount=0.10"),
        "mpp.tempo.splits[0].recipient is required");
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.splits[0].recipient=" + SPLIT_TO),
        "mpp.tempo.splits[0].amount is required");
    failsWith(
        StarterContexts.runner()
            .withPropertyValues(
                "mpp.tempo.splits[0].recipient=" + SPLIT_TO, "mpp.tempo.splits[0].amount=ten"),
        "mpp.tempo.splits[0].amount");
    failsWith(
        StarterContexts.runner()
            .withPropertyValues(
                "mpp.tempo.splits[0].recipient=nobody", "mpp.tempo.splits[0].amount=0.10"),
        "mpp.tempo.splits[0]");
  }

  @Test
  void boundsWhenValidThenStartWhenInvalidThenStartupNamesTheProperty() {
    StarterContexts.runner()
        .withPropertyValues(
            "mpp.tempo.replay-ttl=1d",
            "mpp.tempo.max-expiring-window=30s",
            "mpp.tempo.max-concurrent-broadcasts=1")
        .run(context -> assertThat(context).hasNotFailed());
    StarterContexts.runner()
        .withPropertyValues("mpp.tempo.max-broadcasts-per-payer=40")
        .run(context -> assertThat(context).hasNotFailed());
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.replay-ttl=-1s"),
        "mpp.tempo.replay-ttl");
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.max-expiring-window=0s"),
        "mpp.tempo.max-expiring-window");
    failsWith(
        StarterContexts.runner().withPropertyValues("mpp.tempo.max-concurrent-broadcasts=0"),
        "mpp.tempo.max-concurrent-broadcasts");
    failsWith(
        StarterContexts.runner()
            .withPropertyValues(
                "mpp.tempo.max-concurrent-broadcasts=3", "mpp.tempo.max-broadcasts-per-payer=5"),
        "max-broadcasts-per-payer");
  }

  /** Sessions on: the recipient is the payee key's address. */
  private static WebApplicationContextRunner session() {
    return StarterContexts.runner()
        .withPropertyValues(
            "mpp.tempo.recipient=" + PAYEE,
            "mpp.tempo.session.escrow=" + ESCROW,
            "mpp.tempo.session.payee-key=" + PAYEE_KEY);
  }

  private static void failsWith(WebApplicationContextRunner runner, String message) {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          assertThat(StarterContexts.rootCause(context.getStartupFailure()))
              .hasMessageContaining(message);
        });
  }
}
