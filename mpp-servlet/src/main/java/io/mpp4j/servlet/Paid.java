package io.mpp4j.servlet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a servlet, or one of its {@code doGet}/{@code doPost}/... methods, as a paid resource
 * (draft-httpauth-payment-00 §5: the server answers {@code 402} with one {@code Payment} challenge
 * per offer until a valid credential is presented).
 *
 * <p>On the class it applies to every HTTP method the servlet serves except {@code OPTIONS} and
 * {@code TRACE}; on a method it applies to that HTTP method (and {@code doGet} also to {@code
 * HEAD}) and takes precedence over the class. Exactly one of {@link #price()} and {@link
 * #baseUnits()} is required. The {@link PaymentFilter} reads annotations once, at init, for every
 * servlet registered in the context, and finds a request's servlet through its servlet mapping.
 *
 * <pre>{@code
 * @Paid(price = "0.01", description = "One fortune")
 * public class FortuneServlet extends HttpServlet { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Paid {
  /** A decimal price in the currency's main unit, e.g. {@code "0.01"}; converted by each method. */
  String price() default "";

  /** An exact amount in the currency's smallest unit; {@code -1} when {@link #price()} is used. */
  long baseUnits() default -1;

  /** Currency override (e.g. a token address or {@code usd}); empty for each method's default. */
  String currency() default "";

  /**
   * Payment method ids to offer, one challenge each ({@code tempo}, {@code stripe}); empty for the
   * filter's {@linkplain PaymentFilter.Builder#defaultMethods default methods}.
   */
  String[] methods() default {};

  /** Display text carried in the challenge; empty for none. */
  String description() default "";

  /**
   * The payment intent: {@code charge} (one payment per request, the default) or {@code session} (a
   * payment channel; {@link #price()} is then per unit).
   *
   * @since 0.2.0
   */
  String intent() default "charge";

  /**
   * Session: what one unit is ({@code request}, {@code llm_token}); empty for none.
   *
   * @since 0.2.0
   */
  String unitType() default "";

  /**
   * Session: the channel deposit to suggest, as a decimal price ({@code "1.00"}); empty for the
   * method's default.
   *
   * @since 0.2.0
   */
  String suggestedDeposit() default "";

  /**
   * The header the credential must arrive in when the route uses {@code Authorization} for
   * something else: {@code Payment-Authorization}; empty for {@code Authorization}.
   *
   * @since 0.2.0
   */
  String credentialHeader() default "";

  /**
   * The name of a bean of type {@link PricingFunction} that prices each request (dynamic prices);
   * every other element except {@link #description()} must then keep its default. Only the Spring
   * Boot starter resolves beans: on a servlet the filter refuses it at init (declare a {@link
   * RouteTable} route with a {@link PricingFunction} instead).
   *
   * @since 0.2.0
   */
  String pricing() default "";
}
