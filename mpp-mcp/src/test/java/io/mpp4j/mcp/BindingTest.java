package io.mpp4j.mcp;

import static io.mpp4j.mcp.Wire.call;
import static io.mpp4j.mcp.Wire.challenge;
import static io.mpp4j.mcp.Wire.code;
import static io.mpp4j.mcp.Wire.data;
import static io.mpp4j.mcp.Wire.pay;
import static io.mpp4j.mcp.Wire.receipt;
import static io.mpp4j.mcp.Wire.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Secret;
import io.mpp4j.core.store.MemoryStore;
import io.mpp4j.core.store.Store;
import io.mpp4j.core.testing.FakePaymentMethod;
import io.mpp4j.store.redis.RedisStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A credential pays for exactly one operation: the tool's name and its canonical arguments are
 * bound into the challenge, and a challenge is used once across every instance sharing a store.
 */
class BindingTest {
  private static final Secret SECRET = Secret.of("binding test secret shared by instances");

  private final FakePaymentMethod fake = new FakePaymentMethod();
  private final Instance one = new Instance(new MemoryStore(), fake);

  @Test
  void credentialWhenPresentedForOtherArgumentsThenVerificationFailedAndNothingCharged() {
    Map<String, Object> offered = challenge(one.fortune, Map.of("topic", "luck"));

    McpError error = refused(one.fortune, Map.of("topic", "love"), pay(offered, "tok-args"));

    assertThat(code(error)).isEqualTo(-32043);
    assertThat(reason(error)).isEqualTo("invalid-challenge");
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void credentialWhenPresentedForAnotherToolOfTheSamePriceThenVerificationFailed() {
    Map<String, Object> offered = challenge(one.fortune, Map.of());

    McpError error = refused(one.horoscope, Map.of(), pay(offered, "tok-tool"));

    assertThat(code(error)).isEqualTo(-32043);
    assertThat(reason(error)).isEqualTo("invalid-challenge");
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void credentialWhenCheapToolPaidThenItNeverPaysTheExpensiveOne() {
    Map<String, Object> cheap = challenge(one.fortune, Map.of());

    McpError error = refused(one.premium, Map.of(), pay(cheap, "tok-cheap"));

    assertThat(code(error)).isEqualTo(-32043);
    assertThat(fake.settlements()).isZero();
  }

  @Test
  void credentialWhenArgumentsReorderedAndRespelledThenSameOperationIsPaid() {
    Map<String, Object> asked = new LinkedHashMap<>();
    asked.put("topic", "luck");
    asked.put("count", 1);
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("count", 1.0);
    sent.put("topic", "luck");

    CallToolResult result = call(one.fortune, sent, pay(challenge(one.fortune, asked), "tok-jcs"));

    assertThat(receipt(result)).containsEntry("reference", "fake_tok-jcs");
  }

  @Test
  void credentialWhenReplayedOnTheSameInstanceThenRefused() {
    Map<String, Object> credential = pay(challenge(one.fortune, Map.of()), "tok-replay");

    call(one.fortune, Map.of(), credential);
    McpError replay = refused(one.fortune, Map.of(), credential);

    assertThat(code(replay)).isEqualTo(-32043);
    assertThat(reason(replay)).isEqualTo("invalid-challenge");
    assertThat(fake.settlements()).isEqualTo(1);
  }

  @Test
  void credentialWhenReplayedOnAnotherInstanceSharingTheStoreThenRefused() {
    Instance two = new Instance(one.store, new FakePaymentMethod());
    Map<String, Object> credential = pay(challenge(one.fortune, Map.of()), "tok-shared");

    call(one.fortune, Map.of(), credential);
    McpError replay = refused(two.fortune, Map.of(), credential);

    assertThat(code(replay)).isEqualTo(-32043);
    assertThat(reason(replay)).isEqualTo("invalid-challenge");
  }

  @Test
  void credentialWhenReplayedOnAnInstanceWithItsOwnStoreThenAcceptedSoTheStoreIsWhatRefuses() {
    Instance alone = new Instance(new MemoryStore(), new FakePaymentMethod());
    Map<String, Object> credential = pay(challenge(one.fortune, Map.of()), "tok-alone");

    call(one.fortune, Map.of(), credential);
    CallToolResult accepted = call(alone.fortune, Map.of(), credential);

    assertThat(receipt(accepted)).containsEntry("reference", "fake_tok-alone");
  }

  @Test
  void credentialWhenReplayedOnAnotherInstanceSharingRedisThenRefused() throws Exception {
    String prefix = "mpp-mcp-test:" + UUID.randomUUID() + ":";
    try (RedisStore a = redis(prefix);
        RedisStore b = redis(prefix)) {
      Instance first = new Instance(a, new FakePaymentMethod());
      Instance second = new Instance(b, new FakePaymentMethod());
      Map<String, Object> credential = pay(challenge(first.fortune, Map.of()), "tok-redis");

      CallToolResult paid = call(first.fortune, Map.of(), credential);
      McpError replay = refused(second.fortune, Map.of(), credential);

      assertThat(receipt(paid)).containsEntry("reference", "fake_tok-redis");
      assertThat(code(replay)).isEqualTo(-32043);
      assertThat(reason(replay)).isEqualTo("invalid-challenge");
    }
  }

  private static RedisStore redis(String prefix) {
    return RedisStore.builder().uri("redis://127.0.0.1:6379").keyPrefix(prefix).build();
  }

  private static Object reason(McpError error) {
    return ((Map<?, ?>) data(error).get("failure")).get("reason");
  }

  /** One server instance: its own engine over {@code store}, with three paid tools. */
  private static final class Instance {
    final Store store;
    final McpServerFeatures.SyncToolSpecification fortune;
    final McpServerFeatures.SyncToolSpecification horoscope;
    final McpServerFeatures.SyncToolSpecification premium;

    Instance(Store store, FakePaymentMethod method) {
      this.store = store;
      McpPayments payments =
          McpPayments.builder(
                  Mpp.builder()
                      .realm("mcp.example")
                      .secret(SECRET)
                      .method(method)
                      .store(store)
                      .build())
              .build();
      this.fortune = tool(payments, "fortune", "0.01");
      this.horoscope = tool(payments, "horoscope", "0.01");
      this.premium = tool(payments, "premium", "5.00");
    }

    private static McpServerFeatures.SyncToolSpecification tool(
        McpPayments payments, String name, String price) {
      return payments.tool(
          Tool.builder().name(name).inputSchema(Map.of("type", "object")).build(),
          McpPayments.Pricing.of(price),
          (exchange, request, paid) -> CallToolResult.builder().addTextContent(name).build());
    }
  }
}
