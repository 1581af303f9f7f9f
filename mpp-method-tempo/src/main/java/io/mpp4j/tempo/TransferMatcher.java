package io.mpp4j.tempo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Matches the transfers a charge expects against the transfers a payment made, each actual transfer
 * used at most once, in any order. Expectations with a memo requirement are matched before open
 * ones, so that an open expectation cannot take the one transfer a memo-bound expectation needs.
 */
final class TransferMatcher {
  private TransferMatcher() {}

  /**
   * The actual transfer each expectation was matched with (in the order of {@code expected}), or
   * empty when some expectation has no match.
   */
  static Optional<List<Tip20.Transfer>> match(
      List<ChargeTerms.Expected> expected,
      List<Tip20.Transfer> actual,
      String realm,
      String challengeId) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> expected.get(i).memoSpecific() ? 0 : 1));
    boolean[] used = new boolean[actual.size()];
    Tip20.Transfer[] matched = new Tip20.Transfer[expected.size()];
    for (int index : order) {
      ChargeTerms.Expected want = expected.get(index);
      int found = -1;
      for (int j = 0; j < actual.size() && found < 0; j++) {
        if (!used[j] && want.accepts(actual.get(j), realm, challengeId)) {
          found = j;
        }
      }
      if (found < 0) {
        return Optional.empty();
      }
      used[found] = true;
      matched[index] = actual.get(found);
    }
    return Optional.of(List.of(matched));
  }
}
